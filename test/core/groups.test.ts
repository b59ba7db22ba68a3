import { describe, expect, it } from 'vitest'
import { visibleGroups } from '../../src/core/groups.js'
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
