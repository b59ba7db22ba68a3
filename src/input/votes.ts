import { isTemplateExample } from './example.js'
import { GRADES, type Mark } from '../core/marks.js'
import { displayedShare, expectedShareText, parseShare, shareAgrees, type ShareValue } from '../core/sheet-checks.js'
import { emptyTally, type Tally } from '../core/tally.js'
import { InputError, type Issue } from '../errors.js'
import type { Policy } from '../policy/schema.js'
import type { CadreEntry, CadreRef, Collector, Resolved } from './collector.js'
import { type Field, type HeaderMap, headerIssue, issueAt, mapHeader, requireFields, unknownColumnNotices, Vocabulary } from './headers.js'
import { type InfoLine, layoutTable, type LayoutOptions, mayBeNonData, type RowClass, rowClassifier } from './layout.js'
import { own } from './records.js'
import { anyFormulaError, formulaErrorIssues, idColumns, infoParams, noteAbove, noteSkipped, skipNonData, UnnamedColumns, usedColumns } from './rows.js'
import { type LongFacts, longFactsOfText, LongLocals, TextIds } from './long-cells.js'
import { LongExtractor, type LongPieceFacts, type LongSpec } from './long-scan.js'
import { type LanePiece, LongLane } from './long-lane.js'
import { isScannedPiece, type PieceExtractor, pieceRowCells, type ScannedPiece } from './scan.js'
import { rowBatches, scanBatches, splitSheet, type Table, type TableRow } from './table.js'
import { isPaperMark, markParser, parseCount } from './tokens.js'

export type VoteShape = 'long' | 'wide' | 'counts' | 'paper'

const LONG_FIELDS: Field[] = ['ballotId', 'cadreId', 'name', 'unit', 'post', 'unitPost', 'grade', 'voterGroup']
const COUNT_FIELDS: Field[] = [
  'cadreId',
  'name',
  'unit',
  'post',
  'unitPost',
  'excellent',
  'competent',
  'basicallyCompetent',
  'incompetent',
  'abstain',
  'invalid',
  'eligible',
  'participated',
]
const COUNT_MARKS = ['excellent', 'competent', 'basicallyCompetent', 'incompetent', 'abstain', 'invalid'] as const
const PAPER_FIELDS: Field[] = ['ballotId', 'cadreId', 'name', 'unit', 'post', 'unitPost', ...COUNT_MARKS]

/** The layout options of a vote file: the policy's grade synonyms name columns too. */
export const voteLayout = (policy: Policy, shape: VoteShape | null, headerRow: number | null): LayoutOptions => ({
  kind: 'votes',
  vocabulary: new Vocabulary(policy.gradeSynonyms),
  headerRow,
  shape,
})

/**
 * Recognise the vote shape from the headers (SPEC §2.1); `--votes-format` overrides. Only
 * looks: a duplicate or conflicting header is reported by the shape's own reader, with its
 * file and line. Linear in the number of columns (a 10,000-column scanner export). A sheet
 * with a column per grade is a count sheet, or a paper ballot where its first rows hold
 * marks (√) instead of numbers, or where a 票号 column says which ballot each row is.
 */
export const detectShape = (header: TableRow, vocab: Vocabulary = new Vocabulary(), sample: readonly TableRow[] = []): VoteShape | undefined => {
  const at = new Map<Field, number>()
  header.cells.forEach((c, i) => {
    const f = vocab.field(c)
    if (f !== undefined && !at.has(f)) at.set(f, i)
  })
  const grades = GRADES.filter((g) => at.has(g)).length
  if (at.has('ballotId') && at.has('grade')) return 'long'
  if (grades >= 2) {
    if (at.has('ballotId')) return 'paper'
    const cols = COUNT_MARKS.map((m) => at.get(m)).filter((i): i is number => i !== undefined)
    const marked = sample.some((r) => cols.some((i) => isPaperMark(r.cells[i] ?? '') && parseCount(r.cells[i] ?? '').ok === false))
    return marked ? 'paper' : 'counts'
  }
  // 票号 with 干部编号 or 姓名 columns is a long file whose grade column is missing.
  if (at.has('ballotId') && (at.has('cadreId') || at.has('name'))) return 'long'
  if (at.has('ballotId')) return 'wide'
  if (at.has('grade')) return 'long'
  return undefined
}

/** What reading one vote file gives the manifest and JSON `inputs`. */
export interface VoteReadResult {
  shape: VoteShape
}

interface Ctx {
  table: Table
  collector: Collector
  policy: Policy
  sumCounts: boolean
  parseMark: (cell: string) => Mark | null | undefined
  vocabulary: Vocabulary
  /** false: every row through its shape's classifier, no pre-filter (the reference the tests compare with). */
  prefilter: boolean
}

export const cell = (row: TableRow, col: number | undefined): string => (col === undefined ? '' : (row.cells[col] ?? '').trim())
export const isBlank = (row: TableRow): boolean => row.cells.every((c) => c.trim() === '')

/** A row's cells under no heading noted (`UnnamedColumns`); one that may be a vote is the row's error. */
const unnamedVote = (table: Table, row: TableRow, unnamed: UnnamedColumns, issues: Issue[]): void => {
  const col = unnamed.note(row)
  if (col >= 0) issues.push(issueAt(table, row, col, 'unnamed-vote-column'))
}

/** Cells beyond the header (ragged rows) that hold something: data that no column owns. */
export const raggedIssue = (table: Table, row: TableRow, width: number): Issue | null => {
  for (let i = width; i < row.cells.length; i++) {
    if (row.cells[i]!.trim() !== '') return issueAt(table, row, i, 'extra-cells', { width })
  }
  return null
}

/** A cadre a row names, resolved: enough to find or make its entry. */
export interface Touched {
  ref: CadreRef
  key: string
}
/** A cell, trimmed, from a row's cells ('' where the column is absent). */
const at = (cells: string[], col: number | undefined): string => (col === undefined ? '' : (cells[col] ?? '').trim())

/**
 * The rows a fast path did not take, in order. Big files are read in batches; `fast`
 * counts a plainly valid row by itself, with no allocation, and returns true; any other
 * row (blank, ragged, a new cadre, an error of any kind) comes out here for the full
 * checks, which then find and report every problem as usual. A fast path takes a row only
 * where the full checks would count it, with the same effect.
 */
async function* slowRows(table: Table, fast: (cells: string[]) => boolean): AsyncGenerator<TableRow> {
  for await (const batch of rowBatches(table)) {
    const { cells, lines } = batch
    for (let i = 0; i < cells.length; i++) {
      if (!fast(cells[i]!)) yield { line: lines[i]!, cells: cells[i]! }
    }
  }
}

/**
 * Row bookkeeping shared by the three shapes: rows read = counted + in issues (SPEC §3).
 * A left-out row marks every cadre it names data-incomplete — also one first seen on this
 * row, who would otherwise look complete, or vanish, depending on the order of the rows.
 */
export const finishRow = (
  c: Collector,
  issues: Issue[],
  touched: () => Touched[],
  apply: () => void,
  ballotGroup?: { ballot: string; group: string },
  tainted = false,
): void => {
  if (issues.length > 0) {
    c.rowsInIssues++
    for (const i of issues) c.addIssue(i)
    for (const t of touched()) c.ensure(t.ref, t.key).incomplete = true
    if (ballotGroup) c.noteGroup(ballotGroup.ballot, ballotGroup.group)
    return
  }
  apply()
  // A column of this file that matters could not be read (an unmapped header, lenient):
  // every cadre it touches is data-incomplete.
  if (tainted) for (const t of touched()) c.ensure(t.ref, t.key).incomplete = true
  c.rowsCounted++
}

/** The notices on a header's unknown columns; true when one of them is an error (lenient: the file's cadres are incomplete). */
export const noteColumns = (c: Collector, table: Table, map: HeaderMap, known: readonly Field[], vocab: Vocabulary): boolean => {
  let errors = false
  for (const n of unknownColumnNotices(table.file, table.header, map, known, vocab)) {
    if (n.severity === 'error') errors = true
    c.addIssue(n)
  }
  return errors
}

/** Read one vote file into the collector, whatever its shape. */
export const readVotes = async (
  raw: Table,
  collector: Collector,
  policy: Policy,
  opts: { shape: VoteShape | null; sumCounts: boolean; headerRow?: number | null; prefilter?: boolean },
): Promise<VoteReadResult> => {
  const layout = voteLayout(policy, opts.shape, opts.headerRow ?? null)
  const table = await layoutTable(raw, layout)
  noteAbove(collector, table)
  const shape = opts.shape ?? detectShape(table.header, layout.vocabulary, table.layout?.sample ?? [])
  if (shape === undefined) {
    const hint = gradeSetHint(table.header, policy)
    throw new InputError({ code: hint ? 'unknown-shape-grade-set' : 'unknown-shape', params: { file: table.file, line: table.header.line, hint } })
  }
  const ctx: Ctx = { table, collector, policy, sumCounts: opts.sumCounts, parseMark: markParser(policy.gradeSynonyms), vocabulary: layout.vocabulary, prefilter: opts.prefilter !== false }
  if (shape === 'long') await readLong(ctx)
  else if (shape === 'wide') await readWide(ctx)
  else if (shape === 'paper') await readPaper(ctx)
  else await readCounts(ctx)
  return { shape }
}

/**
 * The grade sets of the built-in policies (SPEC §2.0): a header of 合格/基本合格 or of
 * 好/较好/一般/差 under a policy that does not map them names the policy that does.
 */
const GRADE_SETS: ReadonlyArray<{ policy: string; tokens: readonly string[]; set: string }> = [
  { policy: 'opinion-2009-hege', tokens: ['合格', '基本合格', '不合格'], set: '优秀/合格/基本合格/不合格' },
  { policy: 'opinion-2009-haohuai', tokens: ['好', '较好', '一般', '差'], set: '好/较好/一般/差' },
]

/** An unknown grade, its issue: one of another built-in grade set names the policy that reads it. */
const unknownGrade = (table: Table, row: TableRow, col: number | undefined, text: string): Issue => {
  const t = text.normalize('NFKC').replace(/\s+/g, '')
  const set = GRADE_SETS.find((g) => g.tokens.includes(t))
  return set
    ? issueAt(table, row, col, 'unknown-grade-set', { policy: set.policy, set: set.set })
    : issueAt(table, row, col, 'unknown-grade', {})
}

/** A hint for a header of another grade set: '' when there is none. */
export const gradeSetHint = (header: TableRow, policy: Policy): string => {
  const vocab = new Vocabulary(policy.gradeSynonyms)
  for (const set of GRADE_SETS) {
    const hits = header.cells.filter((c) => {
      const t = c.normalize('NFKC').replace(/\s+/g, '').replace(/(票数|人数|票)$/, '')
      return set.tokens.includes(t) && vocab.field(c) === undefined
    }).length
    if (hits >= 2) return set.policy
  }
  return ''
}

export const refOf = (row: TableRow, map: HeaderMap): CadreRef => {
  const ref: CadreRef = {
    id: cell(row, map.fields.cadreId),
    name: cell(row, map.fields.name),
    unit: cell(row, map.fields.unit),
  }
  if (map.fields.unitPost !== undefined) ref.unitPost = cell(row, map.fields.unitPost)
  return ref
}

const resolveIssue = (ctx: Ctx, row: TableRow, map: HeaderMap, code: string, params: Record<string, string | number>): Issue => {
  // A template's example is named where its marker is, in the name column.
  const col = code === 'template-example' && map.fields.name !== undefined ? map.fields.name : (map.fields.cadreId ?? map.fields.name)
  return issueAt(ctx.table, row, col, code, params)
}

/** The cadre a row names, resolved or still known by id (a name mismatch). */
const touchedBy = (ref: CadreRef, r: Resolved): Touched[] =>
  r.ok ? [{ ref, key: r.key }] : r.key !== undefined ? [{ ref: { id: ref.id, name: '', unit: '' }, key: r.key }] : []

/** Where a row names its cadre by name (for an ambiguity found after all files). */
const nameAt = (ctx: Ctx, row: TableRow, map: HeaderMap) => {
  const col = map.fields.name
  return {
    file: ctx.table.file,
    row: row.line,
    column: col === undefined ? null : col + 1,
    columnName: col === undefined ? null : (ctx.table.header.cells[col] ?? null),
    value: col === undefined ? null : (row.cells[col] ?? ''),
  }
}

/**
 * About the bytes of a long-ballot row with ids, a name, a unit and a grade, in the file's
 * encoding: `P00000001,C063510,陶平,金沙县教育局,称职,服务对象` and its line feed are 64
 * bytes in UTF-8 and 50 in GB18030 (two bytes a Chinese character, not three). A file's
 * size over this guesses its marks, so the pair index is made about its final size at once
 * instead of doubling up to it. Shorter rows only mean some doubling later; longer rows, a
 * table too big by as much. (With the UTF-8 figure a GB18030 file's marks were guessed 1/4
 * short: on the 2M-row benchmark the pair index doubled near the end, +7 MB peak memory.)
 */
const MIN_LONG_ROW_BYTES = { 'utf-8': 64, gb18030: 50 } as const

/** The marks a long-ballot file of `bytes` bytes in `encoding` is guessed to hold at most (for room made up front). */
export const expectedLongMarks = (bytes: number, encoding: string): number =>
  Math.floor(bytes / (encoding === 'gb18030' ? MIN_LONG_ROW_BYTES.gb18030 : MIN_LONG_ROW_BYTES['utf-8']))

/** Long ballots: one row per ballot × cadre. */
const readLong = async (ctx: Ctx): Promise<void> => {
  const { table, collector: c } = ctx
  const total = table.progress().total
  if (total !== null) c.expectMarks(expectedLongMarks(total, table.encoding()))
  const map = mapHeader(table.file, table.header, LONG_FIELDS, { vocabulary: ctx.vocabulary })
  const tainted = noteColumns(c, table, map, LONG_FIELDS, ctx.vocabulary)
  requireFields(table.file, table.header, map, ['ballotId', 'grade'], 'long')
  if (map.fields.cadreId === undefined && map.fields.name === undefined) {
    requireFields(table.file, table.header, map, ['cadreId'], 'long')
  }
  const width = table.header.cells.length
  const f = map.fields
  const classify = rowClassifier(table, {
    ids: [f.ballotId, f.cadreId, f.name, f.rowNumber].filter((i): i is number => i !== undefined),
    values: [f.grade!],
    rowNumber: f.rowNumber,
    isValue: (t) => ctx.parseMark(t) != null,
    shareRowNeedsLabel: true,
  })
  // The pre-filter: a cadre already known by id, under the same name, a known grade, a
  // ballot id, nothing to fill in, no duplicate, no group conflict (tryCount). No row
  // that is not data passes it: a 合计, 注 or header row has no known grade. What a row
  // says is read from its cells as text or as bytes (long-cells.ts); this decides.
  const used = usedColumns(map)
  const take = (x: LongFacts | null): boolean => {
    if (x === null) return false
    const e = x.entry
    if (e.source === 'counts' || !x.nameSame || (e.unit === '' && x.unitGiven)) return false
    // A cadre a roster gave a template's example name or id (张三（示例）, kept by a lenient
    // read): the full checks refuse its rows (identity.ts); the pre-filter never counts them.
    if (isTemplateExample(e.name) || isTemplateExample(e.id)) return false
    if (!c.tryCount(e, x.ballot, x.mark, x.group)) return false
    if (e.post === '') e.post = own(x.post)
    c.rowsRead++
    c.rowsCounted++
    return true
  }
  const col = (i: number | undefined): number => (i === undefined ? -1 : i)
  // A grade spelling in a column with no heading may be votes: an error of its row.
  const unnamed = new UnnamedColumns(table.header, map, (t) => ctx.parseMark(t) != null)
  const spec = (delimiter: number): LongSpec => ({
    delimiter,
    width,
    ballot: col(f.ballotId),
    id: col(f.cadreId),
    name: col(f.name),
    unit: col(f.unit),
    unitPost: col(f.unitPost),
    post: col(f.post),
    grade: col(f.grade),
    group: col(f.voterGroup),
    used,
    unnamed: [...unnamed.cols],
    synonyms: ctx.policy.gradeSynonyms,
  })
  const textSpec = spec(-1)
  const locals = new LongLocals(c)
  const off = tainted || !ctx.prefilter
  // The cadre of the row before, whichever way it was read: the lane and TextIds guess the next from it.
  const last = { index: -1 }
  const textIds = new TextIds(c, last)
  const fromText = (cells: string[]): boolean => !off && take(longFactsOfText(c, textSpec, ctx.parseMark, cells, textIds))
  // Pieces of a CSV file read in bytes (the default; KAOHE_SCAN=0 turns it off): by the lane on this thread, or —
  // where worker threads read them (KAOHE_SCAN_WORKERS) — as facts made there (long-scan.ts).
  let lane = null as LongLane | null
  const extractor = (delimiter: number, workers: number): PieceExtractor<LongPieceFacts | LanePiece> => {
    const s = spec(delimiter)
    if (workers === 0) return (lane = new LongLane(s, c, last)).extractor()
    const here = new LongExtractor(s)
    return { extract: (bytes, encoding) => here.extract(bytes, encoding), worker: { kind: 'long', data: s } }
  }
  for await (const batch of scanBatches(table, extractor)) {
    if (isScannedPiece(batch)) {
      if (lane !== null) {
        const p = batch.facts as LanePiece
        for (let r = 0; r < batch.count; r++) {
          const parsed = p.parsed[r]
          if (parsed !== undefined) {
            if (!fromText(parsed)) fullRow({ line: batch.line[r]!, cells: parsed })
          } else if (off || !lane.take(p, r)) fullRow({ line: batch.line[r]!, cells: pieceRowCells(batch, r) })
        }
        continue
      }
      const facts = batch as ScannedPiece<LongPieceFacts>
      locals.absorb(facts)
      for (let r = 0; r < batch.count; r++) if (off || !take(locals.of(facts, r))) fullRow({ line: batch.line[r]!, cells: pieceRowCells(batch, r) })
    } else {
      const { cells, lines } = batch
      for (let i = 0; i < cells.length; i++) if (!fromText(cells[i]!)) fullRow({ line: lines[i]!, cells: cells[i]! })
    }
  }
  // Reading is over: the collector has the counts, the lane's cadre pages are not asked again (memory, issue 13).
  lane?.release()
  lane = null
  unnamed.flush(c, table)

  /** The one classifier of a long row: every check, every issue, located. */
  function fullRow(row: TableRow): void {
    if (skipRow(c, table, row, classify(row))) return
    c.rowsRead++
    const issues = formulaErrorIssues(table, row, used)
    const ragged = raggedIssue(table, row, width)
    if (ragged) issues.push(ragged)
    unnamedVote(table, row, unnamed, issues)
    const ballot = cell(row, f.ballotId)
    if (ballot === '') issues.push(issueAt(table, row, f.ballotId, 'missing-value'))
    const gradeText = cell(row, f.grade)
    const mark = ctx.parseMark(gradeText)
    if (mark === undefined) issues.push(unknownGrade(table, row, f.grade, gradeText))
    else if (mark === null) issues.push(issueAt(table, row, f.grade, 'missing-grade'))
    const group = cell(row, f.voterGroup)
    const ref = refOf(row, map)
    const r = c.resolve(ref)
    if (!r.ok) issues.push(resolveIssue(ctx, row, map, r.code, r.params))
    else {
      if (r.entry?.source === 'counts') issues.push(resolveIssue(ctx, row, map, 'mixed-sources', { id: r.entry.id }))
      if (ballot !== '' && mark) {
        if (c.peekMark(r.key, ballot, mark).kind === 'duplicate') {
          issues.push(issueAt(table, row, f.ballotId, 'duplicate-mark', { cadre: ref.id || ref.name }))
        }
        const g = group ? c.groupConflict(ballot, group) : null
        if (g !== null) issues.push(issueAt(table, row, f.voterGroup, 'group-mismatch', { ballot, first: g }))
      }
    }
    if (r.ok && ref.id === '' && !c.hasRoster) c.noteNameRow(r.key, nameAt(ctx, row, map))
    finishRow(
      c,
      issues,
      () => touchedBy(ref, r),
      () => {
        if (!r.ok || !mark) return
        const e = c.ensure(ref, r.key)
        if (ref.id === '' || e.post === '') e.post ||= own(cell(row, f.post))
        c.applyMark(e, ballot, mark, group)
      },
      { ballot, group },
      tainted,
    )
  }
}

/**
 * A row that is not data, handled: true when it is skipped (listed and counted as such,
 * SPEC §2.0). A 合计 row of a ballot file has no counts to check: listed as unchecked.
 */
const skipRow = (c: Collector, table: Table, row: TableRow, cls: RowClass): boolean => {
  if (cls.kind === 'data') return false
  if (cls.kind === 'total') noteSkipped(c, table, row, 'total-unchecked')
  else skipNonData(c, table, row, cls)
  return true
}

/** Wide ballots (scanner exports): one row per ballot, one column per cadre. */
const readWide = async (ctx: Ctx): Promise<void> => {
  const { table, collector: c } = ctx
  const header = table.header
  const map = mapHeader(table.file, header, ['ballotId', 'voterGroup'], { vocabulary: ctx.vocabulary })
  requireFields(table.file, header, map, ['ballotId'], 'wide')
  const columns: { index: number; ref: CadreRef; key: string }[] = []
  const headerIssues: Issue[] = []
  const keys = new Map<string, number>()
  for (const i of map.extra) {
    const text = (header.cells[i] ?? '').trim()
    if (text === '') continue
    if (isTemplateExample(text)) {
      headerIssues.push(headerIssue(table.file, header.line, i, text, 'template-example', { example: text }))
      continue
    }
    const byId = c.cadres.get(text)
    // With a roster the header is a cadre's id or name; without, it is the cadre's id (and,
    // unless another file names the cadre, the name shown) — never a name to check others
    // against, or which file comes first would decide whether they conflict.
    const ref: CadreRef = byId || !c.hasRoster ? { id: text, name: '', unit: '' } : { id: '', name: text, unit: '' }
    const r = byId ? c.resolve(ref) : c.hasRoster ? c.resolve(ref) : { ok: true as const, key: text, entry: undefined }
    if (!r.ok) {
      headerIssues.push(headerIssue(table.file, header.line, i, text, r.code, r.params))
      continue
    }
    if (byId && c.hasRoster) {
      // One cadre's id and another's name: which one the column means is not ours to guess.
      const byName = c.resolve({ id: '', name: text, unit: '' })
      if (byName.ok && byName.entry && byName.entry.index !== byId.index) {
        headerIssues.push(headerIssue(table.file, header.line, i, text, 'ambiguous-header', { id: byId.id, other: byName.entry.id }))
        continue
      }
    }
    const prev = keys.get(r.key)
    if (prev !== undefined) {
      headerIssues.push(headerIssue(table.file, header.line, i, text, 'duplicate-header', { first: prev + 1 }))
      continue
    }
    keys.set(r.key, i)
    columns.push({ index: i, ref, key: r.key })
  }
  if (headerIssues.length > 0) throw new InputError({ code: 'bad-header', params: { file: table.file } }, headerIssues)
  if (columns.length === 0) throw new InputError({ code: 'no-cadre-columns', params: { file: table.file, line: header.line } })
  const known = new Set([
    ...columns.map((col) => col.index),
    map.fields.ballotId!,
    ...(map.fields.voterGroup === undefined ? [] : [map.fields.voterGroup]),
    ...(map.fields.rowNumber === undefined ? [] : [map.fields.rowNumber]),
  ])
  const width = header.cells.length
  const f = map.fields
  const marks: (Mark | null)[] = new Array(columns.length)
  const unknown = Array.from({ length: width }, (_, i) => i).filter((i) => !known.has(i))
  const apply = (ballot: string, group: string): void => {
    for (let k = 0; k < columns.length; k++) {
      const m = marks[k]
      if (!m) continue
      const col = columns[k]!
      const e = c.ensure(col.ref, col.key)
      if (!c.hasRoster) e.headerName ||= col.key
      c.applyMark(e, ballot, m, group)
    }
  }
  const classify = rowClassifier(table, {
    ids: [f.ballotId!],
    values: columns.map((col) => col.index),
    rowNumber: f.rowNumber,
    isValue: (t) => ctx.parseMark(t) != null,
  })
  // The fast path: a ballot id, no stray cells, known grades only, at least one mark, no
  // duplicate, no group conflict, no cadre that has count sheets. A row whose ballot cell
  // starts as a 注 or 合计 does, or that grades no one, goes to the full checks (it may be
  // a footnote or a heading).
  const used = [...known].filter((i) => i !== f.rowNumber).sort((a, b) => a - b)
  const ballotColumns = [f.ballotId!, ...(f.voterGroup === undefined ? [] : [f.voterGroup])]
  const fast = (cells: string[]): boolean => {
    if (!ctx.prefilter || cells.length > width) return false
    for (const i of unknown) if (at(cells, i) !== '') return false
    const ballot = at(cells, f.ballotId)
    if (ballot === '' || mayBeNote(ballot) || isTemplateExample(ballot)) return false
    // A ballot id or group that is a formula error ('#N/A'): the full checks report it
    // (a grade cell holding one is no grade, so it leaves the fast path below).
    if (anyFormulaError(cells, ballotColumns)) return false
    const group = at(cells, f.voterGroup)
    if (group !== '' && c.groupConflict(ballot, group) !== null) return false
    let any = false
    for (let k = 0; k < columns.length; k++) {
      const col = columns[k]!
      const m = ctx.parseMark(cells[col.index] ?? '')
      if (m === undefined) return false
      marks[k] = m
      if (m === null) continue
      any = true
      const e = c.cadres.get(col.key)
      if (e !== undefined && (e.source === 'counts' || c.isDuplicate(e, c.ballotNumber(ballot), m))) return false
    }
    if (!any) return false
    apply(ballot, group)
    c.rowsRead++
    c.rowsCounted++
    return true
  }
  for await (const row of slowRows(table, fast)) {
    if (skipRow(c, table, row, classify(row))) continue
    c.rowsRead++
    const issues = formulaErrorIssues(table, row, used)
    const ragged = raggedIssue(table, row, width)
    if (ragged) issues.push(ragged)
    for (let i = 0; i < width; i++) {
      if (!known.has(i) && (row.cells[i] ?? '').trim() !== '') {
        issues.push(issueAt(table, row, i, 'extra-cells', { width }))
        break
      }
    }
    const ballot = cell(row, f.ballotId)
    if (ballot === '') issues.push(issueAt(table, row, f.ballotId, 'missing-value'))
    else if (isTemplateExample(ballot)) issues.push(issueAt(table, row, f.ballotId, 'template-example', { example: ballot }))
    const group = cell(row, f.voterGroup)
    if (ballot !== '' && group) {
      const g = c.groupConflict(ballot, group)
      if (g !== null) issues.push(issueAt(table, row, f.voterGroup, 'group-mismatch', { ballot, first: g }))
    }
    for (let k = 0; k < columns.length; k++) {
      const col = columns[k]!
      const m = ctx.parseMark(row.cells[col.index] ?? '')
      marks[k] = m ?? null
      if (m === undefined) {
        issues.push(unknownGrade(table, row, col.index, row.cells[col.index] ?? ''))
        continue
      }
      if (m === null) continue
      const existing = c.cadres.get(col.key)
      if (existing?.source === 'counts') {
        issues.push(issueAt(table, row, col.index, 'mixed-sources', { id: existing.id }))
      }
      if (ballot !== '' && c.peekMark(col.key, ballot, m).kind === 'duplicate') {
        issues.push(issueAt(table, row, col.index, 'duplicate-mark', { cadre: col.ref.name || col.ref.id }))
      }
    }
    // The cadres this ballot graded (or tried to): a bad cell or a bad ballot id leaves them all out.
    const touched = (): Touched[] =>
      columns.filter((col) => (row.cells[col.index] ?? '').trim() !== '').map((col) => ({ ref: col.ref, key: col.key }))
    finishRow(c, issues, touched, () => apply(ballot, group), { ballot, group })
  }
}

/** A column a 合计 row is checked in: a mark's count, 应到/实到, or a per-row total. */
type CountColumn =
  | { index: number; kind: 'mark'; mark: Mark }
  | { index: number; kind: 'eligible' | 'participated' }
  | { index: number; kind: 'total'; valid: boolean }

type Scope = 'block' | 'grand' | 'all'
/** A row's reference once its cadre has all it gives (`Sums.settle`). */
const NO_REF: CadreRef = Object.freeze({ id: '', name: '', unit: '' })
const SCOPES: readonly Scope[] = ['block', 'grand', 'all']

/**
 * The running sums a 合计 or 小计 row is checked against (SPEC §2.0): since the last 小计 (a
 * unit's block), since the last 合计, and since the top. A column with a cell that could
 * not be read in a scope is not checked there (that cell is reported already). 应到/实到 may
 * also be totalled as the one value every row shares.
 */
class Sums {
  private readonly sum: Record<Scope, number[]>
  private readonly bad: Record<Scope, boolean[]>
  private readonly same: Record<Scope, (number | null | undefined)[]>
  readonly rows: Record<Scope, number> = { block: 0, grand: 0, all: 0 }
  /**
   * The cadres the rows name, in order, each once per row (scopes nest: each totals the
   * rows from its `start` on), marked data-incomplete when a scope's total does not add
   * up. A row's reference is kept (`refs`, by position) only where marking its cadre
   * would need it — the cadre not made, or lacking a name or unit it gives — and the key
   * is the entry's own string: a sheet of a million cadres keeps a million shared keys,
   * not three lists of a million references to the rows' cells.
   */
  private readonly whoKeys: string[] = []
  private readonly refs = new Map<number, CadreRef>()
  /** The reference of the row just added, until `settle` keeps it in `refs` or lets it go (no Map entry made and removed a row). */
  private fresh: CadreRef | null = null
  private readonly start: Record<Scope, number> = { block: 0, grand: 0, all: 0 }

  constructor(private readonly width: number) {
    const make = <T>(v: T) => ({ block: Array<T>(width).fill(v), grand: Array<T>(width).fill(v), all: Array<T>(width).fill(v) })
    this.sum = make(0)
    this.bad = make(false)
    this.same = make<number | null | undefined>(undefined)
  }

  /** A data row's values (null: unreadable) and the cadre it names. */
  add(values: readonly (number | null)[], who: { ref: CadreRef; key: string } | null): void {
    this.keepFresh()
    if (who) {
      this.fresh = who.ref
      this.whoKeys.push(who.key)
    }
    for (const s of SCOPES) {
      this.rows[s]++
      values.forEach((v, k) => {
        if (v === null) this.bad[s][k] = true
        else this.sum[s][k]! += v
        const prev = this.same[s][k]
        this.same[s][k] = prev === undefined ? v : prev === v ? v : null
      })
    }
  }

  /** Does `found` total column k over the scope? undefined: the scope cannot tell. */
  agrees(s: Scope, k: number, found: number, sharedValue: boolean): boolean | undefined {
    if (this.bad[s][k] || this.rows[s] === 0) return undefined
    return this.sum[s][k] === found || (sharedValue && this.same[s][k] === found)
  }

  total(s: Scope, k: number): number {
    return this.sum[s][k]!
  }

  /**
   * The row just added is applied (or left out): its reference is let go when its cadre
   * exists and `ensure` would take nothing more from it, and its key becomes the entry's.
   */
  settle(c: Collector): void {
    const at = this.whoKeys.length - 1
    const ref = this.fresh
    if (ref === null) return
    const e = c.cadres.get(this.whoKeys[at]!)
    if (e === undefined) {
      this.whoKeys[at] = own(this.whoKeys[at]!)
      return this.keepFresh()
    }
    this.whoKeys[at] = e.key
    if ((ref.name === '' || e.name !== '') && ((ref.unit || ref.unitPost || '') === '' || e.unit !== '')) this.fresh = null
    else this.keepFresh()
  }

  /** The last row's reference, kept (it is needed to make or complete its cadre). */
  private keepFresh(): void {
    if (this.fresh !== null) this.refs.set(this.whoKeys.length - 1, this.fresh)
    this.fresh = null
  }

  /** The cadres scope `s` totals, as `ensure` takes them. */
  *keys(s: Scope): Generator<{ ref: CadreRef; key: string }> {
    const last = this.whoKeys.length - 1
    for (let i = this.start[s]; i < this.whoKeys.length; i++) yield { ref: (i === last ? this.fresh : null) ?? this.refs.get(i) ?? NO_REF, key: this.whoKeys[i]! }
  }

  /** A total row closes its scopes: a 小计 the block, a 合计 the block and the grand total. */
  reset(level: 'sub' | 'grand'): void {
    const scopes: Scope[] = level === 'sub' ? ['block'] : ['block', 'grand']
    for (const s of scopes) {
      this.sum[s].fill(0)
      this.bad[s].fill(false)
      this.same[s].fill(undefined)
      this.rows[s] = 0
      this.start[s] = this.whoKeys.length
    }
  }
}

/**
 * A share cell as the sheet shows it: its text (CSV), or an XLSX number as its number
 * format shows it (0.16666666666666666 in a 0.00% cell is 16.67%).
 */
const shareOf = (table: Table, row: TableRow, col: number): ShareValue | null => {
  const text = cell(row, col)
  const format = table.numberFormat?.(row.line, col) ?? null
  return (format && displayedShare(text, format)) || parseShare(text)
}

/** A share cell checked against counts: null when it agrees (or holds no number). */
const shareProblem = (
  v: ShareValue | null,
  header: string,
  marks: readonly (readonly Mark[])[] | null,
  t: Tally,
  eligible: number | null,
  participated: number | null,
): Record<string, string | number> | null => {
  if (marks === null || v === null) return null
  const valid = t.excellent + t.competent + t.basicallyCompetent + t.incompetent
  const returned = valid + t.abstain + t.invalid
  const pct = /%/.test(header.normalize('NFKC'))
  if (shareAgrees(v, pct, t, marks, [valid, returned, participated ?? 0, eligible ?? 0])) return null
  const first = marks[0]!
  const num = first.reduce((s, m) => s + t[m], 0)
  const percent = v.percent === true || pct || v.digits > 10n ** BigInt(v.decimals)
  return { expected: expectedShareText(num, valid, Math.min(v.decimals, 4), percent), num, den: valid }
}

/** Count sheets: one row per cadre, checked for consistency (SPEC §2.1) and against their own 合计 and share columns (§2.0). */
const readCounts = async (ctx: Ctx): Promise<void> => {
  const { table, collector: c } = ctx
  const map = mapHeader(table.file, table.header, COUNT_FIELDS, { vocabulary: ctx.vocabulary, checks: true })
  const tainted = noteColumns(c, table, map, COUNT_FIELDS, ctx.vocabulary)
  requireFields(table.file, table.header, map, ['excellent', 'competent', 'basicallyCompetent', 'incompetent'], 'counts')
  if (map.fields.cadreId === undefined && map.fields.name === undefined) {
    requireFields(table.file, table.header, map, ['cadreId'], 'counts')
  }
  const f = map.fields
  const width = table.header.cells.length
  const hdr = (i: number | undefined): string | null => (i === undefined ? null : (table.header.cells[i] ?? null))
  // A cadre this sheet has given counts already: its count files end with this one (no Set of a million keys).
  const seenHere = (e: CadreEntry | undefined): boolean => e !== undefined && e.countFiles.at(-1) === table.file
  const used = usedColumns(map, [...map.shares.map((x) => x.index), ...map.totals.map((x) => x.index)])
  const countCols: CountColumn[] = [
    ...COUNT_MARKS.filter((m) => f[m] !== undefined).map((m) => ({ index: f[m]!, kind: 'mark' as const, mark: m })),
    ...(['eligible', 'participated'] as const).filter((k) => f[k] !== undefined).map((k) => ({ index: f[k]!, kind: k })),
    ...map.totals.map((x) => ({ index: x.index, kind: 'total' as const, valid: x.valid })),
  ]
  const classify = rowClassifier(table, {
    ids: idColumns(map),
    values: [...countCols.map((x) => x.index), ...map.shares.map((x) => x.index)],
    rowNumber: f.rowNumber,
    aloneIsHeading: 'always',
    everyRow: true,
  })
  const sums = new Sums(countCols.length)
  // A count in a column with no heading may be votes (弃权 with its heading lost): an error of its row.
  const unnamed = new UnnamedColumns(table.header, map, (t) => parseCount(t).ok)
  /** The last data row, for a 比例 row under it. */
  let last: { t: Tally; eligible: number | null; participated: number | null; who: { ref: CadreRef; key: string } | null } | null = null

  /** A 合计/小计 row: each count cell against the sum of the rows it totals. */
  const checkTotal = (row: TableRow, level: 'sub' | 'grand'): void => {
    const scopes: Scope[] = level === 'sub' ? ['block'] : ['grand', 'all']
    const issues: Issue[] = []
    const totals = emptyTally()
    countCols.forEach((col, k) => {
      if (col.kind === 'mark') totals[col.mark] = sums.total(scopes[0]!, k)
      const text = cell(row, col.index)
      if (text === '') return
      const p = parseCount(text)
      if (!p.ok) return
      const shared = col.kind === 'eligible' || col.kind === 'participated'
      const verdicts = scopes.map((s) => sums.agrees(s, k, p.value, shared))
      if (verdicts.every((v) => v === undefined) || verdicts.includes(true)) return
      const s = scopes[verdicts.findIndex((v) => v === false)]!
      issues.push(issueAt(table, row, col.index, 'total-mismatch', { expected: sums.total(s, k), rows: sums.rows[s] }))
    })
    const sumOf = (kind: 'eligible' | 'participated'): number | null => {
      const k = countCols.findIndex((x) => x.kind === kind)
      return k < 0 ? null : sums.total(scopes[0]!, k)
    }
    for (const sh of map.shares) {
      const problem = shareProblem(shareOf(table, row, sh.index), table.header.cells[sh.index] ?? '', sh.marks, totals, sumOf('eligible'), sumOf('participated'))
      if (problem) issues.push(issueAt(table, row, sh.index, 'share-mismatch', problem))
    }
    for (const i of issues) c.addIssue(i)
    if (issues.length > 0) for (const w of sums.keys(scopes[0]!)) c.ensure(w.ref, w.key).incomplete = true
    noteSkipped(c, table, row, 'total', { rows: sums.rows[scopes[0]!] })
    sums.reset(level)
  }

  /** A 比例 row under a cadre's row: each share against that row's counts. */
  const checkShareRow = (row: TableRow): void => {
    const issues: Issue[] = []
    if (last) {
      for (const col of countCols) {
        if (col.kind !== 'mark') continue
        const problem = shareProblem(shareOf(table, row, col.index), '', [[col.mark]], last.t, last.eligible, last.participated)
        if (problem) issues.push(issueAt(table, row, col.index, 'share-mismatch', problem))
      }
    }
    for (const i of issues) c.addIssue(i)
    if (issues.length > 0 && last?.who) c.ensure(last.who.ref, last.who.key).incomplete = true
    noteSkipped(c, table, row, 'share-row')
  }

  for await (const row of table.rows) {
    const cls = classify(row)
    if (cls.kind === 'total') {
      checkTotal(row, cls.level)
      continue
    }
    if (cls.kind === 'skip' && cls.why === 'share-row') {
      checkShareRow(row)
      continue
    }
    if (skipNonData(c, table, row, cls).kind !== 'data') continue
    c.rowsRead++
    const issues = formulaErrorIssues(table, row, used)
    const ragged = raggedIssue(table, row, width)
    if (ragged) issues.push(ragged)
    unnamedVote(table, row, unnamed, issues)
    const t = emptyTally()
    for (const m of COUNT_MARKS) {
      const col = f[m]
      if (col === undefined) continue
      const p = parseCount(row.cells[col] ?? '')
      if (p.ok) t[m] = p.value
      else issues.push(issueAt(table, row, col, countCode(row.cells[col] ?? '', p.code)))
    }
    const optional = (field: 'eligible' | 'participated'): number | null => {
      const col = f[field]
      if (col === undefined || cell(row, col) === '') return null
      const p = parseCount(row.cells[col] ?? '')
      if (p.ok) return p.value
      issues.push(issueAt(table, row, col, countCode(row.cells[col] ?? '', p.code)))
      return null
    }
    const eligible = optional('eligible')
    const participated = optional('participated')
    const sum = COUNT_MARKS.reduce((s, m) => s + t[m], 0)
    const valid = t.excellent + t.competent + t.basicallyCompetent + t.incompetent
    if (issues.length === 0) {
      if (participated !== null && participated !== sum) {
        issues.push(issueAt(table, row, f.participated, 'counts-dont-add-up', { sum }))
      }
      const returned = participated ?? sum
      if (eligible !== null && returned > eligible) {
        issues.push(issueAt(table, row, f.eligible, 'participated-exceeds-eligible', { participated: returned }))
      }
      // The sheet's own per-row totals and shares, at its own rounding (SPEC §2.0).
      for (const tc of map.totals) {
        const text = cell(row, tc.index)
        if (text === '') continue
        const p = parseCount(text)
        if (!p.ok) issues.push(issueAt(table, row, tc.index, p.code))
        else if (p.value !== valid && (tc.valid || p.value !== sum)) {
          issues.push(issueAt(table, row, tc.index, 'row-total-mismatch', { expected: tc.valid ? valid : sum, valid, returned: sum }))
        }
      }
      for (const sh of map.shares) {
        const problem = shareProblem(shareOf(table, row, sh.index), hdr(sh.index) ?? '', sh.marks, t, eligible, participated)
        if (problem) issues.push(issueAt(table, row, sh.index, 'share-mismatch', problem))
      }
    }
    const ref = refOf(row, map)
    const r = c.resolve(ref)
    if (!r.ok) issues.push(resolveIssue(ctx, row, map, r.code, r.params))
    else {
      const e = r.entry
      if (e?.source === 'ballots') issues.push(resolveIssue(ctx, row, map, 'mixed-sources', { id: e.id }))
      else if (seenHere(e)) issues.push(resolveIssue(ctx, row, map, 'duplicate-cadre', { id: e?.id ?? r.key }))
      else if (e?.source === 'counts' && !ctx.sumCounts) {
        issues.push(resolveIssue(ctx, row, map, 'cadre-in-two-count-files', { id: e.id, other: e.countFiles[0] ?? '' }))
      }
    }
    // The sheet's sums for its 合计 rows: the cells as written, whoever they count for.
    const who = r.ok ? { ref, key: r.key } : null
    sums.add(
      countCols.map((col) => {
        const text = cell(row, col.index)
        if (text === '') return 0
        const p = parseCount(text)
        return p.ok ? p.value : null
      }),
      who,
    )
    last = { t, eligible, participated, who }
    finishCadreRow(ctx, row, map, ref, r, issues, tainted, (e) => {
      e.source = 'counts'
      e.countFiles = [...e.countFiles, table.file]
      const prev = e.tally ?? { ...emptyTally() }
      for (const m of COUNT_MARKS) prev[m] += t[m]
      // With --sum-counts the files are disjoint voter groups: their electorates add up.
      prev.eligible = eligible === null ? prev.eligible : (prev.eligible ?? 0) + eligible
      e.tally = prev
      e.participated = participated === null && e.participated === null ? null : (e.participated ?? 0) + (participated ?? sum)
    })
    sums.settle(c)
  }
  unnamed.flush(c, table)
}

/** The end of a row that names one cadre (a count sheet's, a paper ballot's): noted, finished, applied to the cadre's entry. */
const finishCadreRow = (
  ctx: Ctx,
  row: TableRow,
  map: HeaderMap,
  ref: CadreRef,
  r: Resolved,
  issues: Issue[],
  tainted: boolean,
  apply: (e: CadreEntry) => void,
): void => {
  const c = ctx.collector
  if (r.ok && ref.id === '' && !c.hasRoster) c.noteNameRow(r.key, nameAt(ctx, row, map))
  const applyRow = (): void => {
    if (!r.ok) return
    const e = c.ensure(ref, r.key)
    e.post ||= own(cell(row, map.fields.post))
    apply(e)
  }
  finishRow(c, issues, () => touchedBy(ref, r), applyRow, undefined, tainted)
}

/** A count cell that is not a number: a √ says the sheet is a paper ballot, not a count sheet. */
const countCode = (text: string, code: string): string => (code === 'not-integer' && isPaperMark(text) ? 'mark-in-count-sheet' : code)

/** What one paper-ballot table (a sheet, or a CSV file) gave: its ballots and its info line. */
export interface PaperTable {
  /** The input file (a workbook's sheets share it). */
  file: string
  table: string
  info: InfoLine | null
  ballots: number
  /** The cadres graded on it, for 应到/实到. */
  keys: Set<string>
}

/**
 * Paper ballots (SPEC §2.1 shape 4): the printed 测评票, one row per cadre, one column per
 * grade holding a mark (√). A ballot is a sheet, or a block of rows: rows with one 票号, or
 * rows between blank rows, a repeated header or an info line. Two marks on one row make
 * that mark spoilt (无效); no mark: not graded.
 */
const readPaper = async (ctx: Ctx): Promise<void> => {
  const { table, collector: c } = ctx
  const map = mapHeader(table.file, table.header, PAPER_FIELDS, { vocabulary: ctx.vocabulary })
  const tainted = noteColumns(c, table, map, PAPER_FIELDS, ctx.vocabulary)
  requireFields(table.file, table.header, map, ['excellent', 'competent', 'basicallyCompetent', 'incompetent'], 'paper')
  if (map.fields.cadreId === undefined && map.fields.name === undefined) requireFields(table.file, table.header, map, ['name'], 'paper')
  const f = map.fields
  const width = table.header.cells.length
  const used = usedColumns(map)
  const markCols = COUNT_MARKS.filter((m) => f[m] !== undefined).map((m) => ({ index: f[m]!, mark: m }))
  const classify = rowClassifier(table, {
    ids: idColumns(map),
    values: markCols.map((x) => x.index),
    rowNumber: f.rowNumber,
    aloneIsHeading: 'always',
    everyRow: true,
  })
  const paper: PaperTable = { file: splitSheet(table.file).file, table: table.file, info: table.layout?.info ?? null, ballots: 0, keys: new Set() }
  c.paperTables.push(paper)
  let ballot = ''
  let ballotLine = 0
  /** The cadres on the ballot being read, by key: the line that named each. */
  let onBallot = new Map<string, number>()
  /** Marks per grade column on the ballot being read, and on the whole table (合计 rows). */
  let blockMarks = markCols.map(() => 0)
  const tableMarks = markCols.map(() => 0)
  let separated = true
  let prevLine = table.header.line
  // A √ in a column with no heading may be a vote (a grade column whose heading was lost): an error of its row.
  const unnamed = new UnnamedColumns(table.header, map, isPaperMark)
  const startBallot = (id: string, line: number): void => {
    ballot = id
    ballotLine = line
    paper.ballots++
    onBallot = new Map()
    blockMarks = markCols.map(() => 0)
  }
  for await (const row of table.rows) {
    // A line skipped between two rows (a blank line, a blank sheet row) separates two ballots.
    if (row.line > prevLine + 1) separated = true
    prevLine = row.line + row.cells.reduce((n, x) => n + (x.match(/\r\n|\r|\n/g)?.length ?? 0), 0)
    const cls = classify(row)
    if (cls.kind === 'total') {
      // A 合计 row on a ballot: the marks in each column, on this ballot or the whole sheet.
      const issues: Issue[] = []
      markCols.forEach((col, k) => {
        const p = parseCount(cell(row, col.index))
        if (cell(row, col.index) === '' || !p.ok) return
        if (p.value !== blockMarks[k] && p.value !== tableMarks[k]) issues.push(issueAt(table, row, col.index, 'total-mismatch', { expected: blockMarks[k]!, rows: onBallot.size }))
      })
      for (const i of issues) c.addIssue(i)
      noteSkipped(c, table, row, 'total', { rows: onBallot.size })
      separated = true
      continue
    }
    if (cls.kind === 'info') {
      const mine = paper.info
      if (mine && (mine.eligible !== cls.info.eligible || mine.participated !== cls.info.participated)) {
        c.addIssue({ ...issueAt(table, row, undefined, 'paper-info-differs', { first: mine.line, ...infoParams(cls.info) }), value: null })
      } else paper.info ??= cls.info
    }
    if (skipNonData(c, table, row, cls).kind !== 'data') {
      if (cls.kind !== 'blank' || f.ballotId === undefined) separated = true
      continue
    }
    // Which ballot this row is on: its 票号 (written once per block, or on every row), or
    // the block of rows it is in.
    if (f.ballotId !== undefined) {
      const id = cell(row, f.ballotId)
      if (id !== '' && id !== ballot) startBallot(id, row.line)
      else if (ballot === '') startBallot(`${table.file}:${row.line}`, row.line)
    } else if (separated) startBallot(`${table.file}:${row.line}`, row.line)
    separated = false
    c.rowsRead++
    const issues = formulaErrorIssues(table, row, used)
    const ragged = raggedIssue(table, row, width)
    if (ragged) issues.push(ragged)
    unnamedVote(table, row, unnamed, issues)
    const marked: Mark[] = []
    markCols.forEach((col, k) => {
      const text = cell(row, col.index)
      if (text === '') return
      if (isPaperMark(text)) {
        marked.push(col.mark)
        blockMarks[k]!++
        tableMarks[k]!++
      } else issues.push(issueAt(table, row, col.index, 'bad-paper-mark', {}))
    })
    // Two marks on one row: that mark is spoilt (SPEC §2.1 shape 4).
    const mark: Mark | null = marked.length === 0 ? null : marked.length === 1 ? marked[0]! : 'invalid'
    const ref = refOf(row, map)
    const r = c.resolve(ref)
    if (!r.ok) issues.push(resolveIssue(ctx, row, map, r.code, r.params))
    else {
      if (r.entry?.source === 'counts') issues.push(resolveIssue(ctx, row, map, 'mixed-sources', { id: r.entry.id }))
      const first = onBallot.get(r.key)
      if (first !== undefined) issues.push(resolveIssue(ctx, row, map, 'paper-cadre-twice', { first, ballot: ballotLine }))
      else if (mark && f.ballotId !== undefined && c.peekMark(r.key, ballot, mark).kind === 'duplicate') {
        issues.push(issueAt(table, row, f.ballotId, 'duplicate-mark', { cadre: ref.id || ref.name }))
      }
      onBallot.set(r.key, row.line)
    }
    finishCadreRow(ctx, row, map, ref, r, issues, tainted, (e) => {
      paper.keys.add(e.key)
      if (mark) c.applyMark(e, ballot, mark, '')
    })
  }
  unnamed.flush(c, table)
}

/**
 * Once every vote file is read: the paper ballots' info lines (应到/实到) against the
 * ballots read, and 应到/实到 given to the cadres they graded. A workbook whose every
 * sheet is one ballot is one set of ballots; any other table is a set of its own.
 */
export const checkPaperSets = (c: Collector): void => {
  const byFile = new Map<string, PaperTable[]>()
  for (const p of c.paperTables) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p])
  const sets: PaperTable[][] = []
  for (const tables of byFile.values()) {
    if (tables.length > 1 && tables.every((t) => t.ballots === 1)) sets.push(tables)
    else for (const t of tables) sets.push([t])
  }
  for (const set of sets) {
    const withInfo = set.filter((t) => t.info !== null)
    if (withInfo.length === 0) continue
    const info = withInfo[0]!.info!
    const where = withInfo[0]!.table
    for (const t of withInfo.slice(1)) {
      if (t.info!.eligible !== info.eligible || t.info!.participated !== info.participated) {
        c.addIssue({ file: t.table, row: t.info!.line, column: null, columnName: null, value: null, code: 'paper-info-differs', params: { first: `${where}:${info.line}`, ...infoParams(t.info!) }, severity: 'error' })
      }
    }
    const ballots = set.reduce((n, t) => n + t.ballots, 0)
    const at = { file: where, row: info.line, column: null, columnName: null, value: null }
    if (info.eligible !== null && info.participated !== null && info.participated > info.eligible) {
      c.addIssue({ ...at, code: 'participated-exceeds-eligible', params: { participated: info.participated, value: info.eligible }, severity: 'error' })
    }
    if (info.participated !== null && ballots > info.participated) {
      c.addIssue({ ...at, code: 'paper-more-ballots', params: { ballots, participated: info.participated }, severity: 'error' })
    } else if (info.participated !== null && ballots < info.participated) {
      c.addIssue({ ...at, code: 'paper-fewer-ballots', params: { ballots, participated: info.participated }, severity: 'notice' })
    }
    const keys = new Set(set.flatMap((t) => [...t.keys]))
    for (const key of keys) {
      const e = c.cadres.get(key)
      if (!e) continue
      if (info.eligible !== null) e.ballotEligible = (e.ballotEligible ?? 0) + info.eligible
      if (info.participated !== null) e.participated = (e.participated ?? 0) + info.participated
    }
  }
  c.paperTables.length = 0
}

/** A ballot cell that starts as a 注 or 合计 does: the full checks look at its row. */
const mayBeNote = (cell: string): boolean => mayBeNonData(cell)

