import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import readXlsxFile from 'read-excel-file/node'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ReportDoc } from '../../src/output/report.js'
import { ROOT, runCli, SAMPLE_ARGS, tempDir } from '../exports-helpers.js'
import { writeFiles } from '../helpers.js'

/**
 * Policies other than the built-in one, through the built CLI, in every output: the words,
 * columns, lines and margins follow the policy's share rules (SPEC §1, issue 14).
 */
const POLICIES = join(ROOT, 'test/fixtures/policies')
const OUTPUTS = ['json', 'csv', 'xlsx', 'md', 'html'] as const
type Outputs = { table: string } & Record<(typeof OUTPUTS)[number], string> & { sheets: Array<{ sheet: string; data: unknown[][] }> }

/** `kaohe assess ARGS` with the table on stdout and every export written; each read back. */
const assessAll = async (args: string[], lang: 'zh' | 'en'): Promise<Outputs> => {
  const dir = tempDir()
  const outs = OUTPUTS.flatMap((f) => ['--out', join(dir, `r.${f}`)])
  const r = await runCli(['assess', ...args, '--lang', lang, ...outs])
  expect(r.stderr).not.toMatch(/error|错误/i)
  expect(r.code).toBe(0)
  const read = (f: string) => readFileSync(join(dir, `r.${f}`), 'utf8')
  return {
    table: r.stdout,
    json: read('json'),
    csv: read('csv'),
    md: read('md'),
    html: read('html'),
    xlsx: '',
    sheets: (await readXlsxFile(readFileSync(join(dir, 'r.xlsx')))) as Array<{ sheet: string; data: unknown[][] }>,
  }
}

const xlsxText = (o: Outputs): string => o.sheets.flatMap((s) => s.data.flat()).filter((c) => typeof c === 'string').join('\n')
/** 2/3 as a share on its own, not inside 32/3 or 2/30. */
const TWO_THIRDS = /(?<![\d/])2\/3(?![\d/])/

describe.each(['zh', 'en'] as const)('a policy with item9-unfit at 3/5 (%s)', (lang) => {
  let o: Outputs
  let doc: ReportDoc
  beforeAll(async () => {
    o = await assessAll([...SAMPLE_ARGS, '--policy', join(POLICIES, 'unfit-3-5.json')], lang)
    doc = JSON.parse(o.json) as ReportDoc
  }, 60_000)

  it('reads 3/5 everywhere and never 2/3, 三分之二 or two thirds', () => {
    for (const [where, text] of [['table', o.table], ['JSON', o.json], ['CSV', o.csv], ['Markdown', o.md], ['HTML', o.html], ['XLSX', xlsxText(o)]] as const) {
      expect(text, where).toContain('3/5')
      expect(text, where).not.toMatch(TWO_THIRDS)
      expect(text, where).not.toContain('三分之二')
      expect(text, where).not.toMatch(/two thirds/i)
    }
  })

  it('in the table, Markdown, HTML and XLSX heads, the JSON policy and checks, the CSV and XLSX comparisons, the chart line', () => {
    const margin = lang === 'zh' ? '边距 (3/5 | 1/3)' : 'Margin (3/5 | 1/3)'
    expect(o.table).toContain(margin)
    expect(o.md).toContain(`| ${margin.replace(' | ', ' \\| ')} |`) // a | in a cell is escaped
    expect(o.html).toContain(`<th>${margin}</th>`)
    // the XLSX: one numeric margin column per rule, named with its share
    expect(o.sheets[0]!.data[0]).toContain(lang === 'zh' ? '不胜任边距 (3/5)' : 'Unfit margin (3/5)')
    expect(doc.policy.shareRules.find((r) => r.id === 'item9-unfit')!.share).toBe('3/5')
    const xj031 = doc.cadres.find((c) => c.id === 'XJ031')!
    expect(xj031.checks.find((k) => k.rule === 'item9-unfit')).toMatchObject({ fired: false, computation: { threshold: '3/5', expression: '36/57 ≥ 3/5' } })
    const csv = parse(o.csv.replace(/^\ufeff/, ''), { columns: true }) as Array<Record<string, string>>
    expect(csv.find((r) => r[lang === 'zh' ? '编号' : 'id'] === 'XJ031')![lang === 'zh' ? '不胜任算式' : 'unfit_expression']).toBe('36/57 ≥ 3/5')
    const tally = o.sheets.find((s) => s.sheet === '测评统计')!.data
    const col = tally[0]!.indexOf(lang === 'zh' ? '不胜任比较' : 'Unfit comparison')
    expect(tally.find((r) => r[0] === 'XJ031')![col]).toBe('36/57 ≥ 3/5')
    expect(o.html).toMatch(/<line class="threshold unfit" data-rule="item9-unfit" data-share="3\/5" x1="274"/) // 8 + 3/5 of 444, floored
    expect(o.html).toContain(lang === 'zh' ? '对照 3/5 线' : 'against the 3/5 line')
  })

  it('the texts of a fired rule quote no share of the Opinion that the policy does not use', () => {
    const fired = doc.cadres.flatMap((c) => c.findings).filter((f) => f.rule === 'item9-unfit')
    expect(fired.length).toBeGreaterThan(0)
    for (const f of fired) expect(f.text).toMatch(lang === 'zh' ? /< 3\/5；在听取/ : /< 3\/5; if, after hearing/)
  })
})

/** Two cadres of 30 valid ballots: 15 and 14 of them 基本称职 or 不称职. */
const COUNTS = [
  '干部编号,姓名,优秀,称职,基本称职,不称职',
  'L15,十五,5,10,12,3',
  'L14,十四,6,10,11,3',
  '',
].join('\n')

describe.each(['zh', 'en'] as const)('a policy adding local-basic-or-worse: 基本称职+不称职 ≥ 1/2 → adjustment (%s)', (lang) => {
  let o: Outputs
  let doc: ReportDoc
  const label = lang === 'zh' ? '基本称职及以下过半' : 'half or more basically competent or worse'
  beforeAll(async () => {
    const f = writeFiles({ 'counts.csv': COUNTS })
    o = await assessAll(['--votes', f['counts.csv']!, '--policy', join(POLICIES, 'local-basic-or-worse.json')], lang)
    doc = JSON.parse(o.json) as ReportDoc
  }, 60_000)

  it('fires at 15/30 and not at 14/30, each one vote from flipping (JSON checks and findings)', () => {
    const local = (id: string) => doc.cadres.find((c) => c.id === id)!.checks.find((k) => k.rule === 'local-basic-or-worse')!
    expect(local('L15')).toMatchObject({ item: 9, fired: true, margin: 1, borderline: true, computation: { numerator: 15, denominator: 30, expression: '15/30 ≥ 1/2' } })
    expect(local('L14')).toMatchObject({ fired: false, margin: 1, borderline: true, computation: { numerator: 14, expression: '14/30 < 1/2' } })
    const l15 = doc.cadres.find((c) => c.id === 'L15')!
    expect(l15.disposition).toMatchObject({ code: 'adjustment', basis: ['item9-unfit', 'local-basic-or-worse'] })
    expect(l15.findings.find((f) => f.rule === 'local-basic-or-worse')!.text).toContain(label)
    expect(doc.policy.shareRules.map((r) => [r.id, r.label])).toEqual([
      ['item9-incompetent', null],
      ['item9-unfit', null],
      ['local-basic-or-worse', label],
    ])
  })

  it('its label and margin in the table, Markdown and HTML', () => {
    const text = lang === 'zh' ? `第9项（${label}）：基本称职和不称职得票率 50.00%（15/30，分母为有效票）≥ 1/2` : `Item 9 (${label}): basically competent + incompetent share 50.00% (15/30, of valid ballots) ≥ 1/2`
    const margin = lang === 'zh' ? '再少 1 票基本称职或不称职即不触发' : '1 fewer basically competent/incompetent vote would clear it'
    for (const [where, out] of [['table', o.table], ['Markdown', o.md.replace(/\\/g, '')], ['HTML', o.html]] as const) {
      expect(out, where).toContain(text)
      expect(out, where).toContain(margin)
    }
    expect(o.table).toContain(lang === 'zh' ? '基本称职+不称职' : 'Basic+Incompetent')
    expect(o.table).toContain(lang === 'zh' ? '边距 (2/3 | 1/2 | 1/3)' : 'Margin (2/3 | 1/2 | 1/3)')
    expect(o.md).toContain(`| L14 | 十四 |  |  | 16/30 53.33% | 14/30 46.67% | 3/30 10.00% | 30 ${lang === 'zh' ? '有效票' : 'valid ballots'} | 4 \\| 1 ${lang === 'zh' ? '临界' : 'borderline'} \\| 8 |`)
  })

  it('its own CSV and XLSX columns, named by its id and its label', () => {
    const csv = parse(o.csv.replace(/^\ufeff/, ''), { columns: true }) as Array<Record<string, string>>
    // Chinese columns are named by the rule's label, English ones by its id in snake_case.
    const [unfit, local, incompetent] = lang === 'zh' ? ['不胜任', label, '不称职'] : ['unfit', 'local_basic_or_worse', 'incompetent']
    const [expression, fired, margin] = lang === 'zh' ? ['算式', '触发', '边距'] : ['_expression', '_fired', '_margin']
    expect(Object.keys(csv[0]!)).toEqual(expect.arrayContaining([unfit + expression, local + expression, local + fired, local + margin, incompetent + margin]))
    const keys = Object.keys(csv[0]!)
    expect(keys.indexOf(unfit + margin)).toBeLessThan(keys.indexOf(local + expression))
    expect(keys.indexOf(local + margin)).toBeLessThan(keys.indexOf(incompetent + expression))
    const [yes, no] = lang === 'zh' ? ['是', '否'] : ['true', 'false']
    expect(csv.map((r) => [r[local + expression], r[local + fired], r[local + margin]])).toEqual([
      ['14/30 < 1/2', no, '1'],
      ['15/30 ≥ 1/2', yes, '1'],
    ])
    const tally = o.sheets.find((s) => s.sheet === '测评统计')!.data
    const head = tally[0] as string[]
    const heads =
      lang === 'zh'
        ? ['基本称职+不称职票', '基本称职+不称职得票率(%)', `${label}比较`, `${label}触发`, `${label}边距`]
        : ['Basically competent + incompetent', 'Basically competent + incompetent (%)', `${label} comparison`, `${label} fired`, `${label} margin`]
    const at = head.indexOf(heads[0]!)
    expect(head.slice(at, at + 5)).toEqual(heads)
    expect(tally.find((r) => r[0] === 'L15')!.slice(at, at + 5)).toEqual([15, 50, '15/30 ≥ 1/2', lang === 'zh' ? '是' : 'yes', 1])
    expect(tally.find((r) => r[0] === 'L14')!.slice(at, at + 5)).toEqual([14, 46.67, '14/30 < 1/2', lang === 'zh' ? '否' : 'no', 1])
    const dispositions = o.sheets.find((s) => s.sheet === '处置建议')!.data
    const why = (dispositions[0] as string[]).indexOf(lang === 'zh' ? '理由' : 'Rationale')
    expect(String(dispositions.find((r) => r[0] === 'L15')![why])).toContain(label)
  })

  it('its line in the chart: one per distinct share, three here', () => {
    const lines = [...o.html.matchAll(/<line class="threshold (\w+)" data-rule="([^"]+)" data-share="([^"]+)"/g)].map((m) => [m[1], m[2], m[3]])
    expect(lines).toEqual([
      ['unfit', 'item9-unfit', '2/3'],
      ['incompetent', 'local-basic-or-worse', '1/2'],
      ['incompetent', 'item9-incompetent', '1/3'],
    ])
    expect(o.html).toContain(lang === 'zh' ? '>基本称职+不称职 1/2</text>' : '>basically competent + incompetent 1/2</text>')
    expect(o.html.match(/<rect class="bar /g)).toHaveLength(3 * 2) // three bars for each of the two cadres
  })
})

describe('two rules at one share draw one line', () => {
  it('with both rules on it', async () => {
    const policy = JSON.parse(readFileSync(join(POLICIES, 'local-basic-or-worse.json'), 'utf8')) as { shareRules: Array<Record<string, unknown>> }
    policy.shareRules.push({ id: 'local-excellent-half', marks: ['excellent'], comparison: 'below', share: '2/4', measure: 'admonishment' })
    const f = writeFiles({ 'counts.csv': COUNTS, 'p.json': JSON.stringify(policy) })
    const dir = tempDir()
    const r = await runCli(['assess', '--votes', f['counts.csv']!, '--policy', f['p.json']!, '--out', join(dir, 'r.html')])
    expect(r.code).toBe(0)
    const html = readFileSync(join(dir, 'r.html'), 'utf8')
    const lines = [...html.matchAll(/<line class="threshold (\w+)" data-rule="([^"]+)" data-share="([^"]+)"/g)].map((m) => [m[2], m[3]])
    expect(lines).toEqual([
      ['local-excellent-half local-basic-or-worse', '2/4'],
      ['item9-unfit', '2/3'],
      ['item9-incompetent', '1/3'],
    ])
    expect(html).toContain('>优秀 2/4; 基本称职+不称职 1/2</text>')
  })
})

describe('an old policy file with thresholds', () => {
  it('gives the built-in policy\'s result, byte for byte', async () => {
    const old = await runCli(['assess', ...SAMPLE_ARGS, '--policy', join(POLICIES, 'opinion-2009-thresholds.json'), '--format', 'json'])
    const builtin = await runCli(['assess', ...SAMPLE_ARGS, '--format', 'json'])
    expect(old.code).toBe(0)
    expect(old.stdout).toBe(builtin.stdout)
  })
})
