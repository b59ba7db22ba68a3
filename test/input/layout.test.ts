import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { Collector } from '../../src/input/collector.js'
import { layoutTable } from '../../src/input/layout.js'
import { readReports } from '../../src/input/reports.js'
import { readRoster } from '../../src/input/roster.js'
import { openDelimited, type ReadOptions } from '../../src/input/table.js'
import { checkPaperSets, readVotes, voteLayout, type VoteShape } from '../../src/input/votes.js'
import { builtinPolicy } from '../../src/policy/load.js'
import { catchError, encodeGb18030, policyWith } from '../helpers.js'

const OPTS: ReadOptions = { encoding: 'auto', delimiter: null, sheet: null }

const tableOf = (content: string | Buffer, name = 'in.csv') => {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content
  return openDelimited(name, 'csv', Readable.from([bytes]), OPTS, bytes.length)
}

interface Read {
  c: Collector
  byName: Record<string, ReturnType<Collector['toCadreInputs']>[number]>
  shape: string
  /** [code, line, column] of every issue, in order. */
  issues: Array<[string, number | null, number | null]>
}

const votes = async (text: string | Buffer, o: { shape?: VoteShape; policy?: string; headerRow?: number; roster?: string; c?: Collector } = {}): Promise<Read> => {
  const c = o.c ?? new Collector()
  const policy = o.policy ? builtinPolicy(o.policy)!.policy : policyWith()
  if (o.roster) await readRoster(await tableOf(o.roster, 'roster.csv'), c)
  const { shape } = await readVotes(await tableOf(text), c, policy, { shape: o.shape ?? null, sumCounts: false, headerRow: o.headerRow ?? null })
  checkPaperSets(c)
  const byName = Object.fromEntries(c.toCadreInputs().map((x) => [x.name, x]))
  return { c, byName, shape, issues: c.issues.map((i) => [i.code, i.row, i.column]) }
}


const tallyOf = (r: Read, name: string) => {
  const t = r.byName[name]!.tally!
  return [t.excellent, t.competent, t.basicallyCompetent, t.incompetent, t.abstain, t.invalid]
}

describe('finding the header (SPEC §2.0)', () => {
  it('below a title and 填报单位/日期 lines: the rows above are listed as skipped', async () => {
    const r = await votes('XX县2025年度科级领导干部民主测评结果汇总表\n填报单位：县委组织部,,,日期：2025-12-31\n\n姓名,优秀,称职,基本称职,不称职\n张三,20,8,2,0\n')
    expect(r.shape).toBe('counts')
    expect(tallyOf(r, '张三')).toEqual([20, 8, 2, 0, 0, 0])
    expect(r.issues).toEqual([
      ['skipped-above-header', 1, 1],
      ['skipped-above-header', 2, 1],
    ])
    // Not read, not counted: rows read = counted + in issues stays true.
    expect([r.c.rowsRead, r.c.rowsCounted, r.c.rowsInIssues, r.c.rowsSkipped]).toEqual([1, 1, 0, 2])
  })
  it('the delimiter of a file whose first line (a title) holds none', async () => {
    const r = await votes('测评结果汇总表\n姓名;优秀;称职;基本称职;不称职\n张三;20;8;2;0\n')
    expect(tallyOf(r, '张三')).toEqual([20, 8, 2, 0, 0, 0])
  })
  it('in GB18030 too', async () => {
    const r = await votes(encodeGb18030('测评结果汇总表,,,,\n姓名,优秀,称职,基本称职,不称职\n张三,20,8,2,0\n'))
    expect(tallyOf(r, '张三')).toEqual([20, 8, 2, 0, 0, 0])
  })
  it('--header-row names it', async () => {
    const r = await votes('说明：姓名,优秀,称职,基本称职,不称职 各列\n姓名,优秀,称职,基本称职,不称职\n张三,20,8,2,0\n', { headerRow: 2 })
    expect(tallyOf(r, '张三')).toEqual([20, 8, 2, 0, 0, 0])
    const e = await catchError(votes('a\n\n姓名,优秀,称职,基本称职,不称职\n', { headerRow: 2 }))
    expect(e.msg).toMatchObject({ code: 'header-row-blank', params: { line: 2 } })
  })
  it('a second, different header in the table is an error naming both lines', async () => {
    const e = await catchError(votes('姓名,优秀,称职,基本称职,不称职\n张三,20,8,2,0\n干部编号,姓名,优秀,称职,基本称职,不称职\nC2,李四,1,2,3,4\n'))
    expect(e.msg).toMatchObject({ code: 'ambiguous-header-row', params: { lines: '1、3' } })
  })
  it('no header at all: the reader says what is missing, on the row that names the most', async () => {
    const e = await catchError(votes('汇总表\n优秀,称职,基本称职,不称职\n20,8,2,0\n'))
    expect(e.msg).toMatchObject({ code: 'missing-columns', params: { line: 2 } })
  })
})

describe('headers of two rows (SPEC §2.0)', () => {
  it('测评等次 written once over the grades (a CSV export of merged cells)', async () => {
    const r = await votes('序号,姓名,单位,测评等次,,,,不了解票数\n,,,优秀,称职,基本称职,不称职,\n1,张三,县财政局,20,8,2,0,1\n')
    expect(tallyOf(r, '张三')).toEqual([20, 8, 2, 0, 1, 0])
    expect(r.issues).toEqual([])
  })
  it('each grade over 票数|比例: the 比例 child is a share, checked, never counted', async () => {
    const text = '姓名,优秀,,称职,,基本称职,,不称职,\n,票数,比例,票数,比例,票数,比例,票数,比例\n张三,20,66.67%,8,26.67%,2,6.67%,0,0%\n'
    expect(tallyOf(await votes(text), '张三')).toEqual([20, 8, 2, 0, 0, 0])
    const off = await votes(text.replace('66.67%', '66.68%'))
    expect(off.issues).toEqual([['share-mismatch', 3, 3]])
    expect(off.c.issues[0]!.params).toMatchObject({ expected: '66.67%', num: 20, den: 30 })
  })
  it('人数 | 占测评人数% children', async () => {
    const r = await votes('姓名,优秀,,称职,,基本称职,,不称职,\n,人数,占测评人数%,人数,占测评人数%,人数,占测评人数%,人数,占测评人数%\n张三,20,66.7,8,26.7,2,6.7,0,0\n')
    expect(tallyOf(r, '张三')).toEqual([20, 8, 2, 0, 0, 0])
    expect(r.c.errorCount).toBe(0)
  })
})

describe('rows that are not data (SPEC §2.0)', () => {
  const sheet = [
    '序号,姓名,单位,优秀,称职,基本称职,不称职,票数,优秀率,称职及以上率',
    '1,张三,县财政局,20,8,2,0,30,66.67%,93.33%',
    '2,李四,县财政局,10,10,8,2,30,33.33%,66.67%',
    '小计,,,30,18,10,2,60,,',
    '3,王五,县教育局,9,10,10,1,30,30.00%,63.33%',
    '小计,,,9,10,10,1,30,,',
    ',,,,,,,,,',
    '合计,,,39,28,20,3,90,,',
    '注：空白处为0票。,,,,,,,,,',
    '填表人：李某  审核人：王某,,,,,,,,,',
  ].join('\n')
  it('小计 per block, 合计 over all, a spacer and footnotes: skipped, listed, totals checked', async () => {
    const r = await votes(sheet)
    expect(Object.keys(r.byName).sort()).toEqual(['张三', '李四', '王五'])
    expect(r.issues).toEqual([
      ['skipped-total', 4, 1],
      ['skipped-total', 6, 1],
      ['skipped-total', 8, 1],
      ['skipped-footnote', 9, 1],
      ['skipped-footnote', 10, 1],
    ])
    expect([r.c.rowsRead, r.c.rowsCounted, r.c.rowsSkipped, r.c.blankRows]).toEqual([3, 3, 5, 1])
  })
  it.each([
    ['a 小计 cell one off', sheet.replace('小计,,,30,18', '小计,,,31,18'), 4, 4, 30],
    ['a 合计 cell one off', sheet.replace('合计,,,39,28,20,3,90', '合计,,,39,28,20,4,90'), 8, 7, 3],
    ['a 合计 of 票数 one off', sheet.replace('合计,,,39,28,20,3,90', '合计,,,39,28,20,3,89'), 8, 8, 90],
  ])('%s is a located error: file, line, column, what it should be', async (_, text, line, column, expected) => {
    const r = await votes(text)
    const e = r.c.issues.find((i) => i.severity === 'error')!
    expect([e.code, e.row, e.column, e.params.expected]).toEqual(['total-mismatch', line, column, expected])
    expect(r.c.errorCount).toBe(1)
  })
  it('a per-row 票数 that does not add up, and a share off at its own rounding, are located errors', async () => {
    const r = await votes(sheet.replace('1,张三,县财政局,20,8,2,0,30,66.67%,93.33%', '1,张三,县财政局,20,8,2,0,31,66.67%,93.34%'))
    expect(r.issues.filter(([code]) => !code.startsWith('skipped'))).toEqual([
      ['row-total-mismatch', 2, 8],
      ['share-mismatch', 2, 10],
      // The 小计 and 合计 of 票数 check the sheet as written: its 31 is in their sums now.
      ['total-mismatch', 4, 8],
      ['total-mismatch', 8, 8],
    ])
  })
  it('a 合计 in the 姓名 column when there is no 序号', async () => {
    const r = await votes('姓名,优秀,称职,基本称职,不称职\n张三,20,8,2,0\n合 计,20,8,2,0\n')
    expect(Object.keys(r.byName)).toEqual(['张三'])
    expect(r.issues).toEqual([['skipped-total', 3, 1]])
  })
  it('a 比例 row under each cadre: skipped, its shares checked against the row above', async () => {
    const text = '姓名,优秀,称职,基本称职,不称职\n张三,20,8,2,0\n,66.7%,26.7%,6.7%,0%\n李四,10,10,8,2\n比例,33.3%,33.3%,26.7%,6.7%\n'
    const r = await votes(text)
    expect(tallyOf(r, '李四')).toEqual([10, 10, 8, 2, 0, 0])
    expect(r.issues).toEqual([
      ['skipped-share-row', 3, 2],
      ['skipped-share-row', 5, 1],
    ])
    const off = await votes(text.replace('33.3%,33.3%', '33.3%,36.7%'))
    expect(off.issues[1]).toEqual(['share-mismatch', 5, 3])
  })
  it('the header repeated, and a section heading, are skipped', async () => {
    const r = await votes('序号,姓名,优秀,称职,基本称职,不称职\n一、正职,,,,,\n1,张三,20,8,2,0\n序号,姓名,优秀,称职,基本称职,不称职\n二、副职,,,,,\n副职,,,,,\n2,李四,10,10,8,2\n')
    expect(Object.keys(r.byName).sort()).toEqual(['张三', '李四'])
    expect(r.issues.map(([code, line]) => [code, line])).toEqual([
      ['skipped-section', 2],
      ['skipped-repeated-header', 4],
      ['skipped-section', 5],
      ['skipped-section', 6],
    ])
  })
  it('a footnote under a long or wide ballot file is no ballot', async () => {
    const long = await votes('票号,干部编号,测评等次\nP1,C1,优秀\n注：空白为未评价\n合计,,1\n')
    expect([long.c.rowsRead, long.c.rowsSkipped]).toEqual([1, 2])
    expect(long.issues.map(([c]) => c)).toEqual(['skipped-footnote', 'skipped-total-unchecked'])
    const wide = await votes('票号,张三,李四\nP1,优秀,称职\n说明：空白为未评\n')
    expect([wide.c.rowsRead, wide.c.rowsSkipped]).toEqual([1, 1])
  })
})

describe('a column that matters is never dropped with a notice (SPEC §2.0)', () => {
  it('应到/实到/不了解 columns are read: the quorum sees 32 of 70', async () => {
    const r = await votes('姓名,优秀,称职,基本称职,不称职,不了解票数,应到人数,实到人数\n张三,10,10,5,5,2,70,32\n')
    expect(r.byName['张三']).toMatchObject({ tally: { abstain: 2, eligible: 70 }, participated: 32 })
    expect(r.issues).toEqual([])
  })
  it('an unmapped header that names a count is an error listing the accepted names', async () => {
    const r = await votes('姓名,优秀,称职,基本称职,不称职,同意票数\n张三,10,10,5,5,2\n')
    expect(r.issues).toEqual([['unmapped-header', 1, 6]])
    expect(r.c.errorCount).toBe(1)
    // Lenient: the cadres the file names are data-incomplete (a column that matters was not read).
    expect(r.byName['张三']!.incomplete).toBe(true)
  })
  it('测评结果 in a long file is its grade column (not a wide file of unknown grades)', async () => {
    const r = await votes('票号,干部编号,姓名,测评结果\nP1,C1,张三,优秀\nP2,C1,张三,称职\n')
    expect([r.shape, ...tallyOf(r, '张三')]).toEqual(['long', 1, 1, 0, 0, 0, 0])
  })
  it('票号 with 干部编号 but no grade column: the long file says the grade column is missing', async () => {
    const e = await catchError(votes('票号,干部编号,姓名,结果\nP1,C1,张三,优秀\n'))
    expect(e.msg).toMatchObject({ code: 'missing-columns', params: { missing: '测评等次' } })
  })
})

describe('grade sets (SPEC §2.0)', () => {
  it('优秀/合格/基本合格/不合格 headers under opinion-2009-hege', async () => {
    const text = '姓名,优秀,合格,基本合格,不合格\n张三,20,8,2,0\n'
    expect(tallyOf(await votes(text, { policy: 'opinion-2009-hege' }), '张三')).toEqual([20, 8, 2, 0, 0, 0])
    const e = await catchError(votes(text))
    expect(e.msg).toMatchObject({ code: 'unknown-shape-grade-set', params: { hint: 'opinion-2009-hege' } })
  })
  it('好/较好/一般/差, and 称职(较好) as published forms write it', async () => {
    expect(tallyOf(await votes('姓名,好,较好,一般,差\n张三,20,8,2,0\n', { policy: 'opinion-2009-haohuai' }), '张三')).toEqual([20, 8, 2, 0, 0, 0])
    expect(tallyOf(await votes('姓名,优秀(好),称职(较好),基本称职(一般),不称职(差)\n张三,20,8,2,0\n', { policy: 'opinion-2009-haohuai' }), '张三')).toEqual([20, 8, 2, 0, 0, 0])
  })
  it('a long file’s 合格 under the default policy names the policy that reads it', async () => {
    const r = await votes('票号,干部编号,测评等次\nP1,C1,合格\n')
    expect(r.c.issues[0]).toMatchObject({ code: 'unknown-grade-set', params: { policy: 'opinion-2009-hege' } })
  })
})

describe('paper ballots (SPEC §2.1 shape 4)', () => {
  const ballot = (rows: string[]) => ['序号,姓名,职务,优秀,称职,基本称职,不称职', ...rows].join('\n')
  it('blocks separated by a blank row: one mark counts, two marks are spoilt, none is not graded', async () => {
    const text = [
      '部门：县财政局  应到：3人  实到：3人',
      ballot(['1,张三,局长,√,,,', '2,李四,副局长,,✓,,']),
      '',
      '1,张三,局长,,√,,',
      '2,李四,副局长,√,√,,',
      '',
      '1,张三,局长,○,,,',
      '2,李四,副局长,,,,',
    ].join('\n')
    const r = await votes(text)
    expect(r.shape).toBe('paper')
    expect(tallyOf(r, '张三')).toEqual([2, 1, 0, 0, 0, 0])
    expect(tallyOf(r, '李四')).toEqual([0, 1, 0, 0, 0, 1])
    expect(r.byName['张三']).toMatchObject({ tally: { eligible: 3 }, participated: 3 })
    expect(r.issues).toEqual([['skipped-info', 1, 1]])
  })
  it('blocks separated by a repeated header, or named by a 票号 column written once', async () => {
    const repeated = await votes([ballot(['1,张三,局长,√,,,']), ballot(['1,张三,局长,,,√,'])].join('\n'))
    expect(tallyOf(repeated, '张三')).toEqual([1, 0, 1, 0, 0, 0])
    const numbered = await votes('票号,序号,姓名,优秀,称职,基本称职,不称职\nB1,1,张三,√,,,\n,2,李四,,√,,\nB2,1,张三,,√,,\n,2,李四,,√,,\n')
    expect(tallyOf(numbered, '张三')).toEqual([1, 1, 0, 0, 0, 0])
    expect(tallyOf(numbered, '李四')).toEqual([0, 2, 0, 0, 0, 0])
  })
  it('a cadre twice on one ballot, and a mark that is no mark, are located errors', async () => {
    const r = await votes(ballot(['1,张三,局长,√,,,', '2,张三,局长,,√,,', '3,李四,副局长,良,,,']))
    expect(r.issues).toEqual([
      ['paper-cadre-twice', 3, 2],
      ['bad-paper-mark', 4, 4],
    ])
  })
  it('more ballots than 实到 is an error; fewer, a notice', async () => {
    const two = ['应到：5 实到：1', ballot(['1,张三,局长,√,,,']), '', '1,张三,局长,√,,,'].join('\n')
    expect((await votes(two)).issues.at(-1)).toEqual(['paper-more-ballots', 1, null])
    const r = await votes(['应到：5 实到：4', ballot(['1,张三,局长,√,,,'])].join('\n'))
    expect(r.c.issues.at(-1)).toMatchObject({ code: 'paper-fewer-ballots', severity: 'notice' })
  })
  it('√ on a sheet read as counts says to read it as a paper ballot, not that √ is no whole number', async () => {
    const r = await votes(ballot(['1,张三,局长,√,,,']), { shape: 'counts' })
    expect(r.c.issues[0]).toMatchObject({ code: 'mark-in-count-sheet', value: '√' })
  })
})

describe('rosters (SPEC §2.2)', () => {
  it('a year before 年度考核等次 is read: the 基本称职 grade is not lost', async () => {
    const c = new Collector()
    await readRoster(await tableOf('干部编号,姓名,2025年度考核等次\nC1,张三,基本称职\n', 'r.csv'), c)
    expect(c.toCadreInputs()[0]).toMatchObject({ id: 'C1', annualGrade: 'basicallyCompetent' })
  })
  it('names only: cadres named by name + unit, the votes found by name (+ unit)', async () => {
    const roster = '2025年度干部名单\n序号,姓名,单位,职务,年度考核等次\n1,张三,县财政局,局长,称职\n2,张三,县教育局,局长,基本称职\n3,李四,县教育局,副局长,称职\n'
    const r = await votes('姓名,单位,优秀,称职,基本称职,不称职\n张三,县财政局,20,8,2,0\n张三,县教育局,5,5,5,5\n李四,,9,9,9,9\n', { roster })
    const cadres = r.c.toCadreInputs()
    expect(cadres.map((x) => [x.id, x.tally?.excellent, x.annualGrade])).toEqual([
      ['张三/县财政局', 20, 'competent'],
      ['张三/县教育局', 5, 'basicallyCompetent'],
      ['李四/县教育局', 9, 'competent'],
    ])
  })
  it('names only: a name two cadres share, given without a unit, is an error', async () => {
    const roster = '姓名,单位\n张三,县财政局\n张三,县教育局\n'
    const r = await votes('姓名,优秀,称职,基本称职,不称职\n张三,20,8,2,0\n', { roster })
    expect(r.issues).toEqual([['ambiguous-name', 2, 1]])
  })
  it('单位及职务 in one column tells two of one name apart', async () => {
    const roster = '姓名,单位,职务\n张三,县财政局,局长\n张三,县教育局,局长\n'
    const r = await votes('姓名,单位及职务,优秀,称职,基本称职,不称职\n张三,县教育局局长,20,8,2,0\n', { roster })
    expect(r.c.toCadreInputs().map((x) => [x.id, x.tally?.excellent ?? null])).toEqual([
      ['张三/县财政局', null],
      ['张三/县教育局', 20],
    ])
  })
})

describe('reports and findings find their table too', () => {
  it('报告事项 over the categories, below a title', async () => {
    const c = new Collector()
    const cats = ['住房', '投资', '婚姻变化', '持有因私出国（境）证件', '因私出国（境）情况', '子女与外国人、港澳台居民通婚情况', '配偶子女从业情况', '配偶子女出国（境）定居情况', '配偶子女被司法机关追究刑事责任情况']
    const text = `2025年度领导干部个人有关事项报告\n干部编号,姓名,报告事项${','.repeat(cats.length - 1)}\n,,${cats.join(',')}\nC1,张三,${cats.map(() => '无').join(',')}\n`
    await readReports(await tableOf(text, 'rep.csv'), c, policyWith())
    expect(c.toCadreInputs()[0]!.report?.answered.length).toBe(9)
    expect(c.issues.map((i) => i.code)).toEqual(['skipped-above-header'])
  })
})

describe('the layout itself', () => {
  it('keeps batches for the fast paths and reads ahead no further than it needs', async () => {
    const t = await layoutTable(await tableOf('票号,干部编号,测评等次\nP1,C1,优秀\nP2,C1,称职\n'), voteLayout(policyWith(), null, null))
    expect(t.header).toEqual({ line: 1, cells: ['票号', '干部编号', '测评等次'] })
    const rows: string[][] = []
    for await (const r of t.rows) rows.push(r.cells)
    expect(rows).toEqual([
      ['P1', 'C1', '优秀'],
      ['P2', 'C1', '称职'],
    ])
  })
})
