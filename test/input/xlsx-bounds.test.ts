/**
 * Issue 16 item 4: an XLSX sheet costs what its cells cost, not what its extent is. Tiny
 * workbooks built by hand (fflate), each a couple of KB, with a cell, a merged range or an
 * error cell far away — within Excel's limits (read, sparsely) or beyond them (a data error
 * naming the cell). The built CLI runs them, all in one process with a 64 MB heap: before the fix each of these
 * needed gigabytes (read-excel-file builds every row out to the widest column), so a
 * regression fails here as "out of memory", not as a slow test.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { unzipSync, zipSync } from 'fflate'
import { openWorkbook } from '../../src/input/xlsx.js'
import { type BatchResult, kaoheBatch } from '../support/batch.js'
import { BALLOT_ROWS, handXlsx, rowXml, xlsxOf } from '../support/xlsx.js'

const dir = mkdtempSync(join(tmpdir(), 'kaohe-xlsx-bounds-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/**
 * The cases, named as they are declared; all run before the tests in one built-CLI process
 * with a 64 MB heap (support/batch.ts): one node start, not one per case.
 */
const cases: Array<{ file: string; args: string[] }> = []
let results: BatchResult[] = []

/** Declare `kaohe tally <file> --lang en ...extra` on this workbook; the test reads its outcome. */
const tally = (name: string, xlsx: Uint8Array, extra: string[] = []): (() => BatchResult & { file: string }) => {
  const file = join(dir, name)
  writeFileSync(file, xlsx)
  expect(xlsx.length).toBeLessThan(4096)
  const i = cases.push({ file, args: ['tally', file, '--lang', 'en', ...extra] }) - 1
  return () => ({ ...results[i]!, file })
}

const sheet = (...parts: string[]): string => `<sheetData>${BALLOT_ROWS}${parts.join('')}</sheetData>`

describe('XLSX bounds: from the cells present and Excel’s limits', () => {
  beforeAll(async () => {
    results = await kaoheBatch(cases.map((c) => c.args), { nodeArgs: ['--max-old-space-size=64'] })
  }, 120_000)

  const ok = tally('ok.xlsx', handXlsx(sheet()), ['--format', 'json'])
  it('the hand-built workbook itself reads (the baseline of every case)', () => {
    const o = ok()
    expect(o.code, o.stderr).toBe(0)
    expect((JSON.parse(o.stdout) as { summary: { rowsRead: number } }).summary.rowsRead).toBe(2)
  })

  const far = tally('far.xlsx', handXlsx(sheet(rowXml([['XFD1048576', 'stray']]))))
  it('one cell at XFD1048576 (the last cell Excel has): read sparsely, the stray cell named', () => {
    const o = far()
    expect(o.code, o.stderr).toBe(65)
    expect(o.stderr).toMatch(/line 1048576, column XFD|line 1048576/)
  })

  const farLenient = tally('far-lenient.xlsx', handXlsx(sheet(rowXml([['XFD1048576', 'stray']]))), ['--lenient', '--format', 'json'])
  it('…and with --lenient the two ballots still count, the stray row listed', () => {
    const o = farLenient()
    expect(o.code, o.stderr).toBe(0)
    const doc = JSON.parse(o.stdout) as { summary: { rowsCounted: number; rowsInIssues: number }; issues: Array<{ row: number }> }
    expect(doc.summary.rowsCounted).toBe(2)
    expect(doc.summary.rowsInIssues).toBe(1)
    expect(doc.issues.some((i) => i.row === 1048576)).toBe(true)
  })

  const merge = tally('merge.xlsx', handXlsx(`${sheet()}<mergeCells count="1"><mergeCell ref="A2:ZZZ9999999"/></mergeCells>`))
  it('a merge A2:ZZZ9999999 (beyond Excel): a data error naming the range', () => {
    const o = merge()
    expect(o.code, o.stderr).toBe(65)
    expect(o.stderr).toContain('A2:ZZZ9999999')
    expect(o.stderr).toContain('16384 columns')
  })

  const mergeIn = tally('merge-in.xlsx', handXlsx(`${sheet()}<mergeCells count="1"><mergeCell ref="D1:XFD1048576"/></mergeCells>`), ['--format', 'json'])
  it('a merge A2:XFD1048576 (within Excel): clipped to the cells present, the ballots read as they are', () => {
    const o = mergeIn()
    expect(o.code, o.stderr).toBe(0)
    expect((JSON.parse(o.stdout) as { summary: { rowsRead: number } }).summary.rowsRead).toBe(2)
  })

  const mergeDown = tally('merge-down.xlsx', handXlsx(`${sheet()}<mergeCells count="1"><mergeCell ref="A2:A1048576"/></mergeCells>`), ['--format', 'json'])
  it('a merged value over a range reaching XFD1048576 fills only up to the cells present', () => {
    // The unit merged down A2:A1048576 — but the sheet's cells end at row 3: two rows, not a million.
    const o = mergeDown()
    expect(o.code, o.stderr).toBe(0)
  })

  const errCell = tally('err.xlsx', handXlsx(sheet('<row r="9999999"><c r="ZZZ9999999" t="e"><v>#N/A</v></c></row>')))
  it('an error cell at ZZZ9999999 (beyond Excel): a data error naming the cell', () => {
    const o = errCell()
    expect(o.code, o.stderr).toBe(65)
    expect(o.stderr).toContain('ZZZ9999999')
  })

  const errCellIn = tally('err-in.xlsx', handXlsx(sheet('<row r="1048576"><c r="XFD1048576" t="e"><v>#DIV/0!</v></c></row>')))
  it('an error cell at XFD1048576 (within Excel): read, and named where it is', () => {
    const o = errCellIn()
    expect(o.code, o.stderr).toBe(65)
    expect(o.stderr).toContain('1048576')
  })

  const refs = Object.fromEntries(
    ['AAAA1', 'A1048577', 'XFE2'].map((ref) => [ref, tally(`ref-${ref}.xlsx`, handXlsx(sheet(`<row r="${/\d+$/.exec(ref)![0]}"><c r="${ref}"><v>1</v></c></row>`)))]),
  )
  it.each([['AAAA1', 'four letters'], ['A1048577', 'a row past the last'], ['XFE2', 'a column past XFD']])('a cell %s (%s): a data error naming it', (ref) => {
    const o = refs[ref]!()
    expect(o.code, o.stderr).toBe(65)
    expect(o.stderr).toContain(ref)
  })

  const header = rowXml([['A1', '票号'], ['B1', '干部编号'], ['C1', '测评等次'], ['XFD1', '备注']])
  const wideHead = tally('wide-head.xlsx', handXlsx(`<sheetData>${header}${rowXml([['A2', 'P1'], ['B2', 'XJ001'], ['C2', '优秀']])}</sheetData>`), ['--format', 'json'])
  it('a header reaching XFD1: one wide row, no more', () => {
    const o = wideHead()
    expect([0, 65]).toContain(o.code)
  })

  const order = tally('order.xlsx', handXlsx(sheet(rowXml([['B5', 'x']]), rowXml([['A4', 'y']]))))
  it('cells out of order are refused as read-excel-file refuses them (not silently re-ordered)', () => {
    const o = order()
    expect(o.code, o.stderr).toBe(65)
    expect(o.stderr).toContain('out of order')
  })

  const dim = tally('dim.xlsx', handXlsx(sheet(), { dimension: 'A1:XFD1048576' }), ['--format', 'json'])
  it('a <dimension> claiming the whole sheet changes nothing', () => {
    const o = dim()
    expect(o.code, o.stderr).toBe(0)
  })
})

describe('the sheet as it is, or its cells alone: the same texts', () => {
  /** Every row's cells as read, trailing empty cells dropped. */
  const rowsOf = async (bytes: Uint8Array, name: string): Promise<Array<{ line: number; cells: string[] }>> => {
    const file = join(dir, name)
    writeFileSync(file, bytes)
    const book = await openWorkbook(file, bytes.length)
    const t = await book.table(book.sheets[0]!, file)
    const out = [t.header]
    for await (const r of t.rows) out.push(r)
    return out.map((r) => {
      let n = r.cells.length
      while (n > 0 && r.cells[n - 1] === '') n--
      return { line: r.line, cells: r.cells.slice(0, n) }
    })
  }

  it('shared strings, a date, numbers as text and as numbers, booleans, merged cells, an error cell', async () => {
    const real = await xlsxOf({
      表: [
        [{ value: '测评汇总', columnSpan: 4 }, null, null, null],
        ['干部编号', '姓名', '日期', '数'],
        [{ value: '007', type: String }, ' 张三 ', { value: new Date(Date.UTC(2025, 0, 31)), type: Date, format: 'yyyy-mm-dd' }, { value: 0.5, type: Number }],
        [{ value: 8, type: Number }, { value: '县财政局', rowSpan: 2 }, { value: true, type: Boolean }, { value: 1234567890123, type: Number }],
        ['9', null, 'x', '=1'],
      ],
    })
    const parts = unzipSync(real)
    const name = 'xl/worksheets/sheet1.xml'
    const xml = new TextDecoder().decode(parts[name])
    const withError = xml.replace(/<c r="C5"([^>]*)>[\s\S]*?<\/c>/, '<c r="C5" t="e"><f>1/0</f><v>#DIV/0!</v></c>')
    expect(withError).not.toBe(xml)
    // The same sheet, and once more with one stray value at XFD1048576: read from its cells alone.
    const stray = withError.replace(/<\/sheetData>/, '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>stray</t></is></c></row></sheetData>')
    const a = await rowsOf(zipSync({ ...parts, [name]: new TextEncoder().encode(withError) }), 'as-it-is.xlsx')
    const b = await rowsOf(zipSync({ ...parts, [name]: new TextEncoder().encode(stray) }), 'cells-alone.xlsx')
    expect(b.at(-1)).toEqual({ line: 1048576, cells: [...Array<string>(16383).fill(''), 'stray'] })
    expect(b.slice(0, -1)).toEqual(a)
    expect(a).toEqual([
      { line: 1, cells: Array(4).fill('测评汇总') },
      { line: 2, cells: ['干部编号', '姓名', '日期', '数'] },
      { line: 3, cells: ['007', '张三', '2025-01-31', '0.5'] },
      { line: 4, cells: ['8', '县财政局', 'TRUE', '1234567890123'] },
      { line: 5, cells: ['9', '县财政局', '#DIV/0!', '=1'] },
    ])
  })
})
