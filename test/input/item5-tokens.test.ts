import { describe, expect, it } from 'vitest'
import { categoryMatcher, isAnswered } from '../../src/input/categories.js'
import { parseDate } from '../../src/input/dates.js'
import { normalizeHeader } from '../../src/input/headers.js'
import { policyNamed } from '../support/item5.js'

describe('isAnswered (SPEC §2.3)', () => {
  it.each(['无', ' 无 ', '县城住房一套（90平方米）', '有，见附件', 'N/A', '0', '無'])('%j is answered', (cell) => {
    expect(isAnswered(cell)).toBe(true)
  })
  it.each(['', '   ', '\u3000', '-', '--', '－', '—', '——', '/', '／', '\\', '待填', ' 待填 ', '待填写'])('%j is unanswered', (cell) => {
    expect(isAnswered(cell)).toBe(false)
  })
})

describe('parseDate', () => {
  it.each([
    ['2025-01-31', '2025-01-31'],
    ['2025/1/31', '2025-01-31'],
    ['2025.1.5', '2025-01-05'],
    ['2025年1月31日', '2025-01-31'],
    ['2025 年 1 月 31 日', '2025-01-31'],
    ['2025年1月31', '2025-01-31'],
    ['２０２５－０１－３１', '2025-01-31'],
    ['20250131', '2025-01-31'],
    ['2025-01-31 14:30', '2025-01-31'],
    ['2025-01-31T14:30:05', '2025-01-31'],
    ['45688', '2025-01-31'], // an Excel serial whose date format was lost
    ['2024-02-29', '2024-02-29'],
  ])('%j → %s', (cell, ymd) => {
    expect(parseDate(cell)).toBe(ymd)
  })
  it('empty is no date', () => {
    expect(parseDate('  ')).toBeNull()
  })
  it.each(['2025-02-29', '2025-13-01', '2025-00-10', '31/01/2025', '2025', '1月31日', 'yesterday', '2025-1'])('%j is not a date', (cell) => {
    expect(parseDate(cell)).toBeUndefined()
  })
})

describe('report categories', () => {
  it('the default policy has the nine of item 5; cadre-report-2017 has fourteen and the 01-31 deadline', () => {
    expect(policyNamed('opinion-2009').reports.categories.map((c) => c.key)).toEqual([
      'housing', 'investment', 'marriage', 'travel_documents', 'private_travel',
      'children_foreign_marriage', 'family_employment', 'family_abroad', 'family_criminal',
    ])
    const p = policyNamed('cadre-report-2017')
    expect(p.reports.categories).toHaveLength(14)
    expect(p.reports.deadline).toBe('01-31')
    expect(p.shareRules).toEqual(policyNamed('opinion-2009').shareRules)
    expect(p.disabledRules).toEqual([])
  })

  it.each(['opinion-2009', 'cadre-report-2017'])('%s: no header text names two categories', (name) => {
    const seen = new Map<string, string>()
    for (const c of policyNamed(name).reports.categories) {
      for (const t of new Set([c.label, ...c.aliases, c.key].map(normalizeHeader))) {
        expect(seen.get(t) ?? c.key, `${t} names ${seen.get(t)} and ${c.key}`).toBe(c.key)
        seen.set(t, c.key)
      }
    }
  })

  it('matches labels, aliases and keys as headers are matched (half/full-width brackets, spaces, case)', () => {
    const match = categoryMatcher(policyNamed('opinion-2009'))
    expect(match('持有因私出国(境)证件')?.key).toBe('travel_documents')
    expect(match(' 住 房 ')?.key).toBe('housing')
    expect(match('Family_Criminal')?.key).toBe('family_criminal')
    expect(match('婚姻')?.key).toBe('marriage')
    expect(match('房产')).toBeUndefined()
    const m2017 = categoryMatcher(policyNamed('cadre-report-2017'))
    expect(m2017('房产')?.key).toBe('real_estate')
    expect(m2017('本人从事讲学、写作、咨询、审稿、书画等劳务所得')?.key).toBe('service_income')
  })
})
