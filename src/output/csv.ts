import type { Dict } from '../i18n/index.js'
import { ruleColumnKey } from '../policy/schema.js'
import type { CadreDoc, ReportDoc } from './report.js'
import { displayRules } from './view.js'
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
export const dispositionCells = (c: CadreDoc): Array<string | null> => [
  c.disposition?.code ?? null,
  c.disposition?.label ?? null,
  c.disposition?.basis.join(' ') ?? null,
  c.disposition?.options.map((o) => o.label).join('；') ?? null,
  c.disposition?.prerequisites.map((p) => p.label).join('；') ?? null,
  [...c.findings.map((f) => f.text), ...c.notes.map((n) => n.label)].join('；'),
]

const share = (c: CadreDoc, rule: string) => c.checks.find((k) => k.rule === rule)

/** One row per cadre: the counts, each share rule's comparison, outcome and margin, the disposition and why. */
export const renderCsv = (doc: ReportDoc, d: Dict): string =>
  `${[csvHeadLine(doc, d), ...doc.cadres.map((c) => csvCadreLine(doc, c))].join('\r\n')}\r\n`

/** The header line of the CSV report (no line break): three columns per share rule, named by its key. */
export const csvHeadLine = (doc: Pick<ReportDoc, 'policy' | 'history'>, d: Dict): string => {
  const u = d.ui
  const head = [
    u.id, u.name, u.unit, u.post,
    d.mark.excellent, d.mark.competent, d.mark.basicallyCompetent, d.mark.incompetent, d.mark.abstain, d.mark.invalid,
    'eligible', u.denominator, 'denominator_basis',
    ...displayRules(doc).flatMap((r) => {
      const key = ruleColumnKey(r.id)
      return [`${key}_expression`, `${key}_fired`, `${key}_margin`]
    }),
    u.borderline,
    'disposition', u.disposition, u.basis, u.options, u.prerequisites, u.rationale,
    ...historyHeads(doc),
  ]
  return csvLine(head)
}

/**
 * `--history` (SPEC §2.5): columns per earlier year — each share rule's comparison and
 * outcome under this year's rules, the year's disposition and how the cadre was matched —
 * then the lines crossed since the last year and the two advisory checks. Last, so that
 * the columns before keep their places.
 */
const historyHeads = (doc: Pick<ReportDoc, 'policy' | 'history'>): string[] => {
  if (!hasHistory(doc)) return []
  const rules = displayRules(doc)
  return [
    ...historyYears(doc).flatMap((y) => [
      ...rules.flatMap((r) => [`${y}_${ruleColumnKey(r.id)}_expression`, `${y}_${ruleColumnKey(r.id)}_fired`]),
      `${y}_disposition`,
      `${y}_match`,
    ]),
    'crossed_since_last_year',
    'item9_persistent',
    'item10_reappointment',
  ]
}

const historyCells = (doc: Pick<ReportDoc, 'policy' | 'history'>, c: CadreDoc): Array<string | boolean | null> => {
  if (!hasHistory(doc)) return []
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
          return [k?.expression ?? null, k?.fired ?? null]
        }),
        h?.disposition?.code ?? null,
        h?.match ?? null,
      ]
    }),
    c.trend ? c.trend.crossed.join(' ') : null,
    advisory('item9-persistent'),
    advisory('item10-reappointment'),
  ]
}

/** One cadre's line of the CSV report (no line break). */
export const csvCadreLine = (doc: Pick<ReportDoc, 'policy' | 'history'>, c: CadreDoc): string => {
  const t = c.tally
  const cells: Array<string | number | boolean | null> = [
    c.id, c.name, c.unit, c.post,
    t?.excellent ?? null, t?.competent ?? null, t?.basicallyCompetent ?? null, t?.incompetent ?? null, t?.abstain ?? null, t?.invalid ?? null,
    t?.eligible ?? null, t?.denominator ?? null, t ? t.denominatorBasis : null,
  ]
  // A loop, not a spread of a flatMap: this runs for every cadre of a streamed report.
  for (const r of displayRules(doc)) {
    const k = share(c, r.id)
    cells.push(k ? String(k.computation.expression) : null, k ? k.fired : null, k?.margin ?? null)
  }
  cells.push(c.checks.some((k) => k.borderline), ...dispositionCells(c))
  if (doc.history !== undefined) cells.push(...historyCells(doc, c))
  return csvLine(cells)
}
