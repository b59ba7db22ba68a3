import type { Lang } from './index.js'
import { fill } from './index.js'

/**
 * The words of earlier years (SPEC §2.5), per language: the advisory checks' sentences and
 * the Opinion's text they quote, year statuses, column heads, and the messages of history
 * issues. Kept apart from zh.ts / en.ts so that the history feature is one catalog.
 */
export interface HistoryWords {
  /** The Opinion's own words, quoted as written (Chinese in both languages). */
  quote: { 'item9-persistent': string; 'item10-reappointment': string }
  /** How a cadre was found in an earlier year. */
  match: Record<'id' | 'name-unit' | 'name' | 'ambiguous', string>
  /** A year as item9-persistent and item10-reappointment see it. */
  status: Record<'fired' | 'not-fired' | 'missing' | 'ambiguous' | 'incomplete' | 'not-judged' | 'clear' | 'borderline', string>
  /** "2024 年 18/30 60.00%" and "2024 年无记录": one year in a sentence. */
  yearShare: string
  yearStatus: string
  yearsJoin: string
  /** item9-persistent, fired and not. */
  persistent: string
  persistentNot: string
  persistentMargin: string
  persistentMarginNot: string
  /** item10-reappointment, fired and not; `{measure}` of `{year}`, recorded or as this year's rules make it. */
  reappointment: string
  reappointmentNot: string
  adjustedRecorded: string
  adjustedRecomputed: string
  laterFired: string
  laterBorderline: string
  laterClear: string
  option: string
  conditions: string
  /** Terminal, HTML, XLSX words. */
  trend: string
  trendLegend: string
  advisories: string
  reappointmentSection: string
  historyLine: string
  thisYear: string
  year: string
  source: string
  matchHead: string
  crossedHead: string
  recordedHead: string
  annualGrade: string
  recorded: string
  recomputed: string
  sheetNote: string
  /** `kaohe policy check`: the advisory checks of `--history` (`{n}`, `{given}`, `{b}`). */
  policyLine: string
  policyDefault: string
  /** Messages of history issues and errors, by code. */
  messages: Record<string, string>
}

const ZH: HistoryWords = {
  quote: {
    'item9-persistent': '所负责的工作长期处于落后状态',
    'item10-reappointment': '对在新岗位表现较好、成绩突出的干部，要予以表扬和鼓励，符合重新任用条件的，可根据个人表现和民意情况，按规定重新任用',
  },
  match: { id: '编号', 'name-unit': '姓名+单位', name: '姓名', ambiguous: '对应不唯一' },
  status: {
    fired: '触发',
    'not-fired': '未触发',
    missing: '无记录',
    ambiguous: '对应不唯一',
    incomplete: '数据不完整',
    'not-judged': '未作认定',
    clear: '未触发，边距大于临界',
    borderline: '未触发，但处于临界',
  },
  yearShare: '{year} 年 {num}/{den} {percent}%',
  yearStatus: '{year} 年{status}',
  yearsJoin: '、',
  persistent: '第9项：连续 {count} 年{rule}（{years}）；意见所列“{quote}”，本年度的认定并非一年之事。此为提示，不单独构成处置',
  persistentNot: '第9项：本年度{rule}，但 {years}，不作“{quote}”的提示',
  persistentMargin: '任一年再有 {m} 票变动即不再连续',
  persistentMarginNot: '未触发的年份共差 {m} 票',
  reappointment: '第10项：{adjusted}；此后各年（{years}）均未触发任何规则，各项边距最小 {m} 票，大于临界票数 {b}。意见：“{quote}”。可供党委（党组）考虑，此为提示，不单独构成处置',
  reappointmentNot: '第10项：{adjusted}；{years}，暂不作重新任用的提示',
  adjustedRecorded: '{year} 年的处置建议为{measure}',
  adjustedRecomputed: '{year} 年按本年度规则应予{measure}',
  laterFired: '{year} 年触发 {rules}',
  laterBorderline: '{year} 年边距 {m} 票，未超过临界票数 {b}',
  laterClear: '{year} 年未触发（边距 {m}）',
  option: '可根据个人表现和民意情况，按规定重新任用',
  conditions: '第10项：须符合重新任用条件，按规定重新任用',
  trend: '历年',
  trendLegend: '历年：各年{marks}得票率，✗ 为该年触发份额规则（按本年度规则），⇅ 为与上一年相比越过界线',
  advisories: '历年提示',
  reappointmentSection: '可考虑重新任用的干部（第10项）',
  historyLine: '历年：{years}',
  thisYear: '本年度',
  year: '年度',
  source: '来源',
  matchHead: '对应方式',
  crossedHead: '越线',
  recordedHead: '原记录触发',
  annualGrade: '年度考核等次',
  recorded: '原记录',
  recomputed: '按本年度规则',
  policyLine: '历年（--history）：第9项“长期处于落后状态”的提示须某条得票率规则本年度及此前 {n} 年均触发（history.persistentYears{given}）；第10项“重新任用”的提示须往年曾建议组织调整或免职、此后各年均未触发且边距大于 {b} 票。两者只是提示',
  policyDefault: '，未设，默认 1',
  sheetNote: '往年的得票率一律按本年度政策的份额规则、由记录的票数重新计算；“处置建议”为往年 kaohe 结果所记录的（汇总表则按本年度规则得出）。',
  messages: {
    'history-unmatched': '{year} 年的「{name}」在本年度没有对应的干部，未使用',
    'history-unmatched-others': '{year} 年的「{name}」在本年度没有对应的干部（本年度同名：{others}），未使用：若是同一人，请在两年的文件中都给出干部编号',
    'history-ambiguous': '{year} 年的「{records}」可对应本年度多名干部（{cadres}），未使用：请在该年度的文件中给出干部编号或单位',
    'history-id-name-mismatch': '{year} 年编号 {id} 的姓名为「{name}」，本年度为「{current}」，未对应：请核对编号',
    'history-policy-differs': '{file}（{year} 年）按政策 {theirs} 得出，本年度为 {ours}：其得票率已按本年度政策的份额规则由记录的票数重新计算{detail}',
    'history-policy-rules-same': '（两者的份额规则和分母相同，各年结果不受影响）',
    'history-policy-rules-differ': '（份额规则或分母不同：往年是否触发以本年度规则为准，原记录见 JSON 的 recordedFired）',
    'history-policy-rules-unknown': '（该文件未记录份额规则：往年是否触发以本年度规则为准）',
    'history-bad-year': "年度 '{value}' 无法识别：请写成 2024 或 2024年度",
    'history-bad-years': '{file}：{count} 行的年度无法识别，未读入历年数据',
    'history-no-year': '{file}：看不出是哪一年的结果（无“年度”列，工作表名和文件名中也没有唯一的年份{found}）：请加“年度”列，或把文件改名为含年份的名称（如 2024年考核结果.json）',
    'history-not-json': '历年文件 {file} 不是有效的 JSON：{detail}',
    'history-not-report': '{file} 不是 kaohe 的 JSON 结果（{detail}）：--history 需要 kaohe assess/tally 以 --format json 或 --out x.json 写出的结果，或一份往年的汇总表',
    'history-too-large': '历年文件 {file} 超过 {max} MB，不像 kaohe 的结果',
    'history-same-content': '历年文件 {file} 与 {other} 内容完全相同（SHA-256 一致）：同一年的数据只能读入一次',
    'history-not-earlier': '{file} 是 {year} 年的结果，不早于本年度 {thisYear}：--history 只接受往年的结果',
    'history-year-twice': '{year} 年出现了两次（{file}、{other}）：每年只能给一份结果',
    'this-year-unknown': '使用 --history 须知道本年度是哪一年：请用 --year 指定（如 --year 2025），或让测评票文件名含年份（如 2025年测评票.csv）',
    'this-year-ambiguous': '测评票文件名含有不同的年份（{years}：{files}）：请用 --year 指定本年度',
    'history-summary': '历年 {file}（{year} 年）：{matched} 名干部对应本年度，{unmatched} 条未对应，{ambiguous} 处对应不唯一（见数据问题）',
  },
}

const EN: HistoryWords = {
  quote: ZH.quote,
  match: { id: 'id', 'name-unit': 'name + unit', name: 'name', ambiguous: 'ambiguous' },
  status: {
    fired: 'triggered',
    'not-fired': 'not triggered',
    missing: 'no record',
    ambiguous: 'ambiguous match',
    incomplete: 'data incomplete',
    'not-judged': 'not judged',
    clear: 'not triggered, margins above the borderline',
    borderline: 'not triggered, but borderline',
  },
  yearShare: '{year} {num}/{den} {percent}%',
  yearStatus: '{year} {status}',
  yearsJoin: ', ',
  persistent:
    'Item 9: {rule} in {count} years running ({years}); the Opinion names work "{quote}" (long behind) among the signs of a cadre unfit for the post: this year\'s finding is not a single year\'s. A note, not a measure by itself',
  persistentNot: 'Item 9: {rule} this year, but {years}: no note of work "{quote}" (long behind)',
  persistentMargin: '{m} votes moved in any one year would end the run',
  persistentMarginNot: 'the years short of it lack {m} votes together',
  reappointment:
    'Item 10: {adjusted}; every year since ({years}) triggers no rule, the smallest margin {m} votes, above the borderline of {b}. The Opinion: "{quote}" (a cadre who does well in the new post and meets the conditions may be re-appointed as the rules provide, by personal performance and public opinion). An option for the Party committee; a note, not a measure by itself',
  reappointmentNot: 'Item 10: {adjusted}; {years}: no note of re-appointment yet',
  adjustedRecorded: 'recommended {measure} in {year}',
  adjustedRecomputed: '{measure} due in {year} under this year\'s rules',
  laterFired: '{year} triggers {rules}',
  laterBorderline: '{year} has a margin of {m} votes, not above the borderline of {b}',
  laterClear: '{year} not triggered (margin {m})',
  option: 're-appointment as the rules provide, by personal performance and public opinion',
  conditions: 'Item 10: the conditions for re-appointment must be met; re-appoint as the rules provide',
  trend: 'Years',
  trendLegend: 'Years: the {marks} share each year; ✗ a share rule triggered that year (this year\'s rules), ⇅ a line crossed since the year before',
  advisories: 'Earlier years',
  reappointmentSection: 'Re-appointment may be considered (item 10)',
  historyLine: 'Years: {years}',
  thisYear: 'this year',
  year: 'Year',
  source: 'Source',
  matchHead: 'Matched by',
  crossedHead: 'Crossed',
  recordedHead: 'Recorded as triggered',
  annualGrade: 'Annual grade',
  recorded: 'recorded',
  recomputed: "this year's rules",
  policyLine: 'earlier years (--history): item 9\'s note of work long behind needs a share rule fired this year and in each of the previous {n} year(s) (history.persistentYears{given}); item 10\'s note of re-appointment an earlier adjustment or dismissal, no rule fired since and every margin above {b} vote(s). Both are notes only',
  policyDefault: ', not set: 1 by default',
  sheetNote: "Every earlier year's shares are recomputed from its recorded counts under this year's share rules; the disposition is the one its kaohe report recorded (for a count sheet, what this year's rules make of it).",
  messages: {
    'history-unmatched': '{year}: "{name}" matches no cadre of this year, not used',
    'history-unmatched-others': '{year}: "{name}" matches no cadre of this year (this year under that name: {others}), not used: if it is the same person, give the cadre id in both years\' files',
    'history-ambiguous': '{year}: "{records}" may be any of several cadres of this year ({cadres}), not used: give cadre ids or units in that year\'s file',
    'history-id-name-mismatch': '{year}: cadre id {id} is named "{name}" there but "{current}" this year, not matched: check the id',
    'history-policy-differs': "{file} ({year}) was made under policy {theirs}, this year's is {ours}: its shares are recomputed from its recorded counts under this year's share rules{detail}",
    'history-policy-rules-same': ' (the share rules and denominator are the same, so no year\'s result changes)',
    'history-policy-rules-differ': " (the share rules or the denominator differ: whether an earlier year triggers follows this year's rules; the file's own outcome is in the JSON's recordedFired)",
    'history-policy-rules-unknown': " (the file does not record its share rules: whether an earlier year triggers follows this year's rules)",
    'history-bad-year': "year '{value}' is not a year: write it as 2024 or 2024年度",
    'history-bad-years': '{file}: {count} row(s) with a year that cannot be read; no earlier year was read',
    'history-no-year': '{file}: cannot tell which year it is (no 年度 column, and no single year in its sheet or file name{found}): add a 年度 column, or rename the file with its year (e.g. 2024-results.json)',
    'history-not-json': 'history file {file} is not valid JSON: {detail}',
    'history-not-report': "{file} is not a kaohe JSON result ({detail}): --history takes the output of kaohe assess/tally written with --format json or --out x.json, or an earlier year's count sheet",
    'history-too-large': 'history file {file} is larger than {max} MB, not a kaohe result',
    'history-same-content': 'the history file {file} has the same content as {other} (the same SHA-256): read each year once',
    'history-not-earlier': '{file} is the result of {year}, not earlier than this year {thisYear}: --history takes earlier years only',
    'history-year-twice': 'the year {year} is given twice ({file}, {other}): give one result per year',
    'this-year-unknown': 'with --history, kaohe must know this year: give --year (e.g. --year 2025), or name the vote files with the year (e.g. 2025-votes.csv)',
    'this-year-ambiguous': 'the vote files name different years ({years}: {files}): give this year with --year',
    'history-summary': 'history {file} ({year}): {matched} cadre(s) matched this year, {unmatched} not matched, {ambiguous} ambiguous (see the data issues)',
  },
}

export const historyWords = (lang: Lang): HistoryWords => (lang === 'en' ? EN : ZH)

/**
 * The message of a history issue or error, or undefined for any other code (zh.ts and
 * en.ts ask here first). A record whose name a cadre of this year has under another unit
 * or id says so, so that a clerk knows to add ids.
 */
export const historyMessage = (lang: Lang, code: string, p: Record<string, string | number>): string | undefined => {
  const m = historyWords(lang).messages
  if (code === 'history-unmatched' && p.others) return fill(m['history-unmatched-others']!, p)
  if (code === 'history-policy-differs') return fill(m[code]!, { ...p, detail: m[`history-policy-rules-${p.rules}`] ?? '' })
  if (code === 'history-no-year') return fill(m[code]!, { ...p, found: p.found ? (lang === 'en' ? `; it names ${p.found}` : `；其中有 ${p.found}`) : '' })
  return Object.hasOwn(m, code) ? fill(m[code]!, p) : undefined
}
