import { assessCadre, reachesLevel } from '../core/assess.js'
import { DISPOSITION_CODES, type CadreInput, type Disposition, type DispositionCode, type Rule } from '../core/model.js'
import { csvCadreLine, csvHeadLine } from './csv.js'
import type { ChalkInstance } from 'chalk'
import { addNoVoteData, type CadreDoc, cadreDoc, isBorderline, issuesDoc, lacksVotes, type NoVoteData, type ReportArgs, reportHead, summaryDoc } from './report.js'
import { type TableSource, tablePieces } from './table.js'
import { terminalSafeDeep } from './terminal.js'

/** What streaming a report learnt about its cadres: enough for the summary and `--fail-on`. */
export interface StreamedReport {
  cadres: number
  byDisposition: Record<DispositionCode, number>
  /** Cadres without vote data (SPEC §3 `noVoteData`), and the first of their ids. */
  noVoteData: NoVoteData
  /** Does any cadre's disposition reach this level (`--fail-on`)? */
  reaches: (level: Exclude<DispositionCode, 'none'>) => boolean
}

/**
 * Where a streamed report goes. `write` returning false says the reader is behind (a pipe
 * to a slower program); `drained` then waits for it — without it every chunk of a 250 MB
 * report would wait in memory for the pipe.
 */
export interface Writer {
  write: (s: string) => boolean | void
  drained?: () => Promise<void>
}

/**
 * Writes are gathered to about this many characters, then handed on: few enough that the
 * joined string stays in V8's young generation (large strings go to the old one, which is
 * collected late, and the process would grow by the size of the output).
 */
const FLUSH_AT = 1 << 14

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

type StreamArgs = ReportArgs & { cadres: Iterable<CadreInput>; rules?: readonly Rule[] }

/**
 * Every cadre assessed and made into its part of the report, one at a time, in the order
 * given; `counts` fill in as they go (the summary and `--fail-on` are made from them).
 */
function* cadreDocs(args: StreamArgs, counts: Counts): Generator<CadreDoc> {
  const { dict: d, policy } = args
  const withDisposition = args.command !== 'tally'
  for (const input of args.cadres) {
    const a = assessCadre(input, policy.policy, args.rules)
    counts.cadres++
    counts.byDisposition[a.disposition.code]++
    counts.kinds.set(`${a.disposition.code} ${a.disposition.measure} ${a.disposition.reason}`, a.disposition)
    if (isBorderline(a)) counts.borderline++
    if (lacksVotes(a)) addNoVoteData(counts.noVoteData, input.id)
    yield cadreDoc(a, d, policy.policy, withDisposition)
  }
}

interface Counts {
  cadres: number
  byDisposition: Record<DispositionCode, number>
  borderline: number
  noVoteData: NoVoteData
  /** Each kind of disposition once (code, measure and reason decide `reachesLevel`). */
  kinds: Map<string, Disposition>
}

const newCounts = (): Counts => ({
  cadres: 0,
  byDisposition: Object.fromEntries(DISPOSITION_CODES.map((c) => [c, 0])) as Record<DispositionCode, number>,
  borderline: 0,
  noVoteData: { count: 0, first: [] },
  kinds: new Map(),
})

const streamed = (counts: Counts): StreamedReport => ({
  cadres: counts.cadres,
  byDisposition: counts.byDisposition,
  noVoteData: counts.noVoteData,
  reaches: (level) => [...counts.kinds.values()].some((k) => reachesLevel(k, level)),
})

/** Text handed on in pieces of about FLUSH_AT characters; `pause` waits when the reader is behind. */
const flusher = (write: Writer) => {
  let buffer: string[] = []
  let size = 0
  /** The reader is behind (a pipe to a slower program): wait before making more. */
  let full = false
  const flush = (): void => {
    if (buffer.length > 0 && write.write(buffer.join('')) === false) full = true
    buffer = []
    size = 0
  }
  return {
    out: (s: string): void => {
      buffer.push(s)
      size += s.length
      if (size >= FLUSH_AT) flush()
    },
    flush,
    pause: async (): Promise<void> => {
      if (!full) return
      full = false
      await write.drained?.()
    },
  }
}

/**
 * The JSON or CSV report written cadre by cadre (SPEC §5): each cadre is assessed, turned
 * into its part of the document, written and let go, so memory does not grow with the
 * output (100,000 cadres make a 250 MB JSON document). Byte for byte the same as
 * `renderJson(buildReport(...))` and `renderCsv(...)`; `cadres` must come sorted by id.
 */
export const streamReport = async (args: StreamArgs, format: 'json' | 'csv', write: Writer): Promise<StreamedReport> => {
  const { out, flush, pause } = flusher(write)
  const counts = newCounts()
  const top = reportHead(args)
  if (format === 'json') {
    const head = JSON.stringify(top, null, 2)
    out(`${head.slice(0, -2)},\n  "cadres": [`)
  } else out(csvHeadLine(top, args.dict))
  for (const doc of cadreDocs(args, counts)) {
    if (format === 'json') out(`${counts.cadres === 1 ? '' : ','}\n${atDepth2(doc)}`)
    else out(`\r\n${csvCadreLine(top, doc, args.dict)}`)
    await pause()
  }
  if (format === 'json') {
    const indent = (v: unknown): string => JSON.stringify(v, null, 2).replace(/\n/g, '\n  ')
    const summary = summaryDoc(args, counts)
    out(`${counts.cadres === 0 ? ']' : '\n  ]'},\n  "issues": ${indent(issuesDoc(args))},\n  "summary": ${indent(summary)}\n}\n`)
  } else out('\r\n')
  flush()
  return streamed(counts)
}

/**
 * The terminal table made cadre by cadre: each cadre's document becomes its row (and its
 * lines under "needing action") and is let go — the same text as `renderTable` of the
 * whole document made terminal-safe, in a fraction of the memory (SPEC §5). The table
 * takes its cadres more than once (tablePieces), so `args` makes them anew each time;
 * the first time through is the one counted.
 */
export const streamTable = async (args: () => StreamArgs, color: ChalkInstance, write: Writer, width = Infinity): Promise<StreamedReport> => {
  const { out, flush, pause } = flusher(write)
  const counts = newCounts()
  const head = args()
  let taken = 0
  const source: TableSource = {
    command: head.command,
    policy: terminalSafeDeep(reportHead(head).policy),
    history: terminalSafeDeep(reportHead(head).history),
    cadres: function* () {
      for (const doc of cadreDocs(args(), taken++ === 0 ? counts : newCounts())) yield terminalSafeDeep(doc)
    },
    tail: () => terminalSafeDeep({ summary: summaryDoc(head, counts), issues: issuesDoc(head) }),
  }
  for (const piece of tablePieces(source, head.dict, color, width)) {
    out(piece)
    await pause()
  }
  flush()
  return streamed(counts)
}
