import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { assess } from '../../src/core/assess.js'
import { loadInputs } from '../../src/input/load.js'
import { inTemp, LABELS_2009, policyNamed } from '../support/item5.js'

const POLICY = policyNamed()
const ROSTER = '干部编号,姓名,应报告个人事项,述职述廉\nC1,甲,是,是\nC2,乙,是,否\nC3,丙,否,\nC4,丁,是,是\n'
const CELLS = ['无', '', '-', '/', '待填', '有，见附件', '－']

/** Long report rows (cadre × category, each at most once) and finding rows, from generated choices. */
const inputs = fc.record({
  answers: fc.uniqueArray(fc.tuple(fc.constantFrom('C1', 'C2', 'C3', 'C4'), fc.integer({ min: 0, max: 8 }), fc.constantFrom(...CELLS)), {
    selector: ([id, k]) => `${id}/${k}`,
    maxLength: 30,
  }),
  findings: fc.uniqueArray(fc.tuple(fc.constantFrom('C1', 'C2', 'C3', 'C4'), fc.constantFrom('住房', '投资', '其他'), fc.constantFrom('a', 'b'), fc.constantFrom('是', '否')), {
    selector: (r) => r.join('/'),
    maxLength: 8,
  }),
  seed: fc.integer(),
})

const shuffle = <T>(xs: T[], seed: number): T[] => {
  const out = [...xs]
  let s = seed >>> 0
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0
    const j = s % (i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

const run = async (reportFiles: string[][], findings: string[]) => {
  const files: Record<string, string> = { 'roster.csv': ROSTER, 'f.csv': `干部编号,事项,情况,情节严重\n${findings.join('\n')}\n` }
  reportFiles.forEach((rows, i) => (files[`r${i}.csv`] = `干部编号,事项,内容,报告日期\n${rows.join('\n')}\n`))
  const p = inTemp(files)
  const loaded = await loadInputs({
    votes: [],
    roster: p['roster.csv']!,
    policy: POLICY,
    read: { encoding: 'auto', delimiter: null, sheet: null },
    shape: null,
    sumCounts: false,
    reports: reportFiles.map((_, i) => p[`r${i}.csv`]!),
    findings: p['f.csv']!,
  })
  expect(loaded.errorCount).toBe(0)
  // Where a finding came from (file:line) moves with its row; everything else must not.
  const json = JSON.stringify(assess(loaded.cadres, POLICY).cadres.map((a) => ({ id: a.cadre.id, checks: a.checks, disposition: a.disposition })))
  return JSON.parse(json.replace(/"source":"[^"]*"/g, '"source":""')) as unknown
}

describe('item 5: the order of rows and files never changes a result', () => {
  it('shuffled report rows split over two files, shuffled finding rows', async () => {
    await fc.assert(
      fc.asyncProperty(inputs, async ({ answers, findings, seed }) => {
        const reportRows = answers.map(([id, k, cell], i) => `${id},${LABELS_2009[k]},${cell},2025-01-${String(10 + (i % 20)).padStart(2, '0')}`)
        const findingRows = findings.map((r) => r.join(','))
        const a = await run([reportRows], findingRows)
        const mixed = shuffle(reportRows, seed)
        const cut = Math.abs(seed) % (mixed.length + 1)
        const b = await run([mixed.slice(cut), mixed.slice(0, cut)], shuffle(findingRows, seed + 1))
        expect(b).toEqual(a)
      }),
      { numRuns: 40 },
    )
  })
})
