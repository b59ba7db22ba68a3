import { isTemplateExample } from './example.js'
import { type Grade, type Mark, MARKS } from '../core/marks.js'
import type { CadreInput, FindingInput, ReportInput } from '../core/model.js'
import { compareIds, idOrder } from '../core/order.js'
import { countedMark, emptyTally, foldMark, type MarkOutcome, type Tally } from '../core/tally.js'
import type { Issue } from '../errors.js'
import { GroupCounts, grown, PairIndex } from './pair-index.js'
import { own } from './records.js'
import type { PaperTable } from './votes.js'

/** An issue that keeps no chunk of input text alive (see `own`). */
const owned = (i: Issue): Issue => ({
  ...i,
  value: i.value === null ? null : own(i.value),
  params: Object.fromEntries(Object.entries(i.params).map(([k, v]) => [k, typeof v === 'string' ? own(v) : v])),
})

/** A cadre as the readers build it up. */
export interface CadreEntry {
  key: string
  id: string
  name: string
  unit: string
  post: string
  principal: boolean | null
  annualGrade: Grade | null
  dutyStatement: boolean | null
  mustReport: boolean | null
  onRoster: boolean
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
class MarkCounts {
  data = new Int32Array(1024 * MARKS.length)

  /** Add `n` to mark `m` of cadre `index`. */
  add(index: number, m: Mark, n: number): void {
    const at = index * MARKS.length + MARK_INDEX[m]
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
const makeEntry = (key: string, id: string, name: string, unit: string, index: number, marks: MarkCounts): CadreEntry =>
  new Entry(key, id, name, unit, index, marks) as unknown as CadreEntry

/** A report being gathered from rows and files: each category once, the latest date. */
export interface ReportEntry {
  answers: Map<string, { answered: boolean; where: string }>
  date: string | null
}

/** How a row names a cadre. */
export interface CadreRef {
  id: string
  name: string
  unit: string
  /** 单位及职务 in one cell (SPEC §2.0), where the row gives that instead of a unit. */
  unitPost?: string
}

/** Does a cadre's unit fit what a row says of it (its unit, or its 单位及职务)? */
const unitFits = (ref: CadreRef, c: CadreEntry): boolean => {
  if (ref.unit) return !c.unit || c.unit === ref.unit
  const up = ref.unitPost ?? ''
  if (!up || !c.unit) return true
  return up.startsWith(c.unit) || up === `${c.unit}${c.post}`
}

/** The key of a cadre named by name alone: name, and unit (or 单位及职务) where given. */
export const nameKey = (ref: CadreRef): string => {
  const unit = ref.unit || ref.unitPost || ''
  return unit ? `${ref.name}/${unit}` : ref.name
}

export type Resolved =
  | { ok: true; key: string; entry: CadreEntry | undefined }
  /** `key`: the cadre the row still names (a known id under another name), to mark it. */
  | { ok: false; code: string; params: Record<string, string | number>; key?: string }

export const MAX_LISTED_ISSUES = 100_000

/**
 * Everything the readers gather: the cadres, the per-(ballot, cadre) state that catches a
 * mark counted twice, and the issues. Imperative by design (it is the shell's accumulator);
 * each decision it makes is a pure function of the core (`foldMark`).
 */
export class Collector {
  readonly cadres = new Map<string, CadreEntry>()
  private readonly byName = new Map<string, CadreEntry[]>()
  hasRoster = false
  /** The roster names its cadres by name (+ unit), without ids (SPEC §2.2). */
  rosterByName = false
  /** Report files were given: the report rules are evaluated (a cadre without one has none). */
  reportsGiven = false
  /** A findings file was given. */
  findingsGiven = false
  /** `--year`: the reporting round whose deadline applies; null: the year of each report's date. */
  roundYear: number | null = null
  /** Entries by `index`. */
  private readonly entries: CadreEntry[] = []
  /** (cadre index, ballot index) → set of marks seen (SPEC §5: a few bytes a mark). */
  private pairs = new PairIndex()
  /** Ballot ids as small integers, and the last one looked up (rows come by ballot). */
  private ballots = new Map<string, number>()
  private lastBallot: string | null = null
  private lastBallotIndex = -1
  /** Voter groups as small integers, both ways. */
  private readonly groupIds = new Map<string, number>()
  private readonly groupNames: string[] = []
  /** ballot index → its voter group's index + 1 (0: none yet), to catch one ballot given two groups. */
  private ballotGroup = new Int32Array(1024)
  /** Counts of marks from ballots, by cadre. */
  private readonly marks = new MarkCounts()
  /** (cadre, voter group) → counts of marks, for the breakdown by voter group (see `groupTallies`). */
  private readonly groupCounts = new GroupCounts()
  /** Some ballot has a voter group; `groupTallies` has run. */
  private anyGroup = false
  private groupsDone = false
  /** Every file is read (`doneReading`). */
  private readingDone = false
  readonly issues: Issue[] = []
  issuesOmitted = 0
  /** The row of the last issue added, and its cells that hold a formula error (addIssue). */
  private formulaRow = ''
  private readonly formulaColumns = new Set<number>()
  errorCount = 0
  rowsRead = 0
  rowsCounted = 0
  rowsInIssues = 0
  blankRows = 0
  /**
   * Rows that are not data (a title, 填报单位 line, footnote, 合计, 比例 row, the header
   * repeated): listed as notices and counted here, not in `rowsRead` — rows read stay
   * rows counted + rows in issues (SPEC §2.0, §3).
   */
  rowsSkipped = 0
  /** Paper-ballot tables read so far, for their 应到/实到 (checkPaperSets). */
  readonly paperTables: PaperTable[] = []

  addIssue(issue: Issue): void {
    // A cell holding a formula error (rows.ts) fails its column's own check too — an unknown
    // grade, a bad count: its formula error says what is wrong, once.
    if (issue.column !== null) {
      const row = `${issue.file}\u0000${issue.row}`
      if (row !== this.formulaRow) {
        this.formulaRow = row
        this.formulaColumns.clear()
      }
      if (issue.code === 'formula-error') this.formulaColumns.add(issue.column)
      else if (this.formulaColumns.has(issue.column)) return
    }
    if (issue.severity === 'error') this.errorCount++
    if (this.issues.length < MAX_LISTED_ISSUES) this.issues.push(owned(issue))
    else this.issuesOmitted++
  }

  private newEntry(ref: CadreRef, rowKey: string): CadreEntry {
    // One copy of the id where it is the key (100,000 cadres: 3 MB less).
    const key = own(rowKey)
    const e = makeEntry(key, ref.id === '' || ref.id === rowKey ? key : own(ref.id), own(ref.name), this.unitText(ref.unit || ref.unitPost || ''), this.entries.length, this.marks)
    this.cadres.set(key, e)
    this.entries.push(e)
    // Names find cadres only with a roster (resolve); without one, no list of them is kept.
    if (e.name && this.hasRoster) {
      // A list made with its one entry: pushed onto [], it would take room for 17.
      const list = this.byName.get(e.name)
      if (list) list.push(e)
      else this.byName.set(e.name, [e])
    }
    return e
  }

  /**
   * One string per unit name: many cadres share a unit (100,000 cadres in 2,756 units in the
   * benchmark: 3 MB less).
   */
  private unitText(unit: string): string {
    if (unit === '') return ''
    let u = this.units.get(unit)
    if (u === undefined) {
      u = own(unit)
      this.units.set(u, u)
    }
    return u
  }
  private readonly units = new Map<string, string>()

  /** A roster row: its own entry, keyed by id. Returns false when the id is taken. */
  addRosterEntry(ref: CadreRef, fill: (e: CadreEntry) => void): boolean {
    if (this.cadres.has(ref.id)) return false
    const e = this.newEntry(ref, ref.id)
    e.onRoster = true
    fill(e)
    return true
  }

  /**
   * Another name for a cadre, found by name-matching from now on (a left-out roster row
   * that repeats an id under another name: either name finds the data-incomplete cadre,
   * so the order of the two rows does not decide which columns resolve).
   */
  addAlias(key: string, name: string): void {
    const e = this.cadres.get(key)
    if (e === undefined || name === '') return
    const list = this.byName.get(name)
    if (!list) this.byName.set(name, [e])
    else if (!list.includes(e)) list.push(e)
  }

  /**
   * Find the cadre a row names, without changing anything: by id; else by name (+ unit),
   * where a name shared by two cadres is an error. Without a roster a new cadre is allowed
   * (`entry` undefined); `ensure` then creates it.
   */
  resolve(ref: CadreRef): Resolved {
    // A template's example cadre (张三（示例）): refused wherever it appears.
    if (isTemplateExample(ref.name) || isTemplateExample(ref.id)) return { ok: false, code: 'template-example', params: { example: ref.name || ref.id } }
    // A roster of names: a vote file's ids name no one; its names (+ unit) do (SPEC §2.2).
    if (ref.id && this.rosterByName && !this.cadres.has(ref.id) && ref.name) ref = { ...ref, id: '' }
    if (ref.id) {
      const e = this.cadres.get(ref.id)
      if (e === undefined) {
        if (!this.hasRoster) return { ok: true, key: ref.id, entry: undefined }
        const near = this.zeroTwin(ref.id)
        return near === undefined ? { ok: false, code: 'not-on-roster', params: { id: ref.id } } : { ok: false, code: 'not-on-roster-zeros', params: { id: ref.id, near } }
      }
      if (ref.name && e.name && ref.name !== e.name) {
        return { ok: false, code: 'name-mismatch', params: { id: ref.id, name: ref.name, expected: e.name }, key: e.key }
      }
      return { ok: true, key: e.key, entry: e }
    }
    if (!ref.name) return { ok: false, code: 'missing-cadre', params: {} }
    if (!this.hasRoster) {
      // Without a roster a name names the cadre with exactly this name (and unit). Matching
      // it to a cadre known by id, or a unit-less name to one with a unit, would depend on
      // which row came first; checkNames() settles such names once every file is read.
      const key = nameKey(ref)
      return { ok: true, key, entry: this.cadres.get(key) }
    }
    const candidates = (this.byName.get(ref.name) ?? []).filter((c) => unitFits(ref, c))
    if (candidates.length > 1) {
      return {
        ok: false,
        code: 'ambiguous-name',
        params: { name: ref.name, ids: candidates.map((c) => c.id).sort(compareIds).join('、') },
      }
    }
    if (candidates.length === 1) return { ok: true, key: candidates[0]!.key, entry: candidates[0]! }
    if (this.hasRoster) {
      const unit = ref.unit || ref.unitPost
      // A wide ballot's column headed 1 where the roster has 001: the same hint as for an id.
      const near = /^\d+$/.test(ref.name) ? this.zeroTwin(ref.name) : undefined
      if (near !== undefined) return { ok: false, code: 'not-on-roster-zeros', params: { id: ref.name, near } }
      return { ok: false, code: 'not-on-roster', params: { id: unit ? `${ref.name}（${unit}）` : ref.name } }
    }
    const key = nameKey(ref)
    return { ok: true, key, entry: this.cadres.get(key) }
  }

  /** Roster ids by their digits without leading zeros (001 and XJ01 → 1 and XJ1), made on the first miss. */
  private zeroless: Map<string, string[]> | undefined

  /**
   * The roster id that an unknown id becomes once leading zeros are put back (1 → 001, as
   * Excel drops them from a cell it reads as a number), if exactly one does.
   */
  zeroTwin(id: string): string | undefined {
    if (!/\d/.test(id)) return undefined
    const strip = (s: string): string => s.replace(/\d+/g, (m) => m.replace(/^0+(?=\d)/, ''))
    if (this.zeroless === undefined) {
      this.zeroless = new Map()
      for (const e of this.cadres.values()) {
        if (!e.onRoster || !/\d/.test(e.id)) continue
        const k = strip(e.id)
        const list = this.zeroless.get(k)
        if (list === undefined) this.zeroless.set(k, [e.id])
        else list.push(e.id)
      }
    }
    const twins = (this.zeroless.get(strip(id)) ?? []).filter((x) => x !== id)
    return twins.length === 1 ? twins[0] : undefined
  }

  /** Where each cadre named by name only (no roster) was first named: for checkNames(). */
  private readonly nameRows = new Map<string, Omit<Issue, 'code' | 'params' | 'severity'>>()

  /** Remember the first row that names cadre `key` by name only (no roster). */
  noteNameRow(key: string, at: Omit<Issue, 'code' | 'params' | 'severity'>): void {
    if (!this.nameRows.has(key)) this.nameRows.set(own(key), { ...at, value: at.value === null ? null : own(at.value) })
  }

  /**
   * Once every file is read (no roster): a name given without an id that may also mean
   * another cadre — one known by id with that name, or the same name with no unit on one
   * side — is ambiguous: an error at the first row naming it, and the cadres involved are
   * data-incomplete (their rows were counted, but whose they are is not certain). Decided
   * on all rows, so the order of rows and files does not matter.
   */
  checkNames(): void {
    if (this.hasRoster || this.nameRows.size === 0) return
    const named = new Map<string, CadreEntry[]>()
    for (const e of this.cadres.values()) if (e.name) named.set(e.name, [...(named.get(e.name) ?? []), e])
    for (const [key, at] of this.nameRows) {
      const e = this.cadres.get(key)
      if (e === undefined) continue
      const others = (named.get(e.name) ?? []).filter((f) => f !== e && (e.unit === '' || f.unit === '' || f.unit === e.unit))
      if (others.length === 0) continue
      e.nameAmbiguous = true
      for (const f of others) f.nameAmbiguous = true
      const ids = [e, ...others].map((x) => x.id).sort(compareIds).join('、')
      this.addIssue({ ...at, code: 'ambiguous-name', params: { name: e.name, ids }, severity: 'error' })
    }
  }

  /** The entry for a resolved reference, created when new; fills in a name or unit it lacked. */
  ensure(ref: CadreRef, key: string): CadreEntry {
    const e = this.cadres.get(key) ?? this.newEntry(ref, key)
    if (ref.name && !e.name) e.name = own(ref.name)
    const unit = ref.unit || ref.unitPost || ''
    if (unit && !e.unit) e.unit = this.unitText(unit)
    return e
  }

  /** A ballot id's number; -1 when it has not been seen and `create` is false. */
  private ballotIndex(ballot: string, create: boolean): number {
    if (ballot === this.lastBallot) return this.lastBallotIndex
    let b = this.ballots.get(ballot)
    if (b === undefined) {
      if (!create) return -1
      b = this.ballots.size
      this.ballots.set(own(ballot), b)
      if (b >= this.ballotGroup.length) this.ballotGroup = grown(this.ballotGroup, b + 1, 0)
    }
    this.lastBallot = ballot
    this.lastBallotIndex = b
    return b
  }

  private groupIndex(group: string): number {
    let g = this.groupIds.get(group)
    if (g === undefined) {
      g = this.groupNames.length
      group = own(group)
      this.groupIds.set(group, g)
      this.groupNames.push(group)
    }
    return g
  }

  /** The state of (cadre, ballot) and what one more mark would do, without changing anything. */
  peekMark(key: string, ballot: string, mark: Mark): MarkOutcome {
    const e = this.cadres.get(key)
    const b = e === undefined ? -1 : this.ballotIndex(ballot, false)
    return outcomeOf(b < 0 ? 0 : this.pairs.get(e!.index, b), mark)
  }

  /** `peekMark` for a cadre's entry. */
  peekEntryMark(e: CadreEntry, ballot: string, mark: Mark): MarkOutcome {
    const b = this.ballotIndex(ballot, false)
    return outcomeOf(b < 0 ? 0 : this.pairs.get(e.index, b), mark)
  }

  /**
   * The hot loop's `peekMark` + `groupConflict` + `applyMark`: counts the mark and returns
   * true, or returns false and changes nothing when the mark is a duplicate or the ballot
   * has another voter group (then the caller's full checks report it).
   */
  tryApplyMark(entry: CadreEntry, ballot: string, mark: Mark, group: string): boolean {
    const b = this.ballotIndex(ballot, true)
    if (group !== '') {
      const g = this.ballotGroup[b]!
      if (g !== 0 && this.groupNames[g - 1] !== group) return false
    }
    return this.count(entry, b, mark, group)
  }

  /** Check a ballot's voter group against the one it was first seen with. */
  groupConflict(ballot: string, group: string): string | null {
    const b = this.ballotIndex(ballot, false)
    const g = b < 0 ? 0 : this.ballotGroup[b]!
    if (g === 0) return null
    const first = this.groupNames[g - 1]!
    return first !== group ? first : null
  }

  /**
   * A row left out still says which voter group its ballot belongs to, unless that is what
   * is wrong with it (another group than the ballot's): otherwise whether the ballot's other
   * marks count in a group would depend on which of two conflicting rows came first.
   */
  noteGroup(ballot: string, group: string): void {
    if (ballot === '' || group === '' || this.groupConflict(ballot, group) !== null) return
    const b = this.ballotIndex(ballot, true)
    if (this.ballotGroup[b] === 0) this.assignGroup(b, group)
  }

  /** Ballot `b` belongs to voter group `group`. */
  private assignGroup(b: number, group: string): void {
    this.ballotGroup[b] = this.groupIndex(group) + 1
    this.anyGroup = true
  }

  /** Count one mark of one ballot for one cadre (validated by the caller with peekMark). */
  applyMark(entry: CadreEntry, ballot: string, mark: Mark, group: string): void {
    this.count(entry, this.ballotIndex(ballot, true), mark, group)
  }

  /** Fold a mark into (cadre, ballot) and the tallies; false (nothing changed) for a duplicate. */
  private count(entry: CadreEntry, b: number, mark: Mark, group: string): boolean {
    const outcome = outcomeOf(this.pairs.get(entry.index, b), mark)
    if (outcome.kind === 'duplicate') return false
    this.pairs.set(entry.index, b, outcome.state)
    if (group) this.assignGroup(b, group)
    entry.source = 'ballots'
    if (outcome.remove) this.marks.add(entry.index, outcome.remove, -1)
    if (outcome.add) this.marks.add(entry.index, outcome.add, 1)
    return true
  }

  /**
   * The voter-group breakdown, derived once all rows are read: each (cadre, ballot) pair's
   * final mark, in its ballot's group. Kept per row before, it depended on the order of
   * the rows when one file gave a ballot's group and another (same ballot id) did not —
   * and could go negative. Only when some ballot has a group.
   */
  private groupTallies(): void {
    if (this.groupsDone) return
    this.groupsDone = true
    if (this.anyGroup) {
      this.groupCounts.reserve(this.entries.length, this.groupNames.length)
      this.pairs.forEach((cadre, ballot, state) => {
        const g = this.ballotGroup[ballot]!
        const mark = countedMark(state)
        if (g === 0 || mark === null) return
        this.groupCounts.add(cadre, g - 1, MARK_INDEX[mark], 1)
      })
    }
    // Once every file is read, the pairs have said all they had to: their room goes to the report.
    if (this.readingDone) {
      this.pairs = new PairIndex(16)
      this.ballotGroup = new Int32Array(0)
    }
  }

  /** A cadre's tallies by voter group, sorted by group. */
  groupsOf(e: CadreEntry): Array<{ group: string; tally: Tally }> {
    this.groupTallies()
    return this.groupCounts
      .groupsOf(e.index)
      .map(({ group, counts }) => {
        const t = emptyTally()
        MARKS.forEach((m, i) => (t[m] = counts[i]!))
        return { group: this.groupNames[group]!, tally: t }
      })
      .sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0))
  }

  /**
   * Every file is read: the ballot ids are let go (pairs and voter groups keep ballots by
   * number), which leaves their memory — half a million ids in a ten-million-row run — to
   * the report.
   */
  doneReading(): void {
    this.readingDone = true
    this.ballots = new Map()
    this.lastBallot = null
  }

  /** About this many marks are coming (from a file's size): the pair index makes room at once. */
  expectMarks(marks: number): void {
    this.pairs.reserve(marks)
  }

  /** The cadres as the core sees them. */
  toCadreInputs(): CadreInput[] {
    return [...this.cadres.values()].map((e) => this.toCadreInput(e))
  }

  /**
   * The cadres as the core sees them, sorted by id, made one at a time as they are taken:
   * a report streamed from here holds one cadre's input at a time, not all of them.
   */
  *sortedCadreInputs(): Generator<CadreInput> {
    const entries = [...this.cadres.values()]
    for (const i of idOrder(entries.map((e) => e.id))) yield this.toCadreInput(entries[i]!)
  }

  private toCadreInput(e: CadreEntry): CadreInput {
    // Object.assign, not spread (see output/report.ts checkDoc): one cadre at a time, lean.
    const t = e.tally
    const tally = t === null ? null : Object.assign({}, t, { eligible: t.eligible ?? e.ballotEligible ?? e.rosterEligible })
    return {
      id: e.id,
      name: e.name || e.headerName,
      unit: e.unit,
      post: e.post,
      principal: e.principal,
      annualGrade: e.annualGrade,
      dutyStatement: e.dutyStatement,
      mustReport: e.mustReport,
      onRoster: e.onRoster,
      tally,
      participated: e.participated,
      groups: this.groupsOf(e),
      incomplete: e.incomplete,
      ...(e.nameAmbiguous ? { nameAmbiguous: true } : {}),
      ...(this.reportsGiven ? { report: reportInput(e.report, this.roundYear) } : {}),
      ...(this.findingsGiven ? { findings: [...(e.findings ?? [])] } : {}),
    }
  }
}

/**
 * The report as the core sees it. A report that answers no category at all counts as not
 * filed: a sheet pre-filled with every cadre's name holds blank rows for those who did not report.
 */
const reportInput = (r: ReportEntry | undefined, roundYear: number | null): ReportInput | null => {
  const answered = r === undefined ? [] : [...r.answers.entries()].filter(([, a]) => a.answered).map(([k]) => k).sort()
  return answered.length === 0 ? null : { answered, date: r!.date, roundYear }
}

const MARK_INDEX = Object.fromEntries(MARKS.map((m, i) => [m, i])) as Record<Mark, number>

/**
 * Every outcome of `foldMark`, computed once: a pair's state has six bits and there are
 * six marks, so the hot loop looks the outcome up instead of building an object per mark.
 */
const OUTCOMES: MarkOutcome[] = []
for (let state = 0; state < 64; state++) {
  MARKS.forEach((m, i) => (OUTCOMES[(state << 3) | i] = Object.freeze(foldMark(state, m))))
}
const outcomeOf = (state: number, mark: Mark): MarkOutcome => OUTCOMES[(state << 3) | MARK_INDEX[mark]]!
