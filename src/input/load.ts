import { fstatSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { CadreInput } from '../core/model.js'
import { InputError, type Issue, UsageError } from '../errors.js'
import type { Policy } from '../policy/schema.js'
import { Collector } from './collector.js'
import { findingsLayout, readFindings } from './findings.js'
import { type HistoryFileRead, readHistory } from './history.js'
import { layoutTable, type LayoutOptions } from './layout.js'
import { type ReportShape, readReports, reportLayout } from './reports.js'
import { readRoster, rosterLayout } from './roster.js'
import type { EncodingName } from './decode.js'
import { openInput, type ReadOptions, splitSheet, STDIN, type Table, type TableFormat } from './table.js'
import { Vocabulary } from './headers.js'
import { checkPaperSets, gradeSetHint, readVotes, voteLayout, type VoteShape } from './votes.js'

/** One input as JSON `inputs` and the manifest record it. */
export interface InputRecord {
  /** The table's name: the path as given, or `file.xlsx#SHEET` for one of a workbook's sheets. */
  path: string
  kind: 'votes' | 'roster' | 'reports' | 'findings' | 'history'
  sha256: string
  rows: number
  format: TableFormat | 'json'
  encoding: EncodingName | 'xlsx'
  shape: VoteShape | ReportShape | null
  /** The input as given on the command line, where one argument gave several sheets (verify re-runs it). */
  given?: string
  /** The sheet read (XLSX): two inputs naming one sheet of one file are refused. */
  sheet?: string | null
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
  /** Rows that are not data (titles, footnotes, 合计, …), each listed as a notice. */
  rowsSkipped: number
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
  // By file: the sheets named (`x.xlsx#1`, `x.xlsx#2`), or '*' for the whole file.
  const seen = new Map<string, Map<string, string>>()
  let stdin = 0
  for (const f of files) {
    if (f === STDIN && ++stdin > 1) throw new UsageError('stdin-twice')
    const { sheet } = splitSheet(f)
    let id: string
    try {
      const st = f === STDIN ? fstatSync(0) : await stat(splitSheet(locate(f)).file)
      id = `${st.dev}:${st.ino}`
    } catch {
      continue // openTable reports the missing file with its own exit code
    }
    const sheets = seen.get(id) ?? new Map<string, string>()
    const first = sheets.get(sheet ?? '*') ?? (sheet === null ? sheets.values().next().value : sheets.get('*'))
    if (first !== undefined) throw new InputError({ code: 'file-given-twice', params: { file: f, other: first } })
    sheets.set(sheet ?? '*', f)
    seen.set(id, sheets)
  }
}

/**
 * Two inputs with the same bytes and rows in them: the same file under two names (a copy).
 * With --sum-counts its counts would be added twice without a word; refuse it always.
 */
const checkSameContent = (inputs: readonly InputRecord[]): void => {
  const seen = new Map<string, InputRecord>()
  const bySha = new Map<string, InputRecord>()
  const historyBySha = new Map<string, InputRecord>()
  for (const i of inputs) {
    if (i.rows === 0 && i.kind !== 'history') continue
    // Sheets of one workbook share its bytes: the same sheet twice is the same rows.
    const key = `${i.sha256}#${i.sheet ?? ''}`
    // SPEC §2.5: an earlier year that is this year's input again (or another earlier year)
    // would count one year twice — whichever sheets are read of it.
    const first = seen.get(key) ?? (i.kind === 'history' ? bySha.get(i.sha256) : historyBySha.get(i.sha256))
    if (first !== undefined) {
      const history = i.kind === 'history' || first.kind === 'history'
      throw new InputError({ code: history ? 'history-same-content' : i.sheet ? 'file-given-twice' : 'same-content', params: { file: i.path, other: first.path } })
    }
    seen.set(key, i)
    bySha.set(i.sha256, i)
    if (i.kind === 'history') historyBySha.set(i.sha256, i)
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
  const headerRow = opts.read.headerRow ?? null
  const layouts: Record<InputRecord['kind'], LayoutOptions> = {
    votes: voteLayout(opts.policy, opts.shape, headerRow),
    roster: rosterLayout(headerRow),
    reports: reportLayout(opts.policy, headerRow),
    findings: findingsLayout(headerRow),
    history: voteLayout(opts.policy, null, headerRow),
  }
  const read = async (file: string, kind: InputRecord['kind'], body: (t: Table) => Promise<InputRecord['shape']>) => {
    const input = await openInput(file, opts.read, opts.locate?.(file))
    for (const name of input.emptySheets) c.addIssue(sheetNotice(name, 'sheet-empty', kind))
    // A workbook read sheet by sheet: every sheet that holds a table of this kind (a
    // workbook of 正职 and 副职 sheets is one assessment); any other sheet (填表说明, a
    // roster among ballots) is listed and left out. With no such sheet, the first is
    // read, and its reader says what is missing.
    const several = input.tables.length > 1
    const tables: Table[] = []
    for (const t of input.tables) {
      const raw = await t.open()
      const table = several ? await layoutTable(raw, layouts[kind]) : raw
      if (several && !table.layout!.found && holdsNoTable(table, kind, opts.policy)) c.addIssue(sheetNotice(t.name, 'sheet-skipped', kind))
      else tables.push(table)
    }
    if (tables.length === 0) tables.push(await layoutTable(await input.tables[0]!.open(), layouts[kind]))
    for (const table of tables) {
      opts.onTable?.(table)
      const before = c.rowsRead
      const shape = await body(table)
      inputs.push({
        path: table.file,
        kind,
        sha256: table.sha256(),
        rows: c.rowsRead - before,
        format: table.format,
        encoding: table.encoding(),
        shape,
        ...(table.file !== file ? { given: file } : {}),
        ...(table.sheet ? { sheet: table.sheet } : {}),
      })
    }
  }
  if (opts.roster) await read(opts.roster, 'roster', async (t) => (await readRoster(t, c, { headerRow }), null))
  for (const file of opts.votes) {
    await read(file, 'votes', async (t) => (await readVotes(t, c, opts.policy, { shape: opts.shape, sumCounts: opts.sumCounts, headerRow })).shape)
  }
  checkPaperSets(c)
  // Item 5, after roster and votes: reports and findings name cadres those files know.
  c.roundYear = opts.year ?? null
  for (const file of reports) await read(file, 'reports', (t) => readReports(t, c, opts.policy, { headerRow }))
  if (findings) await read(findings, 'findings', async (t) => (await readFindings(t, c, opts.policy, { headerRow }), null))
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
    rowsSkipped: c.rowsSkipped,
    history: earlier,
  }
}

/**
 * A sheet of a workbook read sheet by sheet, whose header was not found: is it a sheet
 * without a table of this kind (填表说明, a roster among the vote sheets), to be left out
 * with a notice? Not when its header names what only a vote sheet holds (a grade, a 票号,
 * 实到, a share, another built-in grade set's words), or, for the other kinds, two of the
 * kind's columns: that is a sheet of the kind whose header is wrong, and its reader says
 * so — a 副职 sheet is never left out for a header kaohe cannot read.
 */
const holdsNoTable = (table: Table, kind: InputRecord['kind'], policy: Policy): boolean => {
  if (kind !== 'votes') return table.layout!.named < 2
  const vocab = new Vocabulary(policy.gradeSynonyms)
  const voteOnly = new Set(['ballotId', 'grade', 'voterGroup', 'excellent', 'competent', 'basicallyCompetent', 'incompetent', 'abstain', 'invalid', 'participated'])
  const voteLike = table.header.cells.some((c) => voteOnly.has(vocab.field(c) ?? '') || vocab.role(c).kind === 'share')
  return !voteLike && gradeSetHint(table.header, policy) === ''
}

/** A sheet of a workbook that is not read, as a notice. */
const sheetNotice = (name: string, code: 'sheet-empty' | 'sheet-skipped', kind: InputRecord['kind']): Issue => ({
  file: name,
  row: null,
  column: null,
  columnName: null,
  value: null,
  code,
  params: { kind: `--${kind}` },
  severity: 'notice',
})
