import type { ChalkInstance } from 'chalk'
import { createRequire } from 'node:module'
import Table from 'cli-table3'
import type { Dict } from '../i18n/index.js'
import { fill } from '../i18n/index.js'
import { type CadreDoc, type CheckDoc, needsAction, type ReportDoc } from './report.js'

const shareCell = (k: CheckDoc | undefined): string => {
  if (!k) return '—'
  const c = k.computation
  return `${c.numerator}/${c.denominator} ${c.percent}%`
}

const marginCell = (k: CheckDoc | undefined, d: Dict, color: ChalkInstance): string => {
  if (!k) return '—'
  const m = k.margin === null ? '—' : String(k.margin)
  return k.borderline ? color.bold(`${m} ${d.ui.borderline}`) : m
}

/** cli-table3's own measure of a cell (East Asian wide characters count two, colour codes none). */
const { strlen } = createRequire(import.meta.url)('cli-table3/src/utils') as { strlen: (s: string) => number }

/** Rows per cli-table3 table: it lays a table out in time quadratic in its rows. */
export const TABLE_CHUNK = 1000

/**
 * The table's text. cli-table3 takes half an hour over 100,000 rows (its layout is
 * quadratic), so a big table is drawn in chunks, all with the widths of the whole table,
 * and joined where a chunk's bottom border meets the next one's top: the same text as one
 * table (compact style: no lines between rows).
 */
export const tableText = (head: string[], rows: string[][], chunk = TABLE_CHUNK): string => {
  const style = { head: [], border: [], compact: true }
  if (rows.length <= chunk) {
    const table = new Table({ head, style })
    table.push(...rows)
    return table.toString()
  }
  // cli-table3's width: the widest cell, plus one space of padding on each side.
  const colWidths = head.map((h) => strlen(h) + 2)
  for (const row of rows) row.forEach((cell, i) => (colWidths[i] = Math.max(colWidths[i] ?? 0, strlen(cell) + 2)))
  const parts: string[] = []
  for (let at = 0; at < rows.length; at += chunk) {
    const table = new Table({ head: at === 0 ? head : [], colWidths, style })
    table.push(...rows.slice(at, at + chunk))
    const lines = table.toString().split('\n')
    if (at > 0) lines.shift()
    if (at + chunk < rows.length) lines.pop()
    parts.push(lines.join('\n'))
  }
  return parts.join('\n')
}

export const paint = (code: string, text: string, color: ChalkInstance): string => {
  switch (code) {
    case 'dismissal':
      return color.red.bold(text)
    case 'adjustment':
      return color.yellow.bold(text)
    case 'organizational-handling':
      return color.magenta.bold(text)
    case 'admonishment':
      return color.cyan(text)
    case 'withheld':
    case 'data-incomplete':
      return color.magenta(text)
    default:
      return text
  }
}

/**
 * The terminal table: aligned with Chinese text (cli-table3 measures East Asian wide
 * characters), its borders uncoloured (cli-table3 colours them itself unless told not to).
 */
export const renderTable = (doc: ReportDoc, d: Dict, color: ChalkInstance): string => {
  const u = d.ui
  const assess = doc.command === 'assess'
  const head = [u.id, u.name, u.unit, u.post, u.unfitShare, u.incompetentShare, u.denominator, `${u.margin} (2/3 | 1/3)`]
  if (assess) head.push(u.disposition)
  const rows: string[][] = []
  for (const c of doc.cadres) {
    const unfit = c.checks.find((k) => k.rule === 'item9-unfit')
    const inc = c.checks.find((k) => k.rule === 'item9-incompetent')
    const row = [
      c.id,
      c.name,
      c.unit,
      c.post,
      c.tally === null ? d.ui.noData : unfit?.fired ? color.yellow(shareCell(unfit)) : shareCell(unfit),
      inc?.fired ? color.red(shareCell(inc)) : shareCell(inc),
      c.tally?.denominator === null || c.tally === null ? '—' : `${c.tally.denominator} ${d.basis[c.tally.denominatorBasis as 'valid']}`,
      `${marginCell(unfit, d, color)} | ${marginCell(inc, d, color)}`,
    ]
    if (assess && c.disposition) row.push(paint(c.disposition.code, c.disposition.label, color))
    rows.push(row)
  }
  const out: string[] = [
    `${u.policy}: ${doc.policy.id} ${doc.policy.version}  (${d.basis[doc.policy.denominator as 'valid']})`,
    tableText(head, rows),
  ]
  if (assess) {
    const acting = doc.cadres.filter(needsAction)
    if (acting.length > 0) {
      out.push('', color.bold(`${u.needsAction} (${acting.length})`))
      for (const c of acting) out.push(...details(c, d, color))
    }
  }
  out.push('', summaryLine(doc, d), ...issueLines(doc, d, color))
  if (assess) out.push('', u.disclaimer)
  return `${out.join('\n')}\n`
}

export const details = (c: CadreDoc, d: Dict, color: ChalkInstance): string[] => {
  const disp = c.disposition!
  const lines = [``, `${color.bold(`${c.id} ${c.name}`)}  ${c.unit} ${c.post}  → ${paint(disp.code, disp.label, color)}`]
  for (const n of c.notes) lines.push(`  · ${n.label}`)
  for (const f of c.findings) {
    lines.push(`  · ${f.text}`)
    if (f.marginText) lines.push(`    ${f.borderline ? color.bold(f.marginText) : f.marginText}`)
  }
  if (disp.options.length > 0) lines.push(`  ${d.ui.options}: ${disp.options.map((o) => o.label).join('；')}`)
  for (const p of disp.prerequisites) lines.push(`  ${d.ui.prerequisites}: ${p.label}`)
  return lines
}

/** The data issues, the first 50 of them, under a heading. */
export const issueLines = (doc: ReportDoc, d: Dict, color: ChalkInstance): string[] => {
  if (doc.issues.length === 0) return []
  const out = ['', color.bold(`${d.ui.issues} (${doc.issues.length + doc.summary.issuesOmitted})`)]
  for (const i of doc.issues.slice(0, 50)) {
    const tag = i.severity === 'notice' ? d.ui.notice : d.ui.errorHeader
    out.push(`  [${tag}] ${d.where(i.file, i.row, i.column, i.columnName)}: ${i.message}`)
  }
  const more = doc.issues.length - 50 + doc.summary.issuesOmitted
  if (more > 0) out.push(`  ${fill(d.ui.andMore, { n: more })}`)
  return out
}

export const summaryLine = (doc: ReportDoc, d: Dict): string => {
  const s = doc.summary
  const u = d.ui
  const parts = [`${u.summary}: ${s.cadres} ${u.cadres}`]
  if (s.byDisposition) {
    for (const [code, n] of Object.entries(s.byDisposition)) if (n > 0) parts.push(`${d.disposition[code as 'none']} ${n}`)
  }
  if (s.borderline > 0) parts.push(`${u.borderline} ${s.borderline}`)
  parts.push(`${u.rowsRead} ${s.rowsRead} = ${u.rowsCounted} ${s.rowsCounted} + ${u.rowsInIssues} ${s.rowsInIssues}`)
  if (s.blankRows > 0) parts.push(`${u.blankRows} ${s.blankRows}`)
  return parts.join('；')
}
