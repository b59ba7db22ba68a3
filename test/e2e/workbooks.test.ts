import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Cell } from 'write-excel-file/node'
import { kaoheHere as kaohe } from '../helpers.js'
import { at, said } from '../support/in-process.js'
import { inTemp } from '../support/item5.js'
import { xlsxOf } from '../support/xlsx.js'

// Workbooks as offices have them (SPEC §2.0): real merged cells (written by write-excel-file),
// several sheets, a 填表说明 sheet, one paper ballot per sheet; read by the CLI in this process
// (test/support/in-process.ts: the same run() as bin/kaohe.js; nothing here needs a process of its own).

const T = (value: string | number, span: { columnSpan?: number; rowSpan?: number } = {}): Cell => ({ value, ...span }) as Cell

/** A count sheet with a merged title, a header of two rows merged as printed, a merged 合计 and 注. */
const countSheet = (rows: Array<[string, string, number, number, number, number]>, total = true): Cell[][] => {
  const sums = [2, 3, 4, 5].map((k) => rows.reduce((s, r) => s + (r[k] as number), 0))
  return [
    [T('XX县2025年度科级领导干部民主测评结果汇总表', { columnSpan: 8 }), null, null, null, null, null, null, null],
    [T('序号', { rowSpan: 2 }), T('姓名', { rowSpan: 2 }), T('单位', { rowSpan: 2 }), T('测评等次', { columnSpan: 4 }), null, null, null, T('备注', { rowSpan: 2 })],
    [null, null, null, '优秀', '称职', '基本称职', '不称职', null],
    ...rows.map((r, i) => [i + 1, r[0], r[1], r[2], r[3], r[4], r[5], null] as Cell[]),
    ...(total ? [[T('合计', { columnSpan: 3 }), null, null, ...sums, null] as Cell[]] : []),
    [T('注：空白处为0票。', { columnSpan: 8 }), null, null, null, null, null, null, null],
  ]
}

const json = async (args: string[], cwd: string) => {
  const r = await kaohe([...args, '--format', 'json'], { cwd })
  return { ...r, doc: r.code === 0 ? JSON.parse(r.stdout) : null }
}

describe('a workbook of 正职 and 副职 sheets (SPEC §2.0)', () => {
  const files = async () =>
    inTemp({
      'book.xlsx': await xlsxOf({
        填表说明: [['本表由各单位填写，空白处为0票。'], ['请勿改动表头。']],
        正职: countSheet([
          ['张三', '县财政局', 20, 8, 2, 0],
          ['李四', '县教育局', 10, 10, 8, 2],
        ]),
        副职: countSheet([['王五', '县财政局', 10, 10, 10, 0]]),
        Sheet3: [],
      }),
    })
  it('reads every sheet of the kind, each listed in inputs, and says which sheets it left out', async () => {
    const p = await files()
    const r = await json(['tally', 'book.xlsx'], p.dir)
    expect(r.code).toBe(0)
    expect(r.doc.cadres.map((c: { name: string; tally: { excellent: number } }) => [c.name, c.tally.excellent])).toEqual([
      ['张三', 20],
      ['李四', 10],
      ['王五', 10],
    ])
    expect(r.doc.inputs.map((i: { path: string; rows: number }) => [i.path, i.rows])).toEqual([
      ['book.xlsx#副职', 1],
      ['book.xlsx#正职', 2],
    ])
    expect(r.doc.issues.map((i: { file: string; row: number | null; code: string }) => [i.file, i.row, i.code])).toEqual([
      ['book.xlsx#Sheet3', null, 'sheet-empty'],
      ['book.xlsx#副职', 1, 'skipped-above-header'],
      ['book.xlsx#副职', 3, 'unknown-column'],
      ['book.xlsx#副职', 5, 'skipped-total'],
      ['book.xlsx#副职', 6, 'skipped-footnote'],
      ['book.xlsx#填表说明', null, 'sheet-skipped'],
      ['book.xlsx#正职', 1, 'skipped-above-header'],
      ['book.xlsx#正职', 3, 'unknown-column'],
      ['book.xlsx#正职', 6, 'skipped-total'],
      ['book.xlsx#正职', 7, 'skipped-footnote'],
    ])
    expect(r.doc.summary).toMatchObject({ rowsRead: 3, rowsCounted: 3, rowsInIssues: 0, rowsSkipped: 6 })
  })
  it('file.xlsx#NAME and #2 name one sheet per input; the same sheet twice is refused', async () => {
    const p = await files()
    const one = await json(['tally', 'book.xlsx#副职'], p.dir)
    expect(one.doc.cadres.map((c: { name: string }) => c.name)).toEqual(['王五'])
    const two = await json(['tally', 'book.xlsx#2', 'book.xlsx#副职'], p.dir)
    expect(two.doc.cadres.map((c: { name: string }) => c.name)).toEqual(['张三', '李四', '王五'])
    const twice = await kaohe(['tally', 'book.xlsx#3', 'book.xlsx#副职'], { cwd: p.dir })
    expect(twice.code).toBe(65)
    expect(twice.stderr).toContain(said('file-given-twice', { file: 'book.xlsx#副职' }))
    const whole = await kaohe(['tally', 'book.xlsx', 'book.xlsx#副职'], { cwd: p.dir })
    expect(whole.code).toBe(65)
    expect(whole.stderr).toContain(said('file-given-twice', { file: 'book.xlsx#副职' }))
  })
  it('a 合计 off by one on a merged row is a located error, in the sheet named', async () => {
    const bad = countSheet([['张三', '县财政局', 20, 8, 2, 0]])
    bad[4]![3] = 21
    const p = inTemp({ 'b.xlsx': await xlsxOf({ 正职: bad, 副职: countSheet([['王五', '县财政局', 1, 1, 1, 0]]) }) })
    const r = await kaohe(['tally', 'b.xlsx'], { cwd: p.dir })
    expect(r.code).toBe(65)
    expect(r.stderr).toContain(`${at('b.xlsx#正职', 5, 4, '优秀')}: ${said('total-mismatch', { rows: 1, expected: 20, value: 21 })}`)
  })
  it('a sheet of the kind whose header kaohe cannot read is an error, never left out with a notice; a roster sheet is left out', async () => {
    const p = inTemp({
      'b.xlsx': await xlsxOf({
        正职: [['姓名', '优秀', '称职', '基本称职', '不称职'], ['张三', 20, 8, 2, 0]],
        副职: [['姓名', '好', '较好', '一般', '差'], ['李四', 20, 8, 2, 0]],
        名册: [['序号', '姓名', '单位', '职务'], [1, '张三', '县财政局', '局长']],
      }),
    })
    const r = await kaohe(['tally', 'b.xlsx'], { cwd: p.dir })
    expect(r.code).toBe(65)
    expect(r.stderr).toContain(said('unknown-shape-grade-set', { file: 'b.xlsx#副职', line: 1, hint: 'opinion-2009-haohuai' }))
    const ok = await json(['tally', 'b.xlsx', '--policy', 'opinion-2009-haohuai'], p.dir)
    expect(ok.doc.cadres.map((c: { name: string }) => c.name)).toEqual(['张三', '李四'])
    expect(ok.doc.issues.map((i: { file: string; code: string }) => [i.file, i.code])).toEqual([['b.xlsx#名册', 'sheet-skipped']])
  })
  it('verify re-runs a workbook read sheet by sheet', async () => {
    const p = await files()
    const r = await kaohe(['assess', '--votes', 'book.xlsx', '--out', 'out.json'], { cwd: p.dir, env: { SOURCE_DATE_EPOCH: '1767225600' } })
    expect(r.code).toBe(0)
    const manifest = JSON.parse(readFileSync(join(p.dir, 'out.json.manifest.json'), 'utf8'))
    expect(manifest.inputs.map((i: { path: string; given?: string; fromManifest: string }) => [i.path, i.given, i.fromManifest])).toEqual([
      ['book.xlsx#正职', 'book.xlsx', 'book.xlsx#正职'],
      ['book.xlsx#副职', 'book.xlsx', 'book.xlsx#副职'],
    ])
    const v = await kaohe(['verify', 'out.json.manifest.json'], { cwd: p.dir })
    expect(v.stderr).toBe('')
    expect(v.code).toBe(0)
  })
})

describe('paper ballots in a workbook (SPEC §2.1 shape 4)', () => {
  /** One printed ballot: a title, the 部门/应到/实到 line, the cadres and a tick per row. */
  const ballot = (ticks: Array<number[]>): Cell[][] => [
    [T('民主测评票', { columnSpan: 7 }), null, null, null, null, null, null],
    ['部门：县财政局', null, '应到：3人', null, '实到：3人', null, null],
    ['序号', '姓名', '职务', '优秀', '称职', '基本称职', '不称职'],
    ...ticks.map((t, i) => [i + 1, ['张三', '李四'][i]!, '局长', ...[0, 1, 2, 3].map((k) => (t.includes(k) ? '√' : null))] as Cell[]),
  ]
  it('one ballot per sheet: as many ballots as sheets, 应到/实到 read once for the set', async () => {
    const p = inTemp({
      'paper.xlsx': await xlsxOf({ 票1: ballot([[0], [1]]), 票2: ballot([[0], [0, 1]]), 票3: ballot([[1], []]) }),
    })
    const r = await json(['tally', 'paper.xlsx'], p.dir)
    expect(r.code).toBe(0)
    expect(r.doc.inputs.map((i: { shape: string }) => i.shape)).toEqual(['paper', 'paper', 'paper'])
    const [a, b] = r.doc.cadres
    expect([a.name, a.tally.excellent, a.tally.competent, a.tally.eligible]).toEqual(['张三', 2, 1, 3])
    // Two ticks on one row: that mark is spoilt; no tick: not graded (returned is 实到, as a count sheet's 实参加人数).
    expect([b.name, b.tally.competent, b.tally.invalid, b.tally.returned, b.tally.denominator]).toEqual(['李四', 1, 1, 3, 1])
    expect(r.doc.issues.filter((i: { severity: string }) => i.severity === 'error')).toEqual([])
  })
  it('more sheets than 实到 says is an error', async () => {
    const p = inTemp({ 'paper.xlsx': await xlsxOf({ 票1: ballot([[0]]), 票2: ballot([[0]]), 票3: ballot([[0]]), 票4: ballot([[1]]) }) })
    const r = await kaohe(['tally', 'paper.xlsx'], { cwd: p.dir })
    expect(r.code).toBe(65)
    expect(r.stderr).toContain(said('paper-more-ballots', { ballots: 4, participated: 3 }))
  })
})
