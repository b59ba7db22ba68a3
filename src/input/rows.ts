import { InputError, type Issue } from '../errors.js'
import type { Collector } from './collector.js'
import { type HeaderMap, issueAt } from './headers.js'
import { type RowClass, type RowColumns, rowClassifier, type SkipReason, skippedNotice } from './layout.js'
import type { Table, TableRow } from './table.js'
import { raggedIssue } from './votes.js'

/**
 * The values Excel and WPS show in a cell whose formula failed. An XLSX file stores them
 * as error cells (xlsx.ts reads them as this text) and a CSV export writes the text. None
 * is a grade, a count, an id or a name: a cell holding one is an error of its row, or the
 * cell would count as whatever its text happened to pass for (SPEC §3: nothing dropped).
 */
const FORMULA_ERRORS = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
  '#EXTERNAL!',
  '#PYTHON!',
])

/** Is this a character `String.prototype.trim` removes? */
const isTrimmed = (c: number): boolean =>
  c <= 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff

/** Does the cell, trimmed, hold a formula error? Cheap for the cells that do not start with '#' or a space (the fast paths ask of every cell they use). */
export const isFormulaError = (cell: string): boolean => {
  const c = cell.charCodeAt(0)
  if (c !== 35 && !isTrimmed(c)) return false
  const t = cell.trim()
  return t.charCodeAt(0) === 35 && FORMULA_ERRORS.has(t.toUpperCase())
}

/** Does any of these cells hold a formula error? */
export const anyFormulaError = (cells: readonly string[], cols: readonly number[]): boolean => {
  for (const i of cols) if (isFormulaError(cells[i] ?? '')) return true
  return false
}

/**
 * Does any of columns `cols` (ascending) hold something in these cells? None past the row's
 * own cells is looked at: a workbook's rows come short (xlsx.ts), and a header's empty
 * columns may reach out to XFD.
 */
export const anyFilled = (cells: readonly string[], cols: readonly number[]): boolean => {
  for (let k = 0; k < cols.length && cols[k]! < cells.length; k++) {
    const t = cells[cols[k]!]!
    if (t !== '' && t.trim() !== '') return true
  }
  return false
}

/** The columns a reader takes data from: its mapped fields, and any more it names. */
export const usedColumns = (map: HeaderMap, more: readonly number[] = []): number[] =>
  [
    ...new Set([
      ...(Object.entries(map.fields) as [string, number | undefined][]).filter(([f, i]) => i !== undefined && f !== 'rowNumber').map(([, i]) => i!),
      ...more,
    ]),
  ].sort((a, b) => a - b)

/**
 * One issue for each of the row's used cells that holds a formula error. Given before the
 * row's other issues: the collector then lists no second issue for the same cell.
 */
export const formulaErrorIssues = (table: Table, row: TableRow, used: readonly number[]): Issue[] => {
  const out: Issue[] = []
  for (const i of used) {
    if (isFormulaError(row.cells[i] ?? '')) out.push(issueAt(table, row, i, 'formula-error', {}))
  }
  return out
}

/** A row that is not data: listed as a notice and counted as skipped, not read (SPEC §2.0, §3). */
export const noteSkipped = (c: Collector, table: Table, row: TableRow, why: SkipReason, params: Record<string, string | number> = {}): void => {
  c.rowsSkipped++
  c.addIssue(skippedNotice(table.file, row, why, params))
}

/** The rows above a laid-out table's header: each listed, an info line with what it says. */
export const noteAbove = (c: Collector, table: Table): void => {
  for (const a of table.layout?.above ?? []) {
    const info = a.why === 'info' ? table.layout!.info : null
    noteSkipped(c, table, a.row, a.why, info && info.line === a.row.line ? infoParams(info) : {})
  }
}

/** What an info line says, for its notice. */
export const infoParams = (info: { eligible: number | null; participated: number | null }): Record<string, string | number> => ({
  eligible: info.eligible ?? '—',
  participated: info.participated ?? '—',
})

/**
 * A row's class, with the bookkeeping for every class but data: blank rows counted, other
 * non-data rows listed and counted as skipped. Totals are left to the caller (count sheets
 * check them). Returns the class.
 */
export const skipNonData = (c: Collector, table: Table, row: TableRow, cls: RowClass): RowClass => {
  if (cls.kind === 'header') {
    // A second table on one sheet: which header its rows belong to is not ours to guess.
    throw new InputError({ code: 'ambiguous-header-row', params: { file: table.file, lines: `${table.header.line}、${row.line}` } })
  }
  if (cls.kind === 'blank') c.blankRows++
  else if (cls.kind === 'skip') noteSkipped(c, table, row, cls.why)
  else if (cls.kind === 'info') noteSkipped(c, table, row, 'info', infoParams(cls.info))
  return cls
}

/** The columns a one-row-per-cadre reader identifies its rows by. */
export const idColumns = (map: HeaderMap): number[] =>
  (['rowNumber', 'cadreId', 'name', 'unit', 'post', 'unitPost'] as const).map((f) => map.fields[f]).filter((i): i is number => i !== undefined)

/**
 * The data rows of a table with the bookkeeping every reader shares: blank rows counted and
 * skipped, rows that are not data (a 合计, a footnote) listed and skipped, every other row
 * counted as read, and its issues begun with formula errors in the columns the reader uses
 * (`used`) and any cells beyond the header.
 */
export async function* dataRows(table: Table, c: Collector, used: readonly number[], cols: RowColumns, map?: HeaderMap): AsyncGenerator<{ row: TableRow; issues: Issue[] }> {
  const width = table.header.cells.length
  const classify = rowClassifier(table, cols)
  const unnamed = new UnnamedColumns(table.header, map)
  for await (const row of table.rows) {
    const cls = classify(row)
    if (cls.kind === 'total') noteSkipped(c, table, row, 'total-unchecked')
    if (skipNonData(c, table, row, cls).kind !== 'data') continue
    c.rowsRead++
    unnamed.note(row)
    const issues = formulaErrorIssues(table, row, used)
    const ragged = raggedIssue(table, row, width)
    if (ragged) issues.push(ragged)
    yield { row, issues }
  }
  unnamed.flush(c, table)
}

/**
 * The columns inside the header's width whose header cell is empty, and the data rows that
 * hold something there. kaohe cannot tell what such a column means (a clerk's 备注, a 序号
 * left unnamed, a grade column whose heading was lost), so it reads nothing from it; as for
 * a column whose heading it does not know (`unknown-column`), it says so — once a column,
 * at its first such row, with how many rows hold something there (`unnamed-column`, a
 * notice). Cells past the header's width are another matter: `extra-cells`, an error.
 *
 * A reader whose votes sit in columns of their own (a count, a √, a grade) says what may be a
 * vote (`mayBeVote`): such a cell in an unnamed column may be votes whose heading was lost, a
 * column that matters, so it is an error of its row (`unnamed-vote-column`), not a notice.
 * One exception: whole numbers in a column left of every column a field was found for are a
 * 序号 left unnamed (1, 2, 3 …), noted as any other content.
 */
export class UnnamedColumns {
  /** The header's empty columns (0-based), in order. */
  readonly cols: readonly number[]
  /** Per column: its first row with something there (the line, and what the cell holds). */
  private readonly first: Array<{ line: number; value: string } | undefined>
  private readonly rows: number[]
  /** The first column a field was found for: an unnamed column left of it may be a 序号. */
  private readonly leftmost: number

  /** `map`: the header's fields (a column a field was found for is never unnamed). */
  constructor(
    header: TableRow,
    map?: HeaderMap,
    private readonly mayBeVote?: (text: string) => boolean,
  ) {
    const taken = new Set(map === undefined ? [] : Object.values(map.fields))
    const cols: number[] = []
    header.cells.forEach((h, i) => {
      if (h.trim() === '' && !taken.has(i)) cols.push(i)
    })
    this.cols = cols
    this.first = cols.map(() => undefined)
    this.rows = cols.map(() => 0)
    this.leftmost = Math.min(Infinity, ...taken)
  }

  /**
   * A data row: is anything in the empty columns? The column of the first cell there that may
   * be a vote (the row's error, `unnamed-vote-column`), or -1.
   */
  note(row: TableRow): number {
    const cols = this.cols
    const cells = row.cells
    // In order: none past the row's own cells is looked at (a workbook's rows come short).
    for (let k = 0; k < cols.length && cols[k]! < cells.length; k++) {
      const col = cols[k]!
      const text = cells[col]!
      if (text === '' || text.trim() === '') continue
      if (this.mayBeVote?.(text) && !(col < this.leftmost && /^\d+$/.test(text.trim()))) return col
      const before = this.rows[k]!
      this.rows[k] = before + 1
      if (before === 0) this.first[k] = { line: row.line, value: text }
    }
    return -1
  }

  /** The table is read: one notice for each empty column that held something. */
  flush(c: Collector, table: Table): void {
    this.cols.forEach((col, k) => {
      const first = this.first[k]
      if (first === undefined) return
      c.addIssue({ ...issueAt(table, { line: first.line, cells: [] }, col, 'unnamed-column', { rows: this.rows[k]! }), value: first.value, severity: 'notice' })
      this.first[k] = undefined
    })
  }
}
