import { groupConflicts, groupMark } from '../core/groups.js'
import { markIndex } from '../core/marks.js'
import type { Tally } from '../core/tally.js'
import { GroupCounts, grown, type PairIndex } from './pair-index.js'
import { own } from './records.js'

/**
 * The ballots and voter groups of the vote files read, as small integers: ballot ids and
 * group names ↔ numbers, each ballot's voter group, and the breakdown of marks by group
 * once every row is read. Bookkeeping only: what a second group for one ballot means, and
 * what a mark adds to a group, are decided in core/groups.ts (`groupConflicts`, `groupMark`).
 */
export class BallotBook {
  /** Ballot ids by number, and the last one looked up (rows come by ballot). */
  private ids = new Map<string, number>()
  private lastId: string | null = null
  private lastNo = -1
  /** Ballots numbered so far (the ids may have been let go: `forgetIds`). */
  private ballots = 0
  /** Voter groups as numbers, both ways. */
  private readonly groupNos = new Map<string, number>()
  private readonly groupNames: string[] = []
  /** Ballot number → its voter group's number + 1 (0: none yet). */
  private groupOfBallot = new Int32Array(1024)
  /** Some ballot has a voter group. */
  private grouped = false
  /** (cadre, voter group) → counts of marks, made by `tallyGroups`. */
  private readonly counts = new GroupCounts()

  /** A ballot id's number, made when new. */
  ballotNumber(id: string): number {
    return this.lookUp(id, true)
  }

  /** A ballot id's number; -1 when it has not been seen (nothing is made). */
  findBallot(id: string): number {
    return this.lookUp(id, false)
  }

  private lookUp(id: string, create: boolean): number {
    if (id === this.lastId) return this.lastNo
    let b = this.ids.get(id)
    if (b === undefined) {
      if (!create) return -1
      b = this.ballots++
      this.ids.set(own(id), b)
      if (b >= this.groupOfBallot.length) this.groupOfBallot = grown(this.groupOfBallot, b + 1, 0)
    }
    this.lastId = id
    this.lastNo = b
    return b
  }

  /** A voter group's number, made when new. */
  groupNumber(name: string): number {
    let g = this.groupNos.get(name)
    if (g === undefined) {
      g = this.groupNames.length
      name = own(name)
      this.groupNos.set(name, g)
      this.groupNames.push(name)
    }
    return g
  }

  /** Voter group `g`'s name. */
  groupName(g: number): string {
    return this.groupNames[g]!
  }

  /** Ballot `b`'s voter group by number: -1 when it has none yet. */
  groupOf(b: number): number {
    return this.groupOfBallot[b]! - 1
  }

  /** Can a mark of ballot `b` be counted in voter group `g` (-1: the row gives none)? */
  fits(b: number, g: number): boolean {
    return !groupConflicts(this.groupOfBallot[b]! - 1, g)
  }

  /** Ballot `b` belongs to voter group `g` (checked with `fits` or `conflict` first). */
  assign(b: number, g: number): void {
    this.groupOfBallot[b] = g + 1
    this.grouped = true
  }

  /**
   * The voter group a ballot id already has when a row gives it another (`group`): null
   * when the ballot is new, has no group yet, or has this one.
   */
  conflict(id: string, group: string): string | null {
    const b = this.findBallot(id)
    const first = b < 0 ? -1 : this.groupOfBallot[b]! - 1
    // A group never seen: the number it would get, which no ballot has yet.
    const given = group === '' ? -1 : (this.groupNos.get(group) ?? this.groupNames.length)
    return groupConflicts(first, given) ? this.groupNames[first]! : null
  }

  /**
   * A row left out still says which voter group its ballot belongs to, unless that is what
   * is wrong with it (another group than the ballot's): otherwise whether the ballot's other
   * marks count in a group would depend on which of two conflicting rows came first.
   */
  note(id: string, group: string): void {
    if (id === '' || group === '' || this.conflict(id, group) !== null) return
    const b = this.ballotNumber(id)
    if (this.groupOfBallot[b] === 0) this.assign(b, this.groupNumber(group))
  }

  /**
   * The breakdown by voter group, from every (cadre, ballot) pair's marks once all rows
   * are read (`groupMark` decides what each adds): nothing to do when no ballot has a group.
   */
  tallyGroups(pairs: Pick<PairIndex, 'forEach'>, cadres: number): void {
    if (!this.grouped) return
    this.counts.reserve(cadres, this.groupNames.length)
    pairs.forEach((cadre, ballot, state) => {
      const g = this.groupOfBallot[ballot]! - 1
      const mark = groupMark(g, state)
      if (mark !== null) this.counts.add(cadre, g, markIndex(mark), 1)
    })
  }

  /** A cadre's tallies by voter group (from `tallyGroups`), sorted by group. */
  groupsOf(cadre: number): Array<{ group: string; tally: Tally }> {
    // A loop and an object made whole, no sort of one group: this runs for every cadre of a report.
    const out: Array<{ group: string; tally: Tally }> = []
    for (const { group, counts: n } of this.counts.groupsOf(cadre)) {
      const tally: Tally = { excellent: n[0]!, competent: n[1]!, basicallyCompetent: n[2]!, incompetent: n[3]!, abstain: n[4]!, invalid: n[5]!, eligible: null }
      out.push({ group: this.groupNames[group]!, tally })
    }
    return out.length < 2 ? out : out.sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0))
  }

  /**
   * Every file is read: the ballot ids are let go (ballots stay known by number), which
   * leaves their memory — half a million ids in a ten-million-row run — to the report.
   */
  forgetIds(): void {
    this.ids = new Map()
    this.lastId = null
  }

  /** The breakdown is made and no row is to come: each ballot's group is let go too. */
  forgetBallotGroups(): void {
    this.groupOfBallot = new Int32Array(0)
  }
}
