import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { z } from 'zod'
import { baseName, parseYearCell, yearInText, yearsIn } from '../core/history-year.js'
import type { HistoryRecord, HistoryYearInput } from '../core/history.js'
import { GRADES, type Grade } from '../core/marks.js'
import { DISPOSITION_CODES, type DispositionCode, MEASURE_SEVERITY, type MeasureCode } from '../core/model.js'
import { InputError, listParam, MissingInputError, type Issue } from '../errors.js'
import type { Policy } from '../policy/schema.js'
import { Collector } from './collector.js'
import { fieldOf, normalizeHeader } from './headers.js'
import type { InputRecord } from './load.js'
import { layoutTable, mayBeNonData } from './layout.js'
import { openInput, type ReadOptions, splitSheet, type Table, type TableRow } from './table.js'
import { voteLayout } from './votes.js'
import { readVotes } from './votes.js'

/**
 * `--history F` (SPEC §2.5): an earlier year's result, as kaohe's own JSON report or as a
 * vote sheet of that year (a count sheet, usually) — read by the same readers as this
 * year's votes, into a collector of its own: an earlier year's cadres are not this year's.
 */

/** Where an earlier year's year was read from. */
export type YearSource = 'report' | 'report-inputs' | 'column' | 'sheet' | 'file-name'

/** One earlier year of a history file. */
export interface HistoryYearRead {
  year: number
  yearSource: YearSource
  input: HistoryYearInput
}

/** A history file read: its years, the policy its report was made under, and its record for `inputs`. */
export interface HistoryFileRead {
  path: string
  kind: 'report' | 'counts'
  years: HistoryYearRead[]
  /** The policy of a kaohe report (its id, version, SHA-256, denominator and share rules); null for a sheet. */
  policy: { id: string; version: string; sha256: string; denominator: string | null; shareRules: unknown[] | null } | null
  record: InputRecord
}

/** Header texts of the 年度 column (after `normalizeHeader`). */
const YEAR_HEADERS = new Set(['年度', '年份', '考核年度', '测评年度', 'year'].map(normalizeHeader))

/** A report JSON of a big run is large; one far larger (or endless) is not one. */
export const MAX_HISTORY_JSON_BYTES = 512 << 20

export interface HistoryReadOptions {
  read: ReadOptions
  policy: Policy
  /** Where to read the file from, when not from its name (verify). */
  at?: string
  /** Issues of the file's rows go to this run's list (strict: an error stops the run). */
  addIssue: (i: Issue) => void
}

/** Read one `--history` file: a `.json` file is a kaohe report, anything else a sheet. */
export const readHistory = (file: string, opts: HistoryReadOptions): Promise<HistoryFileRead> =>
  file.toLowerCase().endsWith('.json') ? readHistoryReport(file, opts) : readHistorySheet(file, opts)

// --- kaohe's own JSON report -----------------------------------------------------------

const Count = z.number().int().min(0)
const oneOf = <T extends string>(values: readonly T[]) => z.string().refine((s): s is T => (values as readonly string[]).includes(s), { message: `one of ${values.join(', ')}` })
const MEASURES = Object.keys(MEASURE_SEVERITY) as MeasureCode[]

/** What kaohe reads back from its own report (SPEC §3); everything else in it is left alone. */
const ReportJson = z.looseObject({
  tool: z.looseObject({ name: z.literal('kaohe'), version: z.string() }),
  command: z.enum(['assess', 'tally']),
  /** The year the report assessed, where it says (`--year`, or a run with `--history`). */
  year: z.number().int().min(1900).max(2099).optional(),
  policy: z.looseObject({
    id: z.string(),
    version: z.string(),
    sha256: z.string(),
    denominator: z.string().optional(),
    shareRules: z.array(z.unknown()).optional(),
  }),
  inputs: z.array(z.looseObject({ path: z.string(), kind: z.string() })),
  cadres: z.array(
    z.looseObject({
      id: z.string(),
      name: z.string(),
      unit: z.string(),
      tally: z
        .looseObject({
          excellent: Count,
          competent: Count,
          basicallyCompetent: Count,
          incompetent: Count,
          abstain: Count,
          invalid: Count,
          eligible: Count.nullable(),
          returned: Count.optional(),
        })
        .nullable(),
      checks: z.array(z.looseObject({ rule: z.string(), fired: z.boolean(), computation: z.looseObject({ kind: z.string(), value: z.unknown().optional() }) })),
      disposition: z.looseObject({ code: oneOf<DispositionCode>(DISPOSITION_CODES), measure: oneOf<MeasureCode>(MEASURES) }).nullable(),
      notes: z.array(z.looseObject({ code: z.string() })).optional(),
    }),
  ),
})

const readBytes = async (file: string, at: string): Promise<Buffer> => {
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of createReadStream(at)) {
      size += (chunk as Buffer).length
      if (size > MAX_HISTORY_JSON_BYTES) throw new InputError({ code: 'history-too-large', params: { file, max: MAX_HISTORY_JSON_BYTES >> 20 } })
      chunks.push(chunk as Buffer)
    }
  } catch (e) {
    if (e instanceof InputError) throw e
    throw new MissingInputError(file, (e as NodeJS.ErrnoException).code ?? 'unreadable', { cause: e })
  }
  return Buffer.concat(chunks)
}

const readHistoryReport = async (file: string, opts: HistoryReadOptions): Promise<HistoryFileRead> => {
  const bytes = await readBytes(file, opts.at ?? file)
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, ''))
  } catch (e) {
    throw new InputError({ code: 'history-not-json', params: { file, detail: e instanceof Error ? e.message : String(e) } }, [], { cause: e })
  }
  const parsed = ReportJson.safeParse(json)
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ')
    throw new InputError({ code: 'history-not-report', params: { file, detail } })
  }
  const doc = parsed.data
  const seen = new Set<string>()
  const records: HistoryRecord[] = []
  for (const c of doc.cadres) {
    if (seen.has(c.id)) throw new InputError({ code: 'history-not-report', params: { file, detail: `cadres: the id "${c.id}" twice` } })
    seen.add(c.id)
    const t = c.tally
    const grade = c.checks.find((k) => k.rule === 'item3-basic-grade')?.computation.value
    records.push({
      id: c.id,
      name: c.name,
      unit: c.unit,
      tally: t === null ? null : { excellent: t.excellent, competent: t.competent, basicallyCompetent: t.basicallyCompetent, incompetent: t.incompetent, abstain: t.abstain, invalid: t.invalid, eligible: t.eligible },
      participated: t?.returned ?? null,
      recorded: c.disposition === null ? null : { code: c.disposition.code, measure: c.disposition.measure, fired: c.checks.filter((k) => k.fired).map((k) => k.rule) },
      annualGrade: typeof grade === 'string' && (GRADES as readonly string[]).includes(grade) ? (grade as Grade) : null,
      // A lenient run left rows out for the cadre, or could not tell whose votes a name's were.
      incomplete: (c.notes ?? []).some((n) => n.code === 'rows-left-out' || n.code === 'name-ambiguous'),
      at: { file, row: null },
    })
  }
  const dated = reportYear(file, doc.year, doc.inputs)
  return {
    path: file,
    kind: 'report',
    years: [{ year: dated.year, yearSource: dated.source, input: { year: dated.year, file, records } }],
    policy: {
      id: doc.policy.id,
      version: doc.policy.version,
      sha256: doc.policy.sha256,
      denominator: doc.policy.denominator ?? null,
      shareRules: doc.policy.shareRules ?? null,
    },
    record: { path: file, kind: 'history', sha256, rows: records.length, format: 'json', encoding: 'utf-8', shape: null },
  }
}

/**
 * A report's year: its own `year`; else the one year its vote files' names share (as this
 * year is told: "2024年测评票.csv"); else the year in the report's file name.
 */
const reportYear = (file: string, own: number | undefined, inputs: ReadonlyArray<{ path: string; kind: string }>): { year: number; source: YearSource } => {
  if (own !== undefined) return { year: own, source: 'report' }
  const years = [...new Set(inputs.filter((i) => i.kind === 'votes').flatMap((i) => yearsIn(baseName(i.path))))]
  if (years.length === 1) return { year: years[0]!, source: 'report-inputs' }
  const named = yearInText(baseName(file))
  if ('year' in named) return { year: named.year, source: 'file-name' }
  throw new InputError({ code: 'history-no-year', params: { file, found: 'several' in named ? listParam(named.several.map(String)) : '' } })
}

// --- a vote sheet of an earlier year ------------------------------------------------------

/** The 年度 column of a header, if it has one. */
const yearColumn = (header: TableRow): number | undefined => {
  const i = header.cells.findIndex((c) => YEAR_HEADERS.has(normalizeHeader(c)))
  return i < 0 ? undefined : i
}

/** The same table with other rows, and the 年度 column emptied: it is read as the year, not as a column. */
const tableOf = (table: Table, rows: TableRow[], blank: number | undefined): Table => {
  const clear = (cells: string[]): string[] => (blank === undefined ? cells : cells.map((c, i) => (i === blank ? '' : c)))
  return {
    ...table,
    header: { line: table.header.line, cells: clear(table.header.cells) },
    rows: (async function* () {
      for (const r of rows) yield { line: r.line, cells: clear(r.cells) }
    })(),
  }
}

/**
 * The first row naming each cadre, by the key the readers give a cadre of a file without a
 * roster (its id, else "name/unit", else its name): where a history issue points.
 */
const firstRows = (header: TableRow, rows: readonly TableRow[]): Map<string, number> => {
  const col = (f: 'cadreId' | 'name' | 'unit'): number => header.cells.findIndex((c) => fieldOf(c) === f)
  const [id, name, unit] = [col('cadreId'), col('name'), col('unit')]
  const cell = (r: TableRow, i: number): string => (i < 0 ? '' : (r.cells[i] ?? '').trim())
  const out = new Map<string, number>()
  for (const r of rows) {
    const key = cell(r, id) || (cell(r, unit) ? `${cell(r, name)}/${cell(r, unit)}` : cell(r, name))
    if (key !== '' && !out.has(key)) out.set(key, r.line)
  }
  return out
}

const readHistorySheet = async (file: string, opts: HistoryReadOptions): Promise<HistoryFileRead> => {
  // Laid out as any vote sheet (SPEC §2.0: a title, a two-row header, 合计 and 注 rows), so
  // the 年度 column is found in the real header. `file.xlsx#SHEET` names one sheet; else
  // every sheet is read (one sheet a year, or 正职 and 副职 sheets of one year).
  const input = await openInput(file, opts.read, opts.at)
  const layout = voteLayout(opts.policy, null, opts.read.headerRow ?? null)
  const several = input.tables.length > 1
  /** Each year's parts: a sheet's rows of that year, and the column its year came from. */
  const byYear = new Map<number, { yearSource: YearSource; parts: { table: Table; rows: TableRow[]; col: number | undefined }[] }>()
  const add = (year: number, yearSource: YearSource, part: { table: Table; rows: TableRow[]; col: number | undefined }): void => {
    const y = byYear.get(year) ?? { yearSource, parts: [] }
    y.parts.push(part)
    byYear.set(year, y)
  }
  let first: Table | null = null
  for (const t of input.tables) {
    const table = await layoutTable(await t.open(), layout)
    if (several && table.layout?.found === false) {
      // 填表说明 and the like: listed, left out, as for this year's inputs.
      opts.addIssue({ file: t.name, row: null, column: null, columnName: null, value: null, code: 'sheet-skipped', params: { kind: '--history' }, severity: 'notice' })
      continue
    }
    first ??= table
    // A history sheet is one row per cadre: held while it is split by year (a few thousand rows).
    const rows: TableRow[] = []
    for await (const r of table.rows) rows.push(r)
    const col = yearColumn(table.header)
    if (col !== undefined) {
      const bad: Issue[] = []
      const parts = new Map<number, TableRow[]>()
      /** The year of the rows above: an empty 年度 cell continues it (a merged cell, exported to CSV). */
      let current: number | null = null
      for (const r of rows) {
        if (r.cells.every((c) => c.trim() === '')) continue
        // A 注/合计 line written across the 年度 column goes with its year, whose reader skips it.
        const text = r.cells[col] ?? ''
        const y: number | null = text.trim() === '' || (mayBeNonData(text) && parseYearCell(text) === null) ? current : parseYearCell(text)
        current = y ?? current
        if (y === null) {
          bad.push({ file: table.file, row: r.line, column: col + 1, columnName: table.header.cells[col] ?? null, value: r.cells[col] ?? '', code: 'history-bad-year', params: {}, severity: 'error' })
          continue
        }
        parts.set(y, [...(parts.get(y) ?? []), r])
      }
      // A row whose year cannot be read belongs to no year: never guessed, whatever the mode.
      if (bad.length > 0) throw new InputError({ code: 'history-bad-years', params: { file: table.file, count: bad.length } }, bad)
      for (const [y, part] of parts) add(y, 'column', { table, rows: part, col })
    } else {
      const sheet = table.sheet ? yearInText(table.sheet) : { none: true as const }
      const named = 'year' in sheet ? sheet : yearInText(baseName(splitSheet(file).file))
      if (!('year' in named)) {
        throw new InputError({ code: 'history-no-year', params: { file: table.file, found: 'several' in named ? listParam(named.several.map(String)) : '' } })
      }
      add(named.year, 'year' in sheet ? 'sheet' : 'file-name', { table, rows, col })
    }
  }
  if (first === null) throw new InputError({ code: 'empty-file', params: { file } })
  let shape: InputRecord['shape'] = null
  let read = 0
  const years: HistoryYearRead[] = []
  for (const year of [...byYear.keys()].sort((a, b) => a - b)) {
    const { yearSource, parts } = byYear.get(year)!
    const c = new Collector()
    const lines = new Map<string, number>()
    for (const part of parts) {
      const result = await readVotes(tableOf(part.table, part.rows, part.col), c, opts.policy, { shape: null, sumCounts: false })
      shape = result.shape
      for (const [k, line] of firstRows(part.table.header, part.rows)) if (!lines.has(k)) lines.set(k, line)
    }
    c.checkNames()
    c.doneReading()
    for (const i of c.issues) opts.addIssue(i)
    read += c.rowsRead
    const records: HistoryRecord[] = c.toCadreInputs().map((x) => ({
      id: x.id,
      name: x.name,
      unit: x.unit,
      tally: x.tally,
      participated: x.participated,
      recorded: null,
      annualGrade: null,
      incomplete: x.incomplete || x.nameAmbiguous === true,
      at: { file, row: lines.get(x.id) ?? null },
    }))
    years.push({ year, yearSource, input: { year, file, records } })
  }
  return {
    path: file,
    kind: 'counts',
    years,
    policy: null,
    record: { path: file, kind: 'history', sha256: first.sha256(), rows: read, format: first.format, encoding: first.encoding(), shape },
  }
}
