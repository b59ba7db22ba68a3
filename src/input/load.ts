import { realpath } from 'node:fs/promises'
import type { CadreInput } from '../core/model.js'
import { InputError, type Issue, UsageError } from '../errors.js'
import type { Policy } from '../policy/schema.js'
import { Collector } from './collector.js'
import { readRoster } from './roster.js'
import { openTable, type ReadOptions, STDIN, type Table } from './table.js'
import { readVotes, type VoteShape } from './votes.js'

/** One input as JSON `inputs` and the manifest record it. */
export interface InputRecord {
  path: string
  kind: 'votes' | 'roster'
  sha256: string
  rows: number
  format: string
  encoding: string
  shape: VoteShape | null
}

export interface Loaded {
  /** Every cadre, made when first asked for (a streamed report uses `sortedCadres` instead). */
  readonly cadres: CadreInput[]
  /** The cadres sorted by id, one at a time, none kept: for reports that stream (SPEC §5). */
  sortedCadres: () => Iterable<CadreInput>
  inputs: InputRecord[]
  issues: Issue[]
  issuesOmitted: number
  errorCount: number
  rowsRead: number
  rowsCounted: number
  rowsInIssues: number
  blankRows: number
}

export interface LoadOptions {
  votes: string[]
  roster: string | null
  policy: Policy
  read: ReadOptions
  shape: VoteShape | null
  sumCounts: boolean
  /** Called as a file is read (progress on a terminal). */
  onTable?: (table: Table) => void
}

/** Refuse the same file twice (it would count every ballot twice) and stdin twice. */
const checkDistinct = async (files: string[]): Promise<void> => {
  const seen = new Set<string>()
  let stdin = 0
  for (const f of files) {
    if (f === STDIN) {
      if (++stdin > 1) throw new UsageError('stdin-twice')
      continue
    }
    let real: string
    try {
      real = await realpath(f)
    } catch {
      continue // openTable reports the missing file with its own exit code
    }
    if (seen.has(real)) throw new InputError({ code: 'file-given-twice', params: { file: f } })
    seen.add(real)
  }
}

/** Read the roster, then every vote file, into one collection of cadres. */
export const loadInputs = async (opts: LoadOptions): Promise<Loaded> => {
  const files = [...(opts.roster ? [opts.roster] : []), ...opts.votes]
  await checkDistinct(files)
  const c = new Collector()
  const inputs: InputRecord[] = []
  const read = async (file: string, kind: InputRecord['kind'], body: (t: Table) => Promise<VoteShape | null>) => {
    const table = await openTable(file, opts.read)
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
  let cadres: CadreInput[] | null = null
  return {
    get cadres() {
      return (cadres ??= c.toCadreInputs())
    },
    sortedCadres: () => c.sortedCadreInputs(),
    inputs,
    issues: c.issues,
    issuesOmitted: c.issuesOmitted,
    errorCount: c.errorCount,
    rowsRead: c.rowsRead,
    rowsCounted: c.rowsCounted,
    rowsInIssues: c.rowsInIssues,
    blankRows: c.blankRows,
  }
}
