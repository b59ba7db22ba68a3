/**
 * Which year a file is about (SPEC §2.5). Years are read from what a clerk writes — a
 * `--year` option, a 年度 cell, a file or sheet name such as "2024年度测评汇总.xlsx" — never
 * from the clock: an assessment of 2025 is often run in January 2026, and a desk's clock
 * may be wrong. Pure: the shell hands in the texts.
 */

/** A year of the last two centuries standing alone: "2024年度", "kaohe-2024.json"; not the 2024 of "20240131". */
const YEAR = /(?<!\d)(?:19|20)\d{2}(?!\d)/g

/** What a text says about its year: one year, none, or several different ones ("2023-2024"). */
export type YearInText = { year: number } | { none: true } | { several: number[] }

/** The years a text names, each once, in ascending order. */
export const yearsIn = (text: string): number[] => [...new Set([...text.matchAll(YEAR)].map((m) => Number(m[0])))].sort((a, b) => a - b)

export const yearInText = (text: string): YearInText => {
  const years = yearsIn(text)
  if (years.length === 0) return { none: true }
  if (years.length === 1) return { year: years[0]! }
  return { several: years }
}

/** A file name without its folders (either separator), where a year is looked for. */
export const baseName = (path: string): string => path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1)

/**
 * A cell of a 年度 column: "2024", "2024年", "2024年度" (and an Excel number "2024.0"
 * some exports write). Anything else is not a year.
 */
export const parseYearCell = (cell: string): number | null => {
  const m = /^((?:19|20)\d{2})(?:\.0+)?\s*(?:年度?)?$/.exec(cell.normalize('NFKC').trim())
  return m ? Number(m[1]) : null
}

/** Where this year came from: `--year`, or the year the vote files' names (or sheets) share. */
export type ThisYearSource = 'option' | 'vote-file-names'

export type ThisYear =
  | { ok: true; year: number; source: ThisYearSource }
  | { ok: false; code: 'this-year-unknown' }
  | { ok: false; code: 'this-year-ambiguous'; years: number[]; files: string[] }

/**
 * "This year", the year the run assesses: `--year` where given; else the one year that
 * the vote files' names name (files naming none are left aside, as "票据.csv" among
 * "2025年测评票.csv" says nothing against it); two different years are not ours to choose.
 */
export const thisYearOf = (option: number | null, voteFiles: readonly string[]): ThisYear => {
  if (option !== null) return { ok: true, year: option, source: 'option' }
  const found = new Map<number, string[]>()
  for (const f of voteFiles) {
    for (const y of yearsIn(baseName(f))) found.set(y, [...(found.get(y) ?? []), f])
  }
  if (found.size === 0) return { ok: false, code: 'this-year-unknown' }
  const years = [...found.keys()].sort((a, b) => a - b)
  if (years.length > 1) return { ok: false, code: 'this-year-ambiguous', years, files: years.map((y) => found.get(y)![0]!) }
  return { ok: true, year: years[0]!, source: 'vote-file-names' }
}
