import { type Comparison, compareShare, parseFraction, shareMargin } from '../fraction.js'
import type { Grade } from '../marks.js'
import type { Check, MeasureCode, RuleContext, RuleId } from '../model.js'

/** A rule of item 9: a share of the denominator compared with a policy threshold. */
export const checkShare = (
  ctx: RuleContext,
  spec: { rule: RuleId; item: number; measure: MeasureCode; marks: Grade[]; share: string; comparison: Comparison },
): Check | null => {
  const { cadre, denominator, policy } = ctx
  if (cadre.tally === null || denominator === null || denominator <= 0) return null
  const f = parseFraction(spec.share)!
  const tally = cadre.tally
  const numerator = spec.marks.reduce((sum, m) => sum + tally[m], 0)
  const num = BigInt(numerator)
  const den = BigInt(denominator)
  const fired = compareShare(num, den, f, spec.comparison)
  const m = shareMargin(num, den, f, spec.comparison)
  const margin = m === null ? null : Number(m)
  return {
    rule: spec.rule,
    item: spec.item,
    fired,
    measure: spec.measure,
    computation: {
      kind: 'share',
      numerator,
      numeratorMarks: spec.marks,
      denominator,
      denominatorBasis: policy.denominator,
      threshold: spec.share,
      comparison: spec.comparison,
    },
    margin,
    borderline: margin !== null && margin <= policy.borderlineVotes,
  }
}
