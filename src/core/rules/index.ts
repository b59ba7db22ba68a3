import type { Rule } from '../model.js'
import { item3BasicGrade } from './item3-basic-grade.js'
import { item5DutyStatement } from './item5-duty-statement.js'
import { item5ReportIncomplete } from './item5-report-incomplete.js'
import { item5ReportLate } from './item5-report-late.js'
import { item5ReportMissing } from './item5-report-missing.js'
import { item5Serious } from './item5-serious.js'
import { item5UnreportedFinding } from './item5-unreported-finding.js'
import { item9Incompetent } from './item9-incompetent.js'
import { item9Unfit } from './item9-unfit.js'

/** Rules of item 5 (reports, findings, 述职述廉); `reports` runs only these. */
export const ITEM5_RULES: readonly Rule[] = [
  item5ReportMissing,
  item5ReportIncomplete,
  item5ReportLate,
  item5UnreportedFinding,
  item5Serious,
  item5DutyStatement,
]

/** The ordered registry: a new rule is one file and one line here. */
export const RULES: readonly Rule[] = [item9Incompetent, item9Unfit, item3BasicGrade, ...ITEM5_RULES]

/** Rules that judge the vote shares (item 9); `tally` runs only these. */
export const VOTE_RULES: readonly Rule[] = [item9Incompetent, item9Unfit]
