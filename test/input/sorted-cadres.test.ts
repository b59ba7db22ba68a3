import { describe, expect, it } from 'vitest'
import { Collector } from '../../src/input/collector.js'

const ids = (c: Collector): string[] => [...c.sortedCadreInputs()].map((x) => x.id)
const add = (c: Collector, id: string): void => void c.ensure({ id, name: `名${id}`, unit: '县财政局' }, id)

describe('Collector.sortedCadreInputs: the id order, sorted once per set of cadres', () => {
  it('every pass gives the cadres in id order (digit runs by value), the same each time', () => {
    const c = new Collector()
    for (const id of ['C10', 'C2', 'B7', 'C1']) add(c, id)
    expect(ids(c)).toEqual(['B7', 'C1', 'C2', 'C10'])
    expect(ids(c)).toEqual(['B7', 'C1', 'C2', 'C10'])
    expect([...c.sortedCadreInputs()].map((x) => x.name)).toEqual(['名B7', '名C1', '名C2', '名C10'])
  })
  it('a cadre made after a pass is in the next pass, in its place', () => {
    const c = new Collector()
    for (const id of ['C10', 'C2']) add(c, id)
    expect(ids(c)).toEqual(['C2', 'C10'])
    add(c, 'C3')
    add(c, 'A1')
    expect(ids(c)).toEqual(['A1', 'C2', 'C3', 'C10'])
  })
})
