import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { unzipSync } from 'fflate'
import { InvalidInputError, readSheet } from 'read-excel-file/node'
import { InputError, MissingInputError } from '../errors.js'
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
 * every cell it covers (a unit name merged down a column belongs to each row). Rows above
 * the header that are blank or a single merged title are skipped; blank rows are skipped
 * like empty lines of a CSV. `line` is the sheet's own row number, as Excel shows it.
 */
export const openXlsx = async (file: string, opts: ReadOptions, total: number | null, at: string = file): Promise<Table> => {
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
  const sheet = pickSheet(file, book.sheets, opts.sheet)
  let data: unknown[][]
  try {
    data = (await readSheet<string>(bytes, sheet.name, { parseNumber: (s: string) => s })) as unknown[][]
  } catch (e) {
    const detail = e instanceof InvalidInputError ? e.code : e instanceof Error ? e.message : String(e)
    const code = e instanceof InvalidInputError && e.code === 'XLS_FILE_NOT_SUPPORTED' ? 'unsupported-format' : 'xlsx-invalid'
    throw new InputError({ code, params: { file, detail } }, [], { cause: e })
  }
  const grid = data.map((row) => row.map(cellText))
  const extras = book.sheetExtras(sheet.path)
  putErrors(grid, extras.errors)
  const titles = fillMerges(grid, extras.merges)
  let first = 0
  while (first < grid.length && (isBlank(grid[first]!) || titles.has(first))) first++
  if (first >= grid.length) throw new InputError({ code: 'empty-file', params: { file } })
  const width = grid[first]!.length
  const header: TableRow = { line: first + 1, cells: grid[first]! }
  async function* rows(): AsyncGenerator<TableRow> {
    for (let r = first + 1; r < grid.length; r++) {
      const cells = grid[r]!
      if (isBlank(cells)) continue
      // read-excel-file pads rows to the widest one; keep the header's width unless data lies beyond it.
      let n = cells.length
      while (n > width && cells[n - 1] === '') n--
      yield { line: r + 1, cells: n === cells.length ? cells : cells.slice(0, n) }
    }
  }
  return {
    file,
    format: 'xlsx',
    header,
    rows: rows(),
    encoding: () => 'xlsx',
    sha256: () => sha256,
    progress: () => ({ bytes: bytes.length, total: bytes.length }),
    sheet: sheet.name,
  }
}

const tooLarge = (file: string, size: number): InputError =>
  new InputError({
    code: 'xlsx-too-large',
    params: { file, size: Math.ceil(size / 1024 / 1024), limit: XLSX_LIMITS.maxFileBytes / 1024 / 1024 },
  })

/** Error cells as the text a clerk sees in them (`#DIV/0!`), where read-excel-file left them empty. */
export const putErrors = (grid: string[][], errors: readonly ErrorCell[]): void => {
  for (const e of errors) {
    while (grid.length <= e.row) grid.push([])
    const cells = grid[e.row]!
    while (cells.length <= e.col) cells.push('')
    if (cells[e.col] === '') cells[e.col] = e.text
  }
}

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

/**
 * Give each merged range's value to every cell it covers. Returns the rows that are a
 * single merged title (one range across two or more columns, nothing else in the row).
 */
export const fillMerges = (grid: string[][], merges: MergeRange[]): Set<number> => {
  const titles = new Set<number>()
  for (const m of merges) {
    const row = grid[m.top]
    const value = row?.[m.left] ?? ''
    if (value === '') continue
    if (m.right > m.left && row!.every((c, i) => c === '' || i === m.left)) titles.add(m.top)
    for (let r = m.top; r <= m.bottom; r++) {
      while (grid.length <= r) grid.push([])
      const cells = grid[r]!
      while (cells.length <= m.right) cells.push('')
      for (let c = m.left; c <= m.right; c++) if (cells[c] === '') cells[c] = value
    }
  }
  return titles
}

interface SheetInfo {
  name: string
  /** The sheet's part in the zip, e.g. xl/worksheets/sheet1.xml; null when the workbook does not say. */
  path: string | null
}

interface Workbook {
  sheets: SheetInfo[]
  /** What the sheet's own XML says that read-excel-file does not: merged ranges, error cells. */
  sheetExtras: (path: string | null) => { merges: MergeRange[]; errors: ErrorCell[] }
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
    sheetExtras: (path) => {
      const xml = path ? read(path) : null
      if (xml === null) return { merges: [], errors: [] }
      const merges: MergeRange[] = []
      for (const m of xml.matchAll(/<(?:\w+:)?mergeCell\b[^>]*>/g)) {
        const [a, b] = (attr(m[0], 'ref') ?? '').split(':')
        const from = a ? parseRef(a) : null
        const to = b ? parseRef(b) : from
        if (from && to) merges.push({ top: from[0], left: from[1], bottom: to[0], right: to[1] })
      }
      return { merges, errors: errorCells(xml) }
    },
  }
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

/** `--sheet`: a name, else a 1-based number; the first sheet by default. */
const pickSheet = (file: string, sheets: SheetInfo[], wanted: string | null): SheetInfo => {
  if (sheets.length === 0) throw new InputError({ code: 'xlsx-invalid', params: { file, detail: 'no sheets' } })
  if (wanted === null) return sheets[0]!
  const byName = sheets.find((s) => s.name === wanted) ?? sheets.find((s) => s.name.trim() === wanted.trim())
  if (byName) return byName
  if (/^\d+$/.test(wanted) && Number(wanted) >= 1 && Number(wanted) <= sheets.length) return sheets[Number(wanted) - 1]!
  throw new InputError({
    code: 'sheet-not-found',
    params: { file, sheet: wanted, sheets: sheets.map((s) => s.name).join('、') },
  })
}
