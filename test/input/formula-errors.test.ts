import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { Collector } from '../../src/input/collector.js'
import { readFindings } from '../../src/input/findings.js'
import { readReports } from '../../src/input/reports.js'
import { readRoster } from '../../src/input/roster.js'
import { isFormulaError } from '../../src/input/rows.js'
import { openDelimited, openTable, type TableRow } from '../../src/input/table.js'
import { readVotes } from '../../src/input/votes.js'
import { errorCells } from '../../src/input/xlsx.js'
import { policyWith } from '../helpers.js'
import { cli, inTemp } from '../support/item5.js'
import { withErrorCells, xlsxOf } from '../support/xlsx.js'

const OPTS = { encoding: 'auto' as const, delimiter: null, sheet: null }
const csv = (text: string, name: string) => openDelimited(name, 'csv', Readable.from([Buffer.from(text)]), OPTS, text.length)
const policy = policyWith()

/** The issues a reader lists, as code@row:column. */
const issuesOf = (c: Collector) => c.issues.filter((i) => i.severity === 'error').map((i) => `${i.code}@${i.row}:${i.column}`)

const votes = async (text: string) => {
  const c = new Collector()
  await readVotes(await csv(text, 'v.csv'), c, policy, { shape: null, sumCounts: false })
  return c
}

describe('formula errors (#DIV/0!, #N/A …) in the cells a reader uses', () => {
  it('are known by their text, whatever the case and spaces; other text starting with # is data', () => {
    for (const s of ['#DIV/0!', '#N/A', ' #n/a ', '#REF!', '#NAME?', '#VALUE!', '#NUM!', '#NULL!', '#SPILL!', '#CALC!']) expect(isFormulaError(s)).toBe(true)
    for (const s of ['#12', '#', '', 'N/A', '#DIV/0', '优秀', '#N/A1']) expect(isFormulaError(s)).toBe(false)
  })

  it('long ballots: one issue for the cell (not also "unknown grade"), the row left out, its cadre incomplete', async () => {
    const c = await votes('票号,干部编号,姓名,测评等次\nP1,C1,张三,优秀\nP2,C1,张三,#DIV/0!\nP3,C1,张三,称职\n')
    expect(issuesOf(c)).toEqual(['formula-error@3:4'])
    expect(c.issues[0]!.value).toBe('#DIV/0!')
    expect([c.rowsRead, c.rowsCounted, c.rowsInIssues]).toEqual([3, 2, 1])
    const [cadre] = c.toCadreInputs()
    expect(cadre!.incomplete).toBe(true)
    expect(cadre!.tally).toMatchObject({ excellent: 1, competent: 1 })
  })

  it('long ballots: a cadre id that is a formula error is never counted, not even by the fast path once it is known', async () => {
    const c = await votes('票号,干部编号,测评等次\nP1,C1,优秀\nP2,#N/A,优秀\nP3,#N/A,称职\nP4, #N/A,称职\nP5,C1,#REF!\nP6,C1,称职\nP7,\u3000#N/A,优秀\n')
    expect(issuesOf(c)).toEqual(['formula-error@3:2', 'formula-error@4:2', 'formula-error@5:2', 'formula-error@6:3', 'formula-error@8:2'])
    expect([c.rowsRead, c.rowsCounted, c.rowsInIssues]).toEqual([7, 2, 5])
    const na = c.toCadreInputs().find((x) => x.id === '#N/A')
    expect(na?.tally ?? null).toBeNull()
  })

  it('long ballots: a ballot id, a voter group or a unit that is a formula error', async () => {
    const c = await votes('票号,干部编号,单位,测评等次,测评人类别\nP1,C1,县财政局,优秀,中层干部\n#VALUE!,C1,县财政局,称职,中层干部\nP3,C1,#N/A,称职,中层干部\nP4,C1,县财政局,称职,#NAME?\n')
    expect(issuesOf(c)).toEqual(['formula-error@3:1', 'formula-error@4:3', 'formula-error@5:5'])
    expect(c.rowsCounted).toBe(1)
  })

  it('wide ballots: in a cadre column or the ballot id, one issue for the cell, the ballot left out', async () => {
    const c = await votes('票号,C1,C2\nP1,优秀,称职\nP2,#N/A,称职\n#REF!,优秀,优秀\nP4,称职,基本称职\n')
    expect(issuesOf(c)).toEqual(['formula-error@3:2', 'formula-error@4:1'])
    expect([c.rowsRead, c.rowsCounted, c.rowsInIssues]).toEqual([4, 2, 2])
    const byId = Object.fromEntries(c.toCadreInputs().map((x) => [x.id, x]))
    expect(byId.C1!.tally).toMatchObject({ excellent: 1, competent: 1 })
    expect(byId.C1!.incomplete).toBe(true)
  })

  it('count sheets: a count that is a formula error (not "a bad count" as well)', async () => {
    const c = await votes('干部编号,姓名,优秀,称职,基本称职,不称职\nC1,张三,10,#DIV/0!,1,0\nC2,李四,5,5,0,0\n')
    expect(issuesOf(c)).toEqual(['formula-error@2:4'])
    expect(c.rowsCounted).toBe(1)
  })

  it('rosters, reports and findings too; a column no reader uses is left alone', async () => {
    const c = new Collector()
    await readRoster(await csv('干部编号,姓名,职务,备注\nC1,张三,#N/A,\nC2,李四,局长,#DIV/0!\n', 'roster.csv'), c)
    expect(issuesOf(c)).toEqual(['formula-error@2:3'])
    const r = new Collector()
    await readRoster(await csv('干部编号,姓名\nC1,张三\nC2,李四\n', 'roster.csv'), r)
    const labels = policy.reports.categories.map((k) => k.label)
    await readReports(await csv(`干部编号,姓名,报告日期,${labels.join(',')}\nC1,张三,2025-01-31,${labels.map((_, i) => (i === 0 ? '#N/A' : '无')).join(',')}\n`, 'reports.csv'), r, policy)
    await readFindings(await csv('干部编号,姓名,事项,情况,情节严重\nC2,李四,#REF!,房产一处,否\n', 'findings.csv'), r, policy)
    expect(issuesOf(r)).toEqual(['formula-error@2:4', 'formula-error@2:3'])
  })
})

describe('XLSX error cells', () => {
  const rowsOf = async (bytes: Uint8Array): Promise<TableRow[]> => {
    const p = inTemp({ 'e.xlsx': bytes })
    const t = await openTable(p['e.xlsx']!, OPTS)
    const rows: TableRow[] = [t.header]
    for await (const r of t.rows) rows.push(r)
    return rows
  }

  it('read as the error a clerk sees in the cell (read-excel-file alone reads them as empty)', async () => {
    const book = await xlsxOf({ 票: [['票号', '干部编号', '测评等次'], ['P1', 'C1', '优秀'], ['P2', 'C1', 'x'], ['P3', 'x', '称职']] })
    expect((await rowsOf(book)).map((r) => r.cells)).toEqual([['票号', '干部编号', '测评等次'], ['P1', 'C1', '优秀'], ['P2', 'C1', 'x'], ['P3', 'x', '称职']])
    const broken = withErrorCells(book, [
      { ref: 'C3', formula: '1/0', value: '#DIV/0!' },
      { ref: 'B4', formula: 'VLOOKUP(A4,名册!A:B,2,0)', value: '#N/A' },
    ])
    expect(await rowsOf(broken)).toEqual([
      { line: 1, cells: ['票号', '干部编号', '测评等次'] },
      { line: 2, cells: ['P1', 'C1', '优秀'] },
      { line: 3, cells: ['P2', 'C1', '#DIV/0!'] },
      { line: 4, cells: ['P3', '#N/A', '称职'] },
    ])
  })

  it('finds each one by its place, with or without a saved value, with a namespace prefix, and nothing else', () => {
    const xml =
      '<worksheet><sheetData><row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" s="1" t="e"><f>1/0</f><v>#DIV/0!</v></c>' +
      '<c r="C2" t="e"/><c r="D2" t="inlineStr"><is><t>a t="e" b</t></is></c></row>' +
      '<x:row r="3"><x:c r="AA3" t=\'e\'><x:f>X</x:f><x:v>#NAME?</x:v></x:c><x:c t="e"><x:v>#REF!</x:v></x:c></x:row></sheetData></worksheet>'
    expect(errorCells(xml)).toEqual([
      { row: 1, col: 1, text: '#DIV/0!' },
      { row: 1, col: 2, text: '#N/A' },
      { row: 2, col: 26, text: '#NAME?' },
    ])
  })

  it('kaohe assess stops with the cell located and what to do (exit 65); --lenient leaves the row out', async () => {
    const book = await xlsxOf({ 票: [['票号', '干部编号', '姓名', '测评等次'], ['P1', 'C1', '张三', '优秀'], ['P2', 'C1', '张三', 'x']] })
    const p = inTemp({ 'v.xlsx': withErrorCells(book, [{ ref: 'D3', formula: 'IF(1/0,"优秀")', value: '#DIV/0!' }]) })
    const strict = cli(['assess', '--votes', p['v.xlsx']!], p.dir)
    expect(strict.code).toBe(65)
    expect(strict.stderr).toContain('第 3 行')
    expect(strict.stderr).toContain('#DIV/0!')
    expect(strict.stderr).toContain('选择性粘贴为数值')
    expect(strict.stderr).not.toContain('无法识别的等次')
    const lenient = cli(['assess', '--votes', p['v.xlsx']!, '--lenient', '--format', 'json', '--lang', 'en'], p.dir)
    expect(lenient.code).toBe(0)
    const doc = JSON.parse(lenient.stdout)
    expect(doc.issues.map((i: { code?: string; row: number; column: number; value: string }) => [i.row, i.column, i.value])).toEqual([[3, 4, '#DIV/0!']])
    expect(doc.summary).toMatchObject({ rowsRead: 2, rowsCounted: 1, rowsInIssues: 1 })
    expect(doc.cadres[0].disposition.code).toBe('data-incomplete')
  })
})
