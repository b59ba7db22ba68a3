import type { Lang } from './index.js'

/**
 * The words of `kaohe template`: sheet names and the example cadre, ballot and answers, per
 * language. The example's name carries the marker 「（示例）」/「(example)」 (input/example.ts),
 * so a template fed back unchanged is refused.
 */
export interface TemplateWords {
  sheets: Record<'votes' | 'wide' | 'paper' | 'counts' | 'roster' | 'reports' | 'findings', string>
  name1: string
  name2: string
  unit: string
  post1: string
  post2: string
  group: string
  ballot: string
  /** The wide ballot's example ballot id (marked: the wide sheet has no name column). */
  ballotMarked: string
  yes: string
  no: string
  /** The grades a ballot takes (the drop-down), and the annual grades (no abstain/invalid). */
  marks: string[]
  grades: string[]
  /** 优秀, 称职 … as the example writes them. */
  excellent: string
  competent: string
  /** The first category's example: an instruction, never an answer (input/categories.ts). */
  describe: string
  none: string
  detail: string
  findingTypes: string[]
  paperMark: string
  listTitle: string
  listError: string
}

const zh: TemplateWords = {
  sheets: { votes: '测评票', wide: '测评票（宽表）', paper: '纸质测评票', counts: '测评汇总', roster: '干部名册', reports: '个人有关事项报告', findings: '查核结果' },
  name1: '张三（示例）',
  name2: '李四（示例）',
  unit: '县财政局',
  post1: '局长',
  post2: '副局长',
  group: '本单位干部',
  ballot: 'P001',
  ballotMarked: 'P001（示例）',
  yes: '是',
  no: '否',
  marks: ['优秀', '称职', '基本称职', '不称职', '弃权', '无效'],
  grades: ['优秀', '称职', '基本称职', '不称职'],
  excellent: '优秀',
  competent: '称职',
  describe: '（如实填写；没有的填“无”）',
  none: '无',
  detail: '（查核发现的情况）',
  findingTypes: ['漏报', '瞒报'],
  paperMark: '√',
  listTitle: '请从下拉列表中选择',
  listError: '此列只能填写下拉列表中的值',
}

const en: TemplateWords = {
  sheets: { votes: 'Ballots', wide: 'Ballots (wide)', paper: 'Paper ballot', counts: 'Counts', roster: 'Roster', reports: 'Reports', findings: 'Findings' },
  name1: 'Zhang San (example)',
  name2: 'Li Si (example)',
  unit: 'County Finance Bureau',
  post1: 'Director',
  post2: 'Deputy director',
  group: 'own unit',
  ballot: 'P001',
  ballotMarked: 'P001 (example)',
  yes: 'yes',
  no: 'no',
  marks: ['excellent', 'competent', 'basically-competent', 'incompetent', 'abstain', 'invalid'],
  grades: ['excellent', 'competent', 'basically-competent', 'incompetent'],
  excellent: 'excellent',
  competent: 'competent',
  describe: '(describe truthfully; write "none" if nothing)',
  none: 'none',
  detail: '(what the check found)',
  findingTypes: ['under-reported', 'concealed'],
  paperMark: '√',
  listTitle: 'Choose from the list',
  listError: 'This column takes only the values of its drop-down list',
}

export const templateWords = (lang: Lang): TemplateWords => (lang === 'en' ? en : zh)
