import type { Dict } from '../i18n/index.js'
import { fill } from '../i18n/index.js'
import type { ExportLabels } from '../i18n/export-labels.js'
import type { CadreDoc, CheckDoc, ReportDoc, ShareRuleDoc } from './report.js'
import { type Mark, MARKS } from '../core/marks.js'
import { marksColumn, markOrder, shareLabel } from '../i18n/share-words.js'
import { reportWords } from '../i18n/report-words.js'
import { FIXED_RULE_IDS, type FixedRuleId } from '../core/model.js'

/**
 * What the Markdown, HTML and XLSX renderers read from a ReportDoc, in one place, so
 * that they agree. Findings are read generically (rule, item, text, margin) from
 * `cadres[].findings` and `checks`: a new rule needs no change here.
 */

/** A share rule's numbers, where the check carries them (SPEC §1, item 9). */
export interface ShareView {
  numerator: number
  denominator: number
  percent: string
  expression: string
  threshold: string
  fired: boolean
  margin: number | null
  borderline: boolean
}

export const shareOf = (c: CadreDoc, rule: string): ShareView | null => {
  const k = c.checks.find((x) => x.rule === rule)
  if (k === undefined || k.computation.kind !== 'share') return null
  const comp = k.computation as { numerator: number; denominator: number; percent: string; expression: string; threshold: string }
  return {
    numerator: comp.numerator,
    denominator: comp.denominator,
    percent: comp.percent,
    expression: comp.expression,
    threshold: comp.threshold,
    fired: k.fired,
    margin: k.margin,
    borderline: k.borderline,
  }
}

/** "33/60 55.00%", or "—". */
export const shareText = (s: ShareView | null): string => (s === null ? '—' : `${s.numerator}/${s.denominator} ${s.percent}%`)

export const marginCell = (s: ShareView | null, l: ExportLabels): string =>
  s === null || s.margin === null ? '—' : s.borderline ? `${s.margin} ${l.borderline}` : String(s.margin)

/**
 * A column of vote shares in the tables and a bar in the chart: one for each set of marks
 * the policy's share rules count (优秀+称职, 不称职 …), in the order of the grades, as the
 * tally columns are; with the rules over that set, in the policy's order.
 */
export interface ShareColumn {
  marks: Mark[]
  rules: ShareRuleDoc[]
  /** Where its rules start in `displayRules` (a column's rules come one after another there). */
  first: number
}

const marksKey = (marks: readonly Mark[]): number[] => markOrder(marks).map((m) => MARKS.indexOf(m))
const compareKeys = (a: number[], b: number[]): number => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return a.length - b.length
}

const columnsMade = new WeakMap<ReportDoc['policy'], ShareColumn[]>()

/** The share columns of a report, from the policy's share rules (the same list every renderer reads). */
export const shareColumns = (doc: Pick<ReportDoc, 'policy'>): ShareColumn[] => {
  let cols = columnsMade.get(doc.policy)
  if (cols === undefined) {
    const byKey = new Map<string, ShareColumn>()
    for (const r of doc.policy.shareRules) {
      const key = marksKey(r.marks).join(',')
      const col = byKey.get(key)
      if (col === undefined) byKey.set(key, { marks: markOrder(r.marks), rules: [r], first: 0 })
      else col.rules.push(r)
    }
    cols = [...byKey.values()].sort((a, b) => compareKeys(marksKey(a.marks), marksKey(b.marks)))
    let first = 0
    for (const col of cols) {
      col.first = first
      first += col.rules.length
    }
    columnsMade.set(doc.policy, cols)
  }
  return cols
}

const rulesMade = new WeakMap<ReportDoc['policy'], ShareRuleDoc[]>()

/** The share rules in the order the tables show them: column by column, then as the policy lists them. */
export const displayRules = (doc: Pick<ReportDoc, 'policy'>): ShareRuleDoc[] => {
  let rules = rulesMade.get(doc.policy)
  if (rules === undefined) rulesMade.set(doc.policy, (rules = shareColumns(doc).flatMap((c) => c.rules)))
  return rules
}

/** A column's share for a cadre: the numbers of the first of its rules that was checked. */
export const columnShare = (c: CadreDoc, col: ShareColumn): ShareView | null => {
  for (const r of col.rules) {
    const s = shareOf(c, r.id)
    if (s !== null) return s
  }
  return null
}

/** "边距 (2/3 | 1/3)": the margin column's head, the shares of the rules in display order. */
export const marginHead = (doc: Pick<ReportDoc, 'policy'>, margin: string): string => `${margin} (${displayRules(doc).map((r) => r.share).join(' | ')})`

/** "1 临界 | 15": a cadre's margins, rule by rule in display order. */
export const marginsCell = (doc: Pick<ReportDoc, 'policy'>, c: CadreDoc, l: ExportLabels): string =>
  displayRules(doc).map((r) => marginCell(shareOf(c, r.id), l)).join(' | ')

/** A finding as every renderer lists it. */
export interface FindingView {
  rule: string
  item: number
  text: string
  marginText: string | null
  borderline: boolean
}

export const findingsOf = (c: CadreDoc): FindingView[] =>
  c.findings.map((f) => ({ rule: f.rule, item: f.item, text: f.text, marginText: f.marginText, borderline: f.borderline }))

/** Findings of item 5 (personal-matter reports), for their own section or sheet. */
export const personalFindings = (doc: ReportDoc): Array<{ cadre: CadreDoc; finding: FindingView }> => [...personalFindingsOf(doc.cadres)]

/** `personalFindings` of cadres as they come (a streamed report). */
export function* personalFindingsOf(cadres: Iterable<CadreDoc>): Generator<{ cadre: CadreDoc; finding: FindingView }> {
  for (const cadre of cadres) for (const finding of findingsOf(cadre)) if (finding.item === 5) yield { cadre, finding }
}

/** The checks that did not fire, with their text: the "why not" an auditor asks for. */
export const quietChecks = (c: CadreDoc): CheckDoc[] => c.checks.filter((k) => !k.fired)

/** The rationale in one line: every finding's text, then the notes. */
export const rationale = (c: CadreDoc, d: Pick<Dict, 'punct'>): string => [...c.findings.map((f) => f.text), ...c.notes.map((n) => n.label)].join(d.punct.semicolon)

/** "40 名干部：免职… 3；组织调整 4" — the counts by disposition, non-zero ones only. */
export const dispositionCounts = (doc: Pick<ReportDoc, 'summary'>, d: Dict): Array<{ code: string; label: string; n: number }> =>
  doc.summary.byDisposition === null
    ? []
    : Object.entries(doc.summary.byDisposition)
        .filter(([, n]) => n > 0)
        .map(([code, n]) => ({ code, label: d.disposition[code as 'none'], n }))

export const title = (doc: Pick<ReportDoc, 'command'>, l: ExportLabels): string => (doc.command === 'assess' ? l.reportTitle : l.tallyTitle)

export const generatedBy = (doc: Pick<ReportDoc, 'tool' | 'policy'>, l: ExportLabels): string =>
  fill(l.generatedBy, { version: doc.tool.version, policy: doc.policy.id, policyVersion: doc.policy.version })

/** The key/value rows of the audit block (HTML, Markdown, XLSX 审计信息). */
export const auditRows = (doc: Pick<ReportDoc, 'tool' | 'command' | 'lang' | 'policy' | 'summary'>, d: Dict, l: ExportLabels): Array<[string, string]> => {
  const rules = displayRules(doc)
  return [
    [l.tool, `${doc.tool.name} ${doc.tool.version}`],
    [l.command, doc.command],
    [l.lang, doc.lang],
    [l.policy, doc.policy.id],
    [l.policyVersion, doc.policy.version],
    [l.policySha, doc.policy.sha256],
    [l.denominatorBasis, `${doc.policy.denominator} (${d.basis[doc.policy.denominator as 'valid'] ?? doc.policy.denominator})`],
    [fill(l.thresholds, { items: itemsOf(doc, d) }), rules.map((r) => `${ruleName(doc, d, r.id)}${d.lang === 'en' ? ': ' : '：'}${marksColumnOf(d, r)} ${d.comparison[r.comparison]} ${r.share}`).join(d.lang === 'en' ? '; ' : '；') || '—'],
    [l.summaryCadres, String(doc.summary.cadres)],
    [l.rowsRead, String(doc.summary.rowsRead)],
    [l.rowsCounted, String(doc.summary.rowsCounted)],
    [l.rowsInIssues, String(doc.summary.rowsInIssues)],
  ]
}

const marksColumnOf = (d: Dict, r: ShareRuleDoc): string => marksColumn(d, r.marks)

/** The items of the Opinion the share rules apply: 第9项 / item 9. */
export const itemsOf = (doc: Pick<ReportDoc, 'policy'>, d: Dict): string =>
  d.share.items([...new Set(displayRules(doc).map((r) => r.item))].sort((a, b) => a - b))

/** Issues a person reads in a report: the first few, and how many more are in the JSON/XLSX. */
export const REPORT_ISSUE_LIMIT = 200

/**
 * A rule's name in the report's language, for the places that show it beside (not instead
 * of) its id: a share rule's short name (不胜任) or its policy label or its words, a fixed
 * rule's catalog text, the advisory checks' names; an unknown id stays itself.
 */
export const ruleName = (doc: Pick<ReportDoc, 'policy'>, d: Dict, id: string): string => {
  const r = doc.policy.shareRules.find((x) => x.id === id)
  if (r !== undefined) return Object.hasOwn(d.share.names, id) ? d.share.names[id]! : (r.label ?? shareLabel(d, r))
  if ((FIXED_RULE_IDS as readonly string[]).includes(id)) return d.rule[id as FixedRuleId]
  const w = reportWords(d.lang)
  return Object.hasOwn(w.ruleNames, id) ? w.ruleNames[id]! : id
}
