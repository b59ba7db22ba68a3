import type { Dict } from '../i18n/index.js'
import type { IssueDoc } from './report.js'

/**
 * Issues of one kind, together: the same file, column, problem and value (a message that
 * reads the same). 50,000 rows holding '良' in a grade column are one line on a terminal,
 * with their count and the first rows — not 50,000 lines (SPEC §3).
 */
export interface IssueGroup {
  /** The first issue of the group, in file, row, column order. */
  first: IssueDoc
  count: number
  /** The first rows of the group (at most ROWS_SHOWN), in order; empty where the issues have none. */
  rows: number[]
}

/** Rows named in a group's line; the rest are counted. */
export const ROWS_SHOWN = 5

const keyOf = (i: IssueDoc): string => [i.severity, i.file, i.column ?? '', i.columnName ?? '', i.code, i.value ?? '', i.message].join('\u0000')

/** Group issues (given in order) by kind; groups in the order of their first issue. */
export const groupIssues = (issues: Iterable<IssueDoc>): IssueGroup[] => {
  const groups = new Map<string, IssueGroup>()
  for (const i of issues) {
    const key = keyOf(i)
    let g = groups.get(key)
    if (g === undefined) {
      g = { first: i, count: 0, rows: [] }
      groups.set(key, g)
    }
    g.count++
    if (i.row !== null && g.rows.length < ROWS_SHOWN) g.rows.push(i.row)
  }
  return [...groups.values()]
}

/** A group as one line: where (its column, not its rows), what, and how often where. */
export const groupLine = (g: IssueGroup, d: Dict): string => {
  const f = g.first
  if (g.count === 1) return `${d.where(f.file, f.row, f.column, f.columnName)}: ${f.message}`
  return `${d.where(f.file, null, f.column, f.columnName)}: ${f.message}${d.occurrences(g.count, g.rows)}`
}

/** Issues not shown when only the first `max` groups are: the issues of the other groups. */
export const issuesBeyond = (groups: readonly IssueGroup[], max: number): number => {
  let n = 0
  for (let k = max; k < groups.length; k++) n += groups[k]!.count
  return n
}
