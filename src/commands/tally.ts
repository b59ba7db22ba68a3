import { VOTE_RULES } from '../core/rules/index.js'
import { EXIT, type ExitCode, UsageError } from '../errors.js'
import { type CommonOptions, type Io, parseShape, printReport, runAssessment, warnLeftOut } from './common.js'

export interface TallyOptions extends CommonOptions {
  votesFormat: string | undefined
  sumCounts: boolean
}

/** `kaohe tally F...`: counts, shares and margins of item 9, no roster, no dispositions. */
export const tallyCommand = async (files: string[], opts: TallyOptions, io: Io): Promise<ExitCode> => {
  if (files.length === 0) throw new UsageError('no-votes')
  const r = await runAssessment({
    command: 'tally',
    opts,
    votes: files,
    roster: null,
    shape: parseShape(opts.votesFormat),
    sumCounts: opts.sumCounts,
    io,
    rules: VOTE_RULES,
  })
  printReport(r, opts, io)
  warnLeftOut(r, opts, io)
  return EXIT.ok
}
