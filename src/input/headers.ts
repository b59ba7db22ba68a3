import { InputError, type Issue } from '../errors.js'
import type { Table, TableRow } from './table.js'

/**
 * Header matching (SPEC §2): trimmed (full-width spaces too), case-insensitive, Chinese or
 * English, any order. NFKC folds full-width letters and brackets, so （境） matches (境).
 */
export const normalizeHeader = (h: string): string =>
  h.normalize('NFKC').replace(/[\s\u3000\ufeff]+/g, '').toLowerCase().replace(/[-\s]/g, '_')

/** The columns kaohe knows, each with its accepted header texts. */
export const FIELDS = {
  ballotId: ['票号', '选票编号', '测评票编号', 'ballot_id', 'ballot'],
  cadreId: ['干部编号', '编号', 'cadre_id', 'id'],
  name: ['姓名', '被测评人', '干部姓名', 'name'],
  unit: ['单位', '工作单位', 'unit'],
  post: ['职务', '现任职务', 'post'],
  grade: ['测评等次', '等次', '评价等次', 'grade'],
  voterGroup: ['测评人类别', '测评人类型', 'voter_group'],
  excellent: ['优秀', '優秀', 'excellent'],
  competent: ['称职', '稱職', 'competent'],
  basicallyCompetent: ['基本称职', '基本稱職', 'basically_competent', 'basicallycompetent'],
  incompetent: ['不称职', '不稱職', 'incompetent'],
  abstain: ['弃权', '棄權', '不了解', 'abstain'],
  invalid: ['无效', '無效', 'invalid'],
  eligible: ['应参加人数', '應參加人數', 'eligible'],
  participated: ['实参加人数', '實參加人數', '实际参加人数', 'participated'],
  principal: ['是否正职', '正职', 'principal'],
  annualGrade: ['年度考核等次', '年度考核结果', 'annual_grade'],
  dutyStatement: ['述职述廉', '是否述职述廉', 'duty_statement'],
  mustReport: ['应报告个人事项', '是否应报告个人事项', 'must_report'],
  reportDate: ['报告日期', '填报日期', 'report_date'],
  category: ['事项', '报告事项', '查核事项', 'category'],
  content: ['内容', '填报内容', '报告内容', 'content'],
  detail: ['情况', '查核情况', '查核结果', 'detail'],
  serious: ['情节严重', '是否情节严重', 'serious'],
  findingType: ['类型', '问题类型', 'type'],
} as const

export type Field = keyof typeof FIELDS

const LOOKUP: ReadonlyMap<string, Field> = new Map(
  (Object.entries(FIELDS) as [Field, readonly string[]][]).flatMap(([f, names]) =>
    names.map((n) => [normalizeHeader(n), f] as const),
  ),
)

export const fieldOf = (header: string): Field | undefined => LOOKUP.get(normalizeHeader(header))

/** Column positions (0-based) of the known fields; the rest are `extra`. */
export interface HeaderMap {
  fields: Partial<Record<Field, number>>
  extra: number[]
}

/**
 * Map a header row to fields. A field given twice, or a header cell repeated, is an error
 * for the file: which column would count is not ours to guess.
 */
export const mapHeader = (file: string, header: TableRow, known: readonly Field[]): HeaderMap => {
  const fields: Partial<Record<Field, number>> = {}
  const extra: number[] = []
  const issues: Issue[] = []
  const seen = new Map<string, number>()
  header.cells.forEach((cell, i) => {
    const norm = normalizeHeader(cell)
    if (norm === '') {
      extra.push(i)
      return
    }
    const prev = seen.get(norm)
    if (prev !== undefined) {
      issues.push(headerIssue(file, header.line, i, cell, 'duplicate-header', { first: prev + 1 }))
      return
    }
    seen.set(norm, i)
    const f = LOOKUP.get(norm)
    if (f !== undefined && known.includes(f)) {
      if (fields[f] !== undefined) {
        issues.push(headerIssue(file, header.line, i, cell, 'duplicate-header', { first: fields[f]! + 1 }))
        return
      }
      fields[f] = i
    } else extra.push(i)
  })
  if (issues.length > 0) throw new InputError({ code: 'bad-header', params: { file } }, issues)
  return { fields, extra }
}

export const headerIssue = (
  file: string,
  line: number,
  index: number,
  value: string,
  code: string,
  params: Record<string, string | number> = {},
): Issue => ({
  file,
  row: line,
  column: index + 1,
  columnName: value,
  value,
  code,
  params,
  severity: 'error',
})

/** Require fields; one error naming all that are missing. */
export const requireFields = (file: string, header: TableRow, map: HeaderMap, required: readonly Field[], shape: string): void => {
  const missing = required.filter((f) => map.fields[f] === undefined)
  if (missing.length > 0) {
    throw new InputError({
      code: 'missing-columns',
      params: { file, line: header.line, shape, missing: missing.map((f) => FIELDS[f][0]).join('、') },
    })
  }
}

/** SPEC §2: unknown extra columns are ignored with a notice (one per column, not per row). */
export const unknownColumnNotices = (file: string, header: TableRow, map: HeaderMap): Issue[] =>
  map.extra
    .filter((i) => (header.cells[i] ?? '').trim() !== '')
    .map((i) => ({ ...headerIssue(file, header.line, i, header.cells[i]!, 'unknown-column'), severity: 'notice' as const }))

/** A data-row problem, located: file, line, column (1-based), the column's header and the cell's text. */
export const issueAt = (
  table: Table,
  row: TableRow,
  col: number | undefined,
  code: string,
  params: Record<string, string | number>,
): Issue => ({
  file: table.file,
  row: row.line,
  column: col === undefined ? null : col + 1,
  columnName: col === undefined ? null : (table.header.cells[col] ?? null),
  value: col === undefined ? null : (row.cells[col] ?? ''),
  code,
  params,
  severity: 'error',
})
