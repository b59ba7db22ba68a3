import type { Mark } from './marks.js'
import { countedMark, type PairState, returnedVotes, type Tally } from './tally.js'

/**
 * Voter-group breakdown without singling out a small group (SPEC §2.1, `minGroupSize`).
 * Groups under the minimum are hidden; if exactly one would be hidden, the next-smallest
 * shown group is hidden too, or the total minus the shown groups would reveal it.
 */
export const visibleGroups = (
  groups: ReadonlyArray<{ group: string; tally: Tally }>,
  minGroupSize: number,
): { shown: Array<{ group: string; tally: Tally }>; hidden: number } => {
  const small = groups.filter((g) => returnedVotes(g.tally) < minGroupSize)
  let shown = groups.filter((g) => returnedVotes(g.tally) >= minGroupSize)
  if (small.length === 1 && shown.length > 0) {
    const smallest = [...shown].sort((a, b) => returnedVotes(a.tally) - returnedVotes(b.tally) || (a.group < b.group ? -1 : 1))[0]!
    shown = shown.filter((g) => g !== smallest)
  }
  return { shown, hidden: groups.length - shown.length }
}

/**
 * One ballot, one voter group: a ballot belongs to the first group a row gives it, and a
 * row that gives the same ballot another group is a group-mismatch (the row is left out).
 * Groups by number, -1 for none: a row or a ballot without a group conflicts with nothing.
 */
export const groupConflicts = (first: number, given: number): boolean => first >= 0 && given >= 0 && first !== given

/**
 * What a (cadre, ballot) pair adds to the breakdown by voter group, once every row is read:
 * its final mark (`countedMark`), in its ballot's group; nothing when the ballot has no
 * group (-1) or the pair no mark.
 */
export const groupMark = (group: number, state: PairState): Mark | null => (group < 0 ? null : countedMark(state))
