/**
 * The acceptance corpus of issue 12 (scripts/make-layouts.mjs, committed under
 * test/fixtures/layouts/): paths, the clean references each layout must equal, runs and the
 * cadre-by-cadre comparison.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import {
  ALL_INFO,
  buildLayouts,
  CADRES,
  EXT,
  type Format,
  type Info,
  type Layout,
  referenceCounts,
  referenceCsv,
  referenceFindings,
  referenceLong,
  referenceReports,
  referenceRoster,
  type Sheet,
  sheetsXlsx,
  type SourceCadre,
} from '../../scripts/make-layouts.mjs'
import { ROOT, type RunOutcome, runInProcess } from '../robustness/harness.js'
import { checkOutcome } from '../robustness/invariants.js'

export const CORPUS = join(ROOT, 'test', 'fixtures', 'layouts')
export const LAYOUTS: Layout[] = buildLayouts()

export const layoutById = (id: string): Layout => {
  const l = LAYOUTS.find((x) => x.id === id)
  if (!l) throw new Error(`no layout ${id}`)
  return l
}

/** The committed files of a layout in one format, in the layout's order. */
export const pathsOf = (l: Layout, format: Format): string[] => l.files.map((f) => join(CORPUS, l.id, `${f.base}${EXT[format]}`))

/** The committed clean roster every vote layout runs with. */
export const ROSTER = join(CORPUS, 'roster-clean', 'roster-clean.csv')
/** The committed clean count table (the votes of the roster, report and findings runs). */
export const COUNTS = join(CORPUS, 'counts-clean', 'counts-clean.csv')

// ---------------------------------------------------------------------------------------
// JSON the tests read.
// ---------------------------------------------------------------------------------------
export interface Check {
  rule: string
  fired: boolean
  computation: { numerator: number; denominator: number }
  margin: number | null
  borderline: boolean
}
export interface CadreJson {
  id: string
  name: string
  unit: string
  post: string
  tally: Record<string, unknown> | null
  checks: Check[]
  disposition: { code: string } | null
  [k: string]: unknown
}
export interface IssueJson {
  file: string
  row: number | null
  column: number | null
  code: string
  severity: 'error' | 'warning' | 'notice'
  [k: string]: unknown
}
export interface Doc {
  inputs: Array<{ path: string; shape?: string; [k: string]: unknown }>
  cadres: CadreJson[]
  issues: IssueJson[]
  summary: { byDisposition: Record<string, number>; cadres: number; [k: string]: unknown }
}

// ---------------------------------------------------------------------------------------
// The clean references, written once per test file into a temp folder.
// ---------------------------------------------------------------------------------------
let refDir: string | null = null
const refFile = (name: string, bytes: Uint8Array): string => {
  refDir ??= mkdtempSync(join(tmpdir(), 'kaohe-layouts-'))
  const p = join(refDir, name)
  writeFileSync(p, bytes)
  return p
}
/** A sheet (changed by a test) written as a file of the given format into the temp folder. */
export const writeSheets = (name: string, sheets: Sheet[], format: 'csv' | 'xlsx'): string =>
  refFile(name, format === 'xlsx' ? sheetsXlsx(sheets) : referenceCsv(sheets[0]!))

/** A copy of a sheet whose rows can be changed without touching the corpus. */
export const copySheet = (sheet: Sheet): Sheet => ({ ...sheet, rows: sheet.rows.map((r) => [...r]), merges: sheet.merges.map((m) => [...m] as Sheet['merges'][number]) })

/** Any text file (a policy) in the temp folder. */
export const writeText = (name: string, text: string): string => refFile(name, new TextEncoder().encode(text))

export const removeReferences = (): void => {
  if (refDir) rmSync(refDir, { recursive: true, force: true })
  refDir = null
}

const runCache = new Map<string, Promise<Doc>>()

/** kaohe's JSON of a run that must succeed (exit 0, no stack trace). */
export const runJson = async (args: string[]): Promise<{ doc: Doc; outcome: RunOutcome }> => {
  const outcome = await runInProcess([...args, '--format', 'json'])
  expect(checkOutcome(outcome), outcome.stderr).toEqual([])
  expect(outcome.code, `exit ${outcome.code}\n${outcome.stderr.slice(0, 3000)}`).toBe(0)
  return { doc: JSON.parse(outcome.stdout) as Doc, outcome }
}

const cached = (key: string, args: () => string[]): Promise<Doc> => {
  let p = runCache.get(key)
  if (!p) {
    p = runJson(args()).then((r) => r.doc)
    runCache.set(key, p)
  }
  return p
}

/** The clean count table with exactly the given optional columns, with the clean roster (or none). */
export const countsReference = (info: readonly Info[] = ALL_INFO, { roster = true, extra = [] as string[] } = {}): Promise<Doc> => {
  const key = `counts:${[...info].sort().join(',')}:${roster}:${extra.join(' ')}`
  return cached(key, () => ['assess', '--votes', refFile(`counts-${info.join('-') || 'none'}.csv`, referenceCsv(referenceCounts([...info]))), ...(roster ? ['--roster', ROSTER] : []), ...extra])
}

/** The clean long ballots, with the clean roster (or none). */
export const longReference = ({ roster = true } = {}): Promise<Doc> =>
  cached(`long:${roster}`, () => ['assess', '--votes', refFile('long.csv', referenceCsv(referenceLong())), ...(roster ? ['--roster', ROSTER] : [])])

/** The clean counts with a clean roster (ids) of the given fields. */
export const rosterReference = (fields: string[]): Promise<Doc> =>
  cached(`roster:${fields.join(',')}`, () => ['assess', '--votes', COUNTS, '--roster', refFile(`roster-${fields.join('-')}.csv`, referenceCsv(referenceRoster(fields)))])

/** Clean counts and roster with the clean reports and/or findings. */
export const reportsReference = (what: 'reports' | 'findings'): Promise<Doc> =>
  cached(`item5:${what}`, () => [
    'assess',
    '--votes',
    COUNTS,
    '--roster',
    ROSTER,
    what === 'reports' ? '--reports' : '--findings',
    what === 'reports' ? refFile('reports.csv', referenceCsv(referenceReports())) : refFile('findings.csv', referenceCsv(referenceFindings())),
  ])

/** The reference a layout's result must equal. */
export const referenceOf = (l: Layout): Promise<Doc> => {
  if (l.kind === 'reports') return reportsReference('reports')
  if (l.kind === 'findings') return reportsReference('findings')
  const ref = l.ref!
  if ('fields' in ref) return rosterReference(ref.fields)
  return ref.source === 'long' ? longReference() : countsReference(ref.info)
}

/** The arguments of a layout's run on its files (paths in the layout's order). */
export const layoutArgs = (l: Layout, inputs: string[]): string[] => {
  const policy = l.policy ? ['--policy', l.policy] : []
  if (l.kind === 'votes') return ['assess', ...inputs.flatMap((p) => ['--votes', p]), '--roster', ROSTER, ...policy]
  if (l.kind === 'roster') return ['assess', '--votes', COUNTS, '--roster', inputs[0]!, ...policy]
  return ['assess', '--votes', COUNTS, '--roster', ROSTER, ...inputs.flatMap((p) => [l.kind === 'reports' ? '--reports' : '--findings', p]), ...policy]
}

// ---------------------------------------------------------------------------------------
// Comparison.
// ---------------------------------------------------------------------------------------
const keyOf = (c: { name: string; unit: string }): string => `${c.name}/${c.unit}`

/** A record without the given keys at any depth. */
const without = (v: unknown, keys: ReadonlySet<string>): unknown => {
  if (Array.isArray(v)) return v.map((x) => without(x, keys))
  if (v === null || typeof v !== 'object') return v
  return Object.fromEntries(
    Object.entries(v as Record<string, unknown>)
      .filter(([k]) => !keys.has(k))
      .map(([k, x]) => [k, without(x, keys)]),
  )
}
/** Where a finding was read (`file:line`) names the layout's own file and line, not the reference's. */
const PROVENANCE = new Set(['source'])
/** The words, whose wording may follow a policy's grade names: every number and code stays. */
const WORDS = new Set(['source', 'text', 'marginText'])

export interface CompareOpts {
  /** Names-only rosters: the id is the reader's to make; compare by name and unit. */
  compareIds?: boolean
  /** A policy other than the reference's: compare numbers and codes, not wording. */
  words?: boolean
  /** Cadres (by source record) that this run has votes for; the others must have no tally. */
  voted?: (c: SourceCadre) => boolean
}

/**
 * Cadre by cadre: every field of kaohe's record (tally, checks with margins, findings,
 * disposition, notes) equals the clean table's, and the summary's dispositions agree.
 */
export const expectSameCadres = (actual: Doc, expected: Doc, opts: CompareOpts = {}): void => {
  const view = (c: CadreJson): unknown => {
    const v = without(c, opts.words === false ? WORDS : PROVENANCE) as Record<string, unknown>
    if (opts.compareIds === false) delete v.id
    return v
  }
  const byKey = (d: Doc): Map<string, CadreJson> => new Map(d.cadres.map((c) => [keyOf(c), c]))
  const a = byKey(actual)
  const e = byKey(expected)
  expect([...a.keys()].sort(), 'the same cadres, by name and unit').toEqual([...e.keys()].sort())
  if (opts.compareIds !== false) expect(actual.cadres.map((c) => c.id), 'the same ids in the same order').toEqual(expected.cadres.map((c) => c.id))
  for (const [k, want] of e) {
    const got = a.get(k)!
    const src = CADRES.find((c) => keyOf(c) === k)
    if (opts.voted && src && !opts.voted(src)) {
      expect(got.tally, `${k}: no votes in this run`).toBeNull()
      continue
    }
    expect(view(got), k).toEqual(view(want))
  }
  if (!opts.voted) expect(actual.summary.byDisposition).toEqual(expected.summary.byDisposition)
}

const find = (d: Doc, name: string, unit: string): CadreJson => {
  const c = d.cadres.find((x) => x.name === name && x.unit === unit)
  if (!c) throw new Error(`no cadre ${name}/${unit} in the result`)
  return c
}
const check = (c: CadreJson, rule: string): Check => {
  const k = c.checks.find((x) => x.rule === rule)
  if (!k) throw new Error(`${c.name}: no check ${rule}`)
  return k
}

/**
 * The lines of item 9, spelled out: 20 of 30 is exactly 2/3 and does not fire; 10 of 30 is
 * exactly 1/3 and does not fire; one vote the other way fires (SPEC §1).
 */
export const expectItem9Lines = (d: Doc): void => {
  const onTwoThirds = find(d, '周振华', '县财政局')
  expect(check(onTwoThirds, 'item9-unfit')).toMatchObject({ fired: false, computation: { numerator: 20, denominator: 30 }, margin: 1, borderline: true })
  expect(onTwoThirds.disposition?.code).toBe('none')
  const onOneThird = find(d, '李明', '县财政局')
  expect(check(onOneThird, 'item9-incompetent')).toMatchObject({ fired: false, computation: { numerator: 10, denominator: 30 }, margin: 1, borderline: true })
  expect(check(onOneThird, 'item9-unfit')).toMatchObject({ fired: true, computation: { numerator: 15, denominator: 30 } })
  expect(onOneThird.disposition?.code).toBe('adjustment')
  const belowTwoThirds = find(d, '陈晓燕', '县财政局')
  expect(check(belowTwoThirds, 'item9-unfit')).toMatchObject({ fired: true, computation: { numerator: 19, denominator: 30 }, margin: 1 })
  const aboveOneThird = find(d, '刘志强', '县教育局')
  expect(check(aboveOneThird, 'item9-incompetent')).toMatchObject({ fired: true, computation: { numerator: 11, denominator: 30 }, margin: 1 })
  expect(aboveOneThird.disposition?.code).toBe('dismissal')
  const aboveTwoThirds = find(d, '杨丽娟', '县教育局')
  expect(check(aboveTwoThirds, 'item9-unfit')).toMatchObject({ fired: false, computation: { numerator: 21, denominator: 30 }, margin: 2 })
  const belowOneThird = find(d, '黄建军', '县教育局')
  expect(check(belowOneThird, 'item9-incompetent')).toMatchObject({ fired: false, computation: { numerator: 9, denominator: 30 }, margin: 2 })
}

/** The file part of an issue's `file` names this path (a sheet may follow: `x.xlsx#正职`). */
const sameFile = (issueFile: string, path: string): boolean => issueFile === path || issueFile.startsWith(`${path}#`) || issueFile.startsWith(`${path}:`)

/**
 * Nothing is an error, and every row the layout says kaohe must skip (title, 填报/导出 line,
 * 合计/小计/总计, footnote, 比例 row) is listed as a notice at its own line.
 */
export const expectSkippedListed = (d: Doc, l: Layout, paths: string[]): void => {
  expect(
    d.issues.filter((i) => i.severity === 'error'),
    'no errors',
  ).toEqual([])
  l.files.forEach((f, k) => {
    for (const sheet of f.sheets) {
      for (const line of sheet.skip) {
        const listed = d.issues.some((i) => i.severity === 'notice' && i.row === line && sameFile(i.file, paths[k]!))
        expect(listed, `${paths[k]}${f.sheets.length > 1 ? `#${sheet.name}` : ''} line ${line} (${String(sheet.rows[line - 1]?.find((x) => x !== null) ?? '')}) is listed as skipped`).toBe(true)
      }
    }
  })
}

/** An XLSX column's letters (0 → A, 26 → AA). */
const columnLetter = (i: number): string => {
  let s = ''
  for (let k = i + 1; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s
  return s
}

/** A line of stderr names the file, the line and the column of a cell, as kaohe writes them (第 3 列 in CSV, C 列 in XLSX). */
export const locatesCell = (stderr: string, path: string, line: number, col: number, format: 'csv' | 'xlsx'): boolean => {
  const where = format === 'csv' ? `第 ${line} 行 第 ${col + 1} 列` : `第 ${line} 行 ${columnLetter(col)} 列`
  return stderr.split('\n').some((x) => x.includes(path) && x.includes(where))
}
