import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { Collector } from '../../src/input/collector.js'
import { readRoster } from '../../src/input/roster.js'
import { detectDelimiter, openDelimited, type ReadOptions } from '../../src/input/table.js'
import { readVotes, type VoteShape } from '../../src/input/votes.js'
import { catchError, encodeGb18030, policyWith } from '../helpers.js'

const OPTS: ReadOptions = { encoding: 'auto', delimiter: null, sheet: null }

/** A table from bytes, fed in small chunks so that multi-byte characters straddle them. */
const tableOf = (content: string | Buffer, name = 'in.csv', opts: ReadOptions = OPTS, chunk = 7) => {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content
  const chunks: Buffer[] = []
  for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk))
  return openDelimited(name, name.endsWith('.tsv') ? 'tsv' : 'csv', Readable.from(chunks), opts, bytes.length)
}

const readAll = async (files: Array<{ text: string | Buffer; name?: string }>, roster?: string, shape: VoteShape | null = null, policy = policyWith()) => {
  const c = new Collector()
  if (roster !== undefined) await readRoster(await tableOf(roster, 'roster.csv'), c)
  const shapes: string[] = []
  for (const f of files) shapes.push((await readVotes(await tableOf(f.text, f.name), c, policy, { shape, sumCounts: false })).shape)
  const byId = Object.fromEntries(c.toCadreInputs().map((x) => [x.id, x]))
  return { c, byId, shapes, codes: c.issues.map((i) => i.code) }
}


describe('any one-character delimiter', () => {
  it.each(['-', ']', '^', '\\', '|', ';', '.'])('%s: the same rows, read fast and by csv-parse alone', async (d) => {
    const text = ['票号', '干部编号', '测评等次'].join(d) + '\n' + ['P1', 'C1', '优秀'].join(d) + '\n' + ['P2', '"C2"', '称职'].join(d) + '\n'
    for (const fast of [true, false]) {
      const t = await tableOf(text, 'd.csv', { ...OPTS, delimiter: d, fast })
      const rows: string[][] = []
      for await (const r of t.rows) rows.push(r.cells)
      expect([t.header.cells, ...rows]).toEqual([
        ['票号', '干部编号', '测评等次'],
        ['P1', 'C1', '优秀'],
        ['P2', 'C2', '称职'],
      ])
    }
  })
})

describe('a row left out still gives its ballot\'s voter group', () => {
  it('so which of two conflicting rows comes first does not decide another cadre\'s groups', async () => {
    const withGroup = { text: '票号,干部编号,测评等次,测评人类别\nB8,C1,不称职,中层干部\n', name: 'g.csv' }
    const without = { text: '票号,干部编号,测评等次\nB8,C1,不称职\nB8,C2,称职\n', name: 'n.csv' }
    const groupsOfC2 = []
    for (const files of [[withGroup, without], [without, withGroup]]) {
      const r = await readAll(files)
      expect(r.codes).toEqual(['duplicate-mark'])
      expect(r.byId.C2!.incomplete).toBe(false)
      groupsOfC2.push(r.byId.C2!.groups)
    }
    expect(groupsOfC2[1]).toEqual(groupsOfC2[0])
    expect(groupsOfC2[0]!.map((g) => [g.group, g.tally.competent])).toEqual([['中层干部', 1]])
  })
  it('but not a group that is what is wrong with the row', async () => {
    const r = await readAll([{ text: '票号,干部编号,测评等次,测评人类别\nB1,C1,称职,中层干部\nB1,C2,称职,一般干部\n' }])
    expect(r.codes).toEqual(['group-mismatch'])
    expect(r.byId.C1!.groups.map((g) => g.group)).toEqual(['中层干部'])
  })
})

describe('delimiter detection', () => {
  it('a tie in the header is broken by the next line (a name with a comma in a semicolon file)', async () => {
    for (const chunk of [3, 4096]) {
      const t = await tableOf('票号;欧阳,明\r\n\r\nB1;优秀\n', 'w.csv', OPTS, chunk)
      const rows: string[][] = []
      for await (const r of t.rows) rows.push(r.cells)
      expect([t.header.cells, ...rows]).toEqual([['票号', '欧阳,明'], ['B1', '优秀']])
    }
    expect(detectDelimiter('a;b,c', 'x;y')).toBe(';')
    expect(detectDelimiter('a;b,c', 'x,y')).toBe(',')
    // Still tied, or nothing after the header: the first of , tab ;
    expect(detectDelimiter('a;b,c', 'x;y,z')).toBe(',')
    expect(detectDelimiter('a;b,c', null)).toBe(',')
    expect(detectDelimiter('a;b;c,d', 'x,y')).toBe(';')
    expect(detectDelimiter('abc', null)).toBe(',')
  })

  it('a tie is broken by a ragged next line too: the only tied delimiter it holds (fuzz seed 270412731)', async () => {
    expect(detectDelimiter('欧阳,明\t测评人编号', '"tab\there"\tF1-B1\t')).toBe('\t')
    expect(detectDelimiter('票号;欧阳,明', 'B1;优秀;')).toBe(';')
    // Both held, neither as often as in the header, or neither held: the first of , tab ;
    expect(detectDelimiter('票号;欧阳,明', 'B1;优秀;x,y,z')).toBe(',')
    expect(detectDelimiter('票号;欧阳,明', 'B1')).toBe(',')
    const t = await tableOf('欧阳,明\t测评人编号\r"优秀"\tF1-B1\t\n', 'p.csv', OPTS, 5)
    const rows: string[][] = []
    for await (const r of t.rows) rows.push(r.cells)
    expect([t.header.cells, ...rows]).toEqual([['欧阳,明', '测评人编号'], ['优秀', 'F1-B1', '']])
  })
})

describe('encodings', () => {
  const csv = '票号,干部编号,姓名,测评等次\nP1,C1,张三,优秀\nP2,C1,张三,稱職\n'
  it.each([
    ['UTF-8', Buffer.from(csv), 'utf-8'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]), 'utf-8-bom'],
    ['GB18030', encodeGb18030(csv), 'gb18030'],
  ])('%s is detected by itself', async (_n, bytes, enc) => {
    const t = await tableOf(bytes)
    const c = new Collector()
    await readVotes(t, c, policyWith(), { shape: null, sumCounts: false })
    expect(t.encoding()).toBe(enc)
    expect(c.toCadreInputs()[0]!.tally).toMatchObject({ excellent: 1, competent: 1 })
    expect(c.toCadreInputs()[0]!.name).toBe('张三')
  })
  it('a long ASCII start does not decide too early', async () => {
    const head = 'ballot_id,cadre_id,grade\n' + Array.from({ length: 2000 }, (_, i) => `B${i},C1,competent`).join('\n') + '\n'
    const bytes = Buffer.concat([Buffer.from(head), encodeGb18030('B9999,C2,优秀\n')])
    const t = await tableOf(bytes, 'x.csv', OPTS, 4096)
    const c = new Collector()
    await readVotes(t, c, policyWith(), { shape: null, sumCounts: false })
    expect(t.encoding()).toBe('gb18030')
    expect(c.cadres.get('C2')!.tally!.excellent).toBe(1)
  })
  it.each([7, 4096])('UTF-8 that turns invalid later is a located encoding error (chunks of %i bytes)', async (chunk) => {
    const bytes = Buffer.concat([Buffer.from('票号,干部编号,测评等次\nP1,C1,优秀\n'), encodeGb18030('P2,C1,优秀\n')])
    const e = await catchError(
      (async () => readVotes(await tableOf(bytes, 'mixed.csv', OPTS, chunk), new Collector(), policyWith(), { shape: null, sumCounts: false }))(),
    )
    expect(e.exitCode).toBe(65)
    expect(e.msg.code).toBe('bad-encoding')
    expect(e.msg.params).toMatchObject({ file: 'mixed.csv', encoding: 'utf-8' })
  })
  it('--encoding gb18030 overrides detection', async () => {
    const t = await tableOf(encodeGb18030('票号,干部编号,测评等次\nP1,C1,优秀\n'), 'g.csv', { ...OPTS, encoding: 'gb18030' })
    await readVotes(t, new Collector(), policyWith(), { shape: null, sumCounts: false })
    expect(t.encoding()).toBe('gb18030')
  })
})

describe('vote shapes', () => {
  it('long ballots, headers in any order, English or Chinese, spaces and full-width spaces trimmed', async () => {
    const { byId, shapes } = await readAll([
      { text: ' Grade ,CADRE_ID,ballot_id\nexcellent,C1,B1\n基本称职,C1,B2\n不稱職,C1,B3\n弃权,C1,B4\n无效,C1,B5\n不了解,C1,B6\n' },
      { text: '\u3000干部编号\u3000,测评等次,票号\nC1,優秀,B7\n', name: 'b.csv' },
    ])
    expect(shapes).toEqual(['long', 'long'])
    expect(byId.C1!.tally).toEqual({ excellent: 2, competent: 0, basicallyCompetent: 1, incompetent: 1, abstain: 2, invalid: 1, eligible: null })
  })
  it('wide ballots: one column per cadre, empty = not graded', async () => {
    const { byId, shapes } = await readAll([{ text: '票号,张三,李四\nP1,优秀,\nP2,称职,不称职\nP3,,弃权\n' }])
    expect(shapes).toEqual(['wide'])
    expect(byId['张三']!.tally).toMatchObject({ excellent: 1, competent: 1 })
    expect(byId['李四']!.tally).toMatchObject({ incompetent: 1, abstain: 1 })
  })
  it('counts: one row per cadre, semicolon-delimited', async () => {
    const { byId, shapes } = await readAll([
      { text: '干部编号;姓名;优秀;称职;基本称职;不称职;弃权;无效;应参加人数;实参加人数\nC1;张三;10;20;5;3;1;1;45;40\n' },
    ])
    expect(shapes).toEqual(['counts'])
    expect(byId.C1!.tally).toEqual({ excellent: 10, competent: 20, basicallyCompetent: 5, incompetent: 3, abstain: 1, invalid: 1, eligible: 45 })
    expect(byId.C1!.participated).toBe(40)
  })
  it('TSV by extension', async () => {
    const { byId } = await readAll([{ text: 'ballot_id\tcadre_id\tgrade\nB1\tC1\tcompetent\n', name: 'v.tsv' }])
    expect(byId.C1!.tally!.competent).toBe(1)
  })
  it('an unknown header is refused with the line', async () => {
    const e = await catchError(readAll([{ text: 'a,b,c\n1,2,3\n' }]))
    expect(e.msg).toMatchObject({ code: 'unknown-shape', params: { line: 1 } })
  })
  it('a ballot with two grades for one cadre is spoilt, even across files', async () => {
    const { byId, codes } = await readAll([
      { text: '票号,干部编号,测评等次\nP1,C1,称职\nP2,C1,优秀\n' },
      { text: '票号,干部编号,测评等次\nP1,C1,基本称职\n', name: 'b.csv' },
    ])
    expect(codes).toEqual([])
    expect(byId.C1!.tally).toMatchObject({ competent: 0, basicallyCompetent: 0, excellent: 1, invalid: 1 })
  })
})

describe('data errors are located and all listed', () => {
  it('unknown grades, exact duplicates, missing values: each with line and column', async () => {
    const { c, byId } = await readAll([{ text: '票号,干部编号,测评等次\nP1,C1,优秀\nP2,C1,良\nP1,C1,优秀\n,C1,称职\nP4,C1,\n' }])
    expect(c.issues.map((i) => [i.code, i.row, i.column, i.value])).toEqual([
      ['unknown-grade', 3, 3, '良'],
      ['duplicate-mark', 4, 1, 'P1'],
      ['missing-value', 5, 1, ''],
      ['missing-grade', 6, 3, ''],
    ])
    expect([c.rowsRead, c.rowsCounted, c.rowsInIssues]).toEqual([5, 1, 4])
    expect(byId.C1!.incomplete).toBe(true)
    expect(byId.C1!.tally!.excellent).toBe(1)
  })
  it('line numbers count physical lines, past quoted line breaks and blank lines', async () => {
    const { c } = await readAll([{ text: '票号,干部编号,姓名,测评等次\nP1,C1,"张\n三",优秀\n\nP2,C2,李四,良\n' }])
    expect(c.issues[0]).toMatchObject({ code: 'unknown-grade', row: 5, column: 4 })
  })
  it('policy grade synonyms map local tokens', async () => {
    const policy = policyWith({ gradeSynonyms: { 良: 'competent', A: 'excellent' } })
    const { byId, codes } = await readAll([{ text: '票号,干部编号,测评等次\nP1,C1,良\nP2,C1,a\n' }], undefined, null, policy)
    expect(codes).toEqual([])
    expect(byId.C1!.tally).toMatchObject({ competent: 1, excellent: 1 })
  })
  it.each([
    ['-3', 'negative-count'],
    ['2.5', 'not-integer'],
    ['1e3', 'not-integer'],
    ['十', 'not-integer'],
    ['99999999999999999999', 'count-too-large'],
  ])('count %s → %s', async (v, code) => {
    const { codes } = await readAll([{ text: `干部编号,优秀,称职,基本称职,不称职\nC1,${v},1,1,1\n` }])
    expect(codes).toEqual([code])
  })
  it('count sheets must add up', async () => {
    const { c } = await readAll([
      { text: '干部编号,优秀,称职,基本称职,不称职,弃权,无效,应参加人数,实参加人数\nC1,1,1,1,1,0,0,10,5\nC2,1,1,1,1,0,0,3,\nC3,1,1,1,1,1,1,6,6\n' },
    ])
    expect(c.issues.map((i) => [i.code, i.row, i.columnName])).toEqual([
      ['counts-dont-add-up', 2, '实参加人数'],
      ['participated-exceeds-eligible', 3, '应参加人数'],
    ])
  })
  it('the same cadre in two count files needs --sum-counts', async () => {
    const sheet = '干部编号,优秀,称职,基本称职,不称职\nC1,1,2,3,4\n'
    const { codes } = await readAll([{ text: sheet }, { text: sheet, name: 'b.csv' }])
    expect(codes).toEqual(['cadre-in-two-count-files'])
    const c = new Collector()
    for (const name of ['a.csv', 'b.csv']) await readVotes(await tableOf(sheet, name), c, policyWith(), { shape: null, sumCounts: true })
    expect(c.cadres.get('C1')!.tally).toMatchObject({ excellent: 2, competent: 4, basicallyCompetent: 6, incompetent: 8 })
  })
  it('ballots and counts for one cadre do not mix', async () => {
    const { codes } = await readAll([{ text: '票号,干部编号,测评等次\nP1,C1,优秀\n' }, { text: '干部编号,优秀,称职,基本称职,不称职\nC1,1,2,3,4\n', name: 'b.csv' }])
    expect(codes).toEqual(['mixed-sources'])
  })
  it('ragged rows with content beyond the header are errors; short rows read as empty cells', async () => {
    const { c } = await readAll([{ text: '票号,干部编号,测评等次\nP1,C1,优秀,extra\nP2,C1\n' }])
    expect(c.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ['extra-cells', 2, 4],
      ['missing-grade', 3, 3],
    ])
  })
  it('a repeated header is an error of the file', async () => {
    const e = await catchError(readAll([{ text: '票号,干部编号,测评等次,测评等次\nP1,C1,优秀,优秀\n' }]))
    expect(e.issues.map((i) => [i.code, i.column])).toEqual([['duplicate-header', 4]])
  })
  it('an unclosed quote names its line', async () => {
    const e = await catchError(readAll([{ text: '票号,干部编号,测评等次\nP1,C1,优秀\nP2,"C1,优秀\n' }]))
    expect(e.msg.code).toBe('csv-quote-not-closed')
  })
  it('an empty file and a BOM-only file are refused', async () => {
    for (const text of ['', '\ufeff', '\n\n']) expect((await catchError(readAll([{ text }]))).msg.code).toBe('empty-file')
  })
})

describe('roster', () => {
  const roster = '干部编号,姓名,单位,职务,是否正职,年度考核等次,述职述廉,应报告个人事项\nC1,张三,县财政局,局长,是,基本称职,是,\nC2,李四,县教育局,副局长,否,称职,否,否\nC3,张三,县水利局,局长,是,,,\n'
  it('fixes who the cadres are; 应报告个人事项 defaults to 是', async () => {
    const { byId, codes } = await readAll([{ text: '票号,干部编号,测评等次\nP1,C1,优秀\n' }], roster)
    expect(codes).toEqual([])
    expect(byId.C1).toMatchObject({ principal: true, annualGrade: 'basicallyCompetent', dutyStatement: true, mustReport: true, onRoster: true })
    expect(byId.C2).toMatchObject({ principal: false, dutyStatement: false, mustReport: false, tally: null })
  })
  it('a cadre not on the roster, a wrong name, and an ambiguous name are errors', async () => {
    const { c } = await readAll([{ text: '票号,干部编号,姓名,测评等次\nP1,C9,王五,优秀\nP1,C2,张三,优秀\nP1,,张三,优秀\nP1,,张三,优秀\n' }], roster)
    expect(c.issues.map((i) => i.code)).toEqual(['not-on-roster', 'name-mismatch', 'ambiguous-name', 'ambiguous-name'])
  })
  it('names with a unit resolve an ambiguous name', async () => {
    const { byId, codes } = await readAll([{ text: '票号,姓名,单位,测评等次\nP1,张三,县水利局,优秀\n' }], roster)
    expect(codes).toEqual([])
    expect(byId.C3!.tally!.excellent).toBe(1)
  })
  it('wide columns headed by names join the roster; an unknown column name is a header error', async () => {
    const { byId } = await readAll([{ text: '票号,李四\nP1,称职\n' }], roster)
    expect(byId.C2!.tally!.competent).toBe(1)
    const e = await catchError(readAll([{ text: '票号,李四,赵六,张三\nP1,称职,称职,称职\n' }], roster))
    expect(e.issues.map((i) => [i.code, i.column])).toEqual([
      ['not-on-roster', 3],
      ['ambiguous-name', 4],
    ])
  })
  it('bad flags and grades are located', async () => {
    const { c } = await readAll([], '干部编号,姓名,是否正职,年度考核等次\nC1,张三,也许,良好\nC1,李四,是,称职\nC1,王五,否,称职\n')
    expect(c.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ['bad-flag', 2, 3],
      ['bad-annual-grade', 2, 4],
      // The left-out row still holds its id, so the result does not depend on row order.
      ['duplicate-cadre', 3, 1],
      ['duplicate-cadre', 4, 1],
    ])
  })
})

describe('unknown columns', () => {
  it('are ignored with one notice each, which does not stop a strict run', async () => {
    const { c, byId } = await readAll([{ text: '票号,干部编号,测评等次,备注,\nP1,C1,优秀,补录,\nP2,C1,称职,,\n' }])
    expect(c.issues.map((i) => [i.code, i.severity, i.row, i.column, i.value])).toEqual([['unknown-column', 'notice', 1, 4, '备注']])
    expect(c.errorCount).toBe(0)
    expect(byId.C1!.tally).toMatchObject({ excellent: 1, competent: 1 })
  })
})

describe('lenient bookkeeping', () => {
  it('a cadre whose first row is left out is still marked incomplete', async () => {
    const { byId } = await readAll([{ text: '票号,干部编号,测评等次\nP1,C5,良\nP2,C5,优秀\n' }])
    expect(byId.C5).toMatchObject({ incomplete: true, tally: { excellent: 1 } })
  })
  it('a wide row left out marks every cadre it grades, the bad cell included', async () => {
    const { byId } = await readAll([{ text: '票号,张三,李四,王五\nP1,良,优秀,\nP2,称职,称职,称职\n' }])
    expect([byId['张三']!.incomplete, byId['李四']!.incomplete, byId['王五']!.incomplete]).toEqual([true, true, false])
  })
})

// A cadre's entry is a view made on asking (cadre-store.ts): two views of one cadre are two
// objects. These cases compare cadres, and would go wrong if they compared the views.
describe('one cadre, however often it is looked up', () => {
  it('no roster: a name given alone is ambiguous with another cadre of that name, never with itself', async () => {
    const { c } = await readAll([{ text: '票号,干部编号,姓名,测评等次\nP1,C1,张三,优秀\n' }, { text: '票号,姓名,测评等次\nP2,李四,称职\nP3,张三,优秀\n' }])
    // Once every file is read (load.ts): 张三 may be C1, 李四 is no one else.
    c.checkNames()
    expect(c.issues.map((i) => [i.code, i.row])).toEqual([['ambiguous-name', 3]])
    const byId = Object.fromEntries(c.toCadreInputs().map((x) => [x.id, x]))
    expect([byId.李四!.tally!.competent, byId.李四!.nameAmbiguous, byId.C1!.nameAmbiguous]).toEqual([1, undefined, true])
  })
  it('a roster row repeated (same id, same name) leaves one cadre of that name: a row by name finds it', async () => {
    const { c, byId } = await readAll([{ text: '票号,姓名,测评等次\nP1,张三,优秀\n' }], '干部编号,姓名\nC1,张三\nC1,张三\nC2,李四\n')
    expect(c.issues.map((i) => [i.code, i.row])).toEqual([['duplicate-cadre', 3]])
    expect([byId.C1!.tally!.excellent, byId.C1!.incomplete]).toEqual([1, true])
  })
  it('a wide column headed by what is one cadre\'s id and name at once is that cadre, not ambiguous', async () => {
    // (A roster row of id and name alone, both A1, would read as a section title: a unit is given.)
    const { codes, byId } = await readAll([{ text: '票号,A1,李四\nP1,称职,优秀\n' }], '干部编号,姓名,单位\nA1,A1,县水利局\nC2,李四,县水利局\n')
    expect(codes).toEqual([])
    expect([byId.A1!.tally!.competent, byId.C2!.tally!.excellent]).toEqual([1, 1])
  })
})
