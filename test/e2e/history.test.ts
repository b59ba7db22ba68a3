import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import readXlsxFile from 'read-excel-file/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../exports-helpers.js'
import { runInProcess, tempDir } from '../robustness/harness.js'
import { xlsxOf } from '../support/xlsx.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any

/**
 * Issue 17 (SPEC §2.5): three years of generated data, as a personnel office keeps them —
 * 2023 as kaohe's own JSON (run that year with --out), 2024 as a count sheet without ids
 * (names and units only), 2025 this year's count sheet — run through the built CLI.
 *
 * Every cadre has 30 valid votes; `good` of them 优秀 or 称职, the rest 基本称职, so only
 * item9-unfit (优秀+称职 < 2/3, i.e. fewer than 20) can fire; its margin for a cadre it does
 * not fire is good − 19.
 */
interface Cadre {
  id: string
  name: string
  unit: string
  /** 优秀+称职 of 30 in 2023, 2024, 2025 (null: not in that year's file). */
  good: [number | null, number | null, number | null]
}
const CADRES: Cadre[] = [
  // item9-persistent: below 2/3 in 2024 and 2025 — fired.
  { id: 'C01', name: '张持续', unit: '县财政局', good: [25, 19, 19] },
  // below only this year (21 of 30 in 2024, above the line): not fired.
  { id: 'C02', name: '李一年', unit: '县教育局', good: [25, 21, 19] },
  // exactly on the line in 2024 (20 of 30 = 2/3 is not below it): not fired.
  { id: 'C03', name: '王在线', unit: '县水利局', good: [25, 20, 19] },
  // item10-reappointment: adjusted in 2023, clear by 4 and 5 votes since — fired.
  { id: 'C04', name: '赵调整', unit: '县林业局', good: [15, 23, 24] },
  // adjusted in 2023, 2024 exactly on the line (margin 1 = the borderline margin): not fired.
  { id: 'C05', name: '钱临界', unit: '县农业局', good: [15, 20, 24] },
  // adjusted in 2023, the smallest margin since is 2, one more than the borderline margin: fired.
  { id: 'C06', name: '孙两票', unit: '县交通局', good: [15, 21, 22] },
  { id: 'C07', name: '周平稳', unit: '县民政局', good: [25, 25, 25] },
  // two of one name this year; the 2024 sheet has a 张伟 without a unit: ambiguous, listed.
  { id: 'C08', name: '张伟', unit: '县财政局', good: [null, null, 25] },
  { id: 'C09', name: '张伟', unit: '县教育局', good: [null, null, 25] },
  // retired after 2024: matches no cadre this year, listed.
  { id: 'C10', name: '吴退休', unit: '县档案局', good: [25, 25, null] },
]
const counts = (good: number): string => `${Math.floor(good / 2)},${good - Math.floor(good / 2)},${30 - good},0`

const sheet2023 = ['干部编号,姓名,单位,优秀,称职,基本称职,不称职', ...CADRES.filter((c) => c.good[0] !== null).map((c) => `${c.id},${c.name},${c.unit},${counts(c.good[0]!)}`)].join('\n')
// No ids in 2024: the sheet names cadres by name and unit.
const sheet2024 = [
  '姓名,单位,优秀,称职,基本称职,不称职',
  ...CADRES.filter((c) => c.good[1] !== null).map((c) => `${c.name},${c.unit},${counts(c.good[1]!)}`),
  `张伟,,${counts(25)}`,
].join('\n')
const sheet2025 = ['干部编号,姓名,单位,优秀,称职,基本称职,不称职', ...CADRES.filter((c) => c.good[2] !== null).map((c) => `${c.id},${c.name},${c.unit},${counts(c.good[2]!)}`)].join('\n')

const dir = tempDir('kaohe-history-')
afterAll(() => dir.done())
const at = (name: string): string => join(dir.dir, name)
writeFileSync(at('2023年测评汇总.csv'), sheet2023)
writeFileSync(at('2024年测评汇总.csv'), sheet2024)
writeFileSync(at('2025年测评汇总.csv'), sheet2025)

const cli = (args: string[]) => runCli(args, { cwd: dir.dir })
const THIS_YEAR = ['assess', '--votes', '2025年测评汇总.csv', '--history', '2023年考核结果.json', '--history', '2024年测评汇总.csv']

let doc: Json
let stderr: string
const cadre = (id: string): Json => doc.cadres.find((c: Json) => c.id === id)
const advisories = (id: string, rule: string): Json[] => cadre(id).advisories.filter((a: Json) => a.rule === rule)

beforeAll(async () => {
  // 2023: the clerk keeps that year's JSON.
  const y2023 = await cli(['assess', '--votes', '2023年测评汇总.csv', '--year', '2023', '--out', '2023年考核结果.json', '-q'])
  expect(y2023.code, y2023.stderr).toBe(0)
  const r = await cli([...THIS_YEAR, '--format', 'json'])
  expect(r.code, r.stderr).toBe(0)
  doc = JSON.parse(r.stdout)
  stderr = r.stderr
}, 60_000)

describe('three years: 2023 as kaohe JSON, 2024 as a count sheet without ids, 2025 this year', () => {
  it('knows this year from the vote file, each earlier year from its file, and records every file', () => {
    expect(doc.year).toBe(2025)
    expect(doc.history).toMatchObject({ year: 2025, yearSource: 'vote-file-names', persistentYears: 1 })
    expect(doc.history.files.map((f: Json) => [f.path, f.kind, f.years.map((y: Json) => [y.year, y.yearSource])])).toEqual([
      ['2023年考核结果.json', 'report', [[2023, 'report']]],
      ['2024年测评汇总.csv', 'counts', [[2024, 'file-name']]],
    ])
    const inputs = doc.inputs.filter((i: Json) => i.kind === 'history')
    expect(inputs.map((i: Json) => i.path)).toEqual(['2023年考核结果.json', '2024年测评汇总.csv'])
    for (const i of inputs) expect(i.sha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('item9-persistent: under 2/3 two years running fires; under it only this year does not; exactly 20/30 last year is not below', () => {
    expect(advisories('C01', 'item9-persistent')).toMatchObject([
      {
        item: 9,
        fired: true,
        margin: 1,
        borderline: true,
        quote: '所负责的工作长期处于落后状态',
        computation: { shareRule: 'item9-unfit', persistentYears: 1, years: [{ year: 2024, status: 'fired', numerator: 19, denominator: 30 }, { year: 2025, status: 'fired', numerator: 19 }] },
      },
    ])
    expect(advisories('C01', 'item9-persistent')[0].text).toContain('第9项：连续 2 年')
    expect(advisories('C02', 'item9-persistent')).toMatchObject([{ fired: false, margin: 2, computation: { years: [{ year: 2024, status: 'not-fired', numerator: 21 }, { year: 2025 }] } }])
    expect(advisories('C03', 'item9-persistent')).toMatchObject([{ fired: false, margin: 1, computation: { years: [{ year: 2024, status: 'not-fired', numerator: 20 }, { year: 2025 }] } }])
    const on = cadre('C03').history.find((y: Json) => y.year === 2024)
    expect(on.shares.find((s: Json) => s.rule === 'item9-unfit')).toMatchObject({ numerator: 20, denominator: 30, fired: false, expression: '20/30 ≥ 2/3', margin: 1 })
    expect(on.fired).toEqual([])
    // A note, never a measure: the headline is this year's item-9 finding, as without --history.
    for (const id of ['C01', 'C02', 'C03']) expect(cadre(id).disposition).toMatchObject({ code: 'adjustment', basis: ['item9-unfit'] })
  })

  it('item10-reappointment: adjusted two years ago and clear by more than the borderline margin since; not when one year sits on the margin', () => {
    expect(advisories('C04', 'item10-reappointment')).toMatchObject([
      {
        item: 10,
        fired: true,
        margin: 4,
        computation: { adjusted: { year: 2023, code: 'adjustment', recorded: true }, borderlineVotes: 1, years: [{ year: 2024, status: 'clear', margin: 4 }, { year: 2025, status: 'clear', margin: 5 }] },
        options: [{ code: 'reappointment' }],
      },
    ])
    expect(advisories('C04', 'item10-reappointment')[0].text).toContain('可根据个人表现和民意情况，按规定重新任用')
    expect(advisories('C05', 'item10-reappointment')).toMatchObject([{ fired: false, margin: 1, borderline: true, computation: { years: [{ year: 2024, status: 'borderline' }, { year: 2025, status: 'clear' }] } }])
    expect(advisories('C06', 'item10-reappointment')).toMatchObject([{ fired: true, margin: 2, borderline: false }])
    expect(cadre('C04').disposition.code).toBe('none')
    // No adjustment on record: no item-10 note at all.
    expect(advisories('C07', 'item10-reappointment')).toEqual([])
  })

  it('gives each cadre its years oldest first: counts, shares per share rule, fired rules, disposition (recorded or this year\'s rules), how it matched', () => {
    const h = cadre('C04').history
    expect(h.map((y: Json) => [y.year, y.source, y.match])).toEqual([
      [2023, '2023年考核结果.json', 'id'],
      [2024, '2024年测评汇总.csv', 'name-unit'],
    ])
    expect(h[0]).toMatchObject({
      counts: { excellent: 7, competent: 8, basicallyCompetent: 15, incompetent: 0, returned: 30 },
      denominator: 30,
      fired: ['item9-unfit'],
      recordedFired: ['item9-unfit'],
      disposition: { code: 'adjustment', label: '组织调整', recorded: true },
    })
    expect(h[0].shares.map((s: Json) => s.rule)).toEqual(['item9-incompetent', 'item9-unfit'])
    expect(h[1]).toMatchObject({ fired: [], crossed: ['item9-unfit'], disposition: { code: 'none', recorded: false }, recordedFired: null })
    expect(cadre('C01').trend).toEqual({ since: 2024, crossed: [] })
    expect(cadre('C02').trend).toEqual({ since: 2024, crossed: ['item9-unfit'] })
  })

  it('matches by name + unit where the ids are missing; an ambiguous name and an unmatched cadre are listed, never guessed', () => {
    for (const id of ['C01', 'C02', 'C03', 'C05', 'C06', 'C07']) expect(cadre(id).history.find((y: Json) => y.year === 2024).match).toBe('name-unit')
    for (const id of ['C08', 'C09']) expect(cadre(id).history).toEqual([expect.objectContaining({ year: 2024, match: 'ambiguous', counts: null, shares: [] })])
    const notices = doc.issues.filter((i: Json) => i.code.startsWith('history-'))
    expect(notices.map((i: Json) => [i.file, i.row, i.code, i.severity])).toEqual([
      ['2023年考核结果.json', null, 'history-unmatched', 'notice'],
      ['2024年测评汇总.csv', 9, 'history-unmatched', 'notice'],
      ['2024年测评汇总.csv', 10, 'history-ambiguous', 'notice'],
    ])
    expect(notices[2].message).toBe('2024 年的「张伟」可对应本年度多名干部（C08 张伟（县财政局）、C09 张伟（县教育局）），未使用：请在该年度的文件中给出干部编号或单位')
    expect(notices[1].message).toContain('「吴退休（县档案局）」在本年度没有对应的干部')
    expect(doc.history.files[1].years[0]).toMatchObject({ records: 9, matched: 7, unmatched: 1, ambiguous: 1 })
    expect(stderr).toContain('提示: 历年 2024年测评汇总.csv（2024 年）：7 名干部对应本年度，1 条未对应，1 处对应不唯一（见数据问题）')
  })

  it('leaves every this-year field as without --history, and nothing changes without it', async () => {
    const plain = JSON.parse((await cli(['assess', '--votes', '2025年测评汇总.csv', '--format', 'json'])).stdout)
    expect(plain.year).toBeUndefined()
    expect(plain.history).toBeUndefined()
    expect(plain.cadres[0].history).toBeUndefined()
    const strip = (c: Json) => {
      const { history: _h, trend: _t, advisories: _a, ...rest } = c
      return rest
    }
    expect(doc.cadres.map(strip)).toEqual(plain.cadres)
    expect(doc.summary).toEqual({ ...plain.summary, issuesListed: plain.summary.issuesListed + 3 })
  })
})

describe('the renderers', () => {
  it('terminal: a compact trend of the 优秀+称职 share per year, ✗ where a rule fired, ⇅ where a line was crossed; the notes under the cadre', async () => {
    const r = await cli(THIS_YEAR)
    expect(r.code).toBe(0)
    const row = (id: string) => r.stdout.split('\n').find((l) => l.includes(` ${id} `))!
    expect(row('C01')).toContain('2023 83.33 ⇅ 2024 63.33✗ → 2025 63.33✗')
    expect(row('C04')).toContain('2023 50.00✗ ⇅ 2024 76.67 → 2025 80.00')
    expect(row('C08')).toContain('2024 ? → 2025 83.33')
    expect(r.stdout).toContain('历年 优秀+称职 %')
    expect(r.stdout).toContain('⇅ 为与上一年相比越过界线')
    expect(r.stdout).toContain('第9项：连续 2 年优秀和称职得票率达不到三分之二（2024 年 19/30 63.33%、2025 年 19/30 63.33%）')
    expect(r.stdout).toContain('第9项：本年度优秀和称职得票率达不到三分之二，但 2024 年 20/30 66.67% 未触发')
    // Item 10 names the cadres for whom re-appointment may be considered, with the procedure.
    const section = r.stdout.slice(r.stdout.indexOf('可考虑重新任用的干部（第10项） (2)'))
    expect(section).toContain('C04 赵调整')
    expect(section).toContain('C06 孙两票')
    expect(section).not.toContain('C05 钱临界')
    expect(section).toContain('决定前须: 第10项：按照干部任免程序和有关法律规定办理')
  })

  it('English', async () => {
    const r = await cli([...THIS_YEAR, '--lang', 'en', '--format', 'json'])
    const d = JSON.parse(r.stdout)
    const c01 = d.cadres.find((c: Json) => c.id === 'C01')
    expect(c01.advisories[0].text).toMatch(/^Item 9: .* in 2 years running \(2024 19\/30 63\.33%, 2025 19\/30 63\.33%\)/)
    expect(r.stderr).toContain('history 2024年测评汇总.csv (2024): 7 cadre(s) matched this year, 1 not matched, 1 ambiguous')
  })

  it('CSV columns per year, XLSX 历年对比, HTML trend beside the bars, Markdown notes; verify re-reads the history files', async () => {
    mkdirSync(at('out'), { recursive: true })
    const r = await cli([...THIS_YEAR, '--out', 'out/r.csv', '--out', 'out/r.xlsx', '--out', 'out/r.html', '--out', 'out/r.md', '-q'])
    expect(r.code, r.stderr).toBe(0)
    const csv = readFileSync(at('out/r.csv'), 'utf8').replace(/^\ufeff/, '').split('\r\n')
    const head = csv[0]!.split(',')
    const col = (name: string) => head.indexOf(name)
    expect(head.slice(-3)).toEqual(['较上年新越过的界线', '第9项长期处于落后状态', '第10项可考虑重新任用'])
    const c01 = csv.find((l) => l.startsWith('C01,'))!.split(',')
    expect(c01[col('2023年不胜任算式')]).toBe('25/30 ≥ 2/3')
    expect(c01[col('2024年不胜任触发')]).toBe('是')
    expect(c01[col('2024年对应方式')]).toBe('姓名+单位')
    expect(c01[col('2023年处置代码')]).toBe('none')
    expect(c01[col('第9项长期处于落后状态')]).toBe('是')
    expect(c01[col('第10项可考虑重新任用')]).toBe('否') // 19 of 30 in 2024: an adjustment under this year's rules, not cleared since
    expect(csv.find((l) => l.startsWith('C07,'))!.split(',')[col('第10项可考虑重新任用')]).toBe('') // never adjusted: not looked at
    expect(csv.find((l) => l.startsWith('C04,'))!.split(',')[col('第10项可考虑重新任用')]).toBe('是')

    const sheets = await readXlsxFile(readFileSync(at('out/r.xlsx')))
    const history = sheets.find((s) => s.sheet === '历年对比')!
    expect(history).toBeDefined()
    const rows = history.data.filter((x) => x[0] === 'C01')
    expect(rows.map((x) => x[4])).toEqual([2023, 2024, 2025])
    expect(rows.map((x) => x[5])).toEqual(['2023年考核结果.json', '2024年测评汇总.csv', '本年度'])
    expect(history.data[0]).toContain('越线')

    const html = readFileSync(at('out/r.html'), 'utf8')
    expect(html).toContain('<g class="trend" data-id="C01">')
    expect(html).toMatch(/<rect class="trend-bar fired crossed" data-year="2024" data-share="19\/30"/)
    expect(html).toMatch(/<rect class="bar good fired crossed" data-share="19\/30"/) // C02: crossed the 2/3 line since 2024
    expect(html).toContain('id="reappointment"')
    expect(html).not.toMatch(/(?:src|href)=["']?https?:/) // self-contained: nothing fetched
    expect(readFileSync(at('out/r.md'), 'utf8')).toContain('可考虑重新任用的干部（第10项）（2）')

    const manifest = JSON.parse(readFileSync(at('out/r.csv.manifest.json'), 'utf8'))
    expect(manifest.inputs.filter((i: Json) => i.kind === 'history').map((i: Json) => i.path)).toEqual(['2023年考核结果.json', '2024年测评汇总.csv'])
    const ok = await cli(['verify', 'out/r.csv.manifest.json'])
    expect(ok.code, ok.stdout + ok.stderr).toBe(0)
    expect(ok.stdout).toContain('2024年测评汇总.csv')
    // A history file changed since: verify says which.
    copyFileSync(at('2024年测评汇总.csv'), at('2024.bak'))
    writeFileSync(at('2024年测评汇总.csv'), sheet2024.replace('张持续,县财政局,9,10', '张持续,县财政局,10,10'))
    try {
      const bad = await cli(['verify', 'out/r.csv.manifest.json'])
      expect(bad.code).toBe(1)
      expect(bad.stderr).toContain('2024年测评汇总.csv')
    } finally {
      copyFileSync(at('2024.bak'), at('2024年测评汇总.csv'))
    }
  }, 60_000)

  it('tally takes --history and --year too', async () => {
    const r = await runInProcess(['tally', at('2025年测评汇总.csv'), '--year', '2025', '--history', at('2024年测评汇总.csv'), '--format', 'json'])
    expect(r.code, r.stderr).toBe(0)
    const d = JSON.parse(r.stdout)
    expect(d.year).toBe(2025)
    // The 2024 sheet records no disposition: under this year's rules C01's 19 of 30 is an adjustment, so item 10 is looked at (and does not fire).
    expect(d.cadres.find((c: Json) => c.id === 'C01').advisories.map((a: Json) => [a.rule, a.fired])).toEqual([
      ['item9-persistent', true],
      ['item10-reappointment', false],
    ])
  })
})

describe('years', () => {
  const run = (args: string[]) => runInProcess(args.map((a) => (a.endsWith('.csv') || a.endsWith('.json') || a.endsWith('.xlsx') ? at(a) : a)))

  it('--year wins over the vote file\'s name; without either, --history is a usage error', async () => {
    writeFileSync(at('票据.csv'), sheet2025)
    const none = await run(['assess', '--votes', '票据.csv', '--history', '2024年测评汇总.csv'])
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('请用 --year 指定')
    const given = await run(['assess', '--votes', '票据.csv', '--year', '2025', '--history', '2024年测评汇总.csv', '--format', 'json'])
    expect(given.code, given.stderr).toBe(0)
    expect(JSON.parse(given.stdout).history.yearSource).toBe('option')
    // Without --history the same run needs no year.
    expect((await run(['assess', '--votes', '票据.csv', '--format', 'json'])).code).toBe(0)
  })

  it('an earlier year must be earlier than this one', async () => {
    const r = await run(['assess', '--votes', '2025年测评汇总.csv', '--year', '2024', '--history', '2024年测评汇总.csv'])
    expect(r.code).toBe(65)
    expect(r.stderr).toContain('2024年测评汇总.csv 是 2024 年的结果，不早于本年度 2024')
  })

  it('the same year twice is an error, naming both files', async () => {
    writeFileSync(at('2024年测评汇总（更正）.csv'), sheet2024.replace('周平稳,县民政局,12,13', '周平稳,县民政局,13,12'))
    const r = await run(['assess', '--votes', '2025年测评汇总.csv', '--history', '2024年测评汇总.csv', '--history', '2024年测评汇总（更正）.csv'])
    expect(r.code).toBe(65)
    expect(r.stderr).toContain('2024 年出现了两次')
  })

  it('a history file with the same SHA-256 as this year\'s input is an error', async () => {
    writeFileSync(at('2024年副本.csv'), sheet2025)
    const r = await run(['assess', '--votes', '2025年测评汇总.csv', '--history', '2024年副本.csv'])
    expect(r.code).toBe(65)
    expect(r.stderr).toContain('内容完全相同（SHA-256 一致）')
    const twice = await run(['assess', '--votes', '2025年测评汇总.csv', '--history', '2025年测评汇总.csv'])
    expect(twice.code).toBe(65)
  })

  it('a file that names no year (no 年度 column, no year in its name) says what to do', async () => {
    writeFileSync(at('往年.csv'), sheet2024)
    const r = await run(['assess', '--votes', '2025年测评汇总.csv', '--history', '往年.csv'])
    expect(r.code).toBe(65)
    expect(r.stderr).toContain('请加“年度”列，或把文件改名为含年份的名称')
  })

  it('a workbook with a 年度 column gives several years; a year cell it cannot read is a located error', async () => {
    const rows = [
      ['年度', '干部编号', '姓名', '单位', '优秀', '称职', '基本称职', '不称职'],
      ...CADRES.filter((c) => c.good[0] !== null).map((c) => ['2023', c.id, c.name, c.unit, ...counts(c.good[0]!).split(',').map(Number)]),
      ...CADRES.filter((c) => c.good[1] !== null).map((c) => ['2024年度', c.id, c.name, c.unit, ...counts(c.good[1]!).split(',').map(Number)]),
    ]
    writeFileSync(at('历年汇总.xlsx'), await xlsxOf({ 历年: rows }))
    const r = await run(['assess', '--votes', '2025年测评汇总.csv', '--history', '历年汇总.xlsx', '--format', 'json'])
    expect(r.code, r.stderr).toBe(0)
    const d = JSON.parse(r.stdout)
    expect(d.history.files[0].years.map((y: Json) => [y.year, y.yearSource, y.matched])).toEqual([
      [2023, 'column', 7],
      [2024, 'column', 7], // C10 retired
    ])
    const c01 = d.cadres.find((c: Json) => c.id === 'C01')
    expect(c01.history.map((y: Json) => [y.year, y.match])).toEqual([
      [2023, 'id'],
      [2024, 'id'],
    ])
    expect(c01.advisories[0]).toMatchObject({ rule: 'item9-persistent', fired: true })
    // No unknown-column notice for 年度: it is read as the year.
    expect(d.issues.filter((i: Json) => i.code === 'unknown-column')).toEqual([])

    writeFileSync(at('历年坏.xlsx'), await xlsxOf({ 历年: [rows[0]!, rows[1]!, ['去年', ...rows[2]!.slice(1)]] }))
    const bad = await run(['assess', '--votes', '2025年测评汇总.csv', '--history', '历年坏.xlsx'])
    expect(bad.code).toBe(65)
    expect(bad.stderr).toContain("历年坏.xlsx 第 3 行 A 列（年度）: 年度 '去年' 无法识别")
  })

  it('a real sheet: a title row, the 年度 cell written once per year (a merged cell exported), 合计 and 注 rows; one sheet a year in a workbook', async () => {
    const line = (year: string, c: Cadre, g: number): string => `${year},${c.id},${c.name},${c.unit},${counts(g)}`
    const y23 = CADRES.filter((c) => c.good[0] !== null)
    const y24 = CADRES.filter((c) => c.good[1] !== null)
    const sum = (cs: Cadre[], k: 0 | 1): string =>
      counts(0).split(',').map((_, j) => cs.reduce((n, c) => n + Number(counts(c.good[k]!).split(',')[j]), 0)).join(',')
    const csv = [
      'XX县历年科级领导干部民主测评结果汇总表,,,,,,,',
      '年度,干部编号,姓名,单位,优秀,称职,基本称职,不称职',
      ...y23.map((c, i) => line(i === 0 ? '2023' : '', c, c.good[0]!)),
      `,,合计,,${sum(y23, 0)}`,
      ...y24.map((c, i) => line(i === 0 ? '2024年度' : '', c, c.good[1]!)),
      `,,合计,,${sum(y24, 1)}`,
      '注：空白处为0票。,,,,,,,',
    ].join('\n')
    writeFileSync(at('历年汇总-带标题.csv'), csv)
    const r = await run(['assess', '--votes', '2025年测评汇总.csv', '--history', '历年汇总-带标题.csv', '--format', 'json'])
    expect(r.code, r.stderr).toBe(0)
    const d = JSON.parse(r.stdout)
    expect(d.history.files[0].years.map((y: Json) => [y.year, y.matched])).toEqual([
      [2023, 7],
      [2024, 7],
    ])
    expect(d.cadres.find((c: Json) => c.id === 'C01').advisories[0]).toMatchObject({ rule: 'item9-persistent', fired: true })
    // 合计 and 注 never become cadres of an earlier year: the only records no cadre matches are 吴退休's.
    expect(d.issues.filter((i: Json) => i.code === 'history-unmatched').map((i: Json) => i.message)).toEqual(['2023 年的「吴退休（县档案局）」在本年度没有对应的干部，未使用', '2024 年的「吴退休（县档案局）」在本年度没有对应的干部，未使用'])

    const sheetOf = (k: 0 | 1): unknown[][] => [
      ['干部编号', '姓名', '单位', '优秀', '称职', '基本称职', '不称职'],
      ...CADRES.filter((c) => c.good[k] !== null).map((c) => [c.id, c.name, c.unit, ...counts(c.good[k]!).split(',').map(Number)]),
    ]
    writeFileSync(at('历年-分表.xlsx'), await xlsxOf({ 填表说明: [['本表按年度分页填写']], '2023年': sheetOf(0) as never, '2024年': sheetOf(1) as never }))
    const w = await run(['assess', '--votes', '2025年测评汇总.csv', '--history', '历年-分表.xlsx', '--format', 'json'])
    expect(w.code, w.stderr).toBe(0)
    const dw = JSON.parse(w.stdout)
    expect(dw.history.files[0].years.map((y: Json) => [y.year, y.yearSource])).toEqual([
      [2023, 'sheet'],
      [2024, 'sheet'],
    ])
    expect(dw.issues.some((i: Json) => i.code === 'sheet-skipped' && i.file.endsWith('#填表说明'))).toBe(true)
  })

  it('a report made under another policy: its shares are recomputed under this year\'s rules, and the output says so', async () => {
    writeFileSync(at('p2.json'), JSON.stringify({ ...JSON.parse((await runInProcess(['policy', 'show'])).stdout), id: 'local-2023', borderlineVotes: 2 }))
    writeFileSync(
      at('p35.json'),
      JSON.stringify({
        ...JSON.parse((await runInProcess(['policy', 'show'])).stdout),
        id: 'local-3-5',
        shareRules: [{ id: 'item9-unfit', item: 9, marks: ['excellent', 'competent'], comparison: 'below', share: '3/5', measure: 'adjustment' }],
      }),
    )
    const made = (policy: string, out: string) => runInProcess(['assess', '--votes', at('2023年测评汇总.csv'), '--year', '2023', '--policy', at(policy), '--out', at(out), '-q'])
    expect((await made('p2.json', '2023-p2.json')).code).toBe(0)
    expect((await made('p35.json', '2023-p35.json')).code).toBe(0)
    const same = await run(['assess', '--votes', '2025年测评汇总.csv', '--history', '2023-p2.json', '--format', 'json'])
    const d = JSON.parse(same.stdout)
    expect(d.history.files[0]).toMatchObject({ policyDiffers: true, shareRulesDiffer: false, policy: { id: 'local-2023' } })
    expect(d.issues.find((i: Json) => i.code === 'history-policy-differs').message).toContain('两者的份额规则和分母相同')
    expect(same.stderr).toContain('按政策 local-2023 1.0.0 得出，本年度为 opinion-2009 1.0.0')
    const differ = JSON.parse((await run(['assess', '--votes', '2025年测评汇总.csv', '--history', '2023-p35.json', '--format', 'json'])).stdout)
    expect(differ.history.files[0]).toMatchObject({ policyDiffers: true, shareRulesDiffer: true })
    // C04 had 15 of 30 in 2023: below 3/5 and below 2/3 — this year's rules decide, the record is kept beside.
    const y = differ.cadres.find((c: Json) => c.id === 'C04').history[0]
    expect(y).toMatchObject({ fired: ['item9-unfit'], recordedFired: ['item9-unfit'] })
    expect(y.shares.map((s: Json) => s.expression)).toEqual(['0/30 ≤ 1/3', '15/30 < 2/3'])
  })

  it('a JSON that is not a kaohe report says what --history takes', async () => {
    writeFileSync(at('2024-other.json'), JSON.stringify({ hello: 'world' }))
    const r = await run(['assess', '--votes', '2025年测评汇总.csv', '--history', '2024-other.json'])
    expect(r.code).toBe(65)
    expect(r.stderr).toContain('不是 kaohe 的 JSON 结果')
  })
})
