import type { ChalkInstance } from 'chalk'
import { createRequire } from 'node:module'
import Table from 'cli-table3'
import type { Dict } from '../i18n/index.js'
import { fill } from '../i18n/index.js'
import { groupIssues, groupLine, issuesBeyond } from './issue-groups.js'
import { marksColumn } from '../i18n/share-words.js'
import { MEASURE_SEVERITY, type MeasureCode } from '../core/model.js'
import { historyWords } from '../i18n/history-words.js'
import { hasHistory, persistentNotes, reappointable, trendColumn, trendHead, trendOf, trendText } from './history-view.js'
import { type CadreDoc, type CheckDoc, needsAction, type ReportDoc } from './report.js'
import { displayRules, marginHead, type ShareColumn, shareColumns } from './view.js'
import { fitCell, fitLine, type FitStep, planFit } from './fit.js'

const marginCell = (k: CheckDoc | undefined, d: Dict, color: ChalkInstance): string => {
  if (k === undefined) return '—'
  const m = k.margin === null ? '—' : String(k.margin)
  return k.borderline ? color.bold(`${m} ${d.ui.borderline}`) : m
}

/** A share that fired a rule, in the colour of the most severe measure it fired. */
const fireColour = (measure: MeasureCode, text: string, color: ChalkInstance): string => {
  switch (measure) {
    case 'dismissal':
      return color.red(text)
    case 'adjustment':
      return color.yellow(text)
    case 'organizational-handling':
      return color.magenta(text)
    case 'admonishment':
      return color.cyan(text)
    default:
      return text
  }
}

/** A column's share ("39/60 65.00%"), from the checks of its rules (`checks` in display order). */
const shareCell = (checks: ReadonlyArray<CheckDoc | undefined>, col: ShareColumn, color: ChalkInstance, short: boolean): string => {
  let shown: CheckDoc | undefined
  let worst: MeasureCode = 'none'
  col.rules.forEach((r, i) => {
    const k = checks[col.first + i]
    shown ??= k
    if (k?.fired && MEASURE_SEVERITY[r.measure] > MEASURE_SEVERITY[worst]) worst = r.measure
  })
  if (shown === undefined) return '—'
  const { numerator, denominator, percent } = shown.computation
  return fireColour(worst, short ? `${percent}%` : `${numerator}/${denominator} ${percent}%`, color)
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

/** How a table will be laid out, learnt row by row without keeping the rows. */
export interface Layout {
  head: string[]
  /** cli-table3's column widths: the widest cell, plus one space of padding on each side. */
  widths: number[]
  rows: number
  /** Can `drawRows` draw it as cli-table3 would: every row of the head's length, one line a cell? */
  drawable: boolean
}

export const newLayout = (head: string[]): Layout => ({ head, widths: head.map((h) => cellWidth(h) + 2), rows: 0, drawable: true })

/** Take one row into the layout (its cells measured, not kept). */
export const addRow = (layout: Layout, row: readonly string[]): void => {
  layout.rows++
  if (row.length !== layout.head.length) layout.drawable = false
  for (let i = 0; i < row.length; i++) {
    const cell = row[i]!
    if (cell.includes('\n')) layout.drawable = false
    const w = cellWidth(cell) + 2
    if (w > (layout.widths[i] ?? 0)) layout.widths[i] = w
  }
}

/**
 * cli-table3's compact table (no lines between rows, one space of padding), drawn line by
 * line in linear time from a finished layout, for rows of exactly the head's cells on one
 * line each: the same text, as a test checks against cli-table3 itself. The rows are taken
 * as they come — they need not be kept, only be the rows the layout was made from.
 */
export function* drawRows(layout: Layout, rows: Iterable<readonly string[]>): Generator<string> {
  const { head, widths } = layout
  const rule = (l: string, m: string, r: string): string => `${l}${widths.map((w) => '─'.repeat(w)).join(m)}${r}`
  const line = (cells: readonly string[]): string => `│${cells.map((c, i) => ` ${c}${' '.repeat(widths[i]! - 2 - cellWidth(c))} `).join('│')}│`
  yield rule('┌', '┬', '┐')
  yield line(head)
  if (layout.rows > 0) yield rule('├', '┼', '┤')
  for (const row of rows) yield line(row)
  yield rule('└', '┴', '┘')
}

/** `drawRows` of rows at hand. */
export const drawTable = (head: string[], rows: readonly string[][]): Generator<string> => {
  const layout = newLayout(head)
  for (const row of rows) addRow(layout, row)
  return drawRows(layout, rows)
}

/**
 * Lines drawn at a time into one piece of text: few enough that a piece stays a small
 * string (V8 puts strings over about 128 KB straight into the old generation, where they
 * pile up until a full collection; 1,000 lines of a wide table are past that).
 */
export const LINES_A_PIECE = 100

/** Lines joined into pieces of up to LINES_A_PIECE lines, each line ending in a line break. */
function* inPieces(lines: Iterable<string>): Generator<string> {
  let piece: string[] = []
  for (const line of lines) {
    piece.push(line)
    if (piece.length === LINES_A_PIECE) {
      yield `${piece.join('\n')}\n`
      piece = []
    }
  }
  if (piece.length > 0) yield `${piece.join('\n')}\n`
}

/**
 * `tableText(head, rows)` and a line break, in pieces of up to LINES_A_PIECE lines, from a
 * finished layout and the rows it was made from, taken again (`rows()`): a big drawable
 * table is drawn as its rows come, so none is kept; any other is drawn whole.
 */
export function* layoutPieces(layout: Layout, rows: () => Iterable<string[]>): Generator<string> {
  if (layout.rows <= TABLE_CHUNK || !layout.drawable) yield `${tableText(layout.head, [...rows()])}\n`
  else yield* inPieces(drawRows(layout, rows()))
}

/** `tableText(head, rows)` and a line break, in pieces of up to LINES_A_PIECE lines. */
export const tableTextPieces = (head: string[], rows: string[][]): Generator<string> => {
  const layout = newLayout(head)
  for (const row of rows) addRow(layout, row)
  return layoutPieces(layout, () => rows)
}

/** `tableText` made to fit `width` columns, narrowed by `steps` (fit.ts), for a table whose rows are at hand. */
export const fittedTableText = (head: string[], rows: string[][], width: number, steps: readonly FitStep[]): string => {
  if (width === Infinity) return tableText(head, rows)
  const layout = newLayout(head)
  for (const row of rows) addRow(layout, row)
  const plan = planFit(layout.widths.map((w) => ({ width: w })), width, steps)
  const pick = (row: readonly string[]): string[] => plan.keep.map((i) => fitCell(row[i] ?? '', plan.widths.get(i)!, cellWidth))
  return tableText(pick(head), rows.map(pick))
}

/** Rows `drawRows` draws as cli-table3 would: each of the head's length, one line a cell. */
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
    case 'no-data':
      return color.magenta(text)
    default:
      return text
  }
}

/** What the table is drawn from: a whole report, or its cadres made anew each time they are taken (streamTable). */
export interface TableSource {
  command: ReportDoc['command']
  policy: ReportDoc['policy']
  /** Earlier years (`--history`): a trend column, the advisory notes. */
  history?: ReportDoc['history']
  /** The cadres, in order — the same ones each time this is called. */
  cadres: () => Iterable<CadreDoc>
  /** The summary and the issues, asked for once every cadre has been taken. */
  tail: () => Pick<ReportDoc, 'summary' | 'issues'>
}

/**
 * The terminal table: aligned with Chinese text (cli-table3 measures East Asian wide
 * characters), its borders uncoloured (cli-table3 colours them itself unless told not to).
 */
export const renderTable = (doc: ReportDoc, d: Dict, color: ChalkInstance): string =>
  [...tablePieces({ ...doc, cadres: () => doc.cadres, tail: () => doc }, d, color)].join('')

/**
 * `renderTable`'s text in pieces, keeping no cadre's row: the cadres are taken once to
 * lay the table out (column widths), once to draw it, and — for `assess`, when any cadre
 * needs action — once more for those cadres' details.
 */
export function* tablePieces(src: TableSource, d: Dict, color: ChalkInstance, width = Infinity): Generator<string> {
  const u = d.ui
  const assess = src.command === 'assess'
  const acts = (c: CadreDoc): boolean => assess && needsAction(c)
  /** Lines under the table, broken to the terminal's width. */
  const lines = (text: string): string => `${text.split('\n').flatMap((l) => fitLine(l, width)).join('\n')}\n`
  // One column per set of marks the policy's share rules count, one margin per rule.
  const cols = shareColumns(src)
  const head = [u.id, u.name, u.unit, u.post, ...cols.map((col) => marksColumn(d, col.marks)), u.denominator]
  if (cols.length > 0) head.push(marginHead(src, u.margin))
  const trend = historyTrend(src, d)
  if (trend) head.push(trend.head)
  if (assess) head.push(u.disposition)
  const row = (c: CadreDoc, short = false): string[] => {
    const r = tableRow(src, c, d, color, assess, short)
    if (trend) r.splice(r.length - (assess ? 1 : 0), 0, trend.cell(c))
    return r
  }
  const fitting = width !== Infinity
  const layout = newLayout(head)
  // The short forms' widths, for the terminal's width (fitOrder).
  const shortLayout = newLayout(head)
  let actingCount = 0
  let reappointCount = 0
  for (const c of src.cadres()) {
    addRow(layout, row(c))
    if (fitting) addRow(shortLayout, row(c, true))
    if (acts(c)) actingCount++
    if (trend && reappointable(c)) reappointCount++
  }
  const at = columnsOf(cols.length, trend !== null, assess)
  const plan = planFit(
    layout.widths.map((w, i) => ({ width: w, short: shortLayout.widths[i] })),
    width,
    fitOrder(at),
  )
  const identity = plan.keep.length === head.length && plan.short.size === 0 && plan.keep.every((i) => plan.widths.get(i)! + 2 === layout.widths[i])
  const fitted = (c: CadreDoc): string[] => {
    if (identity) return row(c)
    const full = row(c)
    const short = plan.short.size > 0 ? row(c, true) : full
    return plan.keep.map((i) => fitCell(plan.short.has(i) ? short[i]! : full[i]!, plan.widths.get(i)!, cellWidth))
  }
  const drawn: Layout = identity
    ? layout
    : {
        head: plan.keep.map((i) => fitCell(head[i]!, plan.widths.get(i)!, cellWidth)),
        widths: plan.keep.map((i) => plan.widths.get(i)! + 2),
        rows: layout.rows,
        drawable: layout.drawable,
      }
  yield lines(`${u.policy}: ${src.policy.id} ${src.policy.version}  (${d.basis[src.policy.denominator as 'valid']})`)
  yield* layoutPieces(drawn, function* () {
    for (const c of src.cadres()) yield fitted(c)
  })
  if (trend) yield lines(trend.legend)
  if (actingCount > 0) {
    yield `\n${lines(color.bold(`${u.needsAction} (${actingCount})`))}`
    for (const c of src.cadres()) if (acts(c)) for (const line of details(c, d, color)) yield lines(line)
  }
  if (reappointCount > 0) for (const piece of reappointLines(src, d, color, reappointCount)) yield lines(piece.replace(/\n$/, ''))
  const tail = src.tail()
  yield `\n${lines(summaryLine(tail, d))}`
  for (const line of issueLines(tail, d, color)) yield lines(line)
  if (assess) yield `\n${lines(u.disclaimer)}`
}

/** Where the columns of the table are: the four of the cadre, the shares, the denominator, then those that may follow. */
const columnsOf = (shares: number, trend: boolean, assess: boolean) => {
  const denominator = 4 + shares
  const margin = shares > 0 ? denominator + 1 : -1
  const trendAt = trend ? Math.max(denominator, margin) + 1 : -1
  const last = Math.max(denominator, margin, trendAt)
  return { name: 1, unit: 2, post: 3, shares: Array.from({ length: shares }, (_, i) => 4 + i), denominator, margin, trend: trendAt, disposition: assess ? last + 1 : -1 }
}

/**
 * How the table is made narrower when it is wider than the terminal (README, --help),
 * stopping as soon as it fits: the denominator's number without its basis (the basis is
 * on the line above the table); each share's percentage without its votes; 职务, then
 * 单位, then 分母 left out; the earlier years' trend, then the margins left out; names,
 * recommendations and shares cut with …; the share columns left out from the last.
 * `--wide` (or a pipe without COLUMNS) shows every column in full.
 */
const fitOrder = (at: ReturnType<typeof columnsOf>): FitStep[] => {
  const opt = (i: number): number[] => (i < 0 ? [] : [i])
  return [
    { short: [at.denominator] },
    { short: at.shares },
    { drop: [at.post] },
    { drop: [at.unit] },
    { drop: [at.denominator] },
    { drop: opt(at.trend) },
    { drop: opt(at.margin) },
    { cut: [at.name, ...opt(at.disposition), ...at.shares], floor: 6 },
    ...[...at.shares].reverse().map((i) => ({ drop: [i] })),
  ]
}

const tableRow = (src: Pick<TableSource, 'policy'>, c: CadreDoc, d: Dict, color: ChalkInstance, assess: boolean, short = false): string[] => {
  const cols = shareColumns(src)
  const checks = displayRules(src).map((r) => c.checks.find((k) => k.rule === r.id))
  const row = [c.id, c.name, c.unit, c.post]
  // No vote data: said in the first share column (or the denominator's, when the policy has no share rule).
  cols.forEach((col, i) => row.push(c.tally === null && i === 0 ? d.ui.noData : shareCell(checks, col, color, short)))
  if (c.tally === null) row.push(cols.length === 0 ? d.ui.noData : '—')
  else row.push(c.tally.denominator === null ? '—' : short ? String(c.tally.denominator) : `${c.tally.denominator} ${d.basis[c.tally.denominatorBasis as 'valid']}`)
  if (cols.length > 0) row.push(checks.map((k) => marginCell(k, d, color)).join(' | '))
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
  // Earlier years: is this year's finding the first, or one of several (第9项)?
  for (const a of persistentNotes(c)) {
    lines.push(`  · ${a.fired ? color.bold(a.text) : a.text}`)
    if (a.marginText) lines.push(`    ${a.borderline ? color.bold(a.marginText) : a.marginText}`)
  }
  if (disp.options.length > 0) lines.push(`  ${d.ui.options}: ${disp.options.map((o) => o.label).join(d.punct.semicolon)}`)
  for (const p of disp.prerequisites) lines.push(`  ${d.ui.prerequisites}: ${p.label}`)
  return lines
}

/** The trend column (`--history`): its head, each cadre's cell, the legend under the table. */
const historyTrend = (src: Pick<TableSource, 'policy' | 'history'>, d: Dict) => {
  const col = trendColumn(src)
  if (!hasHistory(src) || col === undefined) return null
  const w = historyWords(d.lang)
  const year = src.history!.year
  return {
    head: trendHead(w, marksColumn(d, col.marks)),
    cell: (c: CadreDoc): string => trendText(trendOf(c, col, year)),
    legend: fill(w.trendLegend, { marks: marksColumn(d, col.marks) }),
  }
}

/** 第10项: the cadres for whom re-appointment may be considered, with its note, option and steps. */
function* reappointLines(src: TableSource, d: Dict, color: ChalkInstance, count: number): Generator<string> {
  const w = historyWords(d.lang)
  yield `\n${color.bold(`${w.reappointmentSection} (${count})`)}\n`
  for (const c of src.cadres()) {
    const a = reappointable(c)
    if (a === undefined) continue
    yield `\n${color.bold(`${c.id} ${c.name}`)}  ${c.unit} ${c.post}\n`
    yield `  · ${a.text}\n`
    if (a.options.length > 0) yield `  ${d.ui.options}: ${a.options.map((o) => o.label).join(d.punct.semicolon)}\n`
    for (const p of a.prerequisites) yield `  ${d.ui.prerequisites}: ${p.label}\n`
  }
}

/** Lines of grouped issues under the table; the issues of further groups are counted. */
const MAX_ISSUE_LINES = 50

/** The data issues under a heading, like ones grouped (SPEC §3), the first 50 groups. */
export const issueLines = (doc: Pick<ReportDoc, 'summary' | 'issues'>, d: Dict, color: ChalkInstance): string[] => {
  if (doc.issues.length === 0) return []
  const out = ['', color.bold(`${d.ui.issues} (${doc.issues.length + doc.summary.issuesOmitted})`)]
  const groups = groupIssues(doc.issues)
  for (const g of groups.slice(0, MAX_ISSUE_LINES)) {
    const tag = g.first.severity === 'notice' ? d.ui.notice : d.ui.errorHeader
    out.push(`  [${tag}] ${groupLine(g, d)}`)
  }
  const more = issuesBeyond(groups, MAX_ISSUE_LINES) + doc.summary.issuesOmitted
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
  if (s.rowsSkipped > 0) parts.push(`${u.rowsSkipped} ${s.rowsSkipped}`)
  return parts.join(d.punct.semicolon)
}
