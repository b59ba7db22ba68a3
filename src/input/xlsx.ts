import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { unzipSync, zipSync } from 'fflate'
import { InvalidInputError, readSheet } from 'read-excel-file/node'
import { InputError, listParam, MissingInputError } from '../errors.js'
import type { ReadOptions, Table, TableRow } from './table.js'
import { checkZip, XLSX_LIMITS, ZipRefused, type ZipEntry } from './zip-guard.js'

/**
 * XLSX as a Table (SPEC §2): the first sheet or `--sheet NAME` (or its 1-based number).
 * Loaded only when an .xlsx file is read (it pulls in the zip and XML parsers).
 *
 * Cells become the text a clerk sees: text as written (a number stored as text keeps its
 * zeros), numbers as Excel stored them, dates (Excel serials in a date-formatted cell) as
 * YYYY-MM-DD, TRUE/FALSE for booleans, a failed formula as its error (`#DIV/0!`, which
 * the readers report: rows.ts), '' for empty cells. A merged range gives its value to
 * every cell it covers (a unit name merged down a column belongs to each row); the ranges
 * themselves go with the table, for the layout (layout.ts: a title, a parent header over
 * its children). Blank rows are skipped like empty lines of a CSV. `line` is the sheet's
 * own row number, as Excel shows it.
 */
export const openXlsx = async (file: string, opts: ReadOptions, total: number | null, at: string = file): Promise<Table> => {
  const book = await openWorkbook(file, total, at)
  return book.table(pickSheet(file, book.sheets, opts.sheet), file)
}

/** An XLSX workbook, read once: its sheets, and each sheet as a Table when asked for. */
export interface XlsxBook {
  sheets: readonly SheetInfo[]
  /** The sheet as a table named `name` in messages and outputs (`file.xlsx#副职`). */
  table: (sheet: SheetInfo, name: string) => Promise<Table>
  /** Does the sheet hold anything at all? (Excel's empty Sheet2 and Sheet3 do not.) */
  isEmpty: (sheet: SheetInfo) => Promise<boolean>
}

/** Read a workbook's bytes and its list of sheets (SPEC §2.0: every sheet may be read). */
export const openWorkbook = async (file: string, total: number | null, at: string = file): Promise<XlsxBook> => {
  const limit = XLSX_LIMITS.maxFileBytes
  if (total !== null && total > limit) throw tooLarge(file, total)
  let bytes: Buffer
  try {
    bytes = await readFile(at)
  } catch (e) {
    throw new MissingInputError(file, (e as NodeJS.ErrnoException).code ?? 'unreadable', { cause: e })
  }
  if (bytes.length > limit) throw tooLarge(file, bytes.length)
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  let entries: ZipEntry[]
  try {
    entries = checkZip(bytes)
  } catch (e) {
    if (!(e instanceof ZipRefused)) throw e
    throw new InputError({ code: e.reason === 'bomb' ? 'xlsx-zip-bomb' : 'xlsx-invalid', params: { file, detail: e.detail } }, [], {
      cause: e,
    })
  }
  const book = readWorkbook(bytes, entries)
  if (book.sheets.length === 0) throw new InputError({ code: 'xlsx-invalid', params: { file, detail: 'no sheets' } })
  const sheets = new Map<string, SparseSheet>()
  const sheetOf = async (sheet: SheetInfo): Promise<SparseSheet> => {
    const known = sheets.get(sheet.name)
    if (known) return known
    const xml = sheet.path ? book.part(sheet.path) : null
    if (xml === null) throw new InputError({ code: 'xlsx-invalid', params: { file, detail: `no part for sheet ${sheet.name}` } })
    const out = await readSparse(file, sheet, xml, bytes, entries, book)
    sheets.set(sheet.name, out)
    return out
  }
  return {
    sheets: book.sheets,
    isEmpty: async (sheet) => !(await sheetOf(sheet)).anyText,
    table: async (sheet, name) => {
      const s = await sheetOf(sheet)
      // Sheets are read once per workbook; a sheet read again (two inputs) reads its own copy.
      sheets.delete(sheet.name)
      const all = s.rows()
      let first = all.next()
      while (!first.done && isBlank(first.value.cells)) first = all.next()
      if (first.done) throw new InputError({ code: 'empty-file', params: { file: name } })
      // The header as wide as the sheet (a cell under no heading is then in an unnamed column, not past the header).
      const header: TableRow = { line: first.value.line, cells: padded(first.value.cells, s.width) }
      async function* rows(): AsyncGenerator<TableRow> {
        for (let next = all.next(); !next.done; next = all.next()) {
          if (isBlank(next.value.cells)) continue
          yield next.value
        }
      }
      return {
        file: name,
        format: 'xlsx',
        header,
        rows: rows(),
        encoding: () => 'xlsx',
        sha256: () => sha256,
        progress: () => ({ bytes: bytes.length, total: bytes.length }),
        sheet: sheet.name,
        merges: s.merges,
        width: s.width,
        // Lines are 1-based as Excel shows them; columns 0-based as cells are.
        numberFormat: (line, col) => s.numberFormat(line - 1, col),
      }
    },
  }
}

/** `cells` with '' added up to `width`. */
const padded = (cells: string[], width: number): string[] => (cells.length >= width ? cells : [...cells, ...new Array<string>(width - cells.length).fill('')])

/** Excel's own limits (2007 and later): columns A to XFD, rows 1 to 1,048,576. */
export const EXCEL_LIMITS = { columns: 16_384, rows: 1_048_576 } as const

/**
 * A sheet as the cells it holds, not as a grid: a 2 KB file with one cell at XFD1048576
 * costs what its few cells cost (read-excel-file alone builds every row out to the widest
 * column: 16,384 × 1,048,576 cells, gigabytes). Rows are made one at a time when read.
 */
interface SparseSheet {
  /** The sheet's rows that hold something (a cell, or a merged value over them), in order, each as far as its last cell or merged range. */
  rows: () => Iterator<TableRow>
  /** As wide as the widest value (read-excel-file's width; an error cell or a merged range may reach further in its own rows). */
  width: number
  /** Merged ranges, clipped to the cells the sheet holds. */
  merges: MergeRange[]
  anyText: boolean
  numberFormat: (row: number, col: number) => NumberFormat | null
}

const beyondLimits = (file: string, sheet: string, cell: string): InputError =>
  new InputError({ code: 'xlsx-beyond-limits', params: { file, sheet, cell, columns: EXCEL_LIMITS.columns, rows: EXCEL_LIMITS.rows } })

/** A1 → zero-based [row, column], of any size (checked against Excel's limits by the caller); null if not a reference. */
const parseAnyRef = (ref: string): [number, number] | null => {
  const m = /^\$?([A-Z]{1,7})\$?(\d{1,15})$/.exec(ref.trim().toUpperCase())
  if (!m) return null
  let col = 0
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64)
  return [Number(m[2]) - 1, col - 1]
}

const withinExcel = (p: [number, number]): boolean => p[0] >= 0 && p[0] < EXCEL_LIMITS.rows && p[1] >= 0 && p[1] < EXCEL_LIMITS.columns

/** The `r` and `t` attributes of a row or cell: compiled once (a sheet has a million cells). */
const R_ATTR = /\sr\s*=\s*(?:"([^"]*)"|'([^']*)')/
const T_ATTR = /\st\s*=\s*(?:"([^"]*)"|'([^']*)')/
const quick = (attrs: string | undefined, re: RegExp): string | null => {
  const m = attrs === undefined ? null : re.exec(attrs)
  if (!m) return null
  const v = m[1] ?? m[2] ?? ''
  return v.includes('&') ? unescapeXml(v) : v
}

const ROW_OR_CELL = /<(?:\w+:)?(?:row\b([^>]*)>|c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>))/g

/**
 * Read a sheet sparsely. Its XML is scanned once for cells that hold something; a cell
 * or merged range beyond Excel's limits is a data error naming it. The values are then
 * turned into text by read-excel-file (shared strings, dates by their number format,
 * booleans, its trimming) from a sheet of those cells alone, one per row, so that what it
 * builds is as large as the cells present; error cells (`t="e"`), which it reads as
 * empty, keep the error as their text (`#DIV/0!`; one saved without its value: #N/A).
 */
const readSparse = async (file: string, sheet: SheetInfo, xml: string, bytes: Uint8Array, entries: ZipEntry[], book: Workbook): Promise<SparseSheet> => {
  const open = /<((?:\w+:)?)sheetData\b[^>]*?(\/?)>/.exec(xml)
  const close = open && open[2] !== '/' ? xml.indexOf(`</${open[1]}sheetData>`, open.index) : -1
  const data = open && close >= 0 ? xml.slice(open.index + open[0].length, close) : ''
  // The value cells: their places and elements (slices of the sheet's text, not copies).
  const vRows: number[] = []
  const vCols: number[] = []
  const vXml: string[] = []
  let lastRow = -1
  const errors: Array<{ row: number; col: number; text: string }> = []
  let row = -1
  let col = -1
  let last = -1
  for (const m of data.matchAll(ROW_OR_CELL)) {
    if (m[1] !== undefined) {
      const r = quick(m[1], R_ATTR)
      // Beyond Excel's rows: its cells say so, named (an empty row is nothing).
      row = r !== null && /^\d{1,15}$/.test(r.trim()) ? Number(r) - 1 : row + 1
      lastRow = Math.max(lastRow, row)
      col = -1
      continue
    }
    const attrs = m[2]!
    const ref = quick(attrs, R_ATTR)
    let place: [number, number] | null
    if (ref === null) place = [Math.max(row, 0), col + 1]
    else if ((place = parseAnyRef(ref)) === null) throw new InputError({ code: 'xlsx-invalid', params: { file, detail: `cell reference ${ref}` } })
    if (!withinExcel(place)) throw beyondLimits(file, sheet.name, ref ?? `${columnName(place[1])}${place[0] + 1}`)
    ;[row, col] = place
    // Cells come in order (ECMA-376 §18.3.1.4); read-excel-file refuses any other order too.
    const at = row * EXCEL_LIMITS.columns + col
    if (at <= last) throw new InputError({ code: 'xlsx-invalid', params: { file, detail: `cell ${ref ?? columnName(col) + (row + 1)} out of order` } })
    last = at
    const body = m[3] ?? ''
    if (quick(attrs, T_ATTR) === 'e') {
      const v = /<(?:\w+:)?v(?:\s[^>]*)?>([^<]*)</.exec(body)
      errors.push({ row, col, text: v && v[1]!.trim() !== '' ? unescapeXml(v[1]!.trim()) : '#N/A' })
    } else if (/<(?:\w+:)?(?:v|is)\b/.test(body)) {
      vRows.push(row)
      vCols.push(col)
      vXml.push(m[0])
    }
    lastRow = Math.max(lastRow, row)
  }
  const texts = vRows.length === 0 ? [] : await valueTexts(file, sheet, xml, { rows: vRows, cols: vCols, xml: vXml, lastRow }, bytes, entries)
  // Each row's cells (columns ascending) and texts; '' is no cell.
  const byRow = new Map<number, { cols: number[]; texts: string[] }>()
  const put = (r: number, c: number, t: string): void => {
    let e = byRow.get(r)
    if (!e) byRow.set(r, (e = { cols: [], texts: [] }))
    e.cols.push(c)
    e.texts.push(t)
  }
  // As wide as the widest value (read-excel-file's width: error cells, read as empty, do not count).
  let width = 0
  let maxRow = -1
  let maxCol = -1
  let anyText = false
  let ei = 0
  const addError = (e: (typeof errors)[number]): void => {
    put(e.row, e.col, e.text)
    maxRow = Math.max(maxRow, e.row)
    maxCol = Math.max(maxCol, e.col)
    anyText ||= e.text.trim() !== ''
  }
  for (let i = 0; i < vRows.length; i++) {
    const vr = vRows[i]!
    const vc = vCols[i]!
    while (ei < errors.length && errors[ei]!.row * EXCEL_LIMITS.columns + errors[ei]!.col < vr * EXCEL_LIMITS.columns + vc) addError(errors[ei++]!)
    const t = texts[i]!
    if (t === '') continue
    put(vr, vc, t)
    width = Math.max(width, vc + 1)
    maxRow = Math.max(maxRow, vr)
    maxCol = Math.max(maxCol, vc)
    anyText ||= t.trim() !== ''
  }
  while (ei < errors.length) addError(errors[ei++]!)
  const textAt = (r: number, c: number): string => {
    const e = byRow.get(r)
    const k = e ? e.cols.indexOf(c) : -1
    return k < 0 ? '' : e!.texts[k]!
  }
  // Merged ranges: any beyond Excel's limits is an error; the rest are clipped to the cells the sheet holds.
  const merges: MergeRange[] = []
  for (const m of xml.matchAll(/<(?:\w+:)?mergeCell\b[^>]*>/g)) {
    const ref = attr(m[0], 'ref') ?? ''
    const [a, b] = ref.split(':')
    const from = a ? parseAnyRef(a) : null
    const to = b ? parseAnyRef(b) : from
    if (!from || !to) continue
    if (!withinExcel(from) || !withinExcel(to)) throw beyondLimits(file, sheet.name, ref)
    const top = Math.min(from[0], to[0])
    const left = Math.min(from[1], to[1])
    if (top > maxRow || left > maxCol) continue
    merges.push({ top, left, bottom: Math.min(Math.max(from[0], to[0]), maxRow), right: Math.min(Math.max(from[1], to[1]), maxCol) })
  }
  // A merged range gives its value to every cell it covers (a unit merged down a column belongs to each row).
  const filling = merges.map((m) => ({ ...m, value: textAt(m.top, m.left) })).filter((m) => m.value !== '').sort((x, y) => x.top - y.top)
  const own = [...byRow.keys()].sort((x, y) => x - y)
  function* rows(): Iterator<TableRow> {
    let i = 0
    let j = 0
    let active: typeof filling = []
    let r = -1
    for (;;) {
      active = active.filter((m) => m.bottom > r)
      let next = active.length > 0 ? r + 1 : Infinity
      if (i < own.length) next = Math.min(next, own[i]!)
      if (j < filling.length) next = Math.min(next, Math.max(filling[j]!.top, r + 1))
      if (next === Infinity) return
      r = next
      while (j < filling.length && filling[j]!.top <= r) active.push(filling[j++]!)
      active = active.filter((m) => m.bottom >= r)
      if (i < own.length && own[i] === r) i++
      const e = byRow.get(r)
      let n = 0
      if (e) n = e.cols[e.cols.length - 1]! + 1
      for (const m of active) n = Math.max(n, m.right + 1)
      const cells = new Array<string>(n).fill('')
      if (e) for (let k = 0; k < e.cols.length; k++) cells[e.cols[k]!] = e.texts[k]!
      for (const m of active) for (let c = m.left; c <= m.right; c++) if (cells[c] === '') cells[c] = m.value
      yield { line: r + 1, cells }
    }
  }
  let formats: ((row: number, col: number) => NumberFormat | null) | null = null
  // Made when first asked for (a share column to check): most sheets never are.
  const numberFormat = (r: number, c: number): NumberFormat | null => (formats ??= cellFormats(xml, styleFormats(book.part('xl/styles.xml') ?? '')))(r, c)
  return { rows, merges, anyText, numberFormat, width }
}

/** Zero-based column → its letters (0 → A, 16383 → XFD). */
const columnName = (col: number): string => {
  let s = ''
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  return s
}

/** Cells per row of the sheet made for read-excel-file, and their column letters. */
const PACK = 100
const PACKED = Array.from({ length: PACK }, (_, i) => columnName(i))

/**
 * The text of each value cell, by read-excel-file. It builds the sheet as a grid, every row
 * as wide as the widest and an empty row for every row number skipped: where that grid is
 * about the size of the cells (a table, as sheets are), it is given the sheet as it is;
 * where it would be far larger (a stray cell at XFD1048576), a copy of the workbook whose
 * sheet holds the value cells alone, side by side, PACK a row (A1…CV1, A2…): then what it
 * builds is the cells' size, whatever their places. Either way each cell is turned into
 * text by the same code, so the two give the same texts.
 */
const valueTexts = async (
  file: string,
  sheet: SheetInfo,
  xml: string,
  cells: { rows: number[]; cols: number[]; xml: string[]; lastRow: number },
  bytes: Uint8Array,
  entries: ZipEntry[],
): Promise<string[]> => {
  const count = cells.rows.length
  let lastValueRow = 0
  let widest = 0
  for (let i = 0; i < count; i++) {
    lastValueRow = Math.max(lastValueRow, cells.rows[i]!)
    widest = Math.max(widest, cells.cols[i]! + 1)
  }
  const grid = cells.lastRow + 1 + (lastValueRow + 1) * widest
  const asItIs = grid <= 4 * count + 100_000
  let sheetXml = xml
  if (!asItIs) {
    const root = /<((?:\w+:)?)worksheet\b([^>]*)>/.exec(xml)
    const p = root?.[1] ?? ''
    const made: string[] = [`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><${p}worksheet${root?.[2] ?? ''}><${p}sheetData>`]
    for (let k = 0; k < count; k++) {
      const at = Math.floor(k / PACK) + 1
      if (k % PACK === 0) made.push(k === 0 ? `<${p}row r="1">` : `</${p}row><${p}row r="${at}">`)
      // The element with its place (`r`) made the one it has in the copy.
      made.push(cells.xml[k]!.replace(/^<((?:\w+:)?)c\b([^>]*?)>/, (_, q: string, a: string) => `<${q}c r="${PACKED[k % PACK]}${at}"${a.replace(R_ATTR, '')}>`))
    }
    made.push(`${count > 0 ? `</${p}row>` : ''}</${p}sheetData></${p}worksheet>`)
    sheetXml = made.join('')
  }
  let input: Buffer
  if (asItIs) input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  else {
    // Every part but the other sheets (their size is not this sheet's), this sheet made anew.
    const keep = new Set(entries.map((e) => e.name).filter((n) => !/^xl\/worksheets\//.test(n)))
    const files = unzipSync(bytes, { filter: (f) => keep.has(f.name) })
    files[sheet.path!] = new TextEncoder().encode(sheetXml)
    const zip = zipSync(files, { level: 0 })
    input = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength)
  }
  let rows: unknown[][]
  try {
    rows = (await readSheet<string>(input, sheet.name, { parseNumber: (s: string) => s })) as unknown[][]
  } catch (e) {
    const detail = e instanceof InvalidInputError ? e.code : e instanceof Error ? e.message : String(e)
    const code = e instanceof InvalidInputError && e.code === 'XLS_FILE_NOT_SUPPORTED' ? 'unsupported-format' : 'xlsx-invalid'
    throw new InputError({ code, params: { file, detail } }, [], { cause: e })
  }
  const out = new Array<string>(count)
  for (let i = 0; i < count; i++) out[i] = cellText(asItIs ? rows[cells.rows[i]!]?.[cells.cols[i]!] : rows[Math.floor(i / PACK)]?.[i % PACK])
  return out
}

const tooLarge = (file: string, size: number): InputError =>
  new InputError({
    code: 'xlsx-too-large',
    params: { file, size: Math.ceil(size / 1024 / 1024), limit: XLSX_LIMITS.maxFileBytes / 1024 / 1024 },
  })

const isBlank = (cells: string[]): boolean => cells.every((c) => c.trim() === '')

const pad = (n: number, w = 2): string => String(n).padStart(w, '0')

/** A cell as text. Dates are UTC instants of the sheet's wall-clock time, as the reader gives them. */
export const cellText = (v: unknown): string => {
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE'
  if (v instanceof Date) {
    // An Excel serial is a fraction of a day: 09:30 comes back as 09:29:59.999. Round to the second.
    const t = new Date(Math.round(v.getTime() / 1000) * 1000)
    const day = `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`
    const [h, m, s] = [t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds()]
    return h === 0 && m === 0 && s === 0 ? day : `${day} ${pad(h)}:${pad(m)}:${pad(s)}`
  }
  return String(v)
}

/** A1 → zero-based [row, column]. */
const parseRef = (ref: string): [number, number] | null => {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref.trim().toUpperCase())
  if (!m) return null
  let col = 0
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64)
  return [Number(m[2]) - 1, col - 1]
}

export interface MergeRange {
  top: number
  left: number
  bottom: number
  right: number
}

export interface SheetInfo {
  name: string
  /** The sheet's part in the zip, e.g. xl/worksheets/sheet1.xml; null when the workbook does not say. */
  path: string | null
}

interface Workbook {
  sheets: SheetInfo[]
  /** A part of the zip as text (a sheet's XML, xl/styles.xml), or null. */
  part: (name: string) => string | null
}

/** A cell whose formula failed (`t="e"`): zero-based place, and the error as the cell shows it. */
export interface ErrorCell {
  row: number
  col: number
  text: string
}

const decoder = new TextDecoder('utf-8')

const unescapeXml = (s: string): string =>
  s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e]!
  })

const attr = (tag: string, name: string): string | null => {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag)
  return m ? unescapeXml(m[2] ?? m[3] ?? '') : null
}

/**
 * The workbook's sheet names in order, and where each sheet's XML lies, from
 * xl/workbook.xml and its relationships: read-excel-file does not report merged cells,
 * so their ranges are read from the sheet's own XML.
 */
const readWorkbook = (bytes: Uint8Array, entries: ZipEntry[]): Workbook => {
  const names = new Set(entries.map((e) => e.name))
  const read = (name: string): string | null => {
    if (!names.has(name)) return null
    const files = unzipSync(bytes, { filter: (f) => f.name === name })
    const data = files[name]
    return data ? decoder.decode(data) : null
  }
  const workbook = read('xl/workbook.xml') ?? ''
  const rels = read('xl/_rels/workbook.xml.rels') ?? ''
  const targets = new Map<string, string>()
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id')
    const target = attr(m[0], 'Target')
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`)
  }
  const sheets: SheetInfo[] = []
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name')
    const rid = attr(m[0], '(?:\\w+:)?id')
    if (name !== null) sheets.push({ name, path: rid ? (targets.get(rid) ?? null) : null })
  }
  return {
    sheets,
    part: read,
  }
}

/** How a numeric cell is shown (its number format): decimals, and whether as a percentage. */
export interface NumberFormat {
  decimals: number
  percent: boolean
}

/** Excel's built-in number formats that show a number rounded (ECMA-376 §18.8.30). */
const BUILTIN_FORMATS: Readonly<Record<number, string>> = { 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 37: '#,##0', 38: '#,##0', 39: '#,##0.00', 40: '#,##0.00' }

/**
 * A number format's code as decimals and percent: `0.00%` → 2, true. General, text, dates,
 * fractions and scientific formats give null (the value is read as stored).
 */
export const formatOfCode = (code: string): NumberFormat | null => {
  // The positive section, without quoted text, escapes and [colour]/[condition] parts.
  const first = (code.split(';')[0] ?? '').replace(/"[^"]*"|\\.|\[[^\]]*\]|_.|\*./g, '')
  if (!/[0#?]/.test(first) || /[eE][+-]|\/|[ymdhs]/i.test(first)) return null
  const dot = first.indexOf('.')
  const decimals = dot < 0 ? 0 : (/^[0#?]*/.exec(first.slice(dot + 1))?.[0].length ?? 0)
  return { decimals, percent: first.includes('%') }
}

/** The number format of each cell style (xl/styles.xml: cellXfs by index → numFmtId → code). */
const styleFormats = (xml: string): Array<NumberFormat | null> => {
  const codes = new Map<number, string>(Object.entries(BUILTIN_FORMATS).map(([k, v]) => [Number(k), v]))
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b[^>]*>/g)) {
    const id = attr(m[0], 'numFmtId')
    const code = attr(m[0], 'formatCode')
    if (id !== null && code !== null) codes.set(Number(id), code)
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? ''
  return [...xfs.matchAll(/<(?:\w+:)?xf\b[^>]*>/g)].map((m) => {
    const code = codes.get(Number(attr(m[0], 'numFmtId') ?? '0'))
    return code === undefined ? null : formatOfCode(code)
  })
}

/** Each numeric cell's number format, by zero-based row and column (cells of text have none). */
const cellFormats = (xml: string, styles: Array<NumberFormat | null>): ((row: number, col: number) => NumberFormat | null) => {
  const byCell = new Map<string, NumberFormat>()
  for (const m of xml.matchAll(/<(?:\w+:)?c\b[^>]*\bs\s*=\s*["'](\d+)["'][^>]*>/g)) {
    const t = attr(m[0], 't')
    if (t !== null && t !== 'n') continue
    const format = styles[Number(m[1])]
    const place = format ? parseRef(attr(m[0], 'r') ?? '') : null
    if (format && place) byCell.set(`${place[0]}:${place[1]}`, format)
  }
  return (row, col) => byCell.get(`${row}:${col}`) ?? null
}

/**
 * The sheet's error cells (`<c r="E3" t="e"><f>1/0</f><v>#DIV/0!</v></c>`), which
 * read-excel-file reads as empty: the cell would vanish, or count as "not marked". Each is
 * found from its type attribute (an attribute value holds no '<', so the tag starts at the
 * '<' before it). One saved without its value reads as #N/A; one without a place (`r`)
 * cannot be put back and stays empty.
 */
export const errorCells = (xml: string): ErrorCell[] => {
  const out: ErrorCell[] = []
  for (const m of xml.matchAll(/\st\s*=\s*(?:"e"|'e')/g)) {
    const start = xml.lastIndexOf('<', m.index)
    const end = xml.indexOf('>', m.index)
    if (start < 0 || end < 0) continue
    const tag = xml.slice(start, end + 1)
    const name = /^<((?:\w+:)?)c[\s/>]/.exec(tag)
    if (!name) continue
    const ref = attr(tag, 'r')
    const place = ref ? parseRef(ref) : null
    if (!place) continue
    let text = '#N/A'
    if (!tag.endsWith('/>')) {
      const close = xml.indexOf(`</${name[1]}c>`, end)
      const body = xml.slice(end + 1, close < 0 ? undefined : close)
      const v = /<(?:\w+:)?v(?:\s[^>]*)?>([^<]*)</.exec(body)
      if (v && v[1]!.trim() !== '') text = unescapeXml(v[1]!.trim())
    }
    out.push({ row: place[0], col: place[1], text })
  }
  return out
}

/** `--sheet` or `file.xlsx#NAME`: a name, else a 1-based number; the first sheet by default. */
export const pickSheet = (file: string, sheets: readonly SheetInfo[], wanted: string | null): SheetInfo => {
  if (sheets.length === 0) throw new InputError({ code: 'xlsx-invalid', params: { file, detail: 'no sheets' } })
  if (wanted === null) return sheets[0]!
  const byName = sheets.find((s) => s.name === wanted) ?? sheets.find((s) => s.name.trim() === wanted.trim())
  if (byName) return byName
  if (/^\d+$/.test(wanted) && Number(wanted) >= 1 && Number(wanted) <= sheets.length) return sheets[Number(wanted) - 1]!
  throw new InputError({
    code: 'sheet-not-found',
    params: { file, sheet: wanted, sheets: listParam(sheets.map((s) => s.name)) },
  })
}
