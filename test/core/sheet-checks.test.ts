import { describe, expect, it } from 'vitest'
import type { Mark } from '../../src/core/marks.js'
import { displayedShare, expectedShareText, parseShare, shareAgrees } from '../../src/core/sheet-checks.js'
import { emptyTally } from '../../src/core/tally.js'

const counts = (p: Partial<Record<Mark, number>>): Record<Mark, number> => ({ ...emptyTally(), ...p })

/** Does the cell agree with `num` of `den` (one grade, one base)? */
const agrees = (text: string, num: number, den: number, percentHeader = false): boolean =>
  shareAgrees(parseShare(text)!, percentHeader, counts({ excellent: num }), [['excellent']], [den])

describe('parseShare', () => {
  it.each([
    ['66.67%', { digits: 6667n, decimals: 2, percent: true }],
    ['66.7％', { digits: 667n, decimals: 1, percent: true }],
    ['0.6667', { digits: 6667n, decimals: 4, percent: null }],
    [' 67 ', { digits: 67n, decimals: 0, percent: null }],
    ['.5', { digits: 5n, decimals: 1, percent: null }],
    ['100%', { digits: 100n, decimals: 0, percent: true }],
  ])('%s', (text, v) => expect(parseShare(text)).toEqual(v))
  it.each(['', '—', '/', '-', 'abc', '66.7%（20票）', '%', '.'])('%j holds no number: nothing to check', (text) => expect(parseShare(text)).toBeNull())
})

describe('a share cell against its counts, at the cell’s own rounding (exact, no float)', () => {
  // 20 of 30 = 66.666…%: 66.67% rounded half up, 66.66% cut off; 66.68% is neither.
  it.each([
    ['66.66%', true],
    ['66.67%', true],
    ['66.68%', false],
    ['66.65%', false],
    ['66.7%', true],
    ['66.8%', false],
    ['67%', true],
    ['66%', true],
    ['65%', false],
    ['0.6667', true],
    ['0.6668', false],
    ['66.7', true],
    ['0.67', true],
  ])('20/30 as %s: %s', (text, ok) => expect(agrees(text, 20, 30)).toBe(ok))
  it('one vote more or less moves a share off its cell', () => {
    expect(agrees('50.00%', 15, 30)).toBe(true)
    expect(agrees('50.00%', 14, 30)).toBe(false)
    expect(agrees('50.00%', 16, 30)).toBe(false)
  })
  it('a value stored at full precision (an XLSX formula) agrees within 10⁻⁹', () => {
    expect(agrees('0.6666666666666666', 20, 30)).toBe(true)
    expect(agrees('0.66666666666666663', 20, 30)).toBe(true)
    expect(agrees('0.6666666766666666', 20, 30)).toBe(false)
  })
  it('without a % sign, a value up to 1 may be either a fraction or a percentage; a header with % says which', () => {
    // 1 of 100 = 1%: "1" read as a percentage agrees; under a % header only that reading counts.
    expect(agrees('1', 1, 100)).toBe(true)
    expect(agrees('1', 100, 100)).toBe(true)
    expect(agrees('1', 100, 100, true)).toBe(false)
  })
  it('is right for any base the sheet may mean (valid votes, returned ballots, 实到, 应到)', () => {
    const v = parseShare('50%')!
    expect(shareAgrees(v, false, counts({ excellent: 15 }), [['excellent']], [28, 30])).toBe(true)
    expect(shareAgrees(v, false, counts({ excellent: 15 }), [['excellent']], [28, 29])).toBe(false)
  })
  it('a share of several grades (称职及以上率), or of alternatives (满意率)', () => {
    const v = parseShare('93.33%')!
    expect(shareAgrees(v, false, counts({ excellent: 20, competent: 8 }), [['excellent', 'competent']], [30])).toBe(true)
    expect(shareAgrees(v, false, counts({ excellent: 20, competent: 8 }), [['excellent'], ['excellent', 'competent']], [30])).toBe(true)
    expect(shareAgrees(v, false, counts({ excellent: 20, competent: 7 }), [['excellent', 'competent']], [30])).toBe(false)
  })
  it('bases of zero are left out: nothing to check against', () => {
    expect(agrees('12%', 0, 0)).toBe(true)
  })
})

describe('expectedShareText', () => {
  it.each([
    [20, 30, 2, true, '66.67%'],
    [10, 30, 1, true, '33.3%'],
    [1, 3, 4, false, '0.3333'],
    [0, 30, 0, true, '0%'],
    [1, 0, 2, true, '—'],
  ])('%i/%i at %i decimals', (num, den, d, pct, text) => expect(expectedShareText(num, den, d, pct)).toBe(text))
})

describe('displayedShare: an XLSX number as its number format shows it', () => {
  it.each([
    ['0.16666666666666666', { decimals: 2, percent: true }, { digits: 1667n, decimals: 2, percent: true }],
    ['1.6666666666666666E-2', { decimals: 1, percent: true }, { digits: 17n, decimals: 1, percent: true }],
    ['0.2', { decimals: 4, percent: false }, { digits: 2000n, decimals: 4, percent: false }],
    ['0.66665', { decimals: 4, percent: false }, { digits: 6667n, decimals: 4, percent: false }],
    ['66.67', { decimals: 0, percent: false }, { digits: 67n, decimals: 0, percent: false }],
  ])('%s', (stored, format, v) => expect(displayedShare(stored, format)).toEqual(v))
  it('a value typed short (0.2) in a 0.0000 cell shows 0.2000: 5/30 (0.1667) does not agree', () => {
    expect(shareAgrees(displayedShare('0.2', { decimals: 4, percent: false })!, false, counts({ excellent: 5 }), [['excellent']], [30])).toBe(false)
    expect(shareAgrees(parseShare('0.2')!, false, counts({ excellent: 5 }), [['excellent']], [30])).toBe(true)
  })
})
