import type { Dict } from '../i18n/index.js'
import { fill } from '../i18n/index.js'
import type { ExportLabels } from '../i18n/export-labels.js'
import { marksColumn, marksLine, shareLabel } from '../i18n/share-words.js'
import { chartCadres, chartLines, columnIsFloor, esc, isFloor, look, type RestBands, renderChart } from './chart.js'
import { reportWords } from '../i18n/report-words.js'
import { marksHeading } from '../i18n/share-words.js'
import { type CadreDoc, type DocStream, docStreamOfDoc, needsAction, type ReportDoc } from './report.js'
import { TREND_STYLE, trendNote } from './history-chart.js'
import { historyWords } from '../i18n/history-words.js'
import { persistentNotes, reappointable } from './history-view.js'
import {
  auditRows,
  dispositionCounts,
  findingsOf,
  columnShare,
  generatedBy,
  itemsOf,
  marginHead,
  marginsCell,
  personalFindingsOf,
  quietChecks,
  REPORT_ISSUE_LIMIT,
  ruleName,
  shareColumns,
  shareText,
  title,
} from './view.js'

/**
 * Nothing may be fetched: the policy forbids every source but the inline style and
 * data: images, so even a stray reference could not reach the network.
 */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

const STYLE = `
:root { --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --good: #2e7d32; --warn: #b26a00; --bad: #c62828; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px; color: var(--ink); background: #fff;
  font: 14px/1.55 "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", sans-serif; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 0 0 4px; } .meta, .note { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.hash { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; word-break: break-all; }
.badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 13px; font-weight: 600; background: #eaeef2; }
.disp-dismissal .badge, .badge.disp-dismissal { background: #ffebe9; color: #82071e; }
.disp-adjustment .badge, .badge.disp-adjustment { background: #fff1d6; color: #7a4100; }
.disp-organizational-handling .badge, .badge.disp-organizational-handling { background: #fbefff; color: #6e2b8c; }
.disp-admonishment .badge, .badge.disp-admonishment { background: #ddf4ff; color: #0a3069; }
.disp-withheld .badge, .badge.disp-withheld, .disp-data-incomplete .badge, .badge.disp-data-incomplete, .disp-no-data .badge, .badge.disp-no-data { background: #eaeef2; color: #424a53; }
article.cadre { border: 1px solid var(--line); border-left: 5px solid var(--muted); border-radius: 4px; padding: 10px 14px; margin: 10px 0; }
article.disp-dismissal { border-left-color: var(--bad); } article.disp-adjustment { border-left-color: var(--warn); }
article.disp-admonishment { border-left-color: #0969da; } article.disp-organizational-handling { border-left-color: #8250df; }
.margin { color: var(--muted); } .borderline { color: var(--bad); font-weight: 600; }
ul { margin: 4px 0; padding-left: 22px; } details { margin-top: 4px; color: var(--muted); }
figure { margin: 8px 0; }
/* The chart scales with its container (viewBox); its lines keep their width on screen and paper. */
svg.chart { display: block; width: 100%; max-width: 640px; height: auto; font-size: 12px; }
svg.chart text { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
svg.chart .plot { fill: #f6f8fa; } svg.chart .grid { stroke: #d8dee4; stroke-width: 1; vector-effect: non-scaling-stroke; }
svg.chart .bar.good { fill: #6cb16f; } svg.chart .bar.good.fired { fill: #e69a00; }
svg.chart .bar.bad { fill: #ef9a9a; } svg.chart .bar.bad.fired { fill: #c62828; }
svg.chart .threshold { stroke-width: 1.5; stroke-dasharray: 5 3; vector-effect: non-scaling-stroke; }
svg.chart .threshold.unfit { stroke: #2e7d32; } svg.chart .threshold.incompetent { stroke: #c62828; }
svg.chart .threshold-label { font-size: 11px; font-weight: 600; } svg.chart .threshold-label.unfit { fill: #2e7d32; } svg.chart .threshold-label.incompetent { fill: #c62828; }
svg.chart .label, svg.chart .value { fill: var(--ink); } svg.chart .values { font-size: 11px; }
svg.chart .value.bad { fill: #c62828; } svg.chart .value.borderline { fill: #c62828; font-weight: 700; text-decoration: underline; }
svg.chart .nodata, svg.chart .tick { fill: var(--muted); } svg.chart .tick { font-size: 10px; }
ul.legend { list-style: none; padding: 0; margin: 6px 0; display: flex; flex-wrap: wrap; gap: 4px 18px; font-size: 13px; }
ul.legend li { display: flex; align-items: center; gap: 6px; min-width: 0; }
.swatch { display: inline-block; flex: none; width: 22px; height: 10px; border-radius: 1px; }
.swatch.good { background: #6cb16f; } .swatch.good.fired { background: #e69a00; } .swatch.bad { background: #ef9a9a; } .swatch.bad.fired { background: #c62828; }
.swatch.line { height: 0; border-top: 2px dashed; border-radius: 0; } .swatch.line.unfit { border-color: #2e7d32; } .swatch.line.incompetent { border-color: #c62828; }
.swatch.crossed { background: #fff; outline: 2px solid #c62828; outline-offset: -2px; } .swatch.text { width: auto; height: auto; font-weight: 700; }
.swatch.nodata { color: var(--muted); } .swatch.borderline { color: var(--bad); text-decoration: underline; }
.table-wrap { overflow-x: auto; }
table.bands td, table.bands th { text-align: center; }
.print-only { display: none; }
.disclaimer { margin-top: 28px; padding: 8px 12px; background: #f6f8fa; border-left: 4px solid var(--muted); }
@media (max-width: 600px) {
  body { padding: 10px; font-size: 15px; }
  h1 { font-size: 19px; } table { font-size: 12px; } th, td { padding: 2px 4px; }
  td.hash { min-width: 12em; }
}
@media print {
  @page { size: A4 portrait; margin: 14mm 12mm; }
  html, body { overflow: visible !important; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-after: avoid; } h3 { break-after: avoid; }
  article.cadre, tr, .disclaimer, ul.legend, svg.chart, table.kv { break-inside: avoid; }
  figure { overflow: visible; }
  svg.chart { max-width: 128mm; margin-bottom: 2mm; }
  .table-wrap { overflow: visible; }
  table { font-size: 8.5pt; }
  thead { display: table-header-group; }
  article.cadre details > * { display: block; }
  body { line-height: 1.35; }
  article.cadre { padding: 3px 8px; margin: 4px 0; font-size: 9pt; }
  article.cadre p, article.cadre ul, article.cadre h3 { margin-top: 1px; margin-bottom: 1px; }
  article.cadre details { margin-top: 0; }
  details.all-cadres { display: none; } .print-only { display: block; }
  a { color: inherit; text-decoration: none; }
}
${TREND_STYLE}
.advisory { color: var(--ink); } .advisory.fired { font-weight: 600; }
`

const li = (html: string): string => `<li>${html}</li>`

/** A report of more cadres than this folds its table of every cadre away. */
export const FOLD_TABLE = 300

/**
 * The legend: every colour and line of the chart — a swatch per bar (plain and fired) and per
 * line, for the policy's share rules, by name and words — and the marks of the trend.
 */
const legendHtml = (doc: Pick<ReportDoc, 'policy' | 'history'>, d: Dict): string => {
  const w = reportWords(d.lang)
  const items: string[] = []
  for (const col of shareColumns(doc)) {
    const cls = look(columnIsFloor(col)).bar
    const marks = marksHeading(d, col.marks)
    items.push(`<li><span class="swatch ${cls}"></span>${esc(fill(w.legendBar, { marks }))}</li>`)
    items.push(`<li><span class="swatch ${cls} fired"></span>${esc(fill(w.legendBarFired, { marks, rules: col.rules.map((r) => ruleName(doc, d, r.id)).join('、') }))}</li>`)
  }
  for (const line of chartLines(doc)) {
    for (const r of line.rules) {
      const cls = look(isFloor(r)).line
      items.push(`<li data-rule="${esc(r.id)}"><span class="swatch line ${cls}"></span>${esc(fill(w.legendLine, { name: ruleName(doc, d, r.id), label: shareLabel(d, r), item: d.share.items([r.item]) }))}</li>`)
    }
  }
  if (shareColumns(doc).length > 0) items.push(`<li><span class="swatch text borderline">0.00%</span>${esc(w.legendBorderline)}</li>`)
  items.push(`<li><span class="swatch text nodata">—</span>${esc(w.legendNoData)}</li>`)
  if (doc.history !== undefined) items.push(`<li><span class="swatch crossed"></span>${esc(w.legendCrossed)}</li>`, `<li><span class="swatch good fired"></span>${esc(w.legendTrendFired)}</li>`)
  return `<ul class="legend" aria-label="${esc(w.legend)}">${items.join('')}</ul>`
}

/** The cadres a long report does not chart: how many, and how their first bar's share spreads (in tenths, exact), counted as the chart's cadres were taken. */
const restHtml = (doc: Pick<ReportDoc, 'policy'>, d: Dict, rest: RestBands): string => {
  const w = reportWords(d.lang)
  if (rest.count === 0) return `<p class="note">${esc(w.restNone)}</p>`
  const col = shareColumns(doc)[0]
  const head = `<h3>${esc(fill(w.restHead, { n: rest.count }))}</h3>`
  if (col === undefined) return head
  const heads = rest.bands.map((_, k) => fill(w.band, { from: `${k * 10}%`, to: `${k === 9 ? 100 : (k + 1) * 10}%` }))
  const cells = rest.bands.map((n) => `${n}`)
  if (rest.none > 0) {
    heads.push('—')
    cells.push(`${rest.none}`)
  }
  return (
    head +
    `<p class="note">${esc(fill(w.restNote, { marks: marksHeading(d, col.marks) }))}</p>` +
    `<div class="table-wrap"><table class="bands"><thead><tr><th></th>${heads.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>` +
    `<tbody><tr><th>${esc(w.count)}</th>${cells.map((n) => `<td class="num">${n}</td>`).join('')}</tr></tbody></table></div>`
  )
}
/**
 * A table in three parts, so that its rows can come one at a time: the head, each row, the
 * end; in a box of its own: on a narrow screen a wide table scrolls there, never the page.
 */
const tableHtmlHead = (head: string[], cls = ''): string => `<div class="table-wrap"><table${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>`
const tableHtmlRow = (r: Array<string | { num: string }>): string => `<tr>${r.map((c) => (typeof c === 'string' ? `<td>${esc(c)}</td>` : `<td class="num">${esc(c.num)}</td>`)).join('')}</tr>`
const TABLE_END = '</tbody></table></div>'

/** One self-contained HTML file: inline CSS, an inline SVG chart, no script, no fetches. */
export const renderHtml = (doc: ReportDoc, d: Dict, l: ExportLabels): string => [...htmlPieces(docStreamOfDoc(doc), d, l)].join('')

/**
 * `renderHtml`'s text in pieces, from a report taken in pieces: its cadres are taken once
 * for the chart, once for those needing action (assess), once for the table of every
 * cadre, once for the personal-matter findings (assess), and twice more for
 * re-appointment with `--history` — none is kept.
 */
export function* htmlPieces(ds: DocStream, d: Dict, l: ExportLabels): Generator<string> {
  const doc = { ...ds.head, summary: ds.summary(), issues: ds.issues() }
  const u = d.ui
  const assess = doc.command === 'assess'
  const heading = title(doc, l)
  // Each part of the body on a line of its own, as the head's lines are.
  const line = (x: string): string => `${x}\n`
  yield* [
    '<!DOCTYPE html>',
    `<html lang="${doc.lang === 'en' ? 'en' : 'zh-CN'}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${esc(heading)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${esc(heading)}</h1><p class="meta">${esc(generatedBy(doc, l))}</p></header>`,
    `<section id="summary"><h2>${esc(l.summary)}</h2><ul>`,
  ].map(line)
  const counts = dispositionCounts(doc, d)
  yield line(li(`${doc.summary.cadres} ${esc(u.cadres)}${counts.map((c) => ` <span class="badge disp-${esc(c.code)}">${esc(c.label)} ${c.n}</span>`).join('')}`))
  if (doc.summary.borderline > 0) yield line(li(`<span class="borderline">${esc(u.borderline)} ${doc.summary.borderline}</span>`))
  const s = doc.summary
  yield* [li(esc(`${u.rowsRead} ${s.rowsRead} = ${u.rowsCounted} ${s.rowsCounted} + ${u.rowsInIssues} ${s.rowsInIssues}`)), '</ul></section>'].map(line)

  const cols = shareColumns(doc)
  // One sentence per bar: its colour, its marks, the lines it is read against.
  const bars = cols.map((col) => {
    const shares = [...new Set(col.rules.map((r) => r.share))]
    return fill(shares.length > 1 ? l.chartBarLines : l.chartBar, {
      colour: columnIsFloor(col) ? l.colourFloor : l.colourCeiling,
      marks: marksLine(d, col.marks),
      shares: shares.join(l.sharesJoin),
    })
  })
  const w = reportWords(d.lang)
  // One pass over the cadres: those charted kept (at most CHART_MAX), the others counted.
  const pick = chartCadres(doc, ds.cadres(), s.cadres)
  yield* [
    `<section id="chart"><h2>${esc(fill(l.chart, { items: itemsOf(doc, d) }))}</h2>`,
    `<p class="note">${esc(fill(l.chartNote, { bars: bars.join(l.chartBarsJoin), basis: d.basis[doc.policy.denominator as 'valid'] ?? doc.policy.denominator }))}</p>`,
    legendHtml(doc, d),
    pick.subset ? `<p class="note">${esc(fill(w.chartSubset, { shown: pick.shown.length, all: s.cadres }))}</p>` : '',
    `<figure>${renderChart(doc, d, l, pick.shown)}</figure>`,
    pick.over > 0 ? `<p class="note">${esc(fill(w.chartOverflow, { n: pick.over }))}</p>` : '',
    ...[trendNote(doc, d)].filter((x): x is string => x !== null).map((t) => `<p class="note">${esc(t)}</p>`),
    pick.subset ? restHtml(doc, d, pick.rest) : '',
    '</section>',
  ]
    .filter((x) => x !== '')
    .map(line)

  if (assess) {
    // Every cadre of `assess` has a disposition: those needing action are all but "none".
    const acting = s.cadres - (s.byDisposition?.none ?? 0)
    yield line(`<section id="action"><h2>${esc(`${u.needsAction}${d.punct.paren(String(acting))}`)}</h2>`)
    for (const c of ds.cadres()) {
      if (!needsAction(c)) continue
      const disp = c.disposition!
      const items: string[] = []
      for (const n of c.notes) items.push(li(esc(n.label)))
      for (const f of findingsOf(c)) {
        const margin = f.marginText
          ? `<div class="margin${f.borderline ? ' borderline' : ''}">${esc(`${l.margin}${d.punct.colon}${f.marginText}${f.borderline ? d.punct.paren(l.borderline) : ''}`)}</div>`
          : ''
        items.push(`<li class="finding" data-rule="${esc(f.rule)}">${esc(f.text)}${margin}</li>`)
      }
      items.push(...advisoryItems(c, d, l))
      const quiet = quietChecks(c)
      yield* [
        `<article class="cadre disp-${esc(disp.code)}" data-id="${esc(c.id)}">`,
        `<h3>${esc(`${c.id} ${c.name}`)} <span class="badge">${esc(disp.label)}</span></h3>`,
        c.unit || c.post ? `<p class="meta">${esc([c.unit, c.post].filter(Boolean).join(' '))}</p>` : '',
        `<ul>${items.join('')}</ul>`,
        disp.options.length > 0 ? `<p>${esc(u.options)}${d.punct.colon}${esc(disp.options.map((o) => o.label).join(d.punct.semicolon))}</p>` : '',
        disp.prerequisites.length > 0 ? `<p>${esc(u.prerequisites)}${d.punct.colon.trimEnd()}</p><ul>${disp.prerequisites.map((p) => li(esc(p.label))).join('')}</ul>` : '',
        quiet.length > 0 ? `<details><summary>${esc(l.checks)}</summary><ul>${quiet.map((k) => li(esc(k.text))).join('')}</ul></details>` : '',
        '</article>',
      ]
        .filter((x) => x !== '')
        .map(line)
    }
    yield line('</section>')
    yield* reappointSection(ds, d)
  }

  const head = [u.id, u.name, u.unit, u.post, ...cols.map((col) => marksColumn(d, col.marks)), u.denominator]
  if (cols.length > 0) head.push(marginHead(doc, u.margin))
  if (assess) head.push(u.disposition)
  // A long report folds the table of every cadre away (and leaves it out of print): the
  // cadres needing action are in their own section, every cadre is in the exports.
  const folded = s.cadres > FOLD_TABLE
  yield `<section id="cadres"><h2>${esc(l.allCadres)}</h2>${folded ? `<details class="all-cadres"><summary>${esc(fill(w.allFolded, { n: s.cadres }))}</summary>` : ''}${tableHtmlHead(head)}`
  for (const c of ds.cadres()) {
    const r: Array<string | { num: string }> = [c.id, c.name, c.unit, c.post]
    cols.forEach((col, i) => r.push({ num: c.tally === null && i === 0 ? u.noData : shareText(columnShare(c, col)) }))
    r.push({ num: c.tally === null && cols.length === 0 ? u.noData : c.tally?.denominator == null ? '—' : `${c.tally.denominator}` })
    if (cols.length > 0) r.push({ num: marginsCell(doc, c, l) })
    if (assess) r.push(c.disposition?.label ?? '—')
    yield tableHtmlRow(r)
  }
  yield line(`${TABLE_END}${folded ? `</details><p class="note print-only">${esc(fill(w.allNotPrinted, { n: s.cadres }))}</p>` : ''}</section>`)

  if (assess) {
    yield line(`<section id="personal"><h2>${esc(l.personal)}</h2>`)
    let any = false
    for (const { cadre, finding } of personalFindingsOf(ds.cadres())) {
      if (!any) yield tableHtmlHead([u.id, u.name, u.unit, l.rules, l.finding])
      any = true
      yield tableHtmlRow([cadre.id, cadre.name, cadre.unit, ruleName(doc, d, finding.rule), finding.text])
    }
    yield line(any ? TABLE_END : `<p class="note">${esc(l.personalNone)}</p>`)
    yield line('</section>')
  }

  const body: string[] = []
  body.push(`<section id="issues"><h2>${esc(`${u.issues}${d.punct.paren(String(doc.summary.rowsInIssues))}`)}</h2>`)
  if (doc.issues.length === 0) body.push(`<p class="note">${esc(l.issuesNone)}</p>`)
  else {
    body.push(`<ul>${doc.issues.slice(0, REPORT_ISSUE_LIMIT).map((i) => li(esc(`${d.where(i.file, i.row, i.column, i.columnName)}${d.punct.colon}${i.message}`))).join('')}</ul>`)
    const more = doc.issues.length - REPORT_ISSUE_LIMIT + doc.summary.issuesOmitted
    if (more > 0) body.push(`<p class="note">${esc(fill(u.andMore, { n: more }))}</p>`)
  }
  body.push('</section>')

  body.push(
    `<section id="audit"><h2>${esc(l.audit)}</h2>`,
    `<table class="kv"><tbody>${auditRows(doc, d, l).map(([k, v]) => `<tr><th>${esc(k)}</th><td${/^[0-9a-f]{64}$/.test(v) ? ' class="hash"' : ''}>${esc(v)}</td></tr>`).join('')}</tbody></table>`,
    `<h3>${esc(l.inputs)}</h3>`,
    `<div class="table-wrap"><table><thead><tr>${[l.path, l.kind, l.sha256, l.rows, l.format, l.encoding, l.shape].map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>` +
      doc.inputs
        .map((i) => `<tr><td>${esc(i.path)}</td><td>${esc(i.kind)}</td><td class="hash">${esc(i.sha256)}</td><td class="num">${i.rows}</td><td>${esc(i.format)}</td><td>${esc(i.encoding)}</td><td>${esc(i.shape ?? '—')}</td></tr>`)
        .join('') +
      '</tbody></table></div>',
    `<p class="note">${esc(l.auditNote)}</p></section>`,
  )
  if (assess) body.push(`<footer><p class="disclaimer">${esc(u.disclaimer)}</p></footer>`)
  yield* [...body, '</body>', '</html>'].map(line)
}

/** Earlier years (第9项): whether this year's finding is a single year's, as list items. */
const advisoryItems = (c: CadreDoc, d: Dict, l: ExportLabels): string[] =>
  persistentNotes(c).map((a) => {
    const margin = a.marginText ? `<div class="margin${a.borderline ? ' borderline' : ''}">${esc(`${l.margin}${d.punct.colon}${a.marginText}`)}</div>` : ''
    return `<li class="advisory${a.fired ? ' fired' : ''}" data-rule="${esc(a.rule)}">${esc(a.text)}${margin}</li>`
  })

/** 第10项: the cadres for whom re-appointment may be considered (`--history`), a line each. */
function* reappointSection(ds: DocStream, d: Dict): Generator<string> {
  // Only earlier years make a cadre re-appointable: without them, no pass over the cadres.
  if (ds.head.history === undefined) return
  let count = 0
  for (const c of ds.cadres()) if (reappointable(c) !== undefined) count++
  if (count === 0) return
  const w = historyWords(d.lang)
  yield `<section id="reappointment"><h2>${esc(`${w.reappointmentSection}${d.punct.paren(String(count))}`)}</h2>\n`
  for (const c of ds.cadres()) {
    const a = reappointable(c)
    if (a === undefined) continue
    yield* [
      `<article class="cadre reappointment" data-id="${esc(c.id)}">`,
      `<h3>${esc(`${c.id} ${c.name}`)}</h3>`,
      c.unit || c.post ? `<p class="meta">${esc([c.unit, c.post].filter(Boolean).join(' '))}</p>` : '',
      `<ul><li class="advisory fired" data-rule="${esc(a.rule)}">${esc(a.text)}</li></ul>`,
      `<p>${esc(d.ui.options)}${d.punct.colon}${esc(a.options.map((o) => o.label).join(d.punct.semicolon))}</p>`,
      `<p>${esc(d.ui.prerequisites)}${d.punct.colon.trimEnd()}</p><ul>${a.prerequisites.map((p) => `<li>${esc(p.label)}</li>`).join('')}</ul>`,
      '</article>',
    ]
      .filter((x) => x !== '')
      .map((x) => `${x}\n`)
  }
  yield '</section>\n'
}
