import type { Issue } from '../errors.js'
import type { Collector } from './collector.js'
import { type HeaderMap, issueAt } from './headers.js'
import type { Table, TableRow } from './table.js'
import { isBlank, raggedIssue } from './votes.js'

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

/** The columns a reader takes data from: its mapped fields, and any more it names. */
export const usedColumns = (map: HeaderMap, more: readonly number[] = []): number[] =>
  [...new Set([...Object.values(map.fields).filter((i): i is number => i !== undefined), ...more])].sort((a, b) => a - b)

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

/**
 * The data rows of a table with the bookkeeping every reader shares: blank rows counted and
 * skipped, every other row counted as read, and its issues begun with formula errors in the
 * columns the reader uses (`used`) and any cells beyond the header.
 */
export async function* dataRows(table: Table, c: Collector, used: readonly number[]): AsyncGenerator<{ row: TableRow; issues: Issue[] }> {
  const width = table.header.cells.length
  for await (const row of table.rows) {
    if (isBlank(row)) {
      c.blankRows++
      continue
    }
    c.rowsRead++
    const issues = formulaErrorIssues(table, row, used)
    const ragged = raggedIssue(table, row, width)
    if (ragged) issues.push(ragged)
    yield { row, issues }
  }
}
