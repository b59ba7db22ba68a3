import { describe, expect, it } from 'vitest'
import { langChoice, run } from '../src/cli.js'
import type { Io } from '../src/commands/common.js'

/** The CLI run in-process on strings (commander's own help and errors need no input files). */
const cli = async (args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> => {
  let stdout = ''
  let stderr = ''
  const io: Io = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), stdoutIsTTY: false, env: { NO_COLOR: '1', ...env } }
  const code = await run(['node', 'kaohe', ...args], io)
  return { code, stdout, stderr }
}

/** commander's English, which must not reach a Chinese user. */
const COMMANDER_ENGLISH = /Usage:|Options:|Commands:|Arguments:|\(default:|\(choices:|error:|Did you mean|unknown (command|option)|\\n|argument missing|not specified|too many arguments|Allowed choices|display help/

describe('commander in the chosen language: usage errors (exit 2, two lines, no literal \\n)', () => {
  // [args, Chinese line, English line]
  const cases: [string[], string, string][] = [
    [['asess'], '没有命令 asess；是不是 assess？', 'there is no command asess; did you mean assess?'],
    [['policy', 'shw'], '没有命令 shw；是不是 show？', 'there is no command shw; did you mean show?'],
    [['tally', 'x.csv', '--formt', 'json'], 'tally 没有选项 --formt；是不是 --format？', 'tally has no option --formt; did you mean --format?'],
    [['assess', '--roster', 'r.csv'], 'assess 必须给出选项 --votes <文件...>', 'assess needs the option --votes <files...>'],
    [['assess', '--roster', 'r.csv', '--votes'], '选项 --votes <文件...> 缺少取值', 'option --votes <files...> needs a value'],
    [['tally'], 'tally 缺少参数 <文件>', 'tally needs the argument <files>'],
    [['tally', 'x.csv', '--format', 'xml'], '选项 --format <格式> 的取值 xml 无效，可选：table、json、csv', 'option --format <format>: xml is not one of table, json, csv'],
    [['template', 'ballots'], '参数 <种类> 的取值 ballots 无效，可选：votes、wide、paper、counts、reports、roster、findings', 'argument <kind>: ballots is not one of votes, wide, paper, counts, reports, roster, findings'],
    [['policy', 'show', 'a', 'b'], 'policy show 的参数太多：应有 1 个，给了 2 个', 'policy show takes 1 argument(s), 2 given'],
    [['verify', 'm.json', '--no-color'], 'verify 没有选项 --no-color', 'verify has no option --no-color'],
  ]
  it.each(cases)('%j', async (args, zh, en) => {
    const z = await cli(args)
    expect(z.code).toBe(2)
    expect(z.stdout).toBe('')
    const [line, help, ...more] = z.stderr.split('\n')
    expect(line).toBe(`kaohe: ${zh}`)
    expect(help).toMatch(/^用法见 kaohe help/)
    expect(more).toEqual([''])
    expect(z.stderr).not.toMatch(COMMANDER_ENGLISH)
    // --lang before a trailing `--votes`, which would take it as a file name.
    const e = await cli(args.at(-1) === '--votes' ? [...args.slice(0, 1), '--lang', 'en', ...args.slice(1)] : [...args, '--lang', 'en'])
    expect(e.code).toBe(2)
    expect(e.stderr.split('\n')[0]).toBe(`kaohe: ${en}`)
    expect(e.stderr).toMatch(/\nsee kaohe help/)
    expect(e.stderr).not.toMatch(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/)
  })
  it('the help line names the command the error is in', async () => {
    expect((await cli(['policy', 'show', 'a', 'b'])).stderr).toContain('用法见 kaohe help policy show\n')
    expect((await cli(['asess'])).stderr).toContain('用法见 kaohe help\n')
  })
  it('an invalid --lang is said in Chinese (the language is not known)', async () => {
    const r = await cli(['tally', 'x.csv', '--lang', 'fr'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('选项 --lang <语言> 的取值 fr 无效，可选：zh、en')
  })
  it('KAOHE_LANG=en is the default language, --lang still wins', async () => {
    expect((await cli(['asess'], { KAOHE_LANG: 'en' })).stderr).toContain('there is no command asess')
    expect((await cli(['asess', '--lang', 'zh'], { KAOHE_LANG: 'en' })).stderr).toContain('没有命令 asess')
  })
  it('a KAOHE_LANG that is neither zh nor en is said once on stderr (the run goes on in Chinese); --lang, when given, wins silently', async () => {
    const r = await cli(['--version'], { KAOHE_LANG: 'fr' })
    expect([r.code, r.stdout.trim()]).toEqual([0, expect.stringMatching(/^\d+\.\d+\.\d+/)])
    expect(r.stderr).toBe('kaohe: 环境变量 KAOHE_LANG 的值 "fr" 不是 zh 或 en，已按中文输出：请改为 zh 或 en，或删去该变量\n')
    expect((await cli(['asess'], { KAOHE_LANG: 'EN' })).stderr).toContain('没有命令 asess')
    for (const env of [{ KAOHE_LANG: 'en' }, { KAOHE_LANG: 'zh' }, { KAOHE_LANG: '' }]) expect((await cli(['--version'], env)).stderr).toBe('')
    expect((await cli(['--version', '--lang', 'en'], { KAOHE_LANG: 'fr' })).stderr).toBe('')
    expect((await cli(['--version', '--lang=zh'], { KAOHE_LANG: 'fr' })).stderr).toBe('')
  })
  it('langChoice reads --lang (either spelling) before KAOHE_LANG, and names a KAOHE_LANG that is neither language only when --lang is absent', () => {
    const k = (argv: string[], KAOHE_LANG?: string) => langChoice(['node', 'kaohe', ...argv], KAOHE_LANG === undefined ? {} : { KAOHE_LANG })
    expect(k([])).toEqual({ lang: 'zh', badEnv: undefined })
    expect(k([], 'en')).toEqual({ lang: 'en', badEnv: undefined })
    expect(k([], '')).toEqual({ lang: 'zh', badEnv: undefined })
    expect(k([], 'fr')).toEqual({ lang: 'zh', badEnv: 'fr' })
    expect(k(['--lang', 'en'], 'fr')).toEqual({ lang: 'en', badEnv: undefined })
    expect(k(['--lang=en'], 'zh')).toEqual({ lang: 'en', badEnv: undefined })
    expect(k(['tally', '--lang', 'zh'], 'en')).toEqual({ lang: 'zh', badEnv: undefined })
    // The whole value after the first '=' is the value, as commander reads it.
    expect(k(['--lang=en=x'], 'en')).toEqual({ lang: 'zh', badEnv: undefined })
  })
  it('--lang before the command is the command\'s', async () => {
    expect((await cli(['--lang', 'en', 'asess'])).stderr).toContain('there is no command asess')
    expect((await cli(['--lang=en', 'help', 'policy', 'show'])).stdout).toContain('Usage: kaohe policy show [options] [name]')
    const alone = await cli(['--lang', 'en'])
    expect([alone.code, alone.stderr.split('\n')[0]]).toEqual([2, 'Usage: kaohe [options] [command]'])
  })
  it('no command: the help, on stderr, exit 2', async () => {
    const r = await cli([])
    expect(r.code).toBe(2)
    expect(r.stderr.split('\n')[0]).toBe('用法：kaohe [选项] [命令]')
  })
})

describe('help in the chosen language', () => {
  const commands = [[], ['assess'], ['tally'], ['reports'], ['verify'], ['template'], ['policy'], ['policy', 'show'], ['policy', 'check'], ['policy', 'init']]
  const named = commands.map((c) => [c.length === 0 ? 'kaohe' : c.join(' '), c] as const)
  it.each(named)('%s --help: Chinese headings and notes; English with --lang en', async (_name, cmd) => {
    const zh = await cli([...cmd, '--help'])
    expect(zh.code).toBe(0)
    expect(zh.stdout).toContain('用法：')
    expect(zh.stdout).toContain('选项：')
    expect(zh.stdout).toContain('示例：')
    expect(zh.stdout).not.toMatch(COMMANDER_ENGLISH)
    const en = await cli([...cmd, '--help', '--lang', 'en'])
    expect(en.code).toBe(0)
    expect(en.stdout).toContain('Usage:')
    expect(en.stdout).toContain('Examples:')
    // English words only, apart from data a clerk types (grade words, sheet names, 年度 …).
    expect(en.stdout).not.toMatch(/[：；（），、]/)
  })
  it.each(named)('kaohe help %s is its --help', async (_name, cmd) => {
    const a = await cli(['help', ...cmd, '--lang', 'en'])
    const b = await cli([...cmd, '--help', '--lang', 'en'])
    expect(a).toEqual(b)
    expect(a.code).toBe(0)
  })
  it('kaohe help lists itself; an unknown name is an error with a suggestion', async () => {
    expect((await cli(['--help'])).stdout).toMatch(/help \[命令\.\.\.\]\s+显示命令的帮助/)
    const r = await cli(['help', 'talley'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('没有命令 talley；是不是 tally？')
  })
  it('a default is shown once, in the language; a false flag shows none', async () => {
    const zh = (await cli(['tally', '--help'])).stdout
    expect(zh).toContain('标准输出格式 table|json|csv（默认：table）')
    expect(zh).toMatch(/--sum-counts\s+多个汇总表是不同测评人群体，同一干部的票数相加\n/)
    const en = (await cli(['tally', '--help', '--lang', 'en'])).stdout
    expect(en).toContain('stdout format table|json|csv (default: table)')
  })
  it('Chinese descriptions wrap at 80 columns, never past them', async () => {
    const { default: stringWidth } = await import('string-width')
    for (const cmd of commands) {
      const text = (await cli([...cmd, '--help'])).stdout
      const options = text.slice(0, text.indexOf('示例：'))
      for (const line of options.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(80)
    }
  })
})

describe('per-command examples and options', () => {
  it('tally --help shows tally examples only', async () => {
    const t = (await cli(['tally', '--help'])).stdout
    expect(t).toContain('kaohe tally samples/votes-long.csv --out 统计.xlsx')
    expect(t).not.toContain('kaohe assess')
    expect((await cli(['tally', '--help', '--lang', 'en'])).stdout).not.toContain('kaohe assess')
  })
  it('reports and template --help show their own command', async () => {
    for (const c of ['reports', 'template', 'verify']) {
      const examples = (await cli([c, '--help'])).stdout.split('示例：')[1]!
      for (const line of examples.split('\n').filter((l) => l.startsWith('  kaohe '))) expect(line).toMatch(new RegExp(`^  kaohe ${c} `))
    }
  })
  it('policy show lists only what it uses', async () => {
    const h = (await cli(['policy', 'show', '--help'])).stdout
    for (const o of ['--encoding', '--delimiter', '--sheet', '--header-row', '--strict', '--lenient', '--no-color']) expect(h).not.toContain(o)
    for (const o of ['--policy', '--format', '--lang', '--quiet']) expect(h).toContain(o)
  })
  it.each([['csv'], ['table']])('policy show --format %s is refused (exit 2), not printed as JSON', async (format) => {
    const r = await cli(['policy', 'show', '--format', format])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe(`kaohe: kaohe policy show 不能输出 --format ${format}：只能用 json\n`)
    const e = await cli(['policy', 'show', '--format', format, '--lang', 'en'])
    expect(e.stderr).toBe(`kaohe: kaohe policy show cannot print --format ${format}: only json\n`)
  })
  it('policy show --format json prints the policy', async () => {
    const r = await cli(['policy', 'show', '--format', 'json', '-q'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).id).toBe('opinion-2009')
  })
})
