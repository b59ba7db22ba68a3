import { describe, expect, it } from 'vitest'
import { assessCadre } from '../../src/core/assess.js'
import { type CadreHistoryInput, givenId, type HistoryRecord, matchYear, type MatchRef } from '../../src/core/history.js'
import { baseName, parseYearCell, thisYearOf, yearInText } from '../../src/core/history-year.js'
import type { DispositionCode, MeasureCode } from '../../src/core/model.js'
import type { Tally } from '../../src/core/tally.js'
import { cadre, policyWith, tallyOf } from '../helpers.js'
import { listParam } from '../../src/errors.js'

/** 30 valid ballots, `good` of them 优秀 or 称职, the rest 基本称职 (no 不称职). */
const goodOf30 = (good: number): Tally => tallyOf({ excellent: Math.floor(good / 2), competent: good - Math.floor(good / 2), basicallyCompetent: 30 - good })

const record = (patch: Partial<HistoryRecord> = {}): HistoryRecord => ({
  id: 'C1',
  name: '张三',
  unit: '县财政局',
  tally: goodOf30(25),
  participated: null,
  recorded: null,
  annualGrade: null,
  incomplete: false,
  at: { file: 'h.csv', row: 2 },
  ...patch,
})

const recorded = (code: DispositionCode, measure: MeasureCode = code as MeasureCode, fired: string[] = []) => ({ code, measure, fired })

/** A cadre of `year` with this year's tally and earlier years' records (each matched by id). */
const withYears = (year: number, now: Tally, earlier: Record<number, HistoryRecord | 'ambiguous'>) => {
  const years: CadreHistoryInput['years'] = Object.entries(earlier).map(([y, r]) =>
    r === 'ambiguous' ? { year: Number(y), file: `${y}.csv`, match: 'ambiguous', record: null } : { year: Number(y), file: `${y}.csv`, match: 'id', record: r },
  )
  return cadre({ tally: now, history: { year, years } })
}

const assessed = (c: ReturnType<typeof withYears>, policy = policyWith()) => assessCadre(c, policy)
const advisory = (c: ReturnType<typeof withYears>, rule: string, policy = policyWith()) => assessed(c, policy).history!.advisories.filter((a) => a.rule === rule)

describe('years in names and cells', () => {
  it.each([
    ['2024年度测评汇总.xlsx', { year: 2024 }],
    ['kaohe-2024.json', { year: 2024 }],
    ['测评票.csv', { none: true }],
    ['votes-20250131.csv', { none: true }], // a date, not a year
    ['2023-2024年度.csv', { several: [2023, 2024] }],
    ['x.xlsx#2025年度', { year: 2025 }],
    ['1899.csv', { none: true }],
  ])('%s', (text, expected) => expect(yearInText(text)).toEqual(expected))

  it('looks at the file name, not its folders', () => {
    expect(baseName('/archive/2023/votes 2024.csv')).toBe('votes 2024.csv')
    expect(baseName('C:\\2023\\x.csv')).toBe('x.csv')
  })

  it.each([
    ['2024', 2024],
    ['2024年', 2024],
    ['2024年度', 2024],
    [' 2024.0 ', 2024],
    ['２０２４', 2024], // full-width digits
    ['24', null],
    ['2024-01', null],
    ['', null],
  ])('a 年度 cell %j is %s', (cell, year) => expect(parseYearCell(cell)).toBe(year))

  it('this year: --year, else the one year the vote files name', () => {
    expect(thisYearOf(2025, ['2024.csv'])).toEqual({ ok: true, year: 2025, source: 'option' })
    expect(thisYearOf(null, ['d/2025年测评票.csv', 'd/票据.csv'])).toEqual({ ok: true, year: 2025, source: 'vote-file-names' })
    expect(thisYearOf(null, ['票据.csv'])).toEqual({ ok: false, code: 'this-year-unknown' })
    expect(thisYearOf(null, ['2024.csv', '2025.csv'])).toMatchObject({ ok: false, code: 'this-year-ambiguous', years: [2024, 2025] })
  })
})

describe('matching a year to this year', () => {
  const ref = (id: string, name: string, unit: string): MatchRef => ({ id, name, unit })
  const year = (records: Array<Partial<HistoryRecord>>) => ({ year: 2024, file: 'h.csv', records: records.map((r, i) => record({ ...r, at: { file: 'h.csv', row: i + 2 } })) })
  const pairs = (m: ReturnType<typeof matchYear>) => [...m.matched.entries()].map(([i, v]) => [i, v.record, v.match])

  it('an id made from a name is no id', () => {
    expect(givenId(ref('张三', '张三', ''))).toBe('')
    expect(givenId(ref('张三/县财政局', '张三', '县财政局'))).toBe('')
    expect(givenId(ref('C1', '张三', '县财政局'))).toBe('C1')
  })

  it('by id first, whatever the unit (an adjusted cadre moves)', () => {
    const m = matchYear([ref('C1', '张三', '县教育局')], year([{ id: 'C1', name: '张三', unit: '县财政局' }]))
    expect(pairs(m)).toEqual([[0, 0, 'id']])
    expect(m.issues).toEqual([])
  })

  it('one id under two names is listed, not matched', () => {
    const m = matchYear([ref('C1', '张三', '')], year([{ id: 'C1', name: '李四' }]))
    expect(pairs(m)).toEqual([])
    expect(m.issues.map((i) => i.code)).toEqual(['history-id-name-mismatch'])
  })

  it('by name + unit where ids are missing (either side)', () => {
    const cadres = [ref('C1', '张三', '县财政局'), ref('C2', '张三', '县教育局'), ref('李四', '李四', '')]
    const m = matchYear(cadres, year([{ id: '', name: '张三', unit: '县教育局' }, { id: '', name: '张三', unit: '县财政局' }, { id: 'L9', name: '李四', unit: '县水利局' }]))
    expect(pairs(m).sort()).toEqual([[0, 1, 'name-unit'], [1, 0, 'name-unit'], [2, 2, 'name']])
    expect(m.issues).toEqual([])
  })

  it('two ids that differ are two people, even under one name and unit', () => {
    const m = matchYear([ref('C1', '张三', '县财政局')], year([{ id: 'C7', name: '张三', unit: '县财政局' }]))
    expect(pairs(m)).toEqual([])
    expect(m.issues).toMatchObject([{ code: 'history-unmatched', params: { name: '张三（县财政局）', others: 'C1 张三（县财政局）' } }])
  })

  it('a name without a unit that fits two cadres is ambiguous: listed, both cadres told, none matched', () => {
    const m = matchYear([ref('C1', '张伟', '县财政局'), ref('C2', '张伟', '县教育局')], year([{ id: '', name: '张伟', unit: '' }]))
    expect(pairs(m)).toEqual([])
    expect([...m.ambiguous].sort()).toEqual([0, 1])
    expect(m.issues).toMatchObject([{ code: 'history-ambiguous', row: 2, params: { name: '张伟', cadres: listParam(['C1 张伟（县财政局）', 'C2 张伟（县教育局）']) } }])
  })

  it('a cadre without a unit that fits two records is ambiguous too', () => {
    const m = matchYear([ref('张伟', '张伟', '')], year([{ id: '', name: '张伟', unit: '县财政局' }, { id: '', name: '张伟', unit: '县教育局' }]))
    expect(pairs(m)).toEqual([])
    expect([...m.ambiguous]).toEqual([0])
    expect(m.issues).toMatchObject([{ code: 'history-ambiguous', params: { records: listParam(['张伟（县财政局）', '张伟（县教育局）']) } }])
  })

  it('a pair found stands beside an ambiguous one of the same name', () => {
    const cadres = [ref('C1', '张伟', '县财政局'), ref('', '张伟', '')]
    const m = matchYear(cadres, year([{ id: 'C1', name: '张伟', unit: '县财政局' }, { id: '', name: '张伟', unit: '县水利局' }, { id: '', name: '张伟', unit: '县人事局' }]))
    expect(pairs(m)).toEqual([[0, 0, 'id']])
    expect([...m.ambiguous]).toEqual([1])
    expect(m.issues).toMatchObject([{ code: 'history-ambiguous', row: 3, params: { cadres: '张伟' } }])
  })

  it('records of cadres not here this year are listed', () => {
    const m = matchYear([ref('C1', '张三', '')], year([{ id: 'C1', name: '张三' }, { id: 'C9', name: '王五', unit: '县林业局' }, { id: 'C8', name: '' }]))
    expect(pairs(m)).toEqual([[0, 0, 'id']])
    expect(m.issues.map((i) => [i.code, i.row, i.params.name])).toEqual([
      ['history-unmatched', 3, '王五（县林业局）'],
      ['history-unmatched', 4, 'C8'],
    ])
  })

  it('does not depend on the order of rows', () => {
    const cadres = [ref('', '张伟', '县财政局'), ref('', '张伟', '县教育局'), ref('C3', '王五', '')]
    const recs = [{ id: '', name: '张伟', unit: '县教育局' }, { id: 'C3', name: '王五' }, { id: '', name: '张伟', unit: '县财政局' }]
    const a = matchYear(cadres, year(recs))
    const b = matchYear([...cadres].reverse(), year([...recs].reverse()))
    const named = (m: ReturnType<typeof matchYear>, cs: MatchRef[], rs: typeof recs) =>
      [...m.matched.entries()].map(([i, v]) => `${cs[i]!.name}${cs[i]!.unit}=${rs[v.record]!.unit}`).sort()
    expect(named(a, cadres, recs)).toEqual(named(b, [...cadres].reverse(), [...recs].reverse()))
  })
})

describe('earlier years judged by this year\'s share rules', () => {
  it('a history year exactly on the line (20/30 优秀+称职) is not below it', () => {
    const h = assessed(withYears(2025, goodOf30(25), { 2024: record({ tally: goodOf30(20) }) })).history!
    const unfit = h.years[0]!.checks.find((k) => k.rule === 'item9-unfit')!
    expect(unfit).toMatchObject({ fired: false, margin: 1, borderline: true, computation: { numerator: 20, denominator: 30 } })
    expect(h.years[0]!.fired).toEqual([])
  })

  it('recomputes under this year\'s policy, keeping what the file recorded beside it', () => {
    const r = record({ tally: goodOf30(19), recorded: recorded('none', 'none', []) })
    const y = assessed(withYears(2025, goodOf30(25), { 2024: r })).history!.years[0]!
    expect(y.fired).toEqual(['item9-unfit'])
    expect(y.recordedFired).toEqual([])
    expect(y.disposition).toEqual({ code: 'none', measure: 'none', recorded: true })
  })

  it('a count sheet\'s year gets the disposition this year\'s share rules give it', () => {
    const y = assessed(withYears(2025, goodOf30(25), { 2024: record({ tally: goodOf30(19) }) })).history!.years[0]!
    expect(y.disposition).toEqual({ code: 'adjustment', measure: 'adjustment', recorded: false })
  })

  it('marks a line crossed year on year, either way, and since the last year on record', () => {
    const h = assessed(withYears(2025, goodOf30(19), { 2022: record({ tally: goodOf30(19) }), 2023: record({ tally: goodOf30(21) }), 2024: record({ tally: goodOf30(22) }) })).history!
    expect(h.years.map((y) => [y.year, y.crossed])).toEqual([[2022, []], [2023, ['item9-unfit']], [2024, []]])
    expect(h.trend).toEqual({ since: 2024, crossed: ['item9-unfit'] })
  })

  it('without history nothing is added', () => {
    expect(assessCadre(cadre({ tally: goodOf30(19) }), policyWith()).history).toBeUndefined()
  })
})

describe('item9-persistent: a share rule fired this year and in each of the previous N years', () => {
  it.each([
    // 优秀+称职 of 30 last year, this year → fired, margin
    [19, 19, true, 1], // one vote from 2/3 in both years: the run breaks with 1 vote
    [18, 17, true, 2],
    [20, 19, false, 1], // exactly on the line last year: not below; 1 vote short of the run
    [21, 19, false, 2],
  ])('last year %i/30, this year %i/30 → fired %s, margin %i', (last, now, fired, margin) => {
    const a = advisory(withYears(2025, goodOf30(now), { 2024: record({ tally: goodOf30(last) }) }), 'item9-persistent')
    expect(a).toHaveLength(1)
    expect(a[0]).toMatchObject({ item: 9, fired, margin, borderline: margin <= 1, computation: { shareRule: 'item9-unfit', persistentYears: 1 } })
    expect(a[0]!.computation.kind === 'persistent' && a[0]!.computation.years.map((y) => y.year)).toEqual([2024, 2025])
  })

  it('is not made when no share rule fired this year', () => {
    expect(advisory(withYears(2025, goodOf30(20), { 2024: record({ tally: goodOf30(10) }) }), 'item9-persistent')).toEqual([])
  })

  it('never changes the measure', () => {
    const c = withYears(2025, goodOf30(19), { 2024: record({ tally: goodOf30(19) }) })
    const plain = assessCadre(cadre({ tally: goodOf30(19) }), policyWith())
    const a = assessed(c)
    expect(a.history!.advisories[0]!.fired).toBe(true)
    expect(a.disposition).toEqual(plain.disposition)
    expect(a.checks).toEqual(plain.checks)
  })

  it('needs each calendar year: a year missing, ambiguous or incomplete breaks the run (margin unknown)', () => {
    const cases: Array<Record<number, HistoryRecord | 'ambiguous'>> = [{ 2023: record({ tally: goodOf30(19) }) }, { 2024: 'ambiguous' }, { 2024: record({ tally: goodOf30(19), incomplete: true }) }]
    for (const earlier of cases) {
      const [a] = advisory(withYears(2025, goodOf30(19), earlier), 'item9-persistent')
      expect(a).toMatchObject({ fired: false, margin: null, borderline: false })
    }
  })

  it('follows history.persistentYears: 2 asks for both previous years', () => {
    const policy = policyWith({ history: { persistentYears: 2 } })
    const two = { 2023: record({ tally: goodOf30(19) }), 2024: record({ tally: goodOf30(18) }) }
    expect(advisory(withYears(2025, goodOf30(19), two), 'item9-persistent', policy)[0]).toMatchObject({ fired: true, margin: 1 })
    const gap = { 2023: record({ tally: goodOf30(21) }), 2024: record({ tally: goodOf30(18) }) }
    expect(advisory(withYears(2025, goodOf30(19), gap), 'item9-persistent', policy)[0]).toMatchObject({ fired: false, margin: 2 })
    expect(advisory(withYears(2025, goodOf30(19), { 2024: record({ tally: goodOf30(18) }) }), 'item9-persistent', policy)[0]).toMatchObject({ fired: false, margin: null })
  })

  it('for each share rule that fired: 不称职 above 1/3 too', () => {
    const bad = (n: number) => tallyOf({ competent: 30 - n, incompetent: n })
    const a = advisory(withYears(2025, bad(11), { 2024: record({ tally: bad(11) }) }), 'item9-persistent')
    // 不称职 11 of 30: above 1/3 and 19 优秀+称职 below 2/3 — both rules fired both years.
    expect(a.map((x) => [x.computation.kind === 'persistent' && x.computation.shareRule, x.fired])).toEqual([
      ['item9-incompetent', true],
      ['item9-unfit', true],
    ])
  })
})

describe('item10-reappointment: adjusted (or dismissed) earlier, clear by more than borderlineVotes since', () => {
  const adjusted = (extra: Partial<HistoryRecord> = {}) => record({ tally: goodOf30(15), recorded: recorded('adjustment', 'adjustment', ['item9-unfit']), ...extra })

  it.each([
    // 优秀+称职 of 30 in 2024 and 2025 → fired, the smallest margin (item9-unfit: good − 19; item9-incompetent: 11)
    [25, 25, true, 6],
    [22, 25, true, 3],
    [22, 22, true, 3],
    [21, 25, true, 2], // 2 fewer votes would trigger item9-unfit: more than the borderline margin of 1
    [20, 25, false, 1], // exactly 2/3 in 2024: not below, but one vote from it — borderline, not clear
    [19, 25, false, 6], // below the line in 2024 (the margin of a rule that fired is not counted)
  ])('adjusted 2023; 2024 %i/30, 2025 %i/30 → fired %s, margin %i', (y2024, y2025, fired, margin) => {
    const [a] = advisory(withYears(2025, goodOf30(y2025), { 2023: adjusted(), 2024: record({ tally: goodOf30(y2024), recorded: recorded('none') }) }), 'item10-reappointment')
    expect(a).toMatchObject({ rule: 'item10-reappointment', item: 10, fired, margin, borderline: !fired && margin <= 1 })
    const c = a!.computation
    expect(c.kind === 'reappointment' && c.adjusted).toEqual({ year: 2023, code: 'adjustment', recorded: true })
    expect(c.kind === 'reappointment' && c.years.map((y) => y.year)).toEqual([2024, 2025])
  })

  it.each([
    // this year's 优秀+称职 of 30 → fired, smallest margin
    [22, true, 3],
    [21, true, 2], // smallest margin 2 > borderline 1: clear
    [20, false, 1], // exactly 2/3, margin 1 ≤ borderline 1: borderline, not clear
    [19, false, 11], // below the line: fired this year (only item9-incompetent's margin is counted)
  ])('this year %i/30 after an adjustment in 2024 → fired %s, margin %i', (good, fired, margin) => {
    const [a] = advisory(withYears(2025, goodOf30(good), { 2024: adjusted() }), 'item10-reappointment')
    expect(a).toMatchObject({ rule: 'item10-reappointment', item: 10, fired, margin })
    const status = a!.computation.kind === 'reappointment' && a!.computation.years[0]!.status
    expect(status).toBe(fired ? 'clear' : good === 20 ? 'borderline' : 'fired')
  })

  it('borderline margin from the policy: borderlineVotes 2 makes a margin of 2 not clear', () => {
    const [a] = advisory(withYears(2025, goodOf30(21), { 2024: adjusted() }), 'item10-reappointment', policyWith({ borderlineVotes: 2 }))
    expect(a).toMatchObject({ fired: false, margin: 2, borderline: true })
  })

  it('a later year that recorded another measure (an admonishment) is not clear', () => {
    const [a] = advisory(withYears(2025, goodOf30(25), { 2023: adjusted(), 2024: record({ tally: goodOf30(25), recorded: recorded('admonishment') }) }), 'item10-reappointment')
    expect(a).toMatchObject({ fired: false })
  })

  it('a year missing since the adjustment leaves it unsaid', () => {
    const [a] = advisory(withYears(2025, goodOf30(25), { 2022: adjusted(), 2024: record({ tally: goodOf30(25) }) }), 'item10-reappointment')
    expect(a).toMatchObject({ fired: false })
    expect(a!.computation.kind === 'reappointment' && a!.computation.years.map((y) => [y.year, y.status])).toEqual([
      [2023, 'missing'],
      [2024, 'clear'],
      [2025, 'clear'],
    ])
  })

  it('a dismissal counts; a count sheet\'s year counts as adjusted when this year\'s rules fire it', () => {
    expect(advisory(withYears(2025, goodOf30(25), { 2024: record({ recorded: recorded('dismissal') }) }), 'item10-reappointment')[0]).toMatchObject({ fired: true })
    const [a] = advisory(withYears(2025, goodOf30(25), { 2024: record({ tally: goodOf30(15) }) }), 'item10-reappointment')
    expect(a).toMatchObject({ fired: true, computation: { adjusted: { year: 2024, code: 'adjustment', recorded: false } } })
  })

  it('is not made without an adjustment or dismissal on record', () => {
    expect(advisory(withYears(2025, goodOf30(25), { 2024: record({ recorded: recorded('admonishment') }) }), 'item10-reappointment')).toEqual([])
  })

  it('this year withheld (a local quorum) is not clear', () => {
    const policy = policyWith({ quorum: { minParticipation: '2/3' } })
    const c = withYears(2025, { ...goodOf30(25), eligible: 60 }, { 2024: adjusted() })
    expect(advisory(c, 'item10-reappointment', policy)[0]).toMatchObject({ fired: false })
  })
})
