import { stringWidth } from './width.js'
import writeXlsxFile, { type Cell, type CellObject, type Sheet } from 'write-excel-file/node'
import type { Dict } from '../i18n/index.js'
import type { ExportLabels } from '../i18n/export-labels.js'
import { neutralize } from './csv.js'
import type { CadreDoc, ReportDoc } from './report.js'
import { fill } from '../i18n/index.js'
import { marksHeading } from '../i18n/share-words.js'
import { auditRows, displayRules, findingsOf, personalFindings, rationale, ruleName, shareOf } from './view.js'
import { reportWords } from '../i18n/report-words.js'
import { layoutXlsx, type SheetLayout } from './xlsx-layout.js'
import { fixZipTimestamps } from './zip-dates.js'
import { historyWords } from '../i18n/history-words.js'
import { firedAdvisories, hasHistory } from './history-view.js'

/** Sheet names as SPEC §4 gives them: fixed, whatever the language, so that macros find them. */
export const SHEETS = {
  dispositions: '处置建议',
  tally: '测评统计',
  personal: '个人事项',
  issues: '数据问题',
  audit: '审计信息',
} as const

/** The sheet of earlier years, after those of SPEC §4, only with `--history` (SPEC §2.5). */
export const HISTORY_SHEET = '历年对比'

/** The most characters (UTF-16 units) an Excel cell holds. */
export const CELL_LIMIT = 32_767

/** A text at most CELL_LIMIT long: a longer one cut (never inside a surrogate pair) and marked. */
export const capCell = (s: string, marker: string): string => {
  if (s.length <= CELL_LIMIT) return s
  let end = CELL_LIMIT - marker.length
  const c = s.charCodeAt(end - 1)
  if (c >= 0xd800 && c <= 0xdbff) end--
  return s.slice(0, end) + marker
}

/** Every text cell is neutralised against formula injection (OWASP), as in CSV (and capped by `capRows`). */
const text = (s: string | null | undefined, style: Partial<CellObject> = {}): CellObject =>
  s === null || s === undefined || s === '' ? { ...style, value: undefined } : { ...style, type: String, value: neutralize(s) }

/** The rows with every text longer than Excel holds cut and marked (a 40,000-character 情况 is not lost: the JSON has it). */
const capRows = (rows: Cell[][], marker: string): Cell[][] => {
  for (const r of rows) {
    r.forEach((c, i) => {
      if (c !== null && typeof c === 'object' && 'value' in c && typeof c.value === 'string' && c.value.length > CELL_LIMIT) r[i] = { ...c, value: capCell(c.value, marker) }
    })
  }
  return rows
}
const num = (n: number | null | undefined, format?: string): CellObject =>
  n === null || n === undefined ? { value: undefined } : { type: Number, value: n, ...(format ? { format } : {}) }
const head = (s: string): CellObject => ({ type: String, value: neutralize(s), fontWeight: 'bold', backgroundColor: '#E7E6E6', borderStyle: 'thin', borderColor: '#BFBFBF', wrap: true, alignVertical: 'top' })

/** Highlight of a disposition cell: Excel's own "bad / neutral / …" palette. */
const DISPOSITION_STYLE: Record<string, Partial<CellObject>> = {
  dismissal: { backgroundColor: '#FFC7CE', textColor: '#9C0006', fontWeight: 'bold' },
  adjustment: { backgroundColor: '#FFEB9C', textColor: '#9C5700', fontWeight: 'bold' },
  'organizational-handling': { backgroundColor: '#E4DFEC', textColor: '#5B2C6F', fontWeight: 'bold' },
  admonishment: { backgroundColor: '#DDEBF7', textColor: '#1F4E79' },
  withheld: { backgroundColor: '#EDEDED', textColor: '#404040' },
  'data-incomplete': { backgroundColor: '#EDEDED', textColor: '#404040' },
  'no-data': { backgroundColor: '#EDEDED', textColor: '#404040' },
}

const yesNo = (b: boolean | undefined, l: ExportLabels): string | null => (b === undefined ? null : b ? l.yes : l.no)

const valueOf = (c: Cell): unknown => (c !== null && typeof c === 'object' && 'value' in c ? c.value : c)
const isWrapped = (c: Cell): boolean => c !== null && typeof c === 'object' && 'wrap' in c && c.wrap === true

/**
 * Column widths that fit the content (East Asian characters count double), within bounds:
 * a header counts up to 16 (it wraps), a column of wrapped long text is held at 48 (its
 * cells wrap), any other at `max`.
 */
const widths = (rows: Cell[][], max: number): Array<{ width: number }> => {
  const w: number[] = []
  const wrapped: boolean[] = []
  rows.forEach((r, k) => {
    r.forEach((c, i) => {
      const v = valueOf(c)
      const s = v === undefined || v === null ? '' : String(v)
      const cw = s.length > 400 ? 400 : stringWidth(s)
      w[i] = Math.max(w[i] ?? 0, k === 0 ? Math.min(16, cw) : cw)
      if (k > 0 && isWrapped(c)) wrapped[i] = true
    })
  })
  return w.map((x, i) => ({ width: Math.min(wrapped[i] === true ? 48 : max, Math.max(6, x + 2)) }))
}

/** A sheet and how it prints: the table's extent (header row 1), its filter, its page setup. */
interface SheetPlan {
  sheet: Sheet<never>
  layout: Omit<SheetLayout, 'index'>
}

const sheet = (name: string, rows: Cell[][], opts: { marker: string; max?: number; tableRows?: number; filter?: boolean; landscape?: boolean }): SheetPlan => {
  const tableRows = opts.tableRows ?? rows.length
  return {
    sheet: { sheet: name, data: capRows(rows, opts.marker), columns: widths(rows, opts.max ?? 60), stickyRowsCount: 1 },
    layout: {
      name,
      columns: Math.max(1, ...rows.slice(0, tableRows).map((r) => r.length)),
      lastRow: Math.max(1, tableRows),
      filter: opts.filter ?? true,
      print: { landscape: opts.landscape ?? true },
    },
  }
}

const LONG: Partial<CellObject> = { wrap: true, alignVertical: 'top' }

const dispositionRows = (doc: ReportDoc, d: Dict, l: ExportLabels): Cell[][] => {
  const u = d.ui
  const w = reportWords(d.lang)
  const rules = displayRules(doc)
  // One numeric margin column per share rule (sortable), the 临界 flag in its own column.
  const marginHeads = rules.map((r) => `${fill(l.ruleMargin, { marks: marksHeading(d, r.marks), rule: ruleName(doc, d, r.id) })} (${r.share})`)
  const rows: Cell[][] = [
    [u.id, u.name, u.unit, u.post, u.disposition, l.dispositionCode, l.rules, w.ruleIds, u.rationale, ...marginHeads, l.borderline, u.options, u.prerequisites, l.notes].map(head),
  ]
  for (const c of doc.cadres) {
    const disp = c.disposition
    const style = disp ? (DISPOSITION_STYLE[disp.code] ?? {}) : {}
    const fired = findingsOf(c)
    rows.push([
      text(c.id),
      text(c.name),
      text(c.unit),
      text(c.post),
      text(disp?.label, style),
      text(disp?.code, style),
      text([...new Set(fired.map((f) => ruleName(doc, d, f.rule)))].join(d.punct.semicolon), LONG),
      text([...new Set(fired.map((f) => f.rule))].join(' ')),
      text(rationale(c, d), LONG),
      ...rules.map((r) => num(shareOf(c, r.id)?.margin)),
      text(yesNo(c.checks.some((k) => k.borderline), l)),
      text(disp?.options.map((o) => o.label).join(d.punct.semicolon), LONG),
      text(disp?.prerequisites.map((p) => p.label).join(d.punct.semicolon), LONG),
      text(c.notes.map((n) => n.label).join(d.punct.semicolon), LONG),
    ])
  }
  return rows
}

/**
 * 测评统计: the counts, then for each share rule (in display order) its votes — where it
 * counts more than one mark; one mark's count is a column already — its share, comparison,
 * whether it fired and its margin.
 */
const tallyRows = (doc: ReportDoc, d: Dict, l: ExportLabels): Cell[][] => {
  const u = d.ui
  const m = d.mark
  const rules = displayRules(doc)
  const ruleHeads = rules.flatMap((r) => {
    const p = { marks: marksHeading(d, r.marks), rule: ruleName(doc, d, r.id) }
    return [
      ...(r.marks.length > 1 ? [fill(l.ruleVotes, p)] : []),
      fill(l.rulePercent, p),
      fill(l.ruleComparison, p),
      fill(l.ruleFired, p),
      fill(l.ruleMargin, p),
    ]
  })
  const rows: Cell[][] = [
    [
      u.id, u.name, u.unit, u.post,
      m.excellent, m.competent, m.basicallyCompetent, m.incompetent, m.abstain, m.invalid,
      l.eligible, l.returned, u.denominator, l.denominatorBasis,
      ...ruleHeads, l.borderline,
    ].map(head),
  ]
  const pct = '0.00'
  for (const c of doc.cadres) {
    const t = c.tally
    const shares = rules.map((r) => shareOf(c, r.id))
    rows.push([
      text(c.id), text(c.name), text(c.unit), text(c.post),
      num(t?.excellent), num(t?.competent), num(t?.basicallyCompetent), num(t?.incompetent), num(t?.abstain), num(t?.invalid),
      num(t?.eligible), num(t?.returned), num(t?.denominator), text(t ? (d.basis[t.denominatorBasis as 'valid'] ?? t.denominatorBasis) : null),
      ...rules.flatMap((r, i) => {
        const s = shares[i]!
        return [
          ...(r.marks.length > 1 ? [num(s?.numerator)] : []),
          num(s ? Number(s.percent) : null, pct), text(s?.expression), text(yesNo(s?.fired, l)), num(s?.margin),
        ]
      }),
      text(yesNo(shares.some((s) => s !== null) ? c.checks.some((k) => k.borderline) : undefined, l)),
    ])
  }
  return rows
}

const personalRows = (doc: ReportDoc, d: Dict, l: ExportLabels): Cell[][] => {
  const u = d.ui
  const rows: Cell[][] = [[u.id, u.name, u.unit, u.post, l.rules, reportWords(d.lang).ruleIds, l.item, l.finding, u.disposition].map(head)]
  for (const { cadre, finding } of personalFindings(doc)) {
    rows.push([
      text(cadre.id), text(cadre.name), text(cadre.unit), text(cadre.post),
      text(ruleName(doc, d, finding.rule)), text(finding.rule), num(finding.item), text(finding.text, LONG), text(dispositionOf(cadre), DISPOSITION_STYLE[cadre.disposition?.code ?? ''] ?? {}),
    ])
  }
  return rows
}
const dispositionOf = (c: CadreDoc): string | null => c.disposition?.label ?? null

const issueRows = (doc: ReportDoc, l: ExportLabels): Cell[][] => {
  const rows: Cell[][] = [[l.file, l.row, l.column, l.columnName, l.value, l.code, l.message, l.severity].map(head)]
  for (const i of doc.issues) {
    rows.push([text(i.file), num(i.row), num(i.column), text(i.columnName), text(i.value, LONG), text(i.code), text(i.message, LONG), text(i.severity)])
  }
  return rows
}

const auditSheetRows = (doc: ReportDoc, d: Dict, l: ExportLabels): Cell[][] => {
  const rows: Cell[][] = [[head(l.key), head(l.content)]]
  // A count is a number cell; a version, a hash, a name stays text.
  for (const [k, v] of auditRows(doc, d, l)) rows.push([text(k), /^(0|[1-9]\d{0,14})$/.test(v) ? num(Number(v)) : text(v, LONG)])
  rows.push([], [l.path, l.sha256, l.rows, l.format, l.encoding, l.kind, l.shape].map(head))
  for (const i of doc.inputs) rows.push([text(i.path), text(i.sha256), num(i.rows), text(i.format), text(i.encoding), text(i.kind), text(i.shape)])
  rows.push([], [text(l.auditNote)])
  return rows
}

/**
 * 历年对比 (`--history`): a row per cadre and year, oldest first, this year last — each share
 * rule's share, comparison, outcome and margin under this year's rules, the line crossed
 * since the year before, the year's disposition and annual grade, how the cadre was found;
 * this year's row carries the advisory notes that fired.
 */
const historyRows = (doc: ReportDoc, d: Dict, l: ExportLabels): Cell[][] => {
  const u = d.ui
  const w = historyWords(d.lang)
  const rules = displayRules(doc)
  const ruleHeads = rules.flatMap((r) => {
    const p = { marks: marksHeading(d, r.marks), rule: ruleName(doc, d, r.id) }
    return [fill(l.rulePercent, p), fill(l.ruleComparison, p), fill(l.ruleFired, p), fill(l.ruleMargin, p)]
  })
  const rows: Cell[][] = [
    [u.id, u.name, u.unit, u.post, w.year, w.source, w.matchHead, ...ruleHeads, w.crossedHead, u.disposition, w.annualGrade, w.recordedHead, w.advisories].map(head),
  ]
  const pct = '0.00'
  const shareCells = (find: (rule: string) => { percent: string; expression: string; fired: boolean; margin: number | null } | null | undefined): CellObject[] =>
    rules.flatMap((r) => {
      const s = find(r.id)
      return [num(s ? Number(s.percent) : null, pct), text(s?.expression), text(yesNo(s?.fired, l)), num(s?.margin)]
    })
  const name = (id: string): string => {
    const r = rules.find((x) => x.id === id)
    return r === undefined ? id : ruleName(doc, d, r.id)
  }
  for (const c of doc.cadres) {
    const who = [text(c.id), text(c.name), text(c.unit), text(c.post)]
    for (const y of c.history ?? []) {
      const disp = y.disposition
      rows.push([
        ...who,
        num(y.year),
        text(y.source),
        text(w.match[y.match as 'id']),
        ...shareCells((id) => y.shares.find((x) => x.rule === id)),
        text(y.crossed.map(name).join('、')),
        text(disp === null ? null : `${disp.label}${d.punct.paren(disp.recorded ? w.recorded : w.recomputed)}`, disp ? (DISPOSITION_STYLE[disp.code] ?? {}) : {}),
        text(y.annualGrade === null ? null : d.mark[y.annualGrade as 'excellent']),
        text(y.recordedFired?.map((id) => ruleName(doc, d, id)).join(d.lang === 'en' ? '; ' : '、')),
        text(null),
      ])
    }
    const disp = c.disposition
    rows.push([
      ...who,
      num(doc.history!.year),
      text(w.thisYear),
      text(null),
      ...shareCells((id) => shareOf(c, id)),
      text(c.trend?.crossed.map(name).join('、')),
      text(disp?.label, disp ? (DISPOSITION_STYLE[disp.code] ?? {}) : {}),
      text(null),
      text(null),
      text(firedAdvisories(c).map((a) => a.text).join(d.punct.semicolon), LONG),
    ])
  }
  rows.push([], [text(w.sheetNote)])
  return rows
}

/**
 * The workbook: 处置建议, 测评统计, 个人事项, 数据问题, 审计信息 — Chinese headers by default
 * (the --lang words), a frozen header row, fitted widths, dispositions highlighted.
 * Its bytes depend on the document only: the zip entries carry a fixed date.
 */
export const renderXlsx = async (doc: ReportDoc, d: Dict, l: ExportLabels): Promise<Uint8Array> => {
  const marker = reportWords(d.lang).truncated
  const audit = auditSheetRows(doc, d, l)
  const history = hasHistory(doc) ? historyRows(doc, d, l) : null
  const plans = [
    sheet(SHEETS.dispositions, dispositionRows(doc, d, l), { marker }),
    sheet(SHEETS.tally, tallyRows(doc, d, l), { marker, max: 30 }),
    sheet(SHEETS.personal, personalRows(doc, d, l), { marker }),
    sheet(SHEETS.issues, issueRows(doc, l), { marker }),
    // key and value, then the inputs: no filter, printed upright
    sheet(SHEETS.audit, audit, { marker, max: 70, filter: false, landscape: false }),
    // its last two rows are a blank one and the note: outside the table
    ...(history ? [sheet(HISTORY_SHEET, history, { marker, max: 60, tableRows: history.length - 2 })] : []),
  ]
  const buffer = await writeXlsxFile(
    plans.map((p) => p.sheet),
    { fontFamily: 'Microsoft YaHei', fontSize: 11 },
  ).toBuffer()
  return fixZipTimestamps(layoutXlsx(buffer, plans.map((p, i) => ({ ...p.layout, index: i + 1 }))))
}
