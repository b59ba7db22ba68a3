import { reaches, type Summary } from '../core/summary.js'
import type { CadreAssessment, DispositionCode } from '../core/model.js'
import { csvCadreLine, csvHeadLine } from './csv.js'
import type { ChalkInstance } from 'chalk'
import type { Dict } from '../i18n/index.js'
import { type CadreDoc, cadreDoc, type DocStream, issuesDoc, type NoVoteData, type ReportArgs, reportHead, summaryDoc } from './report.js'
import { type TableSource, tablePieces } from './table.js'
import { cadreCsvWriter, cadreJsonWriter, type CadreTextContext } from './cadre-text.js'
import { terminalSafeDeep } from './terminal.js'

/**
 * What a report is rendered from, as it streams: its head, and its cadres' assessments
 * made by the core (core/assessments.ts) — anew each time they are asked for, in id order,
 * one at a time. The renderers here never assess: the shell (commands/) wires the core in.
 */
export interface ReportSource extends ReportArgs {
  /** Every cadre's assessment, in id order, made anew at each call. */
  assessments: () => Iterable<CadreAssessment>
  /** The summary of all of them (core `summarise`): the first time, it may take a pass of its own. */
  summary: () => Summary
}

/** What streaming a report learnt about its cadres: enough for the summary and `--fail-on`. */
export interface StreamedReport {
  cadres: number
  byDisposition: Record<DispositionCode, number>
  /** Cadres without vote data (SPEC §3 `noVoteData`), and the first of their ids. */
  noVoteData: NoVoteData
  /** Does any cadre's disposition reach this level (`--fail-on`)? */
  reaches: (level: Exclude<DispositionCode, 'none'>) => boolean
}

export const streamedOf = (s: Summary): StreamedReport => ({
  cadres: s.cadres,
  byDisposition: s.byDisposition,
  noVoteData: s.noVoteData,
  reaches: (level) => reaches(s, level),
})

/**
 * Where a streamed report goes. `write` returning false says the reader is behind (a pipe
 * to a slower program); `drained` then waits for it — without it every chunk of a 250 MB
 * report would wait in memory for the pipe. A reader that takes UTF-8 bytes says so with
 * `writeBytes`: the text is then encoded straight into a buffer of about BYTES_AT bytes,
 * piece by piece, handed on when full — no string joined per chunk, no copy of it to encode.
 */
export interface Writer {
  write: (s: string) => boolean | void
  writeBytes?: ((b: Uint8Array) => boolean | void) | undefined
  drained?: (() => Promise<void>) | undefined
}

/**
 * Writes are gathered to about this many characters, then handed on: few enough that the
 * joined string stays in V8's young generation (large strings go to the old one, which is
 * collected late, and the process would grow by the size of the output).
 */
const FLUSH_AT = 1 << 14

/** The size of the buffers text is encoded into for a reader of bytes (`writeBytes`): 32 KB. */
const BYTES_AT = 1 << 15

/**
 * A cadre's document as it stands in the whole one (`JSON.stringify(doc, null, 2)`), at
 * the depth of `cadres[i]`: stringified inside a wrapper of that depth, the wrapper cut
 * off — cheaper than re-indenting every line.
 */
const atDepth2 = (v: unknown): string => {
  const s = JSON.stringify({ cadres: [v] }, null, 2)
  return s.slice(PREFIX.length, s.length - SUFFIX.length)
}
const PREFIX = '{\n  "cadres": [\n'
const SUFFIX = '\n  ]\n}'

/** Every cadre's part of the report, made from its assessment as it comes, in the order given. */
export function* cadreDocsOf(src: ReportSource): Generator<CadreDoc> {
  const withDisposition = src.command !== 'tally'
  for (const a of src.assessments()) yield cadreDoc(a, src.dict, src.policy.policy, withDisposition)
}

/** The report as the renderers take it in pieces: the head, the cadres taken anew each time, then summary and issues. */
export const docStreamOf = (src: ReportSource): DocStream => {
  const head = reportHead(src)
  const ctx: CadreTextContext = { dict: src.dict, policy: src.policy.policy, head, withDisposition: src.command !== 'tally' }
  return {
    head,
    cadres: () => cadreDocsOf(src),
    cadreTexts: {
      json: () => mapped(src.assessments(), cadreJsonWriter(ctx)),
      csv: () => mapped(src.assessments(), cadreCsvWriter(ctx)),
    },
    summary: () => summaryDoc(src, src.summary()),
    issues: () => issuesDoc(src),
  }
}

function* mapped<A, B>(xs: Iterable<A>, f: (x: A) => B): Generator<B> {
  for (const x of xs) yield f(x)
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff

/** Text handed on in pieces of about FLUSH_AT characters (or BYTES_AT bytes); `pause` waits when the reader is behind. */
const flusher = (write: Writer) => {
  let buffer: string[] = []
  let size = 0
  /** The reader is behind (a pipe to a slower program): wait before making more. */
  let full = false
  const bytesTo = write.writeBytes
  let bytes = bytesTo === undefined ? null : Buffer.allocUnsafe(BYTES_AT)
  let at = 0
  /** A piece's last code unit, a high surrogate: kept for the next piece, so that a pair is encoded whole. */
  let carry = ''
  const flush = (): void => {
    if (bytes !== null) {
      if (at === 0) return
      // Handed on and the reader's to keep (a sink may hold it): the next bytes go to a new buffer.
      if (bytesTo!(bytes.subarray(0, at)) === false) full = true
      bytes = Buffer.allocUnsafe(BYTES_AT)
      at = 0
      return
    }
    if (buffer.length > 0 && write.write(buffer.join('')) === false) full = true
    buffer = []
    size = 0
  }
  const encode = (s: string): void => {
    // UTF-8 takes at most three bytes per UTF-16 code unit.
    if (at + 3 * s.length > BYTES_AT) flush()
    if (3 * s.length > BYTES_AT) {
      if (bytesTo!(Buffer.from(s)) === false) full = true
    } else at += bytes!.write(s, at)
  }
  return {
    out: (s: string): void => {
      if (bytes === null) {
        buffer.push(s)
        size += s.length
        if (size >= FLUSH_AT) flush()
        return
      }
      if (carry !== '') {
        s = carry + s
        carry = ''
      }
      if (s.length > 0 && isHighSurrogate(s.charCodeAt(s.length - 1))) {
        carry = s.slice(-1)
        s = s.slice(0, -1)
      }
      encode(s)
    },
    flush: (): void => {
      if (carry !== '') {
        encode(carry)
        carry = ''
      }
      flush()
    },
    pause: async (): Promise<void> => {
      if (!full) return
      full = false
      await write.drained?.()
    },
  }
}

/** Text made piece by piece, written as it comes (gathered to FLUSH_AT characters), waiting for a reader that is behind. */
export const writePieces = async (pieces: Iterable<string>, write: Writer): Promise<void> => {
  const { out, flush, pause } = flusher(write)
  for (const piece of pieces) {
    out(piece)
    await pause()
  }
  flush()
}

/**
 * The JSON report in pieces, cadre by cadre (SPEC §5): byte for byte `renderJson` of the
 * whole document. The summary is asked for after the cadres (a streamed source knows it
 * by then).
 */
export function* jsonPieces(doc: DocStream): Generator<string> {
  const head = JSON.stringify(doc.head, null, 2)
  yield `${head.slice(0, -2)},\n  "cadres": [`
  let n = 0
  for (const c of doc.cadreTexts?.json() ?? mapped(doc.cadres(), atDepth2)) yield `${n++ === 0 ? '' : ','}\n${c}`
  const indent = (v: unknown): string => JSON.stringify(v, null, 2).replace(/\n/g, '\n  ')
  yield `${n === 0 ? ']' : '\n  ]'},\n  "issues": ${indent(doc.issues())},\n  "summary": ${indent(doc.summary())}\n}\n`
}

/** The CSV report in pieces, a line a cadre: byte for byte `renderCsv` of the whole document. */
export function* csvPieces(doc: DocStream, d: Dict): Generator<string> {
  yield csvHeadLine(doc.head, d)
  for (const line of doc.cadreTexts?.csv() ?? mapped(doc.cadres(), (c) => csvCadreLine(doc.head, c, d))) yield `\r\n${line}`
  yield '\r\n'
}

/**
 * The JSON or CSV report written cadre by cadre (SPEC §5): each cadre's assessment is
 * turned into its part of the document, written and let go, so memory does not grow with
 * the output (100,000 cadres make a 250 MB JSON document). Byte for byte the same as
 * `renderJson(buildReport(...))` and `renderCsv(...)`.
 */
export const streamReport = async (src: ReportSource, format: 'json' | 'csv', write: Writer): Promise<StreamedReport> => {
  const doc = docStreamOf(src)
  await writePieces(format === 'json' ? jsonPieces(doc) : csvPieces(doc, src.dict), write)
  return streamedOf(src.summary())
}

/**
 * The terminal table made cadre by cadre: each cadre's document becomes its row (and its
 * lines under "needing action") and is let go — the same text as `renderTable` of the
 * whole document made terminal-safe, in a fraction of the memory (SPEC §5). The table
 * takes its cadres more than once (tablePieces); the source makes them anew each time.
 */
export const streamTable = async (src: ReportSource, color: ChalkInstance, write: Writer, width = Infinity): Promise<StreamedReport> => {
  const head = reportHead(src)
  const source: TableSource = {
    command: head.command,
    policy: terminalSafeDeep(head.policy),
    history: terminalSafeDeep(head.history),
    cadres: function* () {
      for (const doc of cadreDocsOf(src)) yield terminalSafeDeep(doc)
    },
    tail: () => terminalSafeDeep({ summary: summaryDoc(src, src.summary()), issues: issuesDoc(src) }),
  }
  await writePieces(tablePieces(source, src.dict, color, width), write)
  return streamedOf(src.summary())
}
