/**
 * A few layouts through the built CLI (bin/kaohe.js as a child process, as a clerk or a
 * batch job runs it): real exit codes, stdout and stderr. The in-process runs of
 * layouts.test.ts cover every layout; these make sure the shipped binary agrees.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { runSpawned } from '../robustness/harness.js'
import { checkOutcome } from '../robustness/invariants.js'
import { COUNTS, type Doc, expectItem9Lines, expectSameCadres, layoutArgs, layoutById, pathsOf, referenceOf, removeReferences, ROSTER } from './support.js'

afterAll(removeReferences)

const spawnJson = async (args: string[]): Promise<Doc> => {
  const o = await runSpawned([...args, '--format', 'json'])
  expect(checkOutcome(o), o.stderr).toEqual([])
  expect(o.code, o.stderr.slice(0, 3000)).toBe(0)
  return JSON.parse(o.stdout) as Doc
}

describe('the built CLI on real-world layouts', () => {
  it('the first file a county clerk exports (title on row 1, GB18030 CSV) is read, not refused with exit 65', async () => {
    const l = layoutById('counts-title')
    const d = await spawnJson(layoutArgs(l, pathsOf(l, 'gb18030')))
    expectSameCadres(d, await referenceOf(l))
    expectItem9Lines(d)
  })

  it('a two-row merged header with a merged 合计 row (XLSX)', async () => {
    const l = layoutById('counts-grade-parent')
    const d = await spawnJson(layoutArgs(l, pathsOf(l, 'xlsx')))
    expectSameCadres(d, await referenceOf(l))
  })

  it('paper ballots, one workbook per unit and one sheet per ballot', async () => {
    const l = layoutById('paper-sheets')
    const d = await spawnJson(layoutArgs(l, pathsOf(l, 'xlsx')))
    expectSameCadres(d, await referenceOf(l))
    expectItem9Lines(d)
  })

  it('file.xlsx#正职 and file.xlsx#副职 in one run are one assessment', async () => {
    const l = layoutById('workbook-zhengfu')
    const [book] = pathsOf(l, 'xlsx')
    const d = await spawnJson(['assess', '--votes', `${book}#正职`, '--votes', `${book}#副职`, '--roster', ROSTER])
    expectSameCadres(d, await referenceOf(l))
  })

  it('the default terminal table of a sheet with 合计, 总计 and a 注 footnote shows none of them as a cadre', async () => {
    const l = layoutById('counts-heji-name')
    const o = await runSpawned(['assess', '--votes', pathsOf(l, 'csv')[0]!])
    expect(checkOutcome(o), o.stderr).toEqual([])
    expect(o.code, o.stderr.slice(0, 2000)).toBe(0)
    const table = o.stdout.split('\n').filter((line) => line.startsWith('│'))
    expect(table.filter((line) => /合计|总计|注：/.test(line))).toEqual([])
    expect(table.length).toBe(1 + 16)
  })

  it('a names-only roster with 2025年度考核等次 gives the 基本称职 cadre 诫勉', async () => {
    const l = layoutById('roster-names-year')
    const d = await spawnJson(['assess', '--votes', COUNTS, '--roster', pathsOf(l, 'xlsx')[0]!])
    expect(d.cadres.find((c) => c.name === '蒋永红')?.disposition?.code).toBe('admonishment')
  })
})
