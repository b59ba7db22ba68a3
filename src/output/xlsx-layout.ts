import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'

/**
 * What write-excel-file 4.1.1 cannot say of a sheet, added to its XML afterwards: an
 * autofilter over the table, the print setup (A4, landscape or portrait, fitted to the page
 * width, the header row repeated on every printed page, page numbers), columns formatted as
 * text, and drop-down lists (data validation). The library writes the cells, styles and
 * frozen panes; this adds elements in the order the SpreadsheetML schema requires them
 * (sheetPr first; autoFilter after sheetData; then mergeCells, dataValidations, printOptions,
 * pageMargins, pageSetup, headerFooter) and the workbook's defined names.
 */
export interface SheetLayout {
  /** The sheet's position (1 = xl/worksheets/sheet1.xml) and its name. */
  index: number
  name: string
  /** The table: its header is row 1, its data rows 2..lastRow, over `columns` columns. */
  columns: number
  lastRow: number
  /** An autofilter on the header row. */
  filter: boolean
  /** Print: the header row repeated on each page, A4, fitted to the page width. */
  print: { landscape: boolean } | null
  /** Columns (1-based) whose empty cells take the text format (`@`): ids typed as 001 stay 001. */
  textColumns?: number[]
  /** Drop-down lists: a column (1-based), the rows they cover and the values offered. */
  lists?: Array<{ column: number; fromRow: number; toRow: number; values: string[]; title: string; error: string }>
}

/** A1-style column letters: 1 → A, 27 → AA. */
export const columnLetter = (n: number): string => {
  let s = ''
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s
  return s
}

const xmlText = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)
/** A sheet name in a formula: quoted, a quote doubled. */
const sheetRef = (name: string): string => `'${name.replace(/'/g, "''")}'`

/** Insert `xml` before the first of the elements named (or before </worksheet>). */
const insertBefore = (sheet: string, xml: string, before: string[]): string => {
  let at = sheet.lastIndexOf('</worksheet>')
  for (const tag of before) {
    const i = sheet.indexOf(`<${tag}`)
    if (i >= 0 && i < at) at = i
  }
  return sheet.slice(0, at) + xml + sheet.slice(at)
}

/** Elements that follow the print setup in a worksheet: what the additions go before. */
const AFTER_PRINT = ['rowBreaks', 'colBreaks', 'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst']

const layoutSheet = (xml: string, s: SheetLayout, textStyle: number | undefined): string => {
  let out = xml
  const ref = `A1:${columnLetter(Math.max(1, s.columns))}${Math.max(1, s.lastRow)}`
  // Whatever print setup the library wrote is replaced by this one.
  out = out.replace(/<pageMargins[^>]*\/>/g, '').replace(/<pageSetup[^>]*\/>/g, '').replace(/<printOptions[^>]*\/>/g, '')
  if (s.print !== null && !out.includes('<sheetPr')) {
    const at = out.indexOf('>', out.indexOf('<worksheet')) + 1
    out = `${out.slice(0, at)}<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>${out.slice(at)}`
  }
  if (s.textColumns !== undefined && s.textColumns.length > 0 && textStyle !== undefined) out = textColumns(out, s.textColumns, textStyle)
  if (s.filter) {
    const end = out.indexOf('</sheetData>') + '</sheetData>'.length
    out = `${out.slice(0, end)}<autoFilter ref="${ref}"/>${out.slice(end)}`
  }
  const tail: string[] = []
  if (s.lists !== undefined && s.lists.length > 0) {
    tail.push(
      `<dataValidations count="${s.lists.length}">` +
        s.lists
          .map(
            (l) =>
              `<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" errorStyle="stop" errorTitle="${xmlText(l.title)}" error="${xmlText(l.error)}" sqref="${columnLetter(l.column)}${l.fromRow}:${columnLetter(l.column)}${l.toRow}">` +
              `<formula1>${xmlText(`"${l.values.join(',')}"`)}</formula1></dataValidation>`,
          )
          .join('') +
        '</dataValidations>',
    )
  }
  if (s.print !== null) {
    tail.push(
      '<printOptions horizontalCentered="0" gridLines="0" headings="0"/>',
      '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.6" header="0.3" footer="0.3"/>',
      `<pageSetup paperSize="9" orientation="${s.print.landscape ? 'landscape' : 'portrait'}" fitToWidth="1" fitToHeight="0"/>`,
      `<headerFooter><oddFooter>${xmlText(`&C${s.name}  &P / &N`)}</oddFooter></headerFooter>`,
    )
  }
  if (tail.length > 0) out = insertBefore(out, tail.join(''), AFTER_PRINT)
  return out
}

/**
 * Give text-formatted columns their format: each `<col>` covering one of them takes the
 * style `style` (Excel's built-in text format, `@`, added to the workbook's styles), so that a
 * clerk's 001 typed into an empty cell stays 001.
 */
const textColumns = (xml: string, columns: number[], style: number): string => {
  let out = xml
  for (const c of columns) {
    out = out.replace(new RegExp(`<col min="${c}" max="${c}"([^>]*?)/>`), (_m, attrs: string) => `<col min="${c}" max="${c}"${attrs.replace(/ style="\d+"/, '')} style="${style}"/>`)
  }
  return out
}

/** Add a cell format of the built-in text number format (49, `@`) to styles.xml: its index, and the styles. */
const addTextStyle = (styles: string): { styles: string; index: number } => {
  const m = /<cellXfs count="(\d+)">/.exec(styles)
  if (m === null) throw new Error('styles.xml has no cellXfs')
  const index = Number(m[1])
  const out = styles.replace(m[0], `<cellXfs count="${index + 1}">`).replace('</cellXfs>', '<xf numFmtId="49" applyNumberFormat="1" fontId="0" fillId="0" borderId="0"/></cellXfs>')
  return { styles: out, index }
}

/** The workbook's defined names: each filter's range and each printed sheet's title row. */
const definedNames = (workbook: string, sheets: SheetLayout[]): string => {
  const names: string[] = []
  for (const s of sheets) {
    const local = s.index - 1
    if (s.filter) {
      names.push(`<definedName name="_xlnm._FilterDatabase" localSheetId="${local}" hidden="1">${xmlText(`${sheetRef(s.name)}!$A$1:$${columnLetter(Math.max(1, s.columns))}$${Math.max(1, s.lastRow)}`)}</definedName>`)
    }
    if (s.print !== null) names.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${local}">${xmlText(`${sheetRef(s.name)}!$1:$1`)}</definedName>`)
  }
  if (names.length === 0) return workbook
  const block = `<definedNames>${names.join('')}</definedNames>`
  if (workbook.includes('<definedNames/>')) return workbook.replace('<definedNames/>', block)
  if (workbook.includes('<definedNames>')) return workbook.replace('<definedNames>', `<definedNames>${names.join('')}`)
  return workbook.replace('</sheets>', `</sheets>${block}`)
}

/** The workbook with the layouts applied; the zip's entries dated 1980-01-01 by the caller. */
export const layoutXlsx = (zip: Uint8Array, sheets: SheetLayout[]): Uint8Array => {
  const parts = unzipSync(zip)
  let textStyle: number | undefined
  if (sheets.some((s) => (s.textColumns ?? []).length > 0)) {
    const st = parts['xl/styles.xml']
    if (st === undefined) throw new Error('the workbook has no xl/styles.xml')
    const added = addTextStyle(strFromU8(st))
    parts['xl/styles.xml'] = strToU8(added.styles)
    textStyle = added.index
  }
  for (const s of sheets) {
    const name = `xl/worksheets/sheet${s.index}.xml`
    const xml = parts[name]
    if (xml === undefined) throw new Error(`the workbook has no ${name}`)
    parts[name] = strToU8(layoutSheet(strFromU8(xml), s, textStyle))
  }
  const wb = parts['xl/workbook.xml']
  if (wb === undefined) throw new Error('the workbook has no xl/workbook.xml')
  parts['xl/workbook.xml'] = strToU8(definedNames(strFromU8(wb), sheets))
  const mtime = new Date(1980, 0, 1)
  return zipSync(Object.fromEntries(Object.entries(parts).map(([n, data]) => [n, [data, { mtime }]])), { level: 6 })
}
