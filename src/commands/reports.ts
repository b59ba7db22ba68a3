import { reachesLevel } from '../core/assess.js'
import { jsonSafe, terminalCsv } from '../output/terminal.js'
import { EXIT, type ExitCode, UsageError } from '../errors.js'
import { renderJson } from '../output/json.js'
import { renderReportsCsv, renderReportsTable } from '../output/reports-view.js'
import { chalkFor, type CommonOptions, type Io, parseFailOn, runAssessment, tableWidthFor, warnLeftOut } from './common.js'

export interface ReportsOptions extends CommonOptions {
  roster: string | undefined
  findings: string | undefined
  year: string | undefined
  failOn: string | undefined
}

/** `--year YYYY`: the reporting round whose deadline applies. */
export const parseYear = (s: string | undefined): number | null => {
  if (s === undefined) return null
  if (/^\d{4}$/.test(s.trim()) && Number(s) >= 1900) return Number(s)
  throw new UsageError('bad-option', { option: '--year', value: s, hint: 'YYYY, e.g. 2025' })
}

/**
 * `kaohe reports F... [--roster F] [--findings F]`: the item-5 checks alone — reports missing,
 * incomplete or late, verification findings, 述职述廉 — one disposition per cadre.
 */
export const reportsCommand = async (files: string[], opts: ReportsOptions, io: Io): Promise<ExitCode> => {
  if (files.length === 0) throw new UsageError('no-reports')
  const failOn = parseFailOn(opts.failOn)
  const r = await runAssessment({
    command: 'reports',
    opts,
    votes: [],
    roster: opts.roster ?? null,
    shape: null,
    sumCounts: false,
    scope: 'item5',
    reports: files,
    findings: opts.findings ?? null,
    year: parseYear(opts.year),
  })
  // No votes are read here: "no evaluation data" would be said of every cadre.
  for (const c of r.doc.cadres) c.notes = c.notes.filter((n) => n.code !== 'no-evaluation-data')
  // On a terminal, escaped as every report is (common.ts printReport).
  if (opts.format === 'json') io.stdout(io.stdoutIsTTY ? jsonSafe(renderJson(r.doc)) : renderJson(r.doc))
  else if (opts.format === 'csv') io.stdout(io.stdoutIsTTY ? terminalCsv(renderReportsCsv(r.doc, r.dict)) : renderReportsCsv(r.doc, r.dict))
  else if (!opts.quiet || r.doc.cadres.length > 0) io.stdout(renderReportsTable(r.doc, r.dict, chalkFor(opts, io), tableWidthFor(opts, io)))
  warnLeftOut(r, opts, io)
  if (failOn !== null && r.assessment.cadres.some((a) => reachesLevel(a.disposition, failOn))) return EXIT.failOn
  return EXIT.ok
}
