/**
 * Issue 16 item 8: what a hostile cell can do on the way out. Escape sequences (ESC, BEL,
 * an OSC 8 hyperlink, C1 and bidi controls) reach no terminal raw — `--format csv|json` on
 * a terminal, a Markdown export read with `cat`, the progress line — while CSV and JSON to
 * a pipe or a file keep the data exactly. A cell holding `;` is quoted (semicolon locales
 * split on it). Strict mode that finds more errors than it lists says exactly how many.
 */
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { afterAll, describe, expect, it } from 'vitest'
import { run } from '../../src/cli.js'
import { dict } from '../../src/i18n/index.js'
import { csvLine } from '../../src/output/csv.js'
import { renderProgress } from '../../src/output/progress.js'
import { runInProcess, tempDir, writeFiles } from './harness.js'

const dir = tempDir('kaohe-hygiene-')
afterAll(() => dir.done())

const LINK = '\u001b]8;;https://evil.example/\u0007点我\u001b]8;;\u0007'
const HOSTILE = `张${LINK}\u001b[2J\u001b[H\u009b31m\u202e三`
/** What a terminal acts on; tab, LF and CR are a CSV's own where they separate records. */
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/ // eslint-disable-line no-control-regex

const [votes] = writeFiles(dir.dir, [
  { name: 'votes.csv', bytes: Buffer.from(`票号,干部编号,姓名,测评等次\nP1,XJ001,${HOSTILE},优秀\nP2,XJ002,"x;=1+1",称职\n`) },
])

/** The CLI in this process with stdout a terminal (or not). */
const onTerminal = async (args: string[], tty: boolean): Promise<{ code: number; stdout: string; stderr: string }> => {
  let stdout = ''
  let stderr = ''
  const code = await run(['node', 'kaohe', ...args], {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    stdoutIsTTY: tty,
    env: { NO_COLOR: '1' },
  })
  return { code, stdout, stderr }
}

describe('controls from a cell never reach a terminal raw', () => {
  it.each(['csv', 'json'])('--format %s on a terminal: escaped (was: raw ESC/BEL/OSC 8)', async (format) => {
    const o = await onTerminal(['tally', votes!, '--format', format], true)
    expect(o.code, o.stderr).toBe(0)
    expect(CONTROLS.test(o.stdout), JSON.stringify(o.stdout.slice(0, 400))).toBe(false)
    expect(o.stdout).toContain(format === 'csv' ? '\\x1B]8;;https://evil.example/\\x07' : '\\u001b]8;;https://evil.example/\\u0007')
  })

  it.each(['csv', 'json'])('--format %s to a pipe: the data exactly, as the export has it', async (format) => {
    const o = await onTerminal(['tally', votes!, '--format', format], false)
    expect(o.code, o.stderr).toBe(0)
    if (format === 'json') expect(JSON.stringify(JSON.parse(o.stdout))).toContain(JSON.stringify(HOSTILE).slice(1, -1))
    else expect((parse(o.stdout, { bom: true }) as string[][]).flat()).toContain(HOSTILE)
  })

  it('a Markdown export: escaped, its lines its own (was: raw)', async () => {
    const out = dir.path('r.md')
    const o = await runInProcess(['tally', votes!, '--out', out, '-q'])
    expect(o.code, o.stderr).toBe(0)
    const md = readFileSync(out, 'utf8')
    expect(CONTROLS.test(md.replace(/\r/g, ''))).toBe(false)
    expect(md).not.toContain('\r')
    expect(md).toContain('\\x1B')
  })

  it('the progress line: a file name is shown escaped (was: raw)', () => {
    const line = renderProgress({ file: `votes${LINK}.csv`, rows: 10, bytes: 1, total: 2, elapsedMs: 1000 }, dict('en'))
    expect(CONTROLS.test(line)).toBe(false)
    expect(line).toContain('\\x1B]8;;')
  })
})

describe('a cell with ; is one cell in every locale', () => {
  it('csvLine quotes ; and tab, and neutralises what follows a ; (was: x;=1+1 as it is)', () => {
    expect(csvLine(['x;=1+1', 'a\tb', 'plain', 'a;b', '=1;@x'])).toBe(`"x;'=1+1","a\tb",plain,"a;b","'=1;'@x"`)
  })
  it('the CSV export, read as a semicolon locale reads it: the cell stays whole, no formula', async () => {
    const out = dir.path('r.csv')
    expect((await runInProcess(['tally', votes!, '--out', out, '-q'])).code).toBe(0)
    const rows = parse(readFileSync(out), { bom: true, delimiter: ';', relax_quotes: true, relax_column_count: true }) as string[][]
    const cells = rows.flat()
    expect(cells.some((c) => c.startsWith('=1+1'))).toBe(false)
    expect(readFileSync(out, 'utf8')).toContain(`"x;'=1+1"`)
  })
})

describe('strict mode that finds more errors than it lists says how many are left out', () => {
  const rows = ['票号,干部编号,姓名,测评等次']
  for (let i = 0; i < 120_003; i++) rows.push(`P${i},C${i % 7},张${i % 7},良`)
  const [many] = writeFiles(dir.dir, [{ name: 'many.csv', bytes: Buffer.from(`${rows.join('\n')}\n`) }])

  it('stderr: the total, and exactly the number not listed', async () => {
    const o = await runInProcess(['tally', many!, '--lang', 'en'])
    expect(o.code).toBe(65)
    const lines = o.stderr.trim().split('\n')
    expect(lines[0]).toContain('120003 error(s)')
    expect(lines.at(-1)).toBe('  … and 20003 more')
  })

  it('JSON (lenient): every issue listed up to the limit, and the exact count of the rest', async () => {
    const o = await runInProcess(['tally', many!, '--lenient', '--format', 'json'])
    const doc = JSON.parse(o.stdout) as { issues: unknown[]; summary: { issuesListed: number; issuesOmitted: number; rowsInIssues: number } }
    expect(doc.issues).toHaveLength(100_000)
    expect(doc.summary).toMatchObject({ issuesListed: 100_000, issuesOmitted: 20_003, rowsInIssues: 120_003 })
  })
})
