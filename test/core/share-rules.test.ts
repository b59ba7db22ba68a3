import { describe, expect, it } from 'vitest'
import { assessCadre } from '../../src/core/assess.js'
import { type Comparison, compareShare, parseFraction } from '../../src/core/fraction.js'
import { type Mark, MARKS } from '../../src/core/marks.js'
import { FIXED_RULE_IDS } from '../../src/core/model.js'
import { FIXED_RULES, rulesOf } from '../../src/core/rules/index.js'
import { roomOf, shareRule } from '../../src/core/rules/share-rule.js'
import type { Tally } from '../../src/core/tally.js'
import type { DenominatorBasis, ShareRuleSpec } from '../../src/policy/schema.js'
import { cadre, policyWith, tallyOf } from '../helpers.js'

const rule = (patch: Partial<ShareRuleSpec> & Pick<ShareRuleSpec, 'marks' | 'comparison' | 'share'>): ShareRuleSpec => ({
  id: 'local-rule',
  item: 9,
  measure: 'adjustment',
  ...patch,
})

/** One rule checked for one tally under the default policy (valid ballots, borderline 1). */
const check = (r: ShareRuleSpec, t: Tally, basis: DenominatorBasis = 'valid') => {
  const policy = policyWith({ denominator: basis, shareRules: [r] })
  return assessCadre(cadre({ tally: t }), policy).checks.find((k) => k.rule === r.id)!
}

/** 30 valid ballots: `n` of them 不称职, the rest 称职. */
const incompetentOf30 = (n: number): Tally => tallyOf({ competent: 30 - n, incompetent: n })
/** 30 valid ballots: `n` of them 基本称职 or 不称职 (split), the rest 优秀 and 称职 (split). */
const basicOrWorseOf30 = (n: number): Tally =>
  tallyOf({ excellent: Math.floor((30 - n) / 2), competent: Math.ceil((30 - n) / 2), basicallyCompetent: Math.floor(n / 2), incompetent: Math.ceil(n / 2) })

describe('every comparison kind, one vote below, at and above its share (30 valid ballots)', () => {
  // share 1/3 of 30 is exactly 10 votes; share 2/3 exactly 20.
  it.each([
    // comparison, share, votes, fired, margin
    ['above', '1/3', 9, false, 2],
    ['above', '1/3', 10, false, 1], // exactly 1/3 does not pass it
    ['above', '1/3', 11, true, 1],
    ['atOrAbove', '1/3', 9, false, 1],
    ['atOrAbove', '1/3', 10, true, 1], // exactly 1/3 reaches it
    ['atOrAbove', '1/3', 11, true, 2],
    ['below', '2/3', 19, true, 1],
    ['below', '2/3', 20, false, 1], // exactly 2/3 is not below it
    ['below', '2/3', 21, false, 2],
    ['atOrBelow', '2/3', 19, true, 2],
    ['atOrBelow', '2/3', 20, true, 1], // exactly 2/3 is at it
    ['atOrBelow', '2/3', 21, false, 1],
  ] as const)('不称职 %s %s: %i of 30 → fired %s, margin %i', (comparison, share, votes, fired, margin) => {
    const k = check(rule({ marks: ['incompetent'], comparison, share }), incompetentOf30(votes))
    expect(k.fired).toBe(fired)
    expect(k.margin).toBe(margin)
    expect(k.borderline).toBe(margin <= 1)
    expect(k.computation).toMatchObject({ kind: 'share', numerator: votes, denominator: 30, threshold: share, comparison })
  })

  it.each([
    // a rule over two marks: 基本称职 + 不称职 against 1/2 (exactly 15 of 30)
    ['atOrAbove', 14, false, 1],
    ['atOrAbove', 15, true, 1],
    ['atOrAbove', 16, true, 2],
    ['above', 14, false, 2],
    ['above', 15, false, 1],
    ['above', 16, true, 1],
    ['below', 14, true, 1],
    ['below', 15, false, 1],
    ['below', 16, false, 2],
    ['atOrBelow', 14, true, 2],
    ['atOrBelow', 15, true, 1],
    ['atOrBelow', 16, false, 1],
  ] as const)('基本称职+不称职 %s 1/2: %i of 30 → fired %s, margin %i', (comparison, votes, fired, margin) => {
    const k = check(rule({ marks: ['basicallyCompetent', 'incompetent'], comparison, share: '1/2' }), basicOrWorseOf30(votes))
    expect(k.fired).toBe(fired)
    expect(k.margin).toBe(margin)
    expect(k.computation).toMatchObject({ numerator: votes, denominator: 30, numeratorMarks: ['basicallyCompetent', 'incompetent'] })
  })

  it('the issue\'s local rule fires at 15/30 and not at 14/30, one vote from flipping either way', () => {
    const local = rule({ id: 'local-basic-or-worse', marks: ['basicallyCompetent', 'incompetent'], comparison: 'atOrAbove', share: '1/2' })
    const at15 = check(local, tallyOf({ competent: 15, basicallyCompetent: 15 }))
    const at14 = check(local, tallyOf({ competent: 16, basicallyCompetent: 14 }))
    expect([at15.fired, at15.margin, at15.borderline]).toEqual([true, 1, true])
    expect([at14.fired, at14.margin, at14.borderline]).toEqual([false, 1, true])
  })
})

/**
 * The margin by brute force: every tally the same ballots could show with the denominator
 * unchanged (a recount re-marks ballots; none is added or lost), the fewest ballots
 * re-marked (half the sum of the count differences) among those that flip the rule.
 */
const bruteMargin = (t: Tally, marks: readonly Mark[], comparison: Comparison, share: string, basis: DenominatorBasis): number | null => {
  const f = parseFraction(share)!
  const total = MARKS.reduce((s, m) => s + t[m], 0)
  const den = (x: Tally): number => (basis === 'valid' ? x.excellent + x.competent + x.basicallyCompetent + x.incompetent : basis === 'returned' ? total : x.eligible!)
  const num = (x: Tally): number => marks.reduce((s, m) => s + x[m], 0)
  const d = den(t)
  const fired = compareShare(BigInt(num(t)), BigInt(d), f, comparison)
  let best: number | null = null
  const counts = new Array<number>(MARKS.length).fill(0)
  const walk = (i: number, left: number): void => {
    if (i === MARKS.length - 1) {
      counts[i] = left
      const x = { ...t }
      MARKS.forEach((m, j) => (x[m] = counts[j]!))
      if (den(x) !== d) return
      if (compareShare(BigInt(num(x)), BigInt(d), f, comparison) === fired) return
      const moved = MARKS.reduce((s, m) => s + Math.abs(x[m] - t[m]), 0) / 2
      if (best === null || moved < best) best = moved
      return
    }
    for (let c = 0; c <= left; c++) {
      counts[i] = c
      walk(i + 1, left - c)
    }
  }
  walk(0, total)
  return best
}

describe('margins: the fewest ballots re-marked, the denominator unchanged (brute force)', () => {
  const RULES: Array<[readonly Mark[], Comparison, string]> = [
    [['incompetent'], 'above', '1/3'],
    [['excellent', 'competent'], 'below', '2/3'],
    [['basicallyCompetent', 'incompetent'], 'atOrAbove', '1/2'],
    [['excellent', 'competent'], 'atOrBelow', '1/2'],
    [['excellent', 'competent', 'basicallyCompetent', 'incompetent'], 'below', '2/3'], // 100 % of valid, always
    [['abstain'], 'atOrAbove', '1/3'], // outside the valid denominator
    [['excellent', 'abstain'], 'above', '1/2'],
  ]
  // Small electorates: every way to spread up to 6 ballots over the six marks.
  const tallies: Tally[] = []
  const spread = (i: number, left: number, acc: number[]): void => {
    if (i === MARKS.length) {
      const t = tallyOf({})
      MARKS.forEach((m, j) => (t[m] = acc[j]!))
      t.eligible = acc.reduce((a, b) => a + b, 0) + 2
      tallies.push(t)
      return
    }
    for (let c = 0; c <= left; c++) spread(i + 1, left - c, [...acc, c])
  }
  spread(0, 6, [])

  it.each(['valid', 'returned', 'eligible'] as const)('under %s, for rules over one, two and four marks and each comparison', (basis) => {
    let checked = 0
    for (const [marks, comparison, share] of RULES) {
      const r = shareRule(rule({ marks: [...marks], comparison, share }))
      const policy = policyWith({ denominator: basis })
      for (const t of tallies) {
        const den = basis === 'valid' ? t.excellent + t.competent + t.basicallyCompetent + t.incompetent : basis === 'returned' ? MARKS.reduce((s, m) => s + t[m], 0) : t.eligible!
        if (den === 0) continue
        const k = r.check({ cadre: cadre({ tally: t }), policy, denominator: den })!
        expect(k.margin, `${marks.join('+')} ${comparison} ${share} on ${JSON.stringify(t)}`).toBe(bruteMargin(t, marks, comparison, share, basis))
        checked++
      }
    }
    expect(checked).toBeGreaterThan(3000)
  })

  it('a rule over every grade under valid ballots has no room: nothing can flip it', () => {
    const t = tallyOf({ excellent: 10, competent: 10, abstain: 3 })
    expect(roomOf(t, new Set(['excellent', 'competent', 'basicallyCompetent', 'incompetent']), 'valid')).toEqual({ up: 0n, down: 0n })
    expect(check(rule({ marks: ['excellent', 'competent', 'basicallyCompetent', 'incompetent'], comparison: 'below', share: '2/3' }), t).margin).toBeNull()
  })

  it('abstentions move only into spoilt marks and back under valid ballots, into anything under returned', () => {
    const t = tallyOf({ competent: 20, abstain: 4, invalid: 1 })
    expect(roomOf(t, new Set<Mark>(['abstain']), 'valid')).toEqual({ up: 1n, down: 4n })
    expect(roomOf(t, new Set<Mark>(['abstain']), 'returned')).toEqual({ up: 21n, down: 4n })
  })
})

describe('the headline: the most severe measure, added rules included', () => {
  const local = (measure: ShareRuleSpec['measure'], patch: Partial<ShareRuleSpec> = {}) =>
    rule({ id: 'local-basic-or-worse', marks: ['basicallyCompetent', 'incompetent'], comparison: 'atOrAbove', share: '1/2', measure, ...patch })
  const withLocal = (r: ShareRuleSpec) => policyWith({ shareRules: [...policyWith().shareRules, r] })
  // 15 称职 of 30 fires item9-unfit (adjustment); 12 基本称职 + 3 不称职 = 15 of 30 fires the local rule; 3 不称职 fires nothing.
  const t = tallyOf({ competent: 15, basicallyCompetent: 12, incompetent: 3 })

  it('an added rule with a more severe measure heads the disposition', () => {
    const a = assessCadre(cadre({ tally: t }), withLocal(local('dismissal')))
    expect(a.checks.map((k) => [k.rule, k.fired])).toEqual([
      ['item9-incompetent', false],
      ['item9-unfit', true],
      ['local-basic-or-worse', true],
    ])
    expect(a.disposition).toMatchObject({ code: 'dismissal', basis: ['local-basic-or-worse', 'item9-unfit'], options: ['removal', 'ordered-resignation', 'demotion'] })
  })
  it('a less severe one is listed but does not lead', () => {
    const a = assessCadre(cadre({ tally: t }), withLocal(local('admonishment')))
    expect(a.disposition).toMatchObject({ code: 'adjustment', basis: ['item9-unfit', 'local-basic-or-worse'] })
    expect(a.disposition.options).not.toContain('admonish-talk')
  })
  it('its own options and prerequisites are used, 改任副职 still only for a principal post', () => {
    const r = local('adjustment', { item: 4, options: ['deputy-post', 'training'], prerequisites: ['hear-opinions'] })
    const policy = policyWith({ shareRules: [r] })
    const a = assessCadre(cadre({ tally: t, principal: false }), policy)
    expect(a.disposition).toMatchObject({ code: 'adjustment', options: ['training'], prerequisites: ['recount', 'hear-opinions'] })
    expect(assessCadre(cadre({ tally: t, principal: true }), policy).disposition.options).toEqual(['deputy-post', 'training'])
  })
  it('by default a rule of another item asks for item 10\'s procedure for an adjustment, not item 9\'s hearing', () => {
    const a = assessCadre(cadre({ tally: t }), policyWith({ shareRules: [local('adjustment', { item: 4 })] }))
    expect(a.disposition.prerequisites).toEqual(['recount', 'appointment-procedure', 'resettle'])
    const b = assessCadre(cadre({ tally: t }), policyWith({ shareRules: [local('admonishment', { item: 4 })] }))
    expect(b.disposition).toMatchObject({ code: 'admonishment', options: ['admonish-talk', 'admonish-written'], prerequisites: ['recount'] })
  })
  it('a removed share rule is not checked', () => {
    const onlyIncompetent = policyWith({ shareRules: policyWith().shareRules.filter((r) => r.id !== 'item9-unfit') })
    const a = assessCadre(cadre({ tally: t }), onlyIncompetent)
    expect(a.checks.map((k) => k.rule)).toEqual(['item9-incompetent'])
    expect(a.disposition.code).toBe('none')
  })
})

describe('the rules of a policy', () => {
  it('the rules written in code are FIXED_RULE_IDS, in its order', () => {
    expect(FIXED_RULES.map((r) => r.id)).toEqual([...FIXED_RULE_IDS])
  })
  it('share rules first, in the policy\'s order, then the rules of items 3 and 5 not switched off', () => {
    const policy = policyWith({ disabledRules: ['item3-basic-grade', 'item5-report-late'] })
    expect(rulesOf(policy).map((r) => r.id)).toEqual([
      'item9-incompetent',
      'item9-unfit',
      'item5-report-missing',
      'item5-report-incomplete',
      'item5-unreported-finding',
      'item5-serious',
      'item5-duty-statement',
    ])
    expect(rulesOf(policy, 'votes').map((r) => r.id)).toEqual(['item9-incompetent', 'item9-unfit'])
    expect(rulesOf(policy, 'item5').map((r) => r.id)).not.toContain('item5-report-late')
    expect(rulesOf(policy)).toBe(rulesOf(policy)) // made once per policy
  })
  it('a disabled rule is not checked for any cadre', () => {
    const c = cadre({ annualGrade: 'basicallyCompetent' })
    expect(assessCadre(c, policyWith()).disposition.code).toBe('admonishment')
    const off = assessCadre(c, policyWith({ disabledRules: ['item3-basic-grade'] }))
    expect(off.checks).toEqual([])
    // No votes and no other finding: no-data (SPEC §3), not the admonishment item 3 gave.
    expect(off.disposition).toMatchObject({ code: 'no-data', measure: 'none' })
  })
})
