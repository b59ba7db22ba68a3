import { formatPercent } from '../core/fraction.js'
import type { Advisory, CadreHistory, HistoryYear, LaterYear, PersistentYear } from '../core/history.js'
import type { Check } from '../core/model.js'
import { returnedVotes } from '../core/tally.js'
import type { HistoryFileSummary } from '../commands/history.js'
import type { Dict } from '../i18n/index.js'
import { fill } from '../i18n/index.js'
import { historyWords } from '../i18n/history-words.js'
import { type ShareRuleWords, shareLabel, shareMarginText, shareName } from '../i18n/share-words.js'
import type { TallyDoc } from './report.js'

/**
 * The JSON of earlier years (SPEC §2.5): the report's `history` block (this year, the files,
 * how they matched), and per cadre its `history` (oldest first), `trend` and `advisories`.
 * Present only with `--history`: without it the report is byte for byte as before.
 */

export interface HistoryHeadDoc {
  /** This year, and where it was told: `--year`, or the vote files' names. */
  year: number
  yearSource: string
  /** item9-persistent's N (policy `history.persistentYears`). */
  persistentYears: number
  files: HistoryFileSummary[]
}

export interface HistoryShareDoc {
  rule: string
  numerator: number
  denominator: number
  percent: string
  expression: string
  fired: boolean
  margin: number | null
  borderline: boolean
}

export interface HistoryYearDoc {
  year: number
  source: string
  match: string
  /** The recorded counts, as `tally` states this year's (without groups and denominator). */
  counts: Pick<TallyDoc, 'excellent' | 'competent' | 'basicallyCompetent' | 'incompetent' | 'abstain' | 'invalid' | 'eligible' | 'returned'> | null
  denominator: number | null
  denominatorBasis: string
  withheld: string | null
  /** This year's share rules over that year's counts. */
  shares: HistoryShareDoc[]
  fired: string[]
  crossed: string[]
  disposition: { code: string; label: string; measure: string; recorded: boolean } | null
  /** What the year's kaohe report recorded as fired, under its own policy (null for a sheet). */
  recordedFired: string[] | null
  annualGrade: string | null
  incomplete: boolean
}

export interface AdvisoryDoc {
  rule: string
  item: number
  fired: boolean
  computation: Advisory['computation']
  margin: number | null
  marginText: string | null
  borderline: boolean
  text: string
  /** The Opinion's words the check rests on. */
  quote: string
  /** item10-reappointment, fired: the option for the committee and the procedure. */
  options: Array<{ code: string; label: string }>
  prerequisites: Array<{ code: string; label: string }>
}

export interface CadreHistoryDocs {
  history: HistoryYearDoc[]
  trend: { since: number; crossed: string[] } | null
  advisories: AdvisoryDoc[]
}

const shareDoc = (k: Check, d: Dict): HistoryShareDoc | null => {
  const c = k.computation
  if (c.kind !== 'share') return null
  const percent = formatPercent(BigInt(c.numerator), BigInt(c.denominator))
  // The sign as this year's checks show it: the comparison when it holds, its negation when not.
  const sym = (k.fired ? d.share.holds : d.share.fails)[c.comparison]
  return { rule: k.rule, numerator: c.numerator, denominator: c.denominator, percent, expression: `${c.numerator}/${c.denominator} ${sym} ${c.threshold}`, fired: k.fired, margin: k.margin, borderline: k.borderline }
}

const yearDoc = (y: HistoryYear, d: Dict, basis: string): HistoryYearDoc => {
  const t = y.tally
  return {
    year: y.year,
    source: y.file,
    match: y.match,
    counts:
      t === null
        ? null
        : { excellent: t.excellent, competent: t.competent, basicallyCompetent: t.basicallyCompetent, incompetent: t.incompetent, abstain: t.abstain, invalid: t.invalid, eligible: t.eligible, returned: y.participated ?? returnedVotes(t) },
    denominator: y.denominator,
    denominatorBasis: basis,
    withheld: y.withheld,
    shares: y.checks.map((k) => shareDoc(k, d)).filter((s): s is HistoryShareDoc => s !== null),
    fired: y.fired,
    crossed: y.crossed,
    disposition: y.disposition === null ? null : { code: y.disposition.code, label: d.disposition[y.disposition.code], measure: y.disposition.measure, recorded: y.disposition.recorded },
    recordedFired: y.recordedFired,
    annualGrade: y.annualGrade,
    incomplete: y.incomplete,
  }
}

const persistentYearText = (y: PersistentYear, d: Dict): string => {
  const w = historyWords(d.lang)
  if ((y.status === 'fired' || y.status === 'not-fired') && y.numerator !== null && y.denominator !== null) {
    const share = fill(w.yearShare, { year: y.year, num: y.numerator, den: y.denominator, percent: formatPercent(BigInt(y.numerator), BigInt(y.denominator)) })
    return y.status === 'fired' ? share : `${share} ${w.status['not-fired']}`
  }
  return fill(w.yearStatus, { year: y.year, status: w.status[y.status] })
}

const laterYearText = (y: LaterYear, d: Dict, b: number, shares: ReadonlyMap<string, ShareRuleWords>): string => {
  const w = historyWords(d.lang)
  const name = (id: string): string => {
    const r = shares.get(id)
    if (r !== undefined) return shareName(d, r)
    return Object.hasOwn(d.rule, id) ? d.rule[id as keyof Dict['rule']] : id
  }
  if (y.status === 'fired') return fill(w.laterFired, { year: y.year, rules: y.fired.length > 0 ? y.fired.map(name).join(w.yearsJoin) : d.disposition[y.code ?? 'none'] })
  if (y.status === 'borderline') return fill(w.laterBorderline, { year: y.year, m: y.margin ?? 0, b })
  if (y.status === 'clear') return y.margin === null ? fill(w.yearStatus, { year: y.year, status: w.status['not-fired'] }) : fill(w.laterClear, { year: y.year, m: y.margin })
  return fill(w.yearStatus, { year: y.year, status: w.status[y.status] })
}

const advisoryDoc = (a: Advisory, d: Dict, shares: ReadonlyMap<string, ShareRuleWords>): AdvisoryDoc => {
  const w = historyWords(d.lang)
  const c = a.computation
  let text: string
  let marginText: string | null = null
  const options: AdvisoryDoc['options'] = []
  const prerequisites: AdvisoryDoc['prerequisites'] = []
  if (c.kind === 'persistent') {
    const rule = shares.get(c.shareRule)
    const label = rule === undefined ? c.shareRule : shareLabel(d, rule)
    const quote = w.quote['item9-persistent']
    if (a.fired) {
      text = fill(w.persistent, { rule: label, count: c.years.length, years: c.years.map((y) => persistentYearText(y, d)).join(w.yearsJoin), quote })
      if (a.margin !== null) marginText = fill(w.persistentMargin, { m: a.margin })
    } else {
      const short = c.years.filter((y) => y.status !== 'fired')
      text = fill(w.persistentNot, { rule: label, years: short.map((y) => persistentYearText(y, d)).join(w.yearsJoin), quote })
      if (a.margin !== null && rule !== undefined) marginText = `${fill(w.persistentMarginNot, { m: a.margin })}${d.punct.paren(shareMarginText(d, rule, false, a.margin))}`
    }
  } else {
    const adj = c.adjusted
    const adjusted = fill(adj.recorded ? w.adjustedRecorded : w.adjustedRecomputed, { year: adj.year, measure: d.disposition[adj.code] })
    const quote = w.quote['item10-reappointment']
    if (a.fired) {
      text = fill(w.reappointment, { adjusted, years: c.years.map((y) => laterYearText(y, d, c.borderlineVotes, shares)).join(w.yearsJoin), m: a.margin ?? '—', b: c.borderlineVotes, quote })
      options.push({ code: 'reappointment', label: w.option })
      prerequisites.push({ code: 'reappointment-conditions', label: w.conditions }, { code: 'appointment-procedure', label: d.prerequisite['appointment-procedure'] })
    } else {
      const blocking = c.years.filter((y) => y.status !== 'clear')
      text = fill(w.reappointmentNot, { adjusted, years: blocking.map((y) => laterYearText(y, d, c.borderlineVotes, shares)).join(w.yearsJoin) })
    }
  }
  return {
    rule: a.rule,
    item: a.item,
    fired: a.fired,
    computation: c,
    margin: a.margin,
    marginText,
    borderline: a.borderline,
    text,
    quote: w.quote[a.rule],
    options,
    prerequisites,
  }
}

/** A cadre's earlier years as the JSON states them, with the words of the report's language. */
export const cadreHistoryDocs = (h: CadreHistory, d: Dict, shares: ReadonlyMap<string, ShareRuleWords>, basis: string): CadreHistoryDocs => ({
  history: h.years.map((y) => yearDoc(y, d, basis)),
  trend: h.trend,
  advisories: h.advisories.map((a) => advisoryDoc(a, d, shares)),
})
