import { describe, expect, it } from 'vitest'
import { runAssessment } from '../../src/commands/common.js'
import { renderCsv } from '../../src/output/csv.js'
import { renderJson } from '../../src/output/json.js'
import { ROOT, writeFiles } from '../helpers.js'

const opts = { lang: 'en' as const, format: 'json' as const, quiet: true, color: false, lenient: true, encoding: 'auto', delimiter: undefined, sheet: undefined, policy: undefined }

const both = async (votes: string[], roster: string | null) => {
  const args = { command: 'assess' as const, opts, votes, roster, shape: null, sumCounts: false }
  const out: Record<string, [string, string]> = {}
  for (const format of ['json', 'csv'] as const) {
    const streamed: string[] = []
    const r = await runAssessment(args)
    const s = r.stream(format, (x) => streamed.push(x))
    const whole = await runAssessment(args)
    out[format] = [streamed.join(''), format === 'json' ? renderJson(whole.doc) : renderCsv(whole.doc, whole.dict)]
    expect(s.cadres).toBe(whole.doc.cadres.length)
    expect(s.byDisposition).toEqual(whole.assessment.byDisposition)
    for (const level of ['dismissal', 'adjustment', 'admonishment', 'data-incomplete'] as const) {
      expect(s.reaches(level)).toBe(whole.reaches(level))
    }
  }
  return out
}

describe('streamed reports', () => {
  it('equal the whole documents on the samples (roster, three shapes, GB18030)', async () => {
    const s = (f: string) => `${ROOT}samples/${f}`
    const out = await both([s('votes-long.csv'), s('votes-wide-gb18030.csv'), s('votes-counts.csv')], s('roster.csv'))
    for (const [streamed, whole] of Object.values(out)) expect(streamed).toBe(whole)
  })
  it('equal them with no cadre at all, and with issues listed (lenient)', async () => {
    const f = writeFiles({ 'empty.csv': '票号,干部编号,测评等次\n', 'bad.csv': '票号,干部编号,测评等次\nP1,C1,良\n' })
    for (const votes of [[f['empty.csv']!], [f['bad.csv']!]]) {
      for (const [streamed, whole] of Object.values(await both(votes, null))) expect(streamed).toBe(whole)
    }
  })
})
