import type { Rule } from '../model.js'
import { item5Check } from './item5-check.js'

/**
 * 第5项: "落实党员领导干部报告个人有关事项制度 … 对…应报告而未报告…的，…进行诫勉谈话".
 * Judged where report files were given and the roster says whether the cadre must report
 * (是 by default for a rostered cadre); a cadre whose roster entry says 否 is not flagged.
 */
export const item5ReportMissing: Rule = {
  id: 'item5-report-missing',
  item: 5,
  measure: 'admonishment',
  check: ({ cadre }) => {
    if (cadre.report === undefined || cadre.mustReport === null) return null
    const required = cadre.mustReport
    const present = cadre.report !== null
    return item5Check('item5-report-missing', 'admonishment', required && !present, { kind: 'report-presence', required, present })
  },
}
