import type { Dict } from '../i18n/index.js'
import { ruleColumnKey } from '../policy/schema.js'
import type { CadreDoc, ReportDoc } from './report.js'
import { displayRules, type ShareColumn, shareColumns } from './view.js'
import { CSV_COLUMNS, type CsvColumns } from '../i18n/csv-columns.js'
import { shareName } from '../i18n/share-words.js'
import { hasHistory, historyYears } from './history-view.js'

/**
 * A text cell made safe for spreadsheets (OWASP CSV injection): a cell opening with
 * = + - @ tab or CR is prefixed with an apostrophe, so Excel/WPS shows it as text.
 */
export const neutralize = (s: string): string => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s)

/**
 * Quoted where a spreadsheet could split the cell: a comma, a quote or a line break, and
 * also `;` and tab — Excel in a semicolon locale (de, fr, ru…) splits an unquoted
 * `x;=1+1` into `x` and a formula `=1+1`; quoted, it stays one text cell.
 */
const quote = (s: string): string => (/[",;\t\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)

/**
 * A CSV text cell made safe in every locale: neutralised at its start, and after every `;`
 * too — Excel in a semicolon locale splits the whole line at each `;`, quotes or not, so
 * the `=1+1` of `x;=1+1` would begin a cell of its own, a formula (it becomes `x;'=1+1`).
 */
const csvSafe = (s: string): string => neutralize(s).replace(/;(?=[=+\-@\t\r])/g, ";'")

export const csvLine = (cells: ReadonlyArray<string | number | boolean | null>): string =>
  cells.map((c) => (c === null ? '' : typeof c === 'string' ? quote(csvSafe(c)) : String(c))).join(',')

/** The last columns of a cadre's row: disposition code and label, basis, options, prerequisites, rationale. */
export const dispositionCells = (c: CadreDoc, d: Dict): Array<string | null> => {
  const sep = d.punct.semicolon
  return [
    c.disposition?.code ?? null,
    c.disposition?.label ?? null,
    c.disposition?.basis.join(' ') ?? null,
    c.disposition?.options.map((o) => o.label).join(sep) ?? null,
    c.disposition?.prerequisites.map((p) => p.label).join(sep) ?? null,
    [...c.findings.map((f) => f.text), ...c.notes.map((n) => n.label)].join(sep),
  ]
}

/** A boolean cell in the language: 是/否, or true/false. */
export const yesNo = (v: boolean | null | undefined, w: CsvColumns): string | null => (v === null || v === undefined ? null : v ? w.yes : w.no)

const share = (c: CadreDoc, rule: string) => c.checks.find((k) => k.rule === rule)

/** One row per cadre: the counts, each share's votes and percentage, each share rule's comparison, outcome and margin, the disposition and why. */
export const renderCsv = (doc: ReportDoc, d: Dict): string =>
  `${[csvHeadLine(doc, d), ...doc.cadres.map((c) => csvCadreLine(doc, c, d))].join('\r\n')}\r\n`

/** Each share rule's name in column heads: the language's short name (不胜任), else its label, else its id; made unique with the id. */
const ruleNames = (doc: Pick<ReportDoc, 'policy'>, d: Dict): Map<string, string> => {
  const rules = displayRules(doc)
  const w = CSV_COLUMNS[d.lang]
  const names = rules.map((r) => (d.lang === 'zh' ? shareName(d, r) : ruleColumnKey(r.id)))
  return new Map(rules.map((r, i) => [r.id, names.indexOf(names[i]!) === i && names.lastIndexOf(names[i]!) === i ? names[i]! : w.marks([names[i]!, ruleColumnKey(r.id)])]))
}

/** A share column's name, from its marks. */
const marksName = (col: ShareColumn, w: CsvColumns): string => w.marks(col.marks.map((m) => w.mark[m]))

/**
 * The header line of the CSV report (no line break), in the language's column set:
 * two columns per share column (its votes and percentage), three per share rule.
 */
export const csvHeadLine = (doc: Pick<ReportDoc, 'policy' | 'history'>, d: Dict): string => {
  const w = CSV_COLUMNS[d.lang]
  const names = ruleNames(doc, d)
  const head = [
    w.id, w.name, w.unit, w.post,
    w.mark.excellent, w.mark.competent, w.mark.basicallyCompetent, w.mark.incompetent, w.mark.abstain, w.mark.invalid,
    w.eligible, w.denominator, w.denominatorBasis,
    ...shareColumns(doc).flatMap((col) => [w.votes(marksName(col, w)), w.percent(marksName(col, w))]),
    ...displayRules(doc).flatMap((r) => {
      const name = names.get(r.id)!
      return [w.expression(name), w.fired(name), w.margin(name)]
    }),
    w.borderline,
    w.dispositionCode, w.disposition, w.basis, w.options, w.prerequisites, w.rationale,
    ...historyHeads(doc, d),
  ]
  return csvLine(head)
}

/**
 * `--history` (SPEC §2.5): columns per earlier year — each share rule's comparison and
 * outcome under this year's rules, the year's disposition and how the cadre was matched —
 * then the lines crossed since the last year and the two advisory checks. Last, so that
 * the columns before keep their places.
 */
const historyHeads = (doc: Pick<ReportDoc, 'policy' | 'history'>, d: Dict): string[] => {
  if (!hasHistory(doc)) return []
  const w = CSV_COLUMNS[d.lang]
  const names = ruleNames(doc, d)
  const rules = displayRules(doc)
  return [
    ...historyYears(doc).flatMap((y) => [
      ...rules.flatMap((r) => [w.yearExpression(y, names.get(r.id)!), w.yearFired(y, names.get(r.id)!)]),
      w.yearDisposition(y),
      w.yearMatch(y),
    ]),
    w.crossed,
    w.item9,
    w.item10,
  ]
}

const historyCells = (doc: Pick<ReportDoc, 'policy' | 'history'>, c: CadreDoc, d: Dict): Array<string | null> => {
  if (!hasHistory(doc)) return []
  const w = CSV_COLUMNS[d.lang]
  const names = ruleNames(doc, d)
  const rules = displayRules(doc)
  const advisory = (rule: string): boolean | null => {
    const xs = (c.advisories ?? []).filter((a) => a.rule === rule)
    return xs.length === 0 ? null : xs.some((a) => a.fired)
  }
  return [
    ...historyYears(doc).flatMap((y) => {
      const h = c.history?.find((x) => x.year === y)
      return [
        ...rules.flatMap((r) => {
          const k = h?.shares.find((x) => x.rule === r.id)
          return [k?.expression ?? null, yesNo(k?.fired, w)]
        }),
        h?.disposition?.code ?? null,
        h?.match === undefined ? null : (Object.hasOwn(w.match, h.match) ? w.match[h.match]! : h.match),
      ]
    }),
    c.trend ? c.trend.crossed.map((id) => names.get(id) ?? id).join(' ') : null,
    yesNo(advisory('item9-persistent'), w),
    yesNo(advisory('item10-reappointment'), w),
  ]
}

/** One cadre's line of the CSV report (no line break). */
export const csvCadreLine = (doc: Pick<ReportDoc, 'policy' | 'history'>, c: CadreDoc, d: Dict): string => {
  const w = CSV_COLUMNS[d.lang]
  const t = c.tally
  const cells: Array<string | number | boolean | null> = [
    c.id, c.name, c.unit, c.post,
    t?.excellent ?? null, t?.competent ?? null, t?.basicallyCompetent ?? null, t?.incompetent ?? null, t?.abstain ?? null, t?.invalid ?? null,
    t?.eligible ?? null, t?.denominator ?? null, t ? (d.lang === 'zh' ? d.basis[t.denominatorBasis as 'valid'] : t.denominatorBasis) : null,
  ]
  // A loop, not a spread of a flatMap: this runs for every cadre of a streamed report.
  const rules = displayRules(doc)
  for (const col of shareColumns(doc)) {
    const comp = share(c, rules[col.first]!.id)?.computation as { numerator?: number; percent?: string } | undefined
    cells.push(comp?.numerator ?? null, comp?.percent ?? null)
  }
  for (const r of rules) {
    const k = share(c, r.id)
    cells.push(k ? String(k.computation.expression) : null, yesNo(k?.fired, w), k?.margin ?? null)
  }
  cells.push(yesNo(c.checks.some((k) => k.borderline), w), ...dispositionCells(c, d))
  if (doc.history !== undefined) cells.push(...historyCells(doc, c, d))
  return csvLine(cells)
}
