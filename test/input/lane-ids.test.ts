import { describe, expect, it } from 'vitest'
import { ARENA_PAGE, LaneIds } from '../../src/input/lane-ids.js'
import { hashBytes } from '../../src/input/scan.js'

const enc = new TextEncoder()
const idOf = (i: number): Uint8Array => enc.encode(`id-${i}-${'x'.repeat(i % 37)}`)

describe('LaneIds', () => {
  it('finds every id and name again across pages of numbers and bytes and slot doublings', () => {
    const t = new LaneIds()
    const n = 20_000 // > 4096 cadres per page, > 64 KiB of bytes, slots doubled many times
    let bytes = 0
    for (let i = 0; i < n; i++) {
      const b = idOf(i)
      bytes += b.length
      const h = hashBytes(b, 0, b.length)
      expect(t.find(b, 0, b.length, h)).toBe(-1)
      expect(t.add(i, b, 0, b.length, h)).toBe(true)
      t.learnName(i, i % 5 === 0 ? null : enc.encode(`name ${i}`), i % 3 !== 0, i % 7 === 0)
      if (i > 0) t.setNext(i - 1, i)
    }
    expect(bytes).toBeGreaterThan(4 * ARENA_PAGE)
    expect(t.size).toBe(n)
    for (let i = 0; i < n; i++) {
      const b = idOf(i)
      expect(t.find(b, 0, b.length, hashBytes(b, 0, b.length))).toBe(i)
      expect(t.idIs(i, b, 0, b.length)).toBe(true)
      expect(t.known(i)).toBe(true)
      const name = enc.encode(`name ${i}`)
      expect(t.nameIs(i, name, 0, name.length)).toBe(i % 5 !== 0)
      expect(t.named(i)).toBe(i % 3 !== 0)
      expect(t.example(i)).toBe(i % 7 === 0)
      expect(t.next(i)).toBe(i < n - 1 ? i + 1 : -1)
    }
    expect(t.known(n)).toBe(false)
  })

  it('tells apart ids whose hashes collide, and ids inside a bigger buffer', () => {
    const t = new LaneIds()
    const a = enc.encode('alpha')
    const b = enc.encode('bravo')
    // The same hash forced for both: only the bytes decide.
    expect(t.add(0, a, 0, a.length, 42)).toBe(true)
    expect(t.add(1, b, 0, b.length, 42)).toBe(true)
    expect(t.find(a, 0, a.length, 42)).toBe(0)
    expect(t.find(b, 0, b.length, 42)).toBe(1)
    expect(t.find(enc.encode('alphz'), 0, 5, 42)).toBe(-1)
    const row = enc.encode('x,bravo,y')
    expect(t.find(row, 2, 7, 42)).toBe(1)
    expect(t.find(row, 2, 6, 42)).toBe(-1)
  })

  it('refuses a second spelling of a held cadre and an id longer than a page', () => {
    const t = new LaneIds()
    const a = enc.encode('A1')
    expect(t.add(3, a, 0, 2, hashBytes(a, 0, 2))).toBe(true)
    const a2 = enc.encode('a1')
    expect(t.add(3, a2, 0, 2, hashBytes(a2, 0, 2))).toBe(false)
    expect(t.find(a2, 0, 2, hashBytes(a2, 0, 2))).toBe(-1)
    const long = new Uint8Array(ARENA_PAGE + 1).fill(65)
    expect(t.add(4, long, 0, long.length, hashBytes(long, 0, long.length))).toBe(false)
    expect(t.known(4)).toBe(false)
    expect(t.add(-1, a2, 0, 2, 1)).toBe(false)
  })

  it('holds nothing once dropped', () => {
    const t = new LaneIds()
    const a = enc.encode('A1')
    const h = hashBytes(a, 0, 2)
    t.add(0, a, 0, 2, h)
    t.drop()
    expect(t.size).toBe(0)
    expect(t.known(0)).toBe(false)
    expect(t.find(a, 0, 2, h)).toBe(-1)
  })
})
