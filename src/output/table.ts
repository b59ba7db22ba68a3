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

/** Tables of more rows than this are drawn by `drawTable`, not cli-table3. */
export const TABLE_CHUNK = 1000

/**
 * How wide cli-table3 measures a cell: East Asian wide characters two columns, colour
 * codes none. Its own measure (`strlen`) builds regular expressions on every call — 9 µs
 * a cell, a minute for 100,000 cadres — so text of plain ASCII and common CJK characters
 * is counted here, everything else measured by `strlen` (a test holds the two equal).
 */
export const cellWidth = (s: string): number => {
  let w = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0x20 && c <= 0x7e) w += 1
    else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303e) || (c >= 0xff01 && c <= 0xff60)) w += 2
    else return strlen(s)
  }
  return w
}

/**
 * cli-table3's compact table (no lines between rows, one space of padding), drawn line by
 * line in linear time, for rows of exactly the head's cells on one line each: the same
 * text, as a test checks against cli-table3 itself.
 */
export function* drawTable(head: string[], rows: readonly string[][]): Generator<string> {
  const n = head.length
  const widths = head.map((h) => cellWidth(h) + 2)
  // Every cell measured once, kept in one typed array (not an array a row).
  const measured = new Int32Array(rows.length * n)
  rows.forEach((row, r) =>
    row.forEach((cell, i) => {
      const w = (measured[r * n + i] = cellWidth(cell))
      if (w + 2 > widths[i]!) widths[i] = w + 2
    }),
  )
  const rule = (l: string, m: string, r: string): string => `${l}${widths.map((w) => '─'.repeat(w)).join(m)}${r}`
  const line = (cells: readonly string[], width: (i: number) => number): string =>
    `│${cells.map((c, i) => ` ${c}${' '.repeat(widths[i]! - 2 - width(i))} `).join('│')}│`
  yield rule('┌', '┬', '┐')
  yield line(head, (i) => cellWidth(head[i]!))
  if (rows.length > 0) yield rule('├', '┼', '┤')
  for (let r = 0; r < rows.length; r++) yield line(rows[r]!, (i) => measured[r * n + i]!)
  yield rule('└', '┴', '┘')
}

/** Lines drawn at a time into one piece of text. */
const LINES_A_PIECE = 1000

/** `tableText(head, rows)` and a line break, in pieces of up to LINES_A_PIECE lines. */
export function* tableTextPieces(head: string[], rows: string[][]): Generator<string> {
  if (rows.length <= TABLE_CHUNK || !drawable(head, rows)) {
    yield `${tableText(head, rows)}\n`
    return
  }
  let lines: string[] = []
  for (const line of drawTable(head, rows)) {
    lines.push(line)
    if (lines.length === LINES_A_PIECE) {
      yield `${lines.join('\n')}\n`
      lines = []
    }
  }
  if (lines.length > 0) yield `${lines.join('\n')}\n`
}

/** Rows `drawTable` draws as cli-table3 would: each of the head's length, one line a cell. */
const drawable = (head: string[], rows: readonly string[][]): boolean =>
  rows.every((r) => r.length === head.length && r.every((c) => !c.includes('\n')))

/**
 * The table's text. cli-table3 takes half an hour over 100,000 rows (its layout is
 * quadratic, its measure slow), so a big table is drawn by `drawTable`.
 */
export const tableText = (head: string[], rows: string[][], chunk = TABLE_CHUNK): string => {
  const style = { head: [], border: [], compact: true }
  if (rows.length <= chunk) {
    const table = new Table({ head, style })
    table.push(...rows)
    return table.toString()
  }
  if (drawable(head, rows)) return [...drawTable(head, rows)].join('\n')
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

/** What the table is drawn from: a whole report, or its cadres one at a time (streamTable). */
export interface TableSource {
  command: ReportDoc['command']
  policy: ReportDoc['policy']
  cadres: Iterable<CadreDoc>
  /** The summary and the issues, asked for once every cadre has been taken. */
  tail: () => Pick<ReportDoc, 'summary' | 'issues'>
}

/**
 * The terminal table: aligned with Chinese text (cli-table3 measures East Asian wide
 * characters), its borders uncoloured (cli-table3 colours them itself unless told not to).
 */
export const renderTable = (doc: ReportDoc, d: Dict, color: ChalkInstance): string =>
  [...tablePieces({ ...doc, tail: () => doc }, d, color)].join('')

/** `renderTable`'s text in pieces: each cadre is taken once and only its row is kept. */
export function* tablePieces(src: TableSource, d: Dict, color: ChalkInstance): Generator<string> {
  const u = d.ui
  const assess = src.command === 'assess'
  const head = [u.id, u.name, u.unit, u.post, u.unfitShare, u.incompetentShare, u.denominator, `${u.margin} (2/3 | 1/3)`]
  if (assess) head.push(u.disposition)
  const rows: string[][] = []
  const acting: string[] = []
  let actingCount = 0
  for (const c of src.cadres) {
    rows.push(tableRow(c, d, color, assess))
    if (assess && needsAction(c)) {
      actingCount++
      acting.push(...details(c, d, color))
    }
  }
  yield `${u.policy}: ${src.policy.id} ${src.policy.version}  (${d.basis[src.policy.denominator as 'valid']})\n`
  yield* tableTextPieces(head, rows)
  if (actingCount > 0) {
    yield `\n${color.bold(`${u.needsAction} (${actingCount})`)}\n`
    for (const line of acting) yield `${line}\n`
  }
  const tail = src.tail()
  yield `\n${summaryLine(tail, d)}\n`
  for (const line of issueLines(tail, d, color)) yield `${line}\n`
  if (assess) yield `\n${u.disclaimer}\n`
}

const tableRow = (c: CadreDoc, d: Dict, color: ChalkInstance, assess: boolean): string[] => {
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
  return row
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
export const issueLines = (doc: Pick<ReportDoc, 'summary' | 'issues'>, d: Dict, color: ChalkInstance): string[] => {
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

export const summaryLine = (doc: Pick<ReportDoc, 'summary'>, d: Dict): string => {
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
