import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InputError } from '../../src/errors.js'
import { FIELDS, isMeaningfulHeader, mapHeader, normalizeHeader, plainForm, unknownColumnNotices, Vocabulary } from '../../src/input/headers.js'
import { builtinPolicy } from '../../src/policy/load.js'

const plain = new Vocabulary()
const synonymsOf = (id: string) => builtinPolicy(id)!.policy.gradeSynonyms

describe('the header vocabulary (SPEC §2.0)', () => {
  it.each([
    ['优秀票数', 'excellent'],
    ['优秀(票)', 'excellent'],
    ['优秀（票）', 'excellent'],
    ['称职票', 'competent'],
    ['不了解票数', 'abstain'],
    ['不了解', 'abstain'],
    ['弃权(不了解)', 'abstain'],
    ['无效票', 'invalid'],
    ['应到人数', 'eligible'],
    ['应参加人数', 'eligible'],
    ['应参评人数', 'eligible'],
    ['应测评人数', 'eligible'],
    ['实到人数', 'participated'],
    ['实参加人数', 'participated'],
    ['参评人数', 'participated'],
    ['投票人数', 'participated'],
    ['收回票数', 'participated'],
    ['领导人员', 'name'],
    ['测评对象', 'name'],
    ['被测评人', 'name'],
    ['领导人员职务', 'post'],
    ['匿名账号', 'ballotId'],
    ['测评人编号', 'ballotId'],
    ['测评结果', 'grade'],
    ['总体评价', 'grade'],
    ['综合评价', 'grade'],
    ['评价结果', 'grade'],
    ['2025年度考核等次', 'annualGrade'],
    ['2025年考核结果', 'annualGrade'],
    ['序号', 'rowNumber'],
    ['单位及职务', 'unitPost'],
    ['单位职务', 'unitPost'],
    [' 姓　名 ', 'name'],
    ['称职(较好)', 'competent'],
    ['基本称职（一般）', 'basicallyCompetent'],
  ])('%s → %s', (header, field) => expect(plain.field(header)).toBe(field))

  it.each(['备注', '性别', '出生年月', '票号说明', '姓名票数', '测评'])('%s names no field', (header) => expect(plain.field(header)).toBeUndefined())

  it.each([
    ['优秀率', [['excellent']]],
    ['优秀比例', [['excellent']]],
    ['优秀得票率', [['excellent']]],
    ['优秀(%)', [['excellent']]],
    ['不称职率', [['incompetent']]],
    ['称职及以上率', [['excellent', 'competent']]],
    ['称职以上率', [['excellent', 'competent']]],
    ['称职率', [['competent'], ['excellent', 'competent']]],
    ['满意率', [['excellent', 'competent'], ['excellent', 'competent', 'basicallyCompetent']]],
    ['比例', null],
    ['占测评人数%', null],
  ])('%s is a share column', (header, marks) => expect(plain.role(header)).toEqual({ kind: 'share', marks }))

  it.each([
    ['票数', false],
    ['合计', false],
    ['总票数', false],
    ['有效票数', true],
  ])('%s is a per-row total', (header, valid) => expect(plain.role(header)).toEqual({ kind: 'total', valid }))

  it('the policy’s grade synonyms name count-sheet columns (SPEC §2.0)', () => {
    const hege = new Vocabulary(synonymsOf('opinion-2009-hege'))
    expect(['优秀', '合格', '基本合格票数', '不合格'].map((h) => hege.field(h))).toEqual(['excellent', 'competent', 'basicallyCompetent', 'incompetent'])
    const haohuai = new Vocabulary(synonymsOf('opinion-2009-haohuai'))
    expect(['好', '较好', '一般', '差', '称职(较好)', '较好率'].map((h) => haohuai.role(h))).toEqual([
      { kind: 'field', field: 'excellent' },
      { kind: 'field', field: 'competent' },
      { kind: 'field', field: 'basicallyCompetent' },
      { kind: 'field', field: 'incompetent' },
      { kind: 'field', field: 'competent' },
      { kind: 'share', marks: [['competent'], ['excellent', 'competent']] },
    ])
    // Without the policy they name nothing.
    expect(plain.field('合格')).toBeUndefined()
  })

  it('a header naming two different things (称职(优秀)) is not ours to pick', () => {
    expect(plain.field('称职(优秀)')).toBeUndefined()
  })

  it.each([
    ['应到票', true],
    ['同意票数', true],
    ['测评得分', true],
    ['年度考核', true],
    ['测评人姓名', true],
    ['良好', true],
    ['较好', true],
    ['一般', true],
    ['较差', true],
    ['好', true],
    ['差', true],
    ['好评率说明', false],
    ['干部类别', false],
    ['测评时间', false],
    ['投票IP', false],
    ['备注', false],
    ['联系电话', false],
  ])('%s names a vote, count, grade or person: %s', (header, yes) => expect(isMeaningfulHeader(header)).toBe(yes))
})

describe('unknown columns', () => {
  const header = { line: 3, cells: ['序号', '姓名', '优秀', '称职', '基本称职', '不称职', '同意票', '测评结果', '年度考核等次', '备注'] }
  const known = ['cadreId', 'name', 'excellent', 'competent', 'basicallyCompetent', 'incompetent'] as const
  it('序号 silently; a meaningful unknown is an error naming the accepted headers; the rest are notices that say why', () => {
    const map = mapHeader('a.csv', header, known)
    const notices = unknownColumnNotices('a.csv', header, map, known)
    expect(notices.map((n) => [n.column, n.code, n.severity])).toEqual([
      [7, 'unmapped-header', 'error'],
      [8, 'outcome-column', 'notice'],
      [9, 'column-for-other-input', 'notice'],
      [10, 'unknown-column', 'notice'],
    ])
    expect(notices[0]!.params.accepted).toContain('优秀')
    expect(map.fields.rowNumber).toBe(0)
  })
  it('two columns for one field are refused, each located', () => {
    expect(() => mapHeader('a.csv', { line: 1, cells: ['姓名', '优秀', '优秀票数'] }, ['name', 'excellent'])).toThrow(InputError)
  })
})

/**
 * `plainForm` (headers.ts) skips NFKC and the regular expressions for the text a big sheet's
 * cells are mostly made of; `role` then asks `exact` alone of a word of letters, digits and
 * _ (no other way of `resolve` can find a field in one). Both must answer as the long way does.
 */
describe('plainForm and role: the short way gives what the long way gives', () => {
  const plainChar = fc.oneof(
    fc.constantFrom(...'abcxyzABCXYZ0123456789_'),
    fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c)),
    fc.constantFrom(...'票号干部编号姓名单位优秀称职基本不率数人'),
  )
  const anyChar = fc.oneof(plainChar, fc.constantFrom(' ', '\u3000', '-', '(', '（', '%', '％', 'Ａ', '\ufeff', 'é', '\t'), fc.string({ maxLength: 1 }))
  const v = new Vocabulary({ A: 'excellent', 合格: 'competent' })

  it('plainForm is normalizeHeader wherever it answers, and answers for every text of letters, digits, _ and ideographs', () => {
    fc.assert(
      fc.property(fc.array(anyChar, { maxLength: 12 }).map((a) => a.join('')), (h) => {
        const p = plainForm(h)
        if (p !== null) expect(p).toBe(normalizeHeader(h))
      }),
      { numRuns: 3000 },
    )
    fc.assert(
      fc.property(fc.array(plainChar, { minLength: 1, maxLength: 12 }).map((a) => a.join('')), (h) => {
        expect(plainForm(h)).toBe(normalizeHeader(h))
      }),
      { numRuns: 3000 },
    )
  })

  it('role of any header is the role its normalized form resolves to, field names and ids alike', () => {
    const names = [...Object.values(FIELDS).flat(), 'ID', 'Name', 'BALLOT_ID', 'a', 'A', 'C000123', '2024年度优秀票数', '优秀(票)', '称职率']
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...names), fc.array(anyChar, { maxLength: 10 }).map((a) => a.join(''))), (h) => {
        expect(v.role(h)).toEqual(v.roleInFull(h))
      }),
      { numRuns: 3000 },
    )
    expect(v.field('C000123')).toBeUndefined()
    expect(v.field('Cadre_ID')).toBe('cadreId')
    expect(v.field('a')).toBe('excellent')
  })
})
