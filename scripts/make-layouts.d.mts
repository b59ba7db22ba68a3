// Types of scripts/make-layouts.mjs, for the tests that use the generator.
export type Mark = 'excellent' | 'competent' | 'basicallyCompetent' | 'incompetent' | 'abstain' | 'invalid'
export type Info = 'abstain' | 'invalid' | 'eligible' | 'participated'
export type Format = 'csv' | 'gb18030' | 'xlsx'
/** Text, an integer, or a number cell: what the XLSX stores, its format, what the cell shows. */
export type Cell = string | number | { num: string; fmt?: '0.00%' | '0.0' | '0.00' | '0.0000'; text?: string } | null

export interface Unit {
  code: string
  name: string
  eligible: number
  participated: number
}

export interface SourceCadre extends Record<Mark, number> {
  id: string
  name: string
  unitCode: string
  unit: string
  post: string
  principal: boolean
  annualGrade: string
  note: string
  eligible: number
  participated: number
}

export interface Sheet {
  name: string
  rows: Cell[][]
  /** [row1, col1, row2, col2], 0-based, inclusive. */
  merges: Array<[number, number, number, number]>
  /** 1-based lines kaohe must skip and list (titles, 填报 lines, totals, footnotes, 比例 rows). */
  skip: number[]
  /** 1-based lines of the header row(s). */
  headerLines: number[]
  /** Each column's header path (parent first), where the header was built from paths. */
  heads?: string[][]
  /** What each column is in the clean table, for the generator's own check; null: not there. */
  plain: Array<Plain | null> | null
  /** Total rows: the line and the data lines it sums. */
  totals: Array<{ line: number; covers: number[] }>
  /** 比例 rows: the line and the data line whose shares it shows. */
  ratios: Array<{ line: number; of: number }>
  /** Paper ballots: 0-based columns of the name, unit and first of the five grade columns. */
  paper: { name: number; unit: number; grades: number; tick: string } | null
}

export type Plain =
  | { header: string; count?: boolean }
  | { split: [string, string] }
  | { share: string[]; style: 'pct2' | 'num1' | 'num2' | 'ratio4' | 'xlsxpct' }
  | { rowTotal: string[] }

export interface LayoutRun {
  label: string
  /** The --votes arguments for the layout's (one) file path; default: every file. */
  inputs?: (path: string) => string[]
  args?: string[]
  /** Only these cadres are in this run's votes (the others have no vote data). */
  voted?: (c: SourceCadre) => boolean
  /** Texts that some notice of this run names (a sheet skipped). */
  notices?: string[]
}

export interface Layout {
  id: string
  kind: 'votes' | 'roster' | 'reports' | 'findings'
  models: string
  /** votes: the clean table the layout must equal; roster: the clean roster's fields. */
  ref?: { source: 'counts'; info: Info[] } | { source: 'long' } | { fields: string[]; compareIds?: boolean }
  policy?: string | null
  formats: Format[]
  bom?: boolean
  ragged?: boolean
  files: Array<{ base: string; sheets: Sheet[] }>
  runs?: LayoutRun[]
}

export const UNITS: Unit[]
export const CADRES: SourceCadre[]
export const MARKS: Mark[]
export const ALL_INFO: Info[]
export const CLEAN: Record<Mark | 'eligible' | 'participated', string>
export const REPORT_CATEGORIES: string[]
export const EXT: Record<Format, string>
export function roundShare(num: number, den: number, scale: number, decimals: number): string
export function buildLayouts(): Layout[]
export function referenceCounts(info?: Info[]): Sheet
export function referenceLong(): Sheet
export function referenceRoster(fields?: string[]): Sheet
export function referenceReports(): Sheet
export function referenceFindings(): Sheet
export function sheetCsv(sheet: Sheet, opts?: { ragged?: boolean }): string
export function sheetsXlsx(sheets: Sheet[]): Uint8Array
export function referenceCsv(sheet: Sheet): Uint8Array
export function renderLayout(layout: Layout, format: Format, gb18030: (text: string) => Uint8Array): Array<{ path: string; bytes: Uint8Array }>
export function renderReadme(layouts: Layout[]): string
export function renderCorpus(gb18030: (text: string) => Uint8Array): Map<string, Uint8Array>
