import { EXIT, type ExitCode, UsageError } from '../errors.js'
import { FIELDS, type Field } from '../input/headers.js'
import { csvLine } from '../output/csv.js'
import { loadPolicy } from '../policy/load.js'
import type { Policy } from '../policy/schema.js'
import { refuseClashes, SHARED_MODE, writeFileAtomic } from './atomic-write.js'
import type { Io } from './common.js'

export const TEMPLATE_KINDS = ['votes', 'counts', 'reports', 'roster', 'findings'] as const
export type TemplateKind = (typeof TEMPLATE_KINDS)[number]

/** One cell of the example row: text, a whole number, or a date (YYYY-MM-DD). */
export type TemplateValue = { text: string } | { number: number } | { date: string }

/** A blank input file: its sheet name, headers (kaohe's own Chinese names) and one example row. */
export interface Template {
  kind: TemplateKind
  sheet: string
  columns: Array<{ header: string; example: TemplateValue }>
}

const t = (text: string): TemplateValue => ({ text })
const n = (number: number): TemplateValue => ({ number })
const col = (f: Field, example: TemplateValue) => ({ header: FIELDS[f][0], example })

/**
 * The templates. One example cadre runs through all of them (XJ001 张三), so the five
 * files, filled in, work together: `kaohe assess --votes … --roster … --reports … --findings …`.
 */
export const template = (kind: TemplateKind, policy: Policy): Template => {
  switch (kind) {
    case 'votes':
      return {
        kind,
        sheet: '测评票',
        columns: [col('ballotId', t('P001')), col('cadreId', t('XJ001')), col('name', t('张三')), col('grade', t('称职')), col('voterGroup', t('本单位干部'))],
      }
    case 'counts':
      return {
        kind,
        sheet: '测评汇总',
        columns: [
          col('cadreId', t('XJ001')), col('name', t('张三')), col('unit', t('县财政局')), col('post', t('局长')),
          col('excellent', n(20)), col('competent', n(25)), col('basicallyCompetent', n(3)), col('incompetent', n(1)),
          col('abstain', n(1)), col('invalid', n(0)), col('eligible', n(52)), col('participated', n(50)),
        ],
      }
    case 'roster':
      return {
        kind,
        sheet: '干部名册',
        columns: [
          col('cadreId', t('XJ001')), col('name', t('张三')), col('unit', t('县财政局')), col('post', t('局长')),
          col('principal', t('是')), col('annualGrade', t('称职')), col('dutyStatement', t('是')), col('mustReport', t('是')),
          col('eligible', n(52)),
        ],
      }
    case 'reports':
      return {
        kind,
        sheet: '个人有关事项报告',
        columns: [
          col('cadreId', t('XJ001')),
          col('name', t('张三')),
          col('reportDate', { date: policy.reports.deadline ? `2025-${policy.reports.deadline}` : '2025-01-20' }),
          // The first category answered with a description, the rest with 无 (none).
          ...policy.reports.categories.map((c, i) => ({ header: c.label, example: t(i === 0 ? '（如实填写；没有的填“无”）' : '无') })),
        ],
      }
    case 'findings':
      return {
        kind,
        sheet: '查核结果',
        columns: [
          col('cadreId', t('XJ001')), col('name', t('张三')), col('category', t(policy.reports.categories[0]!.label)),
          col('detail', t('（查核发现的情况）')), col('findingType', t('漏报')), col('serious', t('否')),
        ],
      }
  }
}

const valueText = (v: TemplateValue): string => ('text' in v ? v.text : 'number' in v ? String(v.number) : v.date)

/** The template as CSV: header and example row, CRLF (as Excel writes CSV). */
export const renderTemplateCsv = (tpl: Template): string =>
  `${csvLine(tpl.columns.map((c) => c.header))}\r\n${csvLine(tpl.columns.map((c) => valueText(c.example)))}\r\n`

export interface TemplateOptions {
  out: string | undefined
  force: boolean
  policy: string | undefined
}

/**
 * `kaohe template votes|counts|reports|roster|findings [--out F.csv|F.xlsx]`: a blank input
 * file with the right headers and one example row. Without --out, CSV on stdout. A file is
 * CSV with a BOM (so Excel/WPS open it as UTF-8) or XLSX; an existing file is kept unless
 * --force, and then replaced by a rename (a symbolic link itself, never the file it points to).
 */
export const templateCommand = async (kind: string, opts: TemplateOptions, io: Io): Promise<ExitCode> => {
  if (!(TEMPLATE_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError('bad-option', { option: 'template', value: kind, hint: TEMPLATE_KINDS.join(' | ') })
  }
  const tpl = template(kind as TemplateKind, (await loadPolicy(opts.policy)).policy)
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
