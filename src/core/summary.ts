import { reachesLevel } from './assess.js'
import { type CadreAssessment, type Disposition, DISPOSITION_CODES, type DispositionCode } from './model.js'

/** A cadre the run judged on votes has none: `no-data`, or a measure of item 3/5 without votes. */
export const lacksVotes = (a: CadreAssessment): boolean => a.disposition.reason === 'no-evaluation-data'

/** Some check of the cadre is within the policy's borderline margin. */
export const isBorderline = (a: CadreAssessment): boolean => a.checks.some((k) => k.borderline)

/** How many cadres have no vote data, and the first ids (for the warning on stderr). */
export interface NoVoteData {
  count: number
  first: string[]
}

/** Ids named in the no-vote-data warning; the rest are counted. */
export const NO_VOTE_IDS_SHOWN = 10

/** What the report says of all its cadres together: the summary's counts and `--fail-on`. */
export interface Summary {
  cadres: number
  byDisposition: Record<DispositionCode, number>
  borderline: number
  /** Cadres without vote data (SPEC §3 `noVoteData`), and the first of their ids. */
  noVoteData: NoVoteData
  /** Each kind of disposition once (code, measure and reason decide `reachesLevel`). */
  kinds: Map<string, Disposition>
}

export const newSummary = (): Summary => ({
  cadres: 0,
  byDisposition: Object.fromEntries(DISPOSITION_CODES.map((c) => [c, 0])) as Record<DispositionCode, number>,
  borderline: 0,
  noVoteData: { count: 0, first: [] },
  kinds: new Map(),
})

/**
 * The summary's reducer: `s` with one more cadre's assessment counted. It adds to `s` in
 * place and returns it (a million cadres make no million summaries); memory stays bounded
 * (kinds of disposition and the first few ids only).
 */
export const summarise = (s: Summary, a: CadreAssessment): Summary => {
  const d = a.disposition
  s.cadres++
  s.byDisposition[d.code]++
  const kind = `${d.code} ${d.measure} ${d.reason}`
  if (!s.kinds.has(kind)) s.kinds.set(kind, d)
  if (isBorderline(a)) s.borderline++
  if (lacksVotes(a)) {
    s.noVoteData.count++
    if (s.noVoteData.first.length < NO_VOTE_IDS_SHOWN) s.noVoteData.first.push(a.cadre.id)
  }
  return s
}

/** The summary of a whole stream. */
export const summaryOf = (as: Iterable<CadreAssessment>): Summary => {
  const s = newSummary()
  for (const a of as) summarise(s, a)
  return s
}

/** `--fail-on`: does any cadre's disposition reach this level? */
export const reaches = (s: Summary, level: Exclude<DispositionCode, 'none'>): boolean => [...s.kinds.values()].some((k) => reachesLevel(k, level))
