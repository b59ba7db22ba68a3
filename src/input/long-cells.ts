import type { Mark } from '../core/marks.js'
import { encodeGb18030 } from '../output/gb18030.js'
import type { CadreEntry, Collector } from './collector.js'
import { anyFormulaError } from './rows.js'
import { ByteInterner, type ByteRows, bytesEqual, clean, hashBytes, HASH, textDecoders } from './scan.js'
import { exactMarkTokens } from './tokens.js'

/**
 * What the long-ballot pre-filter needs of a row, read from its cells — as text (a row of
 * an XLSX sheet, a quoted line) or as bytes (a scanned line): the cadre it names by id,
 * whether its name and unit agree with that cadre, its grade, its ballot and voter group
 * by number. Only the reading differs; the pre-filter that decides is one (votes.ts).
 * Anything the reading is not sure of (a new id, a cell with spaces at its edge, a cell
 * that may be a formula error, an unknown spelling of a grade) gives null: the row goes
 * to the full checks.
 */
export interface LongFacts {
  entry: CadreEntry
  /** The name cell is empty or the cadre's name. */
  nameSame: boolean
  /** The row gives a unit (or 单位及职务). */
  unitGiven: boolean
  mark: Mark
  ballot: number
  /** The voter group's number, -1 for none. */
  group: number
  /** The post cell's text (asked only when the cadre has none yet). */
  post: () => string
}

/** The columns of the long shape, by field (undefined: absent). */
export interface LongColumns {
  ballotId?: number
  cadreId?: number
  name?: number
  unit?: number
  unitPost?: number
  post?: number
  grade?: number
  voterGroup?: number
}

const at = (cells: readonly string[], col: number | undefined): string => (col === undefined ? '' : (cells[col] ?? '').trim())

/** The facts of a row read as text. */
export const longFactsOfText = (
  c: Collector,
  f: LongColumns,
  used: readonly number[],
  parseMark: (cell: string) => Mark | null | undefined,
  cells: readonly string[],
): LongFacts | null => {
  const ballot = at(cells, f.ballotId)
  const id = at(cells, f.cadreId)
  if (ballot === '' || id === '') return null
  // A cell holding a formula error ('#N/A'): the full checks report it.
  if (anyFormulaError(cells, used)) return null
  const mark = parseMark(at(cells, f.grade))
  if (!mark) return null
  const entry = c.cadres.get(id)
  if (entry === undefined) return null
  const name = at(cells, f.name)
  const group = at(cells, f.voterGroup)
  return {
    entry,
    nameSame: name === '' || name === entry.name,
    unitGiven: at(cells, f.unit) !== '' || at(cells, f.unitPost) !== '',
    mark,
    ballot: c.ballotNumber(ballot),
    group: group === '' ? -1 : c.groupNumber(group),
    post: () => at(cells, f.post),
  }
}

/**
 * The facts of scanned rows, one file's: ids, ballots, voter groups and grade spellings
 * interned by their bytes (a string is made only for one not seen before in this file),
 * a cadre's name compared as bytes in the file's encoding.
 */
export class LongBytes {
  private readonly ids = new ByteInterner()
  private idEntry: Array<CadreEntry> = []
  /** Per interned id: the name its bytes were made from, and those bytes (null: not encodable). */
  private idName: string[] = []
  private idNameBytes: Array<Uint8Array | null> = []
  private readonly ballots = new ByteInterner()
  private ballotNo = new Int32Array(1024)
  private readonly groups = new ByteInterner()
  private groupNo: number[] = []
  /** Grade spellings as bytes, per encoding (made when a file of it is scanned). */
  private readonly grades: Partial<Record<'utf-8' | 'gb18030', { interner: ByteInterner; marks: Mark[] }>> = {}
  private readonly tokens: Array<[string, Mark]>
  /** The last ballot's bytes and number (rows come by ballot). */
  private last = new Uint8Array(64)
  private lastLen = -1
  private lastNo = -1
  private readonly used: Int32Array
  private readonly facts: LongFacts
  /** The columns as plain numbers (-1: absent), read for every row. */
  private readonly ballotCol: number
  private readonly idCol: number
  private readonly nameCol: number
  private readonly unitCol: number
  private readonly unitPostCol: number
  private readonly postCol: number
  private readonly gradeCol: number
  private readonly groupCol: number

  constructor(
    private readonly c: Collector,
    f: LongColumns,
    used: readonly number[],
    synonyms: Readonly<Record<string, Mark>>,
  ) {
    this.used = Int32Array.from(used)
    const col = (i: number | undefined): number => (i === undefined ? -1 : i)
    this.ballotCol = col(f.ballotId)
    this.idCol = col(f.cadreId)
    this.nameCol = col(f.name)
    this.unitCol = col(f.unit)
    this.unitPostCol = col(f.unitPost)
    this.postCol = col(f.post)
    this.gradeCol = col(f.grade)
    this.groupCol = col(f.voterGroup)
    this.tokens = exactMarkTokens(synonyms)
    this.facts = { entry: undefined as unknown as CadreEntry, nameSame: false, unitGiven: false, mark: 'invalid', ballot: -1, group: -1, post: () => this.post() }
  }

  private gradesOf(enc: 'utf-8' | 'gb18030'): { interner: ByteInterner; marks: Mark[] } {
    const had = this.grades[enc]
    if (had) return had
    const interner = new ByteInterner()
    const marks: Mark[] = []
    for (const [token, mark] of this.tokens) {
      const b = enc === 'gb18030' ? gbBytes(token) : utf8Bytes(token)
      if (b === null || b.length === 0) continue
      const h = hashBytes(b, 0, b.length)
      const k = interner.find(b, 0, b.length, h)
      marks[k >= 0 ? k : interner.add(b, 0, b.length, h)] = mark
    }
    return (this.grades[enc] = { interner, marks })
  }

  /** The facts of scanned row r (one object, reused: taken before the next row is read), or null. */
  of(rows: ByteRows, r: number): LongFacts | null {
    const b = rows.bytes
    const k0 = rows.first[r]!
    const n = rows.cells[r]!
    const bounds = rows.bounds
    const gb = rows.encoding === 'gb18030'
    // Every cell used is empty, or has no white space at its edges and does not start as a formula error does.
    const used = this.used
    for (let u = 0; u < used.length; u++) {
      const col = used[u]!
      if (col >= n) continue
      const s = bounds[2 * (k0 + col)]!
      const e = bounds[2 * (k0 + col) + 1]!
      if (e > s && (b[s] === HASH || !clean(b, s, e, gb))) return null
    }
    const bi = cellAt(this.ballotCol, k0, n)
    const ii = cellAt(this.idCol, k0, n)
    const gi = cellAt(this.gradeCol, k0, n)
    if (bi < 0 || ii < 0 || gi < 0) return null
    const bs = bounds[bi]!
    const be = bounds[bi + 1]!
    const is = bounds[ii]!
    const ie = bounds[ii + 1]!
    const gs = bounds[gi]!
    const ge = bounds[gi + 1]!
    if (be === bs || ie === is || ge === gs) return null
    const grades = this.gradesOf(rows.encoding)
    const gk = grades.interner.find(b, gs, ge, hashBytes(b, gs, ge))
    if (gk < 0) return null
    // The cadre, by id.
    const ih = hashBytes(b, is, ie)
    let k = this.ids.find(b, is, ie, ih)
    if (k < 0) {
      const entry = this.c.cadres.get(textDecoders[rows.encoding](b, is, ie))
      if (entry === undefined) return null
      k = this.ids.add(b, is, ie, ih)
      this.idEntry[k] = entry
      this.idName[k] = ''
      this.idNameBytes[k] = EMPTY
    }
    const entry = this.idEntry[k]!
    // The name: as bytes, against the cadre's name in this file's encoding.
    let nameSame = true
    const ni = cellAt(this.nameCol, k0, n)
    if (ni >= 0 && bounds[ni + 1]! > bounds[ni]!) {
      if (this.idName[k] !== entry.name) {
        this.idName[k] = entry.name
        this.idNameBytes[k] = gb ? gbBytes(entry.name) : utf8Bytes(entry.name)
      }
      const nb = this.idNameBytes[k] ?? null
      nameSame = nb !== null && entry.name !== '' && bytesEqual(b, bounds[ni]!, bounds[ni + 1]!, nb)
    }
    const facts = this.facts
    facts.entry = entry
    facts.nameSame = nameSame
    facts.unitGiven = filled(bounds, cellAt(this.unitCol, k0, n)) || filled(bounds, cellAt(this.unitPostCol, k0, n))
    facts.mark = grades.marks[gk]!
    facts.ballot = this.ballot(rows, bs, be)
    const vi = cellAt(this.groupCol, k0, n)
    facts.group = filled(bounds, vi) ? this.group(rows, bounds[vi]!, bounds[vi + 1]!) : -1
    this.rows = rows
    this.postAt = cellAt(this.postCol, k0, n)
    return facts
  }

  /** The post cell of the row last read (`facts.post`). */
  private rows: ByteRows | null = null
  private postAt = -1
  private post(): string {
    const rows = this.rows!
    const i = this.postAt
    return filled(rows.bounds, i) ? textDecoders[rows.encoding](rows.bytes, rows.bounds[i]!, rows.bounds[i + 1]!) : ''
  }

  private ballot(rows: ByteRows, s: number, e: number): number {
    const b = rows.bytes
    const len = e - s
    if (len === this.lastLen) {
      let same = true
      for (let j = 0; j < len; j++) {
        if (this.last[j] !== b[s + j]) {
          same = false
          break
        }
      }
      if (same) return this.lastNo
    }
    const h = hashBytes(b, s, e)
    let k = this.ballots.find(b, s, e, h)
    if (k < 0) {
      k = this.ballots.add(b, s, e, h)
      if (k >= this.ballotNo.length) {
        const next = new Int32Array(this.ballotNo.length * 2)
        next.set(this.ballotNo)
        this.ballotNo = next
      }
      this.ballotNo[k] = this.c.ballotNumber(textDecoders[rows.encoding](b, s, e))
    }
    if (len > this.last.length) this.last = new Uint8Array(len * 2)
    this.last.set(b.subarray(s, e))
    this.lastLen = len
    this.lastNo = this.ballotNo[k]!
    return this.lastNo
  }

  private group(rows: ByteRows, s: number, e: number): number {
    const b = rows.bytes
    const h = hashBytes(b, s, e)
    let k = this.groups.find(b, s, e, h)
    if (k < 0) {
      k = this.groups.add(b, s, e, h)
      this.groupNo[k] = this.c.groupNumber(textDecoders[rows.encoding](b, s, e))
    }
    return this.groupNo[k]!
  }
}

const EMPTY = new Uint8Array(0)

/** Where column `col` of a row's cells (from `k0`, `n` located) has its bounds, or -1 where the row has no such cell. */
const cellAt = (col: number, k0: number, n: number): number => (col < 0 || col >= n ? -1 : 2 * (k0 + col))

/** Is the cell at bounds index i (-1: none) non-empty? */
const filled = (bounds: Int32Array, i: number): boolean => i >= 0 && bounds[i + 1]! > bounds[i]!

const utf8Bytes = (s: string): Uint8Array => Buffer.from(s, 'utf8')

/** A text's GB18030 bytes, or null where it has a character the scanner never reads (four-byte) or none at all. */
const gbBytes = (s: string): Uint8Array | null => {
  try {
    const b = encodeGb18030(s)
    // Only ASCII and the two-byte form are scanned: a four-byte character can never match.
    return b
  } catch {
    return null
  }
}
