import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fullRowClassifier, numberRowIsData, type RowColumns, rowClassifier } from '../../src/input/layout.js'
import type { Table, TableRow } from '../../src/input/table.js'
import { DEFAULT_VOCABULARY } from '../../src/input/headers.js'

/**
 * The pre-filter of one-row-per-cadre tables (count sheets: `everyRow`) against the full
 * classification it stands in front of: on generated rows of plain and hostile cells, the
 * classifier with it says what the full one says, and the rows it takes as data are data
 * to the full one.
 */

const tableWith = (header: string[], upper: string[][] = []): Table =>
  ({ file: 'c.csv', header: { line: upper.length + 1, cells: header }, layout: { headerRows: upper.map((cells, i) => ({ line: i + 1, cells })) } }) as unknown as Table

const HEADERS: Array<{ header: string[]; upper?: string[][]; cols: RowColumns }> = [
  { header: ['干部编号', '姓名', '单位', '优秀', '称职', '基本称职', '不称职'], cols: { ids: [0, 1, 2], values: [3, 4, 5, 6], aloneIsHeading: 'always', everyRow: true } },
  { header: ['序号', '姓名', '单位', '优秀票数', '称职票数', '基本称职票数', '不称职票数', '应到人数'], cols: { ids: [0, 1, 2], values: [3, 4, 5, 6, 7], rowNumber: 0, aloneIsHeading: 'always', everyRow: true } },
  { header: ['id', 'name', 'unit', 'excellent', 'competent', 'basically competent', 'incompetent'], cols: { ids: [0, 1, 2], values: [3, 4, 5, 6], aloneIsHeading: 'always', everyRow: true } },
  { header: ['姓名', '优秀', '称职', '基本称职', '不称职'], upper: [['Name', '2024', '2024', '2024', '2024']], cols: { ids: [0], values: [1, 2, 3, 4], aloneIsHeading: 'always', everyRow: true } },
  { header: ['姓名', '优秀', '称职', '基本称职', '不称职'], upper: [['', '测评结果', '测评结果', '测评结果', '测评结果']], cols: { ids: [0], values: [1, 2, 3, 4], aloneIsHeading: 'always', everyRow: true } },
]

/** Cells a clerk's sheet holds, and cells made to look like labels to one check or another. */
const hostile = fc.constantFrom(
  '', ' ', '\u3000', 'C000001', 'P0001', '高磊', '石门县水利局', '东湖县市场监督管理局', '合计', '小计', '总计', '全部合计', '注', '注：', '说明', '备注',
  '比例', '百分比', '得票率', '%', '％', '﹪', '一、正职', '（二）副职', '副职', '县直单位', '姓名', '干部编号', '人员编号', '被测评人', '测评对象', '票号',
  'id', 'ID', 'name', 'Name', 'unit', 'ballot', 'cadre_id', '优秀', '称职', 'excellent', '张三(姓名)', 'x(id)', '(name)', '序号', '⼩计', '\u2003合计', 'é', 'e\u0301',
  '12', '0', '7', '007', '１２', '33.3%', '0.5', ' 12', '12 ', '2024', '2024年度', '2024姓名', '1', '√', '①', '⑴', '-3', '+3', '1e3',
)
const plainId = fc.constantFrom('C000001', 'C000002', 'P0001', '高磊', '吕春刚', '李东然', '石门县水利局', '临江县统计局', '1', '23', 'A12', 'id', 'name', 'unit', '人员编号', '被测评人', '一')
const digits = fc.constantFrom('', '0', '3', '12', '27', '007', '2024', '999999999')
const cell = fc.oneof({ weight: 4, arbitrary: hostile }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) })

describe('the count-sheet row pre-filter', () => {
  for (const [n, h] of HEADERS.entries()) {
    const table = tableWith(h.header, h.upper)
    const pre = rowClassifier(table, h.cols)
    const full = fullRowClassifier(table, h.cols)
    const width = h.header.length
    const valueCol = new Set(h.cols.values)
    const row = (cells: string[]): TableRow => ({ line: 9, cells })
    // Rows mostly plain (ids filled, numbers in the value columns), a cell or two replaced.
    const plainRow = fc
      .tuple(
        fc.array(plainId, { minLength: width, maxLength: width }),
        fc.array(digits, { minLength: width, maxLength: width }),
        fc.array(fc.tuple(fc.nat(width - 1), cell), { maxLength: 2 }),
        fc.nat(2),
      )
      .map(([ids, nums, swaps, cut]) => {
        const cells: string[] = Array.from({ length: width }, (_, i) => (valueCol.has(i) ? nums[i]! : ids[i]!))
        for (const [i, c] of swaps) cells[i] = c
        return cut === 0 ? cells.slice(0, width - 1) : cut === 1 ? [...cells, ''] : cells
      })
    const anyRow = fc.array(cell, { minLength: 1, maxLength: width + 1 })

    it(`header ${n + 1}: the classifier says what the full classification says`, () => {
      let taken = 0
      let runs = 0
      fc.assert(
        fc.property(fc.oneof(plainRow, anyRow), (cells) => {
          runs++
          if (numberRowIsData(cells, h.cols, valueCol, new Set())) taken++
          expect(pre(row(cells))).toEqual(full(row(cells)))
        }),
        { numRuns: 4000 },
      )
      // The pre-filter takes rows at all (else this test would hold of any pre-filter that takes none).
      if (n !== 3) expect(taken).toBeGreaterThan(runs / 10)
    })
  }

  it('leaves a header row of whole numbers to the full classification (it may come again)', () => {
    const h = HEADERS[3]!
    const table = tableWith(h.header, h.upper)
    const again = { line: 9, cells: ['Name', '2024', '2024', '2024', '2024'] }
    expect(fullRowClassifier(table, h.cols)(again)).toEqual({ kind: 'skip', why: 'repeated-header' })
    expect(rowClassifier(table, h.cols)(again)).toEqual({ kind: 'skip', why: 'repeated-header' })
  })

  it('says a cell may name a field wherever it does', () => {
    const names = ['姓名', '干部编号', 'ID', 'Cadre-ID', 'ballot_id', '2024年度姓名', '张三(姓名)', 'x(id)', '优秀票数', '应到人数', '不了解票数', '称职(较好)', 'Ｎａｍｅ', '姓\u3000名', ' unit ']
    for (const n of names) if (DEFAULT_VOCABULARY.field(n) !== undefined) expect([n, DEFAULT_VOCABULARY.mayBeField(n)]).toEqual([n, true])
    expect(names.filter((n) => DEFAULT_VOCABULARY.field(n) !== undefined).length).toBeGreaterThan(10)
    fc.assert(
      fc.property(fc.oneof(cell, fc.array(hostile, { maxLength: 3 }).map((p) => p.join(''))), (c) => {
        if (DEFAULT_VOCABULARY.field(c) !== undefined) expect(DEFAULT_VOCABULARY.mayBeField(c)).toBe(true)
      }),
      { numRuns: 3000 },
    )
    for (const c of ['高磊', '石门县水利局', '0001']) expect(DEFAULT_VOCABULARY.mayBeField(c)).toBe(false)
  })

  it('never takes a row full classification would not call data', () => {
    // The claim the pre-filter rests on for value cells: whole numbers in ASCII digits name no column.
    for (let v = 0; v <= 3000; v++) expect(DEFAULT_VOCABULARY.field(String(v))).toBeUndefined()
    for (const v of ['0000', '00000000', '2024', '20240', '999999999', '1000000000000']) expect(DEFAULT_VOCABULARY.field(v)).toBeUndefined()
  })
})
