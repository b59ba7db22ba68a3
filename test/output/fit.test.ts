import fc from 'fast-check'
import stringWidth from 'string-width'
import { describe, expect, it } from 'vitest'
import { fitCell, fitLine, planFit, tableWidth } from '../../src/output/fit.js'
import { cut, shorten, wrapText } from '../../src/output/wrap.js'

const widthOf = (plan: ReturnType<typeof planFit>): number => tableWidth(plan.keep.map((i) => plan.widths.get(i)!))

describe('planFit', () => {
  // Five columns of text 10, 20, 30, 8, 12 wide (with padding 12, 22, 32, 10, 14): 90 + 6 borders = 96.
  const cols = [{ width: 12 }, { width: 22 }, { width: 32, short: 12 }, { width: 10 }, { width: 14 }]
  const steps = [{ short: [2] }, { drop: [3] }, { drop: [1] }, { cut: [4, 2], floor: 4 }]
  it('keeps everything when it fits', () => {
    const p = planFit(cols, 96, steps)
    expect([p.keep, [...p.short], p.fits]).toEqual([[0, 1, 2, 3, 4], [], true])
  })
  it('takes the steps in order, stopping as soon as it fits', () => {
    expect([...planFit(cols, 95, steps).short]).toEqual([2]) // 96 - 20 = 76
    expect(planFit(cols, 70, steps).keep).toEqual([0, 1, 2, 4]) // 76 - 11 = 65
    expect(planFit(cols, 50, steps).keep).toEqual([0, 2, 4]) // 65 - 21 = 44
  })
  it('brings back what was left out when there is room, and a short form in full', () => {
    // Dropping column 1 (21) makes room for column 3 (11) again: 76 − 21 − 11 + 11 = 55 ≤ 56.
    const p = planFit(cols, 56, [{ short: [2] }, { drop: [3] }, { drop: [1] }])
    expect(p.keep).toEqual([0, 2, 3, 4])
    // With room for column 2 in full once column 1 is gone.
    const q = planFit(cols, 75, [{ short: [2] }, { drop: [1] }])
    expect([q.keep, [...q.short], widthOf(q)]).toEqual([[0, 2, 3, 4], [], 73])
  })
  it('cuts the widest first, then leaves columns out from the right', () => {
    const p = planFit(cols, 40, steps)
    expect(p.keep).toEqual([0, 2, 4])
    expect(widthOf(p)).toBeLessThanOrEqual(40)
    expect(planFit(cols, 16, steps)).toMatchObject({ keep: [0], fits: true })
    expect(planFit(cols, 4, steps).fits).toBe(false)
  })
  it('is never wider than the limit, whatever the columns (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ width: fc.integer({ min: 3, max: 80 }), short: fc.option(fc.integer({ min: 3, max: 20 }), { nil: undefined }) }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 5, max: 300 }), (cs, max) => {
        const fixed = cs.map((c) => ({ width: c.width, short: c.short === undefined ? undefined : Math.min(c.short, c.width) }))
        const n = fixed.length
        const p = planFit(fixed, max, [{ short: [...Array(n).keys()] }, { drop: n > 1 ? [n - 1] : [] }, { cut: [...Array(n).keys()], floor: 4 }])
        expect(p.fits).toBe(true)
        expect(widthOf(p)).toBeLessThanOrEqual(max)
        expect(p.keep[0]).toBe(0)
      }),
    )
  })
})

describe('wrapping and cutting text', () => {
  const text = '第9项：优秀和称职得票率 65.00%（39/60，分母为有效票）< 2/3，达不到三分之二；在听取其分管领导、组织（人事）部门等方面意见的基础上认定'
  it.each([10, 20, 33, 80])('wraps Chinese and English within %i columns, losing nothing', (w) => {
    for (const t of [text, 'Item 9: excellent + competent share 65.00% (39/60, of valid ballots) < 2/3, short of two thirds', 'a|very|long|list|of|codes|admonishment|organizational-handling']) {
      const lines = wrapText(t, w)
      for (const l of lines) expect(stringWidth(l), l).toBeLessThanOrEqual(w)
      expect(lines.join('').replace(/\s/g, '')).toBe(t.replace(/\s/g, ''))
    }
  })
  it('never starts a line with closing punctuation', () => {
    for (const w of [9, 11, 13, 15]) for (const l of wrapText(text, w).slice(1)) expect(l).not.toMatch(/^[，。；：）、]/)
  })
  it('continues a bullet under its text', () => {
    const lines = fitLine(`  · ${text}`, 30)
    expect(lines[0]!.startsWith('  · 第9项')).toBe(true)
    for (const l of lines.slice(1)) expect(l.startsWith('    ')).toBe(true)
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(30)
    expect(fitLine('short', Infinity)).toEqual(['short'])
  })
  it('cuts with …, never splitting a wide character', () => {
    expect(shorten('免职、责令辞职或降职', 7)).toBe('免职、…')
    expect(stringWidth(shorten('免职、责令辞职或降职', 7))).toBeLessThanOrEqual(7)
    expect(shorten('abc', 3)).toBe('abc')
    expect(cut('ab中文', 3)).toEqual(['ab', '中文'])
    expect(fitCell('\u001b[31m57/59 96.61%\u001b[39m', 6, stringWidth)).toBe('57/59…')
  })
})
