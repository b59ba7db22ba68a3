import { Argument, Command, CommanderError, Option } from 'commander'
import type { CommonOptions, Io } from './commands/common.js'
import type { ExportOptions } from './commands/exports.js'
import type { TemplateKind } from './commands/template.js'
import { EXIT, type ExitCode, KaoheError, UsageError } from './errors.js'
import { dict, fill, type Lang, parseLang } from './i18n/index.js'
import { HELP } from './i18n/help.js'
import { releaseStdin } from './input/stdin.js'
import { groupIssues, groupLine, issuesBeyond } from './output/issue-groups.js'
import { terminalParams, terminalSafe } from './output/terminal.js'
import { VERSION } from './version.js'

/** The kinds `kaohe template` writes: template.ts's TEMPLATE_KINDS, here so that it is not loaded at start. */
const TEMPLATE_KINDS = ['votes', 'wide', 'paper', 'counts', 'reports', 'roster', 'findings'] as const
// Both lists name the same kinds (a type check only: template.js is still not loaded).
const sameKinds: [TemplateKind, (typeof TEMPLATE_KINDS)[number]] extends [(typeof TEMPLATE_KINDS)[number], TemplateKind] ? true : never = true
void sameKinds

const collect = (value: string, previous: string[] = []): string[] => [...previous, value]

/** The language before commander parses: help texts need it. */
export const langOf = (argv: string[], env: Io['env']): Lang => {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='))
  const v = i < 0 ? env.KAOHE_LANG : argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1]
  return parseLang(v ?? '') ?? 'zh'
}

const addCommon = (cmd: Command, h: (typeof HELP)[Lang]): Command =>
  cmd
    .addOption(new Option('--lang <lang>', h.lang).choices(['zh', 'en']).default('zh'))
    .addOption(new Option('--format <format>', h.format).choices(['table', 'json', 'csv']).default('table'))
    .option('--policy <name|file>', h.policy)
    .option('--encoding <enc>', h.encoding, 'auto')
    .option('--delimiter <char>', h.delimiter)
    .option('--sheet <name>', h.sheet)
    .option('--header-row <n>', h.headerRow)
    .option('--strict', h.strict)
    .option('--lenient', h.lenient, false)
    .option('-q, --quiet', h.quiet, false)
    .option('--no-color', h.noColor)

const common = (o: Record<string, unknown>): CommonOptions => ({
  lang: o.lang as Lang,
  format: o.format as CommonOptions['format'],
  quiet: o.quiet === true,
  color: o.color !== false,
  lenient: o.lenient === true && o.strict !== true,
  encoding: (o.encoding as string | undefined) ?? 'auto',
  delimiter: o.delimiter as string | undefined,
  sheet: o.sheet as string | undefined,
  policy: o.policy as string | undefined,
  headerRow: parseHeaderRow(o.headerRow as string | undefined),
})

/** `--header-row N`: a line number, 1 or more. */
const parseHeaderRow = (v: string | undefined): number | null => {
  if (v === undefined) return null
  if (!/^\d{1,7}$/.test(v.trim()) || Number(v) < 1) throw new UsageError('bad-option', { option: '--header-row', value: v, hint: '1, 2, 3 …' })
  return Number(v)
}

/** `--out` and its companions (SPEC §4), on `assess` and `tally`. */
const addExports = (cmd: Command, h: (typeof HELP)[Lang]): Command =>
  cmd
    .option('--out <file>', h.out, collect as never)
    .option('--manifest <file>', h.manifest)
    .addOption(new Option('--out-encoding <enc>', h.outEncoding))
    .option('--force', h.outForce, false)

const exportsOf = (o: Record<string, unknown>): ExportOptions => ({
  out: (o.out as string[] | undefined) ?? [],
  manifest: o.manifest as string | undefined,
  outEncoding: o.outEncoding as string | undefined,
  force: o.force === true,
})

/** Build the commander program; each action stores its exit code in `result`. */
export const buildProgram = (io: Io, lang: Lang, result: { code: ExitCode }): Command => {
  const h = HELP[lang]
  const program = new Command('kaohe')
    .description(h.program)
    .version(VERSION, '-V, --version', h.version)
    .helpOption('-h, --help', h.help)
    .addHelpCommand(false)
    .showHelpAfterError(false)
    .exitOverride()
    // commander echoes a bad argument: one line, made terminal-safe (it may be a file name).
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (s, write) => write(`${terminalSafe(s.replace(/\n$/, ''), Infinity)}\n`) })
    .addHelpText('after', h.programExamples)

  const assess = addCommon(
    program
      .command('assess')
      .description(h.assess)
      .requiredOption('--votes <files...>', h.votes, collect as never)
      .option('--roster <file>', h.roster)
      .addOption(new Option('--votes-format <shape>', h.votesFormat).choices(['long', 'wide', 'counts', 'paper']))
      .option('--sum-counts', h.sumCounts, false)
      .option('--fail-on <code>', h.failOn)
      .option('--reports <files...>', h.reports, collect as never)
      .option('--findings <file>', h.findings)
      .option('--year <yyyy>', h.year)
      .option('--history <file>', h.history, collect as never),
    h,
  )
  addExports(assess, h)
    .addHelpText('after', h.assessExamples)
    .addHelpText('after', h.historyExamples)
    .addHelpText('after', h.outExamples)
    .action(async (o: Record<string, unknown>) => {
      // Commands load on demand: `--version` and `--help` never load zod, csv-parse, chalk…
      const { assessCommand } = await import('./commands/assess.js')
      result.code = await assessCommand(
        {
          ...common(o),
          votes: (o.votes as string[][] | string[]).flat(),
          roster: o.roster as string | undefined,
          votesFormat: o.votesFormat as string | undefined,
          sumCounts: o.sumCounts === true,
          failOn: o.failOn as string | undefined,
          reports: ((o.reports as string[][] | string[] | undefined) ?? []).flat(),
          findings: o.findings as string | undefined,
          year: o.year as string | undefined,
          history: (o.history as string[] | undefined) ?? [],
          ...exportsOf(o),
        },
        io,
      )
    })

  addCommon(
    program
      .command('reports')
      .description(h.reportsCmd)
      .argument('<files...>', h.reportsFiles)
      .option('--roster <file>', h.roster)
      .option('--findings <file>', h.findings)
      .option('--year <yyyy>', h.year)
      .option('--fail-on <code>', h.failOn),
    h,
  )
    .addHelpText('after', h.reportsExamples)
    .action(async (files: string[], o: Record<string, unknown>) => {
      const { reportsCommand } = await import('./commands/reports.js')
      result.code = await reportsCommand(
        files,
        {
          ...common(o),
          roster: o.roster as string | undefined,
          findings: o.findings as string | undefined,
          year: o.year as string | undefined,
          failOn: o.failOn as string | undefined,
        },
        io,
      )
    })

  program
    .command('template')
    .description(h.templateCmd)
    .addArgument(new Argument('<kind>', h.templateKind).choices(TEMPLATE_KINDS))
    .option('--out <file>', h.templateOut)
    .option('--force', h.force, false)
    .option('--policy <name|file>', h.policy)
    .addOption(new Option('--lang <lang>', h.lang).choices(['zh', 'en']).default('zh'))
    .addHelpText('after', h.templateExamples)
    .action(async (kind: string, o: Record<string, unknown>) => {
      const { templateCommand } = await import('./commands/template.js')
      result.code = await templateCommand(kind, { out: o.out as string | undefined, force: o.force === true, policy: o.policy as string | undefined, lang: o.lang as Lang }, io)
    })

  const tally = addCommon(
    program
      .command('tally')
      .description(h.tally)
      .argument('<files...>', h.tallyFiles)
      .addOption(new Option('--votes-format <shape>', h.votesFormat).choices(['long', 'wide', 'counts', 'paper']))
      .option('--sum-counts', h.sumCounts, false)
      .option('--year <yyyy>', h.tallyYear)
      .option('--history <file>', h.history, collect as never),
    h,
  )
  addExports(tally, h)
    .addHelpText('after', h.tallyExamples)
    .addHelpText('after', h.historyExamples)
    .addHelpText('after', h.outExamples)
    .action(async (files: string[], o: Record<string, unknown>) => {
      const { tallyCommand } = await import('./commands/tally.js')
      result.code = await tallyCommand(
        files,
        {
          ...common(o),
          votesFormat: o.votesFormat as string | undefined,
          sumCounts: o.sumCounts === true,
          year: o.year as string | undefined,
          history: (o.history as string[] | undefined) ?? [],
          ...exportsOf(o),
        },
        io,
      )
    })

  program
    .command('verify')
    .description(h.verify)
    .argument('<manifest>', h.verifyManifest)
    .addOption(new Option('--lang <lang>', h.lang).choices(['zh', 'en']).default('zh'))
    .addOption(new Option('--format <format>', h.verifyFormat).choices(['table', 'json']).default('table'))
    .option('-q, --quiet', h.quiet, false)
    .option('--no-color', h.noColor)
    .addHelpText('after', h.verifyExamples)
    .action(async (manifest: string, o: Record<string, unknown>) => {
      const { verifyCommand } = await import('./commands/verify.js')
      result.code = await verifyCommand(manifest, { lang: o.lang as Lang, format: o.format as 'table' | 'json', quiet: o.quiet === true }, io)
    })

  const policy = program.command('policy').description(h.policyCmd).addHelpText('after', h.policyExamples)
  addCommon(policy.command('show').description(h.policyShow).argument('[name]', h.policyName), h).action(
    async (name: string | undefined, o: Record<string, unknown>) => {
      const { policyShow } = await import('./commands/policy.js')
      result.code = await policyShow(name ?? (o.policy as string | undefined), io, o.quiet === true)
    },
  )
  policy
    .command('check')
    .description(h.policyCheck)
    .argument('<file>', h.policyCheckFile)
    .addOption(new Option('--lang <lang>', h.lang).choices(['zh', 'en']).default('zh'))
    .addHelpText('after', h.policyCheckExamples)
    .action(async (file: string, o: Record<string, unknown>) => {
      const { policyCheck } = await import('./commands/policy-check.js')
      result.code = await policyCheck(file, o.lang as Lang, io)
    })
  policy
    .command('init')
    .description(h.policyInit)
    .argument('<file>', h.policyFile)
    .option('--from <name>', h.policyFrom, 'opinion-2009')
    .option('--force', h.force, false)
    .action(async (file: string, o: Record<string, unknown>) => {
      const { policyInit } = await import('./commands/policy.js')
      result.code = await policyInit(file, o.from as string, o.force === true)
    })
  return program
}

/** Lines of grouped issues under an error on stderr; the issues of further groups are counted. */
const MAX_ERROR_LINES = 100

/**
 * Print a user-fixable error: the headline, then its located issues, like ones grouped
 * (SPEC §3: 50,000 rows with the same unknown grade are one line, with the count and the
 * first rows), and how many were not listed.
 */
export const reportError = (e: KaoheError, lang: Lang, io: Io): void => {
  const d = dict(lang)
  // Values come from input files: made terminal-safe (no escape sequences, no forged lines).
  io.stderr(`kaohe: ${terminalSafe(d.message(e.msg.code, terminalParams(e.msg.params)), Infinity)}\n`)
  const groups = groupIssues(
    e.issues.map((i) => ({
      file: terminalSafe(i.file),
      row: i.row,
      column: i.column,
      columnName: i.columnName === null ? null : terminalSafe(i.columnName, 160),
      value: i.value,
      code: i.code,
      message: terminalSafe(d.message(i.code, terminalParams({ ...i.params, value: i.value ?? '' })), Infinity),
      severity: i.severity,
    })),
  )
  for (const g of groups.slice(0, MAX_ERROR_LINES)) io.stderr(`  ${groupLine(g, d)}\n`)
  // Errors past the collector's list (MAX_LISTED_ISSUES) are counted in the headline's count.
  const count = e.msg.code === 'data-errors' ? e.msg.params.count : undefined
  const unlisted = typeof count === 'number' ? Math.max(0, count - e.issues.length) : 0
  const more = issuesBeyond(groups, MAX_ERROR_LINES) + unlisted
  if (more > 0) io.stderr(`  ${fill(d.ui.andMore, { n: more })}\n`)
}

/** Run the CLI; returns the exit code (SPEC §3). Only `main` sets process.exitCode. */
export const run = async (argv: string[], io: Io): Promise<ExitCode> => {
  const lang = langOf(argv, io.env)
  const result: { code: ExitCode } = { code: EXIT.ok }
  const program = buildProgram(io, lang, result)
  try {
    await program.parseAsync(argv)
    return result.code
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and --version exit 0; every other commander error is a usage error.
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage
    }
    if (e instanceof KaoheError) {
      reportError(e, lang, io)
      return e.exitCode
    }
    const d = dict(lang)
    io.stderr(`kaohe: ${terminalSafe(d.message('internal', { detail: e instanceof Error ? e.message : String(e) }))}\n`)
    if (io.env.KAOHE_DEBUG === '1' && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`)
    return EXIT.internal
  } finally {
    releaseStdin()
  }
}

/**
 * The CLI on this process's stdout and stderr; or, given `fd` (a worker thread, see
 * thread.ts), on file descriptors written directly. Returns the exit code (and sets it).
 */
export const main = async (argv: string[], fd?: { io: Io; failed: () => string | null }): Promise<number> => {
  if (fd) {
    const code = await run(argv, fd.io)
    const failed = fd.failed()
    if (failed === null) return code
    fd.io.stderr(`kaohe: ${dict(langOf(argv, fd.io.env)).message('stdout-failed', { reason: failed })}\n`)
    return EXIT.cantCreate
  }
  const io: Io = {
    stdout: (s) => process.stdout.write(s),
    // A pipe to a slower program: wait for it (not for a stream that is gone, e.g. `| head`).
    stdoutDrained: () =>
      new Promise<void>((resolve) => {
        const out = process.stdout
        if (!out.writableNeedDrain || out.destroyed) return resolve()
        const done = (): void => {
          out.off('drain', done).off('close', done).off('error', done)
          resolve()
        }
        out.on('drain', done).on('close', done).on('error', done)
      }),
    stderr: (s) => void process.stderr.write(s),
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
  }
  // A closed pipe (e.g. `kaohe ... | head`) is not an error of ours. Any other failure to
  // write stdout (a full disk, /dev/full) is an output error: one line, exit 73, no stack.
  let stdoutFailed = false
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') return
    if (!stdoutFailed) {
      stdoutFailed = true
      process.stderr.write(`kaohe: ${dict(langOf(argv, io.env)).message('stdout-failed', { reason: e.code ?? 'error' })}\n`)
    }
    process.exitCode = EXIT.cantCreate
  })
  const code = await run(argv, io)
  process.exitCode = stdoutFailed ? EXIT.cantCreate : code
  return process.exitCode
}
