import type { Assessment } from '../core/assess.js'
import { isBorderline, type NoVoteData, summaryOf } from '../core/summary.js'
import { formatPercent } from '../core/fraction.js'
import { visibleGroups } from '../core/groups.js'
import type { CadreAssessment, Check, DispositionCode, FixedRuleId, ShareComputation } from '../core/model.js'
import { compareIds } from '../core/order.js'
import { returnedVotes } from '../core/tally.js'
import type { Issue } from '../errors.js'
import type { Dict, Lang } from '../i18n/index.js'
import type { Loaded } from '../input/load.js'
import type { LoadedPolicy } from '../policy/load.js'
import type { Policy, ShareRuleSpec } from '../policy/schema.js'
import { type ShareRuleWords, shareMarginText, shareText } from '../i18n/share-words.js'
import { item5Params } from './item5-params.js'
import { type CadreHistoryDocs, cadreHistoryDocs, type HistoryHeadDoc } from './history-doc.js'

/** The JSON document of SPEC §3: every renderer (table, CSV, JSON) works from this. */
export interface ReportDoc {
  tool: { name: string; version: string }
  command: 'assess' | 'tally' | 'reports'
  lang: string
  /** The year assessed: `--year`, or this year with `--history` (SPEC §2.5); absent otherwise. */
  year?: number
  policy: {
    id: string
    version: string
    sha256: string
    denominator: string
    /** The policy's share rules, in its order: what every renderer lays its columns, lines and margins out from. */
    shareRules: ShareRuleDoc[]
  }
  inputs: Array<{ path: string; kind: string; sha256: string; rows: number; format: string; encoding: string; shape: string | null }>
  /** Earlier years (`--history`): this year, the files and how they matched; absent without. */
  history?: HistoryHeadDoc
  cadres: CadreDoc[]
  issues: IssueDoc[]
  summary: SummaryDoc
}

/** A share rule as the report states it: the policy's data, its label (if it gives one) in the report's language. */
export type ShareRuleDoc = ShareRuleWords

export interface CheckDoc {
  rule: string
  item: number
  fired: boolean
  computation: Record<string, unknown>
  margin: number | null
  marginText: string | null
  borderline: boolean
  text: string
}

export interface CadreDoc {
  id: string
  name: string
  unit: string
  post: string
  principal: boolean | null
  onRoster: boolean
  tally: TallyDoc | null
  checks: CheckDoc[]
  findings: Array<Omit<CheckDoc, 'fired'>>
  disposition: {
    code: DispositionCode
    label: string
    measure: string
    basis: string[]
    options: Array<{ code: string; label: string }>
    prerequisites: Array<{ code: string; label: string }>
    reason: string | null
  } | null
  notes: Array<{ code: string; label: string }>
  /** Earlier years (`--history`): `history` (oldest first), `trend`, `advisories`; absent without. */
  history?: CadreHistoryDocs['history']
  trend?: CadreHistoryDocs['trend']
  advisories?: CadreHistoryDocs['advisories']
}

export interface TallyDoc {
  excellent: number
  competent: number
  basicallyCompetent: number
  incompetent: number
  abstain: number
  invalid: number
  eligible: number | null
  returned: number
  denominator: number | null
  denominatorBasis: string
  groups: Array<{ group: string; excellent: number; competent: number; basicallyCompetent: number; incompetent: number; abstain: number; invalid: number }>
  groupsHidden: number
}

export interface IssueDoc {
  file: string
  row: number | null
  column: number | null
  columnName: string | null
  value: string | null
  code: string
  message: string
  severity: string
}

export interface SummaryDoc {
  cadres: number
  byDisposition: Record<DispositionCode, number> | null
  borderline: number
  /** Cadres the run should judge on votes that have none (SPEC §3); null where no votes are read (`reports`). */
  noVoteData: number | null
  rowsRead: number
  rowsCounted: number
  rowsInIssues: number
  blankRows: number
  /** Rows that are not data (a title, a 注, a 合计 …): each listed as a notice, none counted (SPEC §2.0). */
  rowsSkipped: number
  issuesListed: number
  issuesOmitted: number
}

/** A share rule as the report states it (and the words read it). */
const shareRuleDoc = (r: ShareRuleSpec, lang: Lang): ShareRuleDoc => ({
  id: r.id,
  item: r.item,
  marks: [...r.marks],
  comparison: r.comparison,
  share: r.share,
  measure: r.measure,
  label: r.label?.[lang] ?? null,
})

/** The share rules of a policy by id, as the report states them (made once per policy and language). */
const wordsMade = new WeakMap<Policy, Map<Lang, Map<string, ShareRuleDoc>>>()
export const shareRuleWords = (policy: Policy, lang: Lang): ReadonlyMap<string, ShareRuleDoc> => {
  let byLang = wordsMade.get(policy)
  if (byLang === undefined) wordsMade.set(policy, (byLang = new Map()))
  let rules = byLang.get(lang)
  if (rules === undefined) byLang.set(lang, (rules = new Map(policy.shareRules.map((r) => [r.id, shareRuleDoc(r, lang)]))))
  return rules
}

export const checkDoc = (k: Check, d: Dict, shares: ReadonlyMap<string, ShareRuleWords>): CheckDoc => {
  const c = k.computation
  let computation: Record<string, unknown>
  let text: string
  let marginText: string | null = null
  if (c.kind === 'share') {
    const rule = shares.get(k.rule)!
    const w = shareWordsOf(d, rule, c, k.fired)
    // Object.assign, not spread: on Node 20 an object spread run per cadre lets V8 promote
    // its copies, and a streamed report of 100,000 cadres grew the heap by 250 MB.
    computation = Object.assign<Record<string, unknown>, typeof c, object>({}, c, { percent: w.percent, expression: w.expression })
    text = w.text
    marginText = shareMarginTextOf(d, rule, k.fired, k.margin)
  } else if (c.kind === 'annual-grade') {
    computation = Object.assign<Record<string, unknown>, typeof c>({}, c)
    text = d.ruleText(k.rule as FixedRuleId, k.fired, { grade: d.mark[c.value] })
  } else {
    computation = Object.assign<Record<string, unknown>, typeof c>({}, c)
    text = d.ruleText(k.rule as FixedRuleId, k.fired, item5Params(c, d))
  }
  return {
    rule: k.rule,
    item: k.item,
    fired: k.fired,
    computation,
    margin: k.margin,
    marginText,
    borderline: k.borderline,
    text,
  }
}

/** What a share check says that its numbers alone decide: the percentage, the comparison written out, the sentence. */
export interface ShareWordsOf {
  percent: string
  expression: string
  text: string
}

interface Remembered extends ShareWordsOf {
  numerator: number
  denominator: number
  denominatorBasis: string
  comparison: string
  threshold: string
  fired: boolean
}

/**
 * Per rule and language, the words of each distinct share seen (a report of 100,000 cadres
 * has a few thousand: denominators of a few dozen votes), made once each. Bounded: past
 * MEMO_SIZE entries a memo starts again.
 */
const MEMO_SIZE = 1 << 14
const wordsMemo = new WeakMap<ShareRuleWords, Map<Dict, Map<number, Remembered>>>()
const marginMemo = new WeakMap<ShareRuleWords, Map<Dict, Map<string, string>>>()
const memoOf = <K, V>(memos: WeakMap<ShareRuleWords, Map<Dict, Map<K, V>>>, rule: ShareRuleWords, d: Dict): Map<K, V> => {
  let byDict = memos.get(rule)
  if (byDict === undefined) memos.set(rule, (byDict = new Map()))
  let m = byDict.get(d)
  if (m === undefined) byDict.set(d, (m = new Map()))
  else if (m.size >= MEMO_SIZE) m.clear()
  return m
}

/** The last rule and language asked for, and their memo (a report asks for the same few, cadre after cadre). */
let lastRule: ShareRuleWords | null = null
let lastDict: Dict | null = null
let lastMemo: Map<number, Remembered> | null = null

/**
 * A share check's percentage, expression and sentence (`checkDoc`), made once per distinct
 * share: looked up by its numbers, and used only when everything else it was made from is
 * the same too.
 */
export const shareWordsOf = (d: Dict, rule: ShareRuleWords, c: ShareComputation, fired: boolean): ShareWordsOf => {
  if (rule !== lastRule || d !== lastDict || lastMemo === null || lastMemo.size >= MEMO_SIZE) {
    lastMemo = memoOf(wordsMemo, rule, d)
    lastRule = rule
    lastDict = d
  }
  const key = c.denominator * 0x200000 + c.numerator
  const small = c.numerator >= 0 && c.numerator < 0x200000 && c.denominator >= 0 && c.denominator < 0x200000
  let w = small ? lastMemo.get(key) : undefined
  if (
    w === undefined ||
    w.numerator !== c.numerator ||
    w.denominator !== c.denominator ||
    w.denominatorBasis !== c.denominatorBasis ||
    w.comparison !== c.comparison ||
    w.threshold !== c.threshold ||
    w.fired !== fired
  ) {
    const percent = formatPercent(BigInt(c.numerator), BigInt(c.denominator))
    const sym = fired ? d.comparison[c.comparison] : negate(c.comparison)
    w = {
      percent,
      expression: `${c.numerator}/${c.denominator} ${sym} ${c.threshold}`,
      text: shareText(d, rule, fired, { percent, num: c.numerator, den: c.denominator, basis: d.basis[c.denominatorBasis] }),
      numerator: c.numerator,
      denominator: c.denominator,
      denominatorBasis: c.denominatorBasis,
      comparison: c.comparison,
      threshold: c.threshold,
      fired,
    }
    if (small) lastMemo.set(key, w)
  }
  return w
}

/** A share check's margin text (`shareMarginText`), made once per rule, outcome and margin. */
export const shareMarginTextOf = (d: Dict, rule: ShareRuleWords, fired: boolean, margin: number | null): string => {
  const memo = memoOf(marginMemo, rule, d)
  const key = `${fired ? 1 : 0}${margin}`
  let t = memo.get(key)
  if (t === undefined) memo.set(key, (t = shareMarginText(d, rule, fired, margin)))
  return t
}

const negate = (c: string): string => ({ below: '≥', atOrBelow: '>', above: '≤', atOrAbove: '<' })[c] ?? '?'

export const cadreDoc = (a: CadreAssessment, d: Dict, policy: Policy, withDisposition: boolean): CadreDoc => {
  const c = a.cadre
  const minGroupSize = policy.minGroupSize
  let tally: TallyDoc | null = null
  if (c.tally !== null) {
    const { shown, hidden } = visibleGroups(c.groups, minGroupSize)
    const t = c.tally
    tally = {
      excellent: t.excellent,
      competent: t.competent,
      basicallyCompetent: t.basicallyCompetent,
      incompetent: t.incompetent,
      abstain: t.abstain,
      invalid: t.invalid,
      eligible: t.eligible,
      returned: c.participated ?? returnedVotes(t),
      denominator: a.denominator,
      denominatorBasis: a.denominatorBasis,
      groups: shown.map((g) => ({
        group: g.group,
        excellent: g.tally.excellent,
        competent: g.tally.competent,
        basicallyCompetent: g.tally.basicallyCompetent,
        incompetent: g.tally.incompetent,
        abstain: g.tally.abstain,
        invalid: g.tally.invalid,
      })),
      groupsHidden: hidden,
    }
  }
  const shares = shareRuleWords(policy, d.lang)
  const checks = a.checks.map((k) => checkDoc(k, d, shares))
  const disp = a.disposition
  const doc: CadreDoc = {
    id: c.id,
    name: c.name,
    unit: c.unit,
    post: c.post,
    principal: c.principal,
    onRoster: c.onRoster,
    tally,
    checks,
    findings: withDisposition ? checks.filter((k) => k.fired).map(({ fired: _fired, ...rest }) => rest) : [],
    disposition: withDisposition
      ? {
          code: disp.code,
          label: d.disposition[disp.code],
          measure: disp.measure,
          basis: disp.basis,
          options: disp.options.map((o) => ({ code: o, label: d.option[o] })),
          prerequisites: disp.prerequisites.map((p) => ({ code: p, label: d.prerequisite[p] })),
          reason: disp.reason,
        }
      : null,
    notes: a.notes.map((n) => ({ code: n, label: d.note[n] })),
  }
  return a.history === undefined ? doc : Object.assign(doc, cadreHistoryDocs(a.history, d, shares, a.denominatorBasis))
}

export const issueDoc = (i: Issue, d: Dict): IssueDoc => ({
  file: i.file,
  row: i.row,
  column: i.column,
  columnName: i.columnName,
  value: i.value,
  code: i.code,
  message: d.message(i.code, { ...i.params, value: i.value ?? '' }),
  severity: i.severity,
})

/** Issues in a stable order: by file, row, column, code. */
export const compareIssues = (a: Issue, b: Issue): number =>
  (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
  (a.row ?? 0) - (b.row ?? 0) ||
  (a.column ?? 0) - (b.column ?? 0) ||
  (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)

/** What a report is built from, besides the assessment of its cadres. */
export interface ReportArgs {
  command: 'assess' | 'tally' | 'reports'
  version: string
  lang: string
  dict: Dict
  policy: LoadedPolicy
  loaded: Loaded
  /** The year the report states (`--year`, or this year with `--history`). */
  year?: number | null
  /** Earlier years, with `--history`. */
  history?: HistoryHeadDoc | null
}

/** The parts of the document before `cadres` and `issues`. */
export type ReportHead = Pick<ReportDoc, 'tool' | 'command' | 'lang' | 'year' | 'policy' | 'inputs' | 'history'>

/**
 * A report as the renderers take it in pieces: the head; the cadres, taken anew at each
 * call (a streamed report makes them again from the core's assessments; a whole one hands
 * out its array); the summary and the issues. A streamed report knows its summary once its
 * cadres have been taken, or after a pass of its own.
 */
export interface DocStream {
  head: ReportHead
  cadres: () => Iterable<CadreDoc>
  /**
   * The cadres' parts of the JSON and CSV reports, written straight from the core's
   * assessments (cadre-text.ts), where the report streams from them: the same text as
   * `cadres` rendered, without a CadreDoc per cadre. Absent for a whole document.
   */
  cadreTexts?: { json: () => Iterable<string>; csv: () => Iterable<string> }
  summary: () => SummaryDoc
  issues: () => IssueDoc[]
}

/** A whole document as a DocStream (its head's keys in the document's order). */
export const docStreamOfDoc = (doc: ReportDoc): DocStream => {
  const { cadres, issues, summary, ...head } = doc
  return { head, cadres: () => cadres, summary: () => summary, issues: () => issues }
}

/** The parts of the document before `cadres` and `issues`; `summary` comes from `summaryDoc`. */
export const reportHead = (args: ReportArgs): ReportHead => {
  const { loaded, policy } = args
  return {
    tool: { name: 'kaohe', version: args.version },
    command: args.command,
    lang: args.lang,
    ...(args.year == null ? {} : { year: args.year }),
    policy: {
      id: policy.policy.id,
      version: policy.policy.version,
      sha256: policy.sha256,
      denominator: policy.policy.denominator,
      shareRules: policy.policy.shareRules.map((r) => shareRuleDoc(r, args.dict.lang)),
    },
    inputs: [...loaded.inputs]
      .sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || compareIds(a.path, b.path))
      .map((i) => ({ path: i.path, kind: i.kind, sha256: i.sha256, rows: i.rows, format: i.format, encoding: i.encoding, shape: i.shape })),
    ...(args.history == null ? {} : { history: args.history }),
  }
}

export const issuesDoc = (args: ReportArgs): IssueDoc[] => [...args.loaded.issues].sort(compareIssues).map((i) => issueDoc(i, args.dict))

/** The summary, from counts made over the cadres (all at once, or one at a time as they stream). */
export const summaryDoc = (
  args: ReportArgs,
  counts: { cadres: number; byDisposition: Record<DispositionCode, number>; borderline: number; noVoteData: NoVoteData },
): SummaryDoc => {
  const { loaded } = args
  return {
    cadres: counts.cadres,
    byDisposition: args.command !== 'tally' ? counts.byDisposition : null,
    borderline: counts.borderline,
    noVoteData: args.command === 'reports' ? null : counts.noVoteData.count,
    rowsRead: loaded.rowsRead,
    rowsCounted: loaded.rowsCounted,
    rowsInIssues: loaded.rowsInIssues,
    blankRows: loaded.blankRows,
    rowsSkipped: loaded.rowsSkipped,
    issuesListed: loaded.issues.length,
    issuesOmitted: loaded.issuesOmitted,
  }
}

export { isBorderline, lacksVotes, NO_VOTE_IDS_SHOWN, type NoVoteData } from '../core/summary.js'

/** How many cadres of a whole assessment have no vote data, and the first ids. */
export const noVoteDataOf = (cadres: readonly CadreAssessment[]): NoVoteData => summaryOf(cadres).noVoteData

export const buildReport = (args: ReportArgs & { assessment: Assessment }): ReportDoc => {
  const { dict: d, assessment, policy } = args
  const withDisposition = args.command !== 'tally'
  const cadres = assessment.cadres.map((a) => cadreDoc(a, d, policy.policy, withDisposition))
  return {
    ...reportHead(args),
    cadres,
    issues: issuesDoc(args),
    summary: summaryDoc(args, {
      cadres: cadres.length,
      byDisposition: assessment.byDisposition,
      borderline: assessment.cadres.filter(isBorderline).length,
      noVoteData: noVoteDataOf(assessment.cadres),
    }),
  }
}

/** Only the cadres a person must act on or look at. */
export const needsAction = (c: CadreDoc): boolean => c.disposition !== null && c.disposition.code !== 'none'
