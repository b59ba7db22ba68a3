import type { Mark } from '../core/marks.js'
import type { Collector } from './collector.js'
import { isTemplateExample } from './example.js'
import { byteGrades, type ByteGrades, cellAt, filled, gbBytes, keyCells, type KeyCells, type LongSpec, newKeyCells, scannerFor } from './long-scan.js'
import type { LastCadre } from './long-cells.js'
import { LaneIds } from './lane-ids.js'
import { own, plainLineParser } from './records.js'
import { ByteInterner, type ByteRows, type Extracted, hashBytes, type PieceExtractor, type PieceScanner, scannableBytes, textDecoders } from './scan.js'
import { exactMarkTokens } from './tokens.js'

/**
 * The long-ballot pre-filter on bytes (issue 13), on the counting thread, with the byte
 * scanner on (the default since stop 22; `KAOHE_SCAN=0` turns it off, scan-pool.ts;
 * BENCHMARKS.md): a plain line's
 * cells located by the scanner (scan.ts), then in one step its cadre found by the id's
 * bytes, its name and grade compared as bytes, its ballot compared with the last one's,
 * and the mark counted (`Collector.tryCount`). No string is made for a row that is
 * counted, except for a value met for the first time (an id, a ballot, a voter group, a
 * post a cadre lacks). A row it is not sure of — a cadre not known yet, another name,
 * white space at a cell's edge, a cell that may be a formula error, a grade spelt
 * otherwise, a duplicate, another voter group — is left untouched for the one classifier
 * (votes.ts `fullRow`), in the file's order: the lane takes exactly the rows the text
 * pre-filter (`take` in votes.ts) takes, and counts them the same way
 * (test/input/scan.property.test.ts).
 */
export class LongLane {
  private readonly scanners = new Map<string, PieceScanner>()
  private readonly parseLine: (text: string) => string[] | null
  private readonly tokens: Array<[string, Mark]>
  private utf8Grades: ByteGrades | null = null
  private gbGrades: ByteGrades | null = null
  /** The rows of the last piece scanned, and its number: a row of another piece is never taken from stale bounds. */
  private rows: ByteRows | null = null
  private readonly key: KeyCells = newKeyCells()
  private piece = 0

  /** Cadres by the bytes of their id, numbered as the collector numbers them (one lane reads one file: one encoding). */
  private readonly ids = new LaneIds()

  /** The last ballot's bytes and the collector's number for it (rows come by ballot). */
  private last = new Uint8Array(64)
  private lastLen = -1
  private lastNo = -1
  /** Voter groups by their bytes, and the collector's numbers for them. */
  private readonly groups = new ByteInterner()
  private groupNo: number[] = []
  private lastGroup = -1

  constructor(
    private readonly s: LongSpec,
    private readonly c: Collector,
    /** The cadre of the row before, shared with the text rows' TextIds (long-cells.ts). */
    private readonly lastCadre: LastCadre = { index: -1 },
  ) {
    this.parseLine = plainLineParser(String.fromCharCode(s.delimiter))
    this.tokens = exactMarkTokens(s.synonyms)
  }

  /** The file is read: drop the cadre pages and bytes (the collector keeps the counts); the lane takes no row afterwards. */
  release(): void {
    this.ids.drop()
    this.rows = null
  }

  /** What the table reads pieces with: rows located, their cells read later by `take`. */
  extractor(): PieceExtractor<LanePiece> {
    return { extract: (bytes, encoding) => this.extract(bytes, encoding) }
  }

  private extract(bytes: Buffer, encoding: 'utf-8' | 'gb18030'): Extracted<LanePiece> | null {
    if (!scannableBytes(bytes, encoding)) return null
    const got = scannerFor(this.scanners, this.s, encoding, this.parseLine).scan(bytes, 0)
    const rows = got.rows
    const n = rows.count
    this.rows = rows
    const piece = ++this.piece
    // A line with a quote was read by the CSV parser: its cells, as text.
    const parsed = rows.parsed.slice()
    return { count: n, line: rows.line.slice(0, n), start: rows.start.slice(0, n), end: rows.end.slice(0, n), stop: got.stop, lines: got.line, facts: { piece, parsed } }
  }

  /**
   * Take row r of a piece: counted (true), or left as it was for the full checks (false).
   * A row the CSV parser read (`parsed`) is not the lane's: false.
   */
  take(p: LanePiece, r: number): boolean {
    const rows = this.rows
    if (rows === null || p.piece !== this.piece || p.parsed[r] !== undefined) return false
    const s = this.s
    const b = rows.bytes
    const bounds = rows.bounds
    const gb = rows.encoding === 'gb18030'
    const key = this.key
    if (!keyCells(s, rows, r, s.used, key)) return false
    const { k0, n, bi, ii, gi } = key
    // The grade, by its exact spelling.
    const grades = gb ? (this.gbGrades ??= byteGrades(this.tokens, 'gb18030')) : (this.utf8Grades ??= byteGrades(this.tokens, 'utf-8'))
    const gs = bounds[gi]!
    const ge = bounds[gi + 1]!
    const gk = grades.interner.find(b, gs, ge, hashBytes(b, gs, ge))
    if (gk < 0) return false
    const mark = grades.marks[gk]!
    // The cadre, known by id (its first row made it, through the full checks).
    const is = bounds[ii]!
    const ie = bounds[ii + 1]!
    const id = this.idOf(b, is, ie, rows.encoding)
    if (id < 0) return false
    const ids = this.ids
    const c = this.c
    const store = c.store
    if (store.source(id) === 'counts') return false
    // The name, where given, is the cadre's (a name or an id a template's example: the full checks refuse it).
    if (!ids.named(id) && store.name(id) !== '') this.learnName(id, gb)
    if (ids.example(id)) return false
    const ni = cellAt(s.name, k0, n)
    if (filled(bounds, ni) && !ids.nameIs(id, b, bounds[ni]!, bounds[ni + 1]!)) return false
    const unitGiven = filled(bounds, cellAt(s.unit, k0, n)) || filled(bounds, cellAt(s.unitPost, k0, n))
    if (unitGiven && store.unit(id) === '') return false
    const ballot = this.ballot(b, bounds[bi]!, bounds[bi + 1]!, rows.encoding)
    const vi = cellAt(s.group, k0, n)
    const group = filled(bounds, vi) ? this.group(b, bounds[vi]!, bounds[vi + 1]!, rows.encoding) : -1
    if (!c.tryCountNo(id, ballot, mark, group)) return false
    if (store.post(id) === '') {
      const pi = cellAt(s.post, k0, n)
      if (filled(bounds, pi)) store.setPost(id, own(textDecoders[rows.encoding](b, bounds[pi]!, bounds[pi + 1]!)))
    }
    c.rowsRead++
    c.rowsCounted++
    return true
  }

  /**
   * The collector's index of the cadre whose id is bytes [s, e), -1 when no cadre has it
   * yet. Ballots list their cadres in much the same order: the id that followed the
   * previous row's last time is tried first (its bytes compared), which spares most rows a
   * probe of the hash table — a cache miss in a table of 100,000 ids.
   */
  private idOf(b: Buffer, s: number, e: number, encoding: 'utf-8' | 'gb18030'): number {
    const ids = this.ids
    // The row before may have been read as text, its cadre not held here yet.
    const before = this.lastCadre.index
    const prev = before >= 0 && ids.known(before) ? before : -1
    let id = -1
    if (prev >= 0) {
      const guess = ids.next(prev)
      if (guess >= 0 && ids.idIs(guess, b, s, e)) id = guess
    }
    if (id < 0) {
      const h = hashBytes(b, s, e)
      id = ids.find(b, s, e, h)
      if (id < 0) {
        const index = this.c.cadres.index(textDecoders[encoding](b, s, e))
        if (index >= 0 && ids.add(index, b, s, e, h)) {
          id = index
          this.learnName(id, encoding === 'gb18030')
        }
      }
      if (prev >= 0 && id >= 0) ids.setNext(prev, id)
    }
    this.lastCadre.index = id
    return id
  }

  /** The cadre's name in the file's encoding (once per cadre, and again once its name is filled in). */
  private learnName(id: number, gb: boolean): void {
    const name = this.c.store.name(id)
    // A name with no bytes in GB18030 (it cannot be: it was read from a file) matches no cell.
    const bytes = name === '' ? null : gb ? gbBytes(name) : Buffer.from(name, 'utf8')
    this.ids.learnName(id, bytes, name !== '', isTemplateExample(name) || isTemplateExample(this.c.store.id(id)))
  }

  /** The collector's number for the ballot in bytes [s, e): the last one's, or asked for once. */
  private ballot(b: Buffer, s: number, e: number, encoding: 'utf-8' | 'gb18030'): number {
    const len = e - s
    if (len === this.lastLen) {
      const last = this.last
      let j = 0
      while (j < len && last[j] === b[s + j]) j++
      if (j === len) return this.lastNo
    }
    const no = this.c.ballotNumber(textDecoders[encoding](b, s, e))
    if (len > this.last.length) this.last = new Uint8Array(len * 2)
    this.last.set(b.subarray(s, e))
    this.lastLen = len
    this.lastNo = no
    return no
  }

  /** The collector's number for the voter group in bytes [s, e). */
  private group(b: Buffer, s: number, e: number, encoding: 'utf-8' | 'gb18030'): number {
    // Mostly the last row's group (a ballot's rows share one).
    const lg = this.lastGroup
    if (lg >= 0 && this.groups.equals(lg, b, s, e)) return this.groupNo[lg]!
    const h = hashBytes(b, s, e)
    const k = this.groups.find(b, s, e, h)
    if (k >= 0) {
      this.lastGroup = k
      return this.groupNo[k]!
    }
    const no = this.c.groupNumber(textDecoders[encoding](b, s, e))
    this.lastGroup = this.groups.add(b, s, e, h)
    this.groupNo[this.lastGroup] = no
    return no
  }

}

/** A piece as the lane hands it to the reader: its number, and the cells of lines the CSV parser read. */
export interface LanePiece {
  piece: number
  parsed: Array<string[] | undefined>
}


