import type { Policy } from '../policy/schema.js'
import { assessCadre } from './assess.js'
import type { CadreAssessment, CadreInput, Rule } from './model.js'
import { rulesOf } from './rules/index.js'

/**
 * The one stream every report is made from (SPEC §5): each cadre assessed as it is asked
 * for, in the order given, and let go. The terminal table, the JSON and CSV on stdout,
 * every `--out` file, the manifest's hash and `verify` all consume it; none holds more than
 * the cadre at hand. `cadres` must come sorted by id (two runs, the same bytes).
 */
export function* assessments(cadres: Iterable<CadreInput>, policy: Policy, rules: readonly Rule[] = rulesOf(policy)): Generator<CadreAssessment> {
  for (const c of cadres) yield assessCadre(c, policy, rules)
}
