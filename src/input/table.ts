import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Parser } from 'csv-parse'
import { InputError, MissingInputError } from '../errors.js'
import { DecodeError, type EncodingName, type EncodingOption, InputDecoder } from './decode.js'

/** One data row: its line in the file (1-based, as an editor counts) and its cells as text. */
export interface TableRow {
  line: number
  cells: string[]
}

/** Rows in bulk: `cells[i]` starts on line `lines[i]`. */
export interface RowBatch {
  cells: string[][]
  lines: number[]
}

export type TableFormat = 'csv' | 'tsv' | 'xlsx'

/** Options a user gives for reading any input file. */
export interface ReadOptions {
  encoding: EncodingOption
  /** null: detect from the first line (`,` `;` or tab). */
  delimiter: string | null
  /** XLSX: the sheet to read; null: the first. */
  sheet: string | null
}

/**
 * A table being read: its header, then its rows as a stream. Every reader (CSV, TSV, and
 * XLSX) gives this shape, so callers do not care where rows come from.
 */
export interface Table {
  /** The path as the user gave it; `-` is standard input. */
  file: string
  format: TableFormat
  header: TableRow
  rows: AsyncIterable<TableRow>
  /**
   * The same rows in batches (one await per batch, not per row): the fast path for big
   * files. Optional, for readers that only have `rows`; use `rowBatches(table)`. A table's
   * rows are read once, through one of the two.
   */
  batches?: AsyncIterable<RowBatch>
  /** Known once reading has begun; final once `rows` is done. */
  encoding(): EncodingName
  /** The SHA-256 of the raw bytes; complete once `rows` is done. */
  sha256(): string
  /** Bytes consumed so far, and the total where known; records parsed, where counted (for progress). */
  progress(): { bytes: number; total: number | null; rows?: number }
}

export const STDIN = '-'

/** Open a file (or `-` for stdin) as a table. Raises MissingInputError (66) or InputError (65). */
export const openTable = async (file: string, opts: ReadOptions): Promise<Table> => {
  let total: number | null = null
  if (file !== STDIN) {
    try {
      const st = await stat(file)
      if (st.isDirectory()) throw new MissingInputError(file, 'is-directory')
      total = st.isFile() ? st.size : null
    } catch (e) {
      if (e instanceof MissingInputError) throw e
      throw new MissingInputError(file, (e as NodeJS.ErrnoException).code ?? 'unreadable', { cause: e })
    }
  }
  const lower = file.toLowerCase()
  if (lower.endsWith('.xlsx') || lower.endsWith('.xls') || lower.endsWith('.et') || lower.endsWith('.ods')) {
    throw new InputError({ code: 'unsupported-format', params: { file } })
  }
  const format: TableFormat = lower.endsWith('.tsv') ? 'tsv' : 'csv'
  // 64 KB reads: a batch of rows (~1,000) dies young; 1 MB batches outlived V8's young
  // generation and doubled the time spent collecting garbage.
  const source = file === STDIN ? process.stdin : createReadStream(file, { highWaterMark: 1 << 16 })
  return openDelimited(file, format, source, opts, total)
}

const DELIMITERS = [',', '\t', ';'] as const

/** Pick the delimiter that occurs most often outside quotes in the header line. */
export const detectDelimiter = (line: string): string => {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]))
  let quoted = false
  for (const ch of line) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1)
  }
  let best: string = ','
  let n = 0
  for (const d of DELIMITERS) {
    if (counts.get(d)! > n) {
      best = d
      n = counts.get(d)!
    }
  }
  return best
}

/**
 * csv-parse's own Transform, taking the records as they are made instead of queueing them
 * as stream objects: `write` parses a chunk synchronously and leaves its records in
 * `cells`/`lines`, so a chunk costs one await, not one per row. Line numbers come
 * from the parser's `info` counters at each record (no `info: true` object per record).
 */
class BatchParser extends Parser {
  cells: string[][] = []
  lines: number[] = []
  /** Records parsed so far (the header too). */
  records = 0
  /** csv-parse's line count where the previous record ended, and its empty lines then. */
  private prevEnd = 0
  private prevEmpty = 0
  /**
   * csv-parse counts a CRLF inside a quoted cell as two lines; an editor counts one. The
   * CRLFs seen so far inside cells, subtracted so that later rows name the right line.
   */
  private overcount = 0

  override push(record: unknown): boolean {
    if (record === null) return super.push(null)
    const cells = record as string[]
    const { lines, empty_lines: empty } = this.info
    // A record starts after the previous one and the empty lines skipped since.
    const skipped = empty - this.prevEmpty
    this.records++
    this.cells.push(cells)
    this.lines.push(this.prevEnd + 1 + skipped - this.overcount)
    // More than one line: a quoted cell holds line breaks (rare; only then are cells scanned).
    if (lines - this.prevEnd - skipped > 1) this.overcount += crlfsIn(cells)
    this.prevEnd = lines
    this.prevEmpty = empty
    return true
  }

  /** The records parsed so far, handed over. */
  takeBatch(): RowBatch {
    const batch = { cells: this.cells, lines: this.lines }
    this.cells = []
    this.lines = []
    return batch
  }

  /** Where parsing has got to, in editor lines (for an error met before the next record). */
  line(): number {
    return this.info.lines - this.overcount
  }
}

const crlfsIn = (cells: string[]): number => {
  let n = 0
  for (const c of cells) {
    for (let i = c.indexOf('\r\n'); i >= 0; i = c.indexOf('\r\n', i + 2)) n++
  }
  return n
}

const CR = 0x0d
const LF = 0x0a

/** CSV/TSV from any byte stream: decode, detect the delimiter, parse with csv-parse as a stream. */
export const openDelimited = async (
  file: string,
  format: TableFormat,
  source: AsyncIterable<Uint8Array>,
  opts: ReadOptions,
  total: number | null,
): Promise<Table> => {
  const hash = createHash('sha256')
  const decoder = new InputDecoder(opts.encoding)
  const it = source[Symbol.asyncIterator]()
  let bytes = 0

  /** The next chunk as UTF-8 bytes (for csv-parse); null at the end. Throws DecodeError. */
  const nextBytes = async (): Promise<Uint8Array | null> => {
    for (;;) {
      let r: IteratorResult<Uint8Array>
      try {
        r = await it.next()
      } catch (e) {
        throw new MissingInputError(file, (e as NodeJS.ErrnoException).code ?? 'unreadable', { cause: e })
      }
      if (r.done) return null
      const chunk = typeof r.value === 'string' ? Buffer.from(r.value) : r.value
      hash.update(chunk)
      bytes += chunk.length
      const utf8 = decoder.writeUtf8(chunk)
      if (utf8.length > 0) return utf8
    }
  }

  // Read until the first line break, to choose the delimiter.
  const head: Uint8Array[] = []
  let ended = false
  try {
    for (;;) {
      const b = await nextBytes()
      if (b === null) {
        head.push(decoder.endUtf8())
        ended = true
        break
      }
      head.push(b)
      if (b.includes(LF) || b.includes(CR)) break
    }
  } catch (e) {
    if (e instanceof DecodeError) throw decodeFailure(file, e, 1)
    throw e
  }
  const headText = Buffer.concat(head).toString('utf8')
  if (headText.trim() === '') throw new InputError({ code: 'empty-file', params: { file } })
  const firstLine = headText.split(/\r\n|\r|\n/, 1)[0]!
  const delimiter = opts.delimiter ?? (format === 'tsv' ? '\t' : detectDelimiter(firstLine))

  const parser = new BatchParser({ delimiter, relax_column_count: true, skip_empty_lines: true })
  // Errors are taken from `parser.errored` right after each write; this keeps the stream's
  // 'error' event from counting as unhandled.
  parser.on('error', () => {})

  /** Parse one chunk (or the end: null), synchronously; raise a CSV error, located. */
  const feed = async (chunk: Uint8Array | null): Promise<void> => {
    if (chunk === null) await new Promise<void>((resolve) => parser.end(() => resolve()))
    else if (chunk.length > 0) parser.write(chunk)
    if (parser.errored) throw csvFailure(file, parser.errored, parser.line())
  }

  /** The next batch of rows; null at the end. */
  const nextBatch = async (): Promise<RowBatch | null> => {
    while (parser.cells.length === 0) {
      if (ended) return null
      let b: Uint8Array | null
      try {
        b = await nextBytes()
        if (b === null) {
          ended = true
          await feed(decoder.endUtf8())
        }
      } catch (e) {
        if (e instanceof DecodeError) throw decodeFailure(file, e, parser.line())
        throw e
      }
      await feed(b)
    }
    return parser.takeBatch()
  }

  for (const b of head) await feed(b)
  if (ended) await feed(null)

  // The header: the first record.
  let first = await nextBatch()
  if (first === null) throw new InputError({ code: 'empty-file', params: { file } })
  const header: TableRow = { line: first.lines[0]!, cells: first.cells[0]! }
  first = { cells: first.cells.slice(1), lines: first.lines.slice(1) }

  async function* batches(): AsyncGenerator<RowBatch> {
    if (first!.cells.length > 0) yield first!
    first = null
    for (;;) {
      const b = await nextBatch()
      if (b === null) return
      yield b
    }
  }
  const batched = batches()

  let digest: string | null = null
  return {
    file,
    format,
    header,
    rows: rowsOf(batched),
    batches: batched,
    encoding: () => decoder.encoding,
    sha256: () => (digest ??= hash.digest('hex')),
    progress: () => ({ bytes, total, rows: Math.max(0, parser.records - 1) }),
  }
}

async function* rowsOf(batches: AsyncIterable<RowBatch>): AsyncGenerator<TableRow> {
  for await (const b of batches) {
    for (let i = 0; i < b.cells.length; i++) yield { line: b.lines[i]!, cells: b.cells[i]! }
  }
}

/** Rows of a table read in batches: its own where it has them, else its `rows` gathered. */
export async function* rowBatches(table: Table, size = 4096): AsyncGenerator<RowBatch> {
  if (table.batches) {
    yield* table.batches
    return
  }
  let batch: RowBatch = { cells: [], lines: [] }
  for await (const row of table.rows) {
    batch.cells.push(row.cells)
    batch.lines.push(row.line)
    if (batch.cells.length >= size) {
      yield batch
      batch = { cells: [], lines: [] }
    }
  }
  if (batch.cells.length > 0) yield batch
}

const decodeFailure = (file: string, e: DecodeError, line: number): InputError =>
  new InputError(
    { code: 'bad-encoding', params: { file, encoding: e.encoding, byte: e.byteOffset, line } },
    [],
    { cause: e },
  )

const csvFailure = (file: string, e: unknown, lastLine: number): InputError => {
  const err = e as { code?: string; lines?: number; message?: string }
  const line = typeof err.lines === 'number' ? err.lines : lastLine + 1
  return new InputError({ code: 'csv-malformed', params: { file, line, detail: err.code ?? 'CSV_ERROR' } }, [], {
    cause: e,
  })
}
