import type { Policy } from '../policy/schema.js'
import {
  type CadreAssessment,
  type CadreInput,
  type Check,
  type Disposition,
  type DispositionCode,
  MEASURE_SEVERITY,
  type MeasureCode,
  type NoteCode,
  OPTION_CODES,
  PREREQUISITE_CODES,
  type Rule,
  type WithheldReason,
} from './model.js'
import { voteBasis } from './basis.js'
import { assessHistory } from './history.js'
import { rulesOf } from './rules/index.js'
import { compareIds } from './order.js'

/**
 * The headline: the most severe measure among the fired rules; status codes first.
 * `judgesVotes`: the run judges vote shares, so a cadre without vote data is `no-data`
 * unless another rule (item 3 or 5) gives a measure — which then stands with that reason.
 */
export const dispose = (
  c: CadreInput,
  checks: Check[],
  withheld: WithheldReason | null,
  judgesVotes = false,
): Disposition => {
  const fired = checks
    .filter((k) => k.fired)
    .sort((a, b) => MEASURE_SEVERITY[b.measure] - MEASURE_SEVERITY[a.measure])
  const measure: MeasureCode = fired[0]?.measure ?? 'none'
  const headline = fired.filter((f) => f.measure === measure)
  let code: DispositionCode = measure
  let reason: Disposition['reason'] = null
  if (c.incomplete || c.nameAmbiguous) {
    code = 'data-incomplete'
    reason = c.incomplete ? 'rows-left-out' : 'name-ambiguous'
  } else if (withheld !== null) {
    code = 'withheld'
    reason = withheld
  } else if (judgesVotes && c.tally === null) {
    // SPEC §3: never "无需处置" for a cadre nobody voted on.
    if (measure === 'none') code = 'no-data'
    reason = 'no-evaluation-data'
  }
  return {
    code,
    measure,
    basis: fired.map((f) => f.rule),
    // The options of the rules behind the headline measure; 第8项: 改任副职 only for a principal post.
    options: fired.length === 0 ? [] : OPTION_CODES.filter((o) => headline.some((f) => f.options.includes(o)) && (o !== 'deputy-post' || c.principal === true)),
    // Every fired rule's steps; a borderline finding is recounted first.
    prerequisites:
      fired.length === 0
        ? []
        : PREREQUISITE_CODES.filter((p) => (p === 'recount' ? fired.some((f) => f.borderline) : fired.some((f) => f.prerequisites.includes(p)))),
    reason,
  }
}

/** Do these rules judge vote shares (assess, tally — not `reports`)? */
export const judgesVotes = (rules: readonly Rule[]): boolean => rules.some((r) => r.needsVotes === true)

/** Assess one cadre against the rules (by default every rule of the policy). */
export const assessCadre = (c: CadreInput, policy: Policy, rules: readonly Rule[] = rulesOf(policy)): CadreAssessment => {
  const basis = voteBasis(c, policy)
  const checks: Check[] = []
  for (const rule of rules) {
    const check = rule.check({ cadre: c, policy, denominator: basis.denominator })
    if (check !== null) checks.push(check)
  }
  const notes: NoteCode[] = []
  if (c.tally === null) notes.push('no-evaluation-data')
  // Reports given, none for a cadre no roster lists: whether one was due is not known.
  if (c.report === null && c.mustReport === null) notes.push('not-on-roster-checks')
  if (basis.withheld !== null) notes.push(basis.withheld)
  if (c.incomplete) notes.push('rows-left-out')
  if (c.nameAmbiguous) notes.push('name-ambiguous')
  const disposition = dispose(c, checks, basis.withheld, judgesVotes(rules))
  const a: CadreAssessment = { cadre: c, denominator: basis.denominator, denominatorBasis: policy.denominator, checks, disposition, notes }
  // SPEC §2.5: earlier years are judged by this year's share rules; they add notes, never a measure.
  if (c.history !== undefined) a.history = assessHistory(c, c.history, a, policy, rulesOf(policy, 'votes'))
  return a
}

export interface Assessment {
  cadres: CadreAssessment[]
  byDisposition: Record<DispositionCode, number>
}

/** Assess every cadre, sorted by id so that two runs give the same bytes. */
export const assess = (cadres: Iterable<CadreInput>, policy: Policy, rules: readonly Rule[] = rulesOf(policy)): Assessment => {
  const list = [...cadres].sort((a, b) => compareIds(a.id, b.id)).map((c) => assessCadre(c, policy, rules))
  const byDisposition: Record<DispositionCode, number> = {
    dismissal: 0,
    adjustment: 0,
    'organizational-handling': 0,
    admonishment: 0,
    none: 0,
    withheld: 0,
    'data-incomplete': 0,
    'no-data': 0,
  }
  for (const a of list) byDisposition[a.disposition.code] += 1
  return { cadres: list, byDisposition }
}

/**
 * `--fail-on CODE`: is this disposition that severe or more?  A status code matches itself;
 * the measure behind a status still counts for severity. `no-data` matches every cadre
 * without vote data (also one whose item-3 or item-5 measure is the headline), and
 * `data-incomplete` matches those too: either way the votes do not cover the cadre.
 */
export const reachesLevel = (d: Disposition, level: Exclude<DispositionCode, 'none'>): boolean => {
  const noVotes = d.code === 'no-data' || d.reason === 'no-evaluation-data'
  if (level === 'no-data') return noVotes
  if (level === 'data-incomplete') return d.code === level || noVotes
  if (level === 'withheld') return d.code === level
  return MEASURE_SEVERITY[d.measure] >= MEASURE_SEVERITY[level]
}
