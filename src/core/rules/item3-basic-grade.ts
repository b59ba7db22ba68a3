import type { Rule } from '../model.js'

/** 第3项: "对在考核中被定为基本称职等次…通过谈话或者书面形式对其进行诫勉". Needs the roster's annual grade. */
export const item3BasicGrade: Rule = {
  id: 'item3-basic-grade',
  item: 3,
  measure: 'admonishment',
  check: ({ cadre }) => {
    if (cadre.annualGrade === null) return null
    return {
      rule: 'item3-basic-grade',
      item: 3,
      fired: cadre.annualGrade === 'basicallyCompetent',
      measure: 'admonishment',
      computation: { kind: 'annual-grade', value: cadre.annualGrade, trigger: 'basicallyCompetent' },
      margin: null,
      borderline: false,
      // "通过谈话或者书面形式对其进行诫勉"
      options: ['admonish-talk', 'admonish-written'],
      prerequisites: [],
    }
  },
}
