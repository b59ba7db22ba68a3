import { InputError, type Issue } from '../errors.js'
import type { Policy, ReportCategory } from '../policy/schema.js'
import { categoryMatcher, isAnswered } from './categories.js'
import type { Collector } from './collector.js'
import { parseDate } from './dates.js'
import { type Field, type HeaderMap, headerIssue, mapHeader, requireFields, Vocabulary } from './headers.js'
import { issueAt } from './headers.js'
import { layoutTable, type LayoutOptions } from './layout.js'
import type { Table, TableRow } from './table.js'
import { dataRows, idColumns, noteAbove, usedColumns } from './rows.js'
import { cell, finishRow, refOf, type Touched } from './votes.js'

/** The two shapes of a report file (SPEC §2.3). */
export type ReportShape = 'wide' | 'long'

const REPORT_FIELDS: Field[] = ['cadreId', 'name', 'unit', 'post', 'unitPost', 'reportDate', 'category', 'content']

/** The layout options of a report file: the policy's categories name its columns. */
export const reportLayout = (policy: Policy, headerRow: number | null): LayoutOptions => {
  const match = categoryMatcher(policy)
  return { kind: 'reports', vocabulary: new Vocabulary(), headerRow, isCategory: (t) => match(t) !== undefined }
}

/** The built-in policy with the other list of categories, to suggest when a header matches none. */
const otherPolicy = (id: string): string => (id === 'cadre-report-2017' ? 'opinion-2009' : 'cadre-report-2017')

/** Long when the header has 事项 and 内容 columns; wide (a column per category) otherwise. */
export const detectReportShape = (header: TableRow): ReportShape => {
  const f = mapHeader('', { line: 0, cells: header.cells.map((c, i) => (header.cells.indexOf(c) === i ? c : '')) }, REPORT_FIELDS).fields
  return f.category !== undefined && f.content !== undefined ? 'long' : 'wide'
}

interface Ctx {
  table: Table
  c: Collector
  policy: Policy
  map: HeaderMap
}

/** One cell of a report for one cadre: a category answered or not, and where. */
interface Answer {
  category: ReportCategory
  answered: boolean
  col: number
}

/**
 * Read one personal-matter report file into the collector. A cadre's report gathers every
 * category from every row and file that names the cadre; a category given twice is an error
 * (which answer counts is not ours to guess). The report's date is the latest one given.
 */
export const readReports = async (raw: Table, c: Collector, policy: Policy, opts: { headerRow?: number | null } = {}): Promise<ReportShape> => {
  const table = await layoutTable(raw, reportLayout(policy, opts.headerRow ?? null))
  noteAbove(c, table)
  c.reportsGiven = true
  const shape = detectReportShape(table.header)
  const map = mapHeader(table.file, table.header, shape === 'long' ? REPORT_FIELDS : REPORT_FIELDS.filter((f) => f !== 'category' && f !== 'content'))
  if (shape === 'long') requireFields(table.file, table.header, map, ['category', 'content'], 'reports-long')
  if (map.fields.cadreId === undefined && map.fields.name === undefined) {
    requireFields(table.file, table.header, map, ['cadreId'], shape === 'long' ? 'reports-long' : 'reports-wide')
  }
  const ctx: Ctx = { table, c, policy, map }
  if (shape === 'long') await readLong(ctx)
  else await readWide(ctx)
  return shape
}

/** Wide: one row per cadre, one column per category. */
const readWide = async (ctx: Ctx): Promise<void> => {
  const { table, c, policy, map } = ctx
  const match = categoryMatcher(policy)
  const columns: { index: number; category: ReportCategory }[] = []
  const headerIssues: Issue[] = []
  const seen = new Map<string, number>()
  for (const i of map.extra) {
    const text = (table.header.cells[i] ?? '').trim()
    if (text === '') continue
    const category = match(text)
    if (category === undefined) {
      // Perhaps a misspelt category: say so, rather than ignore it silently.
      c.addIssue({ ...headerIssue(table.file, table.header.line, i, text, 'unknown-report-column'), severity: 'notice' })
      continue
    }
    const prev = seen.get(category.key)
    if (prev !== undefined) {
      headerIssues.push(headerIssue(table.file, table.header.line, i, text, 'duplicate-header', { first: prev + 1 }))
      continue
    }
    seen.set(category.key, i)
    columns.push({ index: i, category })
  }
  if (headerIssues.length > 0) throw new InputError({ code: 'bad-header', params: { file: table.file } }, headerIssues)
  const labels = policy.reports.categories.map((k) => k.label)
  if (columns.length === 0) {
    throw new InputError({
      code: 'no-category-columns',
      params: { file: table.file, line: table.header.line, policy: policy.id, categories: labels.join('；'), other: otherPolicy(policy.id) },
    })
  }
  const absent = policy.reports.categories.filter((k) => !seen.has(k.key))
  if (absent.length > 0) {
    c.addIssue({
      file: table.file,
      row: table.header.line,
      column: null,
      columnName: null,
      value: null,
      code: 'missing-category-columns',
      params: { categories: absent.map((k) => k.label).join('；'), policy: policy.id },
      severity: 'notice',
    })
  }
  await eachRow(
    ctx,
    (row) => columns.map((col) => ({ category: col.category, answered: isAnswered(row.cells[col.index] ?? ''), col: col.index })),
    columns.map((col) => col.index),
  )
}

/** Long: one row per cadre × category, its 内容 answered or not. */
const readLong = async (ctx: Ctx): Promise<void> => {
  const match = categoryMatcher(ctx.policy)
  const known = ctx.policy.reports.categories.map((k) => k.label).join('；')
  const f = ctx.map.fields
  await eachRow(ctx, (row, issues) => {
    const category = match(cell(row, f.category))
    if (category === undefined) {
      issues.push(issueAt(ctx.table, row, f.category, cell(row, f.category) === '' ? 'missing-value' : 'unknown-category', { known }))
      return []
    }
    return [{ category, answered: isAnswered(row.cells[f.content!] ?? ''), col: f.category! }]
  })
}

/** The rows of either shape: the cadre, the date and the answers, validated, then applied. */
const eachRow = async (ctx: Ctx, answersOf: (row: TableRow, issues: Issue[]) => Answer[], answerColumns: readonly number[] = []): Promise<void> => {
  const { table, c, map } = ctx
  const f = map.fields
  const cols = { ids: idColumns(map), values: [...answerColumns, ...(f.content === undefined ? [] : [f.content])], rowNumber: f.rowNumber, aloneIsHeading: 'unnumbered' as const, everyRow: true }
  for await (const { row, issues } of dataRows(table, c, usedColumns(map, answerColumns), cols, map)) {
    const date = parseDate(cell(row, f.reportDate))
    if (date === undefined) issues.push(issueAt(table, row, f.reportDate, 'bad-date', {}))
    const answers = answersOf(row, issues)
    const ref = refOf(row, map)
    const r = c.resolve(ref)
    const touched: Touched[] = []
    const where = `${table.file}:${row.line}`
    if (!r.ok) issues.push(issueAt(table, row, r.code === 'template-example' && f.name !== undefined ? f.name : (f.cadreId ?? f.name), r.code, r.params))
    else if ((touched.push({ ref, key: r.key }), r.entry)) {
      for (const a of answers) {
        const first = r.entry.report?.answers.get(a.category.key)
        if (first) issues.push(issueAt(table, row, a.col, 'duplicate-report-category', { category: a.category.label, first: first.where }))
      }
    }
    finishRow(c, issues, () => touched, () => {
      if (!r.ok) return
      const e = c.ensure(ref, r.key)
      e.post ||= cell(row, f.post)
      e.report ??= { answers: new Map(), date: null }
      for (const a of answers) e.report.answers.set(a.category.key, { answered: a.answered, where })
      if (date && (e.report.date === null || date > e.report.date)) e.report.date = date
    })
  }
}
