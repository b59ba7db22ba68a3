import { type Mark, MARKS } from '../core/marks.js'
import { encodeGb18030 } from '../output/gb18030.js'
import { plainLineParser } from './records.js'
import { ByteInterner, type ByteRows, clean, type Extracted, hashBytes, HASH, PieceScanner, scannable, textDecoders } from './scan.js'
import { exactMarkTokens, markParser } from './tokens.js'
import { anyFormulaError } from './rows.js'

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
  synonyms: Record<string, Mark>
}

/** Per row: read (its facts are in the arrays), or for the full checks. */
export const FACTS = 0
export const FULL = 1

/** What a piece's rows say, by this reader's numbers (-1: empty cell). */
export interface LongPieceFacts {
  kind: Uint8Array
  mark: Uint8Array
  unit: Uint8Array
  id: Int32Array
  name: Int32Array
  ballot: Int32Array
  group: Int32Array
  post: Int32Array
  /** The texts of numbers first given in this piece, in order, per kind (ballots: numbered from 0 in each piece). */
  strings: { id: string[]; name: string[]; ballot: string[]; group: string[]; post: string[] }
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
  const mark = parseMark(at(cells, s.grade))
  if (!mark) return null
  return { ballot, id, name: at(cells, s.name), group: at(cells, s.group), post: at(cells, s.post), mark, unitGiven: at(cells, s.unit) !== '' || at(cells, s.unitPost) !== '' }
}

/** Numbers for one kind of value, by bytes and by text alike. */
class Locals {
  private readonly bytes = new ByteInterner()
  /** Byte key → number. */
  private byBytes: number[] = []
  private readonly byText = new Map<string, number>()
  /** Texts given a number since the last `take`. */
  fresh: string[] = []

  ofBytes(b: Buffer, s: number, e: number, decode: (b: Buffer, s: number, e: number) => string): number {
    const h = hashBytes(b, s, e)
    const k = this.bytes.find(b, s, e, h)
    if (k >= 0) return this.byBytes[k]!
    const n = this.ofText(decode(b, s, e))
    this.byBytes[this.bytes.add(b, s, e, h)] = n
    return n
  }

  ofText(t: string): number {
    let n = this.byText.get(t)
    if (n === undefined) {
      n = this.byText.size
      this.byText.set(t, n)
      this.fresh.push(t)
    }
    return n
  }

  take(): string[] {
    const f = this.fresh
    this.fresh = []
    return f
  }

  /** Forget every number (ballots: numbered afresh each piece, so no thread keeps a table of all ballot ids). */
  reset(): void {
    this.bytes.clear()
    this.byBytes = []
    this.byText.clear()
  }
}

const MARK_NO = Object.fromEntries(MARKS.map((m, i) => [m, i])) as Record<Mark, number>

/** The reader of one file's long-ballot pieces (one per thread that reads them). */
export class LongExtractor {
  private readonly scanners = new Map<string, PieceScanner>()
  private readonly parseLine: (text: string) => string[] | null
  private readonly parseMark: (cell: string) => Mark | null | undefined
  private readonly tokens: Array<[string, Mark]>
  private readonly grades = new Map<string, { interner: ByteInterner; marks: number[] }>()
  private readonly ids = new Locals()
  private readonly names = new Locals()
  private readonly ballots = new Locals()
  private readonly groups = new Locals()
  private readonly posts = new Locals()
  /** The last ballot's bytes and number (rows come by ballot). */
  private last = new Uint8Array(64)
  private lastLen = -1
  private lastNo = -1
  private readonly used: Int32Array

  constructor(private readonly s: LongSpec) {
    this.parseLine = plainLineParser(String.fromCharCode(s.delimiter))
    this.parseMark = markParser(s.synonyms)
    this.tokens = exactMarkTokens(s.synonyms)
    this.used = Int32Array.from(s.used)
  }

  /** Read a piece (from a record's start); null when it is not text the scanner reads (scan.ts `scannable`). */
  extract(bytes: Buffer, encoding: 'utf-8' | 'gb18030'): Extracted<LongPieceFacts> | null {
    if (!scannable(bytes, encoding)) return null
    let scanner = this.scanners.get(encoding)
    if (scanner === undefined) {
      scanner = new PieceScanner(this.s.delimiter, encoding, this.s.width, this.parseLine)
      this.scanners.set(encoding, scanner)
    }
    const got = scanner.scan(bytes, 0)
    const rows = got.rows
    const n = rows.count
    const facts: LongPieceFacts = {
      kind: new Uint8Array(n),
      mark: new Uint8Array(n),
      unit: new Uint8Array(n),
      id: new Int32Array(n),
      name: new Int32Array(n),
      ballot: new Int32Array(n),
      group: new Int32Array(n),
      post: new Int32Array(n),
      strings: { id: [], name: [], ballot: [], group: [], post: [] },
    }
    const decode = textDecoders[encoding]
    for (let r = 0; r < n; r++) {
      const parsed = rows.parsed[r]
      const ok = parsed ? this.fromText(facts, r, parsed) : this.fromBytes(facts, r, rows, decode)
      if (!ok) facts.kind[r] = FULL
    }
    facts.strings = { id: this.ids.take(), name: this.names.take(), ballot: this.ballots.take(), group: this.groups.take(), post: this.posts.take() }
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

  private fromText(x: LongPieceFacts, r: number, cells: string[]): boolean {
    const t = readLongText(this.s, this.parseMark, cells)
    if (t === null) return false
    x.mark[r] = MARK_NO[t.mark]
    x.unit[r] = t.unitGiven ? 1 : 0
    x.id[r] = this.ids.ofText(t.id)
    x.name[r] = t.name === '' ? -1 : this.names.ofText(t.name)
    x.ballot[r] = this.ballots.ofText(t.ballot)
    x.group[r] = t.group === '' ? -1 : this.groups.ofText(t.group)
    x.post[r] = t.post === '' ? -1 : this.posts.ofText(t.post)
    // The last-ballot cache holds bytes: a ballot read as text passes it by.
    this.lastLen = -1
    return true
  }

  private fromBytes(x: LongPieceFacts, r: number, rows: ByteRows, decode: (b: Buffer, s: number, e: number) => string): boolean {
    const s = this.s
    const b = rows.bytes
    const k0 = rows.first[r]!
    const n = rows.cells[r]!
    if (n > s.width) return false
    const bounds = rows.bounds
    const gb = rows.encoding === 'gb18030'
    // Every cell used is empty, or has no white space at its edges and does not start as a formula error does.
    const used = this.used
    for (let u = 0; u < used.length; u++) {
      const col = used[u]!
      if (col >= n) continue
      const cs = bounds[2 * (k0 + col)]!
      const ce = bounds[2 * (k0 + col) + 1]!
      if (ce > cs && (b[cs] === HASH || !clean(b, cs, ce, gb))) return false
    }
    const bi = cellAt(s.ballot, k0, n)
    const ii = cellAt(s.id, k0, n)
    const gi = cellAt(s.grade, k0, n)
    if (!filled(bounds, bi) || !filled(bounds, ii) || !filled(bounds, gi)) return false
    const grades = this.gradesOf(rows.encoding)
    const gs = bounds[gi]!
    const ge = bounds[gi + 1]!
    const gk = grades.interner.find(b, gs, ge, hashBytes(b, gs, ge))
    if (gk < 0) return false
    x.mark[r] = grades.marks[gk]!
    x.unit[r] = filled(bounds, cellAt(s.unit, k0, n)) || filled(bounds, cellAt(s.unitPost, k0, n)) ? 1 : 0
    x.id[r] = this.ids.ofBytes(b, bounds[ii]!, bounds[ii + 1]!, decode)
    const ni = cellAt(s.name, k0, n)
    x.name[r] = filled(bounds, ni) ? this.names.ofBytes(b, bounds[ni]!, bounds[ni + 1]!, decode) : -1
    x.ballot[r] = this.ballot(b, bounds[bi]!, bounds[bi + 1]!, decode)
    const vi = cellAt(s.group, k0, n)
    x.group[r] = filled(bounds, vi) ? this.groups.ofBytes(b, bounds[vi]!, bounds[vi + 1]!, decode) : -1
    const pi = cellAt(s.post, k0, n)
    x.post[r] = filled(bounds, pi) ? this.posts.ofBytes(b, bounds[pi]!, bounds[pi + 1]!, decode) : -1
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

  /** Grade spellings as bytes of an encoding: mark numbers by interned key. */
  private gradesOf(enc: 'utf-8' | 'gb18030'): { interner: ByteInterner; marks: number[] } {
    const had = this.grades.get(enc)
    if (had) return had
    const interner = new ByteInterner()
    const marks: number[] = []
    for (const [token, mark] of this.tokens) {
      const b = enc === 'gb18030' ? gbBytes(token) : Buffer.from(token, 'utf8')
      if (b === null || b.length === 0) continue
      const h = hashBytes(b, 0, b.length)
      const k = interner.find(b, 0, b.length, h)
      marks[k >= 0 ? k : interner.add(b, 0, b.length, h)] = MARK_NO[mark]
    }
    const made = { interner, marks }
    this.grades.set(enc, made)
    return made
  }
}

/** Where column `col` of a row's cells (from `k0`, `n` located) has its bounds, or -1 where the row has no such cell. */
const cellAt = (col: number, k0: number, n: number): number => (col < 0 || col >= n ? -1 : 2 * (k0 + col))

/** Is the cell at bounds index i (-1: none) non-empty? */
const filled = (bounds: Int32Array, i: number): boolean => i >= 0 && bounds[i + 1]! > bounds[i]!

/** A text's GB18030 bytes, or null where it has none. */
const gbBytes = (s: string): Uint8Array | null => {
  try {
    return encodeGb18030(s)
  } catch {
    return null
  }
}
