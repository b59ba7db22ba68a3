import type { Check, Computation, FindingInput, FindingsComputation, MeasureCode, RuleId } from '../model.js'
import type { Policy } from '../../policy/schema.js'

/**
 * An item-5 check: no votes, so no margin and never borderline. 第5项 names one form of
 * admonishment, "诫勉谈话"; and "情节严重的要给予组织处理" leaves 情节严重 to the Party committee.
 */
export const item5Check = (rule: RuleId, measure: MeasureCode, fired: boolean, computation: Computation): Check => ({
  rule,
  item: 5,
  fired,
  measure,
  computation,
  margin: null,
  borderline: false,
  options: measure === 'admonishment' ? ['admonish-talk'] : [],
  prerequisites: measure === 'organizational-handling' ? ['committee-decides'] : [],
})

/**
 * Must the cadre's report be checked? Only where report files were given, a report exists,
 * and the roster does not say 否 to 应报告个人事项 (who need not report is not checked).
 */
export const reportToCheck = (cadre: { report?: unknown; mustReport: boolean | null }): boolean =>
  cadre.report !== undefined && cadre.report !== null && cadre.mustReport !== false

const norm = (s: string): string => s.normalize('NFKC').trim()

/** Why a finding is serious (情节严重): marked so, or its 类型 is one the policy lists. */
export const seriousBy = (f: FindingInput, policy: Policy): 'marked' | 'policy-type' | null => {
  if (f.markedSerious) return 'marked'
  if (f.type !== null && policy.reports.seriousTypes.some((t) => norm(t) === norm(f.type!))) return 'policy-type'
  return null
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Findings in an order that rows and files cannot change: policy category order, then text, then place. */
const byCategory = (policy: Policy) => {
  const order = new Map(policy.reports.categories.map((c, i) => [c.key, i]))
  const rank = (f: FindingInput): number => (f.categoryKey === null ? order.size : (order.get(f.categoryKey) ?? order.size))
  return (a: FindingInput, b: FindingInput): number =>
    rank(a) - rank(b) ||
    cmp(a.category, b.category) ||
    cmp(a.detail, b.detail) ||
    cmp(a.type ?? '', b.type ?? '') ||
    Number(b.markedSerious) - Number(a.markedSerious) ||
    cmp(a.source, b.source)
}

/** The findings as a computation (the serious ones only, when `onlySerious`). */
export const findingsComputation = (findings: FindingInput[], policy: Policy, onlySerious: boolean): FindingsComputation => ({
  kind: 'findings',
  total: findings.length,
  findings: [...findings]
    .sort(byCategory(policy))
    .map((f) => ({
      category: f.category,
      categoryKey: f.categoryKey,
      detail: f.detail,
      type: f.type,
      seriousBy: seriousBy(f, policy),
      source: f.source,
    }))
    .filter((f) => !onlySerious || f.seriousBy !== null),
})
