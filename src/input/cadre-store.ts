import { type Mark, MARKS } from '../core/marks.js'
import type { CadreInput, FindingInput } from '../core/model.js'
import { emptyTally, type Tally } from '../core/tally.js'
import { grown } from './pair-index.js'

/**
 * The cadre store: a cadre is an index (made by `CadreStore.add`), its fields kept by that
 * index — strings in arrays, numbers and flags in typed arrays, the rarely used fields in
 * an `Extra` made on first write. `CadreStore.entry` gives a `CadreEntry`, a view of one
 * index made on asking (two fields): a million cadres are no million objects (SPEC §5).
 * Two views of one cadre are two objects: compare their `index`, not the views.
 */

/** A cadre as the readers build it up. */
export interface CadreEntry extends Pick<CadreInput, 'name' | 'unit' | 'post' | 'principal' | 'annualGrade' | 'dutyStatement' | 'mustReport' | 'onRoster'> {
  readonly key: string
  readonly id: string
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
  /** The cadre's number in its store and the collector's compact tables (voter groups, the pair index). */
  readonly index: number
  /** A wide file's column header, shown as the name when no file gives one (no roster). */
  headerName: string
  /** Item 5: the report as read so far (answers by category key), where the files give one. */
  report?: ReportEntry
  /** Item 5: verification findings for this cadre. */
  findings?: FindingInput[]
}

/** No count sheet: one empty list for every cadre (an array each is 3 MB for 100,000). */
const NO_FILES: readonly string[] = Object.freeze([])

/**
 * The fields a cadre has from a roster, paper ballots or item-5 files: most cadres of a big
 * run have none, so they live in an `Extra` made on the first write (`CadreStore.extras`).
 */
type ExtraField =
  | 'principal'
  | 'annualGrade'
  | 'dutyStatement'
  | 'mustReport'
  | 'onRoster'
  | 'rosterEligible'
  | 'ballotEligible'
  | 'headerName'
  | 'nameAmbiguous'
  | 'report'
  | 'findings'

type Extra = { [K in ExtraField]: CadreEntry[K] }

/** Grow a typed array to hold `need` items, doubling (the new items are 0). */
const grownTo = <A extends Float64Array<ArrayBuffer> | Uint8Array<ArrayBuffer> | Uint32Array<ArrayBuffer>>(a: A, need: number, make: (n: number) => A): A => {
  if (need <= a.length) return a
  let cap = Math.max(a.length, 1024)
  while (cap < need) cap *= 2
  const b = make(cap)
  b.set(a)
  return b
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

/** Slots of a cadre in `CadreStore.sheet`: the six marks (MARKS order), 应参加人数, 实参加人数. */
const ELIGIBLE = MARKS.length
const PARTICIPATED = MARKS.length + 1
const SHEET_WIDTH = MARKS.length + 2
/** A null in a 32-bit `sheet`. */
const NONE = 0xffffffff

/** Bits of `CadreStore.flags`. */
const FROM_BALLOTS = 1
const FROM_COUNTS = 2
const INCOMPLETE = 4
/** The cadre has counts from a count sheet (`sheet` holds them). */
const SHEET_TALLY = 8

/**
 * What the entries of one collector keep outside their objects, by cadre index: typed
 * arrays (no object, no array per cadre) and, for the rare fields, an `Extra` by index.
 * A count sheet of a million cadres costs here 8 numbers, a byte and a file-list number
 * each, instead of a Tally, a list of files and an Extra object (SPEC §5).
 */
export class CadreStore {
  /** Each cadre's id, name and unit (units are shared strings: many cadres share one). */
  private readonly ids: string[] = []
  private readonly names: string[] = []
  private readonly units: string[] = []
  /** Posts, made with the first one (most files give none): '' for a cadre without. */
  private posts: string[] | undefined
  /** A cadre's key where it is not its id (a name key, SPEC §2.1): few have one. */
  private readonly keys = new Map<number, string>()
  /** Counts of marks from ballots. */
  readonly marks = new MarkCounts()

  /** The number of cadres. */
  get size(): number {
    return this.ids.length
  }
  /** A new cadre; returns its index (0, 1, 2, … in the order they are added). */
  add(key: string, id: string, name: string, unit: string): number {
    const index = this.ids.length
    this.ids.push(id)
    this.names.push(name)
    this.units.push(unit)
    this.posts?.push('')
    if (key !== id) this.keys.set(index, key)
    return index
  }
  /** A view of cadre `index` (0 ≤ index < size), made anew. */
  entry(index: number): CadreEntry {
    return new Entry(index, this) as unknown as CadreEntry
  }
  /** Every cadre's id, by index (read only: the store's own list). */
  idList(): readonly string[] {
    return this.ids
  }
  key(index: number): string {
    return this.keys.get(index) ?? this.ids[index]!
  }
  id(index: number): string {
    return this.ids[index]!
  }
  name(index: number): string {
    return this.names[index]!
  }
  setName(index: number, v: string): void {
    this.names[index] = v
  }
  unit(index: number): string {
    return this.units[index]!
  }
  setUnit(index: number, v: string): void {
    this.units[index] = v
  }
  post(index: number): string {
    return this.posts === undefined ? '' : this.posts[index]!
  }
  setPost(index: number, v: string): void {
    if (this.posts === undefined) {
      if (v === '') return
      this.posts = this.ids.map(() => '')
    }
    this.posts[index] = v
  }
  /** `source` and `incomplete`, and whether `sheet` holds the cadre's counts. */
  private flags = new Uint8Array(0)
  /**
   * Count sheets' numbers, SHEET_WIDTH a cadre: 32 bits each, `NONE` for null, until a
   * number needs more (--sum-counts adds counts of up to 10⁹ a file), then 64-bit floats
   * (exact integers to 2⁵³), NaN for null. Empty until a sheet gives a number.
   */
  private sheet: Uint32Array<ArrayBuffer> | Float64Array<ArrayBuffer> = new Uint32Array(0)
  /** The list of count sheets of each cadre, as a number into `fileLists` (0: none). */
  private files = new Uint32Array(0)
  private readonly fileLists: (readonly string[])[] = [NO_FILES]
  private readonly fileListIds = new Map<string, number>()
  /** The rare fields, by index, for the cadres that have any. */
  private readonly extras = new Map<number, Extra>()

  private flag(index: number, bit: number): boolean {
    return ((this.flags[index] ?? 0) & bit) !== 0
  }
  private setFlag(index: number, bit: number, on: boolean): void {
    if (!on && index >= this.flags.length) return
    this.flags = grownTo(this.flags, index + 1, (n) => new Uint8Array(n))
    this.flags[index] = on ? this.flags[index]! | bit : this.flags[index]! & ~bit
  }

  source(index: number): CadreEntry['source'] {
    const f = this.flags[index] ?? 0
    return (f & FROM_BALLOTS) !== 0 ? 'ballots' : (f & FROM_COUNTS) !== 0 ? 'counts' : null
  }
  setSource(index: number, s: CadreEntry['source']): void {
    this.setFlag(index, FROM_BALLOTS, s === 'ballots')
    this.setFlag(index, FROM_COUNTS, s === 'counts')
  }
  incomplete(index: number): boolean {
    return this.flag(index, INCOMPLETE)
  }
  setIncomplete(index: number, v: boolean): void {
    this.setFlag(index, INCOMPLETE, v)
  }

  private sheetAt(index: number, slot: number): number | null {
    const at = index * SHEET_WIDTH + slot
    if (at >= this.sheet.length) return null
    const v = this.sheet[at]!
    return this.sheet instanceof Uint32Array ? (v === NONE ? null : v) : Number.isNaN(v) ? null : v
  }
  private setSheetAt(index: number, slot: number, v: number | null): void {
    const need = (index + 1) * SHEET_WIDTH
    if (need > this.sheet.length) {
      if (v === null) return
      const from = this.sheet.length
      const wide = this.sheet instanceof Float64Array
      this.sheet = grownTo(this.sheet, need, (n) => (wide ? new Float64Array(n) : new Uint32Array(n)))
      this.sheet.fill(wide ? NaN : NONE, from)
    }
    if (this.sheet instanceof Uint32Array && v !== null && v >= NONE) this.sheet = Float64Array.from(this.sheet, (x) => (x === NONE ? NaN : x))
    this.sheet[index * SHEET_WIDTH + slot] = v === null ? (this.sheet instanceof Uint32Array ? NONE : NaN) : v
  }

  /** The cadre's counts from count sheets, made anew (null: none). */
  sheetTally(index: number): Tally | null {
    if (!this.flag(index, SHEET_TALLY)) return null
    const t = emptyTally()
    const base = index * SHEET_WIDTH
    MARKS.forEach((m, i) => (t[m] = this.sheet[base + i]!))
    t.eligible = this.sheetAt(index, ELIGIBLE)
    return t
  }
  setSheetTally(index: number, t: Tally | null): void {
    this.setFlag(index, SHEET_TALLY, t !== null)
    if (t === null) return
    MARKS.forEach((m, i) => this.setSheetAt(index, i, t[m]))
    this.setSheetAt(index, ELIGIBLE, t.eligible)
  }
  participated(index: number): number | null {
    return this.sheetAt(index, PARTICIPATED)
  }
  setParticipated(index: number, v: number | null): void {
    this.setSheetAt(index, PARTICIPATED, v)
  }

  countFiles(index: number): readonly string[] {
    return this.fileLists[this.files[index] ?? 0]!
  }
  /** One list for every cadre of the same sheets: a million cadres of one sheet share one. */
  setCountFiles(index: number, files: readonly string[]): void {
    const key = JSON.stringify(files)
    let id = this.fileListIds.get(key)
    if (id === undefined) {
      id = this.fileLists.length
      this.fileLists.push(Object.freeze([...files]))
      this.fileListIds.set(key, id)
    }
    if (id === 0 && index >= this.files.length) return
    this.files = grownTo(this.files, index + 1, (n) => new Uint32Array(n))
    this.files[index] = id
  }

  extra(index: number): Readonly<Extra> {
    return this.extras.get(index) ?? NO_EXTRA
  }
  setExtra<K extends ExtraField>(index: number, k: K, v: Extra[K]): void {
    let x = this.extras.get(index)
    if (x === undefined) this.extras.set(index, (x = { ...NO_EXTRA }))
    x[k] = v
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
  headerName: '',
  nameAmbiguous: false,
  report: undefined,
  findings: undefined,
})

/**
 * A `CadreEntry`: a view of one cadre's index in its store, every field an accessor (on the
 * prototype, below) reading or writing the store.
 */
class Entry {
  constructor(
    readonly index: number,
    readonly store: CadreStore,
  ) {}

  get key(): string {
    return this.store.key(this.index)
  }
  get id(): string {
    return this.store.id(this.index)
  }
  get name(): string {
    return this.store.name(this.index)
  }
  set name(v: string) {
    this.store.setName(this.index, v)
  }
  get unit(): string {
    return this.store.unit(this.index)
  }
  set unit(v: string) {
    this.store.setUnit(this.index, v)
  }
  get post(): string {
    return this.store.post(this.index)
  }
  set post(v: string) {
    this.store.setPost(this.index, v)
  }
  get source(): CadreEntry['source'] {
    return this.store.source(this.index)
  }
  set source(s: CadreEntry['source']) {
    this.store.setSource(this.index, s)
  }
  get incomplete(): boolean {
    return this.store.incomplete(this.index)
  }
  set incomplete(v: boolean) {
    this.store.setIncomplete(this.index, v)
  }
  /** The cadre's counts (made anew): from its ballots, or from count sheets; null when it has neither. */
  get tally(): Tally | null {
    return this.source === 'ballots' ? this.store.marks.tally(this.index) : this.store.sheetTally(this.index)
  }
  set tally(t: Tally | null) {
    this.store.setSheetTally(this.index, t)
  }
  get participated(): number | null {
    return this.store.participated(this.index)
  }
  set participated(v: number | null) {
    this.store.setParticipated(this.index, v)
  }
  get countFiles(): readonly string[] {
    return this.store.countFiles(this.index)
  }
  set countFiles(files: readonly string[]) {
    this.store.setCountFiles(this.index, files)
  }
}
for (const k of Object.keys(NO_EXTRA) as ExtraField[]) {
  Object.defineProperty(Entry.prototype, k, {
    get(this: Entry) {
      return this.store.extra(this.index)[k]
    },
    set(this: Entry, v: never) {
      this.store.setExtra(this.index, k, v)
    },
  })
}

/** A report being gathered from rows and files: each category once, the latest date. */
export interface ReportEntry {
  answers: Map<string, { answered: boolean; where: string }>
  date: string | null
}


const MARK_INDEX = Object.fromEntries(MARKS.map((m, i) => [m, i])) as Record<Mark, number>
