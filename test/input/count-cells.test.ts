import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_COUNT, parseCount, parseCountFully } from '../../src/input/tokens.js'

/**
 * parseCount reads a cell of plain ASCII digits by its character codes and hands any other
 * cell to parseCountFully: the two must agree on every cell.
 */
describe('count cells', () => {
  const piece = fc.constantFrom('0', '1', '7', '9', '00', '+', '-', ' ', '\u3000', '\u00a0', '\t', '０', '９', '.', '5', 'a', '票', '¹', '٣', 'e')
  const cell = fc.oneof(fc.array(piece, { maxLength: 12 }).map((p) => p.join('')), fc.string({ maxLength: 12 }), fc.nat().map(String), fc.bigInt({ min: 0n, max: 10n ** 11n }).map(String))

  it('agrees with the full parse on any cell', () => {
    fc.assert(
      fc.property(cell, (c) => {
        expect(parseCount(c)).toEqual(parseCountFully(c))
      }),
      { numRuns: 3000 },
    )
  })

  it.each([
    ['', { ok: true, value: 0 }],
    ['0', { ok: true, value: 0 }],
    ['007', { ok: true, value: 7 }],
    ['1023', { ok: true, value: 1023 }],
    ['1024', { ok: true, value: 1024 }],
    ['999999999', { ok: true, value: 999_999_999 }],
    [String(MAX_COUNT), { ok: true, value: MAX_COUNT }],
    [String(MAX_COUNT + 1), { ok: false, code: 'count-too-large' }],
    ['0000000001', { ok: true, value: 1 }],
    ['１２', { ok: true, value: 12 }],
    [' 12 ', { ok: true, value: 12 }],
    ['+3', { ok: true, value: 3 }],
    ['-3', { ok: false, code: 'negative-count' }],
    ['3.0', { ok: false, code: 'not-integer' }],
    ['12票', { ok: false, code: 'not-integer' }],
  ])('%j', (c, want) => {
    expect(parseCount(c)).toEqual(want)
    expect(parseCountFully(c)).toEqual(want)
  })
})
