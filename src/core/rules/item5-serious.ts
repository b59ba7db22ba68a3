import type { Rule } from '../model.js'
import { findingsComputation, item5Check } from './item5-check.js'

/**
 * 第5项: "…进行诫勉谈话，情节严重的要给予组织处理". A finding is serious when marked 情节严重,
 * or when its 类型 is one the policy lists (`reports.seriousTypes`; none by default: the
 * Opinion leaves 情节严重 to the Party committee, which decides).
 */
export const item5Serious: Rule = {
  id: 'item5-serious',
  item: 5,
  measure: 'organizational-handling',
  check: ({ cadre, policy }) => {
    if (cadre.findings === undefined) return null
    const c = findingsComputation(cadre.findings, policy, true)
    return item5Check('item5-serious', 'organizational-handling', c.findings.length > 0, c)
  },
}
