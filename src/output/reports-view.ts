import type { ChalkInstance } from 'chalk'
import type {
  DutyStatementComputation,
  FindingsComputation,
  ReportCategoriesComputation,
  ReportDateComputation,
  ReportPresenceComputation,
} from '../core/model.js'
import type { Dict, Lang } from '../i18n/index.js'
import { ITEM5_UI } from '../i18n/item5.js'
import { csvLine, dispositionCells, yesNo } from './csv.js'
import { fitLine, type FitStep } from './fit.js'
import { CSV_COLUMNS } from '../i18n/csv-columns.js'
import { type CadreDoc, needsAction, type ReportDoc } from './report.js'
import { details, fittedTableText, issueLines, paint, summaryLine } from './table.js'

/** What the item-5 checks of one cadre say, read back from the report document. */
export interface Item5Summary {
  report: 'filed' | 'not-filed' | 'not-required' | null
  unanswered: string[] | null
  date: string | null
  deadline: string | null
  late: boolean | null
  findings: number | null
  serious: number | null
  duty: boolean | null
}

export const item5Summary = (c: CadreDoc): Item5Summary => {
  const get = <T>(rule: string) => {
    const k = c.checks.find((x) => x.rule === rule)
    return k ? { fired: k.fired, c: k.computation as unknown as T } : undefined
  }
  const missing = get<ReportPresenceComputation>('item5-report-missing')
  const incomplete = get<ReportCategoriesComputation>('item5-report-incomplete')
  const late = get<ReportDateComputation>('item5-report-late')
  const found = get<FindingsComputation>('item5-unreported-finding')
  const serious = get<FindingsComputation>('item5-serious')
  const duty = get<DutyStatementComputation>('item5-duty-statement')
  return {
    report: missing ? (!missing.c.required ? 'not-required' : missing.c.present ? 'filed' : 'not-filed') : incomplete ? 'filed' : null,
    unanswered: incomplete ? incomplete.c.unanswered.map((u) => u.label) : null,
    date: late?.c.date ?? incomplete?.c.date ?? null,
    deadline: late?.c.deadline ?? null,
    late: late ? late.fired : null,
    findings: found ? found.c.total : null,
    serious: serious ? serious.c.findings.length : null,
    duty: duty ? duty.c.given : null,
  }
}

/** `kaohe reports` on a terminal: one line per cadre, then the cadres needing action with their reasons. */
export const renderReportsTable = (doc: ReportDoc, d: Dict, color: ChalkInstance, width = Infinity): string => {
  const u = d.ui
  const v = ITEM5_UI[doc.lang as Lang] ?? ITEM5_UI.zh
  const head = [u.id, u.name, u.unit, u.post, v.report, v.unanswered, v.reportDate, v.findings, v.dutyStatement, u.disposition]
  const rows: string[][] = []
  const label = { filed: v.filed, 'not-filed': v.notFiled, 'not-required': v.notRequired }
  for (const c of doc.cadres) {
    const s = item5Summary(c)
    const report = s.report === null ? '—' : s.report === 'not-filed' ? color.cyan(label[s.report]) : label[s.report]
    const unanswered = s.unanswered === null ? '—' : s.unanswered.length === 0 ? v.allAnswered : color.cyan(d.list(s.unanswered))
    const date = s.date === null ? '—' : s.late ? color.cyan(`${s.date} ${v.late}`) : s.date
    const findings = s.findings === null ? '—' : s.serious ? color.magenta(`${s.findings} (${v.serious} ${s.serious})`) : String(s.findings)
    const duty = s.duty === null ? '—' : s.duty ? v.yes : color.cyan(v.no)
    const disp = c.disposition ? paint(c.disposition.code, c.disposition.label, color) : '—'
    rows.push([c.id, c.name, c.unit, c.post, report, unanswered, date, findings, duty, disp])
  }
  // Narrower than the terminal: 职务, 单位, 报告日期, 述职述廉 left out, then unanswered categories, names and recommendations cut.
  const steps: FitStep[] = [{ drop: [3] }, { drop: [2] }, { drop: [6] }, { drop: [8] }, { cut: [5, 1, 9, 7], floor: 6 }]
  const out = [`${u.policy}: ${doc.policy.id} ${doc.policy.version}  ${v.title}`, fittedTableText(head, rows, width, steps)]
  const acting = doc.cadres.filter(needsAction)
  if (acting.length > 0) {
    out.push('', color.bold(`${u.needsAction} (${acting.length})`))
    for (const c of acting) out.push(...details(c, d, color))
  }
  out.push('', summaryLine(doc, d), ...issueLines(doc, d, color), '', u.disclaimer)
  return `${out.flatMap((l) => l.split('\n').flatMap((x) => fitLine(x, width))).join('\n')}\n`
}

/** `kaohe reports --format csv`: one row per cadre, the item-5 state, the disposition and why (the language's column set, csv-columns.ts). */
export const renderReportsCsv = (doc: ReportDoc, d: Dict): string => {
  const w = CSV_COLUMNS[d.lang]
  const head = [
    w.id, w.name, w.unit, w.post,
    w.report, w.unansweredCount, w.unanswered, w.reportDate, w.deadline, w.late, w.findings, w.serious, w.dutyStatement,
    w.dispositionCode, w.disposition, w.basis, w.options, w.prerequisites, w.rationale,
  ]
  const lines = [csvLine(head)]
  for (const c of doc.cadres) {
    const s = item5Summary(c)
    lines.push(
      csvLine([
        c.id, c.name, c.unit, c.post,
        s.report === null ? null : w.reportValue[s.report], s.unanswered?.length ?? null, s.unanswered ? d.list(s.unanswered) : null, s.date, s.deadline, yesNo(s.late, w), s.findings, s.serious, yesNo(s.duty, w),
        ...dispositionCells(c, d),
      ]),
    )
  }
  return `${lines.join('\r\n')}\r\n`
}
