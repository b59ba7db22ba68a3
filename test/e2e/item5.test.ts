import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { cliIn, inTemp, policyNamed, ROOT } from '../support/item5.js'
import { xlsxOf } from '../support/xlsx.js'

const S = (f: string): string => join(ROOT, 'samples', f)
const VOTES = ['--votes', S('votes-long.csv'), '--votes', S('votes-wide-gb18030.csv'), '--votes', S('votes-counts.csv')]
const ITEM5 = ['--reports', S('reports-wide.csv'), '--reports', S('reports-long.xlsx'), '--findings', S('findings.csv')]

interface Doc {
  inputs: Array<{ path: string; kind: string; format: string; encoding: string; shape: string | null; rows: number }>
  cadres: Array<{ id: string; checks: Array<{ rule: string; fired: boolean; computation: Record<string, unknown>; text: string }>; findings: Array<{ rule: string; text: string }>; disposition: { code: string; basis: string[]; prerequisites: Array<{ code: string }> }; notes: Array<{ code: string }> }>
  issues: Array<{ code: string; row: number | null; column: number | null; severity: string }>
  summary: { rowsRead: number; rowsCounted: number; rowsInIssues: number }
}
/** The samples' XJ040 is on the roster without vote data: assess names it on stderr (SPEC §3), nothing else. */
const NO_VOTES_XJ040 = '提示: 1 名干部没有任何测评数据（XJ040），处置为“无测评数据”，未作第9项认定：请核对是否漏了测评票或汇总表（--fail-on no-data 可使批处理以代码 1 退出）\n'
const json = async (args: string[], stderr = ''): Promise<Doc> => {
  const r = await cliIn([...args, '--format', 'json'])
  expect(r.stderr).toBe(stderr)
  expect(r.code).toBe(0)
  return JSON.parse(r.stdout) as Doc
}
const readJson = <T>(f: string): T => JSON.parse(readFileSync(S(f), 'utf8')) as T

describe('assess with votes, roster, reports and findings (samples)', () => {
  const expected = readJson<Record<string, { fired: string[]; disposition: string }>>('expected-item5.json')
  let doc: Doc
  beforeAll(async () => {
    doc = await json(['assess', ...VOTES, '--roster', S('roster.csv'), ...ITEM5], NO_VOTES_XJ040)
  })

  it('gives the expected disposition and findings for every cadre', async () => {
    expect(Object.fromEntries(doc.cadres.map((c) => [c.id, { fired: c.findings.map((f) => f.rule), disposition: c.disposition.code }]))).toEqual(expected)
  })

  it('covers each kind of case', async () => {
    const code = (id: string) => doc.cadres.find((c) => c.id === id)!.disposition
    expect(code('XJ017').code).toBe('admonishment') // report missing (blank pre-filled row)
    expect(code('XJ018').basis).toEqual(['item5-report-incomplete']) // - and 待填
    expect(code('XJ019').code).toBe('none') // answered with descriptions
    expect(code('XJ029').code).toBe('none') // must_report 否, no report
    expect(code('XJ016')).toMatchObject({ code: 'organizational-handling', prerequisites: [{ code: 'committee-decides' }] })
    expect(code('XJ006')).toMatchObject({ code: 'dismissal', basis: ['item9-incompetent', 'item9-unfit', 'item5-serious', 'item5-unreported-finding'] })
    expect(code('XJ031').basis).toEqual(['item9-unfit', 'item5-report-incomplete'])
    expect(code('XJ014').basis).toEqual(['item5-duty-statement'])
  })

  it('names the categories and findings concretely, quoting item 5', async () => {
    const text = (id: string, rule: string) => doc.cadres.find((c) => c.id === id)!.findings.find((f) => f.rule === rule)!.text
    expect(text('XJ018', 'item5-report-incomplete')).toBe(
      '第5项：个人有关事项报告中「投资」「婚姻变化」未填报（应报 9 项，已填 7 项）；“对不严格执行上述报告制度的…进行诫勉谈话”',
    )
    expect(text('XJ033', 'item5-report-incomplete')).toContain('中「住房」未填报')
    expect(text('XJ024', 'item5-unreported-finding')).toContain('：「住房：查核发现车库一处未报告（漏报）」「因私出国：查核发现一次因私出境未报告（漏报）」；')
    expect(text('XJ016', 'item5-serious')).toContain('“情节严重的要给予组织处理”')
  })

  it('records every input with its kind, format and shape', async () => {
    expect(doc.inputs.map((i) => [i.kind, i.format, i.shape])).toEqual([
      ['findings', 'csv', null],
      ['reports', 'xlsx', 'long'],
      ['reports', 'csv', 'wide'],
      ['roster', 'csv', null],
      ['votes', 'csv', 'counts'],
      ['votes', 'csv', 'long'],
      ['votes', 'csv', 'wide'],
    ])
    expect(doc.inputs.find((i) => i.format === 'xlsx')?.encoding).toBe('xlsx')
    expect(doc.summary.rowsRead).toBe(doc.summary.rowsCounted)
  })

  it('votes and roster alone still match samples/expected.json', async () => {
    const votesOnly = readJson<Record<string, { fired: string[]; disposition: string }>>('expected.json')
    const d = await json(['assess', ...VOTES, '--roster', S('roster.csv')], NO_VOTES_XJ040)
    for (const c of d.cadres) {
      expect({ id: c.id, fired: c.findings.map((f) => f.rule).sort(), disposition: c.disposition.code }).toEqual({
        id: c.id,
        fired: [...votesOnly[c.id]!.fired].sort(),
        disposition: votesOnly[c.id]!.disposition,
      })
    }
  })
})

describe('the same reports as CSV and as XLSX', () => {
  it('give the same result, byte for byte, but for the inputs block', async () => {
    const text = readFileSync(S('reports-wide.csv'), 'utf8').replace(/^\ufeff/, '')
    const rows = text.trimEnd().split('\r\n').map((l) => l.split(','))
    // In the workbook: ids as text cells, the first report date as a real date cell, the rest as the text they were.
    const sheet = rows.map((r, i) =>
      r.map((v, j) => (i === 1 && j === 3 ? { value: new Date(`${v}T00:00:00Z`), type: Date, format: 'yyyy-mm-dd' } : { value: v, type: String })),
    )
    const p = inTemp({ 'reports-wide.xlsx': await xlsxOf({ 个人事项: sheet as never }) })
    const strip = (d: Doc) => JSON.stringify({ ...d, inputs: null })
    const base = ['--roster', S('roster.csv'), '--reports', S('reports-long.xlsx'), '--findings', S('findings.csv')]
    const fromCsv = await json(['assess', ...VOTES, ...base, '--reports', S('reports-wide.csv')], NO_VOTES_XJ040)
    const fromXlsx = await json(['assess', ...VOTES, ...base, '--reports', p['reports-wide.xlsx']!], NO_VOTES_XJ040)
    expect(strip(fromXlsx)).toBe(strip(fromCsv))
    const r1 = await cliIn(['reports', S('reports-wide.csv'), '--roster', S('roster.csv'), '--format', 'csv'])
    const r2 = await cliIn(['reports', p['reports-wide.xlsx']!, '--roster', S('roster.csv'), '--format', 'csv'])
    expect(r2.stdout).toBe(r1.stdout)
    expect(r1.stdout).toContain('XJ018,梁家豪')
  })
})

describe('kaohe reports', () => {
  it('runs the item-5 checks alone: same item-5 outcome as assess, no vote notes', async () => {
    const expected = readJson<Record<string, { fired: string[]; disposition: string }>>('expected-item5.json')
    const d = await json(['reports', S('reports-wide.csv'), S('reports-long.xlsx'), '--roster', S('roster.csv'), '--findings', S('findings.csv')])
    expect(d.cadres).toHaveLength(40)
    for (const c of d.cadres) {
      expect(c.checks.every((k) => k.rule.startsWith('item5-'))).toBe(true)
      expect(c.findings.map((f) => f.rule)).toEqual(expected[c.id]!.fired.filter((r) => r.startsWith('item5-')))
      expect(c.notes).toEqual([])
    }
    expect(d.cadres.find((c) => c.id === 'XJ040')!.disposition.code).toBe('none')
  })

  it('prints a table with the report state of each cadre; --fail-on exits 1', async () => {
    const r = await cliIn(['reports', S('reports-wide.csv'), S('reports-long.xlsx'), '--roster', S('roster.csv'), '--findings', S('findings.csv'), '--fail-on', 'organizational-handling'])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/XJ017 +│ 郑玉兰 .*│ 未报告 /)
    expect(r.stdout).toMatch(/XJ029 .*│ 无需报告 /)
    expect(r.stdout).toMatch(/XJ018 .*│ 「投资」「婚姻变化」 /)
    // 12 by item 5 alone: XJ006 013 014 016 017 018 020 023 024 027 031 033.
    expect(r.stdout).toContain('需要处置的干部 (12)')
  })

  it('without a roster, no report is "missing": who must report is unknown', async () => {
    const d = await json(['reports', S('reports-wide.csv')])
    expect(d.cadres.map((c) => c.id)).toHaveLength(26)
    expect(d.cadres.flatMap((c) => c.checks.map((k) => k.rule))).not.toContain('item5-report-missing')
    expect(d.cadres.find((c) => c.id === 'XJ017')!.notes.map((n) => n.code)).toEqual(['not-on-roster-checks'])
  })

  const labels2017 = policyNamed('cadre-report-2017').reports.categories.map((k) => k.label)
  const files2017 = () =>
    inTemp({
      'roster.csv': '干部编号,姓名,应报告个人事项\nC1,张三,是\nC2,李四,是\nC3,王五,否\n',
      'r.csv': `干部编号,姓名,报告日期,${labels2017.join(',')}\nC1,张三,2025年1月31日,${Array(14).fill('无').join(',')}\nC2,李四,2025/2/1,${Array(13).fill('无').join(',')},待填\n`,
    })

  it('cadre-report-2017: 14 categories, and reports after 1月31日 are late', async () => {
    const p = files2017()
    const d = await json(['reports', p['r.csv']!, '--roster', p['roster.csv']!, '--policy', 'cadre-report-2017', '--lang', 'en'])
    const late = (id: string) => d.cadres.find((c) => c.id === id)!.checks.find((k) => k.rule === 'item5-report-late')
    expect(late('C1')).toMatchObject({ fired: false, computation: { date: '2025-01-31', deadline: '2025-01-31' } })
    expect(late('C2')).toMatchObject({ fired: true, computation: { date: '2025-02-01', deadline: '2025-01-31' } })
    expect(late('C2')!.text).toBe(
      'Item 5: the personal-matter report is dated 2025-02-01, after the deadline 2025-01-31; "where the reporting system is not strictly followed … admonishment by talk"',
    )
    expect(d.cadres.find((c) => c.id === 'C2')!.findings.map((f) => f.rule)).toEqual(['item5-report-incomplete', 'item5-report-late'])
    expect(d.cadres.find((c) => c.id === 'C3')!.checks.map((k) => [k.rule, k.fired])).toEqual([['item5-report-missing', false]])
  })

  it('--year sets the round whose deadline applies; a bad year is a usage error', async () => {
    const p = files2017()
    const d = await json(['reports', p['r.csv']!, '--roster', p['roster.csv']!, '--policy', 'cadre-report-2017', '--year', '2024'])
    expect(d.cadres.filter((c) => c.checks.some((k) => k.rule === 'item5-report-late' && k.fired)).map((c) => c.id)).toEqual(['C1', 'C2'])
    const bad = await cliIn(['reports', p['r.csv']!, '--year', '25'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--year')
  })

  it('strict: every bad row listed, exit 65; lenient: listed in issues, the cadre marked data-incomplete', async () => {
    const p = inTemp({
      'roster.csv': '干部编号,姓名\nC1,张三\nC2,李四\n',
      'r.csv': '干部编号,事项,内容,报告日期\nC1,住房,无,2025-13-01\nC9,住房,无,\nC2,房产,无,\n',
      'f.csv': '干部编号,事项,情况,情节严重\nC2,投资,x,可能\n',
    })
    const strict = await cliIn(['reports', p['r.csv']!, '--roster', p['roster.csv']!, '--findings', p['f.csv']!])
    expect(strict.code).toBe(65)
    expect(strict.stdout).toBe('')
    expect(strict.stderr).toContain('输入数据有 4 处错误')
    expect(strict.stderr).toContain(`${p['r.csv']} 第 2 行 第 4 列（报告日期）: 无法识别的日期 '2025-13-01'`)
    expect(strict.stderr).toContain(`${p['r.csv']} 第 3 行 第 1 列（干部编号）: 干部「C9」不在干部名册中`)
    expect(strict.stderr).toContain(`${p['r.csv']} 第 4 行 第 2 列（事项）: 无法识别的事项 '房产'`)
    expect(strict.stderr).toContain(`${p['f.csv']} 第 2 行 第 4 列（情节严重）: '可能' 应为 是 或 否`)
    const run = await cliIn(['reports', p['r.csv']!, '--roster', p['roster.csv']!, '--lenient', '--format', 'json'])
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('提示: 问题行 3\n')
    const lenient = JSON.parse(run.stdout) as Doc
    expect(lenient.issues.map((i) => [i.code, i.row])).toEqual([
      ['bad-date', 2],
      ['not-on-roster', 3],
      ['unknown-category', 4],
    ])
    expect(lenient.summary).toEqual(expect.objectContaining({ rowsRead: 5, rowsCounted: 2, rowsInIssues: 3 }))
    expect(lenient.cadres.map((c) => [c.id, c.disposition.code])).toEqual([
      ['C1', 'data-incomplete'],
      ['C2', 'data-incomplete'],
    ])
  })
})

describe('help and docs', () => {
  it('--help shows the new commands and options, in both languages', async () => {
    expect((await cliIn(['--help'])).stdout).toMatch(/reports \[选项\] <文件\.\.\.>[\s\S]*template \[选项\] <种类>/)
    expect((await cliIn(['--help', '--lang', 'en'])).stdout).toMatch(/reports \[options\] <files\.\.\.>[\s\S]*template \[options\] <kind>/)
    const a = (await cliIn(['assess', '--help', '--lang', 'en'])).stdout
    for (const o of ['--reports <files...>', '--findings <file>', '--year <yyyy>']) expect(a).toContain(o)
    expect((await cliIn(['template', '--help'])).stdout).toContain('kaohe template reports --out 个人事项报告.xlsx')
  })

  it('the README documents reports, findings, XLSX and template', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    for (const s of ['kaohe reports', 'kaohe template', '--findings', '--year', 'cadre-report-2017', 'XLSX']) expect(readme).toContain(s)
  })
})

