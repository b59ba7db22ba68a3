import type { Issue } from '../errors.js'
import type { Collector } from './collector.js'
import { type Field, issueAt, mapHeader, requireFields, unknownColumnNotices } from './headers.js'
import { formulaErrorIssues, usedColumns } from './rows.js'
import type { Table } from './table.js'
import { isGrade, markParser, parseCount, parseFlag } from './tokens.js'

const ROSTER_FIELDS: Field[] = [
  'cadreId',
  'name',
  'unit',
  'post',
  'principal',
  'annualGrade',
  'dutyStatement',
  'mustReport',
  'eligible',
]

/** Read the roster (SPEC §2.2) before any votes: it fixes who the cadres are. */
export const readRoster = async (table: Table, c: Collector): Promise<void> => {
  const map = mapHeader(table.file, table.header, ROSTER_FIELDS)
  for (const n of unknownColumnNotices(table.file, table.header, map)) c.addIssue(n)
  requireFields(table.file, table.header, map, ['cadreId', 'name'], 'roster')
  const f = map.fields
  const width = table.header.cells.length
  const used = usedColumns(map)
  const grade = markParser({})
  c.hasRoster = true
  for await (const row of table.rows) {
    if (row.cells.every((x) => x.trim() === '')) {
      c.blankRows++
      continue
    }
    c.rowsRead++
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
    const id = text(f.cadreId)
    const name = text(f.name)
    if (id === '') at(f.cadreId, 'missing-value')
    if (name === '') at(f.name, 'missing-value')
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
    if (id !== '' && c.cadres.has(id)) at(f.cadreId, 'duplicate-cadre', { id })
    if (issues.length > 0) {
      c.rowsInIssues++
      for (const i of issues) c.addIssue(i)
      // Lenient: the cadre the row names is data-incomplete (SPEC §3) — kept on the roster
      // by id and name if the row gives them, so that its votes are still read and flagged,
      // and which of two rows for one id came first changes nothing but which is listed.
      if (id !== '' && name !== '') {
        if (!c.addRosterEntry({ id, name, unit: text(f.unit) }, (e) => void (e.incomplete = true))) {
          c.cadres.get(id)!.incomplete = true
          c.addAlias(id, name)
        }
      }
      continue
    }
    c.addRosterEntry({ id, name, unit: text(f.unit) }, (e) => {
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
}
