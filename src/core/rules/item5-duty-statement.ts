import type { Rule } from '../model.js'
import { item5Check } from './item5-check.js'

/**
 * 第5项: "落实个人述职述廉制度。结合年度考核…要求领导干部述职述廉"; not giving it is not
 * executing the reporting system: "…进行诫勉谈话". Judged where the roster states 述职述廉.
 */
export const item5DutyStatement: Rule = {
  id: 'item5-duty-statement',
  item: 5,
  measure: 'admonishment',
  check: ({ cadre }) => {
    if (cadre.dutyStatement === null) return null
    return item5Check('item5-duty-statement', 'admonishment', !cadre.dutyStatement, { kind: 'duty-statement', given: cadre.dutyStatement })
  },
}
