import { isTemplateExample } from './example.js'
import type { Issue } from '../errors.js'
import { type Collector, nameKey } from './collector.js'
import { type Field, issueAt, mapHeader, requireFields, Vocabulary } from './headers.js'
import { layoutTable, type LayoutOptions, rowClassifier } from './layout.js'
import { formulaErrorIssues, idColumns, noteAbove, noteSkipped, skipNonData, UnnamedColumns, usedColumns } from './rows.js'
import type { Table } from './table.js'
import { isGrade, markParser, parseCount, parseFlag } from './tokens.js'
import { noteColumns } from './votes.js'

const ROSTER_FIELDS: Field[] = [
  'cadreId',
  'name',
  'unit',
  'post',
  'unitPost',
  'principal',
  'annualGrade',
  'dutyStatement',
  'mustReport',
  'eligible',
]

/** The layout options of a roster. */
export const rosterLayout = (headerRow: number | null): LayoutOptions => ({ kind: 'roster', vocabulary: new Vocabulary(), headerRow })

/**
 * Read the roster (SPEC §2.2) before any votes: it fixes who the cadres are. A roster of
 * names without ids (序号, 姓名, 单位, 职务 …) names each cadre by name + unit: the votes
 * then find them by name (+ unit), and a name two cadres share is an error there.
 */
export const readRoster = async (raw: Table, c: Collector, opts: { headerRow?: number | null } = {}): Promise<void> => {
  const table = await layoutTable(raw, rosterLayout(opts.headerRow ?? null))
  noteAbove(c, table)
  const vocab = new Vocabulary()
  const map = mapHeader(table.file, table.header, ROSTER_FIELDS, { vocabulary: vocab })
  const tainted = noteColumns(c, table, map, ROSTER_FIELDS, vocab)
  requireFields(table.file, table.header, map, ['name'], 'roster')
  const f = map.fields
  const byName = f.cadreId === undefined
  const width = table.header.cells.length
  const used = usedColumns(map)
  const grade = markParser({})
  c.hasRoster = true
  if (byName) c.rosterByName = true
  const classify = rowClassifier(table, { ids: idColumns(map), values: [], rowNumber: f.rowNumber, aloneIsHeading: 'unnumbered', everyRow: true })
  const unnamed = new UnnamedColumns(table.header, map)
  for await (const row of table.rows) {
    const cls = classify(row)
    if (cls.kind === 'total') {
      noteSkipped(c, table, row, 'total-unchecked')
      continue
    }
    if (skipNonData(c, table, row, cls).kind !== 'data') continue
    c.rowsRead++
    unnamed.note(row)
    const issues: Issue[] = []
    const at = (col: number | undefined, code: string, params: Record<string, string | number> = {}): void => {
      issues.push(issueAt(table, row, col, code, params))
    }
    const text = (col: number | undefined): string => (col === undefined ? '' : (row.cells[col] ?? '').trim())
    issues.push(...formulaErrorIssues(table, row, used))
    for (let i = width; i < row.cells.length; i++) {
      if (row.cells[i]!.trim() !== '') {
        at(i, 'extra-cells', { width })
        break
      }
    }
    const name = text(f.name)
    const unit = text(f.unit)
    const unitPost = text(f.unitPost)
    // A roster of names: the cadre is named by name + unit (or 单位及职务).
    const id = byName ? (name === '' ? '' : nameKey({ id: '', name, unit, unitPost })) : text(f.cadreId)
    if (id === '' && !byName) at(f.cadreId, 'missing-value')
    if (name === '') at(f.name, 'missing-value')
    else if (isTemplateExample(name)) at(f.name, 'template-example', { example: name })
    const flag = (col: number | undefined): boolean | null => {
      const v = parseFlag(text(col))
      if (v === undefined) at(col, 'bad-flag')
      return v ?? null
    }
    const principal = flag(f.principal)
    const dutyStatement = flag(f.dutyStatement)
    const mustReport = flag(f.mustReport)
    const g = grade(text(f.annualGrade))
    if (g === undefined || (g !== null && !isGrade(g))) at(f.annualGrade, 'bad-annual-grade')
    let eligible: number | null = null
    if (text(f.eligible) !== '') {
      const p = parseCount(text(f.eligible))
      if (p.ok) eligible = p.value
      else at(f.eligible, p.code)
    }
    if (id !== '' && c.cadres.has(id)) at(byName ? f.name : f.cadreId, byName ? 'duplicate-roster-name' : 'duplicate-cadre', { id })
    if (issues.length > 0) {
      c.rowsInIssues++
      for (const i of issues) c.addIssue(i)
      // Lenient: the cadre the row names is data-incomplete (SPEC §3) — kept on the roster
      // by id and name if the row gives them, so that its votes are still read and flagged,
      // and which of two rows for one id came first changes nothing but which is listed.
      if (id !== '' && name !== '') {
        if (!c.addRosterEntry({ id, name, unit: unit || unitPost }, (e) => void (e.incomplete = true))) {
          c.cadres.get(id)!.incomplete = true
          c.addAlias(id, name)
        }
      }
      continue
    }
    c.addRosterEntry({ id, name, unit: unit || unitPost }, (e) => {
      if (tainted) e.incomplete = true
      e.post = text(f.post)
      e.principal = principal
      e.annualGrade = g !== null && g !== undefined && isGrade(g) ? g : null
      e.dutyStatement = dutyStatement
      // SPEC §2.2: 应报告个人事项 defaults to 是 for every rostered cadre.
      e.mustReport = mustReport ?? true
      e.rosterEligible = eligible
    })
    c.rowsCounted++
  }
  unnamed.flush(c, table)
}
