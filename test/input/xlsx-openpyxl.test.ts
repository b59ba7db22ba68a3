import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { layoutTable } from '../../src/input/layout.js'
import { rosterLayout } from '../../src/input/roster.js'
import { openTable, type TableRow } from '../../src/input/table.js'
import { cli, ROOT } from '../support/item5.js'

// Written by another writer than our own tests use (openpyxl): see make-openpyxl.py beside them.
const F = (name: string): string => join(ROOT, 'test/fixtures/xlsx', name)

const rowsOf = async (file: string): Promise<TableRow[]> => {
  // Laid out as a roster: the merged title above the header is not a row of the table.
  const t = await layoutTable(await openTable(file, { encoding: 'auto', delimiter: null, sheet: null }), rosterLayout(null))
  const rows = [t.header]
  for await (const r of t.rows) rows.push(r)
  return rows
}

describe('XLSX from openpyxl', () => {
  it('roster: merged title skipped, merged unit filled down, numbers stored as text kept, empty cells empty', async () => {
    expect(await rowsOf(F('roster-openpyxl.xlsx'))).toEqual([
      { line: 2, cells: ['干部编号', '单位', '姓名', '是否正职', '述职述廉', '应报告个人事项'] },
      { line: 3, cells: ['007', '县财政局', '张三', '是', '是', '是'] },
      // The empty last cell is not given (a workbook's rows end at their own last cell).
      { line: 4, cells: ['008', '县财政局', '李四', '否', '否'] },
      { line: 5, cells: ['9', '县教育局', '王五', '是', '', '否'] },
    ])
  })

  it('reports in the 1904 date system: the date cell reads as the same day', async () => {
    const rows = await rowsOf(F('reports-1904.xlsx'))
    expect(rows[1]!.cells.slice(0, 4)).toEqual(['007', '张三', '2025-01-31', '无'])
    expect(rows[2]!.cells.slice(0, 5)).toEqual(['008', '李四', '2025年2月3日', '县城住房一套', ''])
  })

  it('kaohe reports reads both: the empty category makes the report incomplete, 述职述廉 否 is flagged', () => {
    const r = cli(['reports', F('reports-1904.xlsx'), '--roster', F('roster-openpyxl.xlsx'), '--format', 'csv'])
    expect(r.code).toBe(0)
    expect(r.stdout.split('\r\n').slice(1, 4)).toEqual([
      '007,张三,县财政局,,已报告,0,,2025-01-31,,,,,是,none,无需处置,,,,',
      '008,李四,县财政局,,已报告,1,「投资」,2025-02-03,,,,,否,admonishment,诫勉,item5-report-incomplete item5-duty-statement,谈话诫勉,,第5项：个人有关事项报告中「投资」未填报（应报 9 项，已填 8 项）；“对不严格执行上述报告制度的…进行诫勉谈话”；第5项：名册载明本年度未述职述廉；“要求领导干部述职述廉”，“对不严格执行上述报告制度的…进行诫勉谈话”',
      '9,王五,县教育局,,无需报告,,,,,,,,,none,无需处置,,,,',
    ])
  })
})
