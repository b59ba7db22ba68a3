import type { Issue } from '../errors.js'
import { own } from './records.js'

/** At most this many issues are listed; the rest are counted (`omitted`). */
export const MAX_LISTED_ISSUES = 100_000

/** An issue that keeps no chunk of input text alive (see `own`). */
const owned = (i: Issue): Issue => ({
  ...i,
  value: i.value === null ? null : own(i.value),
  params: Object.fromEntries(Object.entries(i.params).map(([k, v]) => [k, typeof v === 'string' ? own(v) : v])),
})

/**
 * The issues the readers find, in the order found: errors counted, at most
 * MAX_LISTED_ISSUES listed. A cell holding a formula error fails its column's own check
 * too (an unknown grade, a bad count): its formula error says what is wrong, once.
 */
export class IssueList {
  readonly issues: Issue[] = []
  omitted = 0
  errors = 0
  /** The row of the last issue added, and its cells that hold a formula error. */
  private formulaRow = ''
  private readonly formulaColumns = new Set<number>()

  add(issue: Issue): void {
    if (issue.column !== null) {
      const row = `${issue.file}\u0000${issue.row}`
      if (row !== this.formulaRow) {
        this.formulaRow = row
        this.formulaColumns.clear()
      }
      if (issue.code === 'formula-error') this.formulaColumns.add(issue.column)
      else if (this.formulaColumns.has(issue.column)) return
    }
    if (issue.severity === 'error') this.errors++
    if (this.issues.length < MAX_LISTED_ISSUES) this.issues.push(owned(issue))
    else this.omitted++
  }
}
