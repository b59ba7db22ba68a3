import type { Policy } from '../policy/schema.js'
import { voteBasis } from './basis.js'
import type { Grade } from './marks.js'
import {
  type CadreInput,
  type Check,
  type Disposition,
  type DispositionCode,
  MEASURE_SEVERITY,
  type MeasureCode,
  type Rule,
  type RuleId,
  type WithheldReason,
} from './model.js'
import type { Tally } from './tally.js'
import { listParam } from '../errors.js'

/**
 * Earlier years (SPEC §2.5). Item 9 counts "所负责的工作长期处于落后状态" among the signs of a
 * cadre unfit for the post, and item 10 lets an adjusted cadre who does well be re-appointed
 * "根据个人表现和民意情况": both look past this year. This module matches the cadres of earlier
 * years to this year's, re-reads their recorded counts under this year's share rules, and
 * makes the two advisory checks. Pure: the shell reads the files and hands in the records.
 */

/** One cadre in one earlier year, as a history file records it (validated by the shell). */
export interface HistoryRecord {
  /** The cadre's id as the file gives it ('' when it gives none). */
  id: string
  name: string
  unit: string
  /** The recorded counts; null when that year had no vote data for the cadre. */
  tally: Tally | null
  /** 实参加人数 / returned ballots, where recorded. */
  participated: number | null
  /** What a kaohe report recorded that year (its own policy): disposition and fired rules. Null for a count sheet. */
  recorded: { code: DispositionCode; measure: MeasureCode; fired: RuleId[] } | null
  /** 年度考核等次 that year, where recorded. */
  annualGrade: Grade | null
  /** Rows touching the cadre were left out that year (a lenient run): the counts may be short. */
  incomplete: boolean
  /** Where the record is: the file (or sheet), and its row in a count sheet. */
  at: { file: string; row: number | null }
}

/** The records of one earlier year: one file, or one year of a file with a 年度 column. */
export interface HistoryYearInput {
  year: number
  file: string
  records: HistoryRecord[]
}

/** How a cadre of this year was found in an earlier year. */
export type MatchKind = 'id' | 'name-unit' | 'name'

/** What a cadre of this year carries into its assessment: this year, and what each earlier year holds for it. */
export interface CadreHistoryInput {
  year: number
  /** Oldest first; a year that holds nothing for the cadre is left out. */
  years: Array<{ year: number; file: string; match: MatchKind; record: HistoryRecord } | { year: number; file: string; match: 'ambiguous'; record: null }>
}

/** A cadre as matching sees it: its id (maybe made from its name), name and unit. */
export interface MatchRef {
  id: string
  name: string
  unit: string
}

/**
 * The id a row really gives. Readers key a cadre named without an id by its name (or
 * "name/unit"), and reports carry that key as its `id`; such an id says nothing a name
 * does not, so matching treats it as none.
 */
export const givenId = (r: MatchRef): string => (r.id === '' || r.id === r.name || r.id === `${r.name}/${r.unit}` ? '' : r.id)

/** A problem matching one earlier year, located at the record (file, row), for JSON `issues`. */
export interface MatchIssue {
  code: 'history-unmatched' | 'history-ambiguous' | 'history-id-name-mismatch'
  year: number
  file: string
  row: number | null
  params: Record<string, string | number>
}

export interface YearMatch {
  /** Index of this year's cadre → index of its record and how it was found. */
  matched: Map<number, { record: number; match: MatchKind }>
  /** This year's cadres whom the year names ambiguously (their history says so for that year). */
  ambiguous: Set<number>
  issues: MatchIssue[]
}

const nameUnit = (r: MatchRef): string => (r.unit === '' ? r.name : `${r.name}（${r.unit}）`)
const who = (r: MatchRef): string => {
  const id = givenId(r)
  return id === '' ? nameUnit(r) : `${id} ${nameUnit(r)}`
}

/**
 * Match this year's cadres to one earlier year's records (SPEC §2.5): by id; else by name +
 * unit — a unit missing on either side lets the name decide alone. A pair is made only
 * when each side has exactly one candidate: anything else is listed as ambiguous and left
 * unused, never guessed. Two ids that differ are two people, whatever their names; one id
 * under two names is listed, not matched. Records that match no cadre are listed too.
 */
export const matchYear = (cadres: readonly MatchRef[], year: HistoryYearInput): YearMatch => {
  const recs = year.records
  const cid = cadres.map(givenId)
  const rid = recs.map(givenId)
  const matched = new Map<number, { record: number; match: MatchKind }>()
  const ambiguous = new Set<number>()
  const issues: MatchIssue[] = []
  const used = new Set<number>()
  const issue = (code: MatchIssue['code'], r: number, params: Record<string, string | number>): void => {
    issues.push({ code, year: year.year, file: recs[r]!.at.file, row: recs[r]!.at.row, params: { year: year.year, ...params } })
  }

  // 1. By id: an id names one cadre in every year.
  const byId = new Map<string, number>()
  rid.forEach((id, r) => {
    if (id !== '' && !byId.has(id)) byId.set(id, r)
  })
  cadres.forEach((c, i) => {
    if (cid[i] === '') return
    const r = byId.get(cid[i]!)
    if (r === undefined || used.has(r)) return
    used.add(r)
    const rec = recs[r]!
    if (c.name !== '' && rec.name !== '' && c.name !== rec.name) {
      issue('history-id-name-mismatch', r, { id: cid[i]!, name: rec.name, current: c.name })
      return
    }
    matched.set(i, { record: r, match: 'id' })
  })

  // 2. By name (+ unit), among what is left, one name at a time.
  const cadresByName = new Map<string, number[]>()
  cadres.forEach((c, i) => {
    if (!matched.has(i) && c.name !== '') cadresByName.set(c.name, [...(cadresByName.get(c.name) ?? []), i])
  })
  const recsByName = new Map<string, number[]>()
  recs.forEach((rec, r) => {
    if (!used.has(r) && rec.name !== '') recsByName.set(rec.name, [...(recsByName.get(rec.name) ?? []), r])
  })
  for (const [name, rs] of recsByName) {
    const cs = cadresByName.get(name) ?? []
    // Two ids that differ are two people; a unit missing on either side does not tell them apart.
    const fits = (i: number, r: number): boolean =>
      !(cid[i] !== '' && rid[r] !== '') && (cadres[i]!.unit === '' || recs[r]!.unit === '' || cadres[i]!.unit === recs[r]!.unit)
    const forCadre = new Map(cs.map((i) => [i, rs.filter((r) => fits(i, r))]))
    const forRecord = new Map(rs.map((r) => [r, cs.filter((i) => fits(i, r))]))
    const tangled: number[] = []
    for (const r of rs) {
      const fit = forRecord.get(r)!
      if (fit.length === 1 && forCadre.get(fit[0]!)!.length === 1) {
        const i = fit[0]!
        matched.set(i, { record: r, match: cadres[i]!.unit !== '' && recs[r]!.unit !== '' ? 'name-unit' : 'name' })
      } else if (fit.length === 0) {
        // The name is there, under another unit (or another id): said, so a clerk can add ids.
        issue('history-unmatched', r, { name: nameUnit(recs[r]!), id: rid[r]!, others: listParam(cs.map((i) => who(cadres[i]!))) })
      } else tangled.push(r)
      used.add(r)
    }
    // What is left of the name fits more than one way: listed once, with every candidate, and left unused.
    if (tangled.length > 0) {
      const whom = cs.filter((i) => !matched.has(i) && forCadre.get(i)!.some((r) => tangled.includes(r)))
      for (const i of whom) ambiguous.add(i)
      issue('history-ambiguous', tangled[0]!, {
        name,
        records: listParam(tangled.map((r) => nameUnit(recs[r]!))),
        cadres: listParam(whom.map((i) => who(cadres[i]!))),
      })
    }
  }
  // 3. Records with an id no cadre has, and no name to look for.
  recs.forEach((rec, r) => {
    if (!used.has(r)) issue('history-unmatched', r, { name: rid[r]!, id: rid[r]!, others: '' })
  })
  issues.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || (a.row ?? 0) - (b.row ?? 0) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
  return { matched, ambiguous, issues }
}

/** One earlier year of a cadre, its counts judged by this year's share rules. */
export interface HistoryYear {
  year: number
  file: string
  match: MatchKind | 'ambiguous'
  tally: Tally | null
  participated: number | null
  /** This year's denominator over that year's counts; null when it cannot be judged. */
  denominator: number | null
  withheld: WithheldReason | null
  /** This year's share rules over that year's counts (SPEC §2.5: recomputed, never copied). */
  checks: Check[]
  fired: RuleId[]
  /** Share rules whose outcome differs from the year before it on record: a line crossed, either way. */
  crossed: RuleId[]
  /** The year's disposition: as its kaohe report recorded it, else what this year's share rules make of its counts. */
  disposition: { code: DispositionCode; measure: MeasureCode; recorded: boolean } | null
  /** The rules its kaohe report recorded as fired (under its own policy); null for a count sheet. */
  recordedFired: RuleId[] | null
  annualGrade: Grade | null
  incomplete: boolean
}

/** The two advisory checks (SPEC §2.5): notes for the committee, never a measure by themselves. */
export type AdvisoryId = 'item9-persistent' | 'item10-reappointment'

/** A year as item9-persistent sees it, for one share rule. */
export interface PersistentYear {
  year: number
  status: 'fired' | 'not-fired' | 'missing' | 'ambiguous' | 'incomplete' | 'not-judged'
  numerator: number | null
  denominator: number | null
  margin: number | null
}

/** A later year as item10-reappointment sees it. */
export interface LaterYear {
  year: number
  status: 'clear' | 'borderline' | 'fired' | 'missing' | 'ambiguous' | 'incomplete' | 'not-judged'
  /** Share rules that fired that year (this year's rules). */
  fired: RuleId[]
  /** The year's disposition code (recorded, or this year's for this year). */
  code: DispositionCode | null
  /** The smallest margin of the year's share rules, and the rule it belongs to. */
  margin: number | null
  marginRule: RuleId | null
}

export interface PersistentComputation {
  kind: 'persistent'
  shareRule: RuleId
  persistentYears: number
  /** The years looked at, oldest first, this year last. */
  years: PersistentYear[]
}

export interface ReappointmentComputation {
  kind: 'reappointment'
  /** The latest earlier year whose disposition was an adjustment or a dismissal. */
  adjusted: { year: number; code: 'adjustment' | 'dismissal'; recorded: boolean }
  borderlineVotes: number
  /** Every year since, this year last. */
  years: LaterYear[]
}

export interface Advisory {
  rule: AdvisoryId
  item: 9 | 10
  fired: boolean
  computation: PersistentComputation | ReappointmentComputation
  /**
   * item9-persistent: fired, the fewest votes that, moved in one year, break the run; not
   * fired, the votes the years short of it lack together (null where a year is missing).
   * item10-reappointment: the smallest margin of any share rule in the years since.
   */
  margin: number | null
  borderline: boolean
}

export interface CadreHistory {
  year: number
  years: HistoryYear[]
  /** This year against the last earlier year on record: the lines crossed since. */
  trend: { since: number; crossed: RuleId[] } | null
  advisories: Advisory[]
}

/** A year's record judged by this year's share rules, as if it were this year's cadre. */
const judgeYear = (c: CadreInput, y: CadreHistoryInput['years'][number], policy: Policy, shareRules: readonly Rule[]): HistoryYear => {
  if (y.match === 'ambiguous') {
    return { year: y.year, file: y.file, match: 'ambiguous', tally: null, participated: null, denominator: null, withheld: null, checks: [], fired: [], crossed: [], disposition: null, recordedFired: null, annualGrade: null, incomplete: false }
  }
  const rec = y.record
  const then: CadreInput = Object.assign({}, c, { tally: rec.tally, participated: rec.participated, incomplete: rec.incomplete, groups: [] })
  const basis = voteBasis(then, policy)
  const checks: Check[] = []
  for (const rule of shareRules) {
    const k = rule.check({ cadre: then, policy, denominator: basis.denominator })
    if (k !== null) checks.push(k)
  }
  const fired = checks.filter((k) => k.fired)
  let disposition: HistoryYear['disposition'] = null
  if (rec.recorded !== null) disposition = { code: rec.recorded.code, measure: rec.recorded.measure, recorded: true }
  else if (rec.tally !== null) {
    // A count sheet records no disposition: what this year's share rules make of its counts.
    const measure = fired.reduce<MeasureCode>((m, k) => (MEASURE_SEVERITY[k.measure] > MEASURE_SEVERITY[m] ? k.measure : m), 'none')
    disposition = { code: rec.incomplete ? 'data-incomplete' : basis.withheld !== null ? 'withheld' : measure, measure, recorded: false }
  }
  return {
    year: y.year,
    file: y.file,
    match: y.match,
    tally: rec.tally,
    participated: rec.participated,
    denominator: basis.denominator,
    withheld: basis.withheld,
    checks,
    fired: fired.map((k) => k.rule),
    crossed: [],
    disposition,
    recordedFired: rec.recorded?.fired ?? null,
    annualGrade: rec.annualGrade,
    incomplete: rec.incomplete,
  }
}

/** The share rules whose outcome differs between two judged years (both checked). */
const crossedBetween = (before: readonly Check[], after: readonly Check[]): RuleId[] =>
  after.filter((k) => before.some((b) => b.rule === k.rule && b.fired !== k.fired)).map((k) => k.rule)

/** Can a year's counts be relied on for a check over years? */
const usable = (y: HistoryYear): boolean => y.match !== 'ambiguous' && !y.incomplete && y.checks.length > 0

/**
 * item9-persistent (第9项, "长期处于落后状态"): a share rule that fired this year fired in each
 * of the previous N calendar years too (policy `history.persistentYears`). A year missing,
 * named ambiguously, incomplete or not judged breaks the run: the note is never guessed.
 */
const persistent = (now: readonly Check[], thisYear: number, years: readonly HistoryYear[], n: number, borderlineVotes: number): Advisory[] => {
  const out: Advisory[] = []
  for (const k of now) {
    if (!k.fired || k.computation.kind !== 'share') continue
    const window: PersistentYear[] = []
    for (let y = thisYear - n; y < thisYear; y++) {
      const h = years.find((x) => x.year === y)
      const hk = h?.checks.find((x) => x.rule === k.rule)
      const status: PersistentYear['status'] =
        h === undefined ? 'missing' : h.match === 'ambiguous' ? 'ambiguous' : h.incomplete ? 'incomplete' : hk === undefined ? 'not-judged' : hk.fired ? 'fired' : 'not-fired'
      const comp = hk?.computation.kind === 'share' ? hk.computation : null
      window.push({ year: y, status, numerator: comp?.numerator ?? null, denominator: comp?.denominator ?? null, margin: hk?.margin ?? null })
    }
    const here: PersistentYear = { year: thisYear, status: 'fired', numerator: k.computation.numerator, denominator: k.computation.denominator, margin: k.margin }
    const fired = window.every((w) => w.status === 'fired')
    let margin: number | null
    if (fired) {
      const ms = [...window, here].map((w) => w.margin).filter((m): m is number => m !== null)
      margin = ms.length === 0 ? null : Math.min(...ms)
    } else {
      const short = window.filter((w) => w.status !== 'fired')
      margin = short.every((w) => w.status === 'not-fired' && w.margin !== null) ? short.reduce((s, w) => s + w.margin!, 0) : null
    }
    out.push({
      rule: 'item9-persistent',
      item: 9,
      fired,
      computation: { kind: 'persistent', shareRule: k.rule, persistentYears: n, years: [...window, here] },
      margin,
      borderline: margin !== null && margin <= borderlineVotes,
    })
  }
  return out
}

/** The smallest margin among a year's share checks that did not fire, and its rule. */
const smallestMargin = (checks: readonly Check[]): { margin: number | null; rule: RuleId | null } => {
  let best: { margin: number | null; rule: RuleId | null } = { margin: null, rule: null }
  for (const k of checks) {
    if (k.fired || k.margin === null) continue
    if (best.margin === null || k.margin < best.margin) best = { margin: k.margin, rule: k.rule }
  }
  return best
}

/** A later year's standing: clear only when no rule fired and every margin is above `borderlineVotes`. */
const laterStatus = (checks: readonly Check[], code: DispositionCode | null, judged: boolean, borderlineVotes: number): LaterYear['status'] => {
  if (!judged || checks.length === 0 || code === 'withheld' || code === 'no-data') return 'not-judged'
  if (code === 'data-incomplete') return 'incomplete'
  if (checks.some((k) => k.fired) || (code !== null && code !== 'none')) return 'fired'
  return checks.some((k) => k.margin !== null && k.margin <= borderlineVotes) ? 'borderline' : 'clear'
}

/**
 * item10-reappointment (第10项): the latest earlier year shows an adjustment or a dismissal,
 * and every calendar year since — this one included — fires no rule, with every share
 * rule's margin above `borderlineVotes`: "可根据个人表现和民意情况，按规定重新任用" is an option
 * for the committee. A year missing since then leaves it unsaid.
 */
const reappointment = (a: { checks: readonly Check[]; disposition: Disposition }, thisYear: number, years: readonly HistoryYear[], borderlineVotes: number): Advisory[] => {
  const adjusted = [...years]
    .reverse()
    .find((y) => y.disposition !== null && (y.disposition.code === 'adjustment' || y.disposition.code === 'dismissal'))
  if (adjusted === undefined) return []
  const later: LaterYear[] = []
  for (let y = adjusted.year + 1; y < thisYear; y++) {
    const h = years.find((x) => x.year === y)
    if (h === undefined || h.match === 'ambiguous') {
      later.push({ year: y, status: h === undefined ? 'missing' : 'ambiguous', fired: [], code: null, margin: null, marginRule: null })
      continue
    }
    const m = smallestMargin(h.checks)
    const status = h.incomplete ? 'incomplete' : laterStatus(h.checks, h.disposition?.code ?? null, true, borderlineVotes)
    later.push({ year: y, status, fired: h.fired, code: h.disposition?.code ?? null, margin: m.margin, marginRule: m.rule })
  }
  const shares = a.checks.filter((k) => k.computation.kind === 'share')
  const m = smallestMargin(shares)
  later.push({
    year: thisYear,
    status: laterStatus(shares, a.disposition.code, true, borderlineVotes),
    fired: a.checks.filter((k) => k.fired).map((k) => k.rule),
    code: a.disposition.code,
    margin: m.margin,
    marginRule: m.rule,
  })
  const fired = later.every((y) => y.status === 'clear')
  const ms = later.map((y) => y.margin).filter((x): x is number => x !== null)
  const margin = ms.length === 0 ? null : Math.min(...ms)
  return [
    {
      rule: 'item10-reappointment',
      item: 10,
      fired,
      computation: {
        kind: 'reappointment',
        adjusted: { year: adjusted.year, code: adjusted.disposition!.code as 'adjustment' | 'dismissal', recorded: adjusted.disposition!.recorded },
        borderlineVotes,
        years: later,
      },
      margin,
      borderline: margin !== null && margin <= borderlineVotes,
    },
  ]
}

/** How many earlier years item9-persistent asks for (policy `history.persistentYears`, default 1). */
export const persistentYearsOf = (policy: Policy): number => policy.history?.persistentYears ?? 1

/**
 * A cadre's earlier years judged by this year's share rules, the lines crossed year on year,
 * and the two advisory checks — from this year's assessment (its checks and disposition,
 * which the history never changes).
 */
export const assessHistory = (
  c: CadreInput,
  h: CadreHistoryInput,
  now: { checks: readonly Check[]; disposition: Disposition },
  policy: Policy,
  shareRules: readonly Rule[],
): CadreHistory => {
  const years = [...h.years].sort((a, b) => a.year - b.year).map((y) => judgeYear(c, y, policy, shareRules))
  let last: HistoryYear | null = null
  for (const y of years) {
    if (!usable(y)) continue
    if (last !== null) y.crossed = crossedBetween(last.checks, y.checks)
    last = y
  }
  const shares = now.checks.filter((k) => k.computation.kind === 'share')
  const trend = last === null || shares.length === 0 ? null : { since: last.year, crossed: crossedBetween(last.checks, shares) }
  return {
    year: h.year,
    years,
    trend,
    advisories: [...persistent(shares, h.year, years, persistentYearsOf(policy), policy.borderlineVotes), ...reappointment(now, h.year, years, policy.borderlineVotes)],
  }
}
