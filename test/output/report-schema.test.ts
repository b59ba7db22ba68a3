import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ReportSchema, reportJsonSchema } from '../../src/output/report-schema.js'
import { kaohe, ROOT, writeFiles } from '../helpers.js'

/** The JSON report's shape, documented in the repository (schema/report.schema.json) and held to what kaohe writes. */
const S = (f: string): string => join(ROOT, 'samples', f)
const ALL = [
  '--votes', S('votes-long.csv'), '--votes', S('votes-wide-gb18030.csv'), '--votes', S('votes-counts.csv'),
  '--roster', S('roster.csv'), '--reports', S('reports-wide.csv'), '--reports', S('reports-long.xlsx'), '--findings', S('findings.csv'),
]

describe('schema/report.schema.json', () => {
  it('is the file `npm run schema` writes from the zod schema', () => {
    expect(readFileSync(join(ROOT, 'schema/report.schema.json'), 'utf8')).toBe(reportJsonSchema())
  })

  const runs: Record<string, () => { args: string[]; cwd?: string }> = {
    'assess, every sample input': () => ({ args: ['assess', ...ALL] }),
    'assess --lang en --lenient': () => ({ args: ['assess', ...ALL, '--lang', 'en', '--lenient'] }),
    tally: () => ({ args: ['tally', S('votes-long.csv'), S('votes-counts.csv')] }),
    reports: () => ({ args: ['reports', S('reports-wide.csv'), '--roster', S('roster.csv'), '--findings', S('findings.csv'), '--year', '2025'] }),
    'assess --history': () => {
      const f = writeFiles({
        '2024年测评汇总.csv': '姓名,单位,优秀,称职,基本称职,不称职\n张三,县财政局,9,10,11,0\n',
        '2025年测评汇总.csv': '干部编号,姓名,单位,优秀,称职,基本称职,不称职\nC01,张三,县财政局,9,10,11,0\nC02,李四,县教育局,20,5,5,0\n',
      })
      return { args: ['assess', '--votes', '2025年测评汇总.csv', '--history', '2024年测评汇总.csv', '-q'], cwd: f.dir }
    },
  }
  it.each(Object.keys(runs))('describes the JSON of %s (strictly: no key it does not name)', (name) => {
    const { args, cwd } = runs[name]!()
    const r = kaohe([...args, '--format', 'json'], cwd === undefined ? {} : { cwd })
    expect(r.code, r.stderr).toBe(0)
    const parsed = ReportSchema.safeParse(JSON.parse(r.stdout))
    expect(parsed.success ? [] : parsed.error.issues.slice(0, 5)).toEqual([])
  })

  it('refuses a report that is not one', () => {
    const doc = JSON.parse(kaohe(['tally', S('votes-counts.csv'), '--format', 'json']).stdout)
    expect(ReportSchema.safeParse(doc).success).toBe(true)
    expect(ReportSchema.safeParse({ ...doc, extra: 1 }).success).toBe(false)
    doc.cadres[0].tally.excellent = -1
    expect(ReportSchema.safeParse(doc).success).toBe(false)
  })
})
