import writeXlsxFile, { type Cell, type CellObject } from 'write-excel-file/node'
import type { Template, TemplateValue } from '../commands/template.js'
import { templateWords } from '../i18n/template-words.js'
import { layoutXlsx } from './xlsx-layout.js'

/** Display width of a text in Excel columns: CJK and full-width characters take two. */
const widthOf = (s: string): number => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0)

/** An example cell: grey italics, so that it reads as an example (its name says so too). */
const EXAMPLE: Partial<CellObject> = { fontStyle: 'italic', textColor: '#7F7F7F' }

const cellOf = (v: TemplateValue | null, id: boolean): Cell => {
  // Ids stay text ('@'), so Excel neither drops leading zeros nor reads them as numbers.
  if (v === null) return id ? { value: undefined, type: String, format: '@' } : null
  if ('text' in v) return { ...EXAMPLE, value: v.text, type: String, format: '@' }
  if ('number' in v) return { ...EXAMPLE, value: v.number, type: Number }
  const [y, m, d] = v.date.split('-').map(Number) as [number, number, number]
  return { ...EXAMPLE, value: new Date(Date.UTC(y, m - 1, d)), type: Date, format: 'yyyy-mm-dd' }
}

/** Rows the drop-down lists and the text format cover: far more than any one sheet's cadres or ballots. */
const ROWS = 50_000

/**
 * The template as an XLSX workbook of one sheet: a bold header row, frozen; the example rows
 * in grey italics; the id columns formatted as text (001 stays 001); a drop-down list on each
 * column of grades, marks and 是/否. The same template is the same bytes.
 */
export const renderTemplateXlsx = async (tpl: Template): Promise<Buffer> => {
  const w = templateWords(tpl.lang)
  const header: Cell[] = tpl.columns.map((c) => ({ value: c.header, type: String, fontWeight: 'bold', backgroundColor: '#E7E6E6' }))
  const rows: Cell[][] = Array.from({ length: tpl.rows }, (_, r) => tpl.columns.map((c) => cellOf(c.examples[r] ?? null, c.id === true)))
  const columns = tpl.columns.map((c) => {
    const ex = c.examples.map((v) => (v !== null && 'text' in v ? widthOf(v.text) : 10))
    return { width: Math.min(60, Math.max(8, widthOf(c.header), ...ex) + 2) }
  })
  const xlsx = await writeXlsxFile([header, ...rows], { sheet: tpl.sheet, columns, stickyRowsCount: 1 }).toBuffer()
  const lists = tpl.columns.flatMap((c, i) => (c.list === undefined ? [] : [{ column: i + 1, fromRow: 2, toRow: ROWS, values: c.list, title: w.listTitle, error: w.listError }]))
  // Wide ballots: the grades' list also on the empty columns where more cadres go.
  const last = tpl.columns.length
  const gradeList = tpl.columns[last - 1]?.list
  if (tpl.spare !== undefined && gradeList !== undefined) {
    for (let k = 1; k <= tpl.spare; k++) lists.push({ column: last + k, fromRow: 2, toRow: ROWS, values: gradeList, title: w.listTitle, error: w.listError })
  }
  const laid = layoutXlsx(xlsx, [
    {
      index: 1,
      name: tpl.sheet,
      columns: tpl.columns.length,
      lastRow: 1 + tpl.rows,
      filter: false,
      print: { landscape: tpl.kind !== 'paper' },
      textColumns: tpl.columns.flatMap((c, i) => (c.id === true ? [i + 1] : [])),
      lists,
    },
  ])
  return Buffer.from(laid)
}
