import { describe, expect, it } from 'vitest'
import { groupConflicts, groupMark, visibleGroups } from '../../src/core/groups.js'
import { tallyOf } from '../helpers.js'

const g = (group: string, n: number) => ({ group, tally: tallyOf({ competent: n }) })

describe('voter groups are shown only when large enough', () => {
  it.each([
    [[g('县领导', 4), g('本单位', 20), g('服务对象', 30)], ['服务对象'], 2], // hiding 县领导 alone would let it be subtracted
    [[g('县领导', 5), g('本单位', 20)], ['县领导', '本单位'], 0], // exactly the minimum is shown
    [[g('县领导', 3), g('本单位', 2), g('服务对象', 30)], ['服务对象'], 2],
    [[g('县领导', 4)], [], 1],
  ])('%#', (groups, shown, hidden) => {
    const v = visibleGroups(groups, 5)
    expect(v.shown.map((x) => x.group)).toEqual(shown)
    expect(v.hidden).toBe(hidden)
  })
})

describe('one ballot, one voter group', () => {
  it.each([
    [-1, -1, false],
    [-1, 2, false], // the first group a ballot is given
    [2, -1, false], // a row without a group
    [2, 2, false],
    [2, 3, true],
    [0, 1, true],
  ])('first %i, given %i: conflict %s', (first, given, conflict) => {
    expect(groupConflicts(first, given)).toBe(conflict)
  })

  it.each([
    [-1, 0b10, null], // no group: nothing in the breakdown
    [0, 0, null], // no mark
    [0, 0b10, 'competent'],
    [3, 0b11, 'invalid'], // two marks: spoilt
  ] as const)('group %i, marks %i: %s', (group, state, mark) => {
    expect(groupMark(group, state)).toBe(mark)
  })
})
