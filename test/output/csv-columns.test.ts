import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { kaoheHere, ROOT, writeFiles } from '../helpers.js'

/**
 * The CSV column sets (item 5 of issue 15): one per language, as the README documents them.
 * The goldens are test/golden/csv-*.{zh,en}.csv, the header line and one cadre's row;
 * UPDATE_GOLDEN=1 rewrites them (then read the diff before committing).
 */
const golden = (name: string, text: string): void => {
  const file = join(ROOT, 'test/golden', name)
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, text)
  expect(text).toBe(readFileSync(file, 'utf8'))
}

const S = (f: string): string => join(ROOT, 'samples', f)
const VOTES = ['--votes', S('votes-long.csv'), '--votes', S('votes-wide-gb18030.csv'), '--votes', S('votes-counts.csv'), '--roster', S('roster.csv')]

/** The head and the row of one cadre, each line ending in CRLF as the file has them. */
const headAnd = (csv: string, id: string): string => {
  const lines = csv.replace(/^\ufeff/, '').split('\r\n')
  return `${lines[0]}\r\n${lines.find((l) => l.startsWith(`${id},`))}\r\n`
}

const HISTORY_2024 = '姓名,单位,优秀,称职,基本称职,不称职\n张三,县财政局,9,10,11,0\n'
const HISTORY_2025 = '干部编号,姓名,单位,优秀,称职,基本称职,不称职\nC01,张三,县财政局,9,10,11,0\n'

describe.each(['zh', 'en'] as const)('CSV columns, --lang %s', (lang) => {
  // In this process (test/support/in-process.ts): the columns are what is checked, not the process.
  const runs: Record<string, () => Promise<string>> = {
    assess: async () => headAnd((await kaoheHere(['assess', ...VOTES, '--format', 'csv', '--lang', lang], { cwd: ROOT })).stdout, 'XJ004'),
    tally: async () => headAnd((await kaoheHere(['tally', S('votes-long.csv'), '--format', 'csv', '--lang', lang], { cwd: ROOT })).stdout, 'XJ003'),
    reports: async () =>
      headAnd((await kaoheHere(['reports', S('reports-wide.csv'), '--roster', S('roster.csv'), '--findings', S('findings.csv'), '--format', 'csv', '--lang', lang], { cwd: ROOT })).stdout, 'XJ010'),
    history: async () => {
      const f = writeFiles({ '2024年测评汇总.csv': HISTORY_2024, '2025年测评汇总.csv': HISTORY_2025 })
      const r = await kaoheHere(['tally', '2025年测评汇总.csv', '--history', '2024年测评汇总.csv', '--format', 'csv', '--lang', lang, '-q'], { cwd: f.dir })
      expect(r.code, r.stderr).toBe(0)
      return headAnd(r.stdout, 'C01')
    },
  }
  it.each(Object.keys(runs))('%s: the golden head and row', async (name) => golden(`csv-${name}.${lang}.csv`, await runs[name]!()))

  it('the file (--out x.csv) has the same columns as --format csv', async () => {
    const f = writeFiles({})
    const r = await kaoheHere(['assess', ...VOTES, '--lang', lang, '--out', join(f.dir, 'r.csv'), '-q'], { cwd: ROOT })
    expect(r.code, r.stderr).toBe(0)
    expect(headAnd(readFileSync(join(f.dir, 'r.csv'), 'utf8'), 'XJ004')).toBe(await runs.assess!())
  })

  it('every head in the language: Chinese, or snake_case English; booleans 是/否 or true/false', () => {
    for (const name of Object.keys(runs)) {
      const rows = parse(readFileSync(join(ROOT, 'test/golden', `csv-${name}.${lang}.csv`), 'utf8'), { columns: true }) as Array<Record<string, string>>
      const heads = Object.keys(rows[0]!)
      for (const h of heads) {
        if (lang === 'en') expect(h, name).toMatch(/^[a-z0-9]+(_[a-z0-9]+)*$/)
        else expect(h, name).toMatch(/[\u4e00-\u9fff]/)
      }
      const booleans = Object.values(rows[0]!).filter((v) => ['true', 'false', '是', '否'].includes(v))
      expect(booleans.length, name).toBeGreaterThan(0)
      for (const v of booleans) expect(lang === 'zh' ? ['是', '否'] : ['true', 'false']).toContain(v)
    }
  })
})
