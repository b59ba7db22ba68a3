import type { Lang } from './index.js'

/** Words of `kaohe policy check`: a policy explained rule by rule, per language. */
export interface PolicyWords {
  /** `{file}`, `{id}`, `{version}`, `{sha}` */
  valid: string
  /** Between the item and the rule's name: 第9项，… / item 9, … */
  labelSep: string
  /** `{basis}`, `{code}` */
  denominator: string
  /** `{n}` */
  borderline: string
  /** `{share}` */
  quorum: string
  quorumNone: string
  /** `{n}` */
  shareRules: string
  shareRulesNone: string
  /** `{n}`, `{id}`, `{item}`, `{label}`, `{marks}`, `{basis}`, `{sym}`, `{share}`, `{words}`, `{measure}` */
  rule: string
  /** `（超过三分之一）`: the Opinion's words, where the share is one of its own; `noWords` where it is not. */
  words: string
  noWords: string
  /** The example over a denominator `{den}`: `{marks}`, `{limit}`, `{other}` */
  atLeast: string
  atMost: string
  always: string
  never: string
  /** `{options}` */
  options: string
  optionsNone: string
  /** `{steps}` */
  prerequisites: string
  /** A share over a mark the denominator leaves out. */
  outsideValid: string
  otherRules: string
  /** `{id}`, `{item}`, `{name}`, `{measure}`, `{status}` */
  otherRule: string
  on: string
  off: string
  join: string
}

const zh: PolicyWords = {
  valid: '政策文件 {file} 有效：{id} {version}（SHA-256 {sha}）',
  labelSep: '，',
  denominator: '分母：{basis}（{code}）',
  borderline: '临界：边距不超过 {n} 票时为临界，建议先复核计票',
  quorum: '最低参加比例：{share}，不足时暂不认定',
  quorumNone: '最低参加比例：不设',
  shareRules: '得票率规则（{n} 条，按此顺序检查）：',
  shareRulesNone: '得票率规则：无（不作任何得票率认定）',
  rule: '  {n}. {id}（第{item}项{label}）：{marks}票数 ÷ {basis} {sym} {share}{words}时触发 → {measure}',
  words: '（{cmp}{words}）',
  noWords: ' ',
  atLeast: '     例：分母为 {den} 时，{marks} {limit} 票及以上触发，{other} 票不触发',
  atMost: '     例：分母为 {den} 时，{marks} {limit} 票及以下触发，{other} 票不触发',
  always: '     无论票数多少都会触发',
  never: '     无论票数多少都不会触发',
  options: '     可选措施：{options}',
  optionsNone: '     可选措施：由党委（党组）确定',
  prerequisites: '     决定前须：{steps}',
  outsideValid: '     注意：弃权、无效票不计入有效票分母，此比例可能超过 100%',
  otherRules: '其他规则：',
  otherRule: '  {id}（第{item}项）{name} → {measure}：{status}',
  on: '启用',
  off: '已停用（disabledRules）',
  join: '；',
}

const en: PolicyWords = {
  valid: 'policy file {file} is valid: {id} {version} (SHA-256 {sha})',
  labelSep: ', ',
  denominator: 'denominator: {basis} ({code})',
  borderline: 'borderline: a margin of at most {n} vote(s) is borderline; recount first',
  quorum: 'minimum participation: {share}; below it a cadre is withheld',
  quorumNone: 'minimum participation: none',
  shareRules: 'share rules ({n}, checked in this order):',
  shareRulesNone: 'share rules: none (no finding on vote shares)',
  rule: '  {n}. {id} (item {item}{label}): fires when {marks} votes ÷ {basis} {sym} {share}{words} → {measure}',
  words: ' ({cmp} {words})',
  noWords: '',
  atLeast: '     e.g. of {den}: {limit} or more {marks} votes fire it, {other} do not',
  atMost: '     e.g. of {den}: {limit} or fewer {marks} votes fire it, {other} do not',
  always: '     fires whatever the votes',
  never: '     never fires, whatever the votes',
  options: '     options: {options}',
  optionsNone: '     options: as the Party committee decides',
  prerequisites: '     before deciding: {steps}',
  outsideValid: '     note: abstentions and spoilt marks are not in the valid-ballot denominator; this share can exceed 100%',
  otherRules: 'other rules:',
  otherRule: '  {id} (item {item}) {name} → {measure}: {status}',
  on: 'on',
  off: 'off (disabledRules)',
  join: '; ',
}

export const policyWords = (lang: Lang): PolicyWords => (lang === 'en' ? en : zh)
