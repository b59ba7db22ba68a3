import { stringWidth } from './width.js'
import { formatFraction, lowestTerms, parseFraction } from '../core/fraction.js'
import type { Dict } from '../i18n/index.js'
import { fill } from '../i18n/index.js'
import type { ExportLabels } from '../i18n/export-labels.js'
import { marksHeading, marksLine } from '../i18n/share-words.js'
import { type CadreDoc, needsAction, type ReportDoc, type ShareRuleDoc } from './report.js'
import { columnShare, displayRules, itemsOf, type ShareColumn, shareColumns, shareOf, shareText } from './view.js'
import { chartTrend, TREND } from './history-chart.js'

/** Escape text for HTML/SVG content and attribute values. */
export const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)

/**
 * Geometry of the chart, in SVG user units (integers: positions come from integer division).
 * The picture is narrow (460 units) and scales to its container through its viewBox: at a
 * phone's 390 px it is drawn at about 0.8, at a desktop's at most 1.4, so that its text stays
 * readable at both; each cadre's name and values sit on a line of their own above the bars.
 */
export const CHART = {
  width: 460,
  /** Left edge of the plot (0 %) and its width (100 %), without a trend. */
  plotLeft: 8,
  plotWidth: 444,
  /** Top of the plot with up to two lines (each line more adds 16 for its label). */
  top: 48,
  bottom: 26,
  /** A part of the chart (one <svg>) is at most this high: half an A4 page printed, so that the first part fits under the summary. */
  partHeight: 440,
} as const

/** Cadres charted one by one: all of them up to CHART_ALL, else those needing action or borderline, up to CHART_MAX. */
export const CHART_ALL = 100
export const CHART_MAX = 400

/** The plot's width: narrower by the trend's room when earlier years are drawn beside the bars. */
export const plotWidthOf = (withTrend: boolean): number => (withTrend ? CHART.plotWidth - TREND.width : CHART.plotWidth)

/** x of num/den on the plot, floored to a whole unit: display only, no decision rests on it. */
export const xOf = (num: number | bigint, den: number | bigint, plotWidth: number = CHART.plotWidth): number => {
  const n = BigInt(num)
  const d = BigInt(den)
  if (d <= 0n) return CHART.plotLeft
  const clamped = n < 0n ? 0n : n > d ? d : n
  return CHART.plotLeft + Number((clamped * BigInt(plotWidth)) / d)
}

/** The x of a policy threshold "p/q". */
const thresholdX = (share: string, plotWidth: number): number => {
  const f = parseFraction(share)
  return f === undefined ? CHART.plotLeft : xOf(f.p, f.q, plotWidth)
}

/** Units a text takes at a font whose narrow glyph is `cell` units wide (a CJK glyph is two cells). */
const unitsOf = (s: string, cell: number): number => stringWidth(s) * cell
/** The text cut (with …) to fit `units`. */
const fit = (s: string, units: number, cell: number): string => {
  if (unitsOf(s, cell) <= units) return s
  const chars = [...s]
  while (chars.length > 1 && unitsOf(`${chars.join('')}…`, cell) > units) chars.pop()
  return `${chars.join('')}…`
}

/** A rule that fires below its share sets a floor the share must reach (优秀+称职 ≥ 2/3); one that fires above it a ceiling. */
export const isFloor = (r: ShareRuleDoc): boolean => r.comparison === 'below' || r.comparison === 'atOrBelow'

/**
 * Which way a bar or a line looks: a floor in green, a ceiling in red. The classes keep the
 * names of item 9's two lines (unfit: the floor of 优秀+称职; incompetent: the ceiling of
 * 不称职), and the bars theirs (good, bad).
 */
export const look = (floor: boolean) => (floor ? { line: 'unfit', bar: 'good', value: 'value' } : { line: 'incompetent', bar: 'bad', value: 'value bad' })

/** A bar is a floor's when every rule over its marks is one. */
export const columnIsFloor = (col: ShareColumn): boolean => col.rules.every(isFloor)

/** One line per distinct share (2/3 and 4/6 are one), with the rules drawn at it, in display order. */
export const chartLines = (doc: Pick<ReportDoc, 'policy'>): Array<{ share: string; rules: ShareRuleDoc[] }> => {
  const lines = new Map<string, { share: string; rules: ShareRuleDoc[] }>()
  for (const r of displayRules(doc)) {
    const f = parseFraction(r.share)!
    const key = formatFraction(lowestTerms(f))
    const line = lines.get(key)
    if (line === undefined) lines.set(key, { share: r.share, rules: [r] })
    else line.rules.push(r)
  }
  return [...lines.values()]
}

/** Top of a bar (k = 0 the tall first one, 10 high; the others 6 high, 9 apart) in a row at y. */
const barY = (y: number, k: number): number => (k === 0 ? y + 17 : y + 29 + 9 * (k - 1))
const barH = (k: number): number => (k === 0 ? 10 : 6)
/** Height of one cadre's row: the name line, then the bars, then a gap. */
export const rowHeight = (bars: number, withTrend: boolean): number => {
  const h = bars === 0 ? 22 : bars === 1 ? 32 : 40 + 9 * (bars - 2)
  return withTrend ? Math.max(h, 42) : h
}
/** Top of the plot: room for two line labels above it, and 16 units for each line more. */
const plotTop = (lines: number): number => CHART.top + 16 * Math.max(0, lines - 2)

/** A cadre who must be looked at: a measure, a fired share rule or a borderline margin. */
export const charted = (c: CadreDoc): boolean => needsAction(c) || c.checks.some((k) => k.borderline || (k.fired && k.computation.kind === 'share'))

/**
 * The cadres drawn one by one: every cadre of a report of up to CHART_ALL; in a longer one,
 * those needing action or borderline, the first CHART_MAX of them (the others are counted,
 * and every cadre stays in the table and the exports). One pass over the cadres as they come
 * (`count` of them, the summary's): at most CHART_MAX are kept, the rest only counted.
 */
export const chartCadres = (doc: Pick<ReportDoc, 'policy'>, cadres: Iterable<CadreDoc>, count: number): ChartPick => {
  if (count <= CHART_ALL) return { shown: [...cadres], subset: false, over: 0, rest: { count: 0, bands: [], none: 0 } }
  const shown: CadreDoc[] = []
  let over = 0
  // The cadres not charted are only counted, by the share of the first bar, as they pass.
  const col = shareColumns(doc)[0]
  const rest: RestBands = { count: 0, bands: Array.from({ length: 10 }, () => 0), none: 0 }
  for (const c of cadres) {
    if (charted(c)) {
      if (shown.length < CHART_MAX) shown.push(c)
      else over++
      continue
    }
    rest.count++
    if (col === undefined) continue
    // Band k holds k/10 ≤ share < (k+1)/10; 100 % is in the last band; no share: its own count.
    const s = columnShare(c, col)
    if (s === null || s.denominator <= 0) rest.none++
    else rest.bands[Math.min(9, Math.floor((s.numerator * 10) / s.denominator))]!++
  }
  return { shown, subset: true, over, rest }
}

/** The cadres a long report does not chart: how many, and how many in each tenth of the first bar's share (and with none). */
export interface RestBands {
  count: number
  bands: number[]
  none: number
}

/** The cadres charted, whether they are a subset, how many more would have been, and the rest counted. */
export interface ChartPick {
  shown: CadreDoc[]
  subset: boolean
  over: number
  rest: RestBands
}

/** The chart's ticks on its scale, as shares of the plot. */
const TICKS: Array<[number, number, string]> = [[0, 4, '0%'], [1, 4, '25%'], [2, 4, '50%'], [3, 4, '75%'], [4, 4, '100%']]

/**
 * The chart as inline SVGs, one per part of as many rows as print on one A4 page, each with
 * its own scale and lines (so a printed part reads on its own): one mark (a <g class="mark">)
 * per cadre charted, holding one bar per share column (优秀+称职, 不称职 …: the sets of marks
 * the policy's share rules count), on one 0–100 % axis crossed by one line per distinct share
 * of the policy's rules, taken from the document.
 */
export const renderChart = (doc: Pick<ReportDoc, 'policy' | 'history'> & { cadres?: readonly CadreDoc[] }, d: Dict, l: ExportLabels, cadres: readonly CadreDoc[] = doc.cadres ?? []): string => {
  const { plotLeft, bottom, width } = CHART
  // Earlier years (`--history`): a small trend beside each cadre's bars, right of the plot.
  const trend = chartTrend(doc, d, esc)
  const plotWidth = plotWidthOf(trend !== null)
  const trendLeft = plotLeft + plotWidth + 14
  const cols = shareColumns(doc)
  const lines = chartLines(doc)
  const top = plotTop(lines.length)
  const row = rowHeight(cols.length, trend !== null)
  const perPart = Math.max(1, Math.floor((CHART.partHeight - top - bottom) / row))
  const label = fill(l.chart, { items: itemsOf(doc, d) })
  const parts: string[] = []
  for (let from = 0; from < Math.max(1, cadres.length); from += perPart) {
    const part = cadres.slice(from, from + perPart)
    const height = top + part.length * row + bottom
    const y2 = top + part.length * row
    const out: string[] = [
      `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 ${width} ${height}" preserveAspectRatio="xMinYMin meet" data-part="${parts.length + 1}" aria-label="${esc(label)}">`,
      `<rect class="plot" x="${plotLeft}" y="${top - 6}" width="${plotWidth}" height="${part.length * row + 6}"/>`,
    ]
    for (const [p, q, text] of TICKS) {
      const x = xOf(p, q, plotWidth)
      const anchor = p === 0 ? 'start' : p === q ? 'end' : 'middle'
      if (p > 0 && p < q) out.push(`<line class="grid" x1="${x}" y1="${top - 6}" x2="${x}" y2="${y2}"/>`)
      out.push(`<text class="tick" x="${x}" y="${height - 10}" text-anchor="${anchor}">${text}</text>`)
    }
    part.forEach((c, i) => out.push(markOf(c, top + i * row, { d, l, cols, plotWidth, trend, trendLeft })))
    lines.forEach((line, k) => {
      const x = thresholdX(line.share, plotWidth)
      const cls = look(isFloor(line.rules[0]!)).line
      const text = [...new Set(line.rules.map((r) => `${marksLine(d, r.marks)} ${r.share}`))].join('; ')
      // The label centred on its line, or held inside the picture near an edge.
      const half = unitsOf(text, 6) / 2
      const [tx, anchor] = x - half < 2 ? [2, 'start'] : x + half > width - 2 ? [width - 2, 'end'] : [x, 'middle']
      out.push(
        `<line class="threshold ${cls}" data-rule="${esc(line.rules.map((r) => r.id).join(' '))}" data-share="${esc(line.share)}" x1="${x}" y1="${top - 14 - 16 * k}" x2="${x}" y2="${y2}"/>`,
        `<text class="threshold-label ${cls}" x="${tx}" y="${top - 18 - 16 * k}" text-anchor="${anchor}">${esc(text)}</text>`,
      )
    })
    if (trend) out.push(trend.head(top, trendLeft))
    out.push('</svg>')
    parts.push(out.join('\n'))
  }
  return parts.join('\n')
}

interface MarkContext {
  d: Dict
  l: ExportLabels
  cols: ShareColumn[]
  plotWidth: number
  trend: ReturnType<typeof chartTrend>
  trendLeft: number
}

/** One cadre's row: the id and name (left) and values (right) on a line, the bars under it. */
const markOf = (c: CadreDoc, y: number, m: MarkContext): string => {
  const { d, l, cols, plotWidth, trend, trendLeft } = m
  const { plotLeft, width } = CHART
  const shares = cols.map((col) => columnShare(c, col))
  if (shares.every((s) => s === null)) {
    return (
      `<g class="mark no-data" data-id="${esc(c.id)}"><title>${esc(`${c.id} ${c.name}: ${l.noShare}`)}</title>` +
      `<text class="label" x="${plotLeft}" y="${y + 13}">${esc(fit(`${c.id} ${c.name}`, width - plotLeft - 8, 6.5))}</text>` +
      `<text class="nodata" x="${width - 6}" y="${y + 13}" text-anchor="end">${esc(l.noShare)}</text></g>`
    )
  }
  const title = cols.map((col, k) => `${marksHeading(d, col.marks)} ${shareText(shares[k]!)}`).join('; ')
  const parts = [`<g class="mark" data-id="${esc(c.id)}">`, `<title>${esc(`${c.id} ${c.name}: ${title}`)}</title>`]
  // The values at the right end of the name line, in the colours of their bars.
  const values: string[] = []
  let valuesUnits = 0
  cols.forEach((col, k) => {
    const s = shares[k]
    if (s === null || s === undefined) return
    const borderline = col.rules.some((r) => shareOf(c, r.id)?.borderline === true)
    values.push(`<tspan class="${look(columnIsFloor(col)).value}${borderline ? ' borderline' : ''}"${values.length > 0 ? ' dx="8"' : ''}>${esc(s.percent)}%</tspan>`)
    valuesUnits += unitsOf(`${s.percent}%`, 6) + (values.length > 1 ? 8 : 0)
  })
  parts.push(`<text class="label" x="${plotLeft}" y="${y + 13}">${esc(fit(`${c.id} ${c.name}`, width - plotLeft - 6 - valuesUnits - 12, 6.5))}</text>`)
  parts.push(`<text class="values" x="${width - 6}" y="${y + 13}" text-anchor="end">${values.join('')}</text>`)
  cols.forEach((col, k) => {
    const s = shares[k]
    if (s === null || s === undefined) return
    const fired = col.rules.some((r) => shareOf(c, r.id)?.fired)
    const crossed = col.rules.some((r) => c.trend?.crossed.includes(r.id) === true)
    const w = xOf(s.numerator, s.denominator, plotWidth) - plotLeft
    parts.push(
      `<rect class="bar ${look(columnIsFloor(col)).bar}${fired ? ' fired' : ''}${crossed ? ' crossed' : ''}" data-share="${s.numerator}/${s.denominator}" x="${plotLeft}" y="${barY(y, k)}" width="${w}" height="${barH(k)}"/>`,
    )
  })
  if (trend) parts.push(trend.marks(c, y + 14, trendLeft))
  parts.push('</g>')
  return parts.join('')
}
