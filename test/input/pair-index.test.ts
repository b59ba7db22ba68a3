import { describe, expect, it } from 'vitest'
import { GroupCounts, PairIndex, StringIds } from '../../src/input/pair-index.js'

/** A seeded PRNG (no Math.random in tests that must replay). */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) >>> 0
  let t = Math.imul(seed ^ (seed >>> 15), seed | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

describe('PairIndex', () => {
  it('agrees with a Map over 300,000 random reads and writes, through every growth', () => {
    const rand = prng(7)
    const index = new PairIndex(16)
    const ref = new Map<string, number>()
    let misses = 0
    for (let i = 0; i < 300_000; i++) {
      // Few cadres, many ballots, and the reverse: keys that differ in one part only.
      const cadre = Math.floor(rand() * (i % 2 ? 50 : 40_000))
      const ballot = Math.floor(rand() * (i % 2 ? 40_000 : 50))
      const k = `${cadre}/${ballot}`
      if (index.get(cadre, ballot) !== (ref.get(k) ?? 0)) misses++
      const state = 1 + Math.floor(rand() * 63)
      index.set(cadre, ballot, state)
      ref.set(k, state)
    }
    expect(misses).toBe(0)
    expect(index.size).toBe(ref.size)
    const wrong = [...ref].filter(([k, v]) => {
      const [c, b] = k.split('/').map(Number)
      return index.get(c!, b!) !== v
    })
    expect(wrong).toEqual([])
  })
  it('is exact: pairs that share a cadre or a ballot never answer for each other', () => {
    const index = new PairIndex(16)
    for (let b = 0; b < 5000; b++) index.set(7, b, 1)
    for (let c = 0; c < 5000; c++) index.set(c, 7, 2)
    expect(index.get(7, 7)).toBe(2)
    expect(index.get(7, 8)).toBe(1)
    expect(index.get(8, 7)).toBe(2)
    expect(index.get(8, 8)).toBe(0)
    expect(index.get(7, 5000)).toBe(0)
  })
  it('takes 8 bytes a slot and stays at most 3/4 full: a few bytes a mark', () => {
    const index = new PairIndex(16)
    for (let i = 0; i < 100_000; i++) index.set(i % 1000, Math.floor(i / 1000), 1)
    expect(index.bytes / index.size).toBeLessThanOrEqual(8 / 0.375)
    expect(index.bytes / index.size).toBeGreaterThanOrEqual(8 / 0.75)
  })
})

describe('GroupCounts', () => {
  it('agrees with a Map of tallies, with few groups (dense) and many (sparse), added in any order', () => {
    const rand = prng(11)
    const counts = new GroupCounts()
    const ref = new Map<number, Map<number, number[]>>()
    for (let i = 0; i < 50_000; i++) {
      const cadre = Math.floor(rand() * 3000)
      // Mostly the first handful of groups; now and then one of forty.
      const group = rand() < 0.9 ? Math.floor(rand() * 5) : Math.floor(rand() * 40)
      const mark = Math.floor(rand() * 6)
      const n = rand() < 0.1 ? -1 : 1
      counts.add(cadre, group, mark, n)
      const groups = ref.get(cadre) ?? new Map<number, number[]>()
      const row = groups.get(group) ?? [0, 0, 0, 0, 0, 0]
      row[mark]! += n
      groups.set(group, row)
      ref.set(cadre, groups)
    }
    const got: string[] = []
    const want: string[] = []
    for (let cadre = 0; cadre < 3000; cadre++) {
      for (const g of counts.groupsOf(cadre)) got.push(`${cadre}/${g.group}:${[...g.counts].join(',')}`)
      for (const [g, row] of ref.get(cadre) ?? []) want.push(`${cadre}/${g}:${row.join(',')}`)
    }
    expect(got.sort()).toEqual(want.sort())
  })
})

describe('StringIds', () => {
  it('numbers strings in the order first seen, exactly, like a Map', () => {
    const ids = new StringIds()
    const ref = new Map<string, number>()
    const rand = prng(3)
    const words = ['P', '票', 'Ballot-', 'ünï', '𠀀', '']
    for (let i = 0; i < 60_000; i++) {
      const s = `${words[i % words.length]}${Math.floor(rand() * 20_000)}`
      if (!ref.has(s)) {
        expect(ids.id(s, false)).toBe(-1)
        ref.set(s, ref.size)
      }
      expect(ids.id(s, true)).toBe(ref.get(s))
    }
    expect(ids.size).toBe(ref.size)
    // Prefixes and extensions of known ids are other ids.
    expect(ids.id('P1', false)).toBe(ref.get('P1') ?? -1)
    expect(ids.id('P10000000', false)).toBe(-1)
  })
  it('strings with a lone surrogate (no UTF-8 of their own) still get ids of their own', () => {
    const ids = new StringIds()
    const a = ids.id('B\uD800', true)
    const b = ids.id('B\uDBFF', true)
    const c = ids.id('B\uFFFD', true)
    expect(new Set([a, b, c]).size).toBe(3)
    expect([ids.id('B\uD800', false), ids.id('B\uDBFF', false), ids.id('B\uFFFD', false)]).toEqual([a, b, c])
    for (let i = 0; i < 5000; i++) ids.id(`X${i}`, true) // through a few rehashes
    expect([ids.id('B\uD800', false), ids.id('B\uDBFF', false), ids.id('B\uFFFD', false)]).toEqual([a, b, c])
    expect(ids.id('X4999', false)).toBe(5002)
  })
})
