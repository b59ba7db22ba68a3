import { describe, expect, it } from 'vitest'
import { InputError, listParam } from '../../src/errors.js'
import { loadInputs } from '../../src/input/load.js'
import { inTemp, LABELS_2009, policyNamed } from '../support/item5.js'

const ROSTER = '干部编号,姓名,单位,应报告个人事项,述职述廉\nC1,张三,县财政局,是,是\nC2,李四,县财政局,否,否\nC3,王五,县教育局,,\n'
const wide = (rows: string[]): string => `干部编号,姓名,报告日期,${LABELS_2009.join(',')}\n${rows.join('\n')}\n`
const all = (v = '无'): string => Array(9).fill(v).join(',')

const load = async (files: Record<string, string>, opts: { roster?: boolean; policy?: string; year?: number } = {}) => {
  const p = inTemp({ 'roster.csv': ROSTER, ...files })
  const reports = Object.keys(files).filter((f) => f.startsWith('r')).map((f) => p[f]!)
  return loadInputs({
    votes: [],
    roster: opts.roster === false ? null : p['roster.csv']!,
    policy: policyNamed(opts.policy),
    read: { encoding: 'auto', delimiter: null, sheet: null },
    shape: null,
    sumCounts: false,
    reports,
    findings: files['findings.csv'] === undefined ? null : p['findings.csv']!,
    year: opts.year ?? null,
  })
}

const cadre = (l: Awaited<ReturnType<typeof load>>, id: string) => l.cadres.find((c) => c.id === id)!

describe('wide reports', () => {
  it('reads answered categories, the date, the roster flags', async () => {
    const l = await load({ 'r.csv': wide([`C1,张三,2025/1/20,${all()}`, `C3,王五,2025年2月1日,县城住房一套,-,/,待填,,无,无,无,无`]) })
    expect(l.errorCount).toBe(0)
    expect(cadre(l, 'C1').report).toEqual({ answered: [...policyNamed().reports.categories.map((c) => c.key)].sort(), date: '2025-01-20', roundYear: null })
    expect(cadre(l, 'C3').report?.answered).toEqual(['children_foreign_marriage', 'family_abroad', 'family_criminal', 'family_employment', 'housing'])
    expect(cadre(l, 'C3').report?.date).toBe('2025-02-01')
    expect(cadre(l, 'C2')).toMatchObject({ report: null, mustReport: false, dutyStatement: false })
    expect(cadre(l, 'C3')).toMatchObject({ mustReport: true, dutyStatement: null })
    expect(l.rowsRead).toBe(5)
    expect(l.rowsCounted).toBe(5)
    expect(l.inputs.map((i) => [i.kind, i.shape])).toEqual([['roster', null], ['reports', 'wide']])
  })

  it('a row that answers nothing is no report (a sheet pre-filled with names)', async () => {
    const l = await load({ 'r.csv': wide([`C1,张三,,${all('')}`]) })
    expect(cadre(l, 'C1').report).toBeNull()
  })

  it('--year is passed to every report', async () => {
    const l = await load({ 'r.csv': wide([`C1,张三,2025-01-20,${all()}`]) }, { year: 2025 })
    expect(cadre(l, 'C1').report?.roundYear).toBe(2025)
  })

  it('a category answered twice (two rows or two files) is a located error', async () => {
    // Not byte-identical (a byte-identical copy is refused as the same file): a blank line more.
    const l = await load({ 'r1.csv': wide([`C1,张三,,${all()}`]), 'r2.csv': `${wide([`C1,张三,,${all()}`])}\n` })
    expect(l.errorCount).toBe(9)
    expect(l.issues[0]).toMatchObject({ code: 'duplicate-report-category', row: 2, column: 4, params: { category: '住房' } })
    expect(String(l.issues[0]!.params.first)).toMatch(/r1\.csv:2$/)
    expect(l.rowsInIssues).toBe(1)
  })

  it('a report for a cadre not on the roster is an error, like votes', async () => {
    const l = await load({ 'r.csv': wide([`C9,赵六,,${all()}`]) })
    expect(l.issues).toEqual([expect.objectContaining({ code: 'not-on-roster', row: 2, column: 1, value: 'C9' })])
  })

  it('bad dates and ragged rows are located errors', async () => {
    const l = await load({ 'r.csv': wide([`C1,张三,31/01/2025,${all()}`, `C3,王五,,${all()},多余`]) })
    expect(l.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ['bad-date', 2, 3],
      ['extra-cells', 3, 13],
    ])
  })

  it('names a cadre by name where the file has no ids', async () => {
    const l = await load({ 'r.csv': `姓名,${LABELS_2009.join(',')}\n李四,${all()}\n` })
    expect(cadre(l, 'C2').report?.answered).toHaveLength(9)
  })

  it('a column the policy does not know, and categories the file lacks, are notices', async () => {
    const header = `干部编号,姓名,住房,投资,房产情况`
    const l = await load({ 'r.csv': `${header}\nC1,张三,无,无,无\n` })
    expect(l.errorCount).toBe(0)
    expect(l.issues.map((i) => [i.code, i.severity, i.column])).toEqual([
      ['unknown-report-column', 'notice', 5],
      ['missing-category-columns', 'notice', null],
    ])
    expect(String(l.issues[1]!.params.categories)).toContain('婚姻变化')
    expect(cadre(l, 'C1').report?.answered).toEqual(['housing', 'investment'])
  })

  it('a file with no category column at all is refused, naming the policy and its categories', async () => {
    const err = await load({ 'r.csv': '干部编号,姓名,房产\nC1,张三,无\n' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(InputError)
    expect((err as InputError).msg).toMatchObject({ code: 'no-category-columns', params: { policy: 'opinion-2009', other: 'cadre-report-2017' } })
  })

  it('reads the 2017 categories under cadre-report-2017', async () => {
    const labels = policyNamed('cadre-report-2017').reports.categories.map((c) => c.label)
    const l = await load(
      { 'r.csv': `干部编号,报告日期,${labels.join(',')}\nC1,2025-01-31,${Array(14).fill('无').join(',')}\n` },
      { policy: 'cadre-report-2017' },
    )
    expect(cadre(l, 'C1').report?.answered).toHaveLength(14)
  })
})

describe('long reports', () => {
  it('one row per category; the latest date wins', async () => {
    const l = await load({
      'r.csv': '干部编号,事项,内容,报告日期\nC1,住房,无,2025-01-10\nC1,投资,"股票若干",2025-01-12\nC1,婚姻,待填,\nC3,住房,/,\n',
    })
    expect(l.errorCount).toBe(0)
    expect(cadre(l, 'C1').report).toEqual({ answered: ['housing', 'investment'], date: '2025-01-12', roundYear: null })
    expect(cadre(l, 'C3').report).toBeNull()
    expect(l.inputs[1]!.shape).toBe('long')
  })

  it('an unknown or empty category is a located error listing the categories', async () => {
    const l = await load({ 'r.csv': '干部编号,事项,内容\nC1,房产,无\nC1,,无\n' })
    expect(l.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ['unknown-category', 2, 2],
      ['missing-value', 3, 2],
    ])
    expect(String(l.issues[0]!.params.known)).toContain('住房；投资；婚姻变化')
  })
})

describe('findings', () => {
  it('reads rows, the serious flag and the type; other cadres get an empty list', async () => {
    const l = await load({
      'findings.csv': '干部编号,姓名,事项,情况,类型,情节严重\nC1,张三,投资,持有股票未报告,漏报,否\nC1,张三,住房,隐瞒房产,瞒报,是\nC3,王五,其他事项,略,concealed,\n',
    })
    expect(l.errorCount).toBe(0)
    expect(cadre(l, 'C1').findings).toEqual([
      expect.objectContaining({ category: '投资', categoryKey: 'investment', type: '漏报', markedSerious: false }),
      expect.objectContaining({ category: '住房', categoryKey: 'housing', type: '瞒报', markedSerious: true }),
    ])
    expect(cadre(l, 'C3').findings).toEqual([expect.objectContaining({ categoryKey: null, type: '瞒报', markedSerious: false })])
    expect(cadre(l, 'C2').findings).toEqual([])
    expect(cadre(l, 'C2').report).toBeUndefined()
  })

  it('bad flags, empty rows of substance, exact duplicates and unknown cadres are located errors', async () => {
    const l = await load({
      'findings.csv': '干部编号,事项,情况,情节严重\nC1,投资,x,也许\nC1,,,否\nC1,投资,y,否\nC1,投资,y,否\nC9,投资,z,否\n',
    })
    expect(l.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ['bad-flag', 2, 4],
      ['missing-value', 3, 3],
      ['duplicate-finding', 5, 3],
      ['not-on-roster', 6, 1],
    ])
  })

  it('needs the 事项 and 情况 columns', async () => {
    const err = await load({ 'findings.csv': '干部编号,情节严重\nC1,是\n' }).catch((e: unknown) => e)
    expect((err as InputError).msg).toMatchObject({ code: 'missing-columns', params: { missing: listParam(['事项', '情况']) } })
  })
})
