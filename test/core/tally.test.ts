import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MARKS, type Mark } from '../../src/core/marks.js'
import { countedMark, emptyTally, foldMark, returnedVotes } from '../../src/core/tally.js'
import { tallyOf } from '../helpers.js'

/** Fold a sequence of marks for one (ballot, cadre) pair; returns the counted mark and duplicates. */
const foldAll = (marks: Mark[]) => {
  let state = 0
  let duplicates = 0
  const t = emptyTally()
  for (const m of marks) {
    const o = foldMark(state, m)
    if (o.kind === 'duplicate') {
      duplicates++
      continue
    }
    state = o.state
    if (o.remove) t[o.remove] -= 1
    if (o.add) t[o.add] += 1
  }
  return { counted: countedMark(state), duplicates, t }
}

describe('one ballot, one cadre', () => {
  it('one mark counts as itself', () => {
    for (const m of MARKS) expect(foldAll([m]).counted).toBe(m)
  })
  it('two different grades make the mark spoilt (无效), counted once', () => {
    const r = foldAll(['competent', 'basicallyCompetent'])
    expect(r.counted).toBe('invalid')
    expect(r.t).toEqual(tallyOf({ invalid: 1 }))
  })
  it('a third different mark changes nothing more', () => {
    expect(foldAll(['competent', 'excellent', 'incompetent']).t).toEqual(tallyOf({ invalid: 1 }))
  })
  it('the same mark twice is a duplicate, counted once', () => {
    const r = foldAll(['excellent', 'excellent'])
    expect(r).toMatchObject({ counted: 'excellent', duplicates: 1 })
    expect(r.t).toEqual(tallyOf({ excellent: 1 }))
  })
  it('the outcome does not depend on the order of the marks', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...MARKS), { maxLength: 8 }), (marks) => {
        const a = foldAll(marks)
        const b = foldAll([...marks].reverse())
        expect(b.counted).toBe(a.counted)
        expect(b.t).toEqual(a.t)
        expect(returnedVotes(a.t)).toBe(marks.length === 0 ? 0 : 1)
      }),
    )
  })
})

