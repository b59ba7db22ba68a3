import type { Rule } from '../model.js'
import { item5Check, reportToCheck } from './item5-check.js'

/**
 * 第5项: "如实报告个人的住房、投资、婚姻变化…等有关事项"; "对不严格执行上述报告制度的…进行诫勉谈话".
 * Every category the policy lists must be answered (无 or a description).
 */
export const item5ReportIncomplete: Rule = {
  id: 'item5-report-incomplete',
  item: 5,
  measure: 'admonishment',
  check: ({ cadre, policy }) => {
    if (!reportToCheck(cadre)) return null
    const answered = new Set(cadre.report!.answered)
    const categories = policy.reports.categories
    const unanswered = categories.filter((c) => !answered.has(c.key)).map((c) => ({ key: c.key, label: c.label }))
    return item5Check('item5-report-incomplete', 'admonishment', unanswered.length > 0, {
      kind: 'report-categories',
      date: cadre.report!.date,
      required: categories.length,
      answered: categories.length - unanswered.length,
      unanswered,
    })
  },
}
