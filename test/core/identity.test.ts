import { describe, expect, it } from 'vitest'
import { type CadreLookup, type KnownCadre, nameKey, resolveCadre } from '../../src/core/identity.js'

const known = (key: string, id: string, name: string, unit = '', post = ''): KnownCadre => ({ key, id, name, unit, post })

const lookup = (cadres: KnownCadre[], roster: boolean, byName = false): CadreLookup<KnownCadre> => ({
  byKey: (k) => cadres.find((c) => c.key === k),
  byName: (n) => cadres.filter((c) => c.name === n),
  hasRoster: roster,
  rosterByName: byName,
  // A stand-in twin finder: the one known id that equals `k` up to leading zeros.
  zeroTwin: (k) => cadres.map((c) => c.id).find((id) => id !== k && id.replace(/^0+(?=\d)/, '') === k.replace(/^0+(?=\d)/, '')),
  isExample: (cell) => cell.endsWith('（示例）'),
})

const C1 = known('C1', 'C1', '张明', '县财政局', '局长')
const C2 = known('C2', 'C2', '张明', '县教育局')
const C3 = known('C3', 'C3', '王华')
const Z1 = known('001', '001', '李强')

describe('resolveCadre (who a row is about)', () => {
  it.each([
    ['a known id', { id: 'C1', name: '', unit: '' }, [C1], false, { ok: true, key: 'C1' }],
    ['a known id under its name', { id: 'C1', name: '张明', unit: '' }, [C1], false, { ok: true, key: 'C1' }],
    ['a known id under another name', { id: 'C1', name: '李四', unit: '' }, [C1], false, { ok: false, code: 'name-mismatch', key: 'C1' }],
    ['a new id without a roster', { id: 'C9', name: '', unit: '' }, [C1], false, { ok: true, key: 'C9' }],
    ['a new id with a roster', { id: 'C9', name: '', unit: '' }, [C1], true, { ok: false, code: 'not-on-roster' }],
    ['neither id nor name', { id: '', name: '', unit: '' }, [C1], false, { ok: false, code: 'missing-cadre' }],
    ['a name without a roster: its own key', { id: '', name: '张明', unit: '县财政局' }, [C1], false, { ok: true, key: '张明/县财政局' }],
    ['a roster name shared by two', { id: '', name: '张明', unit: '' }, [C1, C2], true, { ok: false, code: 'ambiguous-name' }],
    ['a roster name told apart by unit', { id: '', name: '张明', unit: '县教育局' }, [C1, C2], true, { ok: true, key: 'C2' }],
    ['a roster name by 单位及职务', { id: '', name: '张明', unit: '', unitPost: '县财政局局长' }, [C1, C2], true, { ok: true, key: 'C1' }],
    ['a name not on the roster', { id: '', name: '赵六', unit: '' }, [C1, C3], true, { ok: false, code: 'not-on-roster' }],
    ['a template example by name', { id: 'C1', name: '张三（示例）', unit: '' }, [C1], true, { ok: false, code: 'template-example', params: { example: '张三（示例）' } }],
    ['a template example by id, no roster', { id: 'P001（示例）', name: '', unit: '' }, [], false, { ok: false, code: 'template-example' }],
    ['an id that lost its leading zeros', { id: '1', name: '', unit: '' }, [Z1], true, { ok: false, code: 'not-on-roster-zeros', params: { id: '1', near: '001' } }],
    ['a numeric name that lost its zeros', { id: '', name: '1', unit: '' }, [Z1], true, { ok: false, code: 'not-on-roster-zeros', params: { id: '1', near: '001' } }],
    ['an unknown id with no twin', { id: '7', name: '', unit: '' }, [Z1], true, { ok: false, code: 'not-on-roster', params: { id: '7' } }],
  ] as const)('%s', (_what, ref, cadres, roster, want) => {
    expect(resolveCadre({ ...ref }, lookup([...cadres], roster))).toMatchObject(want)
  })

  it('a roster of names: a vote file’s unknown id is set aside for its name', () => {
    expect(resolveCadre({ id: 'X7', name: '王华', unit: '' }, lookup([C3], true, true))).toMatchObject({ ok: true, key: 'C3' })
    expect(resolveCadre({ id: 'X7', name: '', unit: '' }, lookup([C3], true, true))).toMatchObject({ ok: false, code: 'not-on-roster' })
  })

  it('nameKey: name, and unit or 单位及职务 where given', () => {
    expect(nameKey({ id: '', name: '张明', unit: '' })).toBe('张明')
    expect(nameKey({ id: '', name: '张明', unit: '县局' })).toBe('张明/县局')
    expect(nameKey({ id: '', name: '张明', unit: '', unitPost: '县局局长' })).toBe('张明/县局局长')
  })
})
