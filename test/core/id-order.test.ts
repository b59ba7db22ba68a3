import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareIds, idOrder } from '../../src/core/order.js'

/** idOrder (its fast paths: one shape; one text and a number) against a sort by compareIds. */
describe('the id order', () => {
  const byCompare = (ids: string[]) => [...ids].sort(compareIds)
  const ordered = (ids: string[]) => Array.from(idOrder(ids), (i) => ids[i]!)

  const digits = fc.array(fc.constantFrom('0', '1', '2', '5', '9'), { minLength: 1, maxLength: 18 }).map((d) => d.join(''))
  const prefixed = (prefix: string) => digits.map((d) => prefix + d)
  const mixed = fc.oneof(prefixed('C'), prefixed(''), prefixed('XJ'), fc.constantFrom('C', 'C1a', 'D1', 'c1', '', '1C', 'C１', 'C-1'), fc.string({ maxLength: 5 }))

  it('agrees with compareIds on one text and numbers of any length', () => {
    for (const prefix of ['C', '', 'XJ-', '干部']) {
      fc.assert(
        fc.property(fc.array(prefixed(prefix), { maxLength: 60 }), (ids) => {
          expect(ordered(ids)).toEqual(byCompare(ids))
        }),
        { numRuns: 500 },
      )
    }
  })

  it('agrees with compareIds on any ids', () => {
    fc.assert(
      fc.property(fc.array(mixed, { maxLength: 40 }), (ids) => {
        expect(ordered(ids)).toEqual(byCompare(ids))
      }),
      { numRuns: 2000 },
    )
  })

  it('ids in order already keep their places (0, 1, 2, …, ties too); one pair out of order is sorted', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(prefixed('C'), { maxLength: 40 }), fc.array(mixed, { maxLength: 40 })), fc.nat(), (raw, k) => {
        const ids = byCompare(raw)
        expect(Array.from(idOrder(ids))).toEqual(ids.map((_, i) => i))
        if (ids.length < 2) return
        const swapped = [...ids]
        const i = k % (ids.length - 1)
        ;[swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!]
        expect(ordered(swapped)).toEqual(ids)
      }),
      { numRuns: 2000 },
    )
  })

  it.each([
    [['C10', 'C9', 'C010', 'C0009', 'C1000000', 'C999999'], ['C9', 'C0009', 'C10', 'C010', 'C999999', 'C1000000']],
    [['10', '9', '0', '00'], ['0', '00', '9', '10']],
    [['C1234567890123456', 'C999'], ['C999', 'C1234567890123456']],
    [['C10000000000000001', 'C10000000000000000', 'C1'], ['C1', 'C10000000000000000', 'C10000000000000001']],
    [['9007199254740993', '9007199254740992', '7'], ['7', '9007199254740992', '9007199254740993']],
  ])('%j', (ids, want) => {
    expect(ordered(ids)).toEqual(want)
  })
})
