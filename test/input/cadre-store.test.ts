import { describe, expect, it } from 'vitest'
import { MARKS } from '../../src/core/marks.js'
import { emptyTally, type Tally } from '../../src/core/tally.js'
import { type CadreEntry, CadreStore } from '../../src/input/cadre-store.js'

/** A seeded PRNG (no Math.random in tests that must replay). */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) >>> 0
  let t = Math.imul(seed ^ (seed >>> 15), seed | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

/** What an entry held as plain fields (the store before it kept them by index). */
interface Plain {
  source: CadreEntry['source']
  incomplete: boolean
  tally: Tally | null
  participated: number | null
  countFiles: readonly string[]
  rosterEligible: number | null
  headerName: string
}

const fresh = (): Plain => ({ source: null, incomplete: false, tally: null, participated: null, countFiles: [], rosterEligible: null, headerName: '' })

describe('CadreStore: entries keep their numbers by index, as plain fields would', () => {
  it('reads back every write, for many cadres in any order, nulls and counts past 2³² included', () => {
    const rand = prng(13)
    const store = new CadreStore()
    const n = 3000
    const entries = Array.from({ length: n }, (_, i) => store.entry(store.add(`C${i}`, `C${i}`, '', '')))
    const plain = Array.from({ length: n }, fresh)
    const files = ['a.csv', 'b.csv', 'c.xlsx#1']
    const count = (): number => (rand() < 0.02 ? 5_000_000_000 + Math.floor(rand() * 1e6) : Math.floor(rand() * 100))
    for (let step = 0; step < 20_000; step++) {
      const i = Math.floor(rand() * n)
      const e = entries[i]!
      const p = plain[i]!
      const what = Math.floor(rand() * 7)
      if (what === 0) e.source = p.source = (['ballots', 'counts', null] as const)[Math.floor(rand() * 3)]!
      else if (what === 1) e.incomplete = p.incomplete = rand() < 0.5
      else if (what === 2) {
        const t = emptyTally()
        for (const m of MARKS) t[m] = count()
        t.eligible = rand() < 0.3 ? null : count()
        e.tally = rand() < 0.1 ? null : t
        p.tally = e.tally === null ? null : { ...t }
        t.excellent = -1 // the store took a copy
      } else if (what === 3) e.participated = p.participated = rand() < 0.3 ? null : count()
      else if (what === 4) e.countFiles = p.countFiles = [...p.countFiles, files[Math.floor(rand() * files.length)]!]
      else if (what === 5) e.rosterEligible = p.rosterEligible = rand() < 0.3 ? null : count()
      else e.headerName = p.headerName = rand() < 0.5 ? '' : `H${step}`
    }
    const wrong = entries.filter((e, i) => {
      const p = plain[i]!
      // A cadre's ballots are counted elsewhere (MarkCounts): its counts from sheets show when it has none.
      const tally = p.source === 'ballots' ? e.tally : p.tally
      return (
        e.source !== p.source ||
        e.incomplete !== p.incomplete ||
        JSON.stringify(e.tally) !== JSON.stringify(tally) ||
        e.participated !== p.participated ||
        JSON.stringify(e.countFiles) !== JSON.stringify(p.countFiles) ||
        e.rosterEligible !== p.rosterEligible ||
        e.headerName !== p.headerName
      )
    })
    expect(wrong.map((e) => e.key)).toEqual([])
  })

  it('a cadre never written reads as empty, and a list of count files is shared, not copied per cadre', () => {
    const store = new CadreStore()
    for (let i = 0; i < 10_000; i++) store.add(`C${i}`, `C${i}`, '', '')
    const [a, b, never] = [0, 5000, 9999].map((i) => store.entry(i)) as [CadreEntry, CadreEntry, CadreEntry]
    expect([never.source, never.incomplete, never.tally, never.participated, never.countFiles, never.onRoster, never.report]).toEqual([null, false, null, null, [], false, undefined])
    a.countFiles = ['x.csv']
    b.countFiles = ['x.csv']
    expect(a.countFiles).toBe(b.countFiles)
    expect(Object.isFrozen(a.countFiles)).toBe(true)
    // Ballots' counts: a Tally of the cadre's marks, eligible null.
    store.marks.add(5000, 'competent', 2)
    b.source = 'ballots'
    expect(b.tally).toEqual({ ...emptyTally(), competent: 2 })
  })

  it('keeps each cadre\'s strings by index: a key only where it is not the id, posts made with the first one', () => {
    const store = new CadreStore()
    const a = store.add('A1', 'A1', '甲', '某县水利局')
    const b = store.add('乙/某县水利局', '乙/某县水利局', '乙', '某县水利局')
    const c = store.add('001', '1', '', '')
    expect([a, b, c]).toEqual([0, 1, 2])
    expect(store.size).toBe(3)
    expect([0, 1, 2].map((i) => store.key(i))).toEqual(['A1', '乙/某县水利局', '001'])
    expect(store.idList()).toEqual(['A1', '乙/某县水利局', '1'])
    // No post yet: every cadre's is '', and none is kept.
    expect([0, 1, 2].map((i) => store.post(i))).toEqual(['', '', ''])
    const e = store.entry(2)
    e.name = '丙'
    e.unit = '某县财政局'
    e.post = '局长'
    store.add('D', 'D', '丁', '')
    const d = store.entry(3)
    expect([d.post, store.entry(0).post, e.post]).toEqual(['', '', '局长'])
    expect([store.name(2), store.unit(2), store.post(2), e.key, e.id]).toEqual(['丙', '某县财政局', '局长', '001', '1'])
  })

  it('a view is made on asking: two views of one cadre are two objects over one index, and see each other\'s writes', () => {
    const store = new CadreStore()
    const i = store.add('X', 'X', '', '')
    const v = store.entry(i)
    const w = store.entry(i)
    expect(v).not.toBe(w)
    expect(v.index).toBe(w.index)
    v.incomplete = true
    v.principal = true
    w.name = '戊'
    expect([w.incomplete, w.principal, v.name]).toEqual([true, true, '戊'])
    // id and key have no setter: a view cannot change who the cadre is.
    expect(() => {
      ;(v as { id: string }).id = 'Y'
    }).toThrow(TypeError)
  })
})
