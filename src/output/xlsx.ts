import stringWidth from 'string-width'
import writeXlsxFile, { type Cell, type CellObject, type Sheet } from 'write-excel-file/node'
import type { Dict } from '../i18n/index.js'
import type { ExportLabels } from '../i18n/export-labels.js'
import { neutralize } from './csv.js'
import type { CadreDoc, ReportDoc } from './report.js'
import { fill } from '../i18n/index.js'
import { marksHeading, shareName } from '../i18n/share-words.js'
import { auditRows, displayRules, findingsOf, marginHead, marginsCell, personalFindings, rationale, shareOf } from './view.js'
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

/** Every text cell is neutralised against formula injection (OWASP), as in CSV. */
const text = (s: string | null | undefined, style: Partial<CellObject> = {}): CellObject =>
  s === null || s === undefined || s === '' ? { ...style, value: undefined } : { ...style, type: String, value: neutralize(s) }
const num = (n: number | null | undefined, format?: string): CellObject =>
  n === null || n === undefined ? { value: undefined } : { type: Number, value: n, ...(format ? { format } : {}) }
const head = (s: string): CellObject => ({ type: String, value: neutralize(s), fontWeight: 'bold', backgroundColor: '#E7E6E6', borderStyle: 'thin', borderColor: '#BFBFBF' })

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

/** Column widths that fit the content (East Asian characters count double), within bounds. */
const widths = (rows: Cell[][], max: number): Array<{ width: number }> => {
  const w: number[] = []
  for (const r of rows) {
    r.forEach((c, i) => {
      const v = c !== null && typeof c === 'object' && 'value' in c ? c.value : c
      const s = v === undefined || v === null ? '' : String(v)
      w[i] = Math.max(w[i] ?? 0, stringWidth(s))
    })
  }
  return w.map((x) => ({ width: Math.min(max, Math.max(6, x + 2)) }))
}

const sheet = (name: string, rows: Cell[][], max = 60): Sheet<never> => ({
  sheet: name,
  data: rows,
  columns: widths(rows, max),
  stickyRowsCount: 1,
})

const LONG: Partial<CellObject> = { wrap: true, alignVertical: 'top' }

const dispositionRows = (doc: ReportDoc, d: Dict, l: ExportLabels): Cell[][] => {
  const u = d.ui
  const rows: Cell[][] = [
    [u.id, u.name, u.unit, u.post, u.disposition, l.dispositionCode, l.rules, u.rationale, marginHead(doc, u.margin), l.borderline, u.options, u.prerequisites, l.notes].map(head),
  ]
  for (const c of doc.cadres) {
    const disp = c.disposition
    const style = disp ? (DISPOSITION_STYLE[disp.code] ?? {}) : {}
    rows.push([
      text(c.id),
      text(c.name),
      text(c.unit),
      text(c.post),
      text(disp?.label, style),
      text(disp?.code, style),
      text(findingsOf(c).map((f) => f.rule).join(' ')),
      text(rationale(c, d), LONG),
      text(marginsCell(doc, c, l)),
      text(yesNo(c.checks.some((k) => k.borderline), l)),
      text(disp?.options.map((o) => o.label).join(d.punct.semicolon)),
      text(disp?.prerequisites.map((p) => p.label).join(d.punct.semicolon), LONG),
      text(c.notes.map((n) => n.label).join(d.punct.semicolon)),
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
    const p = { marks: marksHeading(d, r.marks), rule: shareName(d, r) }
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
  const rows: Cell[][] = [[u.id, u.name, u.unit, u.post, l.rules, l.item, l.finding, u.disposition].map(head)]
  for (const { cadre, finding } of personalFindings(doc)) {
    rows.push([
      text(cadre.id), text(cadre.name), text(cadre.unit), text(cadre.post),
      text(finding.rule), num(finding.item), text(finding.text, LONG), text(dispositionOf(cadre), DISPOSITION_STYLE[cadre.disposition?.code ?? ''] ?? {}),
    ])
  }
  return rows
}
const dispositionOf = (c: CadreDoc): string | null => c.disposition?.label ?? null

const issueRows = (doc: ReportDoc, l: ExportLabels): Cell[][] => {
  const rows: Cell[][] = [[l.file, l.row, l.column, l.columnName, l.value, l.code, l.message, l.severity].map(head)]
  for (const i of doc.issues) {
    rows.push([text(i.file), num(i.row), num(i.column), text(i.columnName), text(i.value), text(i.code), text(i.message, LONG), text(i.severity)])
  }
  return rows
}

const auditSheetRows = (doc: ReportDoc, d: Dict, l: ExportLabels): Cell[][] => {
  const rows: Cell[][] = [[head(l.key), head(l.content)]]
  for (const [k, v] of auditRows(doc, d, l)) rows.push([text(k), text(v)])
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
    const p = { marks: marksHeading(d, r.marks), rule: shareName(d, r) }
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
    return r === undefined ? id : shareName(d, r)
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
        text(y.recordedFired?.join(' ')),
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
  const sheets = [
    sheet(SHEETS.dispositions, dispositionRows(doc, d, l)),
    sheet(SHEETS.tally, tallyRows(doc, d, l), 30),
    sheet(SHEETS.personal, personalRows(doc, d, l)),
    sheet(SHEETS.issues, issueRows(doc, l)),
    sheet(SHEETS.audit, auditSheetRows(doc, d, l), 70),
    ...(hasHistory(doc) ? [sheet(HISTORY_SHEET, historyRows(doc, d, l), 60)] : []),
  ]
  const buffer = await writeXlsxFile(sheets, { fontFamily: 'Microsoft YaHei', fontSize: 11 }).toBuffer()
  return fixZipTimestamps(buffer)
}
