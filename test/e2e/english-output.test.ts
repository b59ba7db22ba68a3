import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { runCli, tempDir, unzipText } from '../exports-helpers.js'
import { ROOT } from '../helpers.js'
import { historyWords } from '../../src/i18n/history-words.js'

/**
 * `--lang en` output in English words and English punctuation (issue 15): every command
 * and export format run on the bundled samples, and their errors. Chinese text may appear
 * only as data — what the input files hold (names, units, posts, report categories,
 * findings), the policy's own labels — or as the Opinion's words quoted beside their
 * English (the dictionary's glosses, such as "move to a deputy post (改任副职)").
 */

/** Chinese characters and the full-width punctuation written inside Chinese text. */
const CJK = '\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef\\u201c\\u201d'
const RUN = new RegExp(`[\\p{Script=Han}][${CJK}\\d]*`, 'gu')
const FULL_WIDTH = /[：；（），、]/g
const IS_CJK = new RegExp(`[${CJK}]`, 'u')

/** Full-width punctuation that follows English text (`Options：`, `a；b`, `post (免职)；`), where it shows on one line. */
export const fullWidthAfterEnglish = (text: string): string[] => {
  const found: string[] = []
  for (const m of text.matchAll(FULL_WIDTH)) {
    const before = text[m.index - 1] ?? ''
    if (!IS_CJK.test(before)) found.push(text.slice(Math.max(0, m.index - 30), m.index + 10))
  }
  return found
}

/** The text of the input files, where the data's Chinese comes from. */
const sampleText = (): string => {
  const dir = join(ROOT, 'samples')
  const parts: string[] = []
  for (const f of readdirSync(dir)) {
    const bytes = readFileSync(join(dir, f))
    if (f.endsWith('.xlsx')) parts.push(...Object.values(unzipText(bytes)))
    else parts.push(new TextDecoder(f.includes('gb18030') ? 'gb18030' : 'utf-8').decode(bytes))
  }
  return parts.join('\n')
}

/** Chinese the English dictionaries quote on purpose (the Opinion's terms beside their English), from their source. */
const glosses = (): string => {
  const dir = join(ROOT, 'src/i18n')
  const out: string[] = []
  // en.ts is English throughout; the other files hold both languages, their English under `en:`.
  out.push(readFileSync(join(dir, 'en.ts'), 'utf8'))
  for (const f of readdirSync(dir).filter((x) => x !== 'en.ts' && x !== 'zh.ts')) {
    const src = readFileSync(join(dir, f), 'utf8')
    const at = src.search(/\n(const en\b|const EN\b|export const en\b|\s+en: \{)/)
    if (at >= 0) out.push(src.slice(at))
  }
  return out.join('\n')
}

/** Chinese runs of English output that are neither data nor a gloss. */
const strayChinese = (text: string, allowed: string): string[] => [...new Set([...text.matchAll(RUN)].map((m) => m[0]).filter((r) => !allowed.includes(r)))]

const S = (f: string): string => join(ROOT, 'samples', f)
const ALL = [
  '--votes', S('votes-long.csv'), '--votes', S('votes-wide-gb18030.csv'), '--votes', S('votes-counts.csv'),
  '--roster', S('roster.csv'), '--reports', S('reports-wide.csv'), '--reports', S('reports-long.xlsx'), '--findings', S('findings.csv'),
]

const HISTORY_2024 = '姓名,单位,优秀,称职,基本称职,不称职\n张三,县财政局,9,10,11,0\n李四,县教育局,5,8,17,0\n'
const HISTORY_2025 = '干部编号,姓名,单位,优秀,称职,基本称职,不称职\nC01,张三,县财政局,9,10,11,0\nC02,李四,县教育局,20,5,5,0\n'

const outputs: Record<string, string> = {}
let allowed = ''

beforeAll(async () => {
  const dir = tempDir()
  mkdirSync(join(dir, 'out'))
  const run = async (name: string, args: string[], code = 0): Promise<void> => {
    const r = await runCli([...args, '--lang', 'en'], { cwd: dir })
    expect(r.code, `${name}: ${r.stderr}`).toBe(code)
    outputs[`${name} stdout`] = r.stdout
    outputs[`${name} stderr`] = r.stderr
  }
  await run('assess table', ['assess', ...ALL])
  await run('assess json', ['assess', ...ALL, '--format', 'json'])
  await run('assess csv', ['assess', ...ALL, '--format', 'csv'])
  const files = ['r.json', 'r.csv', 'r.md', 'r.html', 'r.xlsx']
  await run('assess --out', ['assess', ...ALL, ...files.flatMap((f) => ['--out', `out/${f}`])])
  for (const f of files.filter((x) => !x.endsWith('.xlsx'))) outputs[f] = readFileSync(join(dir, 'out', f), 'utf8')
  // The XLSX's text: its shared strings and inline strings (numbers are numbers).
  const xml = unzipText(readFileSync(join(dir, 'out/r.xlsx')))
  outputs['r.xlsx'] = Object.entries(xml)
    .filter(([k]) => k.startsWith('xl/worksheets/') || k === 'xl/sharedStrings.xml')
    .flatMap(([, v]) => [...v.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]!))
    .join('\n')
  outputs['manifest'] = readFileSync(join(dir, 'out/r.json.manifest.json'), 'utf8')
  await run('verify', ['verify', 'out/r.json.manifest.json'])
  await run('tally table', ['tally', S('votes-long.csv'), S('votes-wide-gb18030.csv'), S('votes-counts.csv')])
  await run('tally csv', ['tally', S('votes-long.csv'), '--format', 'csv'])
  await run('reports table', ['reports', S('reports-wide.csv'), S('reports-long.xlsx'), '--roster', S('roster.csv'), '--findings', S('findings.csv')])
  await run('reports csv', ['reports', S('reports-wide.csv'), '--roster', S('roster.csv'), '--format', 'csv'])
  await run('policy check', ['policy', 'check', 'opinion-2009'])
  // Earlier years: the trend column, the item-9 and item-10 notes, the history columns and sheet.
  writeFileSync(join(dir, '2024年测评汇总.csv'), HISTORY_2024)
  writeFileSync(join(dir, '2025年测评汇总.csv'), HISTORY_2025)
  const history = ['assess', '--votes', '2025年测评汇总.csv', '--history', '2024年测评汇总.csv']
  await run('history table', history)
  await run('history --out', [...history, ...['h.md', 'h.html', 'h.csv', 'h.json'].flatMap((f) => ['--out', `out/${f}`])])
  for (const f of ['h.md', 'h.html', 'h.csv', 'h.json']) outputs[f] = readFileSync(join(dir, 'out', f), 'utf8')
  // Errors: a data error, a missing file, a usage error.
  writeFileSync(join(dir, 'bad.csv'), '票号,干部编号,姓名,测评等次\nP1,A1,张三,良\nP2,A1,张三,优\n')
  await run('data error', ['assess', '--votes', 'bad.csv'], 65)
  await run('missing file', ['tally', 'no-such.csv'], 66)
  await run('usage error', ['assess', '--votes', 'bad.csv', '--fail-on', 'everything'], 2)
  const policy = await runCli(['policy', 'show'])
  // The Opinion quoted as written, its English beside it (history-words.ts).
  const quotes = Object.values(historyWords('en').quote)
  allowed = [sampleText(), policy.stdout, glosses(), ...quotes, HISTORY_2024, HISTORY_2025, '2024年测评汇总 2025年测评汇总', 'bad.csv 票号 干部编号 姓名 测评等次 张三 良 优'].join('\n')
}, 120_000)

describe('--lang en output', () => {
  it('covers every command and format it meant to', () => {
    expect(Object.keys(outputs).length).toBeGreaterThanOrEqual(25)
    const errors = ['data error', 'missing file', 'usage error']
    for (const [name, text] of Object.entries(outputs)) {
      const error = errors.some((e) => name.startsWith(e))
      if (error ? name.endsWith('stderr') : !name.endsWith('stderr')) expect(text.length, name).toBeGreaterThan(0)
    }
  })
  it('has no full-width punctuation after English text (：；（），、)', () => {
    const found = Object.entries(outputs).flatMap(([name, text]) => fullWidthAfterEnglish(text).map((s) => `${name}: …${s}…`))
    expect(found).toEqual([])
  })
  it('has Chinese only as data or as a quoted term of the Opinion', () => {
    const found = Object.entries(outputs).flatMap(([name, text]) => strayChinese(text, allowed).map((s) => `${name}: ${s}`))
    expect(found).toEqual([])
  })
})

describe('the checks themselves', () => {
  it('catch what issue 15 found', () => {
    expect(fullWidthAfterEnglish('Options：admonishment by talk')).toHaveLength(1)
    expect(fullWidthAfterEnglish('post (免职)；ordered resignation')).toHaveLength(1)
    expect(fullWidthAfterEnglish('40 cadres；no measure 21')).toHaveLength(1)
    expect(fullWidthAfterEnglish('it（borderline）')).toHaveLength(2)
    // Inside Chinese data the punctuation is the data's own.
    expect(fullWidthAfterEnglish('leaves 持有因私出国（境）证件 unanswered; 党组书记、局长')).toEqual([])
    expect(strayChinese('Recommendation: 组织调整', 'XJ004 刘志强')).toEqual(['组织调整'])
    expect(strayChinese('XJ004 刘志强', 'XJ004 刘志强')).toEqual([])
  })
})
