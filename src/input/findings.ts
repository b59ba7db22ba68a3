import type { FindingInput } from '../core/model.js'
import type { Policy } from '../policy/schema.js'
import { categoryMatcher } from './categories.js'
import type { Collector } from './collector.js'
import { type Field, mapHeader, requireFields, Vocabulary } from './headers.js'
import { issueAt } from './headers.js'
import { layoutTable, type LayoutOptions } from './layout.js'
import type { Table } from './table.js'
import { parseFlag } from './tokens.js'
import { dataRows, idColumns, noteAbove, usedColumns } from './rows.js'
import { cell, finishRow, noteColumns, refOf, type Touched } from './votes.js'

const FINDING_FIELDS: Field[] = ['cadreId', 'name', 'unit', 'post', 'unitPost', 'category', 'detail', 'serious', 'findingType']

/** The layout options of a findings file. */
export const findingsLayout = (headerRow: number | null): LayoutOptions => ({ kind: 'findings', vocabulary: new Vocabulary(), headerRow })

/** 类型 in English, as the Chinese the output uses. */
const TYPES: Readonly<Record<string, string>> = { 'under-reported': '漏报', underreported: '漏报', concealed: '瞒报' }

/**
 * Read the verification findings (SPEC §2.4): each row a matter that should have been
 * reported and was not. 情节严重 blank means 否; 类型 (漏报/瞒报) is optional free text. An
 * exact duplicate row is an error, as for ballots.
 */
export const readFindings = async (raw: Table, c: Collector, policy: Policy, opts: { headerRow?: number | null } = {}): Promise<void> => {
  const table = await layoutTable(raw, findingsLayout(opts.headerRow ?? null))
  noteAbove(c, table)
  c.findingsGiven = true
  const vocab = new Vocabulary()
  const map = mapHeader(table.file, table.header, FINDING_FIELDS, { vocabulary: vocab })
  const tainted = noteColumns(c, table, map, FINDING_FIELDS, vocab)
  requireFields(table.file, table.header, map, ['category', 'detail'], 'findings')
  if (map.fields.cadreId === undefined && map.fields.name === undefined) requireFields(table.file, table.header, map, ['cadreId'], 'findings')
  const f = map.fields
  const match = categoryMatcher(policy)
  const cols = { ids: idColumns(map), values: [f.category, f.detail, f.serious].filter((i): i is number => i !== undefined), rowNumber: f.rowNumber, aloneIsHeading: 'unnumbered' as const, everyRow: true }
  for await (const { row, issues } of dataRows(table, c, usedColumns(map), cols, map)) {
    const category = cell(row, f.category)
    const detail = cell(row, f.detail)
    if (category === '' && detail === '') issues.push(issueAt(table, row, f.detail, 'missing-value', {}))
    const serious = parseFlag(cell(row, f.serious))
    if (serious === undefined) issues.push(issueAt(table, row, f.serious, 'bad-flag', {}))
    const typeText = cell(row, f.findingType)
    const type = typeText === '' ? null : (TYPES[typeText.toLowerCase()] ?? typeText)
    const finding: FindingInput = {
      category,
      categoryKey: match(category)?.key ?? null,
      detail,
      type,
      markedSerious: serious === true,
      source: `${table.file}:${row.line}`,
    }
    const ref = refOf(row, map)
    const r = c.resolve(ref)
    const touched: Touched[] = []
    if (!r.ok) issues.push(issueAt(table, row, r.code === 'template-example' && f.name !== undefined ? f.name : (f.cadreId ?? f.name), r.code, r.params))
    else if ((touched.push({ ref, key: r.key }), r.entry)) {
      const twin = r.entry.findings?.find((x) => sameFinding(x, finding))
      if (twin) issues.push(issueAt(table, row, f.detail, 'duplicate-finding', { first: twin.source }))
    }
    finishRow(c, issues, () => touched, () => {
      if (!r.ok) return
      const e = c.ensure(ref, r.key)
      e.post ||= cell(row, f.post)
      ;(e.findings ??= []).push(finding)
    }, undefined, tainted)
  }
}

const sameFinding = (a: FindingInput, b: FindingInput): boolean =>
  a.category === b.category && a.detail === b.detail && a.type === b.type && a.markedSerious === b.markedSerious
