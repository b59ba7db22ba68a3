import { Chalk, type ChalkInstance } from 'chalk'
import { assess, type Assessment } from '../core/assess.js'
import { assessments } from '../core/assessments.js'
import { newSummary, summarise, type Summary } from '../core/summary.js'
import { type CadreInput, DISPOSITION_CODES, type DispositionCode } from '../core/model.js'
import { type RuleScope, rulesOf } from '../core/rules/index.js'
import { EXIT, type ExitCode, InputError, type Issue, UsageError } from '../errors.js'
import { type Dict, dict, type Lang } from '../i18n/index.js'
import { type EncodingOption, parseEncodingOption } from '../input/decode.js'
import { type Loaded, loadInputs } from '../input/load.js'
import type { ReadOptions } from '../input/table.js'
import type { VoteShape } from '../input/votes.js'
import { type LoadedPolicy, loadPolicy } from '../policy/load.js'
import { progressReporter } from '../output/progress.js'
import { buildReport, compareIssues, type NoVoteData, type ReportDoc } from '../output/report.js'
import { jsonSafe, terminalCsv, terminalSafe } from '../output/terminal.js'
import { type ReportSource, type StreamedReport, streamedOf, streamReport, streamTable, type Writer } from '../output/stream.js'
import { VERSION } from '../version.js'
import { persistentYearsOf } from '../core/history.js'
import { type HistoryPlan, planHistory, withHistory } from './history.js'

/** Where a command writes; tests and the CLI give their own. */
export interface Io {
  /** false: the reader is behind (see `stdoutDrained`). */
  stdout: (s: string) => boolean | void
  /** stdout taking UTF-8 bytes (a streamed report encodes its text into buffers itself). */
  stdoutBytes?: (b: Uint8Array) => boolean | void
  stderr: (s: string) => void
  /** Resolves once stdout has room again (a pipe to a slower program). */
  stdoutDrained?: () => Promise<void>
  stdoutIsTTY: boolean
  /** stderr is a terminal: progress is shown there while big files are read (SPEC §5). */
  stderrIsTTY?: boolean
  env: Readonly<Record<string, string | undefined>>
  /** The terminal's width, when stdout is a terminal that says it. */
  columns?: number
}

/** Options every command shares (SPEC §3). */
export interface CommonOptions {
  lang: Lang
  format: 'table' | 'json' | 'csv'
  quiet: boolean
  color: boolean
  lenient: boolean
  encoding: string
  delimiter: string | undefined
  sheet: string | undefined
  policy: string | undefined
  /** `--header-row N`: the line of every input's header row (the top one of several). */
  headerRow?: number | null
  /** `--wide`: the terminal table in full, whatever the terminal's width. */
  wide?: boolean
}

/**
 * How wide the terminal table may be (README "The terminal table"): in full with `--wide`;
 * else the terminal's width when stdout is one; else COLUMNS when set (a batch job, or
 * \`less\`, can say the width it wants); else no limit — a file or a pipe gets every column.
 */
export const tableWidthFor = (opts: Pick<CommonOptions, 'wide'>, io: Pick<Io, 'stdoutIsTTY' | 'columns' | 'env'>): number => {
  if (opts.wide === true) return Infinity
  if (io.stdoutIsTTY && io.columns !== undefined && io.columns > 0) return io.columns
  const env = io.env.COLUMNS?.trim()
  if (env !== undefined && /^\d{1,5}$/.test(env) && Number(env) > 0) return Number(env)
  return io.stdoutIsTTY ? 80 : Infinity
}

export const chalkFor = (opts: CommonOptions, io: Io): ChalkInstance =>
  // chalk 5 does not read NO_COLOR itself: honour it, --no-color and a non-terminal here.
  new Chalk({ level: opts.color && io.stdoutIsTTY && io.env.NO_COLOR === undefined ? 1 : 0 })

export const readOptionsOf = (opts: CommonOptions): ReadOptions => {
  const encoding: EncodingOption | undefined = parseEncodingOption(opts.encoding)
  if (encoding === undefined) {
    throw new UsageError('bad-option', { option: '--encoding', value: opts.encoding, hint: 'auto | utf-8 | gb18030' })
  }
  let delimiter: string | null = null
  if (opts.delimiter !== undefined) {
    const d = opts.delimiter === '\\t' || opts.delimiter.toLowerCase() === 'tab' ? '\t' : opts.delimiter
    // One character, and not one CSV gives another meaning (the quote, a line break).
    if (d.length !== 1 || d === '"' || d === '\r' || d === '\n') {
      throw new UsageError('bad-option', { option: '--delimiter', value: opts.delimiter, hint: ", ; tab |" })
    }
    delimiter = d
  }
  return { encoding, delimiter, sheet: opts.sheet ?? null, headerRow: opts.headerRow ?? null }
}

export const parseShape = (s: string | undefined): VoteShape | null => {
  if (s === undefined) return null
  if (s === 'long' || s === 'wide' || s === 'counts' || s === 'paper') return s
  throw new UsageError('bad-option', { option: '--votes-format', value: s, hint: 'long | wide | counts | paper' })
}

export const parseFailOn = (s: string | undefined): Exclude<DispositionCode, 'none'> | null => {
  if (s === undefined) return null
  if ((DISPOSITION_CODES as readonly string[]).includes(s) && s !== 'none') return s as Exclude<DispositionCode, 'none'>
  throw new UsageError('bad-option', {
    option: '--fail-on',
    value: s,
    hint: DISPOSITION_CODES.filter((c) => c !== 'none').join(' | '),
  })
}

/** Strict mode (the default): any data error stops the run, listing every one (SPEC §3). */
export const enforceStrict = (loaded: Loaded, lenient: boolean): void => {
  if (lenient || loaded.errorCount === 0) return
  throw new InputError(
    { code: 'data-errors', params: { count: loaded.errorCount } },
    // By file, line, column: the order of the JSON report, not the order of discovery.
    loaded.issues.filter((i) => i.severity === 'error').sort(compareIssues),
  )
}

export interface RunResult {
  policy: LoadedPolicy
  loaded: Loaded
  /** The report as one stream of the core's assessments: what every renderer and sink takes. */
  source: ReportSource
  /** Every cadre assessed, made when first asked for (the XLSX export; `reports`): big runs stream instead (`source`). */
  readonly assessment: Assessment
  /** The whole report document, made when first asked for. */
  readonly doc: ReportDoc
  dict: Dict
  /** Write the JSON or CSV report cadre by cadre, one cadre in memory at a time (SPEC §5). */
  stream: (format: 'json' | 'csv', write: Writer | ((s: string) => void)) => Promise<StreamedReport>
  /** The terminal table, cadre by cadre: only each cadre's row is kept (SPEC §5). */
  /** The terminal table, `width` columns wide at most (Infinity: in full). */
  streamTable: (color: ChalkInstance, write: Writer | ((s: string) => void), width?: number) => Promise<StreamedReport>
  /** Does any cadre's disposition reach this level (`--fail-on`)? */
  reaches: (level: Exclude<DispositionCode, 'none'>) => boolean
  /** Cadres without vote data, once the report is made (streamed or whole). */
  noVoteData: () => NoVoteData
  /** Earlier years (`--history`): this year, the files, how they matched; null without. */
  history: HistoryPlan | null
}

/** Read → assess → build the report: the part `assess`, `tally` (and `verify`) share. */
export const runAssessment = async (args: {
  command: 'assess' | 'tally' | 'reports'
  opts: CommonOptions
  votes: string[]
  roster: string | null
  shape: VoteShape | null
  sumCounts: boolean
  /** Which of the policy's rules run (default: all). */
  scope?: RuleScope
  /** Item 5 inputs (`--reports`, `--findings`, `--year`). */
  reports?: string[]
  findings?: string | null
  /** `--year`: item 5's reporting round, and this year for `--history`. */
  year?: number | null
  /** `--history`: earlier years' reports or sheets (SPEC §2.5). */
  history?: string[]
  /** Where to read each input from, when not from its name (verify). */
  locate?: (path: string) => string
  /** Where progress goes, if anywhere (stderr on a terminal, not under --quiet). */
  io?: Io
}): Promise<RunResult> => {
  const { opts } = args
  const read = readOptionsOf(opts)
  const policy = await loadPolicy(opts.policy)
  const progress = progressReporter(
    { write: args.io?.stderr ?? (() => {}), isTTY: args.io?.stderrIsTTY === true && !opts.quiet },
    dict(opts.lang),
  )
  let loaded: Loaded
  try {
    loaded = await loadInputs({
      votes: args.votes,
      roster: args.roster,
      policy: policy.policy,
      read,
      shape: args.shape,
      sumCounts: args.sumCounts,
      reports: args.reports ?? [],
      findings: args.findings ?? null,
      year: args.year ?? null,
      history: args.history ?? [],
      locate: args.locate,
      onTable: progress.onTable,
    })
  } finally {
    progress.done()
  }
  enforceStrict(loaded, opts.lenient)
  const d = dict(opts.lang)
  // SPEC §2.5: this year decided, earlier years checked and matched; what did not match is listed.
  const plan = loaded.history.length > 0 ? planHistory(loaded, args.year ?? null, policy) : null
  if (plan !== null) loaded.issues.push(...plan.issues)
  const report = {
    command: args.command,
    version: VERSION,
    lang: opts.lang,
    dict: d,
    policy,
    loaded,
    year: plan?.year ?? (args.command === 'reports' ? null : (args.year ?? null)),
    history: plan === null ? null : { year: plan.year, yearSource: plan.yearSource, persistentYears: persistentYearsOf(policy.policy), files: plan.files },
  }
  const rules = rulesOf(policy.policy, args.scope ?? 'all')
  const cadresOf = <T extends CadreInput>(cs: Iterable<T>): Iterable<CadreInput> => (plan === null ? cs : withHistory(cs, plan))
  // The one stream (core/assessments.ts): the cadres in id order, assessed one at a time,
  // made anew for each consumer. The first pass that takes every cadre leaves the summary.
  let summary: Summary | null = null
  const source: ReportSource = {
    ...report,
    assessments: function* () {
      const s = newSummary()
      for (const a of assessments(cadresOf(loaded.sortedCadres()), policy.policy, rules)) {
        summarise(s, a)
        yield a
      }
      summary ??= s
    },
    summary: () => {
      if (summary === null) for (const _ of source.assessments());
      return summary!
    },
  }
  let assessment: Assessment | null = null
  let doc: ReportDoc | null = null
  const result: RunResult = {
    policy,
    loaded,
    source,
    get assessment() {
      return (assessment ??= assess(cadresOf(loaded.cadres), policy.policy, rules))
    },
    get doc() {
      return (doc ??= buildReport({ ...report, assessment: result.assessment }))
    },
    dict: d,
    stream: (format, write) => streamReport(source, format, writerOf(write)),
    streamTable: (color, write, width) => streamTable(source, color, writerOf(write), width),
    reaches: (level) => streamedOf(source.summary()).reaches(level),
    noVoteData: () => source.summary().noVoteData,
    history: plan,
  }
  return result
}

const writerOf = (write: Writer | ((s: string) => void)): Writer => (typeof write === 'function' ? { write } : write)

/** The report on stdout in the chosen format. */
export const printReport = async (r: RunResult, opts: CommonOptions, io: Io): Promise<void> => {
  // JSON and CSV stream, cadre by cadre (the same bytes as renderJson / renderCsv) — but on
  // a terminal, what it would act on (ESC, BEL, an OSC 8 link; C1 and bidi controls, which
  // JSON leaves raw) is shown as an escape: a cell must not clear the screen or forge a line.
  if (opts.format === 'json' || opts.format === 'csv') {
    const safe = io.stdoutIsTTY ? (opts.format === 'csv' ? terminalCsv : jsonSafe) : null
    await r.stream(opts.format, safe === null ? { write: io.stdout, writeBytes: io.stdoutBytes, drained: io.stdoutDrained } : { write: (s) => io.stdout(safe(s)), drained: io.stdoutDrained })
  } else if (!opts.quiet || r.loaded.cadreCount > 0) await r.streamTable(chalkFor(opts, io), { write: io.stdout, drained: io.stdoutDrained }, tableWidthFor(opts, io))
}

/**
 * SPEC §3: cadres the run knows (a roster, reports) but no vote file grades are never
 * "无需处置" silently: they are `no-data`, and stderr says so whatever the format.
 */
export const warnNoVoteData = (r: RunResult, opts: CommonOptions, io: Io): void => {
  const n = r.noVoteData()
  if (opts.quiet || n.count === 0) return
  const ids = [...n.first, ...(n.count > n.first.length ? ['…'] : [])].map((id) => terminalSafe(id, 80)).join(opts.lang === 'en' ? ', ' : '、')
  io.stderr(`${r.dict.ui.notice}: ${r.dict.message('no-vote-data', { count: n.count, ids })}\n`)
}

/**
 * `--history`: a line on stderr for each earlier year with records that matched no cadre or
 * matched ambiguously, and for a report made under another policy (SPEC §2.5: listed,
 * never guessed; the JSON `issues` name each one).
 */
export const warnHistory = (r: RunResult, opts: CommonOptions, io: Io): void => {
  if (opts.quiet || r.history === null) return
  for (const f of r.history.files) {
    for (const y of f.years) {
      if (y.unmatched + y.ambiguous === 0) continue
      const line = r.dict.message('history-summary', { file: f.path, year: y.year, matched: y.matched, unmatched: y.unmatched, ambiguous: y.ambiguous })
      io.stderr(`${r.dict.ui.notice}: ${terminalSafe(line, Infinity)}\n`)
    }
  }
  for (const i of r.history.issues) {
    if (i.code === 'history-policy-differs') io.stderr(`${r.dict.ui.notice}: ${terminalSafe(r.dict.message(i.code, i.params), Infinity)}\n`)
  }
}

/** Lenient mode: say on stderr that rows were left out (stdout keeps only the result). */
export const warnLeftOut = (r: RunResult, opts: CommonOptions, io: Io): void => {
  if (opts.quiet || r.loaded.rowsInIssues === 0 || opts.format === 'table') return
  io.stderr(`${r.dict.ui.notice}: ${r.dict.ui.rowsInIssues} ${r.loaded.rowsInIssues}\n`)
}

export type { ExitCode, Issue }
export { EXIT }
