import type { Issue } from '../errors.js'
import type { Collector } from './collector.js'
import type { Table, TableRow } from './table.js'
import { isBlank, raggedIssue } from './votes.js'

/**
 * The data rows of a table with the bookkeeping every reader shares: blank rows counted and
 * skipped, every other row counted as read, and its issues begun with any cells beyond the header.
 */
export async function* dataRows(table: Table, c: Collector): AsyncGenerator<{ row: TableRow; issues: Issue[] }> {
  const width = table.header.cells.length
  for await (const row of table.rows) {
    if (isBlank(row)) {
      c.blankRows++
      continue
    }
    c.rowsRead++
    const ragged = raggedIssue(table, row, width)
    yield { row, issues: ragged ? [ragged] : [] }
  }
}
