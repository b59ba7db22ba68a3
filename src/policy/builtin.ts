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
  shareRules: [
    // 第9项: "对不称职得票率超过三分之一…认定为不称职的，应当视具体情况对其分别作出免职、责令辞职、降职等组织处理"
    // — strictly above 1/3.
    { id: 'item9-incompetent', item: 9, marks: ['incompetent'], comparison: 'above', share: '1/3', measure: 'dismissal' },
    // 第9项: "优秀和称职得票率达不到三分之二…认定为不胜任现职岗位的，应当对其进行组织调整" — strictly below 2/3.
    { id: 'item9-unfit', item: 9, marks: ['excellent', 'competent'], comparison: 'below', share: '2/3', measure: 'adjustment' },
  ],
  // Every rule of items 3 and 5 applies.
  disabledRules: [],
  gradeSynonyms: {},
  reports: {
    categories: OPINION_2009_CATEGORIES,
    // The Opinion names no deadline for the reports.
    deadline: null,
    // The Opinion leaves 情节严重 to the Party committee: only rows marked serious are.
    seriousTypes: [],
  },
}

/**
 * The fourteen categories of 《领导干部报告个人有关事项规定》 (2017): eight family matters
 * (第三条) and six property matters (第四条), labels as SPEC §2.3 names them; the aliases
 * are the regulation's own wording and common short forms on report sheets.
 */
export const CADRE_REPORT_2017_CATEGORIES = [
  { key: 'marital_status', label: '婚姻情况', aliases: ['本人婚姻情况', '婚姻'] },
  {
    key: 'passport_private_travel',
    label: '普通护照及因私出国',
    aliases: ['本人持有普通护照以及因私出国的情况', '持有普通护照及因私出国情况', '普通护照及因私出国情况'],
  },
  {
    key: 'hmt_permit_travel',
    label: '往来港澳台通行证及因私往来港澳台',
    aliases: [
      '本人持有往来港澳通行证、因私持有大陆居民往来台湾通行证以及因私往来港澳、台湾的情况',
      '持有往来港澳台通行证及因私往来港澳台情况',
      '往来港澳台通行证及因私往来港澳台情况',
    ],
  },
  {
    key: 'children_marriage_foreign',
    label: '子女与外国人、无国籍人通婚',
    aliases: ['子女与外国人、无国籍人通婚的情况', '子女与外国人、无国籍人通婚情况'],
  },
  {
    key: 'children_marriage_hmt',
    label: '子女与港澳台居民通婚',
    aliases: ['子女与港澳以及台湾居民通婚的情况', '子女与港澳台居民通婚情况'],
  },
  {
    key: 'family_emigration',
    label: '配偶子女移居国（境）外或连续在国（境）外工作生活一年以上',
    aliases: [
      '配偶、子女移居国（境）外的情况；或者虽未移居国（境）外，但连续在国（境）外工作、生活一年以上的情况',
      '配偶子女移居国（境）外情况',
      '配偶、子女移居国（境）外情况',
    ],
  },
  {
    key: 'family_employment',
    label: '配偶、子女及其配偶从业',
    aliases: ['配偶、子女及其配偶从业情况', '配偶子女及其配偶从业情况'],
  },
  {
    key: 'family_criminal',
    label: '配偶、子女及其配偶被追究刑事责任',
    aliases: ['配偶、子女及其配偶被追究刑事责任的情况', '配偶、子女及其配偶被追究刑事责任情况'],
  },
  { key: 'salary', label: '工资及各类奖金津贴补贴', aliases: ['本人工资及各类奖金、津贴、补贴等', '工资及各类奖金、津贴、补贴'] },
  {
    key: 'service_income',
    label: '劳务所得',
    aliases: ['本人从事讲学、写作、咨询、审稿、书画等劳务所得', '劳务所得情况'],
  },
  {
    key: 'real_estate',
    label: '房产',
    aliases: ['本人、配偶、共同生活的子女为所有权人或者共有人的房产情况', '房产情况'],
  },
  {
    key: 'securities_insurance',
    label: '股票、基金、投资型保险',
    aliases: ['本人、配偶、共同生活的子女投资或者以其他方式持有股票、基金、投资型保险的情况', '股票、基金、投资型保险情况'],
  },
  {
    key: 'family_business',
    label: '配偶、子女及其配偶经商办企业',
    aliases: ['配偶、子女及其配偶经商办企业的情况', '配偶、子女及其配偶经商办企业情况'],
  },
  {
    key: 'overseas_deposits_investment',
    label: '国（境）外存款和投资',
    aliases: ['本人、配偶、共同生活的子女在国（境）外的存款和投资情况', '国（境）外存款和投资情况'],
  },
]

/**
 * The 2009 Opinion's rules with the report categories and deadline of the later
 * 《领导干部报告个人有关事项规定》 (2017): "每年1月31日前集中报告一次上一年度…的个人有关事项".
 */
export const CADRE_REPORT_2017: PolicyInput = {
  ...OPINION_2009,
  id: 'cadre-report-2017',
  version: '1.0.0',
  title: '《关于进一步从严管理干部的意见》（2009）及《领导干部报告个人有关事项规定》（2017）',
  source: '中共中央办公厅, 2009-10-01；中共中央办公厅、国务院办公厅, 2017-02',
  reports: {
    categories: CADRE_REPORT_2017_CATEGORIES,
    deadline: '01-31',
    // The 2017 规定 grades 漏报 and 隐瞒不报 "根据情节轻重": the committee still decides.
    seriousTypes: [],
  },
}

export const BUILTIN_POLICIES: Readonly<Record<string, PolicyInput>> = {
  'opinion-2009': OPINION_2009,
  'cadre-report-2017': CADRE_REPORT_2017,
}
