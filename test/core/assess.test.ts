import { describe, expect, it } from 'vitest'
import { assess, assessCadre, reachesLevel } from '../../src/core/assess.js'
import { ITEM5_RULES } from '../../src/core/rules/index.js'
import type { Tally } from '../../src/core/tally.js'
import { cadre, policyWith, tallyOf } from '../helpers.js'

const fired = (t: Tally, policy = policyWith(), patch = {}) =>
  assessCadre(cadre({ tally: t, ...patch }), policy)
    .checks.filter((k) => k.fired)
    .map((k) => k.rule)
    .sort()

/** A tally whose denominator under `basis` is `den`: `good` 优秀+称职, `bad` 不称职, the rest 基本称职. */
const ballots = (basis: 'valid' | 'returned' | 'eligible', den: number, good: number, bad: number): Tally => {
  const abstain = basis === 'valid' ? 3 : 0
  const invalid = basis === 'valid' ? 2 : 0
  return tallyOf({
    excellent: Math.floor(good / 2),
    competent: good - Math.floor(good / 2),
    incompetent: bad,
    basicallyCompetent: den - good - bad,
    abstain,
    invalid,
    eligible: basis === 'eligible' ? den : den + 10,
  })
}

describe.each(['valid', 'returned', 'eligible'] as const)('item 9 under the %s denominator', (basis) => {
  const policy = policyWith({ denominator: basis })
  // Under `valid` the 3 abstentions and 2 spoilt marks stay outside the denominator; the
  // other bases get none, so every row's denominator is `den` ("the denominator decides" below
  // shows the bases apart).
  it.each([
    // den, good, want unfit
    [30, 19, true, 1],
    [30, 20, false, 1], // exactly 2/3
    [30, 21, false, 2],
    [60, 39, true, 1],
    [60, 40, false, 1],
    [60, 41, false, 2],
    [57, 37, true, 1],
    [57, 38, false, 1],
    [57, 39, false, 2],
  ])('unfit: %i ballots, %i 优秀+称职 → %s (margin %i)', (den, good, want, margin) => {
    const a = assessCadre(cadre({ tally: ballots(basis, den, good, 0) }), policy)
    const k = a.checks.find((c) => c.rule === 'item9-unfit')!
    expect(a.denominator).toBe(den)
    expect(k.fired).toBe(want)
    expect(k.computation).toMatchObject({ numerator: good, denominator: den, denominatorBasis: basis, threshold: '2/3' })
    expect(k.margin).toBe(margin)
  })

  it.each([
    [30, 9, false, 2],
    [30, 10, false, 1], // exactly 1/3
    [30, 11, true, 1],
    [60, 19, false, 2],
    [60, 20, false, 1],
    [60, 21, true, 1],
    [57, 18, false, 2],
    [57, 19, false, 1],
    [57, 20, true, 1],
  ])('incompetent: %i ballots, %i 不称职 → %s (margin %i)', (den, bad, want, margin) => {
    const good = den - bad
    const a = assessCadre(cadre({ tally: ballots(basis, den, good, bad) }), policy)
    const k = a.checks.find((c) => c.rule === 'item9-incompetent')!
    expect(k.fired).toBe(want)
    expect(k.computation).toMatchObject({ numerator: bad, denominator: den, threshold: '1/3', comparison: 'above' })
    expect(k.margin).toBe(margin)
  })
})

describe('margins and borderline', () => {
  it.each([
    // good of 60: unfit margin, borderline (borderlineVotes 1)
    [38, 2, false],
    [39, 1, true],
    [40, 1, true],
    [41, 2, false],
    [42, 3, false],
  ])('%i/60 优秀+称职: margin %i, borderline %s', (good, margin, borderline) => {
    const k = assessCadre(cadre({ tally: tallyOf({ competent: good, basicallyCompetent: 60 - good }) }), policyWith())
      .checks.find((c) => c.rule === 'item9-unfit')!
    expect([k.margin, k.borderline]).toEqual([margin, borderline])
  })

  it.each([
    [19, 2, false],
    [20, 1, true],
    [21, 1, true],
    [22, 2, false],
  ])('%i/60 不称职: margin %i, borderline %s', (bad, margin, borderline) => {
    const k = assessCadre(cadre({ tally: tallyOf({ competent: 60 - bad, incompetent: bad }) }), policyWith())
      .checks.find((c) => c.rule === 'item9-incompetent')!
    expect([k.margin, k.borderline]).toEqual([margin, borderline])
  })

  it('borderlineVotes comes from the policy', () => {
    const k = assessCadre(cadre({ tally: tallyOf({ competent: 42, basicallyCompetent: 18 }) }), policyWith({ borderlineVotes: 3 }))
      .checks.find((c) => c.rule === 'item9-unfit')!
    expect([k.margin, k.borderline]).toEqual([3, true])
  })

  it('a borderline finding asks for a recount first', () => {
    const a = assessCadre(cadre({ tally: tallyOf({ competent: 39, basicallyCompetent: 21 }) }), policyWith())
    expect(a.disposition.prerequisites[0]).toBe('recount')
  })
})

describe('the denominator decides', () => {
  // 38 优秀+称职, 19 基本称职, 3 弃权: 38/57 = 2/3 (valid) but 38/60 < 2/3 (returned).
  const t = tallyOf({ competent: 38, basicallyCompetent: 19, abstain: 3, eligible: 66 })
  it.each([
    ['valid', 57, []],
    ['returned', 60, ['item9-unfit']],
    ['eligible', 66, ['item9-unfit']],
  ] as const)('%s: denominator %i', (basis, den, rules) => {
    const a = assessCadre(cadre({ tally: t }), policyWith({ denominator: basis }))
    expect(a.denominator).toBe(den)
    expect(a.checks.filter((k) => k.fired).map((k) => k.rule)).toEqual(rules)
  })
  it('eligible basis without an eligible count is withheld', () => {
    const a = assessCadre(cadre({ tally: tallyOf({ competent: 10 }) }), policyWith({ denominator: 'eligible' }))
    expect(a.disposition).toMatchObject({ code: 'withheld', reason: 'no-eligible-count' })
    expect(a.checks).toEqual([])
  })
  it('no valid votes is withheld, not a division by zero', () => {
    const a = assessCadre(cadre({ tally: tallyOf({ abstain: 5 }) }), policyWith())
    expect(a.disposition).toMatchObject({ code: 'withheld', reason: 'no-valid-votes' })
  })
})

describe('quorum', () => {
  const policy = policyWith({ quorum: { minParticipation: '2/3' } })
  it.each([
    // returned of 60 eligible
    [39, 'withheld'],
    [40, 'adjustment'], // exactly 2/3 participation is enough
    [41, 'adjustment'],
  ])('%i of 60 took part → %s', (n, code) => {
    const t = tallyOf({ competent: 1, basicallyCompetent: n - 1, eligible: 60 })
    const a = assessCadre(cadre({ tally: t }), policy)
    expect(a.disposition.code).toBe(code)
    if (code === 'withheld') {
      expect(a.disposition.reason).toBe('quorum-not-met')
      expect(a.checks.some((k) => k.item === 9)).toBe(false)
    }
  })
  it('uses the participants a count sheet states', () => {
    const t = tallyOf({ competent: 30, eligible: 60 })
    expect(assessCadre(cadre({ tally: t, participated: 30 }), policy).disposition.code).toBe('withheld')
  })
  it('does nothing without an eligible count', () => {
    expect(assessCadre(cadre({ tally: tallyOf({ competent: 3 }) }), policy).disposition.code).toBe('none')
  })
})

describe('precedence and measures', () => {
  it('both item-9 rules fire; dismissal is the headline', () => {
    const a = assessCadre(cadre({ tally: tallyOf({ competent: 30, incompetent: 30 }) }), policyWith())
    expect(a.checks.filter((k) => k.fired).map((k) => k.rule)).toEqual(['item9-incompetent', 'item9-unfit'])
    expect(a.disposition).toMatchObject({
      code: 'dismissal',
      basis: ['item9-incompetent', 'item9-unfit'],
      options: ['removal', 'ordered-resignation', 'demotion'],
      prerequisites: ['hear-opinions', 'appointment-procedure', 'resettle'],
    })
  })
  it('adjustment outranks admonishment', () => {
    const a = assessCadre(cadre({ tally: tallyOf({ competent: 3, basicallyCompetent: 7 }), annualGrade: 'basicallyCompetent' }), policyWith())
    expect(a.disposition).toMatchObject({ code: 'adjustment', basis: ['item9-unfit', 'item3-basic-grade'] })
  })
  it('item 3 alone: admonishment by talk or in writing, no item-9 prerequisites', () => {
    const a = assessCadre(cadre({ tally: tallyOf({ competent: 10 }), annualGrade: 'basicallyCompetent' }), policyWith())
    expect(a.disposition).toMatchObject({ code: 'admonishment', options: ['admonish-talk', 'admonish-written'], prerequisites: [] })
  })
  it.each(['excellent', 'competent', 'incompetent'] as const)('annual grade %s: item 3 checked, not fired', (g) => {
    const a = assessCadre(cadre({ annualGrade: g }), policyWith())
    expect(a.checks).toEqual([expect.objectContaining({ rule: 'item3-basic-grade', fired: false })])
  })
  it('item 8: 改任副职 only for a principal post', () => {
    const t = tallyOf({ competent: 1, basicallyCompetent: 9 })
    expect(assessCadre(cadre({ tally: t, principal: true }), policyWith()).disposition.options[0]).toBe('deputy-post')
    for (const principal of [false, null]) {
      expect(assessCadre(cadre({ tally: t, principal }), policyWith()).disposition.options).toEqual([
        'non-leading-post',
        'training',
        'suitable-post',
        'professional-post',
      ])
    }
  })
  it('no vote data: no item-9 check, noted, and no-data — never none (SPEC §3)', () => {
    const a = assessCadre(cadre(), policyWith())
    expect(a.checks).toEqual([])
    expect(a.notes).toEqual(['no-evaluation-data'])
    expect(a.disposition).toMatchObject({ code: 'no-data', measure: 'none', reason: 'no-evaluation-data' })
  })
  it('no vote data but item 3 fires: its measure is the headline, with the reason noted', () => {
    const a = assessCadre(cadre({ annualGrade: 'basicallyCompetent', onRoster: true }), policyWith())
    expect(a.disposition).toMatchObject({ code: 'admonishment', measure: 'admonishment', reason: 'no-evaluation-data', basis: ['item3-basic-grade'] })
    expect(a.notes).toEqual(['no-evaluation-data'])
  })
  it('no vote data where no rule judges votes (kaohe reports): none, as before', () => {
    const a = assessCadre(cadre(), policyWith(), ITEM5_RULES)
    expect(a.disposition).toMatchObject({ code: 'none', reason: null })
  })
  it('no vote data and rows left out (lenient): data-incomplete says more', () => {
    const a = assessCadre(cadre({ incomplete: true }), policyWith())
    expect(a.disposition).toMatchObject({ code: 'data-incomplete', reason: 'rows-left-out' })
  })
  it('lenient rows left out mark the cadre data-incomplete, the measure kept', () => {
    const a = assessCadre(cadre({ tally: tallyOf({ incompetent: 10 }), incomplete: true }), policyWith())
    expect(a.disposition).toMatchObject({ code: 'data-incomplete', measure: 'dismissal', reason: 'rows-left-out' })
    expect(a.notes).toEqual(['rows-left-out'])
  })
  it('a name that may mean another cadre marks it data-incomplete for that reason, not for rows left out', () => {
    const a = assessCadre(cadre({ tally: tallyOf({ incompetent: 10 }), nameAmbiguous: true }), policyWith())
    expect(a.disposition).toMatchObject({ code: 'data-incomplete', measure: 'dismissal', reason: 'name-ambiguous' })
    expect(a.notes).toEqual(['name-ambiguous'])
    const both = assessCadre(cadre({ tally: tallyOf({ incompetent: 10 }), incomplete: true, nameAmbiguous: true }), policyWith())
    expect(both.disposition.reason).toBe('rows-left-out')
    expect(both.notes).toEqual(['rows-left-out', 'name-ambiguous'])
  })
  it('thresholds come from the policy, with inclusive comparisons', () => {
    const policy = policyWith({
      shareRules: policyWith().shareRules.map((r) => ({ ...r, comparison: r.id === 'item9-unfit' ? 'atOrBelow' : 'atOrAbove' })),
    })
    expect(fired(tallyOf({ competent: 20, incompetent: 10 }), policy)).toEqual(['item9-incompetent', 'item9-unfit'])
    expect(fired(tallyOf({ competent: 20, incompetent: 10 }))).toEqual([])
  })
})

describe('assess and --fail-on', () => {
  const cadres = [
    cadre({ id: 'X10', tally: tallyOf({ competent: 10 }) }),
    cadre({ id: 'X2', tally: tallyOf({ competent: 1, basicallyCompetent: 9 }) }),
    cadre({ id: 'X1', annualGrade: 'basicallyCompetent' }),
    cadre({ id: 'X20' }),
    cadre({ id: 'X30', tally: tallyOf({ competent: 10 }), incomplete: true }),
  ]
  const result = assess(cadres, policyWith())
  it('sorts by id in natural order and counts dispositions', () => {
    expect(result.cadres.map((a) => a.cadre.id)).toEqual(['X1', 'X2', 'X10', 'X20', 'X30'])
    expect(result.byDisposition).toMatchObject({ admonishment: 1, adjustment: 1, none: 1, dismissal: 0, 'no-data': 1, 'data-incomplete': 1 })
  })
  it.each([
    ['admonishment', [true, true, false, false, false]],
    ['adjustment', [false, true, false, false, false]],
    ['dismissal', [false, false, false, false, false]],
    ['withheld', [false, false, false, false, false]],
    // Without vote data: X1 (item 3 without votes) and X20; data-incomplete catches them too.
    ['no-data', [true, false, false, true, false]],
    ['data-incomplete', [true, false, false, true, true]],
  ] as const)('%s', (level, want) => {
    expect(result.cadres.map((a) => reachesLevel(a.disposition, level))).toEqual(want)
  })
})
