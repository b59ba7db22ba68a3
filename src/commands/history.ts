import { type CadreHistoryInput, matchYear, type MatchRef } from '../core/history.js'
import { type ThisYearSource, thisYearOf } from '../core/history-year.js'
import type { CadreInput } from '../core/model.js'
import { InputError, type Issue, UsageError } from '../errors.js'
import type { HistoryFileRead, YearSource } from '../input/history.js'
import type { Loaded } from '../input/load.js'
import type { LoadedPolicy } from '../policy/load.js'

/**
 * `--history` in the shell (SPEC §2.5): decide this year, check the earlier years against
 * it, match each year's records to this year's cadres (core), and say what did not match.
 */

/** One earlier year of one file, as the report's head and the stderr notice state it. */
export interface HistoryYearSummary {
  year: number
  yearSource: YearSource
  records: number
  matched: number
  unmatched: number
  ambiguous: number
}

/** A history file as the report's head states it. */
export interface HistoryFileSummary {
  path: string
  sha256: string
  kind: 'report' | 'counts'
  years: HistoryYearSummary[]
  /** The policy of a kaohe report, and how it compares with this year's; null for a sheet. */
  policy: { id: string; version: string; sha256: string } | null
  policyDiffers: boolean | null
  /** Its share rules or denominator differ from this year's; null where the file does not say. */
  shareRulesDiffer: boolean | null
}

export interface HistoryPlan {
  year: number
  yearSource: ThisYearSource
  files: HistoryFileSummary[]
  /** Per cadre id: what each earlier year holds for it (every cadre has an entry). */
  byId: Map<string, CadreHistoryInput>
  /** Unmatched and ambiguous records, a policy that differs: notices for JSON `issues`. */
  issues: Issue[]
}

/** The fields of a share rule that decide its outcome (its label does not). */
const ruleKey = (r: unknown): string => {
  const x = (r ?? {}) as Record<string, unknown>
  return JSON.stringify([x.id, x.item, x.marks, x.comparison, x.share, x.measure])
}

const notice = (file: string, row: number | null, code: string, params: Record<string, string | number>): Issue => ({
  file,
  row,
  column: null,
  columnName: null,
  value: null,
  code,
  params,
  severity: 'notice',
})

/**
 * This year (`--year`, else the vote files' names), the earlier years checked against it
 * — each earlier, none twice — and every cadre's earlier years matched.
 */
export const planHistory = (loaded: Loaded, yearOption: number | null, policy: LoadedPolicy): HistoryPlan => {
  const now = thisYearOf(
    yearOption,
    loaded.inputs.filter((i) => i.kind === 'votes').map((i) => i.path),
  )
  if (!now.ok) {
    if (now.code === 'this-year-unknown') throw new UsageError(now.code)
    throw new UsageError(now.code, { years: now.years.join('、'), files: now.files.join('、') })
  }
  const seen = new Map<number, string>()
  for (const f of loaded.history) {
    for (const y of f.years) {
      if (y.year >= now.year) throw new InputError({ code: 'history-not-earlier', params: { file: f.path, year: y.year, thisYear: now.year } })
      const other = seen.get(y.year)
      if (other !== undefined) throw new InputError({ code: 'history-year-twice', params: { year: y.year, file: f.path, other } })
      seen.set(y.year, f.path)
    }
  }

  // This year's cadres, in id order: their ids, names and units only.
  const refs: MatchRef[] = []
  for (const c of loaded.sortedCadres()) refs.push({ id: c.id, name: c.name, unit: c.unit })
  const perCadre: Array<CadreHistoryInput['years']> = refs.map(() => [])
  const issues: Issue[] = []
  const files: HistoryFileSummary[] = []
  const ours = policy.policy
  const ourRules = ours.shareRules.map(ruleKey).join('\n')
  for (const f of loaded.history) {
    const years: HistoryYearSummary[] = []
    for (const y of f.years) {
      const m = matchYear(refs, y.input)
      for (const [i, v] of m.matched) perCadre[i]!.push({ year: y.year, file: f.path, match: v.match, record: y.input.records[v.record]! })
      for (const i of m.ambiguous) perCadre[i]!.push({ year: y.year, file: f.path, match: 'ambiguous', record: null })
      for (const x of m.issues) issues.push(notice(x.file, x.row, x.code, x.params))
      years.push({
        year: y.year,
        yearSource: y.yearSource,
        records: y.input.records.length,
        matched: m.matched.size,
        unmatched: m.issues.filter((x) => x.code !== 'history-ambiguous').length,
        ambiguous: m.issues.filter((x) => x.code === 'history-ambiguous').length,
      })
    }
    files.push({ path: f.path, sha256: f.record.sha256, kind: f.kind, years, ...policyOf(f, policy, ourRules, issues) })
  }
  const byId = new Map<string, CadreHistoryInput>()
  refs.forEach((r, i) => byId.set(r.id, { year: now.year, years: perCadre[i]!.sort((a, b) => a.year - b.year) }))
  return { year: now.year, yearSource: now.source, files, byId, issues }
}

/** How a report's policy compares with this year's; a difference is said (SPEC §2.5). */
const policyOf = (f: HistoryFileRead, policy: LoadedPolicy, ourRules: string, issues: Issue[]): Pick<HistoryFileSummary, 'policy' | 'policyDiffers' | 'shareRulesDiffer'> => {
  if (f.policy === null) return { policy: null, policyDiffers: null, shareRulesDiffer: null }
  const p = f.policy
  const differs = p.sha256 !== policy.sha256
  const rules = p.shareRules === null || p.denominator === null ? null : p.denominator !== policy.policy.denominator || p.shareRules.map(ruleKey).join('\n') !== ourRules
  if (differs) {
    issues.push(
      notice(f.path, null, 'history-policy-differs', {
        file: f.path,
        year: f.years.map((y) => y.year).join('、'),
        theirs: `${p.id} ${p.version}`,
        ours: `${policy.policy.id} ${policy.policy.version}`,
        rules: rules === null ? 'unknown' : rules ? 'differ' : 'same',
      }),
    )
  }
  return { policy: { id: p.id, version: p.version, sha256: p.sha256 }, policyDiffers: differs, shareRulesDiffer: differs ? rules : false }
}

/** This year's cadres with their earlier years, one at a time (the stream keeps none). */
export function* withHistory(cadres: Iterable<CadreInput>, plan: HistoryPlan): Generator<CadreInput> {
  for (const c of cadres) yield Object.assign(c, { history: plan.byId.get(c.id) ?? { year: plan.year, years: [] } })
}
