import type { Lang } from './index.js'

/** Words of the item-5 views (the `reports` table and CSV), per language. */
export interface Item5Ui {
  report: string
  filed: string
  notFiled: string
  notRequired: string
  unanswered: string
  allAnswered: string
  reportDate: string
  late: string
  findings: string
  serious: string
  dutyStatement: string
  yes: string
  no: string
  title: string
}

export const ITEM5_UI: Readonly<Record<Lang, Item5Ui>> = {
  zh: {
    report: '个人事项报告',
    filed: '已报告',
    notFiled: '未报告',
    notRequired: '无需报告',
    unanswered: '未填事项',
    allAnswered: '均已填报',
    reportDate: '报告日期',
    late: '逾期',
    findings: '查核结果',
    serious: '情节严重',
    dutyStatement: '述职述廉',
    yes: '是',
    no: '否',
    title: '第5项：个人有关事项报告、查核结果与述职述廉',
  },
  en: {
    report: 'Personal-matter report',
    filed: 'filed',
    notFiled: 'not filed',
    notRequired: 'not required',
    unanswered: 'Unanswered',
    allAnswered: 'all answered',
    reportDate: 'Report date',
    late: 'late',
    findings: 'Findings',
    serious: 'serious',
    dutyStatement: 'Duty statement',
    yes: 'yes',
    no: 'no',
    title: 'Item 5: personal-matter reports, verification findings and duty statements',
  },
}
