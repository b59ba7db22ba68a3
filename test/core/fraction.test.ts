import { describe, expect, it } from 'vitest'
import { compareShare, formatPercent, parseFraction, shareMargin } from '../../src/core/fraction.js'

const TWO_THIRDS = parseFraction('2/3')!
const ONE_THIRD = parseFraction('1/3')!

describe('parseFraction', () => {
  it.each([
    ['2/3', 2n, 3n],
    [' 1 / 3 ', 1n, 3n],
    ['0/5', 0n, 5n],
  ])('%s', (text, p, q) => expect(parseFraction(text)).toEqual({ p, q }))
  it.each(['2/0', '0.66', '2/3/4', '-1/3', '', 'a/b', '1e3/2'])('rejects %s', (t) => expect(parseFraction(t)).toBeUndefined())
})

describe('compareShare is exact', () => {
  it.each([
    // (num, den): below 2/3?
    [19n, 30n, true],
    [20n, 30n, false], // exactly 2/3 does not trigger
    [21n, 30n, false],
    [39n, 60n, true],
    [40n, 60n, false],
    [41n, 60n, false],
    [666_666_666_666n, 1_000_000_000_000n, true],
    [666_666_666_667n, 1_000_000_000_000n, false],
  ])('%i/%i below 2/3 → %s', (n, d, want) => expect(compareShare(n, d, TWO_THIRDS, 'below')).toBe(want))

  it.each([
    [9n, 30n, false],
    [10n, 30n, false], // exactly 1/3 does not trigger
    [11n, 30n, true],
    [20n, 60n, false],
    [21n, 60n, true],
  ])('%i/%i above 1/3 → %s', (n, d, want) => expect(compareShare(n, d, ONE_THIRD, 'above')).toBe(want))

  it('inclusive comparisons include the boundary', () => {
    expect(compareShare(20n, 30n, TWO_THIRDS, 'atOrBelow')).toBe(true)
    expect(compareShare(21n, 30n, TWO_THIRDS, 'atOrBelow')).toBe(false)
    expect(compareShare(10n, 30n, ONE_THIRD, 'atOrAbove')).toBe(true)
    expect(compareShare(9n, 30n, ONE_THIRD, 'atOrAbove')).toBe(false)
  })
})

describe('shareMargin: votes to move to flip the outcome', () => {
  it.each([
    // below 2/3 of 30: fires while num <= 19
    [18n, 30n, 2n], // fired: 2 more clear it
    [19n, 30n, 1n],
    [20n, 30n, 1n], // not fired: 1 fewer triggers
    [21n, 30n, 2n],
    [30n, 30n, 11n],
    [0n, 30n, 20n],
    [0n, 1n, 1n],
  ])('below 2/3: %i/%i → %i', (n, d, m) => expect(shareMargin(n, d, TWO_THIRDS, 'below')).toBe(m))

  it.each([
    // above 1/3 of 30: fires while num >= 11
    [9n, 30n, 2n],
    [10n, 30n, 1n],
    [11n, 30n, 1n],
    [12n, 30n, 2n],
    [30n, 30n, 20n],
    [0n, 30n, 11n],
  ])('above 1/3: %i/%i → %i', (n, d, m) => expect(shareMargin(n, d, ONE_THIRD, 'above')).toBe(m))

  it('agrees with brute force over small electorates and every comparison', () => {
    for (const f of [TWO_THIRDS, ONE_THIRD, parseFraction('1/2')!, parseFraction('3/4')!, parseFraction('0/1')!, parseFraction('1/1')!]) {
      for (const cmp of ['below', 'atOrBelow', 'above', 'atOrAbove'] as const) {
        for (let d = 1n; d <= 40n; d++) {
          for (let n = 0n; n <= d; n++) {
            const fired = compareShare(n, d, f, cmp)
            let best: bigint | null = null
            for (let k = 0n; k <= d; k++) {
              const flips = [n + k, n - k].some((x) => x >= 0n && x <= d && compareShare(x, d, f, cmp) !== fired)
              if (flips) {
                best = k
                break
              }
            }
            expect(shareMargin(n, d, f, cmp), `${n}/${d} ${cmp} ${f.p}/${f.q}`).toBe(best)
          }
        }
      }
    }
  })
})

describe('formatPercent rounds once, at the end', () => {
  it.each([
    [2n, 3n, '66.67'],
    [1n, 3n, '33.33'],
    [39n, 60n, '65.00'],
    [1n, 8n, '12.50'],
    [1n, 200n, '0.50'],
    [1n, 1n, '100.00'],
    [0n, 7n, '0.00'],
  ])('%i/%i → %s', (n, d, s) => expect(formatPercent(n, d)).toBe(s))
  it('has no value for a zero denominator', () => expect(formatPercent(0n, 0n)).toBe('—'))
})
