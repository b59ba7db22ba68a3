import type { Mark } from '../core/marks.js'
import type { Lang } from './index.js'

/**
 * The CSV column sets (`--format csv`, `--out x.csv`): one per language, documented in the
 * README. Chinese names by default; snake_case English names with `--lang en`. Values
 * follow the language too: booleans 是/否 or true/false, the denominator's basis in words
 * or as its code. Codes meant for machines (处置代码 / disposition_code) stay codes.
 */
export interface CsvColumns {
  yes: string
  no: string
  id: string
  name: string
  unit: string
  post: string
  mark: Readonly<Record<Mark, string>>
  eligible: string
  denominator: string
  denominatorBasis: string
  /** A share column's votes (the numerator; the share is exactly votes/denominator) and its percentage. */
  votes: (marks: string) => string
  percent: (marks: string) => string
  /** A share column's name, from its marks (优秀+称职 / excellent_competent). */
  marks: (marks: readonly string[]) => string
  /** A share rule's three columns, from its name (不胜任 / unfit). */
  expression: (rule: string) => string
  fired: (rule: string) => string
  margin: (rule: string) => string
  borderline: string
  dispositionCode: string
  disposition: string
  basis: string
  options: string
  prerequisites: string
  rationale: string
  /** `--history`: columns per earlier year, then three of this year. */
  yearExpression: (year: number, rule: string) => string
  yearFired: (year: number, rule: string) => string
  yearDisposition: (year: number) => string
  yearMatch: (year: number) => string
  match: Readonly<Record<string, string>>
  crossed: string
  item9: string
  item10: string
  /** `kaohe reports --format csv`. */
  report: string
  reportValue: Readonly<Record<'filed' | 'not-filed' | 'not-required', string>>
  unansweredCount: string
  unanswered: string
  reportDate: string
  deadline: string
  late: string
  findings: string
  serious: string
  dutyStatement: string
}

const zh: CsvColumns = {
  yes: '是',
  no: '否',
  id: '编号',
  name: '姓名',
  unit: '单位',
  post: '职务',
  mark: { excellent: '优秀', competent: '称职', basicallyCompetent: '基本称职', incompetent: '不称职', abstain: '弃权', invalid: '无效' },
  eligible: '应参加人数',
  denominator: '分母',
  denominatorBasis: '分母口径',
  votes: (m) => `${m}票数`,
  percent: (m) => `${m}得票率%`,
  marks: (ms) => ms.join('+'),
  expression: (r) => `${r}算式`,
  fired: (r) => `${r}触发`,
  margin: (r) => `${r}边距`,
  borderline: '临界',
  dispositionCode: '处置代码',
  disposition: '处置建议',
  basis: '依据',
  options: '可选措施',
  prerequisites: '决定前须',
  rationale: '理由',
  yearExpression: (y, r) => `${y}年${r}算式`,
  yearFired: (y, r) => `${y}年${r}触发`,
  yearDisposition: (y) => `${y}年处置代码`,
  yearMatch: (y) => `${y}年对应方式`,
  match: { id: '编号', 'name-unit': '姓名+单位', name: '姓名' },
  crossed: '较上年新越过的界线',
  item9: '第9项长期处于落后状态',
  item10: '第10项可考虑重新任用',
  report: '个人事项报告',
  reportValue: { filed: '已报告', 'not-filed': '未报告', 'not-required': '无需报告' },
  unansweredCount: '未填事项数',
  unanswered: '未填事项',
  reportDate: '报告日期',
  deadline: '截止日期',
  late: '逾期',
  findings: '查核结果数',
  serious: '情节严重数',
  dutyStatement: '述职述廉',
}

/** snake_case, as a program reading the file expects. */
const snake = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').toLowerCase()

const en: CsvColumns = {
  yes: 'true',
  no: 'false',
  id: 'id',
  name: 'name',
  unit: 'unit',
  post: 'post',
  mark: { excellent: 'excellent', competent: 'competent', basicallyCompetent: 'basically_competent', incompetent: 'incompetent', abstain: 'abstain', invalid: 'invalid' },
  eligible: 'eligible',
  denominator: 'denominator',
  denominatorBasis: 'denominator_basis',
  votes: (m) => `${m}_votes`,
  percent: (m) => `${m}_percent`,
  marks: (ms) => ms.map(snake).join('_'),
  expression: (r) => `${r}_expression`,
  fired: (r) => `${r}_fired`,
  margin: (r) => `${r}_margin`,
  borderline: 'borderline',
  dispositionCode: 'disposition_code',
  disposition: 'disposition',
  basis: 'basis',
  options: 'options',
  prerequisites: 'prerequisites',
  rationale: 'rationale',
  yearExpression: (y, r) => `${y}_${r}_expression`,
  yearFired: (y, r) => `${y}_${r}_fired`,
  yearDisposition: (y) => `${y}_disposition_code`,
  yearMatch: (y) => `${y}_match`,
  match: { id: 'id', 'name-unit': 'name-unit', name: 'name' },
  crossed: 'crossed_since_last_year',
  item9: 'item9_persistent',
  item10: 'item10_reappointment',
  report: 'report',
  reportValue: { filed: 'filed', 'not-filed': 'not-filed', 'not-required': 'not-required' },
  unansweredCount: 'unanswered_count',
  unanswered: 'unanswered',
  reportDate: 'report_date',
  deadline: 'deadline',
  late: 'late',
  findings: 'findings',
  serious: 'serious',
  dutyStatement: 'duty_statement',
}

export const CSV_COLUMNS: Readonly<Record<Lang, CsvColumns>> = { zh, en }
