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

export const isFormulaError = (cell: string): boolean => {
  const t = cell.trim()
  return t.charCodeAt(0) === 35 && FORMULA_ERRORS.has(t.toUpperCase())
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
    const v = row.cells[i]
    if (v !== undefined && v !== '' && isFormulaError(v)) out.push(issueAt(table, row, i, 'formula-error', {}))
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
