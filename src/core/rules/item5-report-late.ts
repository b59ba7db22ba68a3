import type { Rule } from '../model.js'
import { item5Check, reportToCheck } from './item5-check.js'

/**
 * 第5项 ("对不严格执行上述报告制度的…进行诫勉谈话"), where the policy sets a yearly deadline
 * (the 2017 规定: 每年1月31日前). The deadline is that MM-DD of the reporting round's year
 * (`--year`), else of the year of the report's own date. Dates are YYYY-MM-DD, compared as text.
 */
export const item5ReportLate: Rule = {
  id: 'item5-report-late',
  item: 5,
  measure: 'admonishment',
  check: ({ cadre, policy }) => {
    const deadlineDay = policy.reports.deadline
    if (deadlineDay === null || !reportToCheck(cadre)) return null
    const { date, roundYear } = cadre.report!
    if (date === null) return null
    const year = roundYear === null ? date.slice(0, 4) : String(roundYear).padStart(4, '0')
    const deadline = `${year}-${deadlineDay}`
    return item5Check('item5-report-late', 'admonishment', date > deadline, { kind: 'report-date', date, deadline })
  },
}
