import type { Rule } from '../model.js'
import { findingsComputation, item5Check } from './item5-check.js'

/**
 * 第5项: "对…应报告而未报告…的，党委（党组）应对…有关领导干部进行诫勉谈话". Each row of the
 * verification findings is a matter that should have been reported and was not.
 */
export const item5UnreportedFinding: Rule = {
  id: 'item5-unreported-finding',
  item: 5,
  measure: 'admonishment',
  check: ({ cadre, policy }) => {
    if (cadre.findings === undefined) return null
    return item5Check('item5-unreported-finding', 'admonishment', cadre.findings.length > 0, findingsComputation(cadre.findings, policy, false))
  },
}
