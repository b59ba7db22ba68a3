import { spawn } from 'node:child_process'
import { closeSync, openSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { kaohe, kaoheHere, ROOT, writeFiles } from '../helpers.js'

const S = (f: string) => join('samples', f)
const ALL_VOTES = ['--votes', S('votes-long.csv'), '--votes', S('votes-wide-gb18030.csv'), '--votes', S('votes-counts.csv')]
const ROSTER = ['--roster', S('roster.csv')]

interface Expected {
  excellent: number
  competent: number
  basicallyCompetent: number
  incompetent: number
  abstain: number
  invalid: number
  valid: number
  fired: string[]
  disposition: string
  unfitMargin: number | null
  incompetentMargin: number | null
}
const expected = JSON.parse(readFileSync(join(ROOT, 'samples/expected.json'), 'utf8')) as Record<string, Expected | { disposition: string }>

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any

describe('kaohe assess on the bundled samples', () => {
  let doc: Json
  let run: ReturnType<typeof kaohe>
  beforeAll(() => {
    run = kaohe(['assess', ...ALL_VOTES, ...ROSTER, '--format', 'json'])
    doc = JSON.parse(run.stdout)
  })

  it('exits 0; stderr names only the rostered cadre without vote data (XJ040)', () => {
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('提示: 1 名干部没有任何测评数据（XJ040），处置为“无测评数据”，未作第9项认定：请核对是否漏了测评票或汇总表（--fail-on no-data 可使批处理以代码 1 退出）\n')
  })

  it("follows SPEC's JSON shape", () => {
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(['tool', 'policy', 'inputs', 'cadres', 'issues', 'summary']))
    expect(doc.tool).toMatchObject({ name: 'kaohe', version: expect.any(String) })
    expect(doc.policy).toMatchObject({ id: 'opinion-2009', version: '1.0.0', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })
    for (const i of doc.inputs) {
      expect(Object.keys(i)).toEqual(expect.arrayContaining(['path', 'sha256', 'rows', 'format', 'encoding']))
    }
    expect(doc.inputs.map((i: Json) => [i.path, i.encoding, i.shape])).toEqual([
      [S('roster.csv'), 'utf-8-bom', null],
      [S('votes-counts.csv'), 'utf-8-bom', 'counts'],
      [S('votes-long.csv'), 'utf-8', 'long'],
      [S('votes-wide-gb18030.csv'), 'gb18030', 'wide'],
    ])
    const c = doc.cadres.find((x: Json) => x.id === 'XJ004')
    expect(Object.keys(c)).toEqual(expect.arrayContaining(['id', 'name', 'unit', 'post', 'tally', 'checks', 'findings', 'disposition']))
    expect(Object.keys(c.tally)).toEqual(
      expect.arrayContaining(['excellent', 'competent', 'basicallyCompetent', 'incompetent', 'abstain', 'invalid', 'eligible', 'denominator', 'denominatorBasis']),
    )
    for (const k of c.checks) expect(Object.keys(k)).toEqual(expect.arrayContaining(['rule', 'item', 'fired', 'computation', 'margin', 'borderline']))
    for (const f of c.findings) expect(Object.keys(f)).toEqual(expect.arrayContaining(['rule', 'item', 'text', 'computation', 'margin', 'borderline']))
    expect(Object.keys(c.disposition)).toEqual(expect.arrayContaining(['code', 'label', 'options', 'prerequisites']))
    const s = doc.summary
    expect(Object.keys(s)).toEqual(expect.arrayContaining(['cadres', 'byDisposition', 'rowsRead', 'rowsCounted', 'rowsInIssues']))
    expect(s.rowsRead).toBe(s.rowsCounted + s.rowsInIssues)
    expect(s.rowsRead).toBe(doc.inputs.reduce((n: number, i: Json) => n + i.rows, 0))
  })

  it('sorts cadres by id and gives every rostered cadre', () => {
    expect(doc.cadres.map((c: Json) => c.id)).toEqual(Object.keys(expected).sort())
  })

  it('gives each sample cadre the expected counts, rules, disposition and margins', () => {
    for (const c of doc.cadres) {
      const want = expected[c.id]!
      expect(c.disposition.code, c.id).toBe(want.disposition)
      if (!('valid' in want) || want.valid === null) {
        expect(c.tally, c.id).toBeNull()
        continue
      }
      const { excellent, competent, basicallyCompetent, incompetent, abstain, invalid } = c.tally
      expect({ excellent, competent, basicallyCompetent, incompetent, abstain, invalid }, c.id).toEqual({
        excellent: want.excellent,
        competent: want.competent,
        basicallyCompetent: want.basicallyCompetent,
        incompetent: want.incompetent,
        abstain: want.abstain,
        invalid: want.invalid,
      })
      expect(c.tally.denominator, c.id).toBe(want.valid)
      expect(c.findings.map((f: Json) => f.rule).sort(), c.id).toEqual([...want.fired].sort())
      expect(c.checks.find((k: Json) => k.rule === 'item9-unfit').margin, c.id).toBe(want.unfitMargin)
      expect(c.checks.find((k: Json) => k.rule === 'item9-incompetent').margin, c.id).toBe(want.incompetentMargin)
    }
  })

  it('explains an exact boundary: 40/60 does not trigger, margin 1, borderline', () => {
    const c = doc.cadres.find((x: Json) => x.id === 'XJ003')
    const k = c.checks.find((x: Json) => x.rule === 'item9-unfit')
    expect(k).toMatchObject({ fired: false, margin: 1, borderline: true, computation: { expression: '40/60 ≥ 2/3', percent: '66.67' } })
    expect(k.marginText).toBe('再少 1 票优秀或称职即触发')
  })

  it('lists the item-9 prerequisites and the item-8 options for a principal', () => {
    const c = doc.cadres.find((x: Json) => x.id === 'XJ004')
    expect(c.disposition.code).toBe('adjustment')
    expect(c.disposition.options.map((o: Json) => o.code)).toEqual(['deputy-post', 'non-leading-post', 'training', 'suitable-post', 'professional-post'])
    expect(c.disposition.prerequisites.map((o: Json) => o.code)).toEqual(['recount', 'hear-opinions', 'appointment-procedure', 'resettle'])
    expect(c.findings[0].text).toContain('第9项')
  })

  it('gives the same bytes on a second run (in this process) and with the vote files in another order', async () => {
    const again = await kaoheHere(['assess', '--votes', S('votes-counts.csv'), '--votes', S('votes-wide-gb18030.csv'), '--votes', S('votes-long.csv'), ...ROSTER, '--format', 'json'])
    expect(again.stdout).toBe(run.stdout)
  })
})

describe('the table and other formats', () => {
  it('prints an aligned Chinese table, without colour when not a terminal', async () => {
    const r = await kaoheHere(['assess', ...ALL_VOTES, ...ROSTER])
    expect(r.code).toBe(0)
    expect(r.stdout.includes('\u001b[')).toBe(false)
    expect(r.stdout).toContain('组织调整')
    expect(r.stdout).toContain('需要处置的干部')
    const widths = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('│'))
      .map((l) => [...l].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) && !/[│─┼┌┐└┘├┤┬┴—]/.test(ch) ? 2 : 1), 0))
    expect(new Set(widths).size).toBe(1)
  })
  it('speaks English with --lang en', async () => {
    const r = await kaoheHere(['assess', ...ALL_VOTES, ...ROSTER, '--lang', 'en'])
    expect(r.stdout).toContain('organizational adjustment')
    expect(r.stdout).toContain('Item 9')
  })
  it('writes CSV with one row per cadre', async () => {
    const r = await kaoheHere(['assess', ...ALL_VOTES, ...ROSTER, '--format', 'csv'])
    const lines = r.stdout.trim().split('\r\n')
    expect(lines).toHaveLength(41)
    expect(lines.find((l) => l.startsWith('XJ004,'))).toContain(',adjustment,')
  })
})

describe('tally: each shape, each encoding, stdin', () => {
  it.each([
    ['votes-long.csv', 24],
    ['votes-wide-gb18030.csv', 10],
    ['votes-counts.csv', 5],
  ])('%s', async (file, n) => {
    const r = await kaoheHere(['tally', S(file), '--format', 'json'])
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.stdout)
    expect(doc.cadres).toHaveLength(n)
    expect(doc.cadres[0].disposition).toBeNull()
    expect(doc.cadres[0].checks.map((k: Json) => k.rule)).toEqual(['item9-incompetent', 'item9-unfit'])
  })
  it('reads standard input with -', async () => {
    const file = await kaoheHere(['tally', S('votes-wide-gb18030.csv'), '--format', 'json'])
    const stdin = kaohe(['tally', '-', '--format', 'json'], { input: readFileSync(join(ROOT, S('votes-wide-gb18030.csv'))) })
    expect(stdin.code).toBe(0)
    const strip = (s: string) => ({ ...JSON.parse(s), inputs: null })
    expect(strip(stdin.stdout)).toEqual(strip(file.stdout))
    expect(JSON.parse(stdin.stdout).inputs[0]).toMatchObject({ path: '-', encoding: 'gb18030' })
  })
  it('reads a file given as standard input (< file), not only a pipe', async () => {
    const fd = openSync(join(ROOT, S('votes-long.csv')), 'r')
    const child = spawn(process.execPath, [join(ROOT, 'bin/kaohe.js'), 'tally', '-', '--format', 'csv'], { stdio: [fd, 'pipe', 'pipe'] })
    closeSync(fd)
    let out = ''
    child.stdout!.on('data', (b: Buffer) => (out += b.toString()))
    const code = await new Promise((resolve) => child.on('close', resolve))
    expect(code).toBe(0)
    expect(out).toBe((await kaoheHere(['tally', S('votes-long.csv'), '--format', 'csv'])).stdout)
  })
  it('stops when the input is wrong, even while the program writing to it keeps the pipe open', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/kaohe.js'), 'tally', '-'], { stdio: ['pipe', 'pipe', 'pipe'] })
    child.stdin.write('x,y\n1,2\n')
    let err = ''
    child.stderr.on('data', (b: Buffer) => (err += b.toString()))
    // The pipe is not ended here unless kaohe is still there after 20 s (it hung).
    const end = setTimeout(() => child.stdin.end(), 20_000)
    const code = await new Promise((resolve) => child.on('close', resolve))
    clearTimeout(end)
    expect(child.stdin.writableEnded).toBe(false)
    expect(code).toBe(65)
    expect(err).toContain('第 1 行')
  }, 30_000)
})

// In this process (test/support/in-process.ts) but for the sample golden, standard input and
// pipes: exit codes, messages, formats and policy files need no process of their own.
describe('exit codes and messages', () => {
  it('1 when --fail-on is reached, 0 when not', async () => {
    expect((await kaoheHere(['assess', ...ALL_VOTES, ...ROSTER, '--fail-on', 'dismissal', '-q'])).code).toBe(1)
    expect((await kaoheHere(['assess', '--votes', S('votes-counts.csv'), '--fail-on', 'dismissal', '-q'])).code).toBe(0)
  })
  it.each([
    [['assess', '--votes', S('votes-long.csv'), '--bogus']],
    [['assess']],
    [['frobnicate']],
    [['assess', '--votes', S('votes-long.csv'), '--fail-on', 'hanging']],
    [['assess', '--votes', S('votes-long.csv'), '--format', 'pdf']],
    [['assess', '--votes', S('votes-long.csv'), '--encoding', 'latin9']],
  ])('2 for a usage error: %j', async (args) => {
    const r = await kaoheHere(args)
    expect(r.code).toBe(2)
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })
  it('65 for bad data: every error listed with file, line, column, value and what to do', async () => {
    const f = writeFiles({ '票据.csv': '票号,干部编号,姓名,测评等次\nP1,C1,张三,优秀\nP2,C1,张三,良\nP3,C1,张三,优\nP1,C1,张三,优秀\n' })
    const r = await kaoheHere(['assess', '--votes', f['票据.csv']!])
    expect(r.code).toBe(65)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('输入数据有 3 处错误')
    expect(r.stderr).toContain(`${f['票据.csv']} 第 3 行 第 4 列（测评等次）: 无法识别的等次 '良'：请改为`)
    expect(r.stderr).toContain(`第 4 行 第 4 列（测评等次）: 无法识别的等次 '优'`)
    expect(r.stderr).toContain('第 5 行 第 1 列（票号）')
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })
  it('65 in English too', async () => {
    const f = writeFiles({ 'v.csv': 'ballot_id,cadre_id,grade\nB1,C1,good\n' })
    const r = await kaoheHere(['tally', f['v.csv']!, '--lang', 'en'])
    expect(r.code).toBe(65)
    expect(r.stderr).toContain("line 2 column 3 (grade): unrecognised grade 'good'")
  })
  it('lenient: rows left out are listed, the cadre marked, rows read = counted + in issues', async () => {
    const f = writeFiles({ 'v.csv': '票号,干部编号,测评等次\nP1,C1,优秀\nP2,C1,良\nP3,C2,称职\n' })
    const r = await kaoheHere(['assess', '--votes', f['v.csv']!, '--lenient', '--format', 'json'])
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.stdout)
    expect(doc.summary).toMatchObject({ rowsRead: 3, rowsCounted: 2, rowsInIssues: 1 })
    expect(doc.issues).toEqual([expect.objectContaining({ row: 3, column: 3, value: '良', code: 'unknown-grade', severity: 'error' })])
    expect(doc.cadres.map((c: Json) => c.disposition.code)).toEqual(['data-incomplete', 'none'])
    expect(r.stderr).toContain('问题行 1')
    expect(doc.cadres[0].disposition.reason).toBe('rows-left-out')
  })
  it('lenient: a name that may mean another cadre (no roster) says so, not that rows were left out', async () => {
    const f = writeFiles({ 'a.csv': '票号,干部编号,姓名,测评等次\nP1,C1,张三,优秀\nP2,C1,张三,称职\n', 'b.csv': '票号,姓名,测评等次\nP3,张三,不称职\n' })
    const r = await kaoheHere(['assess', '--votes', f['a.csv']!, '--votes', f['b.csv']!, '--lenient', '--format', 'json'])
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.stdout)
    expect(doc.summary).toMatchObject({ rowsRead: 3, rowsCounted: 3, rowsInIssues: 0 })
    expect(doc.issues.map((i: Json) => [i.code, i.row])).toEqual([['ambiguous-name', 2]])
    expect(doc.cadres.map((c: Json) => [c.id, c.disposition.code, c.disposition.reason, c.notes.map((n: Json) => n.code)])).toEqual([
      ['C1', 'data-incomplete', 'name-ambiguous', ['name-ambiguous']],
      ['张三', 'data-incomplete', 'name-ambiguous', ['name-ambiguous']],
    ])
    expect(doc.cadres[0].notes[0].label).toContain('无法确定')
  })
  it('66 for a missing input file', async () => {
    const r = await kaoheHere(['assess', '--votes', 'samples/nope.csv'])
    expect(r.code).toBe(66)
    expect(r.stderr).toContain('无法读取输入文件 samples/nope.csv（文件不存在')
  })
  it('66 for a directory given as a file', async () => {
    expect((await kaoheHere(['tally', 'samples'])).code).toBe(66)
  })
  it('65 for a file given twice', async () => {
    expect((await kaoheHere(['assess', '--votes', S('votes-long.csv'), '--votes', `./${S('votes-long.csv')}`])).code).toBe(65)
  })
})

describe('policy', () => {
  it('show prints the built-in policy, init writes the same bytes, and the hash matches the JSON output', async () => {
    const show = await kaoheHere(['policy', 'show'])
    expect(show.code).toBe(0)
    expect(JSON.parse(show.stdout)).toMatchObject({
      id: 'opinion-2009',
      shareRules: [
        { id: 'item9-incompetent', item: 9, marks: ['incompetent'], comparison: 'above', share: '1/3', measure: 'dismissal' },
        { id: 'item9-unfit', item: 9, marks: ['excellent', 'competent'], comparison: 'below', share: '2/3', measure: 'adjustment' },
      ],
      disabledRules: [],
    })
    const dir = writeFiles({}).dir
    const file = join(dir, 'local.json')
    expect((await kaoheHere(['policy', 'init', file])).code).toBe(0)
    expect(readFileSync(file, 'utf8')).toBe(show.stdout)
    expect((await kaoheHere(['policy', 'init', file])).code).toBe(73)
    const sha = /sha256 ([0-9a-f]{64})/.exec(show.stderr)![1]
    const doc = JSON.parse((await kaoheHere(['tally', S('votes-counts.csv'), '--policy', file, '--format', 'json'])).stdout)
    expect(doc.policy.sha256).toBe(sha)
  })
  it('a local policy with a quorum withholds a cadre below it', async () => {
    const policy = JSON.parse((await kaoheHere(['policy', 'show'])).stdout)
    policy.id = 'county-2026'
    policy.quorum = { minParticipation: '2/3' }
    const f = writeFiles({ 'p.json': JSON.stringify(policy) })
    const doc = JSON.parse((await kaoheHere(['assess', ...ALL_VOTES, ...ROSTER, '--policy', f['p.json']!, '--format', 'json'])).stdout)
    expect(doc.policy.id).toBe('county-2026')
    const c = doc.cadres.find((x: Json) => x.id === 'XJ012')
    expect(c.disposition).toMatchObject({ code: 'withheld', reason: 'quorum-not-met' })
  })
  it('an invalid policy file is a data error naming the field', async () => {
    const f = writeFiles({ 'p.json': JSON.stringify({ id: 'x' }) })
    const r = await kaoheHere(['tally', S('votes-counts.csv'), '--policy', f['p.json']!])
    expect(r.code).toBe(65)
    expect(r.stderr).toContain('denominator')
  })
})

describe('help', () => {
  it.each([['--help'], ['assess', '--help'], ['tally', '--help'], ['policy', '--help']])('%j has examples', async (...args) => {
    const r = await kaoheHere(args)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('示例')
  })
  it('in English with --lang en', async () => {
    expect((await kaoheHere(['assess', '--help', '--lang', 'en'])).stdout).toContain('Examples')
  })
})
