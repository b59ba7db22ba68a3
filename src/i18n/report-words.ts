import type { Lang } from './index.js'

/**
 * Words of the HTML report's chart, legend and long-report layout, of the XLSX cells that
 * are cut, and of the rule names every export shows beside a rule's id — one catalog per
 * language, kept apart from export-labels.ts so that the layout words move together.
 */
export interface ReportWords {
  legend: string
  /** A bar's swatch: `{marks}`. */
  legendBar: string
  /** A fired bar's swatch: `{marks}`, `{rules}` (the rules over those marks, by name). */
  legendBarFired: string
  /** A line's swatch: `{name}` (the rule's short name), `{label}` (its words), `{item}`. */
  legendLine: string
  legendNoData: string
  legendBorderline: string
  legendCrossed: string
  legendTrend: string
  legendTrendFired: string
  /** `{shown}` of `{all}` cadres charted: those needing action or at a line. */
  chartSubset: string
  /** More cadres need charting than the chart holds: `{n}` left out (listed in the table and the exports). */
  chartOverflow: string
  /** The cadres not charted: `{n}`, summarised by the first bar's share. */
  restHead: string
  restNote: string
  restNone: string
  /** A band of shares: `{from}`–`{to}`. */
  band: string
  count: string
  /** The table of every cadre, folded away in a long report: `{n}`. */
  allFolded: string
  /** Printed in place of the folded table. */
  allNotPrinted: string
  /** A rule's name where no catalog has one: the id. */
  ruleId: string
  /** An XLSX cell cut at Excel's limit. */
  truncated: string
  /** The XLSX column of rule ids, beside the column of their names. */
  ruleIds: string
  ruleNames: Record<string, string>
}

const zh: ReportWords = {
  legend: '图例',
  legendBar: '{marks}得票率',
  legendBarFired: '{marks}得票率，已触发（{rules}）',
  legendLine: '{name}界线：{label}（{item}）',
  legendNoData: '灰字：无测评数据或暂不认定，未画条',
  legendBorderline: '红字边距：临界（再差几票即改变结论）',
  legendCrossed: '红框：与上一年相比越过界线',
  legendTrend: '历年小条：各年得票率',
  legendTrendFired: '历年小条（橙色）：该年触发份额规则',
  chartSubset: '干部较多，图中只画出需处理或处于临界的 {shown} 名（共 {all} 名）；其余见下方分布与全部干部表。',
  chartOverflow: '另有 {n} 名需处理或临界的干部未画出，见“需处理”一节、全部干部表及 XLSX/JSON 导出。',
  restHead: '未画出的 {n} 名干部',
  restNote: '均无处置建议、不临界；按{marks}得票率分布：',
  restNone: '没有未画出的干部。',
  band: '{from}–{to}',
  count: '人数',
  allFolded: '全部 {n} 名干部（点击展开）',
  allNotPrinted: '全部 {n} 名干部的明细未打印，见 XLSX、CSV 或 JSON 导出。',
  ruleId: '规则 {id}',
  truncated: '……（已截断，全文见 JSON）',
  ruleIds: '规则编号',
  ruleNames: {
    'item9-persistent': '长期落后提示',
    'item10-reappointment': '重新任用',
  },
}

const en: ReportWords = {
  legend: 'Legend',
  legendBar: '{marks} share',
  legendBarFired: '{marks} share, rule triggered ({rules})',
  legendLine: '{name} line: {label} ({item})',
  legendNoData: 'Grey text: no vote data or withheld, no bar',
  legendBorderline: 'Red margin: borderline (a few votes would change the outcome)',
  legendCrossed: 'Red outline: a line crossed since the year before',
  legendTrend: 'Small bars: the share year by year',
  legendTrendFired: 'Small orange bar: a share rule triggered that year',
  chartSubset: 'Many cadres: the chart shows the {shown} who need action or are borderline (of {all}); the rest are summarised below and listed in the table of all cadres.',
  chartOverflow: '{n} more cadres who need action or are borderline are not charted: see "Needs action", the table of all cadres and the XLSX/JSON exports.',
  restHead: 'The {n} cadres not charted',
  restNote: 'none needs action or is borderline; by {marks} share:',
  restNone: 'Every cadre is charted.',
  band: '{from}–{to}',
  count: 'Cadres',
  allFolded: 'All {n} cadres (click to open)',
  allNotPrinted: 'The list of all {n} cadres is not printed: see the XLSX, CSV or JSON export.',
  ruleId: 'rule {id}',
  truncated: '… (cut here; the full text is in the JSON)',
  ruleIds: 'Rule ids',
  ruleNames: {
    'item9-persistent': 'Long behind (note)',
    'item10-reappointment': 'Re-appointment',
  },
}

export const reportWords = (lang: Lang): ReportWords => (lang === 'en' ? en : zh)
