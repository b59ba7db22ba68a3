import type { Tally } from './tally.js'
import { returnedVotes } from './tally.js'

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
