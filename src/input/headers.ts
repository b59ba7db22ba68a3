import type { Mark } from '../core/marks.js'
import { InputError, listParam, type Issue } from '../errors.js'
import type { Table, TableRow } from './table.js'

/**
 * Header matching (SPEC §2): trimmed (full-width spaces too), case-insensitive, Chinese or
 * English, any order. NFKC folds full-width letters and brackets, so （境） matches (境).
 */
export const normalizeHeader = (h: string): string =>
  h.normalize('NFKC').replace(/[\s\u3000\ufeff]+/g, '').toLowerCase().replace(/[-\s]/g, '_')

/**
 * `normalizeHeader(h)` without NFKC and the regular expressions, where h is made of ASCII
 * letters, digits and _ and CJK ideographs U+4E00–U+9FFF only (which NFKC leaves as they
 * are, and which hold no white space or -): h lowercased; null for any other text. The
 * cells of a big sheet are mostly such text (ids, names, units).
 */
export const plainForm = (h: string): string | null => {
  if (h.length === 0) return null
  let upper = false
  for (let i = 0; i < h.length; i++) {
    const c = h.charCodeAt(i)
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || (c >= 0x4e00 && c <= 0x9fff)) continue
    if (c >= 65 && c <= 90) upper = true
    else return null
  }
  return upper ? h.toLowerCase() : h
}

/** Letters, digits and _ only (a `plainForm` without an ideograph). */
const asciiWord = (n: string): boolean => {
  for (let i = 0; i < n.length; i++) if (n.charCodeAt(i) >= 0x80) return false
  return true
}

/**
 * The columns kaohe knows, each with its accepted header texts (the first is the one
 * kaohe writes in templates). SPEC §2.0 adds the names real exports use; a 票数/人数/票
 * suffix and a year before a header are taken off before matching (`Vocabulary`).
 */
export const FIELDS = {
  ballotId: ['票号', '选票编号', '测评票编号', '选票号', '匿名账号', '测评人编号', '测评人账号', '测评账号', 'ballot_id', 'ballot'],
  cadreId: ['干部编号', '编号', '人员编号', 'cadre_id', 'id'],
  name: ['姓名', '被测评人', '干部姓名', '领导人员', '领导干部', '测评对象', '被测评人姓名', '被测评对象', '被考核人', '领导人员姓名', 'name'],
  unit: ['单位', '工作单位', '所在单位', '单位名称', 'unit'],
  post: ['职务', '现任职务', '领导人员职务', '职务名称', '现职务', 'post'],
  /** 单位及职务 in one cell (a unit-and-post column, used to tell cadres of one name apart). */
  unitPost: ['单位及职务', '单位职务', '工作单位及职务', '现工作单位及职务', '现任单位及职务', '单位及职务名称', 'unit_post'],
  /** 序号: a row number; read as nothing, without a notice. */
  rowNumber: ['序号', '序', '行号', 'no.', 'no', '#'],
  grade: ['测评等次', '等次', '评价等次', '测评结果', '总体评价', '综合评价', '评价结果', '评价意见', 'grade'],
  voterGroup: ['测评人类别', '测评人类型', '测评人员类别', 'voter_group'],
  excellent: ['优秀', '優秀', 'excellent'],
  competent: ['称职', '稱職', 'competent'],
  basicallyCompetent: ['基本称职', '基本稱職', 'basically_competent', 'basicallycompetent'],
  incompetent: ['不称职', '不稱職', 'incompetent'],
  abstain: ['弃权', '棄權', '不了解', '不了解情况', 'abstain'],
  invalid: ['无效', '無效', '无效票', 'invalid'],
  eligible: ['应参加人数', '應參加人數', '应到', '应参加', '应参评', '应测评', '应参加测评', '应参与测评', 'eligible'],
  participated: ['实参加人数', '實參加人數', '实际参加人数', '实到', '实参加', '实际参加', '参评', '投票', '收回', '实参评', '实测评', '参加测评', '实际参加测评', 'participated'],
  principal: ['是否正职', '正职', 'principal'],
  annualGrade: ['年度考核等次', '年度考核结果', '考核等次', '考核结果', 'annual_grade'],
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

/** The fields whose cells are counts: a 票数/人数/票 suffix may follow their names. */
const COUNTED: ReadonlySet<Field> = new Set(['excellent', 'competent', 'basicallyCompetent', 'incompetent', 'abstain', 'invalid', 'eligible', 'participated'])
const GRADE_FIELDS = ['excellent', 'competent', 'basicallyCompetent', 'incompetent'] as const

/** A year before a header: 2025年度考核等次, 2025年考核结果. */
const YEAR = /^(?:19|20)\d{2}年度?/
/** What a count column's name may end with. (票)/(人) are NFKC'd from （票）/（人）. */
const COUNT_SUFFIX = /(?:得票数|得票|票数|人数|\(票\)|\(票数\)|\(人\)|\(人数\)|票)$/
/** What a share column's name may end with: 优秀率, 优秀比例, 优秀得票率, 优秀(%), 优秀占比. */
const SHARE_SUFFIX = /(?:占.*?(?:%|比例|百分比)|得票率|百分比|百分率|比例|比率|占比|\(%\)|%|率)$/
/** A share column of its own (a child under a grade, or a bare 比例 column). */
const SHARE_WORD = /^(?:得票率|百分比|百分率|比例|比率|占比|率|%|\(%\)|占.*%|占.*比例|占.*百分比)$/
/** A count child under a parent: 优秀 over 票数. */
const COUNT_WORD = /^(?:票数|得票数|得票|人数|票|数量|\(票\)|\(人\))$/
/** A per-row total of the grades (with or without abstentions and spoilt marks). */
const TOTALS = new Set(['合计', '总计', '小计', '票数', '总票数', '得票总数', '合计票数', '总数', '共计', '合计人数'].map(normalizeHeader))
const VALID_TOTALS = new Set(['有效票', '有效票数', '有效票合计', '有效'].map(normalizeHeader))
/** Share columns over more than one grade. */
const COMBINED_SHARES: ReadonlyMap<string, Mark[][]> = new Map(
  (
    [
      ['称职及以上', [['excellent', 'competent']]],
      ['称职以上', [['excellent', 'competent']]],
      ['优秀和称职', [['excellent', 'competent']]],
      ['优秀及称职', [['excellent', 'competent']]],
      ['优秀+称职', [['excellent', 'competent']]],
      ['优秀称职', [['excellent', 'competent']]],
      ['优良', [['excellent', 'competent']]],
      // 满意率 on a four-grade sheet: 优秀+称职, or with 基本称职 (满意+基本满意) — both are read.
      ['满意', [['excellent', 'competent'], ['excellent', 'competent', 'basicallyCompetent']]],
      ['不称职及以下', [['incompetent']]],
    ] as const
  ).map(([k, v]) => [normalizeHeader(k), v.map((s) => [...s])]),
)

/**
 * Headers a count sheet, a roster or a paper ballot may carry that kaohe works out itself
 * or does not need: 测评结果 on a count sheet is the outcome, not a vote. Ignored with a
 * notice (a long ballot file reads them as its grade column).
 */
const OUTCOME = new Set(['测评结果', '总体评价', '综合评价', '评价结果', '评价意见', '测评等次', '等次', '评价等次'].map(normalizeHeader))

/**
 * A header kaohe cannot map but which names a vote, a count, a grade or a person (SPEC
 * §2.0): an error in strict mode — a dropped 应到人数 or 不了解 column changes results. The
 * grades of other sets count too (良好, 一般, 较差, 好, 差): a 良好 column beside the four
 * grades would otherwise leave its votes out of every share.
 */
const MEANINGFUL = /等次|票|人数|考核|测评|姓名|评价|评议|优秀|称职|合格|弃权|不了解|无效|应到|实到|应参|实参|参评|得分|良好|较好|一般|较差|^[好差]$/
/** …unless it is plainly about something else: when, where from, a remark (测评时间, 投票IP). */
const INCIDENTAL = /时间|日期|ip|地址|电话|备注|说明/

/** What a header cell is, read with the vocabulary. */
export type HeaderRole =
  | { kind: 'field'; field: Field }
  /** Shares of the grades listed (alternatives: any one of them may be what the sheet means). */
  | { kind: 'share'; marks: Mark[][] | null }
  /** A per-row total: of the four grades (`valid`), or of every mark the row counts. */
  | { kind: 'total'; valid: boolean }
  | { kind: 'none' }

const NONE: HeaderRole = { kind: 'none' }

/**
 * The header vocabulary with a policy's grade synonyms (SPEC §2.0: `gradeSynonyms` apply to
 * count-sheet headers and paper-ballot columns too: 合格 is 称职 under opinion-2009-hege).
 */
export class Vocabulary {
  private readonly synonyms: ReadonlyMap<string, Mark>
  private readonly cache = new Map<string, HeaderRole>()

  /** Every character of every name a field is found by (a field's header holds one at least). */
  private readonly nameChars: ReadonlySet<number>

  constructor(synonyms: Readonly<Record<string, Mark>> = {}) {
    this.synonyms = new Map(Object.entries(synonyms).map(([k, v]) => [normalizeHeader(k), v]))
    const chars = new Set<number>()
    for (const n of [...LOOKUP.keys(), ...this.synonyms.keys()]) for (let i = 0; i < n.length; i++) chars.add(n.charCodeAt(i))
    this.nameChars = chars
  }

  /**
   * Could this cell name a field? False only where it surely does not: every character is
   * an ASCII one or a CJK ideograph (U+4E00–U+9FFF, which NFKC leaves alone) and, as
   * `normalizeHeader` makes it, none is in a field's name — and a field is only ever found
   * by one of its names (`exact`, on the header or on a part of it). A cheap look for the
   * cells of a big sheet, in front of `field`.
   */
  mayBeField(cell: string): boolean {
    for (let i = 0; i < cell.length; i++) {
      let c = cell.charCodeAt(i)
      if (c >= 65 && c <= 90) c += 32
      else if (c === 45) c = 95
      else if (c >= 0x80 && (c < 0x4e00 || c > 0x9fff)) return true
      if (this.nameChars.has(c)) return true
    }
    return false
  }

  /** The field a header names, if any. */
  field(header: string): Field | undefined {
    const r = this.role(header)
    return r.kind === 'field' ? r.field : undefined
  }

  /** What a header names: a field, a share or total column, or nothing kaohe knows. */
  role(header: string): HeaderRole {
    const plain = plainForm(header)
    const n = plain ?? normalizeHeader(header)
    let r = this.cache.get(n)
    if (r === undefined) {
      // Letters, digits and _ alone name a field by its exact name or not at all: every other
      // way `resolve` finds one (a year, brackets, a 票/率 suffix, a total) needs a character
      // they lack. An id cell of a big sheet (C000123) is not resolved, nor cached.
      if (plain !== null && asciiWord(plain) && this.exact(n) === undefined) return NONE
      r = this.resolve(n, 0)
      if (this.cache.size < 10_000) this.cache.set(n, r)
    }
    return r
  }

  /** `role` the long way — NFKC, every rule, no cache (the tests hold `role` to it). */
  roleInFull(header: string): HeaderRole {
    return this.resolve(normalizeHeader(header), 0)
  }

  /** A field by its exact name, or a grade token the policy maps. */
  private exact(n: string): Field | undefined {
    const f = LOOKUP.get(n)
    if (f !== undefined) return f
    const m = this.synonyms.get(n)
    return m
  }

  private resolve(n: string, depth: number): HeaderRole {
    if (n === '' || depth > 3) return NONE
    const f = this.exact(n)
    if (f !== undefined) return { kind: 'field', field: f }
    if (TOTALS.has(n)) return { kind: 'total', valid: false }
    if (VALID_TOTALS.has(n)) return { kind: 'total', valid: true }
    const year = YEAR.exec(n)
    if (year) return this.resolve(n.slice(year[0].length), depth + 1)
    // 称职(较好): a grade with its other name in brackets, as published forms write it.
    const paren = /^(.+?)\((.+)\)$/.exec(n)
    if (paren) {
      const [, base, inner] = paren as unknown as [string, string, string]
      if (SHARE_WORD.test(`(${inner})`) || SHARE_WORD.test(inner)) return this.shareOf(base, depth)
      if (COUNT_WORD.test(`(${inner})`) || COUNT_WORD.test(inner)) return this.countOf(base, depth)
      const a = this.resolve(base, depth + 1)
      const b = this.resolve(inner, depth + 1)
      if (a.kind === 'none') return b
      if (b.kind === 'none' || sameRole(a, b)) return a
      // Two different things in one header: not ours to pick.
      return NONE
    }
    if (SHARE_WORD.test(n)) return { kind: 'share', marks: null }
    const share = SHARE_SUFFIX.exec(n)
    if (share) {
      const r = this.shareOf(n.slice(0, share.index), depth)
      if (r.kind !== 'none') return r
    }
    const count = COUNT_SUFFIX.exec(n)
    if (count) {
      const r = this.countOf(n.slice(0, count.index), depth)
      if (r.kind !== 'none') return r
    }
    return NONE
  }

  /** `base` as counted: a field of counts (优秀票数, 应到人数, 不了解票数), else nothing. */
  private countOf(base: string, depth: number): HeaderRole {
    if (base === '') return { kind: 'total', valid: false }
    if (VALID_TOTALS.has(base)) return { kind: 'total', valid: true }
    const r = this.resolve(base, depth + 1)
    return r.kind === 'field' && COUNTED.has(r.field) ? r : NONE
  }

  /** `base` as a share: of one grade (优秀率), or of several (称职及以上率). */
  private shareOf(base: string, depth: number): HeaderRole {
    const combined = COMBINED_SHARES.get(base)
    if (combined) return { kind: 'share', marks: combined }
    const r = this.resolve(base, depth + 1)
    // 称职及以上率(%): a share already, its unit in brackets.
    if (r.kind === 'share') return r
    if (r.kind !== 'field') return NONE
    // 称职率: of 称职 alone, or (as some sheets mean it) of 称职 and above.
    if (r.field === 'competent') return { kind: 'share', marks: [['competent'], ['excellent', 'competent']] }
    if ((GRADE_FIELDS as readonly string[]).includes(r.field) || r.field === 'abstain' || r.field === 'invalid') {
      return { kind: 'share', marks: [[r.field as Mark]] }
    }
    return NONE
  }

  /** A count sheet's outcome column (测评结果): kaohe works it out itself. */
  isOutcome(header: string): boolean {
    const n = normalizeHeader(header)
    const y = YEAR.exec(n)
    return OUTCOME.has(y ? n.slice(y[0].length) : n)
  }
}

const sameRole = (a: HeaderRole, b: HeaderRole): boolean =>
  a.kind === b.kind && (a.kind !== 'field' || a.field === (b as { field: Field }).field)

/** The vocabulary without grade synonyms. */
export const DEFAULT_VOCABULARY = new Vocabulary()

export const fieldOf = (header: string): Field | undefined => DEFAULT_VOCABULARY.field(header)

/** Does this header name a vote, a count, a grade or a person (SPEC §2.0)? */
export const isMeaningfulHeader = (header: string): boolean => {
  const n = normalizeHeader(header)
  return MEANINGFUL.test(n) && !INCIDENTAL.test(n)
}

/** A word that heads a group of columns (测评等次 over 优秀|称职|…): the children name the columns. */
const GROUPS = new Set(
  [
    '基本情况',
    '干部基本情况',
    '总体评价',
    '综合评价',
    '评价结果',
    '评议情况',
    '评议结果',
    '测评等次',
    '测评结果',
    '评价意见',
    '评价意见结果',
    '民主测评',
    '民主测评结果',
    '民主测评情况',
    '测评情况',
    '测评意见',
    '得票情况',
    '得票数',
    '测评票数',
    '票数',
    '评价等次',
    '等次',
    '报告事项',
    '个人有关事项',
    '个人有关事项报告',
    '本人情况',
    '家庭情况',
    '家事',
    '家产',
    '财产情况',
    '家庭事项',
    '财产事项',
    '事项',
    '查核情况',
    '测评人数',
    '人数',
  ].map(normalizeHeader),
)

/** Does this header head a group of columns (测评等次, 报告事项)? */
export const isGroupHeader = (header: string): boolean => {
  const n = normalizeHeader(header)
  const y = YEAR.exec(n)
  return GROUPS.has(y ? n.slice(y[0].length) : n)
}

/** A child that says how its parent is given: 票数/人数 (a count) or 比例/% (a share). */
export const isMeasureWord = (header: string): boolean => {
  const n = normalizeHeader(header)
  return SHARE_WORD.test(n) || COUNT_WORD.test(n)
}

/** Column positions (0-based) of the known fields; the rest are `extra`. */
export interface HeaderMap {
  fields: Partial<Record<Field, number>>
  extra: number[]
  /** Share columns (优秀率, 优秀/比例): checked against the counts, never counted. */
  shares: Array<{ index: number; marks: Mark[][] | null }>
  /** Per-row total columns (票数, 合计): checked against the counts. */
  totals: Array<{ index: number; valid: boolean }>
}

/** Options of `mapHeader`: the vocabulary, and how to treat columns it does not take. */
export interface MapOptions {
  vocabulary?: Vocabulary
  /**
   * true: an unknown column that names a vote, a count, a grade or a person is an error
   * (SPEC §2.0); false: every unknown column is `extra` (a wide ballot's cadre columns).
   */
  strictUnknown?: boolean
  /** Read share and total columns (count sheets); else they are unknown columns. */
  checks?: boolean
}

/**
 * Map a header row to fields. A field given twice, or a header cell repeated, is an error
 * for the file: which column would count is not ours to guess. 序号 is left out silently.
 */
export const mapHeader = (file: string, header: TableRow, known: readonly Field[], opts: MapOptions = {}): HeaderMap => {
  const vocab = opts.vocabulary ?? DEFAULT_VOCABULARY
  const fields: Partial<Record<Field, number>> = {}
  const extra: number[] = []
  const shares: HeaderMap['shares'] = []
  const totals: HeaderMap['totals'] = []
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
    const role = vocab.role(cell)
    // 序号: a row number, read by none and named in no notice (the classifier looks at it).
    if (role.kind === 'field' && role.field === 'rowNumber') {
      fields.rowNumber ??= i
      return
    }
    if (role.kind === 'field' && known.includes(role.field)) {
      if (fields[role.field] !== undefined) {
        issues.push(headerIssue(file, header.line, i, cell, 'duplicate-header', { first: fields[role.field]! + 1 }))
        return
      }
      fields[role.field] = i
    } else if (opts.checks && role.kind === 'share') shares.push({ index: i, marks: role.marks })
    else if (opts.checks && role.kind === 'total') totals.push({ index: i, valid: role.valid })
    else extra.push(i)
  })
  if (issues.length > 0) throw new InputError({ code: 'bad-header', params: { file } }, issues)
  return { fields, extra, shares, totals }
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
      params: { file, line: header.line, shape, missing: listParam(missing.map((f) => FIELDS[f][0])) },
    })
  }
}

/** The header names a reader accepts, for a message: 票号、干部编号、姓名… (the first name of each field). */
export const acceptedNames = (known: readonly Field[]): string =>
  listParam(known.filter((f) => f !== 'rowNumber').map((f) => FIELDS[f].filter((n) => /[^ -~]/.test(n)).slice(0, 3).join('/')))

/**
 * SPEC §2: unknown extra columns are ignored with a notice (one per column, not per row);
 * SPEC §2.0: one that names a vote, a count, a grade or a person is an error instead,
 * listing the names the reader accepts; a column that belongs to another input (年度考核等次
 * on a count sheet) or that kaohe works out itself (测评结果 on a count sheet) is a notice
 * that says so.
 */
export const unknownColumnNotices = (
  file: string,
  header: TableRow,
  map: HeaderMap,
  known: readonly Field[] = [],
  vocab: Vocabulary = DEFAULT_VOCABULARY,
): Issue[] =>
  map.extra
    .filter((i) => (header.cells[i] ?? '').trim() !== '')
    .map((i) => {
      const text = header.cells[i]!
      const role = vocab.role(text)
      if (vocab.isOutcome(text)) return { ...headerIssue(file, header.line, i, text, 'outcome-column'), severity: 'notice' as const }
      if (role.kind === 'field') {
        return { ...headerIssue(file, header.line, i, text, 'column-for-other-input', { input: INPUT_OF[role.field] }), severity: 'notice' as const }
      }
      if (role.kind === 'share' || role.kind === 'total') return { ...headerIssue(file, header.line, i, text, 'unchecked-column'), severity: 'notice' as const }
      if (known.length > 0 && isMeaningfulHeader(text)) return headerIssue(file, header.line, i, text, 'unmapped-header', { accepted: acceptedNames(known) })
      return { ...headerIssue(file, header.line, i, text, 'unknown-column'), severity: 'notice' as const }
    })

/** The input a field is read from, for the notice on a column given to another input. */
const INPUT_OF: Readonly<Record<Field, string>> = {
  ballotId: '--votes',
  cadreId: '--roster',
  name: '--roster',
  unit: '--roster',
  post: '--roster',
  unitPost: '--roster',
  rowNumber: '--roster',
  grade: '--votes',
  voterGroup: '--votes',
  excellent: '--votes',
  competent: '--votes',
  basicallyCompetent: '--votes',
  incompetent: '--votes',
  abstain: '--votes',
  invalid: '--votes',
  eligible: '--votes',
  participated: '--votes',
  principal: '--roster',
  annualGrade: '--roster',
  dutyStatement: '--roster',
  mustReport: '--roster',
  reportDate: '--reports',
  category: '--reports',
  content: '--reports',
  detail: '--findings',
  serious: '--findings',
  findingType: '--findings',
}

/** A data-row problem, located: file, line, column (1-based), the column's header and the cell's text. */
export const issueAt = (
  table: Table,
  row: TableRow,
  col: number | undefined,
  code: string,
  params: Record<string, string | number> = {},
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
