import { parseFraction } from '../core/fraction.js'
import { fill } from '../i18n/index.js'
import type { ExportLabels } from '../i18n/export-labels.js'
import type { ReportDoc } from './report.js'
import { INCOMPETENT, shareOf, shareText, UNFIT } from './view.js'

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

/**
 * An inline SVG: one mark (a <g class="mark">) per cadre, holding a bar of the
 * excellent + competent share and a bar of the incompetent share, on one 0–100 % axis
 * crossed by the two lines of item 9, taken from the policy in the document.
 */
export const renderChart = (doc: ReportDoc, l: ExportLabels): string => {
  const { width, plotLeft, plotWidth, top, row, bottom } = CHART
  const height = top + doc.cadres.length * row + bottom
  const t = doc.policy.thresholds
  const ux = thresholdX(t.unfit.share)
  const ix = thresholdX(t.incompetent.share)
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-label="${esc(l.chart)}">`,
    `<rect class="plot" x="${plotLeft}" y="${top - 6}" width="${plotWidth}" height="${doc.cadres.length * row + 6}"/>`,
    `<text class="tick" x="${plotLeft}" y="${height - 8}" text-anchor="start">0%</text>`,
    `<text class="tick" x="${plotLeft + plotWidth}" y="${height - 8}" text-anchor="end">100%</text>`,
  ]
  doc.cadres.forEach((c, i) => {
    const y = top + i * row
    const good = shareOf(c, UNFIT)
    const bad = shareOf(c, INCOMPETENT)
    const label = esc(clip(`${c.id} ${c.name}`, 18))
    if (good === null && bad === null) {
      out.push(
        `<g class="mark no-data" data-id="${esc(c.id)}"><title>${esc(`${c.id} ${c.name}: ${l.noShare}`)}</title>` +
          `<text class="label" x="${plotLeft - 8}" y="${y + 15}" text-anchor="end">${label}</text>` +
          `<text class="nodata" x="${plotLeft + 6}" y="${y + 15}">${esc(l.noShare)}</text></g>`,
      )
      return
    }
    const parts = [`<g class="mark" data-id="${esc(c.id)}">`, `<title>${esc(`${c.id} ${c.name}: ${l.goodShare} ${shareText(good)}; ${l.badShare} ${shareText(bad)}`)}</title>`]
    parts.push(`<text class="label" x="${plotLeft - 8}" y="${y + 15}" text-anchor="end">${label}</text>`)
    if (good !== null) {
      const w = xOf(good.numerator, good.denominator) - plotLeft
      parts.push(`<rect class="bar good${good.fired ? ' fired' : ''}" data-share="${good.numerator}/${good.denominator}" x="${plotLeft}" y="${y + 2}" width="${w}" height="11"/>`)
    }
    if (bad !== null) {
      const w = xOf(bad.numerator, bad.denominator) - plotLeft
      parts.push(`<rect class="bar bad${bad.fired ? ' fired' : ''}" data-share="${bad.numerator}/${bad.denominator}" x="${plotLeft}" y="${y + 14}" width="${w}" height="7"/>`)
    }
    if (good !== null) parts.push(`<text class="value" x="${plotLeft + plotWidth + 6}" y="${y + 12}">${esc(good.percent)}%</text>`)
    if (bad !== null) parts.push(`<text class="value bad" x="${plotLeft + plotWidth + 6}" y="${y + 22}">${esc(bad.percent)}%</text>`)
    parts.push('</g>')
    out.push(parts.join(''))
  })
  const y2 = top + doc.cadres.length * row
  out.push(
    `<line class="threshold unfit" data-rule="${UNFIT}" data-share="${esc(t.unfit.share)}" x1="${ux}" y1="${top - 14}" x2="${ux}" y2="${y2}"/>`,
    `<text class="threshold-label unfit" x="${ux}" y="${top - 18}" text-anchor="middle">${esc(fill(l.unfitLine, { threshold: t.unfit.share }))}</text>`,
    `<line class="threshold incompetent" data-rule="${INCOMPETENT}" data-share="${esc(t.incompetent.share)}" x1="${ix}" y1="${top - 30}" x2="${ix}" y2="${y2}"/>`,
    `<text class="threshold-label incompetent" x="${ix}" y="${top - 34}" text-anchor="middle">${esc(fill(l.incompetentLine, { threshold: t.incompetent.share }))}</text>`,
    '</svg>',
  )
  return out.join('\n')
}
