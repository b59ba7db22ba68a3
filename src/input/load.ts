import { fstatSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { CadreInput } from '../core/model.js'
import { InputError, type Issue, UsageError } from '../errors.js'
import type { Policy } from '../policy/schema.js'
import { Collector } from './collector.js'
import { readFindings } from './findings.js'
import { type HistoryFileRead, readHistory } from './history.js'
import { type ReportShape, readReports } from './reports.js'
import { readRoster } from './roster.js'
import { openTable, type ReadOptions, STDIN, type Table } from './table.js'
import { readVotes, type VoteShape } from './votes.js'

/** One input as JSON `inputs` and the manifest record it. */
export interface InputRecord {
  path: string
  kind: 'votes' | 'roster' | 'reports' | 'findings' | 'history'
  sha256: string
  rows: number
  format: string
  encoding: string
  shape: VoteShape | ReportShape | null
}

export interface Loaded {
  /** Every cadre, made when first asked for (a streamed report uses `sortedCadres` instead). */
  readonly cadres: CadreInput[]
  /** The cadres sorted by id, one at a time, none kept: for reports that stream (SPEC §5). */
  sortedCadres: () => Iterable<CadreInput>
  /** How many cadres there are (without making them). */
  cadreCount: number
  inputs: InputRecord[]
  issues: Issue[]
  issuesOmitted: number
  errorCount: number
  rowsRead: number
  rowsCounted: number
  rowsInIssues: number
  blankRows: number
  /** `--history` files as read, in the order given (their rows are not in this year's counts). */
  history: HistoryFileRead[]
}

export interface LoadOptions {
  votes: string[]
  roster: string | null
  policy: Policy
  read: ReadOptions
  shape: VoteShape | null
  sumCounts: boolean
  /** Personal-matter report files (item 5); none: the report rules are not evaluated. */
  reports?: string[]
  /** The verification findings file (item 5). */
  findings?: string | null
  /** `--year`: the reporting round whose deadline applies; null: each report's own year. */
  year?: number | null
  /** `--history`: earlier years' reports or sheets (SPEC §2.5). */
  history?: string[]
  /** Called as a file is read (progress on a terminal). */
  onTable?: (table: Table) => void
  /** Where to read a file named `path` from (verify); the name stays `path` everywhere else. */
  locate?: (path: string) => string
}

/**
 * Refuse the same file twice (it would count every ballot twice) and stdin twice. "The
 * same" is the same device and inode, so a hard link, a symlink, `./x` and `x`, or
 * /dev/stdin next to `-`, are caught too.
 */
const checkDistinct = async (files: string[], locate: (path: string) => string = (f) => f): Promise<void> => {
  const seen = new Map<string, string>()
  let stdin = 0
  for (const f of files) {
    if (f === STDIN && ++stdin > 1) throw new UsageError('stdin-twice')
    let id: string
    try {
      const st = f === STDIN ? fstatSync(0) : await stat(locate(f))
      id = `${st.dev}:${st.ino}`
    } catch {
      continue // openTable reports the missing file with its own exit code
    }
    const first = seen.get(id)
    if (first !== undefined) throw new InputError({ code: 'file-given-twice', params: { file: f, other: first } })
    seen.set(id, f)
  }
}

/**
 * Two inputs with the same bytes and rows in them: the same file under two names (a copy).
 * With --sum-counts its counts would be added twice without a word; refuse it always.
 */
const checkSameContent = (inputs: readonly InputRecord[]): void => {
  const seen = new Map<string, InputRecord>()
  for (const i of inputs) {
    if (i.rows === 0 && i.kind !== 'history') continue
    const first = seen.get(i.sha256)
    if (first !== undefined) {
      // SPEC §2.5: an earlier year that is this year's input again (or another earlier year) would count one year twice.
      const history = i.kind === 'history' || first.kind === 'history'
      throw new InputError({ code: history ? 'history-same-content' : 'same-content', params: { file: i.path, other: first.path } })
    }
    seen.set(i.sha256, i)
  }
}


/** Read the roster, then every vote file, into one collection of cadres. */
export const loadInputs = async (opts: LoadOptions): Promise<Loaded> => {
  const reports = opts.reports ?? []
  const findings = opts.findings ?? null
  const history = opts.history ?? []
  const files = [...(opts.roster ? [opts.roster] : []), ...opts.votes, ...reports, ...(findings ? [findings] : []), ...history]
  await checkDistinct(files, opts.locate)
  const c = new Collector()
  const inputs: InputRecord[] = []
  const read = async (file: string, kind: InputRecord['kind'], body: (t: Table) => Promise<InputRecord['shape']>) => {
    const table = await openTable(file, opts.read, opts.locate?.(file))
    opts.onTable?.(table)
    const before = c.rowsRead
    const shape = await body(table)
    inputs.push({
      path: file,
      kind,
      sha256: table.sha256(),
      rows: c.rowsRead - before,
      format: table.format,
      encoding: table.encoding(),
      shape,
    })
  }
  if (opts.roster) await read(opts.roster, 'roster', async (t) => (await readRoster(t, c), null))
  for (const file of opts.votes) {
    await read(file, 'votes', async (t) => (await readVotes(t, c, opts.policy, { shape: opts.shape, sumCounts: opts.sumCounts })).shape)
  }
  // Item 5, after roster and votes: reports and findings name cadres those files know.
  c.roundYear = opts.year ?? null
  for (const file of reports) await read(file, 'reports', (t) => readReports(t, c, opts.policy))
  if (findings) await read(findings, 'findings', async (t) => (await readFindings(t, c, opts.policy), null))
  c.checkNames()
  c.doneReading()
  // Earlier years, each into a collector of its own: their cadres are not this year's.
  const earlier: HistoryFileRead[] = []
  for (const file of history) {
    const h = await readHistory(file, { read: opts.read, policy: opts.policy, at: opts.locate?.(file), addIssue: (i) => c.addIssue(i) })
    earlier.push(h)
    inputs.push(h.record)
  }
  checkSameContent(inputs)
  let cadres: CadreInput[] | null = null
  return {
    get cadres() {
      return (cadres ??= c.toCadreInputs())
    },
    sortedCadres: () => c.sortedCadreInputs(),
    cadreCount: c.cadres.size,
    inputs,
    issues: c.issues,
    issuesOmitted: c.issuesOmitted,
    errorCount: c.errorCount,
    rowsRead: c.rowsRead,
    rowsCounted: c.rowsCounted,
    rowsInIssues: c.rowsInIssues,
    blankRows: c.blankRows,
    history: earlier,
  }
}
