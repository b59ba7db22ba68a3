import type { Mark } from '../core/marks.js'
import { emptyTally } from '../core/tally.js'
import { InputError, type Issue } from '../errors.js'
import type { Policy } from '../policy/schema.js'
import type { CadreRef, Collector, Resolved } from './collector.js'
import { type Field, FIELDS, fieldOf, type HeaderMap, headerIssue, issueAt, mapHeader, requireFields, unknownColumnNotices } from './headers.js'
import { own } from './records.js'
import { anyFormulaError, formulaErrorIssues, usedColumns } from './rows.js'
import { rowBatches, type Table, type TableRow } from './table.js'
import { isGrade, markParser, parseCount } from './tokens.js'

export type VoteShape = 'long' | 'wide' | 'counts'

const LONG_FIELDS: Field[] = ['ballotId', 'cadreId', 'name', 'unit', 'post', 'grade', 'voterGroup']
const COUNT_FIELDS: Field[] = [
  'cadreId',
  'name',
  'unit',
  'post',
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

/**
 * Recognise the vote shape from the headers (SPEC §2.1); `--votes-format` overrides. Only
 * looks: a duplicate or conflicting header is reported by the shape's own reader, with its
 * file and line. Linear in the number of columns (a 10,000-column scanner export).
 */
export const detectShape = (header: TableRow): VoteShape | undefined => {
  const present = new Set<Field | undefined>(header.cells.map(fieldOf))
  if (present.has('grade')) return 'long'
  if (present.has('excellent') && present.has('competent')) return 'counts'
  if (present.has('ballotId')) return 'wide'
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
}

/** A data-row problem, located (the column's header is the file's own). */
const cellIssue = (
  table: Table,
  row: TableRow,
  col: number | undefined,
  _columnName: string | null,
  code: string,
  params: Record<string, string | number> = {},
): Issue => issueAt(table, row, col, code, params)

export const cell = (row: TableRow, col: number | undefined): string => (col === undefined ? '' : (row.cells[col] ?? '').trim())
export const isBlank = (row: TableRow): boolean => row.cells.every((c) => c.trim() === '')

/** Cells beyond the header (ragged rows) that hold something: data that no column owns. */
export const raggedIssue = (table: Table, row: TableRow, width: number): Issue | null => {
  for (let i = width; i < row.cells.length; i++) {
    if (row.cells[i]!.trim() !== '') return cellIssue(table, row, i, null, 'extra-cells', { width })
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
export const finishRow = (c: Collector, issues: Issue[], touched: () => Touched[], apply: () => void, ballotGroup?: { ballot: string; group: string }): void => {
  if (issues.length > 0) {
    c.rowsInIssues++
    for (const i of issues) c.addIssue(i)
    for (const t of touched()) c.ensure(t.ref, t.key).incomplete = true
    if (ballotGroup) c.noteGroup(ballotGroup.ballot, ballotGroup.group)
    return
  }
  apply()
  c.rowsCounted++
}

/** Read one vote file into the collector, whatever its shape. */
export const readVotes = async (
  table: Table,
  collector: Collector,
  policy: Policy,
  opts: { shape: VoteShape | null; sumCounts: boolean },
): Promise<VoteReadResult> => {
  const shape = opts.shape ?? detectShape(table.header)
  if (shape === undefined) {
    throw new InputError({ code: 'unknown-shape', params: { file: table.file, line: table.header.line } })
  }
  const ctx: Ctx = { table, collector, policy, sumCounts: opts.sumCounts, parseMark: markParser(policy.gradeSynonyms) }
  if (shape === 'long') await readLong(ctx)
  else if (shape === 'wide') await readWide(ctx)
  else await readCounts(ctx)
  return { shape }
}

export const refOf = (row: TableRow, map: HeaderMap): CadreRef => ({
  id: cell(row, map.fields.cadreId),
  name: cell(row, map.fields.name),
  unit: cell(row, map.fields.unit),
})

const resolveIssue = (ctx: Ctx, row: TableRow, map: HeaderMap, code: string, params: Record<string, string | number>): Issue => {
  const col = map.fields.cadreId ?? map.fields.name
  return cellIssue(ctx.table, row, col, col === undefined ? null : (ctx.table.header.cells[col] ?? null), code, params)
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
 * About the bytes of a long-ballot row with ids, a name, a unit and a grade: a file's size
 * over this guesses its marks, so the pair index is made about its final size at once
 * instead of doubling up to it. Shorter rows only mean some doubling later; longer rows,
 * a table up to one doubling too big.
 */
const MIN_LONG_ROW_BYTES = 64

/** Long ballots: one row per ballot × cadre. */
const readLong = async (ctx: Ctx): Promise<void> => {
  const { table, collector: c } = ctx
  const total = table.progress().total
  if (total !== null) c.expectMarks(Math.floor(total / MIN_LONG_ROW_BYTES))
  const map = mapHeader(table.file, table.header, LONG_FIELDS)
  for (const n of unknownColumnNotices(table.file, table.header, map)) c.addIssue(n)
  requireFields(table.file, table.header, map, ['ballotId', 'grade'], 'long')
  if (map.fields.cadreId === undefined && map.fields.name === undefined) {
    requireFields(table.file, table.header, map, ['cadreId'], 'long')
  }
  const width = table.header.cells.length
  const f = map.fields
  const hdr = (i: number | undefined): string | null => (i === undefined ? null : (table.header.cells[i] ?? null))
  // The fast path: a cadre already known by id, under the same name, a known grade, a
  // ballot id, nothing to fill in, no duplicate, no group conflict (tryApplyMark).
  const used = usedColumns(map)
  const fast = (cells: string[]): boolean => {
    if (cells.length > width) return false
    const ballot = at(cells, f.ballotId)
    const id = at(cells, f.cadreId)
    if (ballot === '' || id === '') return false
    // A cell holding a formula error ('#N/A'): the full checks report it.
    if (anyFormulaError(cells, used)) return false
    const mark = ctx.parseMark(at(cells, f.grade))
    if (!mark) return false
    const e = c.cadres.get(id)
    if (e === undefined || e.source === 'counts') return false
    const name = at(cells, f.name)
    if (name !== '' && name !== e.name) return false
    if (e.unit === '' && at(cells, f.unit) !== '') return false
    if (!c.tryApplyMark(e, ballot, mark, at(cells, f.voterGroup))) return false
    if (e.post === '') e.post = own(at(cells, f.post))
    c.rowsRead++
    c.rowsCounted++
    return true
  }
  for await (const row of slowRows(table, fast)) {
    if (isBlank(row)) {
      c.blankRows++
      continue
    }
    c.rowsRead++
    const issues = formulaErrorIssues(table, row, used)
    const ragged = raggedIssue(table, row, width)
    if (ragged) issues.push(ragged)
    const ballot = cell(row, f.ballotId)
    if (ballot === '') issues.push(cellIssue(table, row, f.ballotId, hdr(f.ballotId), 'missing-value'))
    const gradeText = cell(row, f.grade)
    const mark = ctx.parseMark(gradeText)
    if (mark === undefined) issues.push(cellIssue(table, row, f.grade, hdr(f.grade), 'unknown-grade'))
    else if (mark === null) issues.push(cellIssue(table, row, f.grade, hdr(f.grade), 'missing-grade'))
    const group = cell(row, f.voterGroup)
    const ref = refOf(row, map)
    const r = c.resolve(ref)
    if (!r.ok) issues.push(resolveIssue(ctx, row, map, r.code, r.params))
    else {
      if (r.entry?.source === 'counts') issues.push(resolveIssue(ctx, row, map, 'mixed-sources', { id: r.entry.id }))
      if (ballot !== '' && mark) {
        if (c.peekMark(r.key, ballot, mark).kind === 'duplicate') {
          issues.push(cellIssue(table, row, f.ballotId, hdr(f.ballotId), 'duplicate-mark', { cadre: ref.id || ref.name }))
        }
        const g = group ? c.groupConflict(ballot, group) : null
        if (g !== null) issues.push(cellIssue(table, row, f.voterGroup, hdr(f.voterGroup), 'group-mismatch', { ballot, first: g }))
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
    )
  }
}

/** Wide ballots (scanner exports): one row per ballot, one column per cadre. */
const readWide = async (ctx: Ctx): Promise<void> => {
  const { table, collector: c } = ctx
  const header = table.header
  const map = mapHeader(table.file, header, ['ballotId', 'voterGroup'])
  requireFields(table.file, header, map, ['ballotId'], 'wide')
  const columns: { index: number; ref: CadreRef; key: string }[] = []
  const headerIssues: Issue[] = []
  const keys = new Map<string, number>()
  for (const i of map.extra) {
    const text = (header.cells[i] ?? '').trim()
    if (text === '') continue
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
      if (byName.ok && byName.entry && byName.entry !== byId) {
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
  const known = new Set([...columns.map((col) => col.index), map.fields.ballotId!, ...(map.fields.voterGroup === undefined ? [] : [map.fields.voterGroup])])
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
  // The fast path: a ballot id, no stray cells, known grades only, no duplicate, no group
  // conflict, no cadre that has count sheets.
  const used = [...known].sort((a, b) => a - b)
  const ballotColumns = [f.ballotId!, ...(f.voterGroup === undefined ? [] : [f.voterGroup])]
  const fast = (cells: string[]): boolean => {
    if (cells.length > width) return false
    for (const i of unknown) if (at(cells, i) !== '') return false
    const ballot = at(cells, f.ballotId)
    if (ballot === '') return false
    // A ballot id or group that is a formula error ('#N/A'): the full checks report it
    // (a grade cell holding one is no grade, so it leaves the fast path below).
    if (anyFormulaError(cells, ballotColumns)) return false
    const group = at(cells, f.voterGroup)
    if (group !== '' && c.groupConflict(ballot, group) !== null) return false
    for (let k = 0; k < columns.length; k++) {
      const col = columns[k]!
      const m = ctx.parseMark(cells[col.index] ?? '')
      if (m === undefined) return false
      marks[k] = m
      if (m === null) continue
      const e = c.cadres.get(col.key)
      if (e !== undefined && (e.source === 'counts' || c.peekEntryMark(e, ballot, m).kind === 'duplicate')) return false
    }
    apply(ballot, group)
    c.rowsRead++
    c.rowsCounted++
    return true
  }
  for await (const row of slowRows(table, fast)) {
    if (isBlank(row)) {
      c.blankRows++
      continue
    }
    c.rowsRead++
    const issues = formulaErrorIssues(table, row, used)
    const ragged = raggedIssue(table, row, width)
    if (ragged) issues.push(ragged)
    for (let i = 0; i < width; i++) {
      if (!known.has(i) && (row.cells[i] ?? '').trim() !== '') {
        issues.push(cellIssue(table, row, i, header.cells[i] ?? null, 'extra-cells', { width }))
        break
      }
    }
    const ballot = cell(row, f.ballotId)
    if (ballot === '') issues.push(cellIssue(table, row, f.ballotId, header.cells[f.ballotId!] ?? null, 'missing-value'))
    const group = cell(row, f.voterGroup)
    if (ballot !== '' && group) {
      const g = c.groupConflict(ballot, group)
      if (g !== null) issues.push(cellIssue(table, row, f.voterGroup, header.cells[f.voterGroup!] ?? null, 'group-mismatch', { ballot, first: g }))
    }
    for (let k = 0; k < columns.length; k++) {
      const col = columns[k]!
      const m = ctx.parseMark(row.cells[col.index] ?? '')
      marks[k] = m ?? null
      if (m === undefined) {
        issues.push(cellIssue(table, row, col.index, header.cells[col.index] ?? null, 'unknown-grade'))
        continue
      }
      if (m === null) continue
      const existing = c.cadres.get(col.key)
      if (existing?.source === 'counts') {
        issues.push(cellIssue(table, row, col.index, header.cells[col.index] ?? null, 'mixed-sources', { id: existing.id }))
      }
      if (ballot !== '' && c.peekMark(col.key, ballot, m).kind === 'duplicate') {
        issues.push(cellIssue(table, row, col.index, header.cells[col.index] ?? null, 'duplicate-mark', { cadre: col.ref.name || col.ref.id }))
      }
    }
    // The cadres this ballot graded (or tried to): a bad cell or a bad ballot id leaves them all out.
    const touched = (): Touched[] =>
      columns.filter((col) => (row.cells[col.index] ?? '').trim() !== '').map((col) => ({ ref: col.ref, key: col.key }))
    finishRow(c, issues, touched, () => apply(ballot, group), { ballot, group })
  }
}

/** Count sheets: one row per cadre, checked for consistency (SPEC §2.1). */
const readCounts = async (ctx: Ctx): Promise<void> => {
  const { table, collector: c } = ctx
  const map = mapHeader(table.file, table.header, COUNT_FIELDS)
  for (const n of unknownColumnNotices(table.file, table.header, map)) c.addIssue(n)
  requireFields(table.file, table.header, map, ['excellent', 'competent', 'basicallyCompetent', 'incompetent'], 'counts')
  if (map.fields.cadreId === undefined && map.fields.name === undefined) {
    requireFields(table.file, table.header, map, ['cadreId'], 'counts')
  }
  const f = map.fields
  const width = table.header.cells.length
  const hdr = (i: number | undefined): string | null => (i === undefined ? null : (table.header.cells[i] ?? null))
  const seenHere = new Set<string>()
  const used = usedColumns(map)
  for await (const row of table.rows) {
    if (isBlank(row)) {
      c.blankRows++
      continue
    }
    c.rowsRead++
    const issues = formulaErrorIssues(table, row, used)
    const ragged = raggedIssue(table, row, width)
    if (ragged) issues.push(ragged)
    const t = emptyTally()
    for (const m of COUNT_MARKS) {
      const col = f[m]
      if (col === undefined) continue
      const p = parseCount(row.cells[col] ?? '')
      if (p.ok) t[m] = p.value
      else issues.push(cellIssue(table, row, col, hdr(col), p.code))
    }
    const optional = (field: 'eligible' | 'participated'): number | null => {
      const col = f[field]
      if (col === undefined || cell(row, col) === '') return null
      const p = parseCount(row.cells[col] ?? '')
      if (p.ok) return p.value
      issues.push(cellIssue(table, row, col, hdr(col), p.code))
      return null
    }
    const eligible = optional('eligible')
    const participated = optional('participated')
    const sum = COUNT_MARKS.reduce((s, m) => s + t[m], 0)
    if (issues.length === 0) {
      if (participated !== null && participated !== sum) {
        issues.push(cellIssue(table, row, f.participated, hdr(f.participated), 'counts-dont-add-up', { sum }))
      }
      const returned = participated ?? sum
      if (eligible !== null && returned > eligible) {
        issues.push(cellIssue(table, row, f.eligible, hdr(f.eligible), 'participated-exceeds-eligible', { participated: returned }))
      }
    }
    const ref = refOf(row, map)
    const r = c.resolve(ref)
    if (!r.ok) issues.push(resolveIssue(ctx, row, map, r.code, r.params))
    else {
      const e = r.entry
      if (e?.source === 'ballots') issues.push(resolveIssue(ctx, row, map, 'mixed-sources', { id: e.id }))
      else if (seenHere.has(r.key)) issues.push(resolveIssue(ctx, row, map, 'duplicate-cadre', { id: e?.id ?? r.key }))
      else if (e?.source === 'counts' && !ctx.sumCounts) {
        issues.push(resolveIssue(ctx, row, map, 'cadre-in-two-count-files', { id: e.id, other: e.countFiles[0] ?? '' }))
      }
    }
    if (r.ok && ref.id === '' && !c.hasRoster) c.noteNameRow(r.key, nameAt(ctx, row, map))
    finishRow(c, issues, () => touchedBy(ref, r), () => {
      if (!r.ok) return
      seenHere.add(r.key)
      const e = c.ensure(ref, r.key)
      e.post ||= own(cell(row, f.post))
      e.source = 'counts'
      e.countFiles = [...e.countFiles, table.file]
      const prev = e.tally ?? { ...emptyTally() }
      for (const m of COUNT_MARKS) prev[m] += t[m]
      // With --sum-counts the files are disjoint voter groups: their electorates add up.
      prev.eligible = eligible === null ? prev.eligible : (prev.eligible ?? 0) + eligible
      e.tally = prev
      e.participated = participated === null && e.participated === null ? null : (e.participated ?? 0) + (participated ?? sum)
    })
  }
}

/** Every header text kaohe accepts for a field, for docs and `template`. */
export const fieldNames = (f: Field): readonly string[] => FIELDS[f]

export { isGrade }
