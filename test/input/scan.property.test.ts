/**
 * The byte scanner against the reference path (issue 13): a long-ballot file read by the
 * scanner with its pre-filter, and read by csv-parse alone with every row through the full
 * checks, give the same tallies, the same issues (codes, lines, columns, values), the same
 * row counts — or fail with the same located error. On generated and hostile input: UTF-8,
 * UTF-8 with BOM and GB18030 (four-byte characters too), LF/CRLF/CR mixed, empty lines,
 * rows too short and too long, quoted cells (with delimiters, quotes, line breaks, broken),
 * white space at cell edges (U+3000, NBSP, BOM), formula errors, NUL and invalid bytes,
 * title, 合计 and 注 rows, repeated headers, duplicates, twins and voter-group conflicts; with
 * the delimiter `,`, `;`, tab (found by the header) or `|` (given, as `--delimiter` does: in
 * GB18030 a byte of a character, so those files go to the text path).
 */
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { KaoheError } from '../../src/errors.js'
import { Collector } from '../../src/input/collector.js'
import { LongLane } from '../../src/input/long-lane.js'
import { PieceScanner } from '../../src/input/scan.js'
import { openDelimited } from '../../src/input/table.js'
import { readVotes } from '../../src/input/votes.js'
import { encodeGb18030 } from '../helpers.js'
import { FUZZ, runsFor, SEED } from '../robustness/campaign.js'
import { policyWith } from '../helpers.js'

const policy = policyWith()

/** Bytes as a stream cut at the given points. */
async function* chunked(bytes: Uint8Array, cuts: number[]): AsyncGenerator<Uint8Array> {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
  let at = 0
  for (const p of [...points, bytes.length]) {
    if (p > at) yield bytes.slice(at, p)
    at = p
  }
}

/** Everything a read of one vote file gives, or the located error it fails with. */
export const readOutcomeForProbe = async (
  bytes: Uint8Array,
  cuts: number[],
  scanner: boolean,
  lenient: boolean,
  roster: boolean,
  encoding: 'auto' | 'utf-8' | 'gb18030',
  delimiter: string | null = null,
): Promise<unknown> => {
  const c = new Collector()
  if (roster) {
    c.hasRoster = true
    for (const id of ['C1', 'C2', 'C3', 'C4']) c.addRosterEntry({ id, name: NAMES[id]!, unit: '' }, () => {})
  }
  try {
    const table = await openDelimited('v.csv', 'csv', chunked(bytes, cuts), scanner ? { encoding, delimiter, sheet: null } /* the default path: the byte lane (unless KAOHE_SCAN=0) */ : { encoding, delimiter, sheet: null, fast: false, scan: { on: false } }, bytes.length)
    const r = await readVotes(table, c, policy, { shape: null, sumCounts: false, prefilter: scanner })
    c.checkNames()
    return {
      lenient,
      shape: r.shape,
      encoding: table.encoding(),
      sha256: table.sha256(),
      cadres: c.toCadreInputs(),
      issues: c.issues,
      counts: [c.rowsRead, c.rowsCounted, c.rowsInIssues, c.blankRows, c.rowsSkipped, c.errorCount],
    }
  } catch (e) {
    if (e instanceof KaoheError) return { error: e.msg, issues: e.issues }
    throw e
  }
}

const NAMES: Record<string, string> = { C1: '张明', C2: '王华', C3: '欧阳伟', C4: 'Li Na', C5: '𠀀英' }

/** A cell of a long row, plain or (one time in `1 + 100 / h`) hostile. */
const cellArb = (plain: fc.Arbitrary<string>, h: number, fatal: boolean, d: string): fc.Arbitrary<string> =>
  h === 0
    ? plain
    : fc.oneof(
        { weight: 100, arbitrary: plain },
        {
          weight: h,
          arbitrary: fc.oneof(
            fc.constantFrom('', ' ', '\u3000', '#N/A', ' #REF! ', '#x', '""', ...(fatal ? ['"', '"open'] : [])),
            plain.map((p) => ` ${p}`),
            plain.map((p) => `${p}\u3000`),
            plain.map((p) => `\u3000${p}`),
            plain.map((p) => `${p} `),
            plain.map((p) => `${p}\t`),
            plain.map((p) => `\u2003${p}`),
            plain.map((p) => `${p}\u00a0`),
            plain.map((p) => `\ufeff${p}`),
            plain.map((p) => `\u00a0${p}`),
            plain.map((p) => `${p}\ufeff`),
            plain.map((p) => `"${p}"`),
            plain.map((p) => `"${p}${d}x"`),
            plain.map((p) => `${p}${d === ',' ? ';' : ','}x`),
            plain.map((p) => `"${p}""q"`),
            plain.map((p) => (fatal ? `"${p}\nnext"` : `"${p}"`)),
            plain.map((p) => (fatal ? `${p}"` : `"${p}"`)),
          ),
        },
      )

/**
 * The columns of a generated file, by the order of a full row [ballot, id, name, unit, grade,
 * group, post]: the ballot first, or after the grade (as sheets that put 票号 late have it),
 * taken to the file's width.
 */
const columnsOf = (ballotLate: boolean, width: number): number[] => (ballotLate ? [1, 2, 3, 4, 0, 5, 6] : [0, 1, 2, 3, 4, 5, 6]).slice(0, width)

/** One line of the file: a data row (of any width), or something else a sheet holds. */
const lineArb = (width: number, h: number, fatal: boolean, d: string, ballotLate: boolean, ragged: number, unnamed: boolean): fc.Arbitrary<string> => {
  const cell = (plain: fc.Arbitrary<string>) => cellArb(plain, h, fatal, d)
  const grade = cell(fc.constantFrom('优秀', '称职', '基本称职', '不称职', '弃权', '无效', 'excellent', '優秀', 'ＥＸＣＥＬＬＥＮＴ', '良', 'A'))
  // C5's name has a four-byte GB18030 character (its rows are never scanned in GB18030); C6 is on no roster.
  const id = cell(fc.oneof({ weight: 20, arbitrary: fc.constantFrom('C1', 'C2', 'C3', 'C4') }, { weight: 1, arbitrary: fc.constantFrom('C5', 'C6') }))
  // B皘n: in GB18030 皘 is B0 7C, a '|' byte — read by bytes, every such ballot would be "B\xB0".
  const ballot = cell(
    fc.oneof(
      { weight: 9, arbitrary: fc.integer({ min: 1, max: 400 }).map((n) => `B${n}`) },
      { weight: 1, arbitrary: fc.constantFrom('B1', 'B2') },
      { weight: 2, arbitrary: fc.integer({ min: 1, max: 400 }).map((n) => `B皘${n}`) },
    ),
  )
  const name = (i: string) => cell(fc.oneof({ weight: 12, arbitrary: fc.constant(NAMES[i] ?? '无名') }, { weight: 1, arbitrary: fc.constantFrom('张明', '') }))
  const unit = cell(fc.constantFrom('县财政局', '', '县委办', '河口镇', '皘水乡'))
  const group = cell(fc.oneof({ weight: 3, arbitrary: fc.constant('县领导') }, { weight: 1, arbitrary: fc.constantFrom('中层干部', '', '一般干部') }))
  return fc.oneof(
    {
      weight: 40,
      arbitrary: fc
        .tuple(ballot, id, grade, unit, group, fc.constantFrom('局长', '', '副局长', '皘'), fc.oneof({ weight: 20, arbitrary: fc.constant(0) }, { weight: 1 + ragged, arbitrary: fc.integer({ min: -2, max: 2 }) }))
        .chain(([b, i, g, u, grp, post, extra]) =>
          name(i.replace(/[^C0-9]/g, '')).map((n) => {
            const full = [b, i, n, u, g, grp, post]
            const cells = columnsOf(ballotLate, width).map((k) => full[k]!)
            if (extra < 0) return cells.slice(0, cells.length + extra).join(d)
            // Under a header with an unnamed last column, the first cell past the named ones now and then holds a remark.
            const remark = unnamed && b.length % 3 === 0 ? '已核' : ''
            return [...cells, ...Array.from({ length: extra }, (_, k) => (k === 0 ? remark : 'x'))].join(d)
          }),
        ),
    },
    { weight: h === 0 ? 0 : 1, arbitrary: fc.constantFrom('', '', ',,,,', '合计,,,,12', '注：本表由组织部汇总', ' ', '小计,,,', ...(fatal ? ['票号,干部编号,姓名,单位,测评等次,测评人类别,职务'] : [])).map((l) => l.replaceAll(',', d)) },
  )
}

const eolArb = fc.oneof({ weight: 4, arbitrary: fc.constant('\n') }, { weight: 3, arbitrary: fc.constant('\r\n') }, { weight: 1, arbitrary: fc.constant('\r') })

/** Byte damage: an invalid byte, a NUL, a truncated character, a four-byte GB18030 character. */
const damageArb = fc.oneof(
  fc.record({ at: fc.nat(), bytes: fc.constantFrom([0xff], [0x00], [0xe4, 0xb8], [0x81], [0x80], [0x81, 0x30, 0x81, 0x30], [0xef, 0xbb, 0xbf], [0xa1, 0xa1]) }),
)

export const fileArbForProbe = fc
  .record({
    hostile: fc.constantFrom(0, 1, 3, 10),
    /**
     * Something that makes the file unreadable (a broken quote, a bad byte, a NUL) — as often
     * as not, the whole run ends in its error — or that hands the rest of it to csv-parse (a
     * quoted line break).
     */
    fatal: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    option: fc.constantFrom('auto', 'given'),
    title: fc.boolean(),
    width: fc.integer({ min: 5, max: 7 }),
    delimiter: fc.constantFrom(',', ',', ';', '\t', '|'),
    delimiterGiven: fc.boolean(),
    ballotLate: fc.boolean(),
    /** Rows cut short or run long (a left-off last cell, a stray one): now and then, or in one row of two. */
    ragged: fc.constantFrom(0, 0, 20),
    /** The header ends in a column with no heading (a trailing delimiter), as exports padded to a stray cell's column do. */
    unnamed: fc.boolean(),
    encoding: fc.constantFrom('utf-8', 'utf-8-bom', 'gb18030'),
    eols: fc.array(eolArb, { minLength: 1, maxLength: 3 }),
    finalEol: fc.boolean(),
  })
  .chain((o) =>
    fc.record({
      o: fc.constant(o),
      lines: fc.array(lineArb(o.width, o.hostile, o.fatal, o.delimiter, o.ballotLate, o.ragged, o.unnamed), { minLength: 1, maxLength: 500, size: 'max' }),
      damage: fc.array(damageArb, { maxLength: o.fatal ? 2 : 0 }),
      cuts: fc.array(fc.nat(), { minLength: 0, maxLength: 40 }),
      lenient: fc.boolean(),
      roster: fc.boolean(),
    }),
  )
  .map(({ o, lines, damage, cuts, lenient, roster }) => {
    const names = ['票号', '干部编号', '姓名', '单位', '测评等次', '测评人类别', '职务']
    const header = columnsOf(o.ballotLate, o.width).map((k) => names[k]!).join(o.delimiter) + (o.unnamed ? o.delimiter : '')
    const all = [...(o.title ? ['XX县2025年度科级领导干部民主测评结果汇总表', ''] : []), header, ...lines]
    let text = ''
    all.forEach((l, i) => {
      text += l
      if (i < all.length - 1 || o.finalEol) text += o.eols[i % o.eols.length]
    })
    let bytes: Uint8Array = o.encoding === 'gb18030' ? encodeGb18030(text) : Buffer.from(o.encoding === 'utf-8-bom' ? `\ufeff${text}` : text)
    for (const d of damage) {
      const at = d.at % (bytes.length + 1)
      bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(d.bytes), bytes.subarray(at)])
    }
    // Small source chunks, so that the rows below the header come in pieces the scanner reads.
    const step = Math.max(8, Math.floor(bytes.length / 30))
    const encoding = o.option === 'auto' ? ('auto' as const) : o.encoding === 'gb18030' ? ('gb18030' as const) : ('utf-8' as const)
    // '|' is never guessed (only , tab ;): a clerk gives it, as --delimiter does.
    const delimiter = o.delimiter === '|' || o.delimiterGiven ? o.delimiter : null
    return { bytes, cuts: [...cuts, ...Array.from({ length: 30 }, (_, i) => (i + 1) * step)], lenient, roster, encoding, delimiter, madeWith: o.delimiter }
  })

/** Count the rows the lane takes (counts) until `restore`. */
const laneTakes = (): { readonly took: number; restore: () => void } => {
  const got = { took: 0, restore: () => spy.mockRestore() }
  const take = LongLane.prototype.take
  const spy = vi.spyOn(LongLane.prototype, 'take').mockImplementation(function (this: LongLane, p, r) {
    const took = take.call(this, p, r)
    if (took) got.took++
    return took
  })
  return got
}

describe('byte scanner vs csv-parse and the full checks', () => {
  it('the same tallies, issues, lines, columns and counts — or the same located error', async () => {
    // How many rows the scanner read, and how many of its pieces stopped at a quote: the
    // property must exercise it, not compare csv-parse with itself.
    let scannedRows = 0
    let stops = 0
    // By delimiter: each one the header can give (, ; tab) must be read by the scanner too.
    let delimiterNow = ''
    const byDelimiter: Record<string, number> = { ',': 0, ';': 0, '\t': 0, '|': 0 }
    const scan = PieceScanner.prototype.scan
    const spy = vi.spyOn(PieceScanner.prototype, 'scan').mockImplementation(function (this: PieceScanner, bytes, line) {
      const got = scan.call(this, bytes, line)
      scannedRows += got.rows.count
      byDelimiter[delimiterNow]! += got.rows.count
      if (got.stop >= 0) stops++
      return got
    })
    // And how many rows the lane (long-lane.ts) counted by bytes: its pre-filter must take rows, not only decline them.
    const lane = laneTakes()
    // The spies go back even when the property fails, or the next test would wrap them again.
    try {
      await fc.assert(
        fc.asyncProperty(fileArbForProbe, async ({ bytes, cuts, lenient, roster, encoding, delimiter, madeWith }) => {
          delimiterNow = madeWith
          const reference = await readOutcomeForProbe(bytes, cuts, false, lenient, roster, encoding, delimiter)
          const scanned = await readOutcomeForProbe(bytes, cuts, true, lenient, roster, encoding, delimiter)
          expect(scanned).toEqual(reference)
        }),
        // The suite's seed, or the campaign's (npm run fuzz: ten times the runs); SCAN_RUNS sets the count.
        // A failure's 500-line file shrinks slowly: the run (shrinking too) stops after 90 s in the
        // suite, 10 min in the campaign, and reports the smallest file it has by then.
        { numRuns: Number(process.env.SCAN_RUNS ?? runsFor(400, 4000)), seed: SEED, interruptAfterTimeLimit: Number(process.env.SCAN_LIMIT_MS ?? (FUZZ ? 600_000 : 90_000)) },
      )
    } finally {
      spy.mockRestore()
      lane.restore()
    }
    if (process.env.SCAN_RUNS) console.log({ scannedRows, stops, laneTook: lane.took, byDelimiter })
    expect(scannedRows).toBeGreaterThan(2000)
    for (const d of [',', ';', '\t']) expect(byDelimiter[d], JSON.stringify(d)).toBeGreaterThan(300)
    expect(lane.took).toBeGreaterThan(1000)
    expect(stops).toBeGreaterThanOrEqual(5)
  }, FUZZ ? 0 : 120_000)

  it('the scanner reads such files at all: most rows of a plain file are taken by bytes', async () => {
    // A guard on the test above: were the scanner never used, it would compare csv-parse with itself.
    const lines = ['票号,干部编号,姓名,测评等次', ...Array.from({ length: 2000 }, (_, i) => `B${i >> 2},C${i & 3},张明,优秀`)]
    for (const enc of ['utf-8', 'gb18030'] as const) {
      let inBytes = 0
      const lane = laneTakes()
      const scan = PieceScanner.prototype.scan
      const spy = vi.spyOn(PieceScanner.prototype, 'scan').mockImplementation(function (this: PieceScanner, bytes, line) {
        const got = scan.call(this, bytes, line)
        inBytes += got.rows.count
        return got
      })
      const text = lines.join('\r\n') + '\r\n'
      const bytes = enc === 'gb18030' ? encodeGb18030(text) : Buffer.from(text)
      const c = new Collector()
      const table = await openDelimited('v.csv', 'csv', chunked(bytes, Array.from({ length: 40 }, (_, i) => i * 1000)), { encoding: 'auto', delimiter: null, sheet: null, scan: { on: true } }, bytes.length)
      await readVotes(table, c, policy, { shape: null, sumCounts: false })
      spy.mockRestore()
      lane.restore()
      expect(c.rowsRead).toBe(2000)
      expect(inBytes).toBeGreaterThan(1500)
      // Four cadres: each one's first row goes to the full checks, which make it; the lane takes every other row it is given.
      expect(lane.took).toBeGreaterThanOrEqual(inBytes - 4)
      expect(table.encoding()).toBe(enc)
    }
  })
})
