import { compareShare, parseFraction, type Room, shareMargin } from '../fraction.js'
import { GRADES, type Mark, MARKS } from '../marks.js'
import { defaultShareOptions, defaultSharePrerequisites } from '../measures.js'
import type { Rule } from '../model.js'
import type { Tally } from '../tally.js'
import type { DenominatorBasis, ShareRuleSpec } from '../../policy/schema.js'

/**
 * The marks a ballot may be moved between without changing the denominator: under `valid`
 * a graded ballot stays graded and an abstention or spoilt mark stays one of those two;
 * under `returned` (every ballot returned) and `eligible` (a count of people) any mark
 * may become any other. A ballot not returned has no mark to move.
 */
const SAME_DENOMINATOR: Readonly<Record<DenominatorBasis, ReadonlyArray<readonly Mark[]>>> = {
  valid: [GRADES, ['abstain', 'invalid']],
  returned: [MARKS],
  eligible: [MARKS],
}

/**
 * How far the numerator of `marks` can move, the denominator unchanged: up by every ballot
 * outside `marks` that may become one of them, down by every ballot in `marks` that may
 * become another mark of its group. So a rule over every grade under `valid` (always 100 %)
 * has no room at all, and one over 优秀 + 称职 moves by the other grades only.
 */
export const roomOf = (tally: Tally, marks: ReadonlySet<Mark>, basis: DenominatorBasis): Room => movesOf(marks)[basis](tally)

/** `roomOf` for one set of marks, its groups split once (a report checks every cadre against it). */
const movesOf = (marks: ReadonlySet<Mark>): Readonly<Record<DenominatorBasis, (t: Tally) => Room>> => {
  const of = (basis: DenominatorBasis) => {
    // The marks whose ballots can move into the numerator, and those in it that can move out.
    const ups: Mark[] = []
    const downs: Mark[] = []
    for (const group of SAME_DENOMINATOR[basis]) {
      const inside = group.filter((m) => marks.has(m))
      const outside = group.filter((m) => !marks.has(m))
      if (inside.length > 0) ups.push(...outside)
      if (outside.length > 0) downs.push(...inside)
    }
    return (t: Tally): Room => {
      let up = 0
      let down = 0
      for (const m of ups) up += t[m]
      for (const m of downs) down += t[m]
      return { up: BigInt(up), down: BigInt(down) }
    }
  }
  return { valid: of('valid'), returned: of('returned'), eligible: of('eligible') }
}

/**
 * A share rule of the policy as a rule: the share of the denominator its marks hold,
 * compared exactly with its share (第9项 for the built-in ones: "优秀和称职得票率达不到三分之二",
 * "不称职得票率超过三分之一"), with its margin and borderline, fired or not.
 */
export const shareRule = (spec: ShareRuleSpec): Rule => {
  const f = parseFraction(spec.share)!
  const moves = movesOf(new Set<Mark>(spec.marks))
  const options = spec.options ?? defaultShareOptions(spec.measure)
  const prerequisites = spec.prerequisites ?? defaultSharePrerequisites(spec.item, spec.measure)
  return {
    id: spec.id,
    item: spec.item,
    measure: spec.measure,
    needsVotes: true,
    check: ({ cadre, denominator, policy }) => {
      if (cadre.tally === null || denominator === null || denominator <= 0) return null
      const tally = cadre.tally
      const numerator = spec.marks.reduce((sum, m) => sum + tally[m], 0)
      const num = BigInt(numerator)
      const den = BigInt(denominator)
      const m = shareMargin(num, den, f, spec.comparison, moves[policy.denominator](tally))
      const margin = m === null ? null : Number(m)
      return {
        rule: spec.id,
        item: spec.item,
        fired: compareShare(num, den, f, spec.comparison),
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
        options,
        prerequisites,
      }
    },
  }
}
