import type { Lang } from './index.js'

/**
 * commander's own words — help headings, the notes after an option, its usage errors — in
 * each language (cli.ts puts them in through commander's public help and error hooks).
 */
export interface CliWords {
  /** Help headings, by commander's English heading. */
  titles: Readonly<Record<string, string>>
  /** `[options]` and `[command]` in a usage line. */
  optionsToken: string
  commandToken: string
  /** Placeholders of option values and arguments (`<file>` → `<文件>`), by their English text. */
  placeholders: Readonly<Record<string, string>>
  /** The note after an option's description: its choices and its default. */
  extra: (parts: { choices?: string; default?: string }) => string
  /** Usage errors, by commander's error code (without `commander.`). */
  errors: {
    unknownCommand: string
    unknownOption: string
    missingArgument: string
    optionMissingArgument: string
    missingMandatoryOptionValue: string
    invalidOptionValue: string
    invalidArgumentValue: string
    excessArguments: string
    /** After an unknown command or option: the names commander found close to it. */
    didYouMean: string
    /** The second line of every usage error. */
    seeHelp: string
  }
  /** How the language lists names: `a、b` / `a, b`. */
  list: (items: readonly string[]) => string
  /** `kaohe help [command]`. */
  helpCommand: string
  helpCommandArg: string
}

const zh: CliWords = {
  titles: {
    'Usage:': '用法：',
    'Options:': '选项：',
    'Commands:': '命令：',
    'Arguments:': '参数：',
    'Global Options:': '通用选项：',
  },
  optionsToken: '[选项]',
  commandToken: '[命令]',
  placeholders: {
    file: '文件',
    'files...': '文件...',
    'file...': '文件...',
    lang: '语言',
    format: '格式',
    'name|file': '名称|文件',
    enc: '编码',
    char: '字符',
    name: '名称',
    n: '行号',
    shape: '格式',
    code: '级别',
    yyyy: '年份',
    kind: '种类',
    manifest: '清单',
    command: '命令',
    'command...': '命令...',
  },
  extra: ({ choices, default: def }) => {
    const parts = [choices === undefined ? '' : `可选：${choices}`, def === undefined ? '' : `默认：${def}`].filter((s) => s !== '')
    return parts.length === 0 ? '' : `（${parts.join('；')}）`
  },
  errors: {
    unknownCommand: '没有命令 {name}',
    unknownOption: '{command} 没有选项 {name}',
    missingArgument: '{command} 缺少参数 <{name}>',
    optionMissingArgument: '选项 {name} 缺少取值',
    missingMandatoryOptionValue: '{command} 必须给出选项 {name}',
    invalidOptionValue: '选项 {name} 的取值 {value} 无效，可选：{choices}',
    invalidArgumentValue: '参数 <{name}> 的取值 {value} 无效，可选：{choices}',
    excessArguments: '{command} 的参数太多：应有 {expected} 个，给了 {got} 个',
    didYouMean: '是不是 {names}？',
    seeHelp: '用法见 kaohe help{command}',
  },
  list: (items) => items.join('、'),
  helpCommand: '显示命令的帮助',
  helpCommandArg: '命令（如 assess，或 policy show）',
}

const en: CliWords = {
  titles: {},
  optionsToken: '[options]',
  commandToken: '[command]',
  placeholders: {},
  extra: ({ choices, default: def }) => {
    const parts = [choices === undefined ? '' : `choices: ${choices}`, def === undefined ? '' : `default: ${def}`].filter((s) => s !== '')
    return parts.length === 0 ? '' : `(${parts.join('; ')})`
  },
  errors: {
    unknownCommand: 'there is no command {name}',
    unknownOption: '{command} has no option {name}',
    missingArgument: '{command} needs the argument <{name}>',
    optionMissingArgument: 'option {name} needs a value',
    missingMandatoryOptionValue: '{command} needs the option {name}',
    invalidOptionValue: 'option {name}: {value} is not one of {choices}',
    invalidArgumentValue: 'argument <{name}>: {value} is not one of {choices}',
    excessArguments: '{command} takes {expected} argument(s), {got} given',
    didYouMean: 'did you mean {names}?',
    seeHelp: 'see kaohe help{command}',
  },
  list: (items) => items.join(', '),
  helpCommand: 'show the help of a command',
  helpCommandArg: 'a command (e.g. assess, or policy show)',
}

export const CLI_WORDS: Readonly<Record<Lang, CliWords>> = { zh, en }
