import type { PolicyInput } from './schema.js'

/** The nine categories of item 5 of the 2009 Opinion, in the Opinion's order. */
export const OPINION_2009_CATEGORIES = [
  { key: 'housing', label: '住房', aliases: [] },
  { key: 'investment', label: '投资', aliases: [] },
  { key: 'marriage', label: '婚姻变化', aliases: ['婚姻'] },
  { key: 'travel_documents', label: '持有因私出国（境）证件', aliases: ['因私出国（境）证件', '因私出国证件', '持有因私出国(境)证件'] },
  { key: 'private_travel', label: '因私出国（境）情况', aliases: ['因私出国(境)情况', '因私出国情况'] },
  { key: 'children_foreign_marriage', label: '子女与外国人、港澳台居民通婚情况', aliases: ['子女通婚情况'] },
  { key: 'family_employment', label: '配偶子女从业情况', aliases: ['配偶子女从业'] },
  { key: 'family_abroad', label: '配偶子女出国（境）定居情况', aliases: ['配偶子女出国(境)定居情况', '配偶子女出国定居情况'] },
  { key: 'family_criminal', label: '配偶子女被司法机关追究刑事责任情况', aliases: ['配偶子女被追究刑事责任情况'] },
]

/** The default policy: the 2009 Opinion as written (SPEC §1). */
export const OPINION_2009: PolicyInput = {
  id: 'opinion-2009',
  version: '1.0.0',
  title: '《关于进一步从严管理干部的意见》（中办发〔2009〕）',
  source: '中共中央办公厅, 2009-10-01',
  denominator: 'valid',
  borderlineVotes: 1,
  minGroupSize: 5,
  // The Opinion sets no participation minimum; a local policy may.
  quorum: null,
  thresholds: {
    // 第9项: "优秀和称职得票率达不到三分之二" — strictly below 2/3.
    unfit: { share: '2/3', comparison: 'below' },
    // 第9项: "不称职得票率超过三分之一" — strictly above 1/3.
    incompetent: { share: '1/3', comparison: 'above' },
  },
  gradeSynonyms: {},
  reports: {
    categories: OPINION_2009_CATEGORIES,
    // The Opinion names no deadline for the reports.
    deadline: null,
    // The Opinion leaves 情节严重 to the Party committee: only rows marked serious are.
    seriousTypes: [],
  },
}

export const BUILTIN_POLICIES: Readonly<Record<string, PolicyInput>> = {
  'opinion-2009': OPINION_2009,
}
