import { EXIT, type ExitCode, UsageError } from '../errors.js'
import { type CommonOptions, type Io, parseShape, printReport, runAssessment, warnHistory, warnLeftOut, warnNoVoteData } from './common.js'
import { parseYear } from './reports.js'
import { type ExportOptions, planExports, writeExports } from './exports.js'

export interface TallyOptions extends CommonOptions, Partial<ExportOptions> {
  votesFormat: string | undefined
  sumCounts: boolean
  /** `--year`: this year, for `--history`. */
  year?: string | undefined
  /** `--history`: earlier years' results (SPEC §2.5). */
  history?: string[]
}

/** `kaohe tally F...`: counts, shares and margins of item 9, no roster, no dispositions. */
export const tallyCommand = async (files: string[], opts: TallyOptions, io: Io): Promise<ExitCode> => {
  if (files.length === 0) throw new UsageError('no-votes')
  const shape = parseShape(opts.votesFormat)
  const exportOpts: ExportOptions = { out: opts.out ?? [], manifest: opts.manifest, outEncoding: opts.outEncoding, force: opts.force ?? false }
  const plan = await planExports(exportOpts, opts, [...files, ...(opts.history ?? [])], io)
  try {
    const year = parseYear(opts.year)
    const r = await runAssessment({
      command: 'tally',
      opts,
      votes: files,
      roster: null,
      shape,
      sumCounts: opts.sumCounts,
      year,
      history: opts.history ?? [],
      io,
      scope: 'votes',
    })
    await printReport(r, opts, io)
    warnLeftOut(r, opts, io)
    warnNoVoteData(r, opts, io)
    warnHistory(r, opts, io)
    if (plan) await writeExports(plan, r, opts, { command: 'tally', votesFormat: shape, sumCounts: opts.sumCounts, year }, io)
    return EXIT.ok
  } finally {
    // The outputs' locks (taken by planExports), whatever happened.
    plan?.lock.release()
  }
}
