import { Argument, Command, CommanderError, Help, Option } from 'commander'
import { stringWidth } from './output/width.js'
import type { CommonOptions, Io } from './commands/common.js'
import type { ExportOptions } from './commands/exports.js'
import type { TemplateKind } from './commands/template.js'
import { EXIT, type ExitCode, KaoheError, UsageError } from './errors.js'
import { dict, fill, type Lang, parseLang } from './i18n/index.js'
import { CLI_WORDS, type CliWords } from './i18n/cli-words.js'
import { HELP } from './i18n/help.js'
import { releaseStdin } from './input/stdin.js'
import { groupIssues, groupLine, issuesBeyond } from './output/issue-groups.js'
import { terminalParams, terminalSafe } from './output/terminal.js'
import { wrapText } from './output/wrap.js'
import { VERSION } from './version.js'

/** The kinds `kaohe template` writes: template.ts's TEMPLATE_KINDS, here so that it is not loaded at start. */
const TEMPLATE_KINDS = ['votes', 'wide', 'paper', 'counts', 'reports', 'roster', 'findings'] as const
// Both lists name the same kinds (a type check only: template.js is still not loaded).
const sameKinds: [TemplateKind, (typeof TEMPLATE_KINDS)[number]] extends [(typeof TEMPLATE_KINDS)[number], TemplateKind] ? true : never = true
void sameKinds

const collect = (value: string, previous: string[] = []): string[] => [...previous, value]

/**
 * The language before commander parses (help texts need it), and a KAOHE_LANG that is neither
 * language (`badEnv`, to be said). `--lang`, when given, wins and KAOHE_LANG is not looked at.
 */
export const langChoice = (argv: string[], env: Io['env']): { lang: Lang; badEnv: string | undefined } => {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='))
  if (i >= 0) {
    const a = argv[i]!
    const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[i + 1]
    return { lang: parseLang(v ?? '') ?? 'zh', badEnv: undefined }
  }
  const e = env.KAOHE_LANG
  const l = e ? parseLang(e) : undefined
  return { lang: l ?? 'zh', badEnv: e && l === undefined ? e : undefined }
}

/** The language before commander parses: help texts need it. */
export const langOf = (argv: string[], env: Io['env']): Lang => langChoice(argv, env).lang

/** Option and argument placeholders in the language (`<file>` → `<文件>`): commander names options by their flags, not these. */
const placeholders = (w: CliWords) => (flags: string): string =>
  flags.replace(/<([^>]+)>|\[([^\]]+)\]/g, (_m, req: string | undefined, opt: string | undefined) => {
    const k = req ?? opt!
    const t = w.placeholders[k] ?? k
    return req !== undefined ? `<${t}>` : `[${t}]`
  })

type Ph = (flags: string) => string

const langOption = (h: (typeof HELP)[Lang], ph: Ph): Option => new Option(ph('--lang <lang>'), h.lang).choices(['zh', 'en']).default('zh')

/** The options of every command that reads input files (SPEC §3). */
const addCommon = (cmd: Command, h: (typeof HELP)[Lang], ph: Ph): Command =>
  cmd
    .addOption(langOption(h, ph))
    .addOption(new Option(ph('--format <format>'), h.format).choices(['table', 'json', 'csv']).default('table'))
    .option(ph('--policy <name|file>'), h.policy)
    .option(ph('--encoding <enc>'), h.encoding, 'auto')
    .option(ph('--delimiter <char>'), h.delimiter)
    .option(ph('--sheet <name>'), h.sheet)
    .option(ph('--header-row <n>'), h.headerRow)
    .option('--strict', h.strict)
    .option('--lenient', h.lenient, false)
    .option('-q, --quiet', h.quiet, false)
    .option('--no-color', h.noColor)
    .option('--wide', h.wide, false)

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
  wide: o.wide === true,
})

/** `--header-row N`: a line number, 1 or more. */
const parseHeaderRow = (v: string | undefined): number | null => {
  if (v === undefined) return null
  if (!/^\d{1,7}$/.test(v.trim()) || Number(v) < 1) throw new UsageError('bad-option', { option: '--header-row', value: v, hint: '1, 2, 3 …' })
  return Number(v)
}

/** `--out` and its companions (SPEC §4), on `assess` and `tally`. */
const addExports = (cmd: Command, h: (typeof HELP)[Lang], ph: Ph): Command =>
  cmd
    .option(ph('--out <file>'), h.out, collect as never)
    .option(ph('--manifest <file>'), h.manifest)
    .addOption(new Option(ph('--out-encoding <enc>'), h.outEncoding))
    .option('--force', h.outForce, false)

const exportsOf = (o: Record<string, unknown>): ExportOptions => ({
  out: (o.out as string[] | undefined) ?? [],
  manifest: o.manifest as string | undefined,
  outEncoding: o.outEncoding as string | undefined,
  force: o.force === true,
})

/** Does a description already say this (its choices as `a|b`, or its default)? Then the note would repeat it. */
const says = (description: string, choices: readonly string[] | undefined): { choices: boolean; default: boolean } => ({
  choices: choices !== undefined && description.includes(choices.join('|')),
  default: /默认|default/i.test(description),
})

/**
 * commander's help in the language: its headings, `[options]`, the notes after an option
 * (choices, default: a false flag's default is not shown), and widths measured as a
 * terminal shows them (a Chinese character takes two columns). Public hooks only
 * (`configureHelp`); set on the program before its commands, which inherit it.
 */
const helpIn = (w: CliWords): Partial<Help> => {
  const note = (description: string, choices: readonly string[] | undefined, def: unknown): string => {
    const s = says(description, choices)
    const extra = w.extra({
      choices: choices === undefined || s.choices ? undefined : w.list(choices),
      default: def === undefined || typeof def === 'boolean' || s.default ? undefined : String(def),
    })
    return extra === '' ? description : `${description}${w === CLI_WORDS.zh ? '' : ' '}${extra}`
  }
  const tokens = (s: string): string => s.replace(/\[options\]/g, w.optionsToken).replace(/\[command\]/g, w.commandToken)
  return {
    styleTitle: (s: string) => w.titles[s] ?? s,
    optionDescription: (o: Option) => note(o.description ?? '', o.argChoices, o.defaultValue),
    argumentDescription: (a: Argument) => note(a.description, a.argChoices, a.defaultValue),
    displayWidth: (s: string) => stringWidth(s),
    // commander breaks lines at spaces only: Chinese text has none.
    boxWrap(this: Help, s: string, width: number) {
      return width < this.minWidthToWrap ? s : wrapText(s, width).join('\n')
    },
    commandUsage(this: Help, cmd: Command) {
      return tokens(Help.prototype.commandUsage.call(this, cmd))
    },
    subcommandTerm(this: Help, cmd: Command) {
      return tokens(Help.prototype.subcommandTerm.call(this, cmd))
    },
    // A full-width colon carries its own space: 用法：kaohe …, not 用法： kaohe … (commander puts a space after the title).
    formatHelp(this: Help, cmd: Command, helper: Help) {
      const text = Help.prototype.formatHelp.call(this, cmd, helper)
      const usage = w.titles['Usage:'] ?? ''
      return usage.endsWith('：') && text.startsWith(`${usage} `) ? usage + text.slice(usage.length + 1) : text
    },
  }
}

/** Where a commander error arose: the command's words (`kaohe policy show`). */
const commandPath = (cmd: Command): string => {
  const names: string[] = []
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name())
  return names.join(' ')
}

/** A commander error, and the command it arose in. */
export interface CommanderFailure {
  error: CommanderError
  command: string
}

/** Build the commander program; each action stores its exit code in `result`. */
export const buildProgram = (io: Io, lang: Lang, result: { code: ExitCode; failure?: CommanderFailure }): Command => {
  const h = HELP[lang]
  const w = CLI_WORDS[lang]
  const ph = placeholders(w)
  const program = new Command('kaohe')
    .configureHelp(helpIn(w))
    // Usage errors are said by `run` in the language (usageMessage), not by commander.
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => undefined })
    .showSuggestionAfterError(true)
    .showHelpAfterError(false)
    .description(h.program)
    .version(VERSION, '-V, --version', h.version)
    .helpOption('-h, --help', h.help)
    .helpCommand(false)
    .addHelpText('after', h.programExamples)

  const assess = addCommon(
    program
      .command('assess')
      .description(h.assess)
      .requiredOption(ph('--votes <files...>'), h.votes, collect as never)
      .option(ph('--roster <file>'), h.roster)
      .addOption(new Option(ph('--votes-format <shape>'), h.votesFormat).choices(['long', 'wide', 'counts', 'paper']))
      .option('--sum-counts', h.sumCounts, false)
      .option(ph('--fail-on <code>'), h.failOn)
      .option(ph('--reports <files...>'), h.reports, collect as never)
      .option(ph('--findings <file>'), h.findings)
      .option(ph('--year <yyyy>'), h.year)
      .option(ph('--history <file>'), h.history, collect as never),
    h,
    ph,
  )
  addExports(assess, h, ph)
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
      .argument(ph('<files...>'), h.reportsFiles)
      .option(ph('--roster <file>'), h.roster)
      .option(ph('--findings <file>'), h.findings)
      .option(ph('--year <yyyy>'), h.year)
      .option(ph('--fail-on <code>'), h.failOn),
    h,
    ph,
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
    .addArgument(new Argument(ph('<kind>'), h.templateKind).choices(TEMPLATE_KINDS))
    .option(ph('--out <file>'), h.templateOut)
    .option('--force', h.force, false)
    .option(ph('--policy <name|file>'), h.policy)
    .addOption(langOption(h, ph))
    .addHelpText('after', h.templateExamples)
    .action(async (kind: string, o: Record<string, unknown>) => {
      const { templateCommand } = await import('./commands/template.js')
      result.code = await templateCommand(kind, { out: o.out as string | undefined, force: o.force === true, policy: o.policy as string | undefined, lang: o.lang as Lang }, io)
    })

  const tally = addCommon(
    program
      .command('tally')
      .description(h.tally)
      .argument(ph('<files...>'), h.tallyFiles)
      .addOption(new Option(ph('--votes-format <shape>'), h.votesFormat).choices(['long', 'wide', 'counts', 'paper']))
      .option('--sum-counts', h.sumCounts, false)
      .option(ph('--year <yyyy>'), h.tallyYear)
      .option(ph('--history <file>'), h.history, collect as never),
    h,
    ph,
  )
  addExports(tally, h, ph)
    .addHelpText('after', h.tallyExamples)
    .addHelpText('after', h.tallyHistoryExamples)
    .addHelpText('after', h.tallyOutExamples)
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

  // verify prints no colour: it takes no --no-color.
  program
    .command('verify')
    .description(h.verify)
    .argument(ph('<manifest>'), h.verifyManifest)
    .addOption(langOption(h, ph))
    .addOption(new Option(ph('--format <format>'), h.verifyFormat).choices(['table', 'json']).default('table'))
    .option('-q, --quiet', h.quiet, false)
    .addHelpText('after', h.verifyExamples)
    .action(async (manifest: string, o: Record<string, unknown>) => {
      const { verifyCommand } = await import('./commands/verify.js')
      result.code = await verifyCommand(manifest, { lang: o.lang as Lang, format: o.format as 'table' | 'json', quiet: o.quiet === true }, io)
    })

  const policy = program.command('policy').description(h.policyCmd).helpCommand(false).addHelpText('after', h.policyExamples)
  // policy show prints JSON and nothing else: only --format json is taken (a table or CSV is refused, not ignored).
  policy
    .command('show')
    .description(h.policyShow)
    .argument(ph('[name]'), h.policyName)
    .option(ph('--policy <name|file>'), h.policyShowPolicy)
    .addOption(new Option(ph('--format <format>'), h.policyShowFormat).default('json'))
    .addOption(langOption(h, ph))
    .option('-q, --quiet', h.policyShowQuiet, false)
    .addHelpText('after', h.policyShowExamples)
    .action(async (name: string | undefined, o: Record<string, unknown>) => {
      if (o.format !== 'json') throw new UsageError('format-unsupported', { command: 'kaohe policy show', format: String(o.format), formats: 'json' })
      const { policyShow } = await import('./commands/policy.js')
      result.code = await policyShow(name ?? (o.policy as string | undefined), io, o.quiet === true)
    })
  policy
    .command('check')
    .description(h.policyCheck)
    .argument(ph('<file>'), h.policyCheckFile)
    .addOption(langOption(h, ph))
    .addHelpText('after', h.policyCheckExamples)
    .action(async (file: string, o: Record<string, unknown>) => {
      const { policyCheck } = await import('./commands/policy-check.js')
      result.code = await policyCheck(file, o.lang as Lang, io)
    })
  policy
    .command('init')
    .description(h.policyInit)
    .argument(ph('<file>'), h.policyFile)
    .option(ph('--from <name>'), h.policyFrom, 'opinion-2009')
    .option('--force', h.force, false)
    .addOption(langOption(h, ph))
    .addHelpText('after', h.policyInitExamples)
    .action(async (file: string, o: Record<string, unknown>) => {
      const { policyInit } = await import('./commands/policy.js')
      result.code = await policyInit(file, o.from as string, o.force === true)
    })

  // `kaohe help [command...]`: run() turns it into `kaohe command... --help` (helpArgv); listed here.
  program
    .command('help')
    .description(w.helpCommand)
    .argument(ph('[command...]'), w.helpCommandArg)
    .helpOption(false)
    .action(() => {
      program.outputHelp()
    })

  // Every command's errors are thrown (never process.exit), with the command they arose in.
  const exitsIn = (cmd: Command): void => {
    cmd.exitOverride((error) => {
      result.failure ??= { error, command: commandPath(cmd) }
      throw error
    })
    cmd.commands.forEach(exitsIn)
  }
  exitsIn(program)
  return program
}

/**
 * `kaohe --lang en tally F` is `kaohe tally F --lang en`: the language is an option of every
 * command (the program has none of its own, so that a command's `--lang` stays its own).
 */
const langAfterCommand = (user: readonly string[]): string[] => {
  let lead = 0
  while (user[lead] === '--lang' || user[lead]?.startsWith('--lang=')) lead += user[lead] === '--lang' ? 2 : 1
  if (lead === 0) return [...user]
  // `kaohe --lang en` alone: the program's help, in that language (langOf has read it).
  if (lead >= user.length) return []
  return [...user.slice(lead), ...user.slice(0, lead)]
}

/**
 * `kaohe help policy show --lang en` is `kaohe policy show --lang en --help`; a word that
 * names no command is passed on as it is, for commander to say so (with its suggestion).
 */
export const helpArgv = (program: Command, argv: readonly string[]): string[] => {
  const user = langAfterCommand(argv.slice(2))
  if (user[0] !== 'help') return [...argv.slice(0, 2), ...user]
  const rest = user.slice(1)
  const n = rest.findIndex((a) => a.startsWith('-'))
  const names = n < 0 ? rest : rest.slice(0, n)
  const options = n < 0 ? [] : rest.slice(n)
  const path: string[] = []
  let at = program
  for (const name of names) {
    if (at.commands.length === 0) break
    const next = at.commands.find((c) => c.name() === name || c.aliases().includes(name))
    if (next === undefined || next.name() === 'help') return [...argv.slice(0, 2), ...path, name, ...options]
    path.push(name)
    at = next
  }
  return [...argv.slice(0, 2), ...path, ...options, '--help']
}

/** commander's message, taken apart: its English text is fixed by the pinned commander version (a test checks each kind). */
const quoted = (message: string): string[] => [...message.matchAll(/'([^']*)'/g)].map((m) => m[1]!)

/**
 * A commander usage error in the language, one line, and the help to read. Its parts come
 * from commander's error code and message; a message of a kind not known here is passed on.
 */
export const usageMessage = (f: CommanderFailure, lang: Lang): string => {
  const w = CLI_WORDS[lang]
  const e = w.errors
  const m = f.error.message
  const q = quoted(m)
  // `assess 必须给出选项 --votes`: the command's words after kaohe (kaohe's own errors are on the program).
  const sub = f.command.split(' ').slice(1).join(' ')
  const command = sub === '' ? 'kaohe' : sub
  const suggestion = /\(Did you mean (?:one of )?(.*)\?\)/.exec(m)?.[1]
  const dym = suggestion === undefined ? '' : `${lang === 'zh' ? '；' : '; '}${fill(e.didYouMean, { names: w.list(suggestion.split(', ')) })}`
  const choices = /Allowed choices are (.*)\.$/.exec(m)?.[1]?.split(', ')
  let text: string
  switch (f.error.code) {
    case 'commander.unknownCommand':
      text = fill(e.unknownCommand, { name: q[0] ?? '', command }) + dym
      break
    case 'commander.unknownOption':
      text = fill(e.unknownOption, { name: q[0] ?? '', command }) + dym
      break
    case 'commander.missingArgument':
      text = fill(e.missingArgument, { name: q[0] ?? '', command })
      break
    case 'commander.optionMissingArgument':
      text = fill(e.optionMissingArgument, { name: q[0] ?? '', command })
      break
    case 'commander.missingMandatoryOptionValue':
      text = fill(e.missingMandatoryOptionValue, { name: q[0] ?? '', command })
      break
    case 'commander.invalidArgument':
      text = m.startsWith('error: command-argument')
        ? fill(e.invalidArgumentValue, { value: q[0] ?? '', name: q[1] ?? '', choices: w.list(choices ?? []) })
        : fill(e.invalidOptionValue, { name: q[0] ?? '', value: q[1] ?? '', choices: w.list(choices ?? []) })
      break
    case 'commander.excessArguments': {
      const [, expected, got] = /Expected (\d+) arguments? but got (\d+)/.exec(m) ?? []
      text = fill(e.excessArguments, { command, expected: expected ?? '?', got: got ?? '?' })
      break
    }
    default:
      text = m.replace(/^error: /, '')
  }
  return `${terminalSafe(text.replace(/\n/g, ' '), Infinity)}\n${fill(e.seeHelp, { command: sub === '' ? '' : ` ${sub}` })}`
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
  const { lang, badEnv } = langChoice(argv, io.env)
  // A KAOHE_LANG that is neither language is said, not silently read as Chinese (--lang, when given, wins).
  if (badEnv !== undefined) {
    io.stderr(`kaohe: ${terminalSafe(dict(lang).message('lang-env-invalid', { value: JSON.stringify(badEnv) }))}\n`)
  }
  const result: { code: ExitCode; failure?: CommanderFailure } = { code: EXIT.ok }
  const program = buildProgram(io, lang, result)
  try {
    await program.parseAsync(helpArgv(program, argv))
    return result.code
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and --version exit 0; help shown for a missing command (on stderr) is a usage error.
      if (e.exitCode === 0) return EXIT.ok
      if (e.code !== 'commander.help' && e.code !== 'commander.helpDisplayed') io.stderr(`kaohe: ${usageMessage(result.failure ?? { error: e, command: 'kaohe' }, lang)}\n`)
      return EXIT.usage
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
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
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
