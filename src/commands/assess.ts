import { EXIT, type ExitCode } from '../errors.js'
import { UsageError } from '../errors.js'
import { parseYear } from './reports.js'
import { type CommonOptions, type Io, parseFailOn, parseShape, printReport, runAssessment, warnHistory, warnLeftOut, warnNoVoteData } from './common.js'
import { type ExportOptions, planExports, writeExports } from './exports.js'

export interface AssessOptions extends CommonOptions, Partial<ExportOptions> {
  votes: string[]
  roster: string | undefined
  votesFormat: string | undefined
  sumCounts: boolean
  failOn: string | undefined
  /** Item 5: personal-matter report files, the findings file, the reporting round's year. */
  reports?: string[]
  findings?: string | undefined
  year?: string | undefined
  /** `--history`: earlier years' results (SPEC §2.5). */
  history?: string[]
}

/** `kaohe assess`: votes (+ roster) → one disposition per cadre, with its rationale. */
export const assessCommand = async (opts: AssessOptions, io: Io): Promise<ExitCode> => {
  if (opts.votes.length === 0) throw new UsageError('no-votes')
  const failOn = parseFailOn(opts.failOn)
  const shape = parseShape(opts.votesFormat)
  // Outputs are checked before any input is read: a refused file costs no run.
  const exportOpts: ExportOptions = { out: opts.out ?? [], manifest: opts.manifest, outEncoding: opts.outEncoding, force: opts.force ?? false }
  const inputs = [...(opts.roster ? [opts.roster] : []), ...opts.votes, ...(opts.reports ?? []), ...(opts.findings ? [opts.findings] : []), ...(opts.history ?? [])]
  const plan = await planExports(exportOpts, opts, inputs, io)
  try {
    const year = parseYear(opts.year)
    const r = await runAssessment({
      command: 'assess',
      opts,
      votes: opts.votes,
      roster: opts.roster ?? null,
      shape,
      sumCounts: opts.sumCounts,
      reports: opts.reports ?? [],
      findings: opts.findings ?? null,
      year,
      history: opts.history ?? [],
      io,
    })
    await printReport(r, opts, io)
    warnLeftOut(r, opts, io)
    warnNoVoteData(r, opts, io)
    warnHistory(r, opts, io)
    if (plan) await writeExports(plan, r, opts, { command: 'assess', votesFormat: shape, sumCounts: opts.sumCounts, year }, io)
    if (failOn !== null && r.reaches(failOn)) return EXIT.failOn
    return EXIT.ok
  } finally {
    // The outputs' locks (taken by planExports), whatever happened.
    plan?.lock.release()
  }
}
