import type { HistoryWords } from '../i18n/history-words.js'
import type { AdvisoryDoc, HistoryYearDoc } from './history-doc.js'
import type { CadreDoc, ReportDoc } from './report.js'
import { columnShare, type ShareColumn, shareColumns } from './view.js'

/**
 * What the renderers read of earlier years (SPEC §2.5), in one place so that the terminal,
 * HTML, XLSX, CSV and Markdown agree. Each renderer keeps its history part in a small
 * function of its own, so that it can move with the renderer.
 */

/** Does the report carry earlier years (`--history`)? */
export const hasHistory = (doc: Pick<ReportDoc, 'history'>): boolean => doc.history !== undefined

/** The earlier years any history file gives, oldest first: the CSV's and XLSX's year columns. */
export const historyYears = (doc: Pick<ReportDoc, 'history'>): number[] =>
  [...new Set((doc.history?.files ?? []).flatMap((f) => f.years.map((y) => y.year)))].sort((a, b) => a - b)

/** The share column a trend follows: the first (优秀+称职 under the built-in policies, in the order of the grades). */
export const trendColumn = (doc: Pick<ReportDoc, 'policy'>): ShareColumn | undefined => shareColumns(doc)[0]

/** One year of a cadre's trend, this year last. */
export interface TrendPoint {
  year: number
  thisYear: boolean
  /** The trend column's share that year, where judged. */
  share: { numerator: number; denominator: number; percent: string } | null
  /** Some share rule fired that year (this year's rules). */
  fired: boolean
  /** A line was crossed since the year before on record. */
  crossed: boolean
  ambiguous: boolean
}

/** A history year's share for a column: the first of its rules that was checked. */
export const yearShare = (y: HistoryYearDoc, col: ShareColumn): HistoryYearDoc['shares'][number] | null => {
  for (const r of col.rules) {
    const s = y.shares.find((x) => x.rule === r.id)
    if (s !== undefined) return s
  }
  return null
}

/** A cadre's trend: each earlier year on record, then this year. */
export const trendOf = (c: CadreDoc, col: ShareColumn, thisYear: number): TrendPoint[] => {
  const points: TrendPoint[] = (c.history ?? []).map((y) => ({
    year: y.year,
    thisYear: false,
    share: yearShare(y, col),
    fired: y.fired.length > 0,
    crossed: y.crossed.length > 0,
    ambiguous: y.match === 'ambiguous',
  }))
  const now = columnShare(c, col)
  const shares = c.checks.filter((k) => k.computation.kind === 'share')
  points.push({
    year: thisYear,
    thisYear: true,
    share: now === null ? null : { numerator: now.numerator, denominator: now.denominator, percent: now.percent },
    fired: shares.some((k) => k.fired),
    crossed: (c.trend?.crossed.length ?? 0) > 0,
    ambiguous: false,
  })
  return points
}

/** "2023 60.00✗ → 2024 63.33✗ ⇅ 2025 70.00": the compact trend of the terminal table. */
export const trendText = (points: readonly TrendPoint[]): string =>
  points
    .map((p, i) => {
      const value = p.ambiguous ? '?' : p.share === null ? '—' : `${p.share.percent}${p.fired ? '✗' : ''}`
      return `${i === 0 ? '' : p.crossed ? ' ⇅ ' : ' → '}${p.year} ${value}`
    })
    .join('')

/** The advisory checks that fired: notes the committee reads (never a measure). */
export const firedAdvisories = (c: CadreDoc): AdvisoryDoc[] => (c.advisories ?? []).filter((a) => a.fired)

/** item9-persistent, fired or not, for a cadre with a finding this year: "one bad year, or the third?". */
export const persistentNotes = (c: CadreDoc): AdvisoryDoc[] => (c.advisories ?? []).filter((a) => a.rule === 'item9-persistent')

/** A cadre for whom item 10's re-appointment is an option to consider. */
export const reappointable = (c: CadreDoc): AdvisoryDoc | undefined => (c.advisories ?? []).find((a) => a.rule === 'item10-reappointment' && a.fired)

/** The trend column's head: "历年 优秀+称职 %". */
export const trendHead = (w: HistoryWords, marks: string): string => `${w.trend} ${marks} %`
