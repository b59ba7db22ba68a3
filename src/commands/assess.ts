import { EXIT, type ExitCode } from '../errors.js'
import { UsageError } from '../errors.js'
import { type CommonOptions, type Io, parseFailOn, parseShape, printReport, runAssessment, warnLeftOut } from './common.js'

export interface AssessOptions extends CommonOptions {
  votes: string[]
  roster: string | undefined
  votesFormat: string | undefined
  sumCounts: boolean
  failOn: string | undefined
}

/** `kaohe assess`: votes (+ roster) → one disposition per cadre, with its rationale. */
export const assessCommand = async (opts: AssessOptions, io: Io): Promise<ExitCode> => {
  if (opts.votes.length === 0) throw new UsageError('no-votes')
  const failOn = parseFailOn(opts.failOn)
  const r = await runAssessment({
    command: 'assess',
    opts,
    votes: opts.votes,
    roster: opts.roster ?? null,
    shape: parseShape(opts.votesFormat),
    sumCounts: opts.sumCounts,
    io,
  })
  printReport(r, opts, io)
  warnLeftOut(r, opts, io)
  if (failOn !== null && r.reaches(failOn)) return EXIT.failOn
  return EXIT.ok
}
