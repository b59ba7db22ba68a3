import { dsvFormat } from 'd3-dsv'
import { Parser } from 'csv-parse'

/**
 * Records from decoded text, by two maintained parsers (issue 5: speed; issue 6: exactness).
 *
 * Text is cut into chunks at line breaks. A chunk in the plain subset of CSV — every quote
 * opens a field right after a delimiter or a line start, closes it right before one or a
 * line end, and encloses no line break; no line is a lone `""` — is parsed by d3-dsv,
 * which on that subset gives exactly the records csv-parse gives, about ten times faster
 * (BENCHMARKS.md). Any other chunk is parsed by csv-parse alone, which finds and locates
 * every error; when a quoted cell runs past the chunk, csv-parse takes over for the rest
 * of the input. kaohe checks where quotes sit; it never splits cells itself.
 */

/** Rows in bulk: `cells[i]` starts on line `lines[i]`. */
export interface RowBatch {
  cells: string[][]
  lines: number[]
}

/**
 * A copy of a cell that keeps nothing else alive. d3-dsv's cells are cut out of the chunk
 * they were read from, and V8 keeps a whole chunk alive while any longer cut-out of it
 * lives: whatever is kept after its row (a cadre's name or unit, a ballot id, an issue's
 * value) is copied first, or a big file would stay in memory piece by piece.
 */
export const own = (s: string): string => (s.length < 13 ? s : (' ' + s).slice(1))

/** csv-parse's options as kaohe uses them (one place, so both paths agree). */
export interface CsvOptions {
  delimiter: string
  maxRecordChars: number
}

/** A CSV syntax error from csv-parse, its lines made absolute (the file's, not the chunk's). */
export class CsvSyntaxError extends Error {
  constructor(
    /** csv-parse's code, e.g. CSV_QUOTE_NOT_CLOSED. */
    readonly code: string,
    /** The line csv-parse names (absolute), where it names one. */
    readonly line: number | null,
    /** The 0-based field csv-parse names, where it names one. */
    readonly column: number | null,
    /** The line the record being read starts on. */
    readonly recordLine: number,
    cause: unknown,
  ) {
    super(code, { cause })
  }
}

/** 1 + the line breaks in `text` (CRLF counts once): the line its end is on. */
export const lineAtEnd = (text: string): number => {
  let n = 1
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++
  }
  return n
}

/** Line breaks inside the cells of a record (CRLF counts once). */
const breaksIn = (cells: readonly string[]): number => cells.reduce((n, c) => n + lineAtEnd(c) - 1, 0)

/** Line breaks CSV files use — LF, CRLF, old-Mac CR — in any mixture, even in one file. */
const RECORD_DELIMITERS = ['\r\n', '\n', '\r']

const LF = 10
const CR = 13
const QUOTE = 34

/**
 * True when `t` (starting at a record's start) is in the plain subset where d3-dsv and
 * csv-parse read the same records: checked quote by quote, so it costs next to nothing on
 * text with few quotes. `last`: the text ends the input (it may end without a line break).
 */
export const isPlain = (t: string, delimiter: number, last: boolean): boolean => {
  const edge = (c: number): boolean => c === delimiter || c === LF || c === CR
  const lineEdge = (c: number): boolean => c === LF || c === CR
  let q = t.indexOf('"')
  while (q !== -1) {
    // The quote opens a field: at the start, or right after a delimiter or a line break.
    if (q > 0 && !edge(t.charCodeAt(q - 1))) return false
    let c = q
    for (;;) {
      c = t.indexOf('"', c + 1)
      if (c === -1) return false
      if (t.charCodeAt(c + 1) !== QUOTE) break
      c++ // "" inside a quoted field stands for one quote
    }
    for (let i = q + 1; i < c; i++) if (lineEdge(t.charCodeAt(i))) return false
    // The quote closes the field: right before a delimiter, a line break or the end of input.
    const after = c + 1 < t.length ? t.charCodeAt(c + 1) : -1
    if (after === -1 ? !last : !edge(after)) return false
    // A line that is just "" is a record to csv-parse and an empty line to d3-dsv.
    if (c === q + 1 && (q === 0 || lineEdge(t.charCodeAt(q - 1))) && (after === -1 || lineEdge(after))) return false
    q = t.indexOf('"', c + 1)
  }
  return true
}

/** csv-parse's synchronous core, which its stream class wraps (not in its type declarations). */
interface CsvApi {
  api: { parse(buf: Buffer | undefined, end: boolean, push: () => void, close: () => void): unknown }
}
const noop = (): void => {}

/** A chunk longer than this with no line break goes to csv-parse (it handles any length). */
const MAX_FAST_CARRY = 1 << 20

/**
 * csv-parse over some text, starting at a record's start on line `base`: its records with
 * the lines they start on (csv-parse reports where a record ends).
 */
class CsvRun {
  cells: string[][] = []
  lines: number[] = []
  private readonly parser: Parser
  // Where each record starts: after the previous record and the empty lines skipped since.
  // csv-parse counts a CRLF inside a quoted cell as two lines, so a record it says spans
  // lines has its breaks counted here (rare: cheap).
  private prevEnd: number
  private prevEmpty = 0
  private prevCsvLines = 0

  constructor(
    opts: CsvOptions,
    private readonly base: number,
  ) {
    this.prevEnd = base - 1
    this.parser = new Parser({
      delimiter: opts.delimiter,
      record_delimiter: RECORD_DELIMITERS,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: opts.maxRecordChars,
      on_record: (record: string[], ctx: { lines: number; empty_lines: number }) => {
        const blank = ctx.empty_lines - this.prevEmpty
        const line = this.prevEnd + 1 + blank
        this.prevEnd = ctx.lines - this.prevCsvLines - blank > 1 ? line + breaksIn(record) : line
        this.prevEmpty = ctx.empty_lines
        this.prevCsvLines = ctx.lines
        this.cells.push(record)
        this.lines.push(line)
        return null
      },
    })
  }

  /** Parse more text (or, with `end`, finish); a syntax error is thrown, located. */
  parse(text: string, end: boolean): void {
    const err = (this.parser as unknown as CsvApi).api.parse(text === '' ? undefined : Buffer.from(text), end, noop, noop)
    if (err !== undefined) throw this.located(err)
  }

  /** Move the records parsed so far to the end of `cells`/`lines`. */
  moveTo(cells: string[][], lines: number[]): void {
    for (let i = 0; i < this.cells.length; i++) {
      cells.push(this.cells[i]!)
      lines.push(this.lines[i]!)
    }
    this.cells = []
    this.lines = []
  }

  /** The line csv-parse has reached (for an error found outside it, e.g. a bad byte). */
  lineReached(): number {
    return this.base - 1 + this.parser.info.lines
  }

  private located(e: unknown): CsvSyntaxError {
    const err = e as { code?: string; lines?: number; column?: number | string; empty_lines?: number }
    return new CsvSyntaxError(
      err.code ?? 'CSV_ERROR',
      typeof err.lines === 'number' ? this.base - 1 + err.lines : null,
      typeof err.column === 'number' ? err.column : null,
      this.prevEnd + 1 + ((err.empty_lines ?? this.prevEmpty) - this.prevEmpty),
      e,
    )
  }
}

/** d3-dsv's `parseRows`: rows of a text, each with its index. */
type RowParser = (text: string, row: (r: string[], i: number) => void) => unknown

/**
 * d3-dsv's row parser for a delimiter, or null where d3-dsv cannot be made for it: it
 * builds a regular expression for writing with the delimiter inside a character class,
 * and `-` there is a range out of order (`--delimiter -` was an internal error). csv-parse
 * then reads everything.
 */
const dsvParser = (delimiter: string): RowParser | null => {
  try {
    return dsvFormat(delimiter).parseRows
  } catch {
    return null
  }
}

/**
 * One line (its break left out) as a chunk of the plain subset is read: by d3-dsv, where
 * the line is plain; null where it is not (a quoted cell may go on past the line break),
 * or where d3-dsv cannot be made for the delimiter.
 */
export const plainLineParser = (delimiter: string): ((text: string) => string[] | null) => {
  const parseRows = delimiter.length === 1 && !/["\r\n]/.test(delimiter) ? dsvParser(delimiter) : null
  const code = delimiter.charCodeAt(0)
  return (text) => {
    if (parseRows === null || !isPlain(text, code, true)) return null
    let row: string[] | null = null
    parseRows(text, (r) => {
      row = r
    })
    return row
  }
}

/**
 * Records from text written piece by piece (any cuts); `take()` hands over the records
 * parsed so far. Synchronous: the caller decides when to read more.
 */
export class RecordReader {
  private cells: string[][] = []
  private lines: number[] = []
  /** Text after the last line break: the start of a record still to come. */
  private carry = ''
  /** The line the carry starts on. */
  private line = 1
  /** csv-parse for the rest of the input, once a quoted cell has run past a chunk. */
  private rest: CsvRun | null = null
  private readonly parseRows: RowParser | null
  private readonly delimiterCode: number

  constructor(
    private readonly opts: CsvOptions,
    /** false: csv-parse for everything (tests compare the two). */
    fast = true,
  ) {
    const single = opts.delimiter.length === 1 && !/["\r\n]/.test(opts.delimiter)
    this.delimiterCode = opts.delimiter.charCodeAt(0)
    this.parseRows = fast && single ? dsvParser(opts.delimiter) : null
  }

  write(text: string): void {
    if (this.rest) return this.fromRest(text, false)
    const t = this.carry + text
    const cut = t.lastIndexOf('\n')
    if (cut === -1) {
      this.carry = t
      if (t.length > MAX_FAST_CARRY) this.takeOver('')
      return
    }
    this.carry = t.slice(cut + 1)
    this.chunk(t.slice(0, cut + 1), false)
  }

  end(): void {
    if (this.rest) return this.fromRest('', true)
    const t = this.carry
    this.carry = ''
    if (t !== '') this.chunk(t, true)
  }

  /** The records parsed so far, handed over. */
  take(): RowBatch {
    const batch = { cells: this.cells, lines: this.lines }
    this.cells = []
    this.lines = []
    return batch
  }

  get pending(): number {
    return this.cells.length
  }

  /**
   * At a record's start with nothing held or pending: the byte scanner may read on from
   * here (`scannedTo` then says where it stopped). Never while csv-parse reads the rest.
   */
  get atRecordStart(): boolean {
    return this.parseRows !== null && this.rest === null && this.carry === '' && this.cells.length === 0
  }

  /** The line the next text written starts on. */
  get nextLine(): number {
    return this.line
  }

  /** The byte scanner read the lines before `line`: the next text written starts there. */
  scannedTo(line: number): void {
    this.line = line
  }

  /**
   * The line the input has reached once `prefix` (text not written: the part before a bad
   * byte) is added, as csv-parse counts it.
   */
  lineAfter(prefix: string): number {
    const run = this.rest ?? new CsvRun(this.opts, this.line)
    const text = this.rest ? prefix : this.carry + prefix
    try {
      run.parse(text, true)
    } catch {
      // a record cut off by the bad byte: its line is still the one reached
    }
    return run.lineReached()
  }

  /** One chunk: from a record's start to a line break (or to the end of input). */
  private chunk(t: string, last: boolean): void {
    if (this.parseRows !== null && isPlain(t, this.delimiterCode, last)) {
      const { cells, lines } = this
      const base = this.line
      let n = 0
      this.parseRows(t, (r) => {
        const line = base + n++
        // An empty line: csv-parse skips it (skip_empty_lines), so does kaohe here.
        if (r.length === 1 && r[0] === '') return
        cells.push(r)
        lines.push(line)
      })
      this.line += n
      return
    }
    const run = new CsvRun(this.opts, this.line)
    try {
      run.parse(t, true)
    } catch (e) {
      // A quoted cell open at the chunk's end may go on in the next: csv-parse reads on.
      if (!last && e instanceof CsvSyntaxError && e.code === 'CSV_QUOTE_NOT_CLOSED') return this.takeOver(t)
      throw e
    }
    run.moveTo(this.cells, this.lines)
    this.line += lineAtEnd(t) - 1
  }

  private takeOver(t: string): void {
    const text = t + this.carry
    this.carry = ''
    this.rest = new CsvRun(this.opts, this.line)
    this.fromRest(text, false)
  }

  /** csv-parse reads on; its records join the others (also those before an error). */
  private fromRest(text: string, end: boolean): void {
    const rest = this.rest!
    try {
      rest.parse(text, end)
    } finally {
      rest.moveTo(this.cells, this.lines)
    }
  }
}
