/**
 * Issue 16's generators for the fuzz campaign (`npm run fuzz`; a few cases under `npm test`):
 *
 * - hostile manifests: a real run's manifest with fields set to what an attacker would put
 *   there — devices, a FIFO, a directory, a secret file, endless or huge sizes, control
 *   characters, paths where a built-in policy id belongs, wrong types, keys removed or
 *   added. verify must answer (0, 1, 65 or 66), print nothing raw, quote no file.
 * - sparse XLSX: a hand-built workbook with cells, error cells and merged ranges scattered
 *   up to and beyond Excel's limits, read under a 96 MB heap: beyond the limits a data
 *   error naming a cell; within, the ballots counted and every other row accounted for.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from '../../src/cli.js'
import { BIN, ROOT } from '../helpers.js'
import { BALLOT_ROWS, cellXml, handXlsx } from '../support/xlsx.js'
import { checkProperty, runsFor, SPAWNED_TIMEOUT } from './campaign.js'
import { CONTROLS } from './gen.js'
import { type RunOutcome, tempDir } from './harness.js'
import { checkOutcome, checkRowIdentity, type ReportJson } from './invariants.js'

const tmp = tempDir('kaohe-hostile-')
afterAll(() => tmp.done())
const SECRET = 'SECRET-CONTENT-16B'
let base: Record<string, unknown>

beforeAll(async () => {
  cpSync(join(ROOT, 'samples'), tmp.path('samples'), { recursive: true })
  mkdirSync(tmp.path('out'))
  writeFileSync(tmp.path('secret.txt'), `root:${SECRET}:19000:0:99999:7:::\n`)
  spawnSync('mkfifo', [tmp.path('fifo')])
  const args = ['assess', '--votes', 'samples/votes-long.csv', '--roster', 'samples/roster.csv', '--out', 'out/r.json', '--out', 'out/r.csv', '-q']
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmp.dir, encoding: 'utf8' })
  expect(r.status, r.stderr).toBe(0)
  base = JSON.parse(readFileSync(tmp.path('out/r.json.manifest.json'), 'utf8')) as Record<string, unknown>
})

/** The fields a manifest has (and one it has not). */
const FIELDS = [
  'format', 'command', 'time', 'timeSource', 'tool.version', 'tool.name',
  'policy.id', 'policy.version', 'policy.sha256', 'policy.builtin', 'policy.file',
  'options.lang', 'options.policy', 'options.encoding', 'options.outEncoding', 'options.delimiter', 'options.sheet',
  'options.lenient', 'options.votesFormat', 'options.sumCounts', 'options.year', 'options.headerRow',
  'inputs', 'inputs.0.path', 'inputs.0.fromManifest', 'inputs.1.fromManifest', 'inputs.1.sha256', 'inputs.1.rows',
  'inputs.1.format', 'inputs.1.encoding', 'inputs.1.shape', 'inputs.1.given', 'inputs.1.kind',
  'result.sha256', 'outputs', 'outputs.0.path', 'outputs.0.fromManifest', 'outputs.1.fromManifest', 'outputs.0.bytes',
  'outputs.0.format', 'outputs.0.sha256', 'extra', 'policy.extra', 'inputs.0.extra',
] as const

/** What an attacker (or an accident) puts in a field. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('/dev/zero', '/dev/urandom', '/dev/tty', '/dev/stdin', '/proc/self/mem', '/etc', '../../../../../../etc/passwd', '.', '..', '', '-'),
  fc.constantFrom('fifo', 'secret.txt', '../fifo', '../secret.txt', '../samples', 'opinion-2009', 'constructor', '__proto__', 'toString'),
  fc.constantFrom(...CONTROLS).map((c) => `x${c}y`),
  fc.constantFrom(0, -1, 1.5, 999_999, 2 ** 53, 1e308, Number.MAX_SAFE_INTEGER),
  fc.constantFrom(null, true, false, [], {}, { path: '/dev/zero', fromManifest: '/dev/zero', sha256: '0'.repeat(64) }),
  fc.constantFrom('0'.repeat(64), 'f'.repeat(64), 'x'.repeat(5000), 'csv', 'xlsx', 'md', 'wide', 'paper', 'gb18030', 'utf-8-bom', 'history'),
  fc.string({ maxLength: 12 }),
)

type Edit = { field: (typeof FIELDS)[number]; value: unknown } | { field: (typeof FIELDS)[number]; remove: true }
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ field: fc.constantFrom(...FIELDS), value: hostileValue }) },
  { weight: 1, arbitrary: fc.record({ field: fc.constantFrom(...FIELDS), remove: fc.constant(true as const) }) },
)

const apply = (m: Record<string, unknown>, e: Edit): void => {
  const keys = e.field.split('.')
  let o = m as Record<string, unknown>
  for (const k of keys.slice(0, -1)) {
    const next = o[k]
    if (next === null || typeof next !== 'object') return
    o = next as Record<string, unknown>
  }
  const last = keys.at(-1)!
  if ('remove' in e) delete o[last]
  else o[last] = e.value
}

/** verify in this process, with stdout a terminal; gives up (a failure) after 20 s. */
const verify = async (file: string, extra: string[]): Promise<RunOutcome> => {
  let stdout = ''
  let stderr = ''
  const cwd = process.cwd()
  process.chdir(tmp.dir)
  try {
    const code = await Promise.race([
      run(['node', 'kaohe', 'verify', file, ...extra], { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), stdoutIsTTY: true, env: { NO_COLOR: '1' } }),
      new Promise<number>((_, reject) => setTimeout(() => reject(new Error('verify did not return within 20 s')), 20_000).unref()),
    ])
    return { code, stdout, stderr }
  } finally {
    process.chdir(cwd)
  }
}

describe('hostile inputs (issue 16)', () => {
  it('hostile-manifest: verify answers, prints nothing raw, quotes no file', async () => {
    let n = 0
    await checkProperty(
      'hostile-manifest',
      fc.asyncProperty(fc.array(editArb, { minLength: 1, maxLength: 3 }), fc.constantFrom<string[]>([], ['--format', 'json'], ['--lang', 'en']), async (edits, extra) => {
        const m = structuredClone(base)
        for (const e of edits) apply(m, e)
        const file = `out/h${n++}.manifest.json`
        writeFileSync(tmp.path(file), JSON.stringify(m))
        const o = await verify(file, extra)
        const problems = checkOutcome({ ...o, stdout: o.code >= 2 ? o.stdout : '' }, { allowed: [0, 1, 65, 66] })
        problems.push(...checkOutcome({ code: 0, stdout: '', stderr: o.stdout }).map((p) => `stdout: ${p}`))
        if (`${o.stdout}${o.stderr}`.includes(SECRET)) problems.push('a file named by the manifest was quoted')
        if (problems.length > 0) throw new Error(`${problems.join('\n')}\nedits: ${JSON.stringify(edits)}\n--- stderr ---\n${o.stderr.slice(0, 1500)}`)
      }),
      runsFor(25, 2000),
    )
  })

  it('sparse-xlsx: scattered cells and ranges cost what the cells cost; beyond Excel, an error naming one', async () => {
    /** A place anywhere up to twice Excel's limits, below the ballots (row 5 on). */
    const place = fc.record({ row: fc.oneof(fc.integer({ min: 5, max: 40 }), fc.integer({ min: 5, max: 2_100_000 })), col: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 33_000 })) })
    const letters = (c: number): string => {
      let s = ''
      for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s
      return s
    }
    const within = (p: { row: number; col: number }): boolean => p.row <= 1_048_576 && p.col <= 16_384
    await checkProperty(
      'sparse-xlsx',
      fc.asyncProperty(
        fc.uniqueArray(fc.record({ at: place, kind: fc.constantFrom('text', 'number', 'error') }), { maxLength: 6, selector: (c) => `${c.at.row}:${c.at.col}` }),
        fc.array(fc.tuple(place, place), { maxLength: 3 }),
        fc.option(fc.constantFrom('A1:XFD1048576', 'A1:C3', 'A1'), { nil: undefined }),
        async (cells, ranges, dimension) => {
          const sorted = [...cells].sort((a, b) => a.at.row - b.at.row || a.at.col - b.at.col)
          const rows = new Map<number, string[]>()
          for (const c of sorted) {
            const ref = `${letters(c.at.col)}${c.at.row}`
            const xml = c.kind === 'error' ? `<c r="${ref}" t="e"><v>#N/A</v></c>` : cellXml(ref, c.kind === 'number' ? 7 : 'stray')
            rows.set(c.at.row, [...(rows.get(c.at.row) ?? []), xml])
          }
          const body = [...rows].map(([r, cs]) => `<row r="${r}">${cs.join('')}</row>`).join('')
          const merges = ranges.map(([a, b]) => `<mergeCell ref="${letters(Math.min(a.col, b.col))}${Math.min(a.row, b.row)}:${letters(Math.max(a.col, b.col))}${Math.max(a.row, b.row)}"/>`)
          const xlsx = handXlsx(`<sheetData>${BALLOT_ROWS}${body}</sheetData>${merges.length ? `<mergeCells count="${merges.length}">${merges.join('')}</mergeCells>` : ''}`, { dimension })
          const file = tmp.path('sparse.xlsx')
          writeFileSync(file, xlsx)
          const r = spawnSync(process.execPath, ['--max-old-space-size=96', BIN, 'tally', file, '--lenient', '--format', 'json', '--lang', 'en'], {
            encoding: 'utf8',
            env: { PATH: process.env.PATH, NO_COLOR: '1' },
            timeout: 60_000,
            maxBuffer: 64 * 1024 * 1024,
          })
          const o: RunOutcome = { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
          const beyond = [...sorted.filter((c) => !within(c.at)).map((c) => `${letters(c.at.col)}${c.at.row}`), ...ranges.filter(([a, b]) => !within(a) || !within(b)).map(() => ':')]
          const problems = checkOutcome(o, { allowed: beyond.length > 0 ? [65] : [0] })
          if (r.signal) problems.push(`killed by ${r.signal}`)
          if (beyond.length > 0 && o.code === 65 && !/beyond what Excel allows/.test(o.stderr)) problems.push(`not the limits error: ${o.stderr.slice(0, 300)}`)
          if (beyond.length === 0 && o.code === 0) {
            const doc = JSON.parse(o.stdout) as ReportJson
            problems.push(...checkRowIdentity(doc))
            if (doc.summary.rowsCounted !== 2) problems.push(`ballots counted: ${doc.summary.rowsCounted}, not 2`)
          }
          if (problems.length > 0) throw new Error(`${problems.join('\n')}\n--- stderr ---\n${o.stderr.slice(0, 1500)}`)
        },
      ),
      runsFor(8, 150),
    )
    // Eight node processes, each reading a workbook under a 96 MB heap: past the 30 s default on
    // a loaded machine (seen at load 8.5); how long a case takes is not what this checks.
  }, SPAWNED_TIMEOUT)
})
