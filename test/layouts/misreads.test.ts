/**
 * Issue 12's silent misreads, each on the corpus layout that reproduces it: after the fix
 * each must fail loudly (exit 65) or be read right — never exit 0 with a wrong result. Runs
 * without a roster (a roster would turn a 合计 "cadre" into a loud error by itself). Then
 * the data errors the issue asks for: a 合计/小计/总计 cell, a share or a row total that does
 * not match its counts is a located error; a header that names a vote but that kaohe cannot
 * map is an error, not a notice.
 */
import { afterAll, describe, expect, it } from 'vitest'
import type { Format, Layout, Sheet } from '../../scripts/make-layouts.mjs'
import { ALL_INFO, referenceCounts, referenceLong } from '../../scripts/make-layouts.mjs'
import { policyWith } from '../helpers.js'
import { runInProcess, type RunOutcome } from '../robustness/harness.js'
import { checkOutcome } from '../robustness/invariants.js'
import {
  COUNTS,
  copySheet,
  countsReference,
  type Doc,
  expectSameCadres,
  layoutById,
  locatesCell,
  longReference,
  pathsOf,
  removeReferences,
  writeSheets,
  writeText,
} from './support.js'

afterAll(removeReferences)

const run = async (args: string[]): Promise<RunOutcome> => {
  const o = await runInProcess([...args, '--format', 'json'])
  expect(checkOutcome(o, { allowed: [0, 65] }), o.stderr).toEqual([])
  return o
}
const docOf = (o: RunOutcome): Doc => JSON.parse(o.stdout) as Doc
const cadre = (d: Doc, name: string, unit: string): Doc['cadres'][number] => d.cadres.find((c) => c.name === name && c.unit === unit)!

/** Each layout in each of the given formats that it has. */
const each = (ids: string[], formats: Format[] = ['csv', 'xlsx']): Array<[string, Layout, Format]> =>
  ids.flatMap((id) => {
    const l = layoutById(id)
    return formats.filter((f) => l.formats.includes(f)).map((f) => [`${id} (${f})`, l, f] as [string, Layout, Format])
  })

const infoOf = (l: Layout): typeof ALL_INFO => (l.ref && 'info' in l.ref ? l.ref.info : ALL_INFO)

/** A local policy that sets a participation minimum of 2/3 (SPEC §1 Quorum). */
const quorumPolicy = (): string =>
  writeText('policy-quorum.json', JSON.stringify(policyWith({ id: 'quorum-two-thirds', quorum: { minParticipation: '2/3' } }), null, 2))

const NOT_A_CADRE = /合计|小计|总计|^注|^说明|^填表人|^审核人|^制表/

describe("today's silent misreads fail loudly or are read right", () => {
  it.each(each(['counts-heji-name', 'counts-seq-total', 'counts-grade-parent', 'counts-subtotals', 'counts-footnotes'], ['csv', 'gb18030', 'xlsx']))(
    '%s: a 合计/小计/总计 row or a 注 footnote is never a cadre',
    async (_name, l, format) => {
      const o = await run(['assess', ...pathsOf(l, format).flatMap((p) => ['--votes', p])])
      if (o.code === 65) return
      const d = docOf(o)
      expect(d.cadres.filter((c) => NOT_A_CADRE.test(c.name) || NOT_A_CADRE.test(c.id)).map((c) => c.id)).toEqual([])
      expectSameCadres(d, await countsReference(infoOf(l), { roster: false }))
    },
  )

  it('baseline: under a 2/3 participation minimum the clean table withholds the cadre with 32 of 70 voting', async () => {
    const d = await countsReference(ALL_INFO, { roster: false, extra: ['--policy', quorumPolicy()] })
    expect(cadre(d, '程建华', '白云乡').disposition?.code).toBe('withheld')
    expect(d.cadres.filter((c) => c.disposition?.code === 'withheld').map((c) => c.unit)).toEqual(['白云乡', '白云乡', '白云乡'])
  })

  it.each(each(['counts-seq-total', 'counts-vocab-piao', 'counts-vocab-paren', 'counts-vocab-shouhui', 'counts-opinion-parent']))(
    '%s: 应到/实到/不了解 are never dropped — under a quorum policy 32 of 70 voting is withheld, not dismissal',
    async (_name, l, format) => {
      const policy = quorumPolicy()
      const o = await run(['assess', ...pathsOf(l, format).flatMap((p) => ['--votes', p]), '--policy', policy])
      if (o.code === 65) return
      const d = docOf(o)
      const c = cadre(d, '程建华', '白云乡')
      expect(c.disposition?.code, 'the issue: dismissal instead of withheld').toBe('withheld')
      expect(c.tally).toMatchObject({ eligible: 70, returned: 32 })
      expect(cadre(d, '潘世杰', '河口镇').tally, 'the 不了解 vote').toMatchObject({ abstain: 1, returned: 27 })
      expectSameCadres(d, await countsReference(infoOf(l), { roster: false, extra: ['--policy', policy] }))
    },
  )

  it.each(each(['roster-year-grade', 'roster-names-year'], ['csv', 'gb18030', 'xlsx']))(
    '%s: the annual grade under 2025年度考核等次 is read — the 基本称职 cadre gets 诫勉 (item 3)',
    async (_name, l, format) => {
      const o = await run(['assess', '--votes', COUNTS, '--roster', pathsOf(l, format)[0]!])
      if (o.code === 65) return
      const c = cadre(docOf(o), '蒋永红', '河口镇')
      expect(c.disposition?.code).toBe('admonishment')
      expect((c.findings as Array<{ rule: string }>).map((f) => f.rule)).toContain('item3-basic-grade')
    },
  )

  it.each(each(['long-ceping-jieguo', 'long-system'], ['csv', 'gb18030', 'xlsx']))('%s: 测评结果 is the grade of long ballots, not a wide sheet of unknown grades', async (_name, l, format) => {
    const o = await run(['assess', '--votes', pathsOf(l, format)[0]!])
    expect(o.code, o.stderr.slice(0, 2000)).toBe(0)
    const d = docOf(o)
    expect(d.inputs.map((i) => i.shape)).toEqual(['long'])
    expectSameCadres(d, await longReference({ roster: false }))
  })

  it.each(each(['paper-blocks-piaohao'], ['csv', 'xlsx']))("%s: a √ on a paper ballot is a mark, never \"'√' 不是非负整数\"", async (_name, l, format) => {
    const o = await run(['assess', '--votes', pathsOf(l, format)[0]!])
    expect(o.stderr).not.toContain('不是非负整数')
    if (o.code === 65) return
    const d = docOf(o)
    expect(d.inputs[0]!.shape).not.toBe('counts')
    expectSameCadres(d, await longReference({ roster: false }))
  })
})

// ---------------------------------------------------------------------------------------
// Located data errors.
// ---------------------------------------------------------------------------------------
/** Exit 65, and stderr names the file, the line and the column of the cell. */
const expectLocated = (o: RunOutcome, file: string, line: number, col: number, format: 'csv' | 'xlsx'): void => {
  expect(o.code, o.stderr.slice(0, 2000)).toBe(65)
  expect(locatesCell(o.stderr, file, line, col, format), `stderr names ${file} line ${line} column ${col + 1}:\n${o.stderr.slice(0, 2000)}`).toBe(true)
}

/** The column whose header path ends with `name`. */
const columnOf = (sheet: Sheet, name: string): number => {
  const i = sheet.heads!.findIndex((h) => h[h.length - 1] === name)
  if (i < 0) throw new Error(`no column ${name}`)
  return i
}

const bump = (sheet: Sheet, line: number, col: number, by = 1): Sheet => {
  const s = copySheet(sheet)
  const v = s.rows[line - 1]![col]
  if (typeof v !== 'number') throw new Error(`line ${line} column ${col + 1} holds no count`)
  s.rows[line - 1]![col] = v + by
  return s
}

describe('a total, a share or a row total that does not match its counts is a located error (exit 65)', () => {
  const totals: Array<[string, string, (s: Sheet) => number, string]> = [
    ['合计 merged across 序号…职务', 'counts-grade-parent', (s) => s.totals[0]!.line, '优秀'],
    ['合计 in the 姓名 column', 'counts-heji-name', (s) => s.totals[0]!.line, '不称职'],
    ['总计 after 合计', 'counts-heji-name', (s) => s.totals[1]!.line, '称职'],
    ['a 小计 of one unit', 'counts-subtotals', (s) => s.totals[1]!.line, '基本称职'],
    ['实到 in a 合计 row', 'counts-seq-total', (s) => s.totals[0]!.line, '实到人数'],
  ]
  for (const format of ['csv', 'xlsx'] as const) {
    it.each(totals)(`%s (${format}): one vote off`, async (_what, id, lineOf, column) => {
      const sheet = layoutById(id).files[0]!.sheets[0]!
      const line = lineOf(sheet)
      const col = columnOf(sheet, column)
      const file = writeSheets(`${id}-total-off.${format}`, [bump(sheet, line, col)], format)
      expectLocated(await run(['assess', '--votes', file]), file, line, col, format)
    })
  }

  it.each(['csv', 'xlsx'] as const)('优秀率 that is not 优秀 ÷ the ballots (%s)', async (format) => {
    const sheet = layoutById('counts-rate-columns').files[0]!.sheets[0]!
    const line = sheet.headerLines[sheet.headerLines.length - 1]! + 2
    const col = columnOf(sheet, '优秀率')
    const s = copySheet(sheet)
    s.rows[line - 1]![col] = { num: '0.2', fmt: '0.0000', text: '0.2000' }
    const file = writeSheets(`rate-off.${format}`, [s], format)
    expectLocated(await run(['assess', '--votes', file]), file, line, col, format)
  })

  it.each(['csv', 'xlsx'] as const)('a per-row 合计 one vote off (%s)', async (format) => {
    const sheet = layoutById('counts-rate-columns').files[0]!.sheets[0]!
    const line = sheet.headerLines[sheet.headerLines.length - 1]! + 3
    const col = columnOf(sheet, '合计')
    const file = writeSheets(`row-total-off.${format}`, [bump(sheet, line, col)], format)
    expectLocated(await run(['assess', '--votes', file]), file, line, col, format)
  })
})

describe('--header-row N overrides where the table starts', () => {
  // One input and no roster: whether the option also applies to a roster's header is not this test's question.
  it.each(each(['counts-title'], ['csv', 'gb18030', 'xlsx']))('%s: --header-row 3 reads the table under the two title rows', async (_name, l, format) => {
    const o = await run(['assess', '--votes', pathsOf(l, format)[0]!, '--header-row', '3'])
    expect(o.code, o.stderr.slice(0, 2000)).toBe(0)
    expectSameCadres(docOf(o), await countsReference(ALL_INFO, { roster: false }))
  })

  it.each(each(['counts-title']))('%s: --header-row 1 (the title) is refused, never read as a table', async (_name, l, format) => {
    const o = await run(['assess', '--votes', pathsOf(l, format)[0]!, '--header-row', '1'])
    expect(o.code, o.stdout.slice(0, 500)).toBe(65)
  })
})

describe('a header that names a vote but that kaohe cannot map is an error, never a notice', () => {
  it('a count column headed 其他票数 (exit 65, the column named)', async () => {
    // No 实参加人数: without the column the counts still add up, so only the header can tell.
    const s = referenceCounts(['abstain', 'invalid', 'eligible'])
    s.rows[0]![s.rows[0]!.indexOf('弃权')] = '其他票数'
    const file = writeSheets('other-votes.csv', [s], 'csv')
    const o = await run(['assess', '--votes', file])
    expect(o.code, o.stderr).toBe(65)
    expect(o.stderr).toMatch(/第 1 行 第 8 列（其他票数）/)
  })

  it('a long file whose grade column is headed 民主测评情况 (exit 65, the accepted name said)', async () => {
    const s = referenceLong()
    s.rows[0]![4] = '民主测评情况'
    const file = writeSheets('long-unknown-grade.csv', [s], 'csv')
    const o = await run(['assess', '--votes', file])
    expect(o.code, o.stderr).toBe(65)
    // Which names are accepted, and not the wide-sheet misreading (every cell an unknown grade).
    expect(o.stderr).toContain('测评等次')
    expect(o.stderr).not.toContain('无法识别的等次')
  })
})

describe('a remarks column (备注/说明) is no vote: ignored with a notice, the result unchanged', () => {
  // The fuzz generator once headed the 应参加人数 column 测评备注 and expected an error: a clerk's
  // 测评备注 holds remarks, and kaohe reads it as such by design (headers.ts INCIDENTAL).
  it('a 测评备注 column of remarks beside the counts (exit 0, a notice naming the column)', async () => {
    const clean = referenceCounts(['abstain', 'invalid', 'eligible'])
    const s = referenceCounts(['abstain', 'invalid', 'eligible'])
    s.rows.forEach((r, i) => r.push(i === 0 ? '测评备注' : i % 2 === 0 ? '无' : '已复核'))
    const a = await run(['assess', '--votes', writeSheets('remarks-clean.csv', [clean], 'csv')])
    const b = await run(['assess', '--votes', writeSheets('remarks.csv', [s], 'csv')])
    expect(a.code, a.stderr).toBe(0)
    expect(b.code, b.stderr).toBe(0)
    const got = docOf(b)
    expectSameCadres(got, docOf(a))
    expect(got.issues.some((i) => i.severity === 'notice' && i.value === '测评备注')).toBe(true)
  })
})
