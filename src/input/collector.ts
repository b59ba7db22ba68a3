import { type CadreLookup, type CadreRef, resolveCadre, type Resolved as CoreResolved } from '../core/identity.js'
import { type Mark, MARKS } from '../core/marks.js'
import type { CadreInput, ReportInput } from '../core/model.js'
import { compareIds, idOrder } from '../core/order.js'
import { foldMark, type MarkOutcome, type Tally } from '../core/tally.js'
import type { Issue } from '../errors.js'
import { type CadreEntry, CadreStore, type ReportEntry } from './cadre-store.js'
import { isTemplateExample } from './example.js'
import { IssueList } from './issue-list.js'
import { BallotBook } from './ballot-book.js'
import { PairIndex } from './pair-index.js'
import { own } from './records.js'
import type { PaperTable } from './votes.js'
import { listParam } from '../errors.js'

const NO_ENTRIES: readonly CadreEntry[] = Object.freeze([])

/**
 * The cadres by key, as a map of entries would give them: each entry a view made on
 * asking (two views of one cadre are two objects: compare their `index`). In the order
 * they were made, which is their index.
 */
export class CadreKeys {
  constructor(
    private readonly indexOf: ReadonlyMap<string, number>,
    private readonly store: CadreStore,
  ) {}
  get size(): number {
    return this.indexOf.size
  }
  has(key: string): boolean {
    return this.indexOf.has(key)
  }
  get(key: string): CadreEntry | undefined {
    const i = this.indexOf.get(key)
    return i === undefined ? undefined : this.store.entry(i)
  }
  /** The index of the cadre with this key, -1 for none. */
  index(key: string): number {
    return this.indexOf.get(key) ?? -1
  }
  *values(): Generator<CadreEntry> {
    for (let i = 0; i < this.store.size; i++) yield this.store.entry(i)
  }
}

export type { CadreEntry } from './cadre-store.js'
export type { CadreRef } from '../core/identity.js'
export { nameKey } from '../core/identity.js'
export type Resolved = CoreResolved<CadreEntry>

/**
 * Everything the readers gather: the cadres, the per-(ballot, cadre) state that catches a
 * mark counted twice, and the issues. Imperative by design (it is the shell's accumulator);
 * each decision it makes is a pure function of the core (`foldMark`).
 */
export class Collector {
  /**
   * The cadres' fields by index (cadre-store.ts), and their numbers and flags. Read by index
   * where a view per row would cost (the byte lane); everything else goes through `cadres`.
   */
  readonly store = new CadreStore()
  /** Each cadre's index by its key. */
  private readonly indexOf = new Map<string, number>()
  /** The cadres by key, as entries (views of the store made on asking). */
  readonly cadres = new CadreKeys(this.indexOf, this.store)
  /** With a roster: the cadres of each name (and of each alias), by index. */
  private readonly byName = new Map<string, number[]>()
  get hasRoster(): boolean {
    return this.lookup.hasRoster
  }
  set hasRoster(v: boolean) {
    this.lookup.hasRoster = v
  }
  /** The roster names its cadres by name (+ unit), without ids (SPEC §2.2). */
  get rosterByName(): boolean {
    return this.lookup.rosterByName
  }
  set rosterByName(v: boolean) {
    this.lookup.rosterByName = v
  }
  /** Report files were given: the report rules are evaluated (a cadre without one has none). */
  reportsGiven = false
  /** A findings file was given. */
  findingsGiven = false
  /** `--year`: the reporting round whose deadline applies; null: the year of each report's date. */
  roundYear: number | null = null
  /** (cadre index, ballot index) → set of marks seen (SPEC §5: a few bytes a mark). */
  private pairs = new PairIndex()
  /** Ballot ids and voter groups as small integers, each ballot's group, the breakdown by group. */
  private readonly book = new BallotBook()
  /** `groupTallies` has run. */
  private groupsDone = false
  /** Every file is read (`doneReading`). */
  private readingDone = false
  /** The issues found, in order (issue-list.ts). */
  private readonly found = new IssueList()
  get issues(): Issue[] {
    return this.found.issues
  }
  get issuesOmitted(): number {
    return this.found.omitted
  }
  get errorCount(): number {
    return this.found.errors
  }
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
    this.found.add(issue)
  }

  private newEntry(ref: CadreRef, rowKey: string): CadreEntry {
    // One copy of the id where it is the key (100,000 cadres: 3 MB less).
    const key = own(rowKey)
    const name = own(ref.name)
    const index = this.store.add(key, ref.id === '' || ref.id === rowKey ? key : own(ref.id), name, this.unitText(ref.unit || ref.unitPost || ''))
    this.indexOf.set(key, index)
    // Names find cadres only with a roster (resolve); without one, no list of them is kept.
    if (name && this.hasRoster) {
      // A list made with its one index: pushed onto [], it would take room for 17.
      const list = this.byName.get(name)
      if (list) list.push(index)
      else this.byName.set(name, [index])
    }
    return this.store.entry(index)
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
    const index = this.indexOf.get(key)
    if (index === undefined || name === '') return
    const list = this.byName.get(name)
    if (!list) this.byName.set(name, [index])
    else if (!list.includes(index)) list.push(index)
  }

  /**
   * Find the cadre a row names, without changing anything (core/identity.ts decides); a
   * new cadre (no roster) is made by `ensure`.
   */
  resolve(ref: CadreRef): Resolved {
    return resolveCadre(ref, this.lookup)
  }

  /** The cadres as identity asks about them. */
  private readonly lookup: CadreLookup<CadreEntry> = {
    byKey: (key) => this.cadres.get(key),
    byName: (name) => this.byName.get(name)?.map((i) => this.store.entry(i)) ?? NO_ENTRIES,
    hasRoster: false,
    rosterByName: false,
    zeroTwin: (key) => this.zeroTwin(key),
    // A template's example cadre (张三（示例）): refused wherever it appears.
    isExample: isTemplateExample,
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
      const others = (named.get(e.name) ?? []).filter((f) => f.index !== e.index && (e.unit === '' || f.unit === '' || f.unit === e.unit))
      if (others.length === 0) continue
      e.nameAmbiguous = true
      for (const f of others) f.nameAmbiguous = true
      const ids = listParam([e, ...others].map((x) => x.id).sort(compareIds))
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

  /** A ballot id's number, made when new (a pre-filter interns ids by their bytes, then asks once). */
  ballotNumber(ballot: string): number {
    return this.book.ballotNumber(ballot)
  }

  /** A voter group's number, made when new. */
  groupNumber(group: string): number {
    return this.book.groupNumber(group)
  }

  /** The state of (cadre, ballot) and what one more mark would do, without changing anything. */
  peekMark(key: string, ballot: string, mark: Mark): MarkOutcome {
    const e = this.cadres.get(key)
    const b = e === undefined ? -1 : this.book.findBallot(ballot)
    return outcomeOf(b < 0 ? 0 : this.pairs.get(e!.index, b), mark)
  }

  /** Would one more mark of ballot number `b` for this cadre be a duplicate? */
  isDuplicate(e: CadreEntry, b: number, mark: Mark): boolean {
    return outcomeOf(this.pairs.get(e.index, b), mark).kind === 'duplicate'
  }

  /**
   * A pre-filter's count (ballot and voter group by number, `g` -1 for none): counts the
   * mark and returns true, or returns false and changes nothing when the mark is a
   * duplicate or the ballot has another voter group (the full checks then report it).
   */
  tryCount(entry: CadreEntry, b: number, mark: Mark, g: number): boolean {
    if (!this.book.fits(b, g)) return false
    return this.count(entry, b, mark, g)
  }

  /**
   * `tryCount` with the cadre by its index and the mark by its number (MARKS order): the byte
   * lane's count (long-lane.ts), the same decisions (`foldMark`, looked up) without a string
   * per mark or a view per row.
   */
  tryCountNo(index: number, b: number, markNo: number, g: number): boolean {
    if (!this.book.fits(b, g)) return false
    const at = (this.pairs.get(index, b) << 3) | markNo
    const outcome = OUTCOMES[at]!
    if (outcome.kind === 'duplicate') return false
    this.pairs.set(index, b, outcome.state)
    if (g >= 0) this.book.assign(b, g)
    if (this.store.source(index) !== 'ballots') this.store.setSource(index, 'ballots')
    const remove = OUTCOME_REMOVE[at]!
    if (remove >= 0) this.store.marks.addNo(index, remove, -1)
    const add = OUTCOME_ADD[at]!
    if (add >= 0) this.store.marks.addNo(index, add, 1)
    return true
  }

  /** The voter group a ballot was first seen with, when a row gives it another; else null. */
  groupConflict(ballot: string, group: string): string | null {
    return this.book.conflict(ballot, group)
  }

  /** A row left out still gives its ballot its voter group, unless that is what is wrong with it (ballot-book.ts). */
  noteGroup(ballot: string, group: string): void {
    this.book.note(ballot, group)
  }

  /** Count one mark of one ballot for one cadre (validated by the caller with peekMark). */
  applyMark(entry: CadreEntry, ballot: string, mark: Mark, group: string): void {
    this.count(entry, this.book.ballotNumber(ballot), mark, group === '' ? -1 : this.book.groupNumber(group))
  }

  /** Fold a mark into (cadre, ballot) and the tallies; false (nothing changed) for a duplicate. */
  private count(entry: CadreEntry, b: number, mark: Mark, g: number): boolean {
    const outcome = outcomeOf(this.pairs.get(entry.index, b), mark)
    if (outcome.kind === 'duplicate') return false
    this.pairs.set(entry.index, b, outcome.state)
    if (g >= 0) this.book.assign(b, g)
    entry.source = 'ballots'
    if (outcome.remove) this.store.marks.add(entry.index, outcome.remove, -1)
    if (outcome.add) this.store.marks.add(entry.index, outcome.add, 1)
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
    this.book.tallyGroups(this.pairs, this.store.size)
    // Once every file is read, the pairs have said all they had to: their room goes to the report.
    if (this.readingDone) {
      this.pairs = new PairIndex(16)
      this.book.forgetBallotGroups()
    }
  }

  /** A cadre's tallies by voter group, sorted by group. */
  groupsOf(e: CadreEntry): Array<{ group: string; tally: Tally }> {
    this.groupTallies()
    return this.book.groupsOf(e.index)
  }

  /**
   * Every file is read: the ballot ids are let go (pairs and voter groups keep ballots by
   * number), which leaves their memory — half a million ids in a ten-million-row run — to
   * the report.
   */
  doneReading(): void {
    this.readingDone = true
    this.book.forgetIds()
  }

  /** About this many marks are coming (from a file's size): the pair index makes room at once. */
  expectMarks(marks: number): void {
    this.pairs.reserve(marks)
  }

  /** The cadres as the core sees them. */
  toCadreInputs(): CadreInput[] {
    return Array.from({ length: this.store.size }, (_, i) => this.toCadreInput(this.store.entry(i)))
  }

  /**
   * The cadres as the core sees them, sorted by id, made one at a time as they are taken:
   * a report streamed from here holds one cadre's input at a time, not all of them.
   */
  *sortedCadreInputs(): Generator<CadreInput> {
    for (const i of this.idOrder()) yield this.toCadreInput(this.store.entry(i))
  }

  /** The id order of the loaded cadres, sorted once: a report takes the cadres once per output (no id changes once made). */
  private sorted: { count: number; order: Int32Array } | undefined

  private idOrder(): Int32Array {
    const count = this.store.size
    if (this.sorted?.count !== count) this.sorted = { count, order: idOrder(this.store.idList()) }
    return this.sorted.order
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
/** Each outcome's mark to remove and to add, by number (-1: none), for `tryCountNo`. */
const OUTCOME_REMOVE = new Int8Array(OUTCOMES.length).fill(-1)
const OUTCOME_ADD = new Int8Array(OUTCOMES.length).fill(-1)
OUTCOMES.forEach((o, i) => {
  if (o === undefined || o.kind !== 'counted') return
  if (o.remove) OUTCOME_REMOVE[i] = MARK_INDEX[o.remove]
  if (o.add) OUTCOME_ADD[i] = MARK_INDEX[o.add]
})
