import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import { InputError, MissingInputError } from '../errors.js'
import { DecodeError, type EncodingName, type EncodingOption, InputDecoder } from './decode.js'

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
  /** Known once reading has begun; final once `rows` is done. */
  encoding(): EncodingName | 'xlsx'
  /** The SHA-256 of the raw bytes; complete once `rows` is done. */
  sha256(): string
  /** Bytes consumed so far, and the total where known (for progress). */
  progress(): { bytes: number; total: number | null }
}

export const STDIN = '-'

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
  const source = file === STDIN ? process.stdin : createReadStream(at, { highWaterMark: 1 << 20 })
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
  let decodeError: DecodeError | null = null
  let lastLine = 0

  const nextText = async (): Promise<string | null> => {
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
      const text = decoder.write(chunk)
      if (text.length > 0) return text
    }
  }

  // Read until the first line break, to choose the delimiter.
  let head = ''
  try {
    for (;;) {
      const t = await nextText()
      if (t === null) {
        head += decoder.end()
        break
      }
      head += t
      if (/[\r\n]/.test(head)) break
    }
  } catch (e) {
    if (e instanceof DecodeError) throw decodeFailure(file, e, 1)
    throw e
  }
  if (head.trim() === '') throw new InputError({ code: 'empty-file', params: { file } })
  const firstLine = head.split(/\r\n|\r|\n/, 1)[0]!
  const delimiter = opts.delimiter ?? (format === 'tsv' ? '\t' : detectDelimiter(firstLine))

  async function* texts(): AsyncGenerator<string> {
    yield head
    try {
      for (;;) {
        const t = await nextText()
        if (t === null) break
        yield t
      }
      const rest = decoder.end()
      if (rest) yield rest
    } catch (e) {
      if (e instanceof DecodeError) decodeError = e
      else throw e
    }
  }

  const parser = Readable.from(texts(), { objectMode: true }).pipe(
    parse({
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }),
  )
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>

  const readRecord = async (): Promise<TableRow | null> => {
    let r: IteratorResult<{ record: string[]; info: { lines: number } }>
    try {
      r = await records.next()
    } catch (e) {
      if (decodeError) throw decodeFailure(file, decodeError, lastLine + 1)
      throw csvFailure(file, e, lastLine)
    }
    if (decodeError) throw decodeFailure(file, decodeError, lastLine + 1)
    if (r.done) return null
    lastLine = r.value.info.lines
    return { line: r.value.info.lines, cells: r.value.record }
  }

  const header = await readRecord()
  if (header === null) throw new InputError({ code: 'empty-file', params: { file } })

  async function* rows(): AsyncGenerator<TableRow> {
    for (;;) {
      const row = await readRecord()
      if (row === null) return
      yield row
    }
  }

  let digest: string | null = null
  return {
    file,
    format,
    header,
    rows: rows(),
    encoding: () => decoder.encoding,
    sha256: () => (digest ??= hash.digest('hex')),
    progress: () => ({ bytes, total }),
  }
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
