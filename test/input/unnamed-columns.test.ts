import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { Collector } from '../../src/input/collector.js'
import { readFindings } from '../../src/input/findings.js'
import { readReports } from '../../src/input/reports.js'
import { readRoster } from '../../src/input/roster.js'
import { openDelimited, type ReadOptions } from '../../src/input/table.js'
import { readVotes } from '../../src/input/votes.js'
import { kaoheHere as kaohe } from '../helpers.js'
import { inTemp } from '../support/item5.js'
import { xlsxOf } from '../support/xlsx.js'
import { policyWith } from '../helpers.js'

// A column inside the header's width whose heading is empty, holding something in a data row
// (a clerk's remark, a stray cell far right in a workbook): nothing is read from it, and kaohe
// says so once per column — where it first holds something and in how many rows — as it does
// for a column whose heading it does not know. Before, such a cell was passed over in silence.

/** The ways a vote row can be read: the byte lane (default), the text pre-filter, the scan on a worker, every row by the full checks. */
const PATHS: Array<[string, Partial<ReadOptions>, boolean]> = [
  ['byte lane', {}, true],
  ['text pre-filter', { scan: { on: false } }, true],
  ['scan on a worker', { scan: { workers: 1, pieceBytes: 64 } }, true],
  ['full checks only', { fast: false, scan: { on: false } }, false],
]

/** A table from text, fed in pieces of 1 KiB: the first is read as text (the header is found in it), the rest in bytes. */
const tableOf = (text: string, name: string, extra: Partial<ReadOptions> = {}) => {
  const bytes = Buffer.from(text)
  const pieces: Buffer[] = []
  for (let i = 0; i < bytes.length; i += 1024) pieces.push(bytes.subarray(i, i + 1024))
  return openDelimited(name, 'csv', Readable.from(pieces), { encoding: 'auto', delimiter: null, sheet: null, ...extra }, bytes.length)
}

const votes = async (text: string, extra: Partial<ReadOptions> = {}, prefilter = true) => {
  const c = new Collector()
  await readVotes(await tableOf(text, 'v.csv', extra), c, policyWith(), { shape: null, sumCounts: false, prefilter })
  return { c, tallies: Object.fromEntries(c.toCadreInputs().map((x) => [x.id, x.tally])) }
}

const found = (c: Collector) => c.issues.map((i) => [i.code, i.severity, i.row, i.column, i.value, i.params])

// Rows by ballot, the same cadres in turn: most rows are the pre-filters' to take (past the
// first rows, which the layout reads as text to find the header).
const LONG = [
  '票号,干部编号,姓名,单位,测评等次,,',
  ...Array.from({ length: 200 }, (_, b) => ['C1', 'C2', 'C3'].map((id, k) => `P${b + 1},${id},干部${id},财政局,${(b + k) % 4 === 0 ? '不称职' : '优秀'},,`)).flat(),
]

describe('a long ballot with an unnamed column', () => {
  it.each(PATHS)('%s: one notice at the first row with something there, every such row counted, the marks unchanged', async (_, extra, prefilter) => {
    const clean = await votes(LONG.join('\n') + '\n', extra, prefilter)
    expect(found(clean.c)).toEqual([])
    const lines = [...LONG]
    // Lines 400, 500 and 533 (rows a pre-filter would take) hold a remark; line 450 only white space.
    lines[399] = lines[399]!.replace(/,,$/, ',已核,')
    lines[499] = lines[499]!.replace(/,,$/, ',,补录')
    lines[532] = lines[532]!.replace(/,,$/, ',复核,')
    lines[449] = lines[449]!.replace(/,,$/, ',  ,')
    const got = await votes(lines.join('\n') + '\n', extra, prefilter)
    expect(found(got.c)).toEqual([
      ['unnamed-column', 'notice', 400, 6, '已核', { rows: 2 }],
      ['unnamed-column', 'notice', 500, 7, '补录', { rows: 1 }],
    ])
    expect(got.tallies).toEqual(clean.tallies)
    expect(got.c.errorCount).toBe(0)
  })

  it('an empty cell, or a column a field was found for, is never noted', async () => {
    const got = await votes('票号,干部编号,测评等次,,备注\nP1,C1,优秀,,补录\nP2,C1,称职,,\n')
    expect(found(got.c)).toEqual([['unknown-column', 'notice', 1, 5, '备注', {}]])
  })
})

describe('the other readers note an unnamed column too', () => {
  it('a count sheet', async () => {
    const got = await votes('干部编号,姓名,优秀,称职,基本称职,不称职,\nC1,张三,10,5,1,0,\nC2,李四,8,6,2,0,待定\n')
    expect(found(got.c)).toEqual([['unnamed-column', 'notice', 3, 7, '待定', { rows: 1 }]])
    expect(got.tallies.C2).toMatchObject({ excellent: 8, competent: 6, basicallyCompetent: 2, incompetent: 0 })
  })

  it('a paper ballot', async () => {
    const got = await votes('票号,姓名,优秀,称职,基本称职,不称职,\nP1,张三,√,,,,\nP1,李四,,√,,,已核\n')
    expect(found(got.c)).toEqual([['unnamed-column', 'notice', 3, 7, '已核', { rows: 1 }]])
  })

  it('a roster', async () => {
    const c = new Collector()
    await readRoster(await tableOf('干部编号,姓名,单位,\nC1,张三,财政局,借调\nC2,李四,财政局,\n', 'roster.csv'), c)
    expect(found(c)).toEqual([['unnamed-column', 'notice', 2, 4, '借调', { rows: 1 }]])
  })

  it('reports and findings', async () => {
    const c = new Collector()
    await readReports(await tableOf('干部编号,姓名,报告日期,婚姻变化,\nC1,张三,2025-01-10,无,见附件\n', 'reports.csv'), c, policyWith())
    expect(found(c).filter((i) => i[0] === 'unnamed-column')).toEqual([['unnamed-column', 'notice', 2, 5, '见附件', { rows: 1 }]])
    const f = new Collector()
    await readFindings(await tableOf('干部编号,姓名,事项,情况,类型,,\nC1,张三,投资,持有股份未报告,瞒报,,已谈话\n', 'findings.csv'), f, policyWith())
    expect(found(f).filter((i) => i[0] === 'unnamed-column')).toEqual([['unnamed-column', 'notice', 2, 7, '已谈话', { rows: 1 }]])
  })
})

describe('what may be votes in an unnamed column is an error of its row, not a notice (a column that matters)', () => {
  it('a count sheet: a count there may be 弃权 with its heading lost', async () => {
    const got = await votes('干部编号,姓名,优秀,称职,基本称职,不称职,\nC1,张三,10,5,1,0,\nC2,李四,8,6,2,0,3\n')
    expect(found(got.c)).toEqual([['unnamed-vote-column', 'error', 3, 7, '3', {}]])
    expect(got.c.errorCount).toBe(1)
  })

  it('a count sheet: whole numbers left of every named column are a 序号 left unnamed, noted', async () => {
    const got = await votes(',干部编号,姓名,优秀,称职,基本称职,不称职\n1,C1,张三,10,5,1,0\n2,C2,李四,8,6,2,0\n')
    expect(found(got.c)).toEqual([['unnamed-column', 'notice', 2, 1, '1', { rows: 2 }]])
    expect(got.c.errorCount).toBe(0)
  })

  it('a paper ballot: a √ there may be a grade column whose heading was lost', async () => {
    const got = await votes('票号,姓名,优秀,称职,基本称职,不称职,\nP1,张三,√,,,,\nP1,李四,,√,,,√\n')
    expect(found(got.c)).toEqual([['unnamed-vote-column', 'error', 3, 7, '√', {}]])
  })

  it.each(PATHS)('a long ballot, %s: a grade spelling there', async (_, extra, prefilter) => {
    const lines = [...LONG]
    lines[399] = lines[399]!.replace(/,,$/, ',称职,')
    const got = await votes(lines.join('\n') + '\n', extra, prefilter)
    expect(found(got.c)).toEqual([['unnamed-vote-column', 'error', 400, 6, '称职', {}]])
    expect(got.c.errorCount).toBe(1)
  })
})

describe('a workbook with a stray cell far to the right', () => {
  it('is read, the cell named by its column letters, the run not stopped', async () => {
    const rows: Array<Array<string | null>> = [['票号', '干部编号', '姓名', '单位', '测评等次']]
    for (let b = 1; b <= 6; b++) rows.push([`P${b}`, 'C1', '张伟', '财政局', b <= 4 ? '优秀' : '不称职'])
    // XFD4: the last column Excel has.
    rows[3] = [...rows[3]!, ...Array<null>(16_378).fill(null), '草稿']
    const f = inTemp({ 'book.xlsx': await xlsxOf({ Sheet1: rows.map((r) => r.map((v) => (v === null ? null : { value: v }))) }) })
    const r = await kaohe(['tally', f['book.xlsx']!, '--format', 'json'], { cwd: f.dir })
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.stdout)
    expect(doc.cadres[0].tally).toMatchObject({ excellent: 4, incompetent: 2 })
    expect(doc.issues.map((i: { code: string; row: number; column: number; severity: string }) => [i.code, i.severity, i.row, i.column])).toEqual([['unnamed-column', 'notice', 4, 16_384]])
    const text = await kaohe(['tally', f['book.xlsx']!], { cwd: f.dir })
    expect(text.stdout).toContain('第 4 行 XFD 列: 此列没有表头，共 1 行在此列有内容，未读入')
  })
})
