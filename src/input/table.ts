import { createHash } from 'node:crypto'
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs'
import { Socket } from 'node:net'
import type { Readable } from 'node:stream'
import { stat } from 'node:fs/promises'
import { InputError, type Message, MissingInputError } from '../errors.js'
import { DecodeError, type EncodingName, type EncodingOption, InputDecoder, Utf16Error } from './decode.js'
import { holdStdin } from './stdin.js'
import { CsvSyntaxError, lineAtEnd, plainLineParser, RecordReader, type RowBatch } from './records.js'
import { type Extracted, isScannedPiece, type PieceExtractor, pieceRowCells, type ScannedPiece } from './scan.js'
import { POOL_PIECE_BYTES, poolSize, ScanPool, scanOn } from './scan-pool.js'
import type { Layout } from './layout.js'
import type { MergeRange, NumberFormat } from './xlsx.js'

/** One data row: its line in the file (1-based, as an editor counts) and its cells as text. */
export interface TableRow {
  line: number
  cells: string[]
}

export type TableFormat = 'csv' | 'tsv' | 'xlsx'

/** Options a user gives for reading any input file. */
export interface ReadOptions {
  encoding: EncodingOption
  /** null: detect from the first line (`,` `;` or tab). */
  delimiter: string | null
  /** XLSX: the sheet to read (`--sheet`); null: every sheet that holds a table of the input's kind. */
  sheet: string | null
  /** `--header-row N`: the line of the header row (the top one of several); null: found. */
  headerRow?: number | null
  /** false: csv-parse reads every record (tests compare this with the default, fast reading). */
  fast?: boolean
  /**
   * Internal (tests, benchmarks): the byte scanner on (default: on unless `KAOHE_SCAN=0`),
   * its worker threads (default: none unless `KAOHE_SCAN_WORKERS=N`) and bytes per piece sent to one.
   */
  scan?: { on?: boolean; workers?: number; pieceBytes?: number }
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
  /**
   * The rows. A CSV table's rows also come in batches (one await per batch, not per row),
   * the fast path for big files: `rowBatches(table)`. A table's rows are read once, one
   * way or the other.
   */
  rows: AsyncIterable<TableRow>
  /** Known once reading has begun; final once `rows` is done. */
  encoding(): EncodingName | 'xlsx'
  /** The SHA-256 of the raw bytes; complete once `rows` is done. */
  sha256(): string
  /**
   * Bytes consumed so far, and the total where known; records parsed, where counted (for
   * progress); pieces read by the byte scanner, and how many of them on worker threads.
   */
  progress(): { bytes: number; total: number | null; rows?: number; scanned?: { pieces: number; onWorkers: number } }
  /** XLSX: the sheet read (its name; a year in it dates an earlier year's sheet, `--history`), and its merged ranges (zero-based rows and columns). */
  sheet?: string | null
  merges?: readonly MergeRange[]
  /**
   * XLSX: the sheet's width, as far as its widest value reaches. The header is given this wide;
   * other rows only as far as their own last cell (or merged range), so that one stray cell far right
   * (XFD) does not make every row 16,384 cells. A header of two rows is laid out this wide too.
   */
  width?: number
  /** XLSX: how a numeric cell is shown (line as Excel counts, 0-based column); null: as stored. */
  numberFormat?: (line: number, col: number) => NumberFormat | null
  /** Set once the table is laid out (layout.ts): where its header was found, what lies above. */
  layout?: Layout
}

/**
 * The same table with another header and rows (the layout's): its rows still come in
 * batches for the fast paths.
 */
export const withRows = (table: Table, header: TableRow, batches: AsyncIterable<RowBatch | ScannedPiece>, layout: Layout): Table => ({
  ...table,
  header,
  rows: Object.assign(rowsOf(batches), { [BATCHES]: batches, [SCAN]: (table.rows as Scannable)[SCAN] }),
  layout,
})

export const STDIN = '-'

/**
 * An input as given: `file.xlsx#副职` or `file.xlsx#2` names a sheet of a workbook (SPEC
 * §2.0), so one run can read several sheets of one file. Only an .xlsx path takes a `#`.
 */
export const splitSheet = (path: string): { file: string; sheet: string | null } => {
  const m = /^(.*\.xlsx)#([^/\\]+)$/i.exec(path)
  return m ? { file: m[1]!, sheet: m[2]! } : { file: path, sheet: null }
}

/**
 * Open a file (or `-` for stdin) as a table. Raises MissingInputError (66) or InputError (65).
 * `at` is where to read it from when that differs from the name shown in messages and
 * outputs (`kaohe verify` re-reads recorded inputs from beside the manifest).
 */
export const openTable = async (file: string, opts: ReadOptions, at: string = file): Promise<Table> => {
  let total: number | null = null
  if (file !== STDIN) {
    try {
      const st = await stat(at)
      if (st.isDirectory()) throw new MissingInputError(file, 'is-directory')
      total = st.isFile() ? st.size : null
    } catch (e) {
      if (e instanceof MissingInputError) throw e
      throw new MissingInputError(file, (e as NodeJS.ErrnoException).code ?? 'unreadable', { cause: e })
    }
  }
  const lower = file.toLowerCase()
  if (lower.endsWith('.xlsx')) {
    // The XLSX reader (zip + XML parsers) loads only when an .xlsx file is read.
    const { openXlsx } = await import('./xlsx.js')
    return openXlsx(file, opts, total, at)
  }
  if (lower.endsWith('.xls') || lower.endsWith('.et') || lower.endsWith('.ods')) {
    throw new InputError({ code: 'unsupported-format', params: { file } })
  }
  const format: TableFormat = lower.endsWith('.tsv') ? 'tsv' : 'csv'
  const source = file === STDIN ? stdinSource() : total !== null ? fileSource(at) : createReadStream(at, { highWaterMark: READ_CHUNK })
  return openDelimited(file, format, source, opts, total)
}

/** One table of an input, opened when asked for: a CSV file, or one sheet of a workbook. */
export interface InputTable {
  /** The name in messages and outputs: the path as given, or `file.xlsx#SHEET` for one of several sheets. */
  name: string
  open: () => Promise<Table>
}

/** An input's tables: its sheets, or the file itself. */
export interface InputTables {
  tables: InputTable[]
  /** A sheet was named (`#NAME`, `--sheet`): only it is read, whatever it holds. */
  named: boolean
  /** The workbook's empty sheets (Excel's Sheet2, Sheet3), listed with a notice. */
  emptySheets: string[]
}

/**
 * Open an input (SPEC §2.0): a CSV file is one table; a workbook is the sheet named by
 * `file.xlsx#NAME` (or `#2`) or `--sheet`, else every sheet that holds something, each
 * named `file.xlsx#SHEET` (a workbook of one sheet keeps its plain name).
 */
export const openInput = async (path: string, opts: ReadOptions, at: string = path): Promise<InputTables> => {
  const { file, sheet } = splitSheet(path)
  if (!file.toLowerCase().endsWith('.xlsx')) return { tables: [{ name: path, open: () => openTable(path, opts, at) }], named: false, emptySheets: [] }
  const where = splitSheet(at).file
  const total = await statInput(file, where)
  const { openWorkbook, pickSheet } = await import('./xlsx.js')
  const book = await openWorkbook(path, total, where)
  const wanted = sheet ?? opts.sheet
  if (wanted !== null) {
    const s = pickSheet(path, book.sheets, wanted)
    return { tables: [{ name: path, open: () => book.table(s, path) }], named: true, emptySheets: [] }
  }
  if (book.sheets.length === 1) return { tables: [{ name: path, open: () => book.table(book.sheets[0]!, path) }], named: false, emptySheets: [] }
  const tables: InputTable[] = []
  const emptySheets: string[] = []
  for (const s of book.sheets) {
    const name = `${file}#${s.name}`
    if (await book.isEmpty(s)) emptySheets.push(name)
    else tables.push({ name, open: () => book.table(s, name) })
  }
  // A workbook with nothing in it: its first sheet, which says so.
  if (tables.length === 0) return { tables: [{ name: path, open: () => book.table(book.sheets[0]!, path) }], named: false, emptySheets: [] }
  return { tables, named: false, emptySheets }
}

/** The size of an input file, or MissingInputError (66) for one that is missing or a folder. */
const statInput = async (file: string, at: string): Promise<number | null> => {
  try {
    const st = await stat(at)
    if (st.isDirectory()) throw new MissingInputError(file, 'is-directory')
    return st.isFile() ? st.size : null
  } catch (e) {
    if (e instanceof MissingInputError) throw e
    throw new MissingInputError(file, (e as NodeJS.ErrnoException).code ?? 'unreadable', { cause: e })
  }
}

/**
 * A regular file's bytes, READ_CHUNK at a time, each read made at once (synchronously)
 * when the reader asks for it. kaohe reads on its own worker thread, so a blocking read
 * of a file (from the page cache, tens of microseconds) stalls nothing; a stream's reads
 * go through the thread pool and an event-loop turn each, and the worker waited on
 * them for about a twentieth of its reading (BENCHMARKS.md). A pipe, a FIFO or a device
 * (not a regular file) is still read as a stream.
 */
async function* fileSource(at: string): AsyncGenerator<Buffer> {
  const fd = openSync(at, 'r')
  try {
    for (;;) {
      const piece = Buffer.allocUnsafe(READ_CHUNK)
      const n = readSync(fd, piece, 0, READ_CHUNK, null)
      if (n === 0) return
      yield n === READ_CHUNK ? piece : piece.subarray(0, n)
    }
  } finally {
    closeSync(fd)
  }
}

/**
 * Standard input from descriptor 0 itself (a worker thread's process.stdin is empty). A
 * pipe is read as a socket, whose reads can be stopped: a file read of a pipe waits in the
 * thread pool for the writer, and a run that failed on the header of `producer | kaohe
 * tally -` would stay until the producer wrote again or ended. A file or a terminal is read
 * as a file. Either is let go when the run ends (stdin.ts).
 */
const stdinSource = (): Readable => {
  let pipe = false
  try {
    const st = fstatSync(0)
    pipe = st.isFIFO() || st.isSocket()
  } catch {
    // not open: the file read below says so
  }
  return holdStdin(pipe ? new Socket({ fd: 0, readable: true, writable: false }) : createReadStream('', { fd: 0, autoClose: false, highWaterMark: READ_CHUNK }))
}

/**
 * Bytes per read: 64 KiB keeps each piece of text in V8's young generation (1 MiB pieces
 * made decoding and parsing about twice as slow; BENCHMARKS.md).
 */
const READ_CHUNK = 64 * 1024

/** Characters of text parsed at a time, at least (then on to a line feed): see `unparsed` in openDelimited. */
const TEXT_SLICE = 8 * 1024

/**
 * A piece of input with no line feed in it grows to this many bytes before it is given on
 * anyway (to the text path: a binary file or old-Mac CR line breaks are not scanned).
 */
const MAX_PIECE_CARRY = 1 << 20

const LF = 10

/** Is every byte ASCII? */
const isAscii = (b: Uint8Array): boolean => {
  for (let i = 0; i < b.length; i++) if (b[i]! >= 0x80) return false
  return true
}

const DELIMITERS = [',', '\t', ';'] as const

/** How many lines below a first line without a delimiter are looked at to find one. */
const DELIMITER_PROBE_LINES = 20

/** How often each candidate delimiter occurs outside quotes in a line. */
const delimiterCounts = (line: string): Map<string, number> => {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]))
  let quoted = false
  for (const ch of line) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1)
  }
  return counts
}

/** The candidates that occur most often (and at all) in the header line, in DELIMITERS order. */
const mostFrequent = (line: string): string[] => {
  const counts = delimiterCounts(line)
  const max = Math.max(...counts.values())
  return max === 0 ? [] : DELIMITERS.filter((d) => counts.get(d) === max)
}

/**
 * Pick the delimiter that occurs most often outside quotes in the header line. A tie
 * (`票号;欧阳,明`: a name with a comma in a semicolon file) is broken by the next line: the
 * tied delimiter it holds as often as the header does; else the only tied one it holds at
 * all (a row with a cell more than the header, `欧阳,明<tab>票号` over `优秀<tab>B1<tab>`);
 * else the first of `, tab ;`.
 */
export const detectDelimiter = (line: string, next: string | null = null): string => {
  const tied = mostFrequent(line)
  if (tied.length > 1 && next !== null) {
    const header = delimiterCounts(line)
    const counts = delimiterCounts(next)
    const same = tied.find((d) => counts.get(d) === header.get(d))
    if (same !== undefined) return same
    const held = tied.filter((d) => (counts.get(d) ?? 0) > 0)
    if (held.length === 1) return held[0]!
  }
  return tied[0] ?? ','
}

/**
 * The first line with something in it from `from` on (outside quotes); null when the text
 * so far ends before that line does (and `atEnd` is false).
 */
const lineFrom = (text: string, from: number, atEnd: boolean): string | null => {
  let start = from
  let quoted = false
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 34) quoted = !quoted
    if (quoted || (c !== 10 && c !== 13)) continue
    const line = text.slice(start, i)
    if (line.trim() !== '') return line
    start = i + 1
  }
  return atEnd && text.slice(start).trim() !== '' ? text.slice(start) : null
}

/**
 * The longest header line or record kaohe reads, in characters: far above any real row
 * (10,000 columns, a 100,000-character cell) and far below what would exhaust memory on
 * a file with no line breaks (a binary file, /dev/zero).
 */
export const MAX_RECORD_CHARS = 8 * 1024 * 1024

/** CSV/TSV from any byte stream: decode, detect the delimiter, read records (records.ts). */
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
  let decodeError: DecodeError | null = null
  /** A NUL character was decoded: from then on rows are checked for it (text never holds one). */
  let sawNul = false
  const seen = (text: string): string => {
    if (!sawNul && text.includes('\u0000')) sawNul = true
    return text
  }

  /** Bytes after the last line break read so far: the start of a line still to come. */
  let carry: Buffer | null = null
  let sourceDone = false
  /**
   * The next piece of input: from where the last ended to just after a line feed (so a
   * piece never ends inside a character or a CRLF), or longer than MAX_PIECE_CARRY with
   * none, or the rest at the end; null once all is given. Hashed and counted as read.
   */
  const nextPiece = async (): Promise<Buffer | null> => {
    for (;;) {
      if (sourceDone) {
        const rest = carry
        carry = null
        return rest
      }
      let r: IteratorResult<Uint8Array>
      try {
        r = await it.next()
      } catch (e) {
        throw new MissingInputError(file, (e as NodeJS.ErrnoException).code ?? 'unreadable', { cause: e })
      }
      if (r.done) {
        sourceDone = true
        continue
      }
      const chunk = typeof r.value === 'string' ? Buffer.from(r.value) : Buffer.from(r.value.buffer, r.value.byteOffset, r.value.length)
      hash.update(chunk)
      bytes += chunk.length
      const lf = chunk.lastIndexOf(LF)
      if (lf === -1) {
        carry = carry === null ? Buffer.from(chunk) : Buffer.concat([carry, chunk])
        if (carry.length <= MAX_PIECE_CARRY) continue
        const piece = carry
        carry = null
        return piece
      }
      const piece = carry === null ? chunk.subarray(0, lf + 1) : Buffer.concat([carry, chunk.subarray(0, lf + 1)])
      carry = lf + 1 < chunk.length ? Buffer.from(chunk.subarray(lf + 1)) : null
      return piece
    }
  }

  const nextText = async (): Promise<string | null> => {
    for (;;) {
      const piece = await nextPiece()
      if (piece === null) return null
      const text = seen(decoder.write(piece))
      if (text.length > 0) return text
    }
  }

  // Read to the end of the first line that holds something (the header): its delimiter
  // is the file's. Blank lines before it are skipped; a first line with no end in sight
  // (a binary file) stops at MAX_RECORD_CHARS.
  // The first record ends at a line break outside quotes (a quoted header cell may hold one).
  let head = ''
  let lineStart = 0
  let scanned = 0
  let quoted = false
  let firstLine: string | null = null
  let atEnd = false
  /** The line after the header, read only where the header alone cannot tell the delimiter. */
  let secondLine: string | null = null
  /** The first line that holds a delimiter, where the first line holds none (a title). */
  let probeLine: string | null = null
  try {
    for (;;) {
      const t = await nextText()
      head += t ?? seen(decoder.end())
      atEnd = t === null
      for (; scanned < head.length && firstLine === null; scanned++) {
        const c = head.charCodeAt(scanned)
        if (c === 34) quoted = !quoted
        if (quoted || (c !== 10 && c !== 13)) continue
        const line = head.slice(lineStart, scanned)
        if (line.trim() !== '') firstLine = line
        else lineStart = scanned + 1
      }
      if (firstLine !== null) break
      if (t === null) {
        if (head.slice(lineStart).trim() !== '') firstLine = head.slice(lineStart)
        break
      }
      if (head.length - lineStart > MAX_RECORD_CHARS) {
        throw new InputError({ code: 'line-too-long', params: { file, line: lineAtEnd(head.slice(0, lineStart)), max: MAX_RECORD_CHARS } })
      }
    }
    if (firstLine !== null && opts.delimiter === null && format !== 'tsv') {
      /** The next line with something in it from `from` on, reading more text as needed (null: none). */
      const nextLine = async (from: number): Promise<string | null> => {
        for (;;) {
          const line = lineFrom(head, from, atEnd)
          if (line !== null || atEnd || head.length - from > MAX_RECORD_CHARS) return line
          const t = await nextText()
          head += t ?? seen(decoder.end())
          atEnd = t === null
        }
      }
      // A title line above the table (XX县…汇总表) holds no delimiter: the first of the next
      // lines that holds one tells it (SPEC §2.0: the header need not be the first line).
      let line = firstLine
      let from = scanned
      for (let n = 0; mostFrequent(line).length === 0 && n < DELIMITER_PROBE_LINES; n++) {
        const next = await nextLine(from)
        if (next === null) break
        from = head.indexOf(next, from) + next.length
        line = next
      }
      if (line !== firstLine && mostFrequent(line).length > 0) probeLine = line
      if (mostFrequent(line).length > 1) secondLine = await nextLine(from)
    }
  } catch (e) {
    throw readFailure(file, e, () => lineAtEnd(head + (e instanceof DecodeError ? e.prefix : '')))
  }
  if (firstLine === null) throw new InputError({ code: 'empty-file', params: { file } })
  const delimiter = opts.delimiter ?? (format === 'tsv' ? '\t' : detectDelimiter(probeLine ?? firstLine, secondLine))

  let headPending = true
  let textsEnded = false
  /**
   * The next text for the record reader (the header's first, then piece by piece), null
   * at the end; a decoding error is kept (`decodeError`) with the text before the bad byte.
   */
  const nextTextPiece = async (): Promise<string | null> => {
    if (headPending) {
      headPending = false
      return head
    }
    if (textsEnded) return null
    try {
      const t = await nextText()
      if (t !== null) return t
      textsEnded = true
      const rest = seen(decoder.end())
      return rest ? rest : null
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e
      // Parse up to the bad byte, so that the parser's line count says where it is.
      decodeError = e
      textsEnded = true
      return e.prefix ? seen(e.prefix) : null
    }
  }

  const records = new RecordReader({ delimiter, maxRecordChars: MAX_RECORD_CHARS }, opts.fast !== false)
  /** Records parsed so far, the header too (for progress). */
  let recordCount = 0
  let ended = false
  /** Set by a reader that takes rows in bytes (`scanBatches`): its extractor, here and on workers. */
  let extractor: PieceExtractor<unknown> | null = null
  let pool: ScanPool<unknown> | null = null
  /** Pieces read ahead, each on its way through a worker (or to be read here: `got` null). */
  const ahead: Array<{ bytes: Buffer; encoding: 'utf-8' | 'gb18030' | null; source: number; got: Promise<Extracted<unknown> | null> | null }> = []
  /** Scanned rows waiting behind the text of the same piece (the reader takes them first). */
  const queue: Array<RowBatch | ScannedPiece> = []
  const delimiterByte = delimiter.length === 1 && delimiter.charCodeAt(0) < 0x80 ? delimiter.charCodeAt(0) : -1
  /**
   * A delimiter byte that can stand inside a GB18030 character: its second byte is 0x40–0x7E
   * (or 0x80–0xFE), a four-byte one's second and fourth 0x30–0x39. `,` `;` tab, line breaks
   * and `"` never can; `|`, `@`, a letter or a digit can (皘 is B0 7C): a GB18030 file with
   * such a delimiter is never scanned by bytes.
   */
  const delimiterInGb18030 = (delimiterByte >= 0x30 && delimiterByte <= 0x39) || (delimiterByte >= 0x40 && delimiterByte <= 0x7e)
  const parseLine = plainLineParser(delimiter)
  let sourceEnded = false
  const scanStats = { pieces: 0, onWorkers: 0 }

  /** Read ahead: pieces of about `size` bytes, sent to workers once the encoding is known. */
  const fill = async (): Promise<void> => {
    const depth = pool === null ? 1 : 2 * pool.size
    while (ahead.length < depth && !sourceEnded) {
      let bytes = await nextPiece()
      if (bytes === null) {
        sourceEnded = true
        break
      }
      if (pool !== null) {
        // Pieces of about a megabyte for a worker (a message each), cut where the reads were.
        const parts = [bytes]
        let n = bytes.length
        while (n < pieceBytes && bytes[bytes.length - 1] === LF) {
          const more = await nextPiece()
          if (more === null) {
            sourceEnded = true
            break
          }
          parts.push(more)
          n += more.length
          bytes = more
        }
        bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts, n)
      }
      // Sent ahead only in the encoding the file is known to be in; else read here, once it is known.
      const encoding = decoder.decided()
      if (pool !== null && encoding !== null) {
        const { source, got } = pool.submit(bytes, encoding)
        ahead.push({ bytes, encoding, source, got })
      } else ahead.push({ bytes, encoding, source: 0, got: null })
    }
  }

  /**
   * Where a reader asked for bytes: the next piece read by its extractor (on a worker, or
   * here), where the input stands at a record's start with nothing held; else, or where it
   * is not text the scanner reads (invalid, a NUL, not ASCII while the encoding is not yet
   * known), given to the text path. Returns false at the end of the input.
   */
  const scanPiece = async (): Promise<boolean> => {
    if (extractor === null || headPending || textsEnded) return false
    await fill()
    const item = ahead.shift()
    if (item === undefined) return false
    const { bytes } = item
    const st = decoder.scannable()
    if (st === null || !records.atRecordStart || (st === 'gb18030' && delimiterInGb18030)) {
      toText(bytes)
      return true
    }
    let got: Extracted<unknown> | null
    let source = 0
    let encoding: 'utf-8' | 'gb18030'
    if (st === 'ascii') {
      encoding = 'utf-8'
      got = isAscii(bytes) ? extractor.extract(bytes, encoding) : null
    } else {
      encoding = st
      // A worker that failed (it could not start, it ran out of memory): this thread reads the piece.
      const there = item.got !== null && item.encoding === st ? await item.got.catch(() => undefined) : undefined
      if (there !== undefined) {
        got = there
        source = item.source
      } else got = extractor.extract(bytes, encoding)
    }
    if (got === null) {
      toText(bytes)
      return true
    }
    const base = records.nextLine
    for (let r = 0; r < got.count; r++) got.line[r]! += base
    scanStats.pieces++
    if (source > 0) scanStats.onWorkers++
    if (got.count > 0) {
      queue.push({ kind: 'piece', bytes, encoding, source, count: got.count, line: got.line, start: got.start, end: got.end, facts: got.facts, parse: parseLine })
    }
    records.scannedTo(base + got.lines)
    if (got.stop < 0) decoder.skip(bytes.length)
    else {
      decoder.skip(got.stop)
      toText(bytes.subarray(got.stop))
    }
    return true
  }

  /** A piece for the text path: decoded and parsed (a decoding error is kept, as in nextTextPiece). */
  const toText = (piece: Buffer): void => {
    let text: string
    try {
      text = seen(decoder.write(piece))
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e
      decodeError = e
      textsEnded = true
      throw decodeFailure(file, e, records.lineAfter(e.prefix ? seen(e.prefix) : ''))
    }
    try {
      if (text !== '') records.write(text)
    } catch (e) {
      if (e instanceof CsvSyntaxError) throw csvFailure(file, e)
      throw e
    }
    if (records.pending > 0) queue.push(records.take())
  }

  /**
   * The next batch of records (parsed from one piece of text, one await for all of them,
   * not one per row), or of rows in bytes where a reader asked for them; null at the end.
   * Raises CSV, decoding and NUL errors, located.
   */
  const nextAny = async (): Promise<RowBatch | ScannedPiece | null> => {
    while (records.pending === 0 && queue.length === 0) {
      if (ended) return null
      // The rest of the last text first (nothing may overtake it: not the scanner either).
      if (unparsed !== '') {
        writeSlice()
        continue
      }
      if (await scanPiece()) continue
      const t = await nextTextPiece()
      try {
        if (decodeError) {
          // The text before the bad byte is read too, so that the line count says where it is.
          throw decodeFailure(file, decodeError, records.lineAfter(t ?? ''))
        }
        if (t === null) {
          ended = true
          records.end()
        } else {
          unparsed = t
          writeSlice()
        }
      } catch (e) {
        if (e instanceof CsvSyntaxError) throw csvFailure(file, e)
        throw e
      }
    }
    const batch = queue.length > 0 ? queue.shift()! : records.take()
    if (isScannedPiece(batch)) {
      recordCount += batch.count
      return batch
    }
    recordCount += batch.cells.length
    if (sawNul) {
      for (let i = 0; i < batch.cells.length; i++) {
        const at = batch.cells[i]!.findIndex((c) => c.includes('\u0000'))
        if (at >= 0) throw new InputError({ code: 'nul-character', params: { file, line: batch.lines[i]!, column: at + 1 } })
      }
    }
    return batch
  }
  /**
   * Text read but not yet given to the record reader: a piece is parsed a slice of about
   * TEXT_SLICE characters at a time (cut after a line feed), so that each batch of rows is
   * read and let go while it is still in V8's young generation — a whole piece's rows,
   * held while the reader works through them, outlived two scavenges and were moved to
   * the old generation, where they piled up until a full collection (BENCHMARKS.md).
   */
  let unparsed = ''
  const writeSlice = (): void => {
    const t = unparsed
    const cut = t.length <= TEXT_SLICE ? -1 : t.indexOf('\n', TEXT_SLICE)
    unparsed = cut < 0 || cut === t.length - 1 ? '' : t.slice(cut + 1)
    try {
      records.write(cut < 0 ? t : t.slice(0, cut + 1))
    } catch (e) {
      if (e instanceof CsvSyntaxError) throw csvFailure(file, e)
      throw e
    }
  }
  /** Before a reader asks for bytes: text batches only. */
  const nextBatch = async (): Promise<RowBatch | null> => {
    const b = await nextAny()
    return b === null || !isScannedPiece(b) ? b : pieceAsBatch(b)
  }

  // The header: the first record with something in it.
  let first: RowBatch | null = { cells: [], lines: [] }
  let header: TableRow | null = null
  while (header === null) {
    if (first.cells.length === 0) {
      const b = await nextBatch()
      if (b === null) break
      first = b
    }
    let i = 0
    while (i < first.cells.length && first.cells[i]!.every((c) => c.trim() === '')) i++
    if (i < first.cells.length) header = { line: first.lines[i]!, cells: first.cells[i]! }
    first = { cells: first.cells.slice(i + 1), lines: first.lines.slice(i + 1) }
  }
  if (header === null) throw new InputError({ code: 'empty-file', params: { file } })

  async function* batches(): AsyncGenerator<RowBatch | ScannedPiece> {
    try {
      if (first!.cells.length > 0) yield first!
      first = null
      for (;;) {
        const b = await nextAny()
        if (b === null) return
        yield b
      }
    } finally {
      pool?.close()
    }
  }
  const batched = batches()
  const pieceBytes = opts.scan?.pieceBytes ?? POOL_PIECE_BYTES
  const scan = (make: MakeExtractor<unknown>): void => {
    if (opts.fast === false || delimiterByte < 0 || !(opts.scan?.on ?? scanOn())) return
    const asked = opts.scan?.workers ?? poolSize(total)
    const workers = asked > 0 && ScanPool.available() ? asked : 0
    const x = (extractor = make(delimiterByte, workers))
    if (workers > 0 && x.worker) pool = new ScanPool(x.worker, workers)
  }

  let digest: string | null = null
  return {
    file,
    format,
    header,
    // The batches travel with these rows: a caller that wraps `rows` gets its own rows back.
    rows: Object.assign(rowsOf(batched), { [BATCHES]: batched, [SCAN]: scan }),
    encoding: () => decoder.encoding,
    sha256: () => (digest ??= hash.digest('hex')),
    progress: () => ({ bytes, total, rows: Math.max(0, recordCount - 1), scanned: { ...scanStats } }),
  }
}

async function* rowsOf(batches: AsyncIterable<RowBatch | ScannedPiece>): AsyncGenerator<TableRow> {
  for await (const any of batches) {
    const b = isScannedPiece(any) ? pieceAsBatch(any) : any
    for (let i = 0; i < b.cells.length; i++) yield { line: b.lines[i]!, cells: b.cells[i]! }
  }
}

/** Scanned rows as text rows (for a reader that takes cells as text). */
const pieceAsBatch = (p: ScannedPiece): RowBatch => {
  const cells: string[][] = []
  const lines: number[] = []
  for (let r = 0; r < p.count; r++) {
    cells.push(pieceRowCells(p, r))
    lines.push(p.line[r]!)
  }
  return { cells, lines }
}

/** An error while reading the start of a file, as the user should see it. */
const readFailure = (file: string, e: unknown, line: () => number): unknown => {
  if (e instanceof DecodeError) return decodeFailure(file, e, line())
  if (e instanceof Utf16Error) return new InputError({ code: 'utf16-file', params: { file, variant: e.variant } }, [], { cause: e })
  return e
}

const decodeFailure = (file: string, e: DecodeError, line: number): InputError =>
  new InputError(
    { code: 'bad-encoding', params: { file, encoding: e.encoding, byte: e.byteOffset, line } },
    [],
    { cause: e },
  )

/**
 * A CSV syntax error, located: csv-parse's line and field for a misplaced quote, the
 * record's first line for a quote never closed or a record too long.
 */
const csvFailure = (file: string, e: CsvSyntaxError): InputError => {
  const column = e.column === null ? 1 : e.column + 1
  const at = e.line ?? e.recordLine
  const msg: Message =
    e.code === 'CSV_QUOTE_NOT_CLOSED'
      ? { code: 'csv-quote-not-closed', params: { file, line: e.recordLine, column } }
      : e.code === 'INVALID_OPENING_QUOTE' || e.code === 'CSV_INVALID_CLOSING_QUOTE'
        ? { code: 'csv-bad-quote', params: { file, line: at, column } }
        : e.code === 'CSV_MAX_RECORD_SIZE'
          ? { code: 'line-too-long', params: { file, line: e.recordLine, max: MAX_RECORD_CHARS } }
          : { code: 'csv-malformed', params: { file, line: at, detail: e.code } }
  return new InputError(msg, [], { cause: e })
}

/** Where a table's `rows` carry the same rows in batches (see `rowBatches`). */
const BATCHES = Symbol('batches')
/** Where a CSV table's `rows` take a request for rows in bytes (see `scanBatches`). */
const SCAN = Symbol('scan')
type Scannable = { [BATCHES]?: AsyncIterable<RowBatch | ScannedPiece>; [SCAN]?: (extractor: MakeExtractor<unknown>) => void }
/** A reader's extractor for a file's delimiter, knowing how many worker threads will read its pieces (0: this thread). */
export type MakeExtractor<F> = (delimiter: number, workers: number) => PieceExtractor<F>

/** A table's batches as they come: text, or (once a reader asked, `scanBatches`) rows in bytes. */
export async function* anyBatches(table: Table, size = 4096): AsyncGenerator<RowBatch | ScannedPiece> {
  const own = (table.rows as Scannable)[BATCHES]
  if (own) {
    yield* own
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

/** Rows of a table read in batches: its own where its `rows` have them, else its `rows` gathered. */
export async function* rowBatches(table: Table, size = 4096): AsyncGenerator<RowBatch> {
  for await (const b of anyBatches(table, size)) yield isScannedPiece(b) ? pieceAsBatch(b) : b
}

/**
 * Rows of a table in batches, pieces read by `extractor` among them where the table can
 * give them (a CSV file's plain lines, scan.ts; on worker threads for a big file): for a
 * reader with a pre-filter on bytes.
 */
export async function* scanBatches<F>(table: Table, extractor: MakeExtractor<F>): AsyncGenerator<RowBatch | ScannedPiece<F>> {
  ;(table.rows as Scannable)[SCAN]?.(extractor as MakeExtractor<unknown>)
  yield* anyBatches(table) as AsyncGenerator<RowBatch | ScannedPiece<F>>
}
