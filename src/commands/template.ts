import { EXIT, type ExitCode, UsageError } from '../errors.js'
import type { Lang } from '../i18n/index.js'
import { templateWords, type TemplateWords } from '../i18n/template-words.js'
import { FIELDS, type Field } from '../input/headers.js'
import { csvLine } from '../output/csv.js'
import { loadPolicy } from '../policy/load.js'
import type { Policy } from '../policy/schema.js'
import { refuseClashes, SHARED_MODE, writeFileAtomic } from './atomic-write.js'
import type { Io } from './common.js'

export const TEMPLATE_KINDS = ['votes', 'wide', 'paper', 'counts', 'reports', 'roster', 'findings'] as const
export type TemplateKind = (typeof TEMPLATE_KINDS)[number]

/** One cell of an example row: text, a whole number, or a date (YYYY-MM-DD). */
export type TemplateValue = { text: string } | { number: number } | { date: string }

/** A column of a template: its header, its cell in each example row (null: empty). */
export interface TemplateColumn {
  header: string
  examples: Array<TemplateValue | null>
  /** An id: the XLSX column is formatted as text, so 001 stays 001. */
  id?: boolean
  /** The values of the XLSX column's drop-down list (等次, 是/否 …). */
  list?: string[]
}

/** A blank input file: its sheet name, headers (kaohe's own names, in the language) and example rows. */
export interface Template {
  kind: TemplateKind
  lang: Lang
  sheet: string
  columns: TemplateColumn[]
  /** How many example rows. */
  rows: number
  /** Wide ballots: the drop-down of grades also covers this many columns after the last (cadres to add). */
  spare?: number
}

const t = (text: string): TemplateValue => ({ text })
const n = (number: number): TemplateValue => ({ number })
/** The header of a field: its first Chinese name, or its snake_case English name. */
const headerOf = (f: Field, lang: Lang): string => (lang === 'en' ? FIELDS[f].find((x) => /^[a-z][a-z_]*$/.test(x))! : FIELDS[f][0])

/**
 * The templates. One example cadre runs through them (XJ001 张三（示例）), so the files,
 * filled in, work together: `kaohe assess --votes … --roster … --reports … --findings …`.
 * The example's name (and the wide ballot's example ballot) carries the marker （示例）/
 * (example): a template fed back unchanged is refused (SPEC §3), never assessed.
 */
export const template = (kind: TemplateKind, policy: Policy, lang: Lang = 'zh'): Template => {
  const w: TemplateWords = templateWords(lang)
  const col = (f: Field, examples: Array<TemplateValue | null>, extra: Partial<TemplateColumn> = {}): TemplateColumn => ({ header: headerOf(f, lang), examples, ...extra })
  const one = (f: Field, v: TemplateValue | null, extra: Partial<TemplateColumn> = {}): TemplateColumn => col(f, [v], extra)
  const yesNo = [w.yes, w.no]
  const base = { kind, lang, sheet: w.sheets[kind] }
  switch (kind) {
    case 'votes':
      return {
        ...base,
        rows: 2,
        columns: [
          col('ballotId', [t(w.ballot), t(w.ballot)], { id: true }),
          col('cadreId', [t('XJ001'), t('XJ002')], { id: true }),
          col('name', [t(w.name1), t(w.name2)]),
          col('grade', [t(w.competent), t(w.excellent)], { list: w.marks }),
          col('voterGroup', [t(w.group), t(w.group)]),
        ],
      }
    case 'wide':
      // One row per ballot, one column per cadre (headed by the cadre's id or name).
      return {
        ...base,
        rows: 1,
        spare: 48,
        columns: [
          one('ballotId', t(w.ballotMarked), { id: true }),
          one('voterGroup', t(w.group)),
          { header: w.name1, examples: [t(w.competent)], list: w.marks },
          { header: w.name2, examples: [t(w.excellent)], list: w.marks },
        ],
      }
    case 'paper': {
      // The printed 测评票: a row per cadre, a column per grade, a √ in one of them; a ballot per 票号.
      const mark = (k: number): Array<TemplateValue | null> => [k === 1 ? t(w.paperMark) : null, k === 0 ? t(w.paperMark) : null]
      return {
        ...base,
        rows: 2,
        columns: [
          col('ballotId', [t(w.ballot), t(w.ballot)], { id: true }),
          col('rowNumber', [n(1), n(2)]),
          col('name', [t(w.name1), t(w.name2)]),
          col('unit', [t(w.unit), t(w.unit)]),
          col('post', [t(w.post1), t(w.post2)]),
          ...(['excellent', 'competent', 'basicallyCompetent', 'incompetent', 'abstain'] as const).map((g, k) => col(g, mark(k), { list: [w.paperMark] })),
        ],
      }
    }
    case 'counts':
      return {
        ...base,
        rows: 1,
        columns: [
          one('cadreId', t('XJ001'), { id: true }), one('name', t(w.name1)), one('unit', t(w.unit)), one('post', t(w.post1)),
          one('excellent', n(20)), one('competent', n(25)), one('basicallyCompetent', n(3)), one('incompetent', n(1)),
          one('abstain', n(1)), one('invalid', n(0)), one('eligible', n(52)), one('participated', n(50)),
        ],
      }
    case 'roster':
      return {
        ...base,
        rows: 1,
        columns: [
          one('cadreId', t('XJ001'), { id: true }), one('name', t(w.name1)), one('unit', t(w.unit)), one('post', t(w.post1)),
          one('principal', t(w.yes), { list: yesNo }), one('annualGrade', t(w.competent), { list: w.grades }),
          one('dutyStatement', t(w.yes), { list: yesNo }), one('mustReport', t(w.yes), { list: yesNo }),
          one('eligible', n(52)),
        ],
      }
    case 'reports':
      return {
        ...base,
        rows: 1,
        columns: [
          one('cadreId', t('XJ001'), { id: true }),
          one('name', t(w.name1)),
          one('reportDate', { date: policy.reports.deadline ? `2025-${policy.reports.deadline}` : '2025-01-20' }),
          // The first category holds the instruction (never an answer), the rest 无 (none).
          ...policy.reports.categories.map((c, i) => ({ header: lang === 'en' ? c.key : c.label, examples: [t(i === 0 ? w.describe : w.none)] })),
        ],
      }
    case 'findings':
      return {
        ...base,
        rows: 1,
        columns: [
          one('cadreId', t('XJ001'), { id: true }), one('name', t(w.name1)),
          one('category', t(lang === 'en' ? policy.reports.categories[0]!.key : policy.reports.categories[0]!.label), {
            list: policy.reports.categories.map((c) => (lang === 'en' ? c.key : c.label)),
          }),
          one('detail', t(w.detail)), one('findingType', t(w.findingTypes[0]!), { list: w.findingTypes }), one('serious', t(w.no), { list: yesNo }),
        ],
      }
  }
}

const valueText = (v: TemplateValue | null): string => (v === null ? '' : 'text' in v ? v.text : 'number' in v ? String(v.number) : v.date)

/** The template as CSV: header and example rows, CRLF (as Excel writes CSV). */
export const renderTemplateCsv = (tpl: Template): string =>
  [tpl.columns.map((c) => c.header), ...Array.from({ length: tpl.rows }, (_, r) => tpl.columns.map((c) => valueText(c.examples[r] ?? null)))].map((r) => `${csvLine(r)}\r\n`).join('')

export interface TemplateOptions {
  out: string | undefined
  force: boolean
  policy: string | undefined
  lang?: Lang
}

/**
 * `kaohe template votes|wide|paper|counts|reports|roster|findings [--out F.csv|F.xlsx]`: a
 * blank input file with the right headers and example rows (marked as examples). Without
 * --out, CSV on stdout. A file is CSV with a BOM (so Excel/WPS open it as UTF-8) or XLSX
 * (ids as text, drop-down lists); an existing file is kept unless --force, and then replaced
 * by a rename (a symbolic link itself, never the file it points to).
 */
export const templateCommand = async (kind: string, opts: TemplateOptions, io: Io): Promise<ExitCode> => {
  if (!(TEMPLATE_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError('bad-option', { option: 'template', value: kind, hint: TEMPLATE_KINDS.join(' | ') })
  }
  const tpl = template(kind as TemplateKind, (await loadPolicy(opts.policy)).policy, opts.lang ?? 'zh')
  if (opts.out === undefined) {
    io.stdout(renderTemplateCsv(tpl))
    return EXIT.ok
  }
  const lower = opts.out.toLowerCase()
  let bytes: Buffer
  if (lower.endsWith('.xlsx')) {
    const { renderTemplateXlsx } = await import('../output/template-xlsx.js')
    bytes = await renderTemplateXlsx(tpl)
  } else if (lower.endsWith('.csv')) bytes = Buffer.from(`\ufeff${renderTemplateCsv(tpl)}`, 'utf8')
  else throw new UsageError('bad-option', { option: '--out', value: opts.out, hint: '.csv | .xlsx' })
  // The policy file read is an input: never replaced by the template.
  if (opts.policy !== undefined) refuseClashes([opts.out], [opts.policy])
  // Like every file kaohe writes (atomic-write.ts): a temporary file, then a rename; a link is
  // replaced, never followed. No personal data in it: 0644 less the umask, to share.
  await writeFileAtomic(opts.out, bytes, opts.force, SHARED_MODE)
  return EXIT.ok
}
