import type { Dict } from '../i18n/index.js'
import { fill } from '../i18n/index.js'
import type { ExportLabels } from '../i18n/export-labels.js'
import { needsAction, type ReportDoc } from './report.js'
import { linesEscaped } from './terminal.js'
import {
  auditRows,
  dispositionCounts,
  findingsOf,
  columnShare,
  generatedBy,
  marginHead,
  marginsCell,
  personalFindings,
  REPORT_ISSUE_LIMIT,
  shareColumns,
  shareText,
  ruleName,
  title,
} from './view.js'
import { marksColumn } from '../i18n/share-words.js'
import { historyWords } from '../i18n/history-words.js'
import { persistentNotes, reappointable } from './history-view.js'

/**
 * Text made inert in Markdown: no line breaks; every character that could open markup
 * (emphasis, code, links, tables, headings, HTML tags, entities) escaped with a backslash,
 * and a block marker at the start of a line too. Plain comparisons such as "39/60 < 2/3"
 * stay readable.
 */
export const mdText = (s: string): string => mdCell(s).replace(/^(\s*)([>+=-])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2')

/** The same inside a table cell, where no line starts. */
const mdCell = (s: string): string => s.replace(/[\r\n\t]+/g, ' ').replace(/[\\`*_[\]|~#]|<(?=[A-Za-z/!?])|&(?=#?\w+;)/g, '\\$&')

const row = (cells: string[]): string => `| ${cells.map(mdCell).join(' | ')} |`
const table = (head: string[], rows: string[][]): string[] => [row(head), `|${head.map(() => '---').join('|')}|`, ...rows.map(row)]

/** The report a person reads: summary, then the cadres needing action with rationale and margin. */
export const renderMarkdown = (doc: ReportDoc, d: Dict, l: ExportLabels): string => {
  const u = d.ui
  const assess = doc.command === 'assess'
  const out: string[] = [`# ${mdText(title(doc, l))}`, '', mdText(generatedBy(doc, l)), '', `## ${mdText(l.summary)}`, '']
  const counts = dispositionCounts(doc, d).map((c) => `${c.label} ${c.n}`)
  out.push(`- ${mdText(`${doc.summary.cadres} ${u.cadres}${counts.length > 0 ? `${d.punct.colon}${counts.join(d.punct.semicolon)}` : ''}`)}`)
  if (doc.summary.borderline > 0) out.push(`- ${mdText(`${u.borderline} ${doc.summary.borderline}`)}`)
  const s = doc.summary
  out.push(`- ${mdText(`${u.rowsRead} ${s.rowsRead} = ${u.rowsCounted} ${s.rowsCounted} + ${u.rowsInIssues} ${s.rowsInIssues}`)}`)

  if (assess) {
    const acting = doc.cadres.filter(needsAction)
    out.push('', `## ${mdText(`${u.needsAction}${d.punct.paren(String(acting.length))}`)}`)
    for (const c of acting) {
      const disp = c.disposition!
      out.push('', `### ${mdText(`${c.id} ${c.name} — ${disp.label}`)}`, '')
      if (c.unit || c.post) out.push(mdText([c.unit, c.post].filter(Boolean).join(' ')), '')
      for (const n of c.notes) out.push(`- ${mdText(n.label)}`)
      for (const f of findingsOf(c)) {
        out.push(`- ${mdText(f.text)}`)
        if (f.marginText) out.push(`  - ${mdText(`${l.margin}${d.punct.colon}${f.marginText}${f.borderline ? d.punct.paren(l.borderline) : ''}`)}`)
      }
      // Earlier years (第9项): whether this year's finding is a single year's.
      for (const a of persistentNotes(c)) {
        out.push(`- ${mdText(a.text)}`)
        if (a.marginText) out.push(`  - ${mdText(`${l.margin}${d.punct.colon}${a.marginText}`)}`)
      }
      if (disp.options.length > 0) out.push(`- ${mdText(`${u.options}${d.punct.colon}${disp.options.map((o) => o.label).join(d.punct.semicolon)}`)}`)
      if (disp.prerequisites.length > 0) {
        out.push(`- ${mdText(u.prerequisites)}${d.punct.colon.trimEnd()}`)
        for (const p of disp.prerequisites) out.push(`  - ${mdText(p.label)}`)
      }
    }
  }

  if (assess) out.push(...reappointMd(doc, d))

  out.push('', `## ${mdText(l.allCadres)}`, '')
  const cols = shareColumns(doc)
  const head = [u.id, u.name, u.unit, u.post, ...cols.map((col) => marksColumn(d, col.marks)), u.denominator]
  if (cols.length > 0) head.push(marginHead(doc, u.margin))
  if (assess) head.push(u.disposition)
  const rows = doc.cadres.map((c) => {
    const r = [c.id, c.name, c.unit, c.post]
    cols.forEach((col, i) => r.push(c.tally === null && i === 0 ? u.noData : shareText(columnShare(c, col))))
    if (c.tally === null && cols.length === 0) r.push(u.noData)
    else r.push(c.tally?.denominator == null ? '—' : `${c.tally.denominator} ${d.basis[c.tally.denominatorBasis as 'valid'] ?? c.tally.denominatorBasis}`)
    if (cols.length > 0) r.push(marginsCell(doc, c, l))
    if (assess) r.push(c.disposition?.label ?? '—')
    return r
  })
  out.push(...table(head, rows))

  if (assess) {
    const personal = personalFindings(doc)
    out.push('', `## ${mdText(l.personal)}`, '')
    if (personal.length === 0) out.push(mdText(l.personalNone))
    else out.push(...table([u.id, u.name, u.unit, l.rules, l.finding], personal.map(({ cadre, finding }) => [cadre.id, cadre.name, cadre.unit, ruleName(doc, d, finding.rule), finding.text])))
  }

  out.push('', `## ${mdText(`${u.issues}${d.punct.paren(String(doc.summary.rowsInIssues))}`)}`, '')
  if (doc.issues.length === 0) out.push(mdText(l.issuesNone))
  for (const i of doc.issues.slice(0, REPORT_ISSUE_LIMIT)) out.push(`- ${mdText(`${d.where(i.file, i.row, i.column, i.columnName)}${d.punct.colon}${i.message}`)}`)
  const more = doc.issues.length - REPORT_ISSUE_LIMIT + doc.summary.issuesOmitted
  if (more > 0) out.push(`- ${mdText(fill(u.andMore, { n: more }))}`)

  out.push('', `## ${mdText(l.audit)}`, '')
  out.push(...table([l.key, l.content], auditRows(doc, d, l)))
  out.push('', `### ${mdText(l.inputs)}`, '')
  out.push(...table([l.path, l.kind, l.sha256, l.rows, l.format, l.encoding, l.shape], doc.inputs.map((i) => [i.path, i.kind, i.sha256, String(i.rows), i.format, i.encoding, i.shape ?? '—'])))
  out.push('', mdText(l.auditNote))
  if (assess) out.push('', `> ${mdText(u.disclaimer)}`)
  // Last, whatever a terminal would act on (ESC, BEL, an OSC 8 link, a bidi override) becomes a
  // visible escape: a report is read with `cat` too. Its line breaks are its own.
  return linesEscaped(`${out.join('\n')}\n`)
}

/** 第10项 (`--history`): the cadres for whom re-appointment may be considered. */
const reappointMd = (doc: ReportDoc, d: Dict): string[] => {
  const cadres = doc.cadres.filter((c) => reappointable(c) !== undefined)
  if (cadres.length === 0) return []
  const out = ['', `## ${mdText(`${historyWords(d.lang).reappointmentSection}${d.punct.paren(String(cadres.length))}`)}`]
  for (const c of cadres) {
    const a = reappointable(c)!
    out.push('', `### ${mdText(`${c.id} ${c.name}`)}`, '', `- ${mdText(a.text)}`)
    out.push(`- ${mdText(`${d.ui.options}${d.punct.colon}${a.options.map((o) => o.label).join(d.punct.semicolon)}`)}`)
    out.push(`- ${mdText(d.ui.prerequisites)}${d.punct.colon.trimEnd()}`)
    for (const p of a.prerequisites) out.push(`  - ${mdText(p.label)}`)
  }
  return out
}
