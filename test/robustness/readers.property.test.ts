/**
 * Property tests over the readers, in-process on in-memory byte streams (fast): any bytes,
 * cut into any chunks, give the same rows or the same located error; a reader counts every
 * row once; no input reaches a shared prototype.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KaoheError } from '../../src/errors.js'
import { Collector } from '../../src/input/collector.js'
import { layoutTable } from '../../src/input/layout.js'
import { readRoster, rosterLayout } from '../../src/input/roster.js'
import { openDelimited, type Table, type TableRow } from '../../src/input/table.js'
import { readVotes, voteLayout } from '../../src/input/votes.js'
import { builtinPolicy } from '../../src/policy/load.js'
import { checkProperty, runsFor } from './campaign.js'
import { hostileFileArb, mutationArb, renderWorld, worldArb } from './gen.js'
import { checkPrototypes, type PrototypeSnapshot, snapshotPrototypes } from './invariants.js'

let protos: PrototypeSnapshot
beforeAll(() => {
  protos = snapshotPrototypes()
})
afterAll(() => {
  expect(checkPrototypes(protos)).toEqual([])
})

const policy = builtinPolicy('opinion-2009')!.policy
const READ = { encoding: 'auto' as const, delimiter: null, sheet: null }

/** Bytes as a stream cut at the given points (sorted, deduplicated, within range). */
async function* chunked(bytes: Uint8Array, cuts: number[]): AsyncGenerator<Uint8Array> {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
  let at = 0
  for (const p of [...points, bytes.length]) {
    if (p > at) yield bytes.slice(at, p)
    at = p
  }
}

type Outcome =
  | { ok: true; header: TableRow; rows: TableRow[]; encoding: string; sha256: string }
  | { ok: false; code: string; params: unknown; exit: number }

/**
 * Read a whole table; a KaoheError is an outcome, anything else escapes (a bug). `name`: the
 * file's, where its format matters — a rendered tab-delimited file is a .tsv, read as TSV as
 * the CLI reads it (as a .csv, a header 欧阳,明<tab>票号 ties and a ragged next line cannot break it).
 */
const readAll = async (bytes: Uint8Array, cuts: number[], encoding: 'auto' | 'utf-8' | 'gb18030' = 'auto', fast = true, name = 't.csv'): Promise<Outcome> => {
  try {
    const t = await openDelimited(name, name.endsWith('.tsv') ? 'tsv' : 'csv', chunked(bytes, cuts), { ...READ, encoding, fast }, bytes.length)
    const rows: TableRow[] = []
    for await (const r of t.rows) rows.push(r)
    return { ok: true, header: t.header, rows, encoding: t.encoding(), sha256: t.sha256() }
  } catch (e) {
    if (e instanceof KaoheError) return { ok: false, code: e.msg.code, params: e.msg.params, exit: e.exitCode }
    throw e
  }
}

const anyBytes = fc.oneof(
  hostileFileArb.map((h) => h.bytes),
  worldArb.chain((w) => fc.tuple(fc.constant(w), fc.array(mutationArb, { maxLength: 4 }))).map(([w, ms]) => {
    const files = renderWorld(w, new Map([[0, ms]]))
    return files[files.length - 1]!.bytes
  }),
  fc.uint8Array({ maxLength: 64 }),
)

/**
 * CSV-like text where d3-dsv and csv-parse could part ways: quotes anywhere (opening,
 * closing, doubled, stray, unclosed, a line of just ""), every kind of line break, blank
 * lines, NUL, delimiters of three kinds — cut into lines long and short.
 */
const csvishText = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('a', 'bc', '张明', '1', ' ', 'x y') },
      { weight: 4, arbitrary: fc.constantFrom(',', ';', '\t') },
      { weight: 3, arbitrary: fc.constantFrom('"', '""', '"q"', '"a,b"', '"a\nb"', '"a\r\nb"', '"x""y"') },
      { weight: 3, arbitrary: fc.constantFrom('\n', '\r\n', '\r', '\n\n', '\r\n\r\n') },
      { weight: 1, arbitrary: fc.constantFrom('\u0000', '\ufeff', '\u2028') },
    ),
    { maxLength: 120 },
  )
  .map((parts) => `票号,姓名,测评等次\n${parts.join('')}`)

describe('reader properties (in-process, in-memory streams)', () => {
  it('engines: d3-dsv on plain chunks and csv-parse alone read the same rows, or fail with the same located error', async () => {
    const text = fc.oneof(
      csvishText.map((t) => new TextEncoder().encode(t)),
      anyBytes,
    )
    await checkProperty(
      'engines',
      fc.asyncProperty(text, fc.array(fc.nat(), { maxLength: 8 }), async (bytes, cuts) => {
        const exact = await readAll(bytes, cuts, 'auto', false)
        expect(await readAll(bytes, cuts, 'auto', true)).toEqual(exact)
        expect(await readAll(bytes, [], 'auto', true)).toEqual(exact.ok ? exact : await readAll(bytes, [], 'auto', false))
      }),
      runsFor(600, 20000),
    )
  })

  it('chunking: any bytes in any chunks: the same rows, or the same located error; lines increase', async () => {
    await checkProperty(
      'chunking',
      fc.asyncProperty(
        anyBytes,
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.constantFrom<'auto' | 'utf-8' | 'gb18030'>('auto', 'auto', 'utf-8', 'gb18030'),
        async (bytes, cuts, enc) => {
          const whole = await readAll(bytes, [], enc)
          const pieces = await readAll(bytes, cuts, enc)
          expect(pieces).toEqual(whole)
          const bytewise = bytes.length <= 400 ? await readAll(bytes, Array.from({ length: bytes.length }, (_, i) => i), enc) : whole
          expect(bytewise).toEqual(whole)
          if (whole.ok) {
            let last = whole.header.line
            for (const r of whole.rows) {
              expect(r.line).toBeGreaterThan(last)
              last = r.line
            }
          } else {
            expect([65, 66]).toContain(whole.exit)
          }
        },
      ),
      runsFor(150, 3000),
    )
  })

  it('lines: every row is at the line an editor shows it on (mixed line endings, quoted line breaks, blank lines)', async () => {
    await checkProperty(
      'lines',
      fc.asyncProperty(
        worldArb.chain((w) => fc.tuple(fc.constant(w), fc.array(mutationArb, { maxLength: 5 }), fc.array(fc.nat(), { maxLength: 4 }))),
        async ([w, ms, cuts]) => {
          for (const f of renderWorld(w, new Map([[-1, ms], [0, ms]]))) {
            const got = await readAll(f.bytes, cuts, 'auto', true, f.name)
            if (!got.ok) throw new Error(`${f.name}: ${JSON.stringify(got)}`)
            expect([got.header.line, ...got.rows.map((r) => r.line)], f.name).toEqual(f.lines)
          }
        },
      ),
      runsFor(100, 2000),
    )
  })

  it('reader-rows: readers count every row once: read = counted + in issues; issues point at real cells', async () => {
    await checkProperty(
      'reader-rows',
      fc.asyncProperty(anyBytes, fc.constantFrom('votes', 'roster'), fc.constantFrom(null, 'long', 'wide', 'counts'), async (bytes, kind, shape) => {
        let table: Table
        try {
          table = await openDelimited('t.csv', 'csv', chunked(bytes, [7, 300]), READ, bytes.length)
        } catch (e) {
          if (e instanceof KaoheError) return
          throw e
        }
        const rows = new Map<number, string[]>()
        const seenRows: TableRow[] = []
        const tap: Table = {
          ...table,
          rows: (async function* () {
            for await (const r of table.rows) {
              rows.set(r.line, r.cells)
              seenRows.push(r)
              yield r
            }
          })(),
        }
        const c = new Collector()
        try {
          if (kind === 'roster') await readRoster(tap, c)
          else await readVotes(tap, c, policy, { shape: shape as never, sumCounts: false })
        } catch (e) {
          if (e instanceof KaoheError) return
          throw e
        }
        expect(c.rowsRead).toBe(c.rowsCounted + c.rowsInIssues)
        // Every row under the header is read, blank or skipped. The header may be two or three
        // rows (a parent over its children): the rows it takes below the file's first line are
        // the header's, not rows to account for. The layout the reader used, found again:
        const laid = await layoutTable(await openDelimited('t.csv', 'csv', chunked(bytes, [7, 300]), READ, bytes.length), kind === 'roster' ? rosterLayout(null) : voteLayout(policy, shape as never, null))
        const headerLines = new Set([...(laid.layout?.headerRows ?? []).map((r) => r.line), laid.header.line])
        expect(c.rowsRead + c.blankRows + c.rowsSkipped).toBe(seenRows.filter((r) => !headerLines.has(r.line)).length)
        for (const i of c.issues) {
          expect(i.file).toBe('t.csv')
          if (i.row !== null && i.row !== table.header.line) {
            const cells = rows.get(i.row)
            expect(cells, `issue on line ${i.row} that was not read`).toBeDefined()
            if (i.column !== null) expect(i.value).toBe(cells![i.column - 1] ?? '')
          }
        }
      }),
      runsFor(150, 3000),
    )
  })
})
