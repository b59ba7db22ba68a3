import { isUtf8 } from 'node:buffer'
import { TextDecoder } from 'node:util'
import { ByteSlots } from './byte-slots.js'

/**
 * The byte-level scanner for data rows (issue 13): whole lines of a CSV file located by
 * their bytes, cells found by the delimiter, nothing decoded. UTF-8 and GB18030 alike:
 * `,` `;` tab, `\n`, `\r` and `"` are bytes below 0x40 and never occur inside a character
 * of either (GB18030 trail bytes are 0x40 and up; the four-byte form, whose second and
 * fourth bytes are digits, is left to the decoder).
 *
 * It reads only the plain subset and never interprets a quote: a piece of input that is
 * not valid in its encoding, or holds a NUL, is not scanned at all (the decoder and
 * csv-parse find and locate what is wrong); a line holding a quote is handed to the CSV
 * parser (`parseLine`), and where that line is not plain (a quoted cell may go on to the
 * next line) the rest of the piece goes back to the text path. The readers then take a
 * scanned row by a pre-filter of its shape, or ask for its cells as text (`rowCells`) and
 * give it to their one classifier.
 */

/** A file's rows in bytes: whole lines of one piece of input, each with its cells located. */
export interface ByteRows {
  readonly kind: 'bytes'
  /** The piece of input the rows are in (valid text of `encoding`, no NUL). */
  bytes: Buffer
  readonly encoding: 'utf-8' | 'gb18030'
  /** How many rows. */
  count: number
  /** Per row: the line it is on, where its line starts and ends (the line break left out). */
  line: Int32Array
  start: Int32Array
  end: Int32Array
  /**
   * Per row: its first cell bound (`bounds[2k]` is where cell k starts, `bounds[2k + 1]`
   * where it ends) and how many cells were located — at most `maxCells + 1`, so a row
   * with more cells than the header says so without all of them being located.
   */
  first: Int32Array
  cells: Int32Array
  bounds: Int32Array
  /** Rows that hold a quote, read by the CSV parser: their cells (other rows: undefined). */
  parsed: Array<string[] | undefined>
  /** The CSV parser's reading of one plain line (records.ts). */
  readonly parse: (text: string) => string[] | null
}

/**
 * What an extractor (a shape's reader of scanned rows, long-scan.ts) made of one piece: its
 * rows — lines counted from 0 at the piece's start, where each line starts and ends —
 * where it stopped (a line the scanner does not read, or -1), the lines it read, and what
 * the rows say (`facts`, the shape's own). Runs on worker threads too (scan-pool.ts).
 */
export interface Extracted<F> {
  count: number
  line: Int32Array
  start: Int32Array
  end: Int32Array
  stop: number
  lines: number
  facts: F
}

/** A shape's reader of scanned pieces, and how to make it on a worker thread. */
export interface PieceExtractor<F> {
  /** Read a piece from a record's start; null: not text the scanner reads (`scannable`). */
  extract(bytes: Buffer, encoding: 'utf-8' | 'gb18030'): Extracted<F> | null
  /** The extractor's kind and data for a worker thread (scan-worker.ts); absent: this thread only. */
  worker?: { kind: 'long'; data: unknown }
}

/** A piece of a file read by an extractor: its bytes, its rows at their lines in the file, and their facts. */
export interface ScannedPiece<F = unknown> {
  readonly kind: 'piece'
  bytes: Buffer
  encoding: 'utf-8' | 'gb18030'
  /** Whose numbers the facts are in: 0 this thread's extractor, k the k-th worker's. */
  source: number
  count: number
  line: Int32Array
  start: Int32Array
  end: Int32Array
  facts: F
  /** The CSV parser's reading of one plain line (records.ts). */
  parse: (text: string) => string[] | null
}

export const isScannedPiece = (b: unknown): b is ScannedPiece => (b as { kind?: string }).kind === 'piece'

/** The cells of row r of a scanned piece as text, as the text path reads them. */
export const pieceRowCells = (p: ScannedPiece, r: number): string[] => p.parse(textDecoders[p.encoding](p.bytes, p.start[r]!, p.end[r]!))!

const LF = 10
const CR = 13
const QUOTE = 34

/**
 * What a byte means to the scanner: 0 nothing, 1 the delimiter, 2 a line break, 3 a quote,
 * 4 (GB18030 only) a byte of 0x80 and up, which starts a character the scanner checks itself.
 */
const classes = (delimiter: number, gb: boolean): Uint8Array => {
  const c = new Uint8Array(256)
  if (gb) c.fill(4, 0x80)
  c[delimiter] = 1
  c[LF] = 2
  c[CR] = 2
  c[QUOTE] = 3
  return c
}

/**
 * Is the piece valid text of `encoding`, in the part the scanner reads? UTF-8: the
 * platform's validator (the same rules as the strict decoder). GB18030: ASCII and the
 * two-byte form only (lead 0x81–0xFE, trail 0x40–0x7E or 0x80–0xFE: every one of those
 * decodes; test/input/scan.test.ts checks all 23,940 of them); anything else, valid or not, is
 * left to the decoder. The rule stated whole, for a piece: the readers check `scannableBytes`
 * first and the scanner applies the GB18030 part line by line as it reads (`gbPair`);
 * test/input/scan.test.ts holds the two to the same answer.
 */
export const scannable = (b: Uint8Array, encoding: 'utf-8' | 'gb18030'): boolean => {
  if (!scannableBytes(b, encoding)) return false
  if (encoding === 'utf-8') return true
  const n = b.length
  for (let i = 0; i < n; i++) {
    const x = b[i]!
    if (x < 0x80) continue
    if (!gbPair(x, i + 1 < n ? b[i + 1]! : 0)) return false
    i++
  }
  return true
}

/**
 * What the scanner needs of a piece before it reads it: no NUL, and in UTF-8, valid (the
 * platform's validator). GB18030's characters are checked by the scanner itself as it meets
 * them (`PieceScanner.scan`, `gbPair`, the rule `scannable` states): a line with a character
 * it does not read, and all after it, go to the decoder — no second pass over every byte.
 */
export const scannableBytes = (b: Uint8Array, encoding: 'utf-8' | 'gb18030'): boolean =>
  b.indexOf(0) === -1 && (encoding === 'gb18030' || isUtf8(b))

/** Is the GB18030 lead byte x (0x80 and up) with the byte y after it (0: none) a two-byte character the scanner reads? */
export const gbPair = (x: number, y: number): boolean => x !== 0x80 && x !== 0xff && y >= 0x40 && y !== 0x7f && y !== 0xff

/** Text of the piece's bytes [s, e): valid, whole characters (a fresh decoder each call is not needed). */
export const textDecoders = {
  'utf-8': (b: Buffer, s: number, e: number): string => b.toString('utf8', s, e),
  gb18030: (() => {
    const d = new TextDecoder('gb18030')
    return (b: Buffer, s: number, e: number): string => {
      // ASCII (an id, a ballot number) is the same text in GB18030: no decoder call, no view made.
      let i = s
      while (i < e && b[i]! < 0x80) i++
      return i === e ? b.toString('latin1', s, e) : d.decode(b.subarray(s, e))
    }
  })(),
}

/**
 * The cells of row r as text, as the text path reads them: the CSV parser's reading of
 * its line (for a line without a quote, its cells between delimiters).
 */
export const rowCells = (rows: ByteRows, r: number): string[] =>
  rows.parsed[r] ?? rows.parse(textDecoders[rows.encoding](rows.bytes, rows.start[r]!, rows.end[r]!))!

/** The text of cell k (an index into `bounds`). */
export const cellText = (rows: ByteRows, k: number): string => textDecoders[rows.encoding](rows.bytes, rows.bounds[2 * k]!, rows.bounds[2 * k + 1]!)

/**
 * Is cell [s, e) what `String.prototype.trim` leaves as it is, and not blank? A cell whose
 * first or last character is white space (or that is empty) is not `clean`: the readers
 * give its row to the full checks, which trim as always. UTF-8: the white space `trim`
 * removes — ASCII controls and space (conservatively every byte up to 0x20), U+00A0,
 * U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF. GB18030's
 * two-byte form has U+3000 twice (A1A1, A3A0); its other white space is four-byte, never
 * scanned.
 */
export const clean = (b: Uint8Array, s: number, e: number, gb: boolean): boolean => {
  if (e <= s) return false
  const x = b[s]!
  const z = b[e - 1]!
  if (x <= 0x20 || z <= 0x20) return false
  if (gb) {
    if ((x === 0xa1 && b[s + 1] === 0xa1) || (x === 0xa3 && b[s + 1] === 0xa0)) return false
    // A cell ending in A1A1 or A3A0 may end with U+3000 (or with a character whose trail is A1): either way, the full checks.
    return !(e - s >= 2 && ((b[e - 2] === 0xa1 && z === 0xa1) || (b[e - 2] === 0xa3 && z === 0xa0)))
  }
  if (x >= 0x80 && wideSpaceAt(b, s, e)) return false
  if (z >= 0x80) {
    if (e - s >= 2 && b[e - 2] === 0xc2 && z === 0xa0) return false
    if (e - s >= 3 && wideSpaceAt(b, e - 3, e)) return false
  }
  return true
}

/** Does a UTF-8 white-space character that `trim` removes start at s (within [s, e))? */
const wideSpaceAt = (b: Uint8Array, s: number, e: number): boolean => {
  const x = b[s]!
  const y = s + 1 < e ? b[s + 1]! : 0
  const z = s + 2 < e ? b[s + 2]! : 0
  if (x === 0xc2) return y === 0xa0
  if (x === 0xe1) return y === 0x9a && z === 0x80
  if (x === 0xe2) return (y === 0x80 && ((z >= 0x80 && z <= 0x8a) || z === 0xa8 || z === 0xa9 || z === 0xaf)) || (y === 0x81 && z === 0x9f)
  if (x === 0xe3) return y === 0x80 && z === 0x80
  if (x === 0xef) return y === 0xbb && z === 0xbf
  return false
}

/** Cell [s, e) starts with '#' (a formula error such as #N/A may be in it: the full checks). */
export const HASH = 35

/**
 * One piece scanned: the rows it holds up to `stop` (the first line the scanner does not
 * read — a quote that is not plain — or the piece's end), and the line after them.
 */
export interface Scanned {
  rows: ByteRows
  /** Where the text path must take over (a byte offset in the piece), or -1: all scanned. */
  stop: number
  /** The line the next row starts on (at `stop`, or after the piece). */
  line: number
}

/**
 * Scans pieces of one file: cut at line breaks, starting at a record's start. `parseLine`
 * reads a line that holds a quote, or says it is not plain (null): the CSV parser's own
 * reading (records.ts), never the scanner's.
 */
export class PieceScanner {
  private readonly cls: Uint8Array
  /** The rows handed out, reused piece after piece (a reader is done with one piece before it asks for the next). */
  private readonly rows: ByteRows

  constructor(
    delimiter: number,
    private readonly encoding: 'utf-8' | 'gb18030',
    private readonly maxCells: number,
    private readonly parseLine: (text: string) => string[] | null,
  ) {
    this.cls = classes(delimiter, encoding === 'gb18030')
    this.rows = newRows(encoding, parseLine)
  }

  /**
   * Rows of `bytes` (a piece from a record's start to just after a line break, or the rest
   * of the input when `last`), the first on line `line`. Empty lines are no rows (as
   * csv-parse's skip_empty_lines); CRLF, LF and CR each end a line.
   */
  scan(bytes: Buffer, line: number): Scanned {
    const cls = this.cls
    const n = bytes.length
    const max = this.maxCells + 1
    const rows = this.rows
    rows.bytes = bytes
    rows.parsed.length = 0
    let bounds = rows.bounds
    let nb = 0
    let count = 0
    let i = 0
    while (i < n) {
      const lineStart = i
      let cellStart = i
      let cells = 0
      let quoted = false
      const first = nb
      let c = 0
      for (; i < n; i++) {
        c = cls[bytes[i]!]!
        if (c === 0) continue
        if (c === 2) break
        if (c === 4) {
          // GB18030: a two-byte character (its trail, 0x40 and up, is never a delimiter, a line break or a quote),
          // or one the scanner does not read — this line and the rest of the piece go to the decoder.
          if (!gbPair(bytes[i]!, i + 1 < n ? bytes[i + 1]! : 0)) {
            rows.count = count
            return { rows, stop: lineStart, line }
          }
          i++
          continue
        }
        if (c === 3) quoted = true
        else if (cells < max) {
          if (nb + 2 > bounds.length) bounds = rows.bounds = grow(bounds, nb + 2)
          bounds[nb++] = cellStart
          bounds[nb++] = i
          cells++
          cellStart = i + 1
        } else cellStart = i + 1
      }
      const lineEnd = i
      // The line break: CRLF counts once.
      if (i < n) i += bytes[i] === CR && i + 1 < n && bytes[i + 1] === LF ? 2 : 1
      if (lineEnd === lineStart) {
        line++
        continue
      }
      if (cells < max) {
        if (nb + 2 > bounds.length) bounds = rows.bounds = grow(bounds, nb + 2)
        bounds[nb++] = cellStart
        bounds[nb++] = lineEnd
        cells++
      }
      if (quoted) {
        const cellsOf = this.parseLine(textDecoders[this.encoding](bytes, lineStart, lineEnd))
        if (cellsOf === null) {
          rows.count = count
          return { rows, stop: lineStart, line }
        }
        rows.parsed[count] = cellsOf
      }
      if (count === rows.line.length) lengthen(rows)
      rows.line[count] = line
      rows.start[count] = lineStart
      rows.end[count] = lineEnd
      rows.first[count] = first >> 1
      rows.cells[count] = cells
      count++
      line++
    }
    rows.count = count
    return { rows, stop: -1, line }
  }
}

const newRows = (encoding: 'utf-8' | 'gb18030', parse: (text: string) => string[] | null): ByteRows => ({
  kind: 'bytes',
  parse,
  bytes: Buffer.alloc(0),
  encoding,
  count: 0,
  line: new Int32Array(1024),
  start: new Int32Array(1024),
  end: new Int32Array(1024),
  first: new Int32Array(1024),
  cells: new Int32Array(1024),
  bounds: new Int32Array(8 * 1024),
  parsed: [],
})

/** Room for twice as many rows. */
const lengthen = (r: ByteRows): void => {
  const n = r.line.length * 2
  r.line = grow(r.line, n)
  r.start = grow(r.start, n)
  r.end = grow(r.end, n)
  r.first = grow(r.first, n)
  r.cells = grow(r.cells, n)
}

const grow = (a: Int32Array, need: number): Int32Array<ArrayBuffer> => {
  let cap = a.length * 2
  while (cap < need) cap *= 2
  const b = new Int32Array(cap)
  b.set(a)
  return b
}

/**
 * Byte strings → small integers, by hash (FNV-1a) and exact comparison: the ids a scanner
 * meets are interned without making a string, except for a new one (whose text the caller
 * makes once, to find what it stands for). Open addressing, the keys' bytes in one arena.
 */
export class ByteInterner extends ByteSlots {
  private arena = new Uint8Array(16 * 1024)
  private top = 0
  /** Per key: where its bytes start in the arena, and how many. */
  private starts: Int32Array = new Int32Array(1024)
  private lens: Int32Array = new Int32Array(1024)
  size = 0

  /** Forget every key. */
  clear(): void {
    if (this.size === 0) return
    this.forget()
    this.top = 0
    this.size = 0
  }

  /** Add bytes [s, e) (not present): their number. */
  add(b: Uint8Array, s: number, e: number, h: number): number {
    const k = this.size++
    if (k >= this.starts.length) {
      this.starts = grow(this.starts, k + 1)
      this.lens = grow(this.lens, k + 1)
    }
    const len = e - s
    if (this.top + len > this.arena.length) {
      let cap = this.arena.length * 2
      while (cap < this.top + len) cap *= 2
      const a = new Uint8Array(cap)
      a.set(this.arena.subarray(0, this.top))
      this.arena = a
    }
    this.arena.set(b.subarray(s, e), this.top)
    this.starts[k] = this.top
    this.lens[k] = len
    this.top += len
    this.hold(k, h, 1, 2)
    return k
  }

  /** Are bytes [s, e) those of key k? */
  equals(k: number, b: Uint8Array, s: number, e: number): boolean {
    const len = e - s
    if (this.lens[k] !== len) return false
    const a = this.arena
    const at = this.starts[k]!
    for (let j = 0; j < len; j++) if (a[at + j] !== b[s + j]) return false
    return true
  }
}

/** FNV-1a over bytes [s, e). */
export const hashBytes = (b: Uint8Array, s: number, e: number): number => {
  let h = 0x811c9dc5
  for (let i = s; i < e; i++) h = Math.imul(h ^ b[i]!, 0x01000193)
  return h
}
