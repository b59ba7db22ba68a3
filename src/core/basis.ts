import type { Policy } from '../policy/schema.js'
import { compareShare, parseFraction } from './fraction.js'
import type { CadreInput, WithheldReason } from './model.js'
import { returnedVotes, validVotes } from './tally.js'

/** The ballots that voted for the cadre at all: count sheets may state it, ballots imply it. */
const participatedOf = (c: CadreInput): number | null =>
  c.participated ?? (c.tally === null ? null : returnedVotes(c.tally))

/** The denominator the policy names, or why item 9 cannot be judged (SPEC §1 Denominator, Quorum). */
export const voteBasis = (
  c: CadreInput,
  policy: Policy,
): { denominator: number; withheld: null } | { denominator: null; withheld: WithheldReason | null } => {
  const t = c.tally
  if (t === null) return { denominator: null, withheld: null }
  if (policy.quorum !== null && t.eligible !== null && t.eligible > 0) {
    const participated = participatedOf(c) ?? 0
    const min = parseFraction(policy.quorum.minParticipation)!
    if (compareShare(BigInt(participated), BigInt(t.eligible), min, 'below')) {
      return { denominator: null, withheld: 'quorum-not-met' }
    }
  }
  const denominator =
    policy.denominator === 'valid' ? validVotes(t) : policy.denominator === 'returned' ? returnedVotes(t) : t.eligible
  if (denominator === null) return { denominator: null, withheld: 'no-eligible-count' }
  if (denominator <= 0) return { denominator: null, withheld: 'no-valid-votes' }
  return { denominator, withheld: null }
}
