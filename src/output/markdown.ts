import type { Dict } from '../i18n/index.js'
import { fill } from '../i18n/index.js'
import type { ExportLabels } from '../i18n/export-labels.js'
import { type DocStream, docStreamOfDoc, needsAction, type ReportDoc } from './report.js'
import { linesEscaped } from './terminal.js'
import {
  auditRows,
  dispositionCounts,
  findingsOf,
  columnShare,
  generatedBy,
  marginHead,
  marginsCell,
  personalFindingsOf,
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
const tableHead = (head: string[]): string[] => [row(head), `|${head.map(() => '---').join('|')}|`]
const table = (head: string[], rows: string[][]): string[] => [...tableHead(head), ...rows.map(row)]

/** The report a person reads: summary, then the cadres needing action with rationale and margin. */
export const renderMarkdown = (doc: ReportDoc, d: Dict, l: ExportLabels): string => [...markdownPieces(docStreamOfDoc(doc), d, l)].join('')

/**
 * `renderMarkdown`'s text in pieces, a line at a time, from a report taken in pieces: its
 * cadres are taken once for those needing action, once for the table of every cadre, once
 * for the personal-matter findings (assess), and twice more for re-appointment with
 * `--history` — none is kept.
 */
export function* markdownPieces(ds: DocStream, d: Dict, l: ExportLabels): Generator<string> {
  // Whatever a terminal would act on (ESC, BEL, an OSC 8 link, a bidi override) becomes a
  // visible escape, line by line: a report is read with `cat` too. Its line breaks are its own.
  for (const line of markdownLines(ds, d, l)) yield linesEscaped(`${line}\n`)
}

function* markdownLines(ds: DocStream, d: Dict, l: ExportLabels): Generator<string> {
  const doc = { ...ds.head, summary: ds.summary(), issues: ds.issues() }
  const u = d.ui
  const assess = doc.command === 'assess'
  yield* [`# ${mdText(title(doc, l))}`, '', mdText(generatedBy(doc, l)), '', `## ${mdText(l.summary)}`, '']
  const counts = dispositionCounts(doc, d).map((c) => `${c.label} ${c.n}`)
  yield `- ${mdText(`${doc.summary.cadres} ${u.cadres}${counts.length > 0 ? `${d.punct.colon}${counts.join(d.punct.semicolon)}` : ''}`)}`
  if (doc.summary.borderline > 0) yield `- ${mdText(`${u.borderline} ${doc.summary.borderline}`)}`
  const s = doc.summary
  yield `- ${mdText(`${u.rowsRead} ${s.rowsRead} = ${u.rowsCounted} ${s.rowsCounted} + ${u.rowsInIssues} ${s.rowsInIssues}`)}`

  if (assess) {
    // Every cadre of `assess` has a disposition: those needing action are all but "none".
    const acting = s.cadres - (s.byDisposition?.none ?? 0)
    yield* ['', `## ${mdText(`${u.needsAction}${d.punct.paren(String(acting))}`)}`]
    for (const c of ds.cadres()) {
      if (!needsAction(c)) continue
      const disp = c.disposition!
      yield* ['', `### ${mdText(`${c.id} ${c.name} — ${disp.label}`)}`, '']
      if (c.unit || c.post) yield* [mdText([c.unit, c.post].filter(Boolean).join(' ')), '']
      for (const n of c.notes) yield `- ${mdText(n.label)}`
      for (const f of findingsOf(c)) {
        yield `- ${mdText(f.text)}`
        if (f.marginText) yield `  - ${mdText(`${l.margin}${d.punct.colon}${f.marginText}${f.borderline ? d.punct.paren(l.borderline) : ''}`)}`
      }
      // Earlier years (第9项): whether this year's finding is a single year's.
      for (const a of persistentNotes(c)) {
        yield `- ${mdText(a.text)}`
        if (a.marginText) yield `  - ${mdText(`${l.margin}${d.punct.colon}${a.marginText}`)}`
      }
      if (disp.options.length > 0) yield `- ${mdText(`${u.options}${d.punct.colon}${disp.options.map((o) => o.label).join(d.punct.semicolon)}`)}`
      if (disp.prerequisites.length > 0) {
        yield `- ${mdText(u.prerequisites)}${d.punct.colon.trimEnd()}`
        for (const p of disp.prerequisites) yield `  - ${mdText(p.label)}`
      }
    }
  }

  if (assess) yield* reappointMd(ds, d)

  yield* ['', `## ${mdText(l.allCadres)}`, '']
  const cols = shareColumns(doc)
  const head = [u.id, u.name, u.unit, u.post, ...cols.map((col) => marksColumn(d, col.marks)), u.denominator]
  if (cols.length > 0) head.push(marginHead(doc, u.margin))
  if (assess) head.push(u.disposition)
  yield* tableHead(head)
  for (const c of ds.cadres()) {
    const r = [c.id, c.name, c.unit, c.post]
    cols.forEach((col, i) => r.push(c.tally === null && i === 0 ? u.noData : shareText(columnShare(c, col))))
    if (c.tally === null && cols.length === 0) r.push(u.noData)
    else r.push(c.tally?.denominator == null ? '—' : `${c.tally.denominator} ${d.basis[c.tally.denominatorBasis as 'valid'] ?? c.tally.denominatorBasis}`)
    if (cols.length > 0) r.push(marginsCell(doc, c, l))
    if (assess) r.push(c.disposition?.label ?? '—')
    yield row(r)
  }

  if (assess) {
    yield* ['', `## ${mdText(l.personal)}`, '']
    let any = false
    for (const { cadre, finding } of personalFindingsOf(ds.cadres())) {
      if (!any) yield* tableHead([u.id, u.name, u.unit, l.rules, l.finding])
      any = true
      yield row([cadre.id, cadre.name, cadre.unit, ruleName(doc, d, finding.rule), finding.text])
    }
    if (!any) yield mdText(l.personalNone)
  }

  yield* ['', `## ${mdText(`${u.issues}${d.punct.paren(String(doc.summary.rowsInIssues))}`)}`, '']
  if (doc.issues.length === 0) yield mdText(l.issuesNone)
  for (const i of doc.issues.slice(0, REPORT_ISSUE_LIMIT)) yield `- ${mdText(`${d.where(i.file, i.row, i.column, i.columnName)}${d.punct.colon}${i.message}`)}`
  const more = doc.issues.length - REPORT_ISSUE_LIMIT + doc.summary.issuesOmitted
  if (more > 0) yield `- ${mdText(fill(u.andMore, { n: more }))}`

  yield* ['', `## ${mdText(l.audit)}`, '']
  yield* table([l.key, l.content], auditRows(doc, d, l))
  yield* ['', `### ${mdText(l.inputs)}`, '']
  yield* table([l.path, l.kind, l.sha256, l.rows, l.format, l.encoding, l.shape], doc.inputs.map((i) => [i.path, i.kind, i.sha256, String(i.rows), i.format, i.encoding, i.shape ?? '—']))
  yield* ['', mdText(l.auditNote)]
  if (assess) yield* ['', `> ${mdText(u.disclaimer)}`]
}

/** 第10项 (`--history`): the cadres for whom re-appointment may be considered. */
function* reappointMd(ds: DocStream, d: Dict): Generator<string> {
  // Only earlier years make a cadre re-appointable: without them, no pass over the cadres.
  if (ds.head.history === undefined) return
  let count = 0
  for (const c of ds.cadres()) if (reappointable(c) !== undefined) count++
  if (count === 0) return
  yield* ['', `## ${mdText(`${historyWords(d.lang).reappointmentSection}${d.punct.paren(String(count))}`)}`]
  for (const c of ds.cadres()) {
    const a = reappointable(c)
    if (a === undefined) continue
    yield* ['', `### ${mdText(`${c.id} ${c.name}`)}`, '', `- ${mdText(a.text)}`]
    yield `- ${mdText(`${d.ui.options}${d.punct.colon}${a.options.map((o) => o.label).join(d.punct.semicolon)}`)}`
    yield `- ${mdText(d.ui.prerequisites)}${d.punct.colon.trimEnd()}`
    for (const p of a.prerequisites) yield `  - ${mdText(p.label)}`
  }
}
