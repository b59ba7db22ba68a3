import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Collector } from '../../src/input/collector.js'
import { TextIds } from '../../src/input/long-cells.js'

/**
 * TextIds (long-cells.ts) tries the cadre that followed the previous row's before it asks
 * the id table: whatever the order of the rows, it must find what the table finds.
 */
describe('TextIds: the cadre of a row read as text, by id', () => {
  /**
   * Cadres by id (key = id), by name (key `名@单位`) and some whose key is not their id
   * (`k:D1` for id D1): asked for D1, the table finds none, and neither may the guess.
   */
  const collector = (ids: readonly string[], named: readonly string[]): Collector => {
    const c = new Collector()
    for (const id of ids) c.ensure({ id, name: `名${id}`, unit: '县财政局' }, id)
    for (const n of named) c.ensure({ id: '', name: n, unit: '县委办' }, `${n}@县委办`)
    for (const d of ['D1', 'D2']) c.ensure({ id: d, name: `名${d}`, unit: '' }, `k:${d}`)
    return c
  }

  it('finds what the id table finds, in any order, for known ids, other keys and unknown ones', () => {
    const ids = Array.from({ length: 8 }, (_, i) => `C${i}`)
    const named = ['张三', '李四']
    const asked = fc.constantFrom(...ids, ...named.map((n) => `${n}@县委办`), ...named, 'D1', 'D2', 'k:D1', 'k:D2', 'C8', '', 'c1', 'C1 ')
    fc.assert(
      fc.property(fc.array(fc.oneof({ arbitrary: asked, weight: 4 }, { arbitrary: fc.string({ maxLength: 4 }), weight: 1 }), { maxLength: 300 }), (seq) => {
        const c = collector(ids, named)
        const t = new TextIds(c)
        for (const x of seq) expect(t.index(x)).toBe(c.cadres.index(x))
      }),
      { numRuns: 300 },
    )
  })

  it('with the row before set by another reader (the byte lane shares it): still what the table finds, whatever it was set to', () => {
    const ids = Array.from({ length: 8 }, (_, i) => `C${i}`)
    const asked = fc.constantFrom(...ids, 'D1', 'k:D1', 'C8', '')
    // Between two lookups the lane may leave any cadre there, none (-1), or one this reader never met.
    const set = fc.constantFrom(-1, 0, 3, 7, 9, 10, 5000)
    fc.assert(
      fc.property(fc.array(fc.tuple(asked, fc.option(set, { nil: undefined })), { maxLength: 300 }), (seq) => {
        const c = collector(ids, [])
        const last = { index: -1 }
        const t = new TextIds(c, last)
        for (const [x, before] of seq) {
          if (before !== undefined) last.index = before
          expect(t.index(x)).toBe(c.cadres.index(x))
          expect(last.index).toBe(c.cadres.index(x))
        }
      }),
      { numRuns: 300 },
    )
  })

  it('a guess that was right before is checked again: a different id after the same cadre is found, not the old guess', () => {
    const c = collector(['A', 'B', 'C'], [])
    const t = new TextIds(c)
    expect([t.index('A'), t.index('B'), t.index('A'), t.index('C'), t.index('A'), t.index('B')]).toEqual([0, 1, 0, 2, 0, 1])
  })

  it('a guess is taken by its key, not its id: after A, the id D1 of the cadre keyed k:D1 is no cadre', () => {
    const c = collector(['A'], [])
    const t = new TextIds(c)
    const d = c.cadres.index('k:D1')
    expect([t.index('A'), t.index('k:D1'), t.index('A'), t.index('D1'), t.index('A'), t.index('k:D1')]).toEqual([0, d, 0, -1, 0, d])
  })

  it('keeps up with cadres made after it started, past its first table of 1,024', () => {
    const c = new Collector()
    const t = new TextIds(c)
    for (let i = 0; i < 3000; i++) {
      c.ensure({ id: `C${i}`, name: `名${i}`, unit: '' }, `C${i}`)
      expect(t.index(`C${i}`)).toBe(i)
      if (i > 0) expect(t.index(`C${i - 1}`)).toBe(i - 1)
    }
    // Every cadre asked again in the same order: each guess now right.
    for (let i = 0; i < 3000; i++) expect(t.index(`C${i}`)).toBe(i)
  })
})
