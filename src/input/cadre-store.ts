import { type Mark, MARKS } from '../core/marks.js'
import type { CadreInput, FindingInput } from '../core/model.js'
import { emptyTally, type Tally } from '../core/tally.js'
import { grown } from './pair-index.js'

/**
 * The cadre store: an entry per cadre, built up by the readers, its ballots' counts in one
 * typed array (`MarkCounts`) and its rarely used fields in a shared, empty `Extra` until
 * first written. The collector makes entries with `makeEntry`; everything else sees the
 * `CadreEntry` interface.
 */

/** A cadre as the readers build it up. */
export interface CadreEntry extends Pick<CadreInput, 'id' | 'name' | 'unit' | 'post' | 'principal' | 'annualGrade' | 'dutyStatement' | 'mustReport' | 'onRoster'> {
  key: string
  /** 应参加人数 from the roster, used when no count sheet gives it. */
  rosterEligible: number | null
  /** 应到 from the info line of the paper ballots that graded the cadre (SPEC §2.1 shape 4). */
  ballotEligible: number | null
  /** The cadre's counts: from count sheets (source 'counts'), or its ballots' (`MarkCounts`). */
  tally: Tally | null
  source: 'ballots' | 'counts' | null
  /** The count sheets that gave this cadre's counts (`NO_FILES` until one does). */
  countFiles: readonly string[]
  participated: number | null
  incomplete: boolean
  /** No roster: a name given without an id may also mean another cadre (checkNames). */
  nameAmbiguous: boolean
  /** The cadre's number in the collector's compact tables (voter groups, the pair index). */
  index: number
  /** A wide file's column header, shown as the name when no file gives one (no roster). */
  headerName: string
  /** Item 5: the report as read so far (answers by category key), where the files give one. */
  report?: ReportEntry
  /** Item 5: verification findings for this cadre. */
  findings?: FindingInput[]
}

/** No count sheet: one empty list for every cadre (an array each is 3 MB for 100,000). */
const NO_FILES: readonly string[] = Object.freeze([])

/** The fields a cadre has from a roster, count sheets or item-5 files: most cadres of a big run have none. */
type ExtraField =
  | 'principal'
  | 'annualGrade'
  | 'dutyStatement'
  | 'mustReport'
  | 'onRoster'
  | 'rosterEligible'
  | 'ballotEligible'
  | 'countFiles'
  | 'participated'
  | 'headerName'
  | 'nameAmbiguous'
  | 'report'
  | 'findings'

type Extra = { [K in ExtraField]: CadreEntry[K] } & {
  /** Counts from count sheets (a cadre's ballots are counted in `MarkCounts`). */
  countTally: Tally | null
}

/**
 * Counts of marks from ballots, six a cadre (MARKS order) by its index: one Int32Array
 * instead of a Tally object per cadre (100,000 cadres: 2.4 MB, not 8).
 */
export class MarkCounts {
  data = new Int32Array(1024 * MARKS.length)

  /** Add `n` to mark `m` of cadre `index`. */
  add(index: number, m: Mark, n: number): void {
    const at = index * MARKS.length + MARK_INDEX[m]
    if (at >= this.data.length) this.data = grown(this.data, at + 1, 0)
    this.data[at]! += n
  }

  /** Add `n` to mark number `m` (MARKS order) of cadre `index`. */
  addNo(index: number, m: number, n: number): void {
    const at = index * MARKS.length + m
    if (at >= this.data.length) this.data = grown(this.data, at + 1, 0)
    this.data[at]! += n
  }

  /** A cadre's counts as a Tally (eligible: null, as counting ballots leaves it). */
  tally(index: number): Tally {
    const t = emptyTally()
    const base = index * MARKS.length
    MARKS.forEach((m, i) => (t[m] = this.data[base + i] ?? 0))
    return t
  }
}

const NO_EXTRA: Readonly<Extra> = Object.freeze({
  principal: null,
  annualGrade: null,
  dutyStatement: null,
  mustReport: null,
  onRoster: false,
  rosterEligible: null,
  ballotEligible: null,
  countFiles: NO_FILES,
  participated: null,
  headerName: '',
  nameAmbiguous: false,
  report: undefined,
  findings: undefined,
  countTally: null,
})

/**
 * A `CadreEntry` in two parts: what every row reads and writes, as fields; the rest in an
 * `Extra` made on the first write, shared and empty until then (100,000 cadres from ballot
 * files alone: 8 MB less). The `Extra` fields are accessors on the prototype (below).
 */
class Entry {
  post = ''
  source: 'ballots' | 'counts' | null = null
  incomplete = false
  extra: Readonly<Extra> = NO_EXTRA
  constructor(
    readonly key: string,
    public id: string,
    public name: string,
    public unit: string,
    readonly index: number,
    private readonly marks: MarkCounts,
  ) {}

  /** The cadre's counts: from its ballots, or from count sheets; null when it has neither. */
  get tally(): Tally | null {
    return this.source === 'ballots' ? this.marks.tally(this.index) : this.extra.countTally
  }
  set tally(t: Tally | null) {
    ;(this as unknown as Extra).countTally = t
  }
}
for (const k of Object.keys(NO_EXTRA) as (keyof Extra)[]) {
  Object.defineProperty(Entry.prototype, k, {
    get(this: Entry) {
      return this.extra[k]
    },
    set(this: Entry, v: unknown) {
      if (this.extra === NO_EXTRA) this.extra = { ...NO_EXTRA }
      ;(this.extra as Record<keyof Extra, unknown>)[k] = v
    },
  })
}
export const makeEntry = (key: string, id: string, name: string, unit: string, index: number, marks: MarkCounts): CadreEntry =>
  new Entry(key, id, name, unit, index, marks) as unknown as CadreEntry

/** A report being gathered from rows and files: each category once, the latest date. */
export interface ReportEntry {
  answers: Map<string, { answered: boolean; where: string }>
  date: string | null
}


const MARK_INDEX = Object.fromEntries(MARKS.map((m, i) => [m, i])) as Record<Mark, number>
