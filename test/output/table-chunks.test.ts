import { Chalk } from 'chalk'
import fc from 'fast-check'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { cellWidth, LINES_A_PIECE, tableText, tableTextPieces } from '../../src/output/table.js'

const { strlen } = createRequire(import.meta.url)('cli-table3/src/utils') as { strlen: (s: string) => number }
const color = new Chalk({ level: 1 })

/** Cell text as kaohe shows it: ASCII, CJK, full-width punctuation, and what needs cli-table3's own measure. */
const cellText = fc
  .array(fc.constantFrom('a', 'Z', '1', ' ', '%', '/', '|', '李', '欧', '鿿', '一', '，', '　', '〾', '〿', '—', '·', 'é', '😀', 'e\u0301', '\uff61', '\u3040'), { maxLength: 12 })
  .map((cs) => cs.join(''))
const cell = fc.oneof(cellText, cellText.map((s) => color.yellow(s)), cellText.map((s) => color.bold(`${s} 临界`)))

describe('big terminal tables', () => {
  it('drawn in chunks, they read exactly as one table (same widths, one border)', () => {
    const head = ['编号', '姓名', '单位', '优秀+称职']
    const rows = Array.from({ length: 30 }, (_, i) => [
      `C${i}`,
      i % 7 === 0 ? '欧阳志强' : '李明',
      i === 11 ? '青山县"三农"服务中心,办公室' : '县财政局',
      i % 5 === 0 ? color.yellow(`${i}/60 ${((i / 60) * 100).toFixed(2)}%`) : `${i}/60`,
    ])
    const whole = tableText(head, rows)
    for (const chunk of [1, 7, 29]) expect(tableText(head, rows, chunk)).toBe(whole)
  })

  it('drawn without cli-table3, they are the text cli-table3 draws, whatever the cells', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(fc.array(cellText, { minLength: n, maxLength: n }), fc.array(fc.array(cell, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 12 }))), ([head, rows]) => {
        expect(tableText(head, rows, 0)).toBe(tableText(head, rows))
      }),
      { seed: 12, numRuns: 300 },
    )
  })

  it('a table of 2,500 rows, drawn in pieces of LINES_A_PIECE lines, is cli-table3\'s one table', () => {
    const head = ['编号', '姓名', '单位', '边距 (2/3 | 1/3)']
    const rows = Array.from({ length: 2500 }, (_, i) => [
      `C${String(i).padStart(6, '0')}`,
      ['李明', '欧阳志强', 'Ann'][i % 3]!,
      i % 11 === 0 ? '青山县"三农"服务中心,办公室' : '县财政局',
      i % 7 === 0 ? color.bold(`${i % 5} 临界 | 3`) : `${i % 9} | —`,
    ])
    const pieces = [...tableTextPieces(head, rows)]
    // 2,500 rows, the head and three rules
    expect(pieces.length).toBe(Math.ceil(2504 / LINES_A_PIECE))
    expect(pieces.join('')).toBe(`${tableText(head, rows, Infinity)}\n`)
  })

  it('measure cells as cli-table3 does', () => {
    fc.assert(
      fc.property(cell, (s) => {
        expect(cellWidth(s)).toBe(strlen(s))
      }),
      { seed: 13, numRuns: 2000 },
    )
    // Every character the quick count takes, one by one.
    for (const [from, to] of [[0x20, 0x7e], [0x3000, 0x303e], [0x4e00, 0x9fff], [0xff01, 0xff60]] as const) {
      for (let c = from; c <= to; c++) expect(cellWidth(String.fromCharCode(c))).toBe(strlen(String.fromCharCode(c)))
    }
  })
})
