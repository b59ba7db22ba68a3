import { describe, expect, it } from 'vitest'
import { assessCadre } from '../../src/core/assess.js'
import type { CadreInput, Check, RuleId } from '../../src/core/model.js'
import { emptyTally } from '../../src/core/tally.js'
import { tallyOf } from '../helpers.js'
import { finding, policyNamed, reportOf, rostered } from '../support/item5.js'

const P2009 = policyNamed('opinion-2009')
const P2017 = policyNamed('cadre-report-2017')
const ALL_2009 = P2009.reports.categories.map((c) => c.key)

const checkOf = (c: CadreInput, rule: RuleId, policy = P2009): Check | undefined =>
  assessCadre(c, policy).checks.find((k) => k.rule === rule)

describe('item5-report-missing', () => {
  it.each([
    ['no report, must report', { report: null, mustReport: true }, true],
    ['a report, must report', { report: reportOf(P2009) }, false],
    ['no report, must_report 否', { report: null, mustReport: false }, false],
  ] as const)('%s → fired %s', (_, patch, fired) => {
    const k = checkOf(rostered(patch), 'item5-report-missing')
    expect(k?.fired).toBe(fired)
    expect(k?.measure).toBe('admonishment')
    expect(k?.item).toBe(5)
  })

  it('records whether a report was due and present', () => {
    expect(checkOf(rostered({ report: null, mustReport: false }), 'item5-report-missing')?.computation).toEqual({
      kind: 'report-presence',
      required: false,
      present: false,
    })
  })

  it('is not evaluated without report files, nor where no roster says who must report', () => {
    expect(checkOf(rostered({}), 'item5-report-missing')).toBeUndefined()
    expect(checkOf(rostered({ report: null, mustReport: null, onRoster: false }), 'item5-report-missing')).toBeUndefined()
    expect(assessCadre(rostered({ report: null, mustReport: null, onRoster: false }), P2009).notes).toContain('not-on-roster-checks')
  })

  it('a cadre with must_report 否 and no report is not flagged at all', () => {
    const a = assessCadre(rostered({ report: null, mustReport: false, findings: [], tally: tallyOf({ competent: 30 }) }), P2009)
    expect(a.checks.filter((k) => k.fired)).toEqual([])
    expect(a.disposition.code).toBe('none')
  })
})

describe('item5-report-incomplete', () => {
  it('all nine answered → not fired', () => {
    const k = checkOf(rostered({ report: reportOf(ALL_2009) }), 'item5-report-incomplete')
    expect(k).toMatchObject({ fired: false, computation: { kind: 'report-categories', required: 9, answered: 9, unanswered: [] } })
  })

  it('names every unanswered category, in the policy order', () => {
    const k = checkOf(rostered({ report: reportOf(['marriage', 'housing', 'family_criminal']) }), 'item5-report-incomplete')
    expect(k?.fired).toBe(true)
    expect(k?.computation).toMatchObject({ required: 9, answered: 3 })
    const unanswered = (k?.computation as { unanswered: Array<{ key: string }> }).unanswered.map((u) => u.key)
    expect(unanswered).toEqual(['investment', 'travel_documents', 'private_travel', 'children_foreign_marriage', 'family_employment', 'family_abroad'])
  })

  it('takes the categories from the policy (the 2017 list of 14)', () => {
    const k = checkOf(rostered({ report: reportOf(ALL_2009) }), 'item5-report-incomplete', P2017)
    expect(k?.computation).toMatchObject({ required: 14 })
    expect(k?.fired).toBe(true)
    expect(checkOf(rostered({ report: reportOf(P2017) }), 'item5-report-incomplete', P2017)?.fired).toBe(false)
  })

  it('is not evaluated for a cadre who need not report', () => {
    expect(checkOf(rostered({ report: reportOf(['housing']), mustReport: false }), 'item5-report-incomplete')).toBeUndefined()
  })
})

describe('item5-report-late', () => {
  it.each([
    ['2025-01-30', null, false],
    ['2025-01-31', null, false], // on the deadline day: in time
    ['2025-02-01', null, true],
    ['2024-12-20', 2025, false], // --year 2025: before that year's deadline
    ['2026-01-10', 2025, true], // --year 2025: a year too late
  ] as const)('report dated %s, round %s → late %s (deadline 01-31)', (date, roundYear, late) => {
    const k = checkOf(rostered({ report: reportOf(P2017, { date, roundYear }) }), 'item5-report-late', P2017)
    expect(k?.fired).toBe(late)
    expect(k?.computation).toEqual({ kind: 'report-date', date, deadline: `${roundYear ?? date.slice(0, 4)}-01-31` })
  })

  it('is not evaluated without a deadline (opinion-2009) or without a date', () => {
    expect(checkOf(rostered({ report: reportOf(P2009, { date: '2025-06-01' }) }), 'item5-report-late')).toBeUndefined()
    expect(checkOf(rostered({ report: reportOf(P2017) }), 'item5-report-late', P2017)).toBeUndefined()
  })
})

describe('item5-unreported-finding and item5-serious', () => {
  it('no findings file → neither rule is evaluated', () => {
    expect(checkOf(rostered(), 'item5-unreported-finding')).toBeUndefined()
    expect(checkOf(rostered(), 'item5-serious')).toBeUndefined()
  })

  it('a findings file without rows for the cadre → both evaluated, neither fired', () => {
    expect(checkOf(rostered({ findings: [] }), 'item5-unreported-finding')?.fired).toBe(false)
    expect(checkOf(rostered({ findings: [] }), 'item5-serious')?.fired).toBe(false)
  })

  it('each row is an unreported finding → admonishment (诫勉谈话 only)', () => {
    const a = assessCadre(rostered({ findings: [finding(), finding({ category: '住房', categoryKey: 'housing', detail: '房产一套' })] }), P2009)
    const k = a.checks.find((x) => x.rule === 'item5-unreported-finding')!
    expect(k.fired).toBe(true)
    expect(k.computation).toMatchObject({ kind: 'findings', total: 2 })
    // Policy order: 住房 before 投资, whatever the row order.
    expect((k.computation as { findings: Array<{ categoryKey: string }> }).findings.map((f) => f.categoryKey)).toEqual(['housing', 'investment'])
    expect(a.checks.find((x) => x.rule === 'item5-serious')?.fired).toBe(false)
    expect(a.disposition).toMatchObject({ code: 'admonishment', options: ['admonish-talk'], prerequisites: [] })
  })

  it('a row marked 情节严重 → organizational handling, which the committee decides', () => {
    const a = assessCadre(rostered({ findings: [finding(), finding({ detail: '隐瞒股份', type: '瞒报', markedSerious: true })] }), P2009)
    const k = a.checks.find((x) => x.rule === 'item5-serious')!
    expect(k.fired).toBe(true)
    expect(k.measure).toBe('organizational-handling')
    expect((k.computation as { findings: Array<{ detail: string; seriousBy: string }> }).findings).toEqual([
      expect.objectContaining({ detail: '隐瞒股份', seriousBy: 'marked' }),
    ])
    expect(a.disposition).toMatchObject({
      code: 'organizational-handling',
      basis: ['item5-serious', 'item5-unreported-finding'],
      prerequisites: ['committee-decides'],
    })
  })

  it('瞒报 is serious only where the policy says so', () => {
    const c = rostered({ findings: [finding({ type: '瞒报' })] })
    expect(checkOf(c, 'item5-serious')?.fired).toBe(false)
    const strict = { ...P2009, reports: { ...P2009.reports, seriousTypes: ['瞒报'] } }
    const k = checkOf(c, 'item5-serious', strict)
    expect(k?.fired).toBe(true)
    expect((k?.computation as { findings: Array<{ seriousBy: string }> }).findings[0]?.seriousBy).toBe('policy-type')
    expect(checkOf(rostered({ findings: [finding({ type: '漏报' })] }), 'item5-serious', strict)?.fired).toBe(false)
  })

  it('the order of finding rows does not change the checks', () => {
    const rows = [finding({ detail: 'b' }), finding({ category: '住房', categoryKey: 'housing' }), finding({ category: '其他', categoryKey: null, detail: 'x' }), finding({ detail: 'a', markedSerious: true })]
    const one = assessCadre(rostered({ findings: rows }), P2009).checks
    const two = assessCadre(rostered({ findings: [...rows].reverse() }), P2009).checks
    expect(two).toEqual(one)
  })
})

describe('item5-duty-statement', () => {
  it.each([
    [false, true],
    [true, false],
  ] as const)('述职述廉 %s → fired %s', (given, fired) => {
    expect(checkOf(rostered({ dutyStatement: given }), 'item5-duty-statement')).toMatchObject({
      fired,
      measure: 'admonishment',
      computation: { kind: 'duty-statement', given },
    })
  })

  it('not stated → not evaluated', () => {
    expect(checkOf(rostered({ dutyStatement: null }), 'item5-duty-statement')).toBeUndefined()
  })
})

describe('one disposition from every finding', () => {
  const unfitTally = { ...emptyTally(), excellent: 10, competent: 29, basicallyCompetent: 15, incompetent: 6 }

  it('item 9 outranks item 5: adjustment over admonishment, every fired rule in the basis', () => {
    const a = assessCadre(rostered({ tally: unfitTally, report: null, dutyStatement: false }), P2009)
    expect(a.disposition.code).toBe('adjustment')
    expect(a.disposition.basis).toEqual(['item9-unfit', 'item5-report-missing', 'item5-duty-statement'])
  })

  it('a serious finding outranks admonishment but not adjustment', () => {
    const serious = [finding({ markedSerious: true })]
    expect(assessCadre(rostered({ report: null, findings: serious }), P2009).disposition.code).toBe('organizational-handling')
    expect(assessCadre(rostered({ tally: unfitTally, findings: serious }), P2009).disposition.code).toBe('adjustment')
  })

  it('every item-5 check carries no margin and is never borderline', () => {
    const a = assessCadre(rostered({ report: reportOf(['housing'], { date: '2025-03-01' }), findings: [finding()], dutyStatement: false }), P2017)
    const item5 = a.checks.filter((k) => k.item === 5)
    expect(item5.map((k) => k.rule)).toEqual([
      'item5-report-missing',
      'item5-report-incomplete',
      'item5-report-late',
      'item5-unreported-finding',
      'item5-serious',
      'item5-duty-statement',
    ])
    expect(item5.every((k) => k.margin === null && !k.borderline)).toBe(true)
  })
})
