import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { cliIn, inTemp } from '../support/item5.js'

/**
 * `kaohe template` round trips (issue 15 item 6): every template, CSV and XLSX, Chinese and
 * English, fed back unchanged is refused (exit 65, the example named with its file, row and
 * column); filled in — the example marker taken off, the instruction replaced by an answer —
 * it is read as its kind says. The XLSX has its ids formatted as text and drop-down lists.
 */
const KINDS = ['votes', 'wide', 'paper', 'counts', 'reports', 'roster', 'findings'] as const
type Kind = (typeof KINDS)[number]

interface Doc {
  cadres: Array<{ id: string; name: string; tally: { excellent: number; competent: number; basicallyCompetent: number; incompetent: number; abstain: number } | null; checks: Array<{ rule: string; fired: boolean; text: string }> }>
  issues: Array<{ code: string }>
}
const json = async (args: string[]): Promise<Doc> => {
  const r = await cliIn([...args, '--format', 'json'])
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  return JSON.parse(r.stdout) as Doc
}

/** What a clerk does to a template's text: the example's own names, the instruction answered. */
const fillText = (s: string): string =>
  s
    .replaceAll('（示例）', '')
    .replaceAll(' (example)', '')
    .replaceAll('（如实填写；没有的填“无”）', '无')
    .replaceAll('(describe truthfully; write &quot;none&quot; if nothing)', 'none')
    .replaceAll('"(describe truthfully; write ""none"" if nothing)"', 'none')
    .replaceAll('(describe truthfully; write "none" if nothing)', 'none')

/** The same edit inside an XLSX (its shared strings and inline strings). */
const fillXlsx = (bytes: Uint8Array): Uint8Array => {
  const parts = unzipSync(bytes)
  for (const name of Object.keys(parts)) if (name.endsWith('.xml')) parts[name] = strToU8(fillText(strFromU8(parts[name]!)))
  return zipSync(parts)
}

const write = async (dir: string, kind: Kind, ext: 'csv' | 'xlsx', lang: 'zh' | 'en'): Promise<string> => {
  const out = join(dir, `${kind}-${lang}.${ext}`)
  const r = await cliIn(['template', kind, '--out', out, '--lang', lang, '--force'])
  expect(r.code, r.stderr).toBe(0)
  return out
}
const fill = (file: string): string => {
  const out = file.replace(/(\.\w+)$/, '-filled$1')
  if (file.endsWith('.xlsx')) writeFileSync(out, fillXlsx(readFileSync(file)))
  else writeFileSync(out, fillText(readFileSync(file, 'utf8')))
  return out
}

describe.each(['csv', 'xlsx'] as const)('templates as .%s', (ext) => {
  describe.each(['zh', 'en'] as const)('in %s', (lang) => {
    const dir = inTemp({}).dir
    const files = {} as Record<Kind, string>
    beforeAll(async () => {
      for (const k of KINDS) files[k] = await write(dir, k, ext, lang)
    })
    const L = lang === 'en' ? ['--lang', 'en'] : []

    it.each(KINDS)('refuses %s fed back unchanged, naming the example, its file and row (exit 65)', async (kind) => {
      const args =
        kind === 'roster' || kind === 'reports' || kind === 'findings'
          ? ['assess', '--votes', fill(files.counts), `--${kind}`, files[kind], ...L]
          : ['tally', files[kind], ...L]
      const r = await cliIn(args)
      expect(r.code).toBe(65)
      const example = lang === 'zh' ? /「(张三（示例）|P001（示例）)」是模板中的示例/ : /'(Zhang San \(example\)|P001 \(example\))' is the template's example/
      expect(r.stderr).toMatch(example)
      const where = `${kind}-${lang}.${ext}`
      // the row of the example (a wide ballot: the header, where the example columns are)
      const row = kind === 'wide' ? 1 : 2
      expect(r.stderr).toMatch(new RegExp(lang === 'zh' ? `${where} 第 ${row} 行` : `${where}[^\\n]*(?:line|row) ${row}\\b`))
      // in the column where the marker is: the name (a wide ballot: the example cadre's column)
      if (kind !== 'wide') expect(r.stderr).toContain(lang === 'zh' ? '（姓名）' : '(name)')
      expect(r.stdout).toBe('')
    })

    it('reads the ballots filled in: long, wide and paper, each cadre with the grade the example gives', async () => {
      for (const kind of ['votes', 'wide', 'paper'] as const) {
        const d = await json(['tally', fill(files[kind]), ...L])
        const by = Object.fromEntries(d.cadres.map((c) => [c.name, c.tally]))
        const [zhang, li] = lang === 'zh' ? ['张三', '李四'] : ['Zhang San', 'Li Si']
        expect(d.cadres).toHaveLength(2)
        expect(by[zhang]).toMatchObject({ excellent: 0, competent: 1, basicallyCompetent: 0, incompetent: 0 })
        expect(by[li]).toMatchObject({ excellent: 1, competent: 0 })
        expect(d.issues).toEqual([])
      }
    })

    it('reads counts, roster, reports and findings filled in, together, with no issue', async () => {
      const d = await json(['assess', '--votes', fill(files.counts), '--roster', fill(files.roster), '--reports', fill(files.reports), '--findings', fill(files.findings), ...L])
      expect(d.issues).toEqual([])
      const c = d.cadres[0]!
      expect([c.id, d.cadres.length]).toEqual(['XJ001', 1])
      expect(c.tally).toMatchObject({ excellent: 20, competent: 25, basicallyCompetent: 3, incompetent: 1, abstain: 1 })
      expect(c.checks.map((k) => [k.rule, k.fired])).toEqual([
        ['item9-incompetent', false],
        ['item9-unfit', false],
        ['item3-basic-grade', false],
        ['item5-report-missing', false],
        ['item5-report-incomplete', false],
        ['item5-unreported-finding', true],
        ['item5-serious', false],
        ['item5-duty-statement', false],
      ])
    })

    it('never counts the instruction left in a report as an answer', async () => {
      // the example's marker taken off, the instruction （如实填写…） left where it was
      const only = files.reports.replace(/(\.\w+)$/, '-named$1')
      const unmark = (s: string) => s.replaceAll('（示例）', '').replaceAll(' (example)', '')
      if (ext === 'xlsx') {
        const parts = unzipSync(readFileSync(files.reports))
        for (const n of Object.keys(parts)) if (n.endsWith('.xml')) parts[n] = strToU8(unmark(strFromU8(parts[n]!)))
        writeFileSync(only, zipSync(parts))
      } else writeFileSync(only, unmark(readFileSync(files.reports, 'utf8')))
      const d = await json(['reports', only, ...L])
      const k = d.cadres[0]!.checks.find((x) => x.rule === 'item5-report-incomplete')!
      expect(k.fired).toBe(true)
      // (the English text names the category by its Chinese label, as every English finding of item 5 does today)
      expect(k.text).toContain('住房')
    })
  })
})

describe('the XLSX templates', () => {
  const dir = inTemp({}).dir
  const xml = async (kind: Kind, lang: 'zh' | 'en' = 'zh'): Promise<{ sheet: string; styles: string; strings: string }> => {
    const parts = unzipSync(readFileSync(await write(dir, kind, 'xlsx', lang)))
    return { sheet: strFromU8(parts['xl/worksheets/sheet1.xml']!), styles: strFromU8(parts['xl/styles.xml']!), strings: strFromU8(parts['xl/sharedStrings.xml'] ?? new Uint8Array()) }
  }
  const lists = (sheet: string): Array<[string, string]> => [...sheet.matchAll(/<dataValidation type="list"[^>]*sqref="([^"]+)"><formula1>([^<]*)<\/formula1>/g)].map((m) => [m[1]!, m[2]!])
  const xfs = (styles: string): string[] => [.../<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1]!.matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0])

  it('offers drop-down lists for the grades, the marks and 是/否', async () => {
    expect(lists((await xml('votes')).sheet)).toEqual([['D2:D50000', '&quot;优秀,称职,基本称职,不称职,弃权,无效&quot;']])
    expect(lists((await xml('votes', 'en')).sheet)).toEqual([['D2:D50000', '&quot;excellent,competent,basically-competent,incompetent,abstain,invalid&quot;']])
    expect(lists((await xml('roster')).sheet)).toEqual([
      ['E2:E50000', '&quot;是,否&quot;'],
      ['F2:F50000', '&quot;优秀,称职,基本称职,不称职&quot;'],
      ['G2:G50000', '&quot;是,否&quot;'],
      ['H2:H50000', '&quot;是,否&quot;'],
    ])
    const findings = lists((await xml('findings')).sheet)
    expect(findings.map((l) => l[0])).toEqual(['C2:C50000', 'E2:E50000', 'F2:F50000'])
    expect(findings[0]![1]).toContain('住房,投资')
    expect(findings[1]![1]).toBe('&quot;漏报,瞒报&quot;')
    expect(lists((await xml('paper')).sheet).map((l) => l[1])).toEqual(Array.from({ length: 5 }, () => '&quot;√&quot;'))
    // a wide ballot: the example columns and the empty columns after them, for the cadres to add
    const wide = lists((await xml('wide')).sheet)
    expect(wide[0]).toEqual(['C2:C50000', '&quot;优秀,称职,基本称职,不称职,弃权,无效&quot;'])
    expect(wide.length).toBe(2 + 48)
    // each list refuses anything else, with a message
    expect((await xml('votes')).sheet).toMatch(/<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" errorStyle="stop" errorTitle="请从下拉列表中选择" error="此列只能填写下拉列表中的值"/)
  })

  it('formats the id columns as text, empty cells included, so 001 stays 001', async () => {
    const cases: Array<[Kind, number[]]> = [['votes', [1, 2]], ['wide', [1]], ['paper', [1]], ['counts', [1]], ['roster', [1]], ['reports', [1]], ['findings', [1]]]
    for (const [kind, cols] of cases) {
      const { sheet, styles } = await xml(kind)
      const all = xfs(styles)
      for (const c of cols) {
        const style = new RegExp(`<col min="${c}" max="${c}"[^>]*style="(\\d+)"`).exec(sheet)
        expect(style, `${kind} column ${c}`).not.toBeNull()
        expect(all[Number(style![1])]).toMatch(/numFmtId="49"/)
      }
    }
  })

  it('writes the example rows in grey italics, frozen under a bold header, the same bytes every time', async () => {
    const { sheet, styles } = await xml('counts')
    expect(sheet).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/)
    expect(styles).toMatch(/<i\/>|<i val="1"\/>/)
    expect(styles).toContain('7F7F7F')
    const a = readFileSync(await write(dir, 'wide', 'xlsx', 'zh'))
    const b = readFileSync(await write(inTemp({}).dir, 'wide', 'xlsx', 'zh'))
    expect(a.equals(b)).toBe(true)
  })
})

describe('kaohe template on stdout and its options', () => {
  it('prints CSV on stdout without --out: the file minus its BOM, the example marked', async () => {
    const p = inTemp({})
    const out = join(p.dir, 'roster.csv')
    await cliIn(['template', 'roster', '--out', out])
    const r = await cliIn(['template', 'roster'])
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('干部编号,姓名,单位,职务,是否正职,年度考核等次,述职述廉,应报告个人事项,应参加人数\r\nXJ001,张三（示例）,县财政局,局长,是,称职,是,是,52\r\n')
    expect(readFileSync(out, 'utf8')).toBe(`\ufeff${r.stdout}`)
    expect((await cliIn(['template', 'roster', '--lang', 'en'])).stdout).toBe(
      'cadre_id,name,unit,post,principal,annual_grade,duty_statement,must_report,eligible\r\nXJ001,Zhang San (example),County Finance Bureau,Director,yes,competent,yes,yes,52\r\n',
    )
    expect((await cliIn(['template', 'wide'])).stdout).toBe('票号,测评人类别,张三（示例）,李四（示例）\r\nP001（示例）,本单位干部,称职,优秀\r\n')
    expect((await cliIn(['template', 'paper'])).stdout.split('\r\n')[0]).toBe('票号,序号,姓名,单位,职务,优秀,称职,基本称职,不称职,弃权')
  })

  it('follows the policy: the 2017 report template has 14 categories and reads back complete and on time', async () => {
    const p = inTemp({})
    const out = join(p.dir, 'r2017.xlsx')
    expect((await cliIn(['template', 'reports', '--policy', 'cadre-report-2017', '--out', out])).code).toBe(0)
    const filled = fill(out)
    const r = await cliIn(['reports', filled, '--policy', 'cadre-report-2017', '--format', 'json'])
    expect(r.code, r.stderr).toBe(0)
    const d = JSON.parse(r.stdout) as { cadres: Array<{ checks: Array<{ rule: string; fired: boolean; computation: Record<string, unknown> }> }> }
    expect(d.cadres[0]!.checks.map((k) => [k.rule, k.fired, k.computation.required ?? k.computation.date])).toEqual([
      ['item5-report-incomplete', false, 14],
      ['item5-report-late', false, '2025-01-31'],
    ])
  })

  it('is the same bytes every time (XLSX too), keeps an existing file unless --force, and knows only .csv and .xlsx', async () => {
    const p = inTemp({})
    const out = join(p.dir, 'v.xlsx')
    expect((await cliIn(['template', 'votes', '--out', out])).code).toBe(0)
    const first = readFileSync(out)
    const again = await cliIn(['template', 'votes', '--out', out])
    expect(again.code).toBe(73)
    expect(again.stderr).toContain('已存在')
    expect((await cliIn(['template', 'votes', '--out', out, '--force'])).code).toBe(0)
    expect(readFileSync(out).equals(first)).toBe(true)
    expect((await cliIn(['template', 'votes', '--out', join(p.dir, 'v.txt')])).code).toBe(2)
    expect((await cliIn(['template', 'ballots'])).code).toBe(2)
  })
})

describe('an id that lost its leading zeros', () => {
  it('names the roster id it most likely was (1 → 001)', async () => {
    const p = inTemp({
      'roster.csv': '干部编号,姓名\n001,张三\n002,李四\n',
      'counts.csv': '干部编号,优秀,称职,基本称职,不称职\n1,10,10,0,0\n002,10,10,0,0\n',
    })
    const r = await cliIn(['assess', '--votes', join(p.dir, 'counts.csv'), '--roster', join(p.dir, 'roster.csv')])
    expect(r.code).toBe(65)
    expect(r.stderr).toContain('干部「1」不在干部名册中，但名册中有「001」')
    const en = await cliIn(['assess', '--votes', join(p.dir, 'counts.csv'), '--roster', join(p.dir, 'roster.csv'), '--lang', 'en'])
    expect(en.stderr).toContain("cadre '1' is not on the roster, but '001' is")
    // an id with no twin keeps the plain message
    const q = inTemp({ 'roster.csv': '干部编号,姓名\n001,张三\n', 'counts.csv': '干部编号,优秀,称职,基本称职,不称职\n7,10,10,0,0\n' })
    expect((await cliIn(['assess', '--votes', join(q.dir, 'counts.csv'), '--roster', join(q.dir, 'roster.csv')])).stderr).toContain('干部「7」不在干部名册中：请核对')
  })
})
