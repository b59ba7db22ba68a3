import { EXIT, type ExitCode, UsageError } from '../errors.js'
import { type CommonOptions, type Io, parseShape, printReport, runAssessment, warnLeftOut, warnNoVoteData } from './common.js'
import { type ExportOptions, planExports, writeExports } from './exports.js'

export interface TallyOptions extends CommonOptions, Partial<ExportOptions> {
  votesFormat: string | undefined
  sumCounts: boolean
}

/** `kaohe tally F...`: counts, shares and margins of item 9, no roster, no dispositions. */
export const tallyCommand = async (files: string[], opts: TallyOptions, io: Io): Promise<ExitCode> => {
  if (files.length === 0) throw new UsageError('no-votes')
  const shape = parseShape(opts.votesFormat)
  const exportOpts: ExportOptions = { out: opts.out ?? [], manifest: opts.manifest, outEncoding: opts.outEncoding, force: opts.force ?? false }
  const plan = await planExports(exportOpts, opts, files, io)
  const r = await runAssessment({
    command: 'tally',
    opts,
    votes: files,
    roster: null,
    shape,
    sumCounts: opts.sumCounts,
    io,
    scope: 'votes',
  })
  await printReport(r, opts, io)
  warnLeftOut(r, opts, io)
  warnNoVoteData(r, opts, io)
  if (plan) await writeExports(plan, r, opts, { command: 'tally', votesFormat: shape, sumCounts: opts.sumCounts, year: null }, io)
  return EXIT.ok
}
