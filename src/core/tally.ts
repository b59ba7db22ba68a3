import { type Mark, MARKS, markIndex } from './marks.js'

/** The counts of one cadre's marks (collected in input/collector.ts; pair states below decide each). */
export interface Tally {
  excellent: number
  competent: number
  basicallyCompetent: number
  incompetent: number
  abstain: number
  invalid: number
  /** 应参加人数 where a file gives it, else null. */
  eligible: number | null
}

export const emptyTally = (): Tally => ({
  excellent: 0,
  competent: 0,
  basicallyCompetent: 0,
  incompetent: 0,
  abstain: 0,
  invalid: 0,
  eligible: null,
})

/** Ballots that graded the cadre with one of the four grades. */
export const validVotes = (t: Tally): number => t.excellent + t.competent + t.basicallyCompetent + t.incompetent
/** Every ballot returned for the cadre, abstentions and spoilt marks included. */
export const returnedVotes = (t: Tally): number => validVotes(t) + t.abstain + t.invalid

/**
 * The state of one (ballot, cadre) pair is the set of marks seen for it, one bit per mark.
 * One mark: it counts as that mark. Two or more different marks: the ballot is spoilt for
 * this cadre and counts as `invalid` (SPEC §2.1). Because the state is a set, the outcome
 * does not depend on the order in which rows arrive.
 */
export type PairState = number

export const countedMark = (state: PairState): Mark | null => {
  if (state === 0) return null
  return (state & (state - 1)) === 0 ? MARKS[31 - Math.clz32(state)]! : 'invalid'
}

export type MarkOutcome =
  | { kind: 'counted'; state: PairState; remove: Mark | null; add: Mark | null }
  | { kind: 'duplicate'; state: PairState }

/**
 * Fold one more mark for a (ballot, cadre) pair into its state. An exact repeat of a mark
 * already seen is a duplicate row (a data error); anything else says which mark to remove
 * from the tally and which to add.
 */
export const foldMark = (state: PairState, mark: Mark): MarkOutcome => {
  const bit = 1 << markIndex(mark)
  if ((state & bit) !== 0) return { kind: 'duplicate', state }
  const before = countedMark(state)
  const next = state | bit
  const after = countedMark(next)!
  // A third different mark on an already spoilt pair changes nothing in the tally.
  if (before === after) return { kind: 'counted', state: next, remove: null, add: null }
  return { kind: 'counted', state: next, remove: before, add: after }
}
