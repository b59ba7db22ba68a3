import type { Policy } from '../../policy/schema.js'
import type { Rule } from '../model.js'
import { item3BasicGrade } from './item3-basic-grade.js'
import { item5DutyStatement } from './item5-duty-statement.js'
import { item5ReportIncomplete } from './item5-report-incomplete.js'
import { item5ReportLate } from './item5-report-late.js'
import { item5ReportMissing } from './item5-report-missing.js'
import { item5Serious } from './item5-serious.js'
import { item5UnreportedFinding } from './item5-unreported-finding.js'
import { shareRule } from './share-rule.js'

/** Rules of item 5 (reports, findings, 述职述廉); `reports` runs only these. */
export const ITEM5_RULES: readonly Rule[] = [
  item5ReportMissing,
  item5ReportIncomplete,
  item5ReportLate,
  item5UnreportedFinding,
  item5Serious,
  item5DutyStatement,
]

/** The rules written in code, in FIXED_RULE_IDS order: a new one is one file and one line here. */
export const FIXED_RULES: readonly Rule[] = [item3BasicGrade, ...ITEM5_RULES]

/**
 * Which rules a command runs: `all` (assess), `votes` (tally: the share rules only),
 * `item5` (reports).
 */
export type RuleScope = 'all' | 'votes' | 'item5'

const made = new WeakMap<Policy, Record<RuleScope, readonly Rule[]>>()

/**
 * The rules of a policy, in the order they run: its share rules as it lists them, then the
 * rules of items 3 and 5 it has not switched off (`disabledRules`). Made once per policy.
 */
export const rulesOf = (policy: Policy, scope: RuleScope = 'all'): readonly Rule[] => {
  let rules = made.get(policy)
  if (rules === undefined) {
    const off = new Set<string>(policy.disabledRules)
    const shares = policy.shareRules.map(shareRule)
    const on = (r: Rule): boolean => !off.has(r.id)
    rules = { all: [...shares, ...FIXED_RULES.filter(on)], votes: shares, item5: ITEM5_RULES.filter(on) }
    made.set(policy, rules)
  }
  return rules[scope]
}
