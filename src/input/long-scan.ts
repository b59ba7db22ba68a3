import { type Mark, MARKS } from '../core/marks.js'
import { encodeGb18030 } from '../encoding/gb18030.js'
import { plainLineParser } from './records.js'
import { ByteInterner, type ByteRows, clean, type Extracted, hashBytes, HASH, PieceScanner, scannableBytes, textDecoders } from './scan.js'
import { exactMarkTokens, markParser } from './tokens.js'
import { anyFilled, anyFormulaError } from './rows.js'

/**
 * Reading long-ballot rows for the pre-filter (issue 13), on any thread: a piece of a CSV
 * file in, per row what it says out — its grade, and its ballot, cadre id, name, voter
 * group and post as numbers of this reader's own (`LongLocals` on the main thread turns
 * them into the collector's). Ids are interned by their bytes: a string is made once per
 * distinct value, and sent along once. A row whose cells the reader is not sure of (white
 * space at a cell's edge, a cell that may be a formula error, a grade spelt otherwise, a
 * missing ballot or id) is marked FULL: its line goes to the full checks as text.
 */

/** The columns a long file's reader looks at (-1: absent), and what else reading needs. */
export interface LongSpec {
  delimiter: number
  /** The header's width: a row with more cells goes to the full checks. */
  width: number
  ballot: number
  id: number
  name: number
  unit: number
  unitPost: number
  post: number
  grade: number
  group: number
  /** The columns whose cells are checked for formula errors (all mapped ones). */
  used: number[]
  /** The header's empty columns (rows.ts UnnamedColumns): a row with something there goes to the full checks, which note it. */
  unnamed: number[]
  synonyms: Record<string, Mark>
}

/** Per row: 0 (the arrays' fill) when read — its facts are in the arrays — or FULL, for the full checks. */
export const FULL = 1

/** What a piece's rows say, by this reader's numbers (-1: empty cell). */
export interface LongPieceFacts {
  kind: Uint8Array
  mark: Uint8Array
  unit: Uint8Array
  id: Int32Array
  /** The name cell: 0 empty, 1 the name first seen with this id (`strings.name`). */
  name: Uint8Array
  ballot: Int32Array
  group: Int32Array
  post: Int32Array
  /**
   * The texts of numbers first given in this piece, in order, per kind (ballots: numbered
   * from 0 in each piece); `name`: an id's number then the name first seen with it, for
   * each id whose first name appeared in this piece.
   */
  strings: { id: string[]; name: Array<number | string>; ballot: string[]; group: string[]; post: string[] }
}

/** A long row's cells as text, as the pre-filter needs them; null where the full checks must look. */
export interface LongText {
  ballot: string
  id: string
  name: string
  group: string
  post: string
  mark: Mark
  unitGiven: boolean
}

const at = (cells: readonly string[], col: number): string => (col < 0 ? '' : (cells[col] ?? '').trim())

/** Read a long row given as text (an XLSX row, a quoted line); null: the full checks. */
export const readLongText = (s: LongSpec, parseMark: (cell: string) => Mark | null | undefined, cells: readonly string[]): LongText | null => {
  if (cells.length > s.width) return null
  const ballot = at(cells, s.ballot)
  const id = at(cells, s.id)
  if (ballot === '' || id === '') return null
  // A cell holding a formula error ('#N/A'): the full checks report it.
  if (anyFormulaError(cells, s.used)) return null
  // Something in a column with no heading: the full checks note it.
  if (anyFilled(cells, s.unnamed)) return null
  const mark = parseMark(at(cells, s.grade))
  if (!mark) return null
  return { ballot, id, name: at(cells, s.name), group: at(cells, s.group), post: at(cells, s.post), mark, unitGiven: at(cells, s.unit) !== '' || at(cells, s.unitPost) !== '' }
}

/**
 * Numbers for one kind of value, by its bytes in the file's encoding (a value read as text
 * is encoded back: one table, whichever way a row was read). A value gets its number and
 * its text made once; the text is sent along with the piece it first appears in.
 */
class Locals {
  private readonly bytes = new ByteInterner()
  /** Texts given a number since the last `take`. */
  fresh: string[] = []

  ofBytes(b: Uint8Array, s: number, e: number, decode: (b: Buffer, s: number, e: number) => string): number {
    const h = hashBytes(b, s, e)
    const k = this.bytes.find(b, s, e, h)
    if (k >= 0) return k
    this.fresh.push(decode(b as Buffer, s, e))
    return this.bytes.add(b, s, e, h)
  }

  ofText(t: string, encoding: 'utf-8' | 'gb18030'): number {
    const b = encoding === 'gb18030' ? gbBytes(t) : Buffer.from(t, 'utf8')
    if (b === null) return -1
    const h = hashBytes(b, 0, b.length)
    const k = this.bytes.find(b, 0, b.length, h)
    if (k >= 0) return k
    this.fresh.push(t)
    return this.bytes.add(b, 0, b.length, h)
  }

  /** Are bytes [s, e) those of number k? */
  same(k: number, b: Uint8Array, s: number, e: number): boolean {
    return this.bytes.equals(k, b, s, e)
  }

  /** A number for bytes [s, e), made when new, its text not sent (a first name: sent with its id). */
  key(b: Uint8Array, s: number, e: number): number {
    const h = hashBytes(b, s, e)
    const k = this.bytes.find(b, s, e, h)
    return k >= 0 ? k : this.bytes.add(b, s, e, h)
  }

  take(): string[] {
    const f = this.fresh
    this.fresh = []
    return f
  }

  /** Forget every number (ballots: numbered afresh each piece, so no thread keeps a table of all ballot ids). */
  reset(): void {
    this.bytes.clear()
  }
}

const MARK_NO = Object.fromEntries(MARKS.map((m, i) => [m, i])) as Record<Mark, number>

/** The reader of one file's long-ballot pieces (one per thread that reads them). */
export class LongExtractor {
  private readonly scanners = new Map<string, PieceScanner>()
  private readonly parseLine: (text: string) => string[] | null
  private readonly parseMark: (cell: string) => Mark | null | undefined
  private readonly tokens: Array<[string, Mark]>
  private readonly grades = new Map<string, ByteGrades>()
  private readonly ids = new Locals()
  /** Per id number: the name first seen with it (as a number of `names`), -1 none yet. */
  private idName: Int32Array = new Int32Array(1024).fill(-1)
  private readonly names = new Locals()
  private readonly ballots = new Locals()
  private readonly groups = new Locals()
  private readonly posts = new Locals()
  /** The last ballot's bytes and number (rows come by ballot). */
  private last = new Uint8Array(64)
  private lastLen = -1
  private lastNo = -1
  private readonly used: Int32Array
  private readonly key: KeyCells = newKeyCells()

  constructor(private readonly s: LongSpec) {
    this.parseLine = plainLineParser(String.fromCharCode(s.delimiter))
    this.parseMark = markParser(s.synonyms)
    this.tokens = exactMarkTokens(s.synonyms)
    this.used = Int32Array.from(s.used)
  }

  /** Read a piece (from a record's start); null when it is not text the scanner reads (scan.ts `scannableBytes`; GB18030 characters the scanner checks itself). */
  extract(bytes: Buffer, encoding: 'utf-8' | 'gb18030'): Extracted<LongPieceFacts> | null {
    if (!scannableBytes(bytes, encoding)) return null
    const got = scannerFor(this.scanners, this.s, encoding, this.parseLine).scan(bytes, 0)
    const rows = got.rows
    const n = rows.count
    const facts: LongPieceFacts = {
      kind: new Uint8Array(n),
      mark: new Uint8Array(n),
      unit: new Uint8Array(n),
      id: new Int32Array(n),
      name: new Uint8Array(n),
      ballot: new Int32Array(n),
      group: new Int32Array(n),
      post: new Int32Array(n),
      strings: { id: [], name: [], ballot: [], group: [], post: [] },
    }
    const decode = textDecoders[encoding]
    for (let r = 0; r < n; r++) {
      const parsed = rows.parsed[r]
      const ok = parsed ? this.fromText(facts, r, parsed, encoding) : this.fromBytes(facts, r, rows, decode)
      if (!ok) facts.kind[r] = FULL
    }
    facts.strings = { id: this.ids.take(), name: this.firstNames, ballot: this.ballots.take(), group: this.groups.take(), post: this.posts.take() }
    this.firstNames = []
    this.ballots.reset()
    this.lastLen = -1
    return {
      count: n,
      line: rows.line.slice(0, n),
      start: rows.start.slice(0, n),
      end: rows.end.slice(0, n),
      stop: got.stop,
      lines: got.line,
      facts,
    }
  }

  private fromText(x: LongPieceFacts, r: number, cells: string[], encoding: 'utf-8' | 'gb18030'): boolean {
    const t = readLongText(this.s, this.parseMark, cells)
    if (t === null) return false
    x.mark[r] = MARK_NO[t.mark]
    x.unit[r] = t.unitGiven ? 1 : 0
    const id = this.ids.ofText(t.id, encoding)
    const ballot = this.ballots.ofText(t.ballot, encoding)
    const group = t.group === '' ? -1 : this.groups.ofText(t.group, encoding)
    const post = t.post === '' ? -1 : this.posts.ofText(t.post, encoding)
    if (id < 0 || ballot < 0 || (t.group !== '' && group < 0) || (t.post !== '' && post < 0)) return false
    x.id[r] = id
    if (t.name !== '') {
      const nb = encoding === 'gb18030' ? gbBytes(t.name) : Buffer.from(t.name, 'utf8')
      if (nb === null || !this.nameIs(id, nb, 0, nb.length, t.name)) return false
      x.name[r] = 1
    }
    x.ballot[r] = ballot
    x.group[r] = group
    x.post[r] = post
    // The last-ballot cache holds bytes: a ballot read as text passes it by.
    this.lastLen = -1
    return true
  }

  private fromBytes(x: LongPieceFacts, r: number, rows: ByteRows, decode: (b: Buffer, s: number, e: number) => string): boolean {
    const s = this.s
    const b = rows.bytes
    const bounds = rows.bounds
    const key = this.key
    if (!keyCells(s, rows, r, this.used, key)) return false
    const { k0, n, bi, ii, gi } = key
    const grades = this.gradesOf(rows.encoding)
    const gs = bounds[gi]!
    const ge = bounds[gi + 1]!
    const gk = grades.interner.find(b, gs, ge, hashBytes(b, gs, ge))
    if (gk < 0) return false
    x.mark[r] = grades.marks[gk]!
    x.unit[r] = filled(bounds, cellAt(s.unit, k0, n)) || filled(bounds, cellAt(s.unitPost, k0, n)) ? 1 : 0
    const id = (x.id[r] = this.ids.ofBytes(b, bounds[ii]!, bounds[ii + 1]!, decode))
    const ni = cellAt(s.name, k0, n)
    if (filled(bounds, ni)) {
      if (!this.nameIs(id, b, bounds[ni]!, bounds[ni + 1]!, null, decode)) return false
      x.name[r] = 1
    }
    x.ballot[r] = this.ballot(b, bounds[bi]!, bounds[bi + 1]!, decode)
    const vi = cellAt(s.group, k0, n)
    x.group[r] = filled(bounds, vi) ? this.groups.ofBytes(b, bounds[vi]!, bounds[vi + 1]!, decode) : -1
    const pi = cellAt(s.post, k0, n)
    x.post[r] = filled(bounds, pi) ? this.posts.ofBytes(b, bounds[pi]!, bounds[pi + 1]!, decode) : -1
    return true
  }

  /** First names set in this piece: id numbers and names, in turn. */
  private firstNames: Array<number | string> = []

  /**
   * Is this name (bytes [s, e), or `text`) the one first seen with id `id`? A first name
   * is taken (and sent along); another name is not: the row goes to the full checks, which
   * compare it with the cadre's own.
   */
  private nameIs(id: number, b: Uint8Array, s: number, e: number, text: string | null, decode?: (b: Buffer, s: number, e: number) => string): boolean {
    if (id >= this.idName.length) {
      const next = new Int32Array(Math.max(id + 1, this.idName.length * 2)).fill(-1)
      next.set(this.idName)
      this.idName = next
    }
    const k = this.idName[id]!
    if (k >= 0) return this.names.same(k, b, s, e)
    this.idName[id] = this.names.key(b, s, e)
    this.firstNames.push(id, text ?? decode!(b as Buffer, s, e))
    return true
  }

  private ballot(b: Buffer, s: number, e: number, decode: (b: Buffer, s: number, e: number) => string): number {
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
    const no = this.ballots.ofBytes(b, s, e, decode)
    if (len > this.last.length) this.last = new Uint8Array(len * 2)
    this.last.set(b.subarray(s, e))
    this.lastLen = len
    this.lastNo = no
    return no
  }

  /** Grade spellings as bytes of an encoding. */
  private gradesOf(enc: 'utf-8' | 'gb18030'): ByteGrades {
    const had = this.grades.get(enc)
    if (had) return had
    const made = byteGrades(this.tokens, enc)
    this.grades.set(enc, made)
    return made
  }
}

/** A file's scanner for one encoding, made on first use (one per encoding a reader meets). */
export const scannerFor = (scanners: Map<string, PieceScanner>, s: LongSpec, encoding: 'utf-8' | 'gb18030', parseLine: (text: string) => string[] | null): PieceScanner => {
  let scanner = scanners.get(encoding)
  if (scanner === undefined) {
    scanner = new PieceScanner(s.delimiter, encoding, s.width, parseLine)
    scanners.set(encoding, scanner)
  }
  return scanner
}

/** Grade spellings as bytes of one encoding: each spelling's mark number, by its interned key. */
export interface ByteGrades {
  interner: ByteInterner
  marks: number[]
}

/** The grade spellings (exactMarkTokens: a later one overrides, as in markParser) as bytes of `enc`. */
export const byteGrades = (tokens: ReadonlyArray<[string, Mark]>, enc: 'utf-8' | 'gb18030'): ByteGrades => {
  const interner = new ByteInterner()
  const marks: number[] = []
  for (const [token, mark] of tokens) {
    const b = enc === 'gb18030' ? gbBytes(token) : Buffer.from(token, 'utf8')
    if (b === null || b.length === 0) continue
    const h = hashBytes(b, 0, b.length)
    const k = interner.find(b, 0, b.length, h)
    marks[k >= 0 ? k : interner.add(b, 0, b.length, h)] = MARK_NO[mark]
  }
  return { interner, marks }
}

/**
 * Is every used cell of a located row (cells from `k0`, `n` located) empty, or without white
 * space at its edges and not starting as a formula error does (`#N/A`)? An ASCII edge is
 * decided here; a non-ASCII one (U+3000, U+00A0 …) by `clean`.
 */
export const usedCellsPlain = (b: Uint8Array, bounds: Int32Array, k0: number, n: number, used: ArrayLike<number>, gb: boolean): boolean => {
  for (let u = 0; u < used.length; u++) {
    const col = used[u]!
    if (col >= n) continue
    const cs = bounds[2 * (k0 + col)]!
    const ce = bounds[2 * (k0 + col) + 1]!
    if (ce <= cs) continue
    const x = b[cs]!
    const z = b[ce - 1]!
    if (x <= 0x20 || z <= 0x20 || x === HASH) return false
    if ((x >= 0x80 || z >= 0x80) && !clean(b, cs, ce, gb)) return false
  }
  return true
}

/** Where a located row's cells are and where its ballot, id and grade cells have their bounds. */
export interface KeyCells {
  k0: number
  n: number
  bi: number
  ii: number
  gi: number
}
export const newKeyCells = (): KeyCells => ({ k0: 0, n: 0, bi: -1, ii: -1, gi: -1 })

/**
 * A long row located by the scanner, as far as every byte pre-filter reads it alike: no more
 * cells than the header, every used cell plain (`usedCellsPlain`), a ballot, an id and a
 * grade given. Fills `out` (reused row after row); false: the full checks.
 */
export const keyCells = (s: LongSpec, rows: ByteRows, r: number, used: ArrayLike<number>, out: KeyCells): boolean => {
  const n = rows.cells[r]!
  if (n > s.width) return false
  const k0 = rows.first[r]!
  const bounds = rows.bounds
  if (!usedCellsPlain(rows.bytes, bounds, k0, n, used, rows.encoding === 'gb18030')) return false
  const bi = cellAt(s.ballot, k0, n)
  const ii = cellAt(s.id, k0, n)
  const gi = cellAt(s.grade, k0, n)
  if (!filled(bounds, bi) || !filled(bounds, ii) || !filled(bounds, gi)) return false
  const unnamed = s.unnamed
  for (let u = 0; u < unnamed.length && unnamed[u]! < n; u++) if (filled(bounds, cellAt(unnamed[u]!, k0, n))) return false
  out.k0 = k0
  out.n = n
  out.bi = bi
  out.ii = ii
  out.gi = gi
  return true
}

/** Where column `col` of a row's cells (from `k0`, `n` located) has its bounds, or -1 where the row has no such cell. */
export const cellAt = (col: number, k0: number, n: number): number => (col < 0 || col >= n ? -1 : 2 * (k0 + col))

/** Is the cell at bounds index i (-1: none) non-empty? */
export const filled = (bounds: Int32Array, i: number): boolean => i >= 0 && bounds[i + 1]! > bounds[i]!

/** A text's GB18030 bytes, or null where it has none. */
export const gbBytes = (s: string): Uint8Array | null => {
  try {
    return encodeGb18030(s)
  } catch {
    return null
  }
}
