import { truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { InputError, listParam } from '../../src/errors.js'
import { dict } from '../../src/i18n/index.js'
import { layoutTable } from '../../src/input/layout.js'
import { reportLayout } from '../../src/input/reports.js'
import { openTable, type TableRow } from '../../src/input/table.js'
import { policyWith } from '../helpers.js'
import { formatOfCode } from '../../src/input/xlsx.js'
import { checkZip, readZipDirectory, XLSX_LIMITS, ZipRefused } from '../../src/input/zip-guard.js'
import { cli, inTemp } from '../support/item5.js'
import { declareSize, xlsxOf, zerosZip } from '../support/xlsx.js'

const READ = { encoding: 'auto' as const, delimiter: null, sheet: null }

const rowsOf = async (file: string, sheet: string | null = null, laidOut = false): Promise<{ header: TableRow; rows: TableRow[]; encoding: string }> => {
  const raw = await openTable(file, { ...READ, sheet })
  const t = laidOut ? await layoutTable(raw, reportLayout(policyWith(), null)) : raw
  const rows: TableRow[] = []
  for await (const r of t.rows) rows.push(r)
  return { header: t.header, rows, encoding: t.encoding() }
}

describe('XLSX cells', () => {
  it('reads a date cell, a number stored as text, a number, an empty cell and merged cells as a clerk sees them', async () => {
    const p = inTemp({
      'r.xlsx': await xlsxOf({
        报告: [
          [{ value: '2025年度个人有关事项报告', columnSpan: 5 }, null, null, null, null],
          ['干部编号', '姓名', '单位', '报告日期', '住房'],
          [{ value: '007', type: String }, '张三', { value: '县财政局', rowSpan: 2 }, { value: new Date(Date.UTC(2025, 0, 31)), type: Date, format: 'yyyy-mm-dd' }, '无'],
          [{ value: 8, type: Number }, '李四', null, { value: '2025/1/31', type: String }, null],
          [],
          [{ value: 1234567890123, type: Number }, '王五', '县教育局', { value: new Date(Date.UTC(2025, 1, 3, 9, 30)), type: Date, format: 'yyyy-mm-dd hh:mm' }, { value: 0.5, type: Number }],
        ],
      }),
    })
    // The raw sheet holds the merged title, filled across; the layout finds the header below it.
    expect((await rowsOf(p['r.xlsx']!)).header).toEqual({ line: 1, cells: Array(5).fill('2025年度个人有关事项报告') })
    const { header, rows, encoding } = await rowsOf(p['r.xlsx']!, null, true)
    expect(encoding).toBe('xlsx')
    // Lines are the sheet's own row numbers.
    expect(header).toEqual({ line: 2, cells: ['干部编号', '姓名', '单位', '报告日期', '住房'] })
    expect(rows).toEqual([
      { line: 3, cells: ['007', '张三', '县财政局', '2025-01-31', '无'] },
      // 单位 merged down two rows belongs to both; the empty 住房 cell, the row's last, is not given
      // (a workbook's rows end at their own last cell; a reader reads a cell not given as '').
      { line: 4, cells: ['8', '李四', '县财政局', '2025/1/31'] },
      // The blank row 5 is skipped like an empty CSV line.
      { line: 6, cells: ['1234567890123', '王五', '县教育局', '2025-02-03 09:30:00', '0.5'] },
    ])
  })

  it('a stray cell far right (XFD) makes the header that wide, not every row: the rows end at their own last cell', async () => {
    const sheet: Array<Array<{ value: string } | null>> = [['票号', '干部编号', '测评等次'].map((value) => ({ value }))]
    for (let b = 1; b <= 4; b++) sheet.push([`P${b}`, 'C1', '优秀'].map((value) => ({ value })))
    sheet[2] = [...sheet[2]!, ...Array<null>(16_380).fill(null), { value: '草稿' }]
    const p = inTemp({ 'v.xlsx': await xlsxOf({ S: sheet }) })
    for (const laidOut of [false, true]) {
      const { header, rows } = await rowsOf(p['v.xlsx']!, null, laidOut)
      expect(header.cells.length).toBe(16_384)
      expect(header.cells.slice(0, 4)).toEqual(['票号', '干部编号', '测评等次', ''])
      expect(rows.map((r) => [r.line, r.cells.length])).toEqual([[2, 3], [3, 16_384], [4, 3], [5, 3]])
      expect(rows[1]!.cells.at(-1)).toBe('草稿')
    }
  })

  it('reports its SHA-256 of the file bytes', async () => {
    const bytes = await xlsxOf({ S: [['干部编号'], ['C1']] })
    const p = inTemp({ 'a.xlsx': bytes })
    const t = await openTable(p['a.xlsx']!, READ)
    const { createHash } = await import('node:crypto')
    expect(t.sha256()).toBe(createHash('sha256').update(bytes).digest('hex'))
  })

  it('--sheet picks a sheet by name or number; an unknown one lists the sheets', async () => {
    const p = inTemp({ 'b.xlsx': await xlsxOf({ 封面: [['说明']], 名册: [['干部编号', '姓名'], ['C1', '张三']] }) })
    expect((await rowsOf(p['b.xlsx']!)).header.cells).toEqual(['说明'])
    expect((await rowsOf(p['b.xlsx']!, '名册')).rows).toEqual([{ line: 2, cells: ['C1', '张三'] }])
    expect((await rowsOf(p['b.xlsx']!, '2')).header.cells).toEqual(['干部编号', '姓名'])
    const err = await rowsOf(p['b.xlsx']!, '票据').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(InputError)
    expect((err as InputError).msg).toEqual({ code: 'sheet-not-found', params: { file: p['b.xlsx'], sheet: '票据', sheets: listParam(['封面', '名册']) } })
    // Each language lists the sheets its own way.
    expect(dict('zh').message('sheet-not-found', (err as InputError).msg.params)).toContain('封面、名册')
    expect(dict('en').message('sheet-not-found', (err as InputError).msg.params)).toContain('封面, 名册')
  })

  it('a sheet with nothing in it is an empty file', async () => {
    const p = inTemp({ 'e.xlsx': await xlsxOf({ S: [[null]] }) })
    const err = await openTable(p['e.xlsx']!, READ).catch((e: unknown) => e)
    expect((err as InputError).msg.code).toBe('empty-file')
  })
})

describe('zip guard', () => {
  it('walks the central directory of a real workbook and lets it pass', async () => {
    const bytes = await xlsxOf({ S: [['a', 'b'], [1, 2]] })
    const entries = checkZip(bytes)
    expect(entries.map((e) => e.name)).toContain('xl/workbook.xml')
    expect(entries.every((e) => e.size > 0 && (e.method === 8 || e.method === 0))).toBe(true)
  })

  const small = { ...XLSX_LIMITS, ratioFloorBytes: 64 * 1024, maxUnzippedBytes: 4 * 1024 * 1024 }

  it('refuses sizes out of proportion, as declared', () => {
    const zip = zerosZip(1024 * 1024)
    expect(readZipDirectory(zip).find((e) => e.name.endsWith('sheet1.xml'))?.size).toBe(1024 * 1024)
    expect(() => checkZip(zip, small)).toThrow(ZipRefused)
    try {
      checkZip(zip, small)
    } catch (e) {
      expect((e as ZipRefused).reason).toBe('bomb')
      expect((e as ZipRefused).detail).toMatch(/^declares 1 MiB/)
    }
    // The same bytes under the real limits: 1 MiB is below the ratio floor.
    expect(() => checkZip(zip)).not.toThrow()
  })

  it('refuses a part that inflates beyond the size its directory declares', () => {
    const lying = declareSize(zerosZip(1024 * 1024), 100)
    expect(() => checkZip(lying, small)).toThrow(/inflates beyond the 100 bytes it declares/)
  })

  it('refuses a directory that declares more than the limit in all', () => {
    const huge = declareSize(zerosZip(1000), 0xfffffff0, 0)
    expect(() => checkZip(huge)).toThrow(/^declares/)
  })

  it('refuses what is not a zip', () => {
    expect(() => checkZip(new TextEncoder().encode('干部编号,姓名\nC1,张三\n'))).toThrow(/not a zip archive/)
  })
})

describe('XLSX refused by the CLI: exit 65 and a message', () => {
  it('a file over the size limit', () => {
    const p = inTemp({})
    const big = join(p.dir, '名册.xlsx')
    writeFileSync(big, '')
    truncateSync(big, XLSX_LIMITS.maxFileBytes + 1) // sparse: no real bytes to write
    const r = cli(['reports', big])
    expect(r.code).toBe(65)
    expect(r.stderr).toContain('超过 XLSX 输入上限 64 MB')
    expect(r.stdout).toBe('')
  })

  it('a zip bomb', () => {
    const p = inTemp({ 'bomb.xlsx': zerosZip(40 * 1024 * 1024) })
    const r = cli(['assess', '--votes', p['bomb.xlsx']!, '--lang', 'en'])
    expect(r.code).toBe(65)
    expect(r.stderr).toMatch(/decompresses out of all proportion .*like a zip bomb/)
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  it('a zip whose sizes lie', () => {
    const p = inTemp({ 'lie.xlsx': declareSize(zerosZip(40 * 1024 * 1024), 1000) })
    const r = cli(['tally', p['lie.xlsx']!])
    expect(r.code).toBe(65)
    expect(r.stderr).toContain('疑为压缩炸弹')
  })

  it('a CSV named .xlsx, and an old .xls', () => {
    const p = inTemp({ 'x.xlsx': '票号,干部编号,测评等次\nP1,C1,称职\n', 'y.xls': 'whatever' })
    const r1 = cli(['tally', p['x.xlsx']!])
    expect(r1.code).toBe(65)
    expect(r1.stderr).toContain('不是有效的 XLSX 文件')
    const r2 = cli(['tally', p['y.xls']!])
    expect(r2.code).toBe(65)
    expect(r2.stderr).toContain('另存为 .xlsx 或 CSV')
  })

  it('names the column by its letter in an XLSX location', async () => {
    const p = inTemp({ 'v.xlsx': await xlsxOf({ 票: [['票号', '干部编号', '姓名', '测评等次'], ['P1', 'C1', '张三', '良']] }) })
    const r = cli(['tally', p['v.xlsx']!])
    expect(r.code).toBe(65)
    expect(r.stderr).toContain(`${p['v.xlsx']} 第 2 行 D 列（测评等次）: 无法识别的等次 '良'`)
    const en = cli(['tally', p['v.xlsx']!, '--lang', 'en'])
    expect(en.stderr).toContain(`${p['v.xlsx']} line 2 column D (测评等次)`)
  })
})

describe('number formats (a share cell is checked as the sheet shows it)', () => {
  it.each([
    ['0.00%', { decimals: 2, percent: true }],
    ['0%', { decimals: 0, percent: true }],
    ['0.0000', { decimals: 4, percent: false }],
    ['#,##0.0_);[Red](#,##0.0)', { decimals: 1, percent: false }],
    ['"率"0.0%', { decimals: 1, percent: true }],
    ['General', null],
    ['@', null],
    ['yyyy-mm-dd', null],
    ['0.00E+00', null],
    ['# ?/?', null],
  ])('%s', (code, f) => expect(formatOfCode(code)).toEqual(f))
})
