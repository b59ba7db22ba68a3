import { InputError, type Issue } from '../errors.js'
import { DEFAULT_VOCABULARY, type Field, isGroupHeader, isMeasureWord, normalizeHeader, type Vocabulary } from './headers.js'
import type { RowBatch } from './records.js'
import { isScannedPiece, type ScannedPiece } from './scan.js'
import { anyBatches, type Table, type TableRow, withRows } from './table.js'

/**
 * Finding the table in a real sheet (SPEC §2.0). Offices export sheets made for people: a
 * title, 填报单位/日期 lines, a header of two rows with merged parents, 序号, 合计 and 注 rows.
 * This layer sits between the raw rows (table.ts, xlsx.ts) and the shape readers: it picks
 * the header row among the first rows by how well its cells match the reader's vocabulary,
 * composes a header of two or three rows into one name per column, and hands on a table
 * whose header is that one row; `classifyRow` tells data rows from the rest.
 */

/** The kind of input a file is read as: the vocabulary its header is matched against. */
export type TableKind = 'votes' | 'roster' | 'reports' | 'findings'

/** How many rows from the top the header is looked for in (SPEC §2.0). */
export const HEADER_SEARCH_ROWS = 20

/** How many header rows a composed header may have (测评等次 / 优秀 / 票数|比例). */
const MAX_HEADER_ROWS = 3

/** Why a row is not data (each is listed as a notice, SPEC §2.0). */
export type SkipReason = 'above-header' | 'info' | 'footnote' | 'total' | 'total-unchecked' | 'share-row' | 'repeated-header' | 'section'

/** An info line above a paper ballot or a count sheet: 部门：XX局 应到：30 实到：28. */
export interface InfoLine {
  line: number
  eligible: number | null
  participated: number | null
}

/** How the table was found. */
export interface Layout {
  kind: TableKind
  /** The header rows, top to bottom, as read (before composing). */
  headerRows: TableRow[]
  /** Rows above the header, each with why it is not data. */
  above: Array<{ row: TableRow; why: SkipReason }>
  /** The last info line above the header, where one is. */
  info: InfoLine | null
  /** Data rows read ahead (still in the table's rows): a peek for shape detection. */
  sample: TableRow[]
  /** false: no row looked like a header; the first row is taken and the reader says what is missing. */
  found: boolean
  /** How many of the kind's columns the header row names (a sheet naming fewer than 2 holds no table of the kind). */
  named: number
}

/** What a kind needs of its header, and which fields score. */
interface KindSpec {
  fields: readonly Field[]
  qualifies: (has: (f: Field) => boolean, roles: HeaderCounts) => boolean
}

interface HeaderCounts {
  grades: number
  /** Columns no field takes (a wide ballot's cadre columns). */
  unknown: number
  shares: number
  totals: number
  categories: number
}

const VOTE_FIELDS: readonly Field[] = [
  'ballotId', 'cadreId', 'name', 'unit', 'post', 'unitPost', 'grade', 'voterGroup', 'excellent', 'competent',
  'basicallyCompetent', 'incompetent', 'abstain', 'invalid', 'eligible', 'participated',
]
const ROSTER_FIELDS: readonly Field[] = ['cadreId', 'name', 'unit', 'post', 'unitPost', 'principal', 'annualGrade', 'dutyStatement', 'mustReport', 'eligible']
const REPORT_FIELDS: readonly Field[] = ['cadreId', 'name', 'unit', 'post', 'unitPost', 'reportDate', 'category', 'content']
const FINDING_FIELDS: readonly Field[] = ['cadreId', 'name', 'unit', 'post', 'unitPost', 'category', 'detail', 'serious', 'findingType']

const who = (has: (f: Field) => boolean): boolean => has('cadreId') || has('name')

/** A vote header of each shape (SPEC §2.1); `--votes-format` narrows it to one. */
export const VOTE_SHAPES = {
  long: (has: (f: Field) => boolean) => has('ballotId') && has('grade') && who(has),
  counts: (has: (f: Field) => boolean, r: HeaderCounts) => r.grades >= 2 && (who(has) || has('unitPost')),
  // A scanner export: 票号, then a column per cadre — no 干部编号 or 姓名 column of its own.
  wide: (has: (f: Field) => boolean, r: HeaderCounts) => has('ballotId') && !has('grade') && !who(has) && r.unknown >= 1,
} as const

const KINDS: Record<TableKind, KindSpec> = {
  votes: {
    fields: VOTE_FIELDS,
    qualifies: (has, r) => VOTE_SHAPES.long(has) || VOTE_SHAPES.counts(has, r) || VOTE_SHAPES.wide(has, r),
  },
  // A roster names its cadres and holds no votes (a count sheet names them too).
  roster: { fields: ROSTER_FIELDS, qualifies: (has, r) => has('name') && r.grades < 2 },
  reports: {
    fields: REPORT_FIELDS,
    qualifies: (has, r) => who(has) && ((has('category') && has('content')) || r.categories >= 1),
  },
  findings: { fields: FINDING_FIELDS, qualifies: (has) => who(has) && (has('category') || has('detail')) },
}

export interface LayoutOptions {
  kind: TableKind
  vocabulary: Vocabulary
  /** `--header-row N`: the sheet's own line of the (top) header row; null: found by kaohe. */
  headerRow: number | null
  /** `--votes-format`: only that shape's header counts. */
  shape?: 'long' | 'wide' | 'counts' | 'paper' | null
  /** Reports: is this header one of the policy's categories? */
  isCategory?: (text: string) => boolean
}

/** A candidate header: the rows it spans (indices into the rows read ahead) and its names. */
interface Candidate {
  top: number
  bottom: number
  names: string[]
  score: number
  qualifies: boolean
  /** A wide ballot's header (票号, then a column per cadre) and how many mark columns (优秀 … 无效) it names. */
  wide?: boolean
  gradeColumns?: number
}

const isBlankCells = (cells: readonly string[]): boolean => cells.every((c) => c.trim() === '')

/** A row's cells as one key (spaces and case folded), to recognise the header repeated below. */
export const rowKey = (cells: readonly string[]): string => {
  let n = cells.length
  while (n > 0 && cells[n - 1]!.trim() === '') n--
  let key = ''
  for (let i = 0; i < n; i++) key += `${normalizeHeader(cells[i]!)}\u0001`
  return key
}

/** How many data rows below the header are read ahead, for shape detection (√ marks or counts). */
const SAMPLE_ROWS = 10

/**
 * Lay the table out: find its header, compose a header of several rows, and give back a
 * table whose header is the composed row and whose rows start below it. A table laid out
 * already is given back as it is.
 *
 * Rows are read ahead only as far as the decision needs: to the first row that heads the
 * table (and the row or two below it, where they are part of a header of several rows),
 * or to the first row that is plainly data (numbers in two cells: the header, if any, was
 * above it), or to HEADER_SEARCH_ROWS rows. So `producer | kaohe tally -` whose first
 * lines are wrong stops at once, without waiting for the producer to end.
 */
export const layoutTable = async (raw: Table, opts: LayoutOptions): Promise<Table> => {
  if (raw.layout) return raw
  const head: TableRow[] = [raw.header]
  // As the table gives them: rows in bytes pass through once a reader asks for them (below the header).
  const it = anyBatches(raw)[Symbol.asyncIterator]()
  let pending: RowBatch | null = null
  let ended = false
  /** One more row into `head`; false at the end of the table. */
  const more = async (): Promise<boolean> => {
    while (pending === null || pending.cells.length === 0) {
      if (ended) return false
      const r = await it.next()
      if (r.done) {
        ended = true
        return false
      }
      // Rows in bytes come only once a reader asks (after this lookahead).
      if (isScannedPiece(r.value)) throw new Error('layoutTable: rows in bytes before the header was found')
      pending = { cells: r.value.cells, lines: r.value.lines }
    }
    head.push({ line: pending.lines[0]!, cells: pending.cells[0]! })
    pending = { cells: pending.cells.slice(1), lines: pending.lines.slice(1) }
    return true
  }
  const rowAt = async (i: number): Promise<TableRow | null> => {
    while (head.length <= i) if (!(await more())) return null
    return head[i]!
  }
  const found = await findHeader(raw, rowAt, opts)
  const bottom = found.bottom
  // A few data rows ahead, for the vote shape of a header with a column per grade: a count
  // sheet, or a paper ballot with √.
  const grades = found.names.filter((n) => {
    const f = opts.vocabulary.field(n)
    return f === 'excellent' || f === 'competent' || f === 'basicallyCompetent' || f === 'incompetent'
  }).length
  let sampled = 0
  for (let i = bottom + 1; opts.kind === 'votes' && found.qualifies && grades >= 2 && sampled < SAMPLE_ROWS; i++) {
    const r = await rowAt(i)
    if (r === null) break
    if (!isBlankCells(r.cells)) sampled++
  }
  const header: TableRow = { line: head[bottom]!.line, cells: found.names }
  const above: Layout['above'] = []
  let info: InfoLine | null = null
  for (let i = 0; i < found.top; i++) {
    const row = head[i]!
    if (isBlankCells(row.cells)) continue
    const inf = parseInfoLine(row)
    if (inf) info = inf
    above.push({ row, why: inf ? 'info' : 'above-header' })
  }
  const after = head.slice(bottom + 1)
  const layout: Layout = {
    kind: opts.kind,
    headerRows: head.slice(found.top, bottom + 1),
    above,
    info,
    sample: after.filter((r) => !isBlankCells(r.cells)),
    found: found.qualifies,
    named: found.score,
  }
  async function* batches(): AsyncGenerator<RowBatch | ScannedPiece> {
    if (after.length > 0) yield { cells: after.map((r) => r.cells), lines: after.map((r) => r.line) }
    if (pending !== null && pending.cells.length > 0) yield pending
    if (ended) return
    for (;;) {
      const r = await it.next()
      if (r.done) return
      yield r.value
    }
  }
  return withRows(raw, header, batches(), layout)
}

/** A row that is plainly data: numbers in two or more cells, and not an info line (应到 30 实到 28). */
const isDataRow = (row: TableRow): boolean => {
  let numbers = 0
  for (const c of row.cells) if (NUMBER.test(squash(c)) && ++numbers >= 2) break
  return numbers >= 2 && parseInfoLine(row) === null
}

/** Pick the header among the first rows (SPEC §2.0). `rowAt(i)`: the i-th row (0: the first that holds something), null past the end. */
const findHeader = async (raw: Table, rowAt: (i: number) => Promise<TableRow | null>, opts: LayoutOptions): Promise<Candidate> => {
  const spec = KINDS[opts.kind]
  const rows: TableRow[] = []
  const get = async (i: number): Promise<TableRow | null> => {
    const r = await rowAt(i)
    if (r !== null) rows[i] = r
    return r
  }
  const score = (names: string[]): ReturnType<typeof scoreNames> => scoreNames(names, spec, opts)
  const compose = (top: number, bottom: number): string[] => composeHeader(raw, rows.slice(top, bottom + 1), opts.vocabulary)
  const consecutive = (a: number, b: number): boolean => rows[b]!.line - rows[a]!.line === b - a
  const candidate = (top: number, bottom: number): Candidate => {
    const names = compose(top, bottom)
    return { top, bottom, names, ...score(names) }
  }
  /** The row or two below the header that are part of it (优秀 over 票数|比例): where they map more columns. */
  const extendDown = async (c: Candidate): Promise<Candidate> => {
    let best = c
    for (let b = c.bottom + 1; b < c.top + MAX_HEADER_ROWS; b++) {
      const r = await get(b)
      if (r === null || isBlankCells(r.cells) || !consecutive(c.top, b) || isDataRow(r) || parseInfoLine(r)) break
      const next = candidate(c.top, b)
      if (!(next.qualifies && next.score > best.score)) break
      // Under a wide ballot's header (a column per cadre), a row that puts marks (优秀, 无效)
      // under the cadre columns is a ballot's marks (优秀 under 张三), not a header row: data.
      if (best.wide === true && (next.gradeColumns ?? 0) > (best.gradeColumns ?? 0)) break
      best = next
    }
    return best
  }
  if (opts.headerRow !== null) {
    let top = -1
    for (let i = 0; ; i++) {
      const r = await get(i)
      if (r === null || r.line > opts.headerRow) break
      if (r.line === opts.headerRow) {
        top = i
        break
      }
    }
    if (top < 0 || isBlankCells(rows[top]!.cells)) throw new InputError({ code: 'header-row-blank', params: { file: raw.file, line: opts.headerRow } })
    const given = candidate(top, top)
    return extendDown({ ...given, qualifies: true })
  }
  let fallback: Candidate | null = null
  let filled = 0
  for (let b = 0; filled < HEADER_SEARCH_ROWS; b++) {
    const r = await get(b)
    if (r === null) break
    if (isBlankCells(r.cells)) continue
    filled++
    let best = candidate(b, b)
    // A parent row above joins the header where it maps more columns, or where it is
    // itself a header row (测评等次 over the grades): never a title or a 填报单位 line.
    for (let t = b - 1; t >= Math.max(0, b - MAX_HEADER_ROWS + 1); t--) {
      if (!consecutive(t, b) || isBlankCells(rows[t]!.cells) || parseInfoLine(rows[t]!)) break
      const up = candidate(t, b)
      if (!up.qualifies) continue
      if (up.score > best.score || (up.score === best.score && isParentRow(rows[t]!, rows[t + 1]!, opts))) best = up
      else break
    }
    if (best.qualifies) return extendDown(best)
    if (best.score >= 2 && (fallback === null || best.score > fallback.score)) fallback = { ...best, qualifies: false }
    // Data before any header: the header, if there is one, was above; none was found.
    if (isDataRow(r)) break
  }
  // No row heads the table: the row that names the most known columns (or the first), so
  // that the reader says what is missing there.
  return fallback ?? { ...candidate(0, 0), qualifies: false }
}

/** The fields a ballot's marks are spelt as (优秀 … 弃权, 无效). */
const MARK_FIELDS: ReadonlySet<Field> = new Set<Field>(['excellent', 'competent', 'basicallyCompetent', 'incompetent', 'abstain', 'invalid'])

/** How well a header's names match the kind: the fields it names, and whether it is enough. */
const scoreNames = (names: string[], spec: KindSpec, opts: LayoutOptions): { score: number; qualifies: boolean; wide: boolean; gradeColumns: number } => {
  const vocab = opts.vocabulary
  const fields = new Map<Field, number>()
  const seen = new Set<string>()
  const counts: HeaderCounts = { grades: 0, unknown: 0, shares: 0, totals: 0, categories: 0 }
  let duplicate = false
  let markColumns = 0
  for (const name of names) {
    const n = normalizeHeader(name)
    if (n === '') continue
    if (seen.has(n)) duplicate = true
    seen.add(n)
    const role = vocab.role(name)
    if (role.kind === 'field') {
      if (role.field === 'rowNumber') continue
      if (!spec.fields.includes(role.field)) {
        counts.unknown++
        continue
      }
      if (fields.has(role.field)) duplicate = true
      fields.set(role.field, (fields.get(role.field) ?? 0) + 1)
      if (role.field === 'excellent' || role.field === 'competent' || role.field === 'basicallyCompetent' || role.field === 'incompetent') counts.grades++
      if (MARK_FIELDS.has(role.field)) markColumns++
    } else if (role.kind === 'share') counts.shares++
    else if (role.kind === 'total') counts.totals++
    else if (opts.isCategory?.(name)) counts.categories++
    else counts.unknown++
  }
  const has = (f: Field): boolean => fields.has(f)
  let qualifies = !duplicate && spec.qualifies(has, counts)
  if (qualifies && opts.kind === 'votes' && opts.shape) {
    const s = opts.shape === 'paper' ? 'counts' : opts.shape
    qualifies = VOTE_SHAPES[s](has, counts)
  }
  const score = fields.size + counts.shares + counts.totals + counts.categories
  const wide = opts.kind === 'votes' && VOTE_SHAPES.wide(has, counts)
  return { score, qualifies, wide, gradeColumns: markColumns }
}

/**
 * Is `row` a header row above `below` (测评等次 over 优秀|称职|…)? Every cell in it names a
 * field, heads a group, or repeats the cell below (a name merged down two rows), and one
 * differs from the row below. A title or a 填报单位 line is not.
 */
const isParentRow = (row: TableRow, below: TableRow, opts: LayoutOptions): boolean => {
  let differs = false
  let cells = 0
  for (let i = 0; i < row.cells.length; i++) {
    const t = row.cells[i]!.trim()
    if (t === '') continue
    cells++
    const under = (below.cells[i] ?? '').trim()
    if (normalizeHeader(t) === normalizeHeader(under)) continue
    differs = true
    if (!(isGroupHeader(t) || opts.vocabulary.role(t).kind !== 'none' || opts.isCategory?.(t))) return false
  }
  return differs && cells >= 2
}

/**
 * One name per column from the header rows, top to bottom. A parent over children gives
 * each child its name (测评等次 over 优秀 → 优秀; 优秀 over 票数|比例 → 优秀票数, 优秀比例); in
 * CSV, and in XLSX where no merge covers the cell, a parent written once followed by empty
 * cells spans them (SPEC §2.0). A merged XLSX cell is filled into every cell it covers.
 */
export const composeHeader = (raw: Table, rows: TableRow[], vocab: Vocabulary): string[] => {
  // A workbook gives its rows short (table.ts `width`): the header is as wide as the sheet.
  const width = Math.max(raw.width ?? 0, ...rows.map((r) => r.cells.length))
  if (rows.length === 1) return Array.from({ length: width }, (_, j) => (rows[0]!.cells[j] ?? '').trim())
  const covered = coveredCells(raw)
  const spanned: string[][] = rows.map((r, k) => {
    const out: string[] = []
    for (let j = 0; j < width; j++) {
      const t = (r.cells[j] ?? '').trim()
      if (t !== '' || k === rows.length - 1 || j === 0) {
        out.push(t)
        continue
      }
      // An empty parent cell with children below, right of a parent that has children too.
      const hasChild = (col: number): boolean => rows.slice(k + 1).some((x) => (x.cells[col] ?? '').trim() !== '')
      const inherit = out[j - 1] !== '' && hasChild(j) && hasChild(j - 1) && !covered.has(`${r.line - 1}:${j}`)
      out.push(inherit ? out[j - 1]! : '')
    }
    return out
  })
  const names: string[] = []
  for (let j = 0; j < width; j++) {
    let acc = ''
    for (const row of spanned) acc = composeName(acc, row[j]!, vocab)
    names.push(acc)
  }
  return names
}

/**
 * A parent and a child as one column name: 优秀 over 票数 is 优秀票数; 2025年度考核 over 等次 is
 * 2025年度考核等次 (the two read together name a column); 测评等次 over 优秀 is 优秀 (the child
 * names it, the parent heads a group); else both, as parent/child.
 */
const composeName = (parent: string, child: string, vocab: Vocabulary): string => {
  if (child === '') return parent
  if (parent === '') return child
  if (normalizeHeader(parent) === normalizeHeader(child)) return child
  if (isMeasureWord(child)) return `${parent}${child}`
  if (vocab.role(`${parent}${child}`).kind === 'field') return `${parent}${child}`
  if (vocab.role(child).kind !== 'none' || isGroupHeader(parent)) return child
  return `${parent}/${child}`
}

/** Cells (zero-based `row:col`) an XLSX merge covers: there, an empty cell is not a span to fill. */
const coveredCells = (raw: Table): Set<string> => {
  const out = new Set<string>()
  for (const m of raw.merges ?? []) {
    // Header rows lie near the top: only merges there are looked at.
    if (m.top > 200) continue
    for (let r = m.top; r <= Math.min(m.bottom, 200); r++) for (let c = m.left; c <= Math.min(m.right, 500); c++) out.add(`${r}:${c}`)
  }
  return out
}

const INFO_ELIGIBLE = /(?:应到|应参加|应参评|应参加测评|应测评)(?:人数)?\s*[:：]?\s*(\d{1,9})/
const INFO_PARTICIPATED = /(?:实到|实参加|实参评|实际参加|实际参评|参加测评)(?:人数)?\s*[:：]?\s*(\d{1,9})/

/**
 * An info line (部门：XX局 应到：30人 实到：28人), in one cell or several: the numbers of
 * eligible and participating voters, where it gives them. Not a header row: it names no
 * column, its numbers follow its words.
 */
export const parseInfoLine = (row: TableRow): InfoLine | null => {
  const text = row.cells.map((c) => c.normalize('NFKC').trim()).filter((c) => c !== '').join(' ')
  if (text === '' || text.length > 300) return null
  const e = INFO_ELIGIBLE.exec(text)
  const p = INFO_PARTICIPATED.exec(text)
  if (!e && !p) return null
  return { line: row.line, eligible: e ? Number(e[1]) : null, participated: p ? Number(p[1]) : null }
}

/** 合计/总计/小计 (SPEC §2.0), also written with spaces (合 计) or followed by a note. */
const TOTAL = /^(?:总合计|全部合计|合计|总计|共计|小计)(?:$|[:：(（\d])/
/** Footnotes under (or over) a table. */
const FOOTNOTE =
  /^(?:注|注意|说明|备注|附注|附|填表人|填报人|填表|审核人|审核|复核人|制表人|制表|负责人|联系人|联系电话|电话|填表日期|填报日期|制表日期|报送日期|打印日期|打印时间|导出时间|导出人|统计时间|统计日期|日期|单位负责人|监票人|计票人)(?:$|[:：.．、\s\d(（①②③*])/
/** 一、正职 / （二）副职: a section heading inside the table. */
const SECTION = /^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）])/
/** What a count sheet's heading row names: a group of posts or of units (正职, 副职, 县直单位, 乡镇). */
const GROUP_WORD = /(?:正职|副职|职级|领导|班子|干部|单位|部门|乡镇|街道|机关|人员|成员|科室|系统|片区|[组类]$|其他|其它)/
const SHARE_CELL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)\s*%$|^[+-]?\d*\.\d+$/
const SHARE_LABEL = /^(?:比例|百分比|得票率|占比|比率|%)$/
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)%?$/

/** What a row of the table is. */
export type RowClass =
  | { kind: 'data' }
  | { kind: 'blank' }
  | { kind: 'skip'; why: Exclude<SkipReason, 'total' | 'total-unchecked' | 'above-header' | 'info'> }
  | { kind: 'info'; info: InfoLine }
  | { kind: 'total'; level: 'sub' | 'grand' }
  /** Another header, not the table's own repeated: a second table on the sheet (an error). */
  | { kind: 'header' }

/** The columns a classifier looks at. */
export interface RowColumns {
  /** Columns that say who or which ballot a row is about (序号, 姓名, 单位, 职务, 票号, ids). */
  ids: readonly number[]
  /** Columns holding counts or grades. */
  values: readonly number[]
  /** The 序号 column, where there is one. */
  rowNumber?: number
  /** Is this text a value of the table (a grade: 优秀 merged across a row is a ballot, not a heading)? */
  isValue?: (text: string) => boolean
  /**
   * A one-row-per-cadre file (count sheet, roster, item-5 files): every row is classified
   * fully, but for rows of plain numbers under filled ids (`numberRowIsData`).
   */
  everyRow?: boolean
  /**
   * A row with one cell and nothing in the value columns is a heading (a count sheet's 副职
   * line): 'always'; or only where the table numbers its rows and this one has no 序号
   * ('unnumbered': a roster's 县直单位 line, while a cadre's row with a name alone stays data).
   */
  aloneIsHeading?: 'always' | 'unnumbered'
  /**
   * A 比例 row must say so (比例, 得票率 … in a cell of its own): long ballots, one mark a row,
   * have no per-cadre share row under a cadre's row, so a row with its ids empty and a decimal
   * for its grade is a damaged data row, reported as one (fuzz seed 270412731), not skipped.
   */
  shareRowNeedsLabel?: boolean
}

const squash = (s: string): string => s.normalize('NFKC').replace(/[\s\u3000]+/g, '')

/**
 * Tell a data row from a 合计/小计 row, a footnote, a per-cadre 比例 row, the header repeated,
 * a section heading or an info line (SPEC §2.0). Asked only of rows a fast path did not
 * take: a plain data row never comes here on a big file.
 */
export const rowClassifier = (table: Table, cols: RowColumns): ((row: TableRow) => RowClass) => {
  const { headerRows, headerFirsts, full } = fullClassifier(table, cols)
  const starts = new Set(TRIGGER_CODES)
  for (const f of headerFirsts) if (f !== '') starts.add(f.charCodeAt(0))
  if (cols.everyRow === true) {
    // A header row whose value cells are all whole numbers (a year over the grade columns)
    // might come again as a row the number pre-filter takes: such a table has none.
    const valueCol = new Set(cols.values)
    const numbersOnly = (r: TableRow) => cols.values.every((i) => allDigits(normalizeHeader(r.cells[i] ?? '')))
    if (headerRows.some(numbersOnly)) return full
    return (row) => (numberRowIsData(row.cells, cols, valueCol, starts) ? DATA : full(row))
  }
  return (row) => {
    // A pre-filter, not a second classifier: a row whose identifying cells are all filled,
    // none starting as a 合计, 注 or the header does, not all one text (a merged heading),
    // with something in a value column, is data; any other row goes to the full
    // classification.
    const cells = row.cells
    const ids = cols.ids
    if (ids.length > 0 && cols.everyRow !== true) {
      let plain = true
      let same = ids.length > 1
      const firstId = cells[ids[0]!] ?? ''
      for (const i of ids) {
        const t = cells[i] ?? ''
        const c = leadCode(t)
        if (c < 0 || starts.has(c)) {
          plain = false
          break
        }
        if (same && t !== firstId) same = false
      }
      if (plain && !same && cols.values.some((i) => leadCode(cells[i] ?? '') >= 0)) {
        let k = 0
        while (k < cells.length && leadCode(cells[k]!) < 0) k++
        if (!starts.has(leadCode(cells[k] ?? ''))) return DATA
      }
    }
    return full(row)
  }
}

/** Every row classified in full, no pre-filter (`rowClassifier` puts one in front; tests compare the two). */
export const fullRowClassifier = (table: Table, cols: RowColumns): ((row: TableRow) => RowClass) => fullClassifier(table, cols).full

const fullClassifier = (table: Table, cols: RowColumns) => {
  const headerRows = [...(table.layout?.headerRows ?? []), table.header]
  const headerKeys = new Set(headerRows.map((r) => rowKey(r.cells)))
  // The header repeated below starts with the header's own first cell: only such rows are keyed.
  const headerFirsts = new Set(headerRows.map((r) => normalizeHeader(r.cells.find((c) => c.trim() !== '') ?? '')))
  return { headerRows, headerFirsts, full: classifyFully(cols, headerKeys, headerFirsts) }
}

const DATA: RowClass = { kind: 'data' }

/** Is every character an ASCII digit? ('' is.) */
const allDigits = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  return true
}

/**
 * A first character no label of `classifyFully` can start with once squashed: an ASCII
 * letter or digit, or a CJK ideograph (U+4E00–U+9FFF, unchanged by NFKC) — the triggers
 * aside. Spaces, full-width forms, %, brackets and the rest go to the full classification.
 */
const plainLead = (c: number, starts: ReadonlySet<number>): boolean =>
  ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0x4e00 && c <= 0x9fff)) && !starts.has(c)

/**
 * The pre-filter of a table classified row by row (`everyRow`: count sheets, one row per
 * cadre): a row is data where its identifying cells are all filled, not all one text;
 * every filled cell outside the value columns starts plainly (`plainLead`); the value
 * columns hold whole numbers in ASCII digits and nothing else, one at least; and fewer
 * than three of its cells are column names or none names a person (not another table's
 * header). Every such row is data to `classifyFully` too (a property test holds the two
 * together); any other row goes there.
 */
export const numberRowIsData = (cells: readonly string[], cols: RowColumns, valueCol: ReadonlySet<number>, starts: ReadonlySet<number>): boolean => {
  const ids = cols.ids
  if (ids.length === 0) return false
  let same = ids.length > 1
  const firstId = cells[ids[0]!] ?? ''
  for (const i of ids) {
    const t = cells[i] ?? ''
    if (t === '') return false
    if (same && t !== firstId) same = false
  }
  if (same) return false
  let numbers = 0
  let others = 0
  for (let i = 0; i < cells.length; i++) {
    const t = cells[i]!
    if (t === '') continue
    if (valueCol.has(i)) {
      if (!allDigits(t)) return false
      numbers++
    } else {
      if (!plainLead(t.charCodeAt(0), starts)) return false
      others++
    }
  }
  if (numbers === 0) return false
  if (others < 3) return true
  // Three column names, one of a person (a second table's header): as classifyFully sees it.
  let named = 0
  let who = false
  for (let i = 0; i < cells.length; i++) {
    if (valueCol.has(i) || cells[i] === '' || !DEFAULT_VOCABULARY.mayBeField(cells[i]!)) continue
    const f = DEFAULT_VOCABULARY.field(cells[i]!)
    if (f === undefined) continue
    named++
    if (f === 'name' || f === 'cadreId' || f === 'ballotId') who = true
  }
  return !(named >= 3 && who)
}

/**
 * The first characters a row that may not be data starts with: a 合计 or 注 row (TOTAL,
 * FOOTNOTE), a 比例 row (SHARE_LABEL), another header (序号, 姓名, 干部编号, 票号 …).
 */
const TRIGGERS = '合总全共小注说备附填审复制负联电日打导统单监计比百得占序姓干票编被领测'

const TRIGGER_CODES: ReadonlySet<number> = new Set([...TRIGGERS].map((ch) => ch.charCodeAt(0)))

/** Does a cell start as a 合计, 注 or 说明 does? (A fast path's one look: such a row goes to `rowClassifier`.) */
export const mayBeNonData = (cell: string): boolean => TRIGGER_CODES.has(leadCode(cell))

/** The first non-space character of a cell; -1 for an empty one. */
const leadCode = (s: string): number => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c !== 32 && c !== 9 && c !== 0x3000 && c !== 0xa0) return c
  }
  return -1
}

const firstFilled = (cells: readonly string[]): number => cells.findIndex((c) => c.trim() !== '')

const classifyFully = (cols: RowColumns, headerKeys: ReadonlySet<string>, headerFirsts: ReadonlySet<string>) => (row: TableRow): RowClass => {
  const cells = row.cells
  const first = firstFilled(cells)
  if (first < 0) return { kind: 'blank' }
  const lead = squash(cells[first]!)
  for (const i of [first, ...cols.ids]) {
    const t = squash(cells[i] ?? '')
    if (t !== '' && TOTAL.test(t)) return { kind: 'total', level: t.startsWith('小计') ? 'sub' : 'grand' }
  }
  if (FOOTNOTE.test(lead)) return { kind: 'skip', why: 'footnote' }
  if (headerFirsts.has(normalizeHeader(cells[first]!)) && headerKeys.has(rowKey(cells))) return { kind: 'skip', why: 'repeated-header' }
  // Column names, one of them a name or an id column's: a header, and not this table's.
  let named = 0
  let who = false
  for (const c of cells) {
    const f = c.trim() === '' ? undefined : DEFAULT_VOCABULARY.field(c)
    if (f === undefined) continue
    named++
    if (f === 'name' || f === 'cadreId' || f === 'ballotId') who = true
  }
  if (named >= 3 && who) return { kind: 'header' }
  const idsEmpty = cols.ids.every((i) => {
    const t = squash(cells[i] ?? '')
    return t === '' || SHARE_LABEL.test(t)
  })
  if (idsEmpty) {
    const info = parseInfoLine(row)
    if (info) return { kind: 'info', info }
  }
  // A 比例 row under a cadre's row: its ids empty (or merged down from the cadre's row, where
  // a 项目 column says 比例), every value a share.
  const values = new Set(cols.values)
  if ((idsEmpty && cols.shareRowNeedsLabel !== true) || cells.some((c, i) => !values.has(i) && SHARE_LABEL.test(squash(c)))) {
    let shares = 0
    let others = 0
    for (const i of cols.values) {
      const t = squash(cells[i] ?? '')
      if (t === '') continue
      if (SHARE_CELL.test(t)) shares++
      else others++
    }
    if (shares > 0 && others === 0) return { kind: 'skip', why: 'share-row' }
  }
  // A heading inside the table: one text alone (or merged across the row), not a number.
  const texts = new Set<string>()
  for (const c of cells) {
    const t = squash(c)
    if (t !== '') texts.add(t)
  }
  if (texts.size === 1 && !NUMBER.test(lead) && !cols.isValue?.(cells[first]!.trim())) {
    const filled = cells.filter((c) => c.trim() !== '').length
    const valuesEmpty = cols.values.every((i) => (cells[i] ?? '').trim() === '')
    const unnumbered = cols.rowNumber !== undefined && first !== cols.rowNumber
    // 'always' (a count sheet): a lone cell is a heading where the table numbers its rows and
    // this one has none, or where it names a group (副职, 县直单位); a cadre's name or id alone
    // (a row cut short) is data, to be reported as such wherever it comes in the sheet.
    const heading = unnumbered || GROUP_WORD.test(lead)
    const alone = filled === 1 && valuesEmpty && ((cols.aloneIsHeading === 'always' && heading) || (cols.aloneIsHeading === 'unnumbered' && unnumbered))
    if (SECTION.test(lead) || filled >= 2 || (filled === 1 && first === cols.rowNumber) || alone) {
      return { kind: 'skip', why: 'section' }
    }
  }
  return DATA
}

/** A skipped row as a notice: file, line, why (SPEC §2.0: never silently dropped). */
export const skippedNotice = (file: string, row: TableRow, why: SkipReason, params: Record<string, string | number> = {}): Issue => {
  const at = row.cells.findIndex((c) => c.trim() !== '')
  const text = at < 0 ? '' : row.cells[at]!.trim()
  return {
    file,
    row: row.line,
    column: at < 0 ? null : at + 1,
    columnName: null,
    value: text.length > 60 ? `${text.slice(0, 60)}…` : text,
    code: `skipped-${why}`,
    params,
    severity: 'notice',
  }
}
