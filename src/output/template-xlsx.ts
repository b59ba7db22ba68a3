import { unzipSync, zipSync } from 'fflate'
import writeXlsxFile, { type Cell } from 'write-excel-file/node'
import type { Template, TemplateValue } from '../commands/template.js'

/** Display width of a text in Excel columns: CJK and full-width characters take two. */
const widthOf = (s: string): number => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0)

const cellOf = (v: TemplateValue): Cell => {
  // Ids and flags stay text ('@'), so Excel neither drops leading zeros nor reads them as numbers.
  if ('text' in v) return { value: v.text, type: String, format: '@' }
  if ('number' in v) return { value: v.number, type: Number }
  const [y, m, d] = v.date.split('-').map(Number) as [number, number, number]
  return { value: new Date(Date.UTC(y, m - 1, d)), type: Date, format: 'yyyy-mm-dd' }
}

/** The template as an XLSX workbook of one sheet: a bold header row, frozen, and the example row. */
export const renderTemplateXlsx = async (tpl: Template): Promise<Buffer> => {
  const header: Cell[] = tpl.columns.map((c) => ({ value: c.header, type: String, fontWeight: 'bold' }))
  const example: Cell[] = tpl.columns.map((c) => cellOf(c.example))
  const columns = tpl.columns.map((c) => ({ width: Math.min(60, Math.max(8, widthOf(c.header), 'text' in c.example ? widthOf(c.example.text) : 10) + 2) }))
  const xlsx = await writeXlsxFile([header, example], { sheet: tpl.sheet, columns, stickyRowsCount: 1 }).toBuffer()
  return stableZip(xlsx)
}

/**
 * The same workbook re-zipped with one fixed time on every part: write-excel-file stamps
 * each zip entry with the time of writing, and the same template should be the same bytes.
 */
export const stableZip = (zip: Uint8Array): Buffer => {
  const parts = unzipSync(zip)
  const mtime = new Date(2025, 0, 1)
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(parts).map(([name, data]) => [name, [data, { mtime }]])), { level: 6 }))
}
