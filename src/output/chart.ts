import { formatFraction, lowestTerms, parseFraction } from '../core/fraction.js'
import type { Dict } from '../i18n/index.js'
import { fill } from '../i18n/index.js'
import type { ExportLabels } from '../i18n/export-labels.js'
import { marksHeading, marksLine } from '../i18n/share-words.js'
import type { CadreDoc, ReportDoc, ShareRuleDoc } from './report.js'
import { columnShare, displayRules, itemsOf, type ShareColumn, shareColumns, shareOf, shareText } from './view.js'
import { chartTrend } from './history-chart.js'

/** Escape text for HTML/SVG content and attribute values. */
export const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)

/** Geometry of the chart, in SVG user units (integers: positions come from integer division). */
export const CHART = {
  width: 800,
  /** Left edge of the plot (0 %) and its width (100 %). */
  plotLeft: 240,
  plotWidth: 480,
  top: 44,
  row: 26,
  bottom: 24,
} as const

/** x of num/den on the plot, floored to a whole unit: display only, no decision rests on it. */
export const xOf = (num: number | bigint, den: number | bigint): number => {
  const n = BigInt(num)
  const d = BigInt(den)
  if (d <= 0n) return CHART.plotLeft
  const clamped = n < 0n ? 0n : n > d ? d : n
  return CHART.plotLeft + Number((clamped * BigInt(CHART.plotWidth)) / d)
}

/** The x of a policy threshold "p/q". */
const thresholdX = (share: string): number => {
  const f = parseFraction(share)
  return f === undefined ? CHART.plotLeft : xOf(f.p, f.q)
}

const clip = (s: string, max: number): string => ([...s].length > max ? `${[...s].slice(0, max - 1).join('')}…` : s)

/** A rule that fires below its share sets a floor the share must reach (优秀+称职 ≥ 2/3); one that fires above it a ceiling. */
const isFloor = (r: ShareRuleDoc): boolean => r.comparison === 'below' || r.comparison === 'atOrBelow'

/**
 * Which way a bar or a line looks: a floor in green, a ceiling in red. The classes keep the
 * names of item 9's two lines (unfit: the floor of 优秀+称职; incompetent: the ceiling of
 * 不称职), and the bars theirs (good, bad).
 */
const look = (floor: boolean) => (floor ? { line: 'unfit', bar: 'good', value: 'value' } : { line: 'incompetent', bar: 'bad', value: 'value bad' })

/** A bar is a floor's when every rule over its marks is one. */
export const columnIsFloor = (col: ShareColumn): boolean => col.rules.every(isFloor)

/** One line per distinct share (2/3 and 4/6 are one), with the rules drawn at it, in display order. */
const chartLines = (doc: Pick<ReportDoc, 'policy'>): Array<{ share: string; rules: ShareRuleDoc[] }> => {
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

/** Height of one cadre's row: room for a tall first bar and a thin one, and 10 units for each bar more (a line of its value's text). */
const rowHeight = (bars: number): number => CHART.row + 10 * Math.max(0, bars - 2)
/** Top of the plot: room for two line labels above it, and 16 units for each line more. */
const plotTop = (lines: number): number => CHART.top + 16 * Math.max(0, lines - 2)

/**
 * An inline SVG: one mark (a <g class="mark">) per cadre, holding one bar per share column
 * (优秀+称职, 不称职 …: the sets of marks the policy's share rules count), on one 0–100 %
 * axis crossed by one line per distinct share of the policy's rules, taken from the
 * document.
 */
export const renderChart = (doc: ReportDoc, d: Dict, l: ExportLabels): string => [...chartPieces(doc, () => doc.cadres, doc.cadres.length, d, l)].join('')

/**
 * `renderChart`'s text in pieces, a cadre's mark at a time, from the cadres taken once as
 * they come (`count` of them: the chart's height is set before its first mark).
 */
export function* chartPieces(doc: Pick<ReportDoc, 'policy' | 'history'>, cadres: () => Iterable<CadreDoc>, count: number, d: Dict, l: ExportLabels): Generator<string> {
  const { plotLeft, plotWidth, bottom } = CHART
  // Earlier years (`--history`): a small trend beside each cadre's bars.
  const trend = chartTrend(doc, d, esc)
  const width = CHART.width + (trend?.width ?? 0)
  const cols = shareColumns(doc)
  const lines = chartLines(doc)
  const top = plotTop(lines.length)
  const row = rowHeight(cols.length)
  const height = top + count * row + bottom
  yield [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-label="${esc(fill(l.chart, { items: itemsOf(doc, d) }))}">`,
    `<rect class="plot" x="${plotLeft}" y="${top - 6}" width="${plotWidth}" height="${count * row + 6}"/>`,
    `<text class="tick" x="${plotLeft}" y="${height - 8}" text-anchor="start">0%</text>`,
    `<text class="tick" x="${plotLeft + plotWidth}" y="${height - 8}" text-anchor="end">100%</text>`,
  ].join('\n')
  let i = 0
  for (const c of cadres()) {
    const y = top + i++ * row
    const shares = cols.map((col) => columnShare(c, col))
    const label = esc(clip(`${c.id} ${c.name}`, 18))
    if (shares.every((s) => s === null)) {
      yield (
        `\n<g class="mark no-data" data-id="${esc(c.id)}"><title>${esc(`${c.id} ${c.name}: ${l.noShare}`)}</title>` +
        `<text class="label" x="${plotLeft - 8}" y="${y + 15}" text-anchor="end">${label}</text>` +
        `<text class="nodata" x="${plotLeft + 6}" y="${y + 15}">${esc(l.noShare)}</text></g>`
      )
      continue
    }
    const title = cols.map((col, k) => `${marksHeading(d, col.marks)} ${shareText(shares[k]!)}`).join('; ')
    const parts = [`<g class="mark" data-id="${esc(c.id)}">`, `<title>${esc(`${c.id} ${c.name}: ${title}`)}</title>`]
    parts.push(`<text class="label" x="${plotLeft - 8}" y="${y + 15}" text-anchor="end">${label}</text>`)
    // The first bar is tall (y+2, 11 high), the others thin (7 high), one under the other.
    const barY = (k: number): number => (k === 0 ? y + 2 : y + 14 + 10 * (k - 1))
    cols.forEach((col, k) => {
      const s = shares[k]
      if (s === null || s === undefined) return
      const fired = col.rules.some((r) => shareOf(c, r.id)?.fired)
      const crossed = col.rules.some((r) => c.trend?.crossed.includes(r.id) === true)
      const w = xOf(s.numerator, s.denominator) - plotLeft
      parts.push(`<rect class="bar ${look(columnIsFloor(col)).bar}${fired ? ' fired' : ''}${crossed ? ' crossed' : ''}" data-share="${s.numerator}/${s.denominator}" x="${plotLeft}" y="${barY(k)}" width="${w}" height="${k === 0 ? 11 : 7}"/>`)
    })
    cols.forEach((col, k) => {
      const s = shares[k]
      if (s === null || s === undefined) return
      parts.push(`<text class="${look(columnIsFloor(col)).value}" x="${plotLeft + plotWidth + 6}" y="${barY(k) + (k === 0 ? 10 : 8)}">${esc(s.percent)}%</text>`)
    })
    if (trend) parts.push(trend.marks(c, y))
    parts.push('</g>')
    yield `\n${parts.join('')}`
  }
  const y2 = top + count * row
  const out: string[] = []
  lines.forEach((line, k) => {
    const x = thresholdX(line.share)
    const cls = look(isFloor(line.rules[0]!)).line
    const text = [...new Set(line.rules.map((r) => `${marksLine(d, r.marks)} ${r.share}`))].join('; ')
    out.push(
      `<line class="threshold ${cls}" data-rule="${esc(line.rules.map((r) => r.id).join(' '))}" data-share="${esc(line.share)}" x1="${x}" y1="${top - 14 - 16 * k}" x2="${x}" y2="${y2}"/>`,
      `<text class="threshold-label ${cls}" x="${x}" y="${top - 18 - 16 * k}" text-anchor="middle">${esc(text)}</text>`,
    )
  })
  if (trend) out.push(trend.head(top))
  out.push('</svg>')
  yield `\n${out.join('\n')}`
}
