import { describe, expect, it } from 'vitest'
import { GroupCounts, PairHash, PairIndex } from '../../src/input/pair-index.js'

/** A seeded PRNG (no Math.random in tests that must replay). */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) >>> 0
  let t = Math.imul(seed ^ (seed >>> 15), seed | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

/** Reads and writes in a given order, each checked against a Map; then every pair, and forEach. */
const agrees = <T extends PairHash | PairIndex>(index: T, ops: Array<[number, number]>, rand: () => number): T => {
  const ref = new Map<string, number>()
  let misses = 0
  for (const [cadre, ballot] of ops) {
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
  const seen = new Map<string, number>()
  let twice = 0
  index.forEach((c, b, state) => {
    if (seen.has(`${c}/${b}`)) twice++
    seen.set(`${c}/${b}`, state)
  })
  expect(twice).toBe(0)
  expect([...seen].filter(([k, v]) => ref.get(k) !== v)).toEqual([])
  expect(seen.size).toBe(ref.size)
  return index
}

describe('PairHash', () => {
  it('agrees with a Map over 300,000 random reads and writes, through every growth', () => {
    const rand = prng(7)
    // Few cadres, many ballots, and the reverse: keys that differ in one part only.
    const ops = Array.from({ length: 300_000 }, (_, i): [number, number] => [
      Math.floor(rand() * (i % 2 ? 50 : 40_000)),
      Math.floor(rand() * (i % 2 ? 40_000 : 50)),
    ])
    agrees(new PairHash(16), ops, rand)
  })
  it('takes 8 bytes a slot and stays at most 3/4 full: a few bytes a mark', () => {
    const index = new PairHash(16)
    for (let i = 0; i < 100_000; i++) index.set(i % 1000, Math.floor(i / 1000), 1)
    expect(index.bytes / index.size).toBeLessThanOrEqual(8 / 0.375)
    expect(index.bytes / index.size).toBeGreaterThanOrEqual(8 / 0.75)
  })
})

describe('PairIndex', () => {
  it('agrees with a Map when rows come by ballot, with ballots that come back and twins far apart', () => {
    const rand = prng(3)
    const ops: Array<[number, number]> = []
    for (let b = 0; b < 3000; b++) {
      // A block of one ballot: 1–60 cadres, some repeated inside the block.
      const n = 1 + Math.floor(rand() * 60)
      const first = Math.floor(rand() * 5000)
      for (let k = 0; k < n; k++) ops.push([rand() < 0.05 ? first : first + k, b])
      // Now and then an earlier ballot again, with cadres it had and cadres it had not.
      if (rand() < 0.2) {
        const old = Math.floor(rand() * (b + 1))
        for (let k = 0; k < 5; k++) ops.push([Math.floor(rand() * 5000), old])
      }
    }
    const index = agrees(new PairIndex(16), ops, rand)
    expect(index.spilledPairs).toBeGreaterThan(0)
  })
  it('agrees with a Map when rows come in any order (by cadre, or at random)', () => {
    const rand = prng(5)
    const byCadre: Array<[number, number]> = []
    for (let c = 0; c < 300; c++) for (let b = 0; b < 200; b++) if (rand() < 0.7) byCadre.push([c, b])
    agrees(new PairIndex(16), byCadre, rand)
    const random: Array<[number, number]> = []
    for (let i = 0; i < 100_000; i++) random.push([Math.floor(rand() * (i % 2 ? 50 : 20_000)), Math.floor(rand() * (i % 2 ? 20_000 : 50))])
    agrees(new PairIndex(16), random, rand)
  })
  it('one big block: a ballot that grades 100,000 cadres (the window grows)', () => {
    const rand = prng(9)
    const ops: Array<[number, number]> = []
    for (let c = 0; c < 100_000; c++) ops.push([c, 0])
    for (let c = 0; c < 1000; c++) ops.push([c * 97, 0])
    ops.push([5, 1], [100_001, 0])
    agrees(new PairIndex(16), ops, rand)
  })
  it('takes about 4 bytes a mark when rows come by ballot', () => {
    const index = new PairIndex(16)
    for (let b = 0; b < 50_000; b++) for (let k = 0; k < 20; k++) index.set((b * 7 + k) % 100_000, b, 1)
    expect(index.size).toBe(1_000_000)
    expect(index.spilledPairs).toBe(0)
    expect(index.bytes / index.size).toBeLessThanOrEqual(6)
  })
})

describe('PairHash and PairIndex', () => {
  it('are exact: pairs that share a cadre or a ballot never answer for each other', () => {
    for (const index of [new PairHash(16), new PairIndex(16)]) {
      for (let b = 0; b < 5000; b++) index.set(7, b, 1)
      for (let c = 0; c < 5000; c++) index.set(c, 7, 2)
      expect([index.get(7, 7), index.get(7, 8), index.get(8, 7), index.get(8, 8), index.get(7, 5000)]).toEqual([2, 1, 2, 0, 0])
    }
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
      for (const g of counts.groupsOf(cadre)) got.push(`${cadre}/${g.group}:${Array.from(g.counts).join(',')}`)
      for (const [g, row] of ref.get(cadre) ?? []) want.push(`${cadre}/${g}:${row.join(',')}`)
    }
    expect(got.sort()).toEqual(want.sort())
  })
  it('counts past 16 bits and below zero exactly (the counts widen to 32 bits)', () => {
    const counts = new GroupCounts()
    for (let i = 0; i < 70_000; i++) counts.add(3, 1, 2, 1)
    counts.add(4, 0, 5, 2)
    expect(counts.groupsOf(3).map((g) => [g.group, Array.from(g.counts)])).toEqual([[1, [0, 0, 70_000, 0, 0, 0]]])
    expect(counts.groupsOf(4).map((g) => [g.group, Array.from(g.counts)])).toEqual([[0, [0, 0, 0, 0, 0, 2]]])
    const below = new GroupCounts()
    below.add(0, 0, 0, 1)
    below.add(0, 0, 1, -1)
    below.reserve(5000, 3)
    expect(below.groupsOf(0).map((g) => Array.from(g.counts))).toEqual([[1, -1, 0, 0, 0, 0]])
  })
})
