import type { Dict } from '../i18n/index.js'
import { fill } from '../i18n/index.js'
import { historyWords } from '../i18n/history-words.js'
import { marksHeading } from '../i18n/share-words.js'
import type { CadreDoc, ReportDoc } from './report.js'
import { hasHistory, trendColumn, trendOf } from './history-view.js'
import type { ShareColumn } from './view.js'
import { parseFraction } from '../core/fraction.js'

/**
 * The chart's trend (`--history`, SPEC §2.5): beside each cadre's bars, one small bar per
 * year (oldest first, this year last) of the trend column's share, drawn against its
 * lines; a year that fired a share rule is filled as a fired bar, a year that crossed a
 * line since the year before is outlined. Integer geometry, display only.
 */
export const TREND = {
  /** The room the trend takes from the plot, right of it (the chart keeps its width). */
  width: 150,
  bar: 12,
  gap: 5,
  /** Years shown at most: the latest. */
  years: 8,
  height: 20,
} as const

type Esc = (s: string) => string

/** y of a share num/den in a row's trend (0 % at the bottom, 100 % at the top), floored. */
const yIn = (top: number, num: number | bigint, den: number | bigint): number => {
  const n = BigInt(num)
  const d = BigInt(den)
  if (d <= 0n) return top + TREND.height
  const clamped = n < 0n ? 0n : n > d ? d : n
  return top + TREND.height - Number((clamped * BigInt(TREND.height)) / d)
}

/** The chart's trend part for a report: its extra width, the head, and each cadre's marks. */
export const chartTrend = (doc: Pick<ReportDoc, 'policy' | 'history'>, d: Dict, esc: Esc): { head: (top: number, left: number) => string; marks: (c: CadreDoc, y: number, left: number) => string } | null => {
  const col = trendColumn(doc)
  if (!hasHistory(doc) || col === undefined) return null
  const w = historyWords(d.lang)
  const thisYear = doc.history!.year
  return {
    head: (top, left) => `<text class="trend-head" x="${left}" y="${top - 8}">${esc(`${w.trend} ${marksHeading(d, col.marks)}`)}</text>`,
    marks: (c, y, left) => trendMarks(c, col, thisYear, y, left, esc, d),
  }
}

const trendMarks = (c: CadreDoc, col: ShareColumn, thisYear: number, y: number, left: number, esc: Esc, d: Dict): string => {
  const points = trendOf(c, col, thisYear).slice(-TREND.years)
  const top = y + 3
  const out: string[] = [`<g class="trend" data-id="${esc(c.id)}">`]
  out.push(`<rect class="trend-plot" x="${left}" y="${top}" width="${points.length * (TREND.bar + TREND.gap)}" height="${TREND.height}"/>`)
  // The column's lines, as short ticks across the trend.
  for (const share of [...new Set(col.rules.map((r) => r.share))]) {
    const f = parseFraction(share)
    if (f === undefined) continue
    const ly = yIn(top, f.p, f.q)
    out.push(`<line class="trend-line" data-share="${esc(share)}" x1="${left}" y1="${ly}" x2="${left + points.length * (TREND.bar + TREND.gap)}" y2="${ly}"/>`)
  }
  const w = historyWords(d.lang)
  points.forEach((p, k) => {
    const x = left + k * (TREND.bar + TREND.gap) + 2
    const label = `${p.thisYear ? `${p.year}${d.punct.paren(w.thisYear).trimStart()}` : p.year} ${p.ambiguous ? w.status.ambiguous : p.share === null ? '—' : `${p.share.numerator}/${p.share.denominator} ${p.share.percent}%`}${p.fired ? ` ${w.status.fired}` : ''}${p.crossed ? ` ${w.crossedHead}` : ''}`
    const cls = ['trend-bar', p.fired ? 'fired' : '', p.crossed ? 'crossed' : '', p.thisYear ? 'now' : ''].filter(Boolean).join(' ')
    if (p.share === null) {
      out.push(`<text class="trend-none" data-year="${p.year}" x="${x + TREND.bar / 2}" y="${top + TREND.height - 4}" text-anchor="middle"><title>${esc(label)}</title>${p.ambiguous ? '?' : '–'}</text>`)
      return
    }
    const by = yIn(top, p.share.numerator, p.share.denominator)
    out.push(
      `<rect class="${cls}" data-year="${p.year}" data-share="${p.share.numerator}/${p.share.denominator}" x="${x}" y="${by}" width="${TREND.bar}" height="${top + TREND.height - by}"><title>${esc(label)}</title></rect>`,
    )
  })
  out.push('</g>')
  return out.join('')
}

/** A sentence under the chart saying how the trend reads. */
export const trendNote = (doc: Pick<ReportDoc, 'policy' | 'history'>, d: Dict): string | null => {
  const col = trendColumn(doc)
  if (!hasHistory(doc) || col === undefined) return null
  return fill(historyWords(d.lang).trendLegend, { marks: marksHeading(d, col.marks) })
}

/** The CSS of the trend. */
export const TREND_STYLE = `
svg.chart .trend-plot { fill: #f6f8fa; } svg.chart .trend-line { stroke: #57606a; stroke-width: 1; stroke-dasharray: 2 2; }
svg.chart .trend-bar { fill: #6cb16f; } svg.chart .trend-bar.fired { fill: #e69a00; }
svg.chart .trend-bar.crossed, svg.chart .bar.crossed { stroke: #c62828; stroke-width: 2; }
svg.chart .trend-head { font-weight: 600; fill: var(--ink); } svg.chart .trend-none { fill: var(--muted); }
`
