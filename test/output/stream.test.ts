import { Chalk } from 'chalk'
import { describe, expect, it } from 'vitest'
import { runAssessment } from '../../src/commands/common.js'
import { renderCsv } from '../../src/output/csv.js'
import { renderJson } from '../../src/output/json.js'
import { renderTable } from '../../src/output/table.js'
import { terminalDoc } from '../../src/output/terminal.js'
import { ROOT, writeFiles } from '../helpers.js'

const opts = { lang: 'en' as const, format: 'json' as const, quiet: true, color: false, lenient: true, encoding: 'auto', delimiter: undefined, sheet: undefined, policy: undefined }

const both = async (votes: string[], roster: string | null) => {
  const args = { command: 'assess' as const, opts, votes, roster, shape: null, sumCounts: false }
  const out: Record<string, [string, string]> = {}
  for (const format of ['json', 'csv'] as const) {
    const streamed: string[] = []
    const r = await runAssessment(args)
    const s = await r.stream(format, (x) => void streamed.push(x))
    const whole = await runAssessment(args)
    out[format] = [streamed.join(''), format === 'json' ? renderJson(whole.doc) : renderCsv(whole.doc, whole.dict)]
    expect(s.cadres).toBe(whole.doc.cadres.length)
    expect(s.byDisposition).toEqual(whole.assessment.byDisposition)
    for (const level of ['dismissal', 'adjustment', 'admonishment', 'data-incomplete'] as const) {
      expect(s.reaches(level)).toBe(whole.reaches(level))
    }
  }
  // The terminal table, with colours and without.
  for (const level of [0, 1] as const) {
    const streamed: string[] = []
    const s = await (await runAssessment(args)).streamTable(new Chalk({ level }), (x) => void streamed.push(x))
    const whole = await runAssessment(args)
    out[`table-${level}`] = [streamed.join(''), renderTable(terminalDoc(whole.doc), whole.dict, new Chalk({ level }))]
    expect(s.byDisposition).toEqual(whole.assessment.byDisposition)
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

describe('a streamed report to a slow reader', () => {
  it('waits for the reader whenever a write says it is behind, and writes the same bytes', async () => {
    const dir = writeFiles({ 'v.csv': `票号,干部编号,姓名,测评等次\n${Array.from({ length: 3000 }, (_, i) => `P${i % 30},C${String(i).padStart(5, '0')},某${i},称职`).join('\n')}\n` })
    const args = { command: 'tally' as const, opts, votes: [dir['v.csv']!], roster: null, shape: null, sumCounts: false }
    const plain: string[] = []
    await (await runAssessment(args)).stream('json', (x) => void plain.push(x))
    // A reader that is always behind: every write must be followed by a wait before the next.
    const slow: string[] = []
    let waiting = false
    let writesWhileWaiting = 0
    let waits = 0
    await (await runAssessment(args)).stream('json', {
      write: (x) => {
        if (waiting) writesWhileWaiting++
        slow.push(x)
        waiting = true
        return false
      },
      drained: async () => {
        waits++
        await new Promise((r) => setTimeout(r, 1))
        waiting = false
      },
    })
    expect(slow.join('')).toBe(plain.join(''))
    expect(plain.length).toBeGreaterThan(3)
    expect(waits).toBeGreaterThanOrEqual(plain.length - 1)
    expect(writesWhileWaiting).toBeLessThanOrEqual(1)
  })
})
