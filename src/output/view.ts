import type { Dict } from '../i18n/index.js'
import { fill } from '../i18n/index.js'
import type { ExportLabels } from '../i18n/export-labels.js'
import type { CadreDoc, CheckDoc, ReportDoc } from './report.js'

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

export const UNFIT = 'item9-unfit'
export const INCOMPETENT = 'item9-incompetent'

/** "33/60 55.00%", or "—". */
export const shareText = (s: ShareView | null): string => (s === null ? '—' : `${s.numerator}/${s.denominator} ${s.percent}%`)

export const marginCell = (s: ShareView | null, l: ExportLabels): string =>
  s === null || s.margin === null ? '—' : s.borderline ? `${s.margin} ${l.borderline}` : String(s.margin)

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
export const personalFindings = (doc: ReportDoc): Array<{ cadre: CadreDoc; finding: FindingView }> =>
  doc.cadres.flatMap((cadre) => findingsOf(cadre).filter((f) => f.item === 5).map((finding) => ({ cadre, finding })))

/** The checks that did not fire, with their text: the "why not" an auditor asks for. */
export const quietChecks = (c: CadreDoc): CheckDoc[] => c.checks.filter((k) => !k.fired)

/** The rationale in one line: every finding's text, then the notes. */
export const rationale = (c: CadreDoc): string => [...c.findings.map((f) => f.text), ...c.notes.map((n) => n.label)].join('；')

/** "40 名干部：免职… 3；组织调整 4" — the counts by disposition, non-zero ones only. */
export const dispositionCounts = (doc: ReportDoc, d: Dict): Array<{ code: string; label: string; n: number }> =>
  doc.summary.byDisposition === null
    ? []
    : Object.entries(doc.summary.byDisposition)
        .filter(([, n]) => n > 0)
        .map(([code, n]) => ({ code, label: d.disposition[code as 'none'], n }))

export const title = (doc: ReportDoc, l: ExportLabels): string => (doc.command === 'assess' ? l.reportTitle : l.tallyTitle)

export const generatedBy = (doc: ReportDoc, l: ExportLabels): string =>
  fill(l.generatedBy, { version: doc.tool.version, policy: doc.policy.id, policyVersion: doc.policy.version })

/** The key/value rows of the audit block (HTML, Markdown, XLSX 审计信息). */
export const auditRows = (doc: ReportDoc, d: Dict, l: ExportLabels): Array<[string, string]> => {
  const t = doc.policy.thresholds
  return [
    [l.tool, `${doc.tool.name} ${doc.tool.version}`],
    [l.command, doc.command],
    [l.lang, doc.lang],
    [l.policy, doc.policy.id],
    [l.policyVersion, doc.policy.version],
    [l.policySha, doc.policy.sha256],
    [l.denominatorBasis, `${doc.policy.denominator} (${d.basis[doc.policy.denominator as 'valid'] ?? doc.policy.denominator})`],
    [
      l.thresholds,
      `${UNFIT} ${d.comparison[t.unfit.comparison as 'below']} ${t.unfit.share}; ${INCOMPETENT} ${d.comparison[t.incompetent.comparison as 'above']} ${t.incompetent.share}`,
    ],
    [l.summaryCadres, String(doc.summary.cadres)],
    [l.rowsRead, String(doc.summary.rowsRead)],
    [l.rowsCounted, String(doc.summary.rowsCounted)],
    [l.rowsInIssues, String(doc.summary.rowsInIssues)],
  ]
}

/** Issues a person reads in a report: the first few, and how many more are in the JSON/XLSX. */
export const REPORT_ISSUE_LIMIT = 200
