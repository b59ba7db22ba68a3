#!/usr/bin/env node
// The acceptance corpus of issue 12: real-world sheet layouts, all written from ONE source
// table, so that every layout must give kaohe's result of the clean table.
//
//   npm run build && node scripts/make-layouts.mjs      writes test/fixtures/layouts/
//   node scripts/make-layouts.mjs --libreoffice          checks the XLSX files in LibreOffice
//
// Each layout is modelled on what public evaluation systems and office templates lay out
// (the `models` line of each; test/fixtures/layouts/README.md lists them): title rows,
// 填报/导出 lines, two- and three-row headers with real merged cells, 序号, 合计/小计/总计 rows,
// footnotes, spacer rows, 比例 rows, share columns, the header vocabulary of SPEC §2.0, the
// 事业单位 and 好/较好/一般/差 grade sets, paper ballots with √, workbooks of several sheets,
// names-only rosters, report and findings sheets. Every sheet is written as CSV UTF-8, CSV
// GB18030 and XLSX where the layout can be a CSV at all (a workbook of many sheets cannot).
//
// A CSV is what Excel/WPS "save as CSV" gives of the sheet: a merged range's value in its
// top-left cell and empty cells for the rest, every row as wide as the sheet (except where a
// layout says its export trims trailing empties), CRLF line ends. The XLSX is written here
// (sheet XML zipped with fflate): shared strings, numbers as numbers, <mergeCells>, percent
// formats where the layout stores a share as a number.
//
// Deterministic: no clock, no Math.random (a seeded PRNG assigns grades to ballots); zip
// entries dated 2026-01-15 12:00 wall-clock time in every time zone. The committed files
// are checked against a fresh generation by test/layouts/corpus.test.ts.
//
// The tests import this module (buildLayouts, SOURCE, reference builders); only the CLI
// below needs the built encoder (dist/) to write GB18030 bytes.
import { pathToFileURL } from 'node:url'
import { TextEncoder } from 'node:util'
import { zipSync } from 'fflate'
import { mulberry32 } from '../bench/generate.mjs'

// ---------------------------------------------------------------------------------------
// The source: six units, sixteen cadres, every vote accounted for.
// counts = [优秀, 称职, 基本称职, 不称职, 弃权/不了解, 无效]; each row sums to its unit's 实到
// (every voter present graded every cadre of the unit, or abstained, or spoilt the mark).
// ---------------------------------------------------------------------------------------
export const UNITS = [
  { code: 'CZ', name: '县财政局', eligible: 32, participated: 30 },
  { code: 'JY', name: '县教育局', eligible: 31, participated: 30 },
  { code: 'HK', name: '河口镇', eligible: 28, participated: 27 },
  // 32 of 70 voted: under a quorum policy (2/3 participation) its cadres are withheld.
  { code: 'BY', name: '白云乡', eligible: 70, participated: 32 },
  { code: 'WJ', name: '县卫生健康局', eligible: 25, participated: 25 },
  { code: 'JT', name: '县交通运输局', eligible: 26, participated: 24 },
]

const unitOf = (code) => UNITS.find((u) => u.code === code)

/** id, name, unit code, post, 正职, annual grade, counts, what the cadre shows. */
const CADRE_ROWS = [
  ['XC01', '周振华', 'CZ', '党组书记、局长', true, '优秀', [8, 12, 6, 4, 0, 0], '优秀+称职 20/30 恰为 2/3：不触发，边距 1'],
  ['XC02', '李明', 'CZ', '副局长', false, '称职', [5, 10, 5, 10, 0, 0], '不称职 10/30 恰为 1/3：不触发，边距 1；优秀+称职 15/30 触发组织调整'],
  ['XC03', '陈晓燕', 'CZ', '党组成员、副局长', false, '称职', [7, 12, 8, 3, 0, 0], '19/30，低于 2/3 一票：组织调整'],
  ['XC04', '刘志强', 'JY', '局长', true, '称职', [3, 9, 7, 11, 0, 0], '不称职 11/30，高于 1/3 一票：免职类'],
  ['XC05', '杨丽娟', 'JY', '副局长', false, '称职', [9, 12, 6, 3, 0, 0], '21/30，高于 2/3 一票：不触发'],
  ['XC06', '黄建军', 'JY', '副局长', false, '称职', [11, 10, 0, 9, 0, 0], '不称职 9/30，低于 1/3 一票：不触发'],
  ['XC07', '潘世杰', 'HK', '党委书记', true, '优秀', [15, 10, 1, 0, 1, 0], '一票不了解'],
  ['XC08', '蒋永红', 'HK', '镇长', true, '基本称职', [12, 11, 2, 1, 0, 1], '年度考核基本称职：诫勉；一张票划了两个等次（无效）'],
  ['XC09', '李明', 'HK', '副镇长', false, '称职', [10, 12, 3, 0, 2, 0], '与县财政局李明同名，靠单位区分；两票不了解'],
  ['XC10', '程建华', 'BY', '党委书记', true, '称职', [4, 8, 8, 12, 0, 0], '不称职 12/32 > 1/3：免职类；参测 32/70，设参测率下限时应暂缓'],
  ['XC11', '余秋菊', 'BY', '乡长', true, '称职', [12, 15, 3, 1, 1, 0], '一票不了解'],
  ['XC12', '魏晓东', 'BY', '副乡长', false, '称职', [16, 14, 2, 0, 0, 0], '未交个人有关事项报告'],
  ['XC13', '马文斌', 'WJ', '局长', true, '优秀', [20, 5, 0, 0, 0, 0], ''],
  ['XC14', '胡静', 'WJ', '副局长', false, '称职', [14, 9, 1, 0, 1, 0], '一票不了解'],
  ['XC15', '吴海涛', 'JT', '局长', true, '优秀', [18, 5, 1, 0, 0, 0], ''],
  ['XC16', '赵红梅', 'JT', '副局长', false, '称职', [6, 12, 4, 2, 0, 0], '查核发现瞒报投资（情节严重）'],
]

export const MARKS = ['excellent', 'competent', 'basicallyCompetent', 'incompetent', 'abstain', 'invalid']

export const CADRES = CADRE_ROWS.map(([id, name, code, post, principal, annualGrade, counts, note]) => {
  const unit = unitOf(code)
  const c = { id, name, unitCode: code, unit: unit.name, post, principal, annualGrade, note, eligible: unit.eligible, participated: unit.participated }
  MARKS.forEach((m, i) => (c[m] = counts[i]))
  const sum = counts.reduce((a, b) => a + b, 0)
  if (sum !== unit.participated) throw new Error(`${id}: votes add up to ${sum}, not ${unit.participated}`)
  return c
})

/** Personal-matter reports: the nine categories of item 5 (policy opinion-2009's labels). */
export const REPORT_CATEGORIES = [
  '住房',
  '投资',
  '婚姻变化',
  '持有因私出国（境）证件',
  '因私出国（境）情况',
  '子女与外国人、港澳台居民通婚情况',
  '配偶子女从业情况',
  '配偶子女出国（境）定居情况',
  '配偶子女被司法机关追究刑事责任情况',
]
const REPORT_TEXT = {
  XC01: { 住房: '本人名下住房1套（120平方米）', 配偶子女从业情况: '配偶在县第一中学任教' },
  XC04: { 投资: '本人持有基金2万元', '持有因私出国（境）证件': '普通护照1本，交组织部保管' },
  XC07: { 住房: '与配偶共有住房1套' },
  XC16: { 住房: '本人名下住房1套' },
}
/** XC05 left 投资 unanswered (item5-report-incomplete); XC12 handed in no report (item5-report-missing). */
export const REPORTS = CADRES.filter((c) => c.id !== 'XC12').map((c) => ({
  cadre: c,
  answers: REPORT_CATEGORIES.map((k) => (c.id === 'XC05' && k === '投资' ? '' : (REPORT_TEXT[c.id]?.[k] ?? '无'))),
}))
/** Verification findings: one 漏报 (admonishment), one serious 瞒报 (organizational handling). */
export const FINDINGS = [
  { cadre: CADRES[2], category: '住房', detail: '配偶名下住房1套未报告', serious: '否', type: '漏报' },
  { cadre: CADRES[15], category: '投资', detail: '配偶经营企业股权未报告', serious: '是', type: '瞒报' },
]

// ---------------------------------------------------------------------------------------
// Ballots: each unit's voters grade every cadre of the unit. The grades of a cadre are
// dealt to the unit's ballots by a seeded shuffle; the spoilt mark (无效) is a ballot that
// marked two grades for the cadre.
// ---------------------------------------------------------------------------------------
const GRADE_ZH = ['优秀', '称职', '基本称职', '不称职', '弃权', '无效']

const shuffle = (xs, rand) => {
  const a = [...xs]
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[a[i], a[j]] = [a[j], a[i]]
  }
  return a
}

/** For each unit, its ballots: [{ id, marks: Map(cadreId → mark index 0..5) }]. */
export const BALLOTS = (() => {
  const rand = mulberry32(20_260_115)
  const out = new Map()
  for (const u of UNITS) {
    const ballots = Array.from({ length: u.participated }, (_, i) => ({ id: `${u.code}${String(i + 1).padStart(3, '0')}`, marks: new Map() }))
    for (const c of CADRES.filter((x) => x.unitCode === u.code)) {
      const deck = shuffle(
        MARKS.flatMap((m, i) => Array(c[m]).fill(i)),
        rand,
      )
      deck.forEach((mark, b) => ballots[b].marks.set(c.id, mark))
    }
    out.set(u.code, ballots)
  }
  return out
})()
const cadresOf = (code) => CADRES.filter((c) => c.unitCode === code)

// ---------------------------------------------------------------------------------------
// Exact shares at a sheet's rounding (half up), never through a float.
// ---------------------------------------------------------------------------------------
/** num/den × scale rounded half up to `decimals` places, as text ('' when den is 0). */
export const roundShare = (num, den, scale, decimals) => {
  if (den === 0) return ''
  const p = 10n ** BigInt(decimals)
  const n = BigInt(num) * BigInt(scale) * p
  const d = BigInt(den)
  const q = (2n * n + d) / (2n * d)
  if (decimals === 0) return q.toString()
  const s = q.toString().padStart(decimals + 1, '0')
  return `${s.slice(0, -decimals)}.${s.slice(-decimals)}`
}
const returnedOf = (c) => MARKS.reduce((a, m) => a + c[m], 0)
/** A share cell. style: pct2 '66.67%' (text), num1 66.7, num2 66.67, ratio4 0.6667 (numbers in 0.0/0.00/0.0000 cells), xlsxpct (a double in a 0.00% cell). The CSV shows what the cell shows. */
const shareCell = (num, den, style) => {
  if (den === 0) return null
  if (style === 'pct2') return `${roundShare(num, den, 100, 2)}%`
  // A number cell holds what Excel would store (66.7, 40), its format shows the places.
  const number = (text, fmt) => ({ num: String(Number(text)), fmt, text })
  if (style === 'num1') return number(roundShare(num, den, 100, 1), '0.0')
  if (style === 'num2') return number(roundShare(num, den, 100, 2), '0.00')
  if (style === 'ratio4') return number(roundShare(num, den, 1, 4), '0.0000')
  // As Excel computes it: the full double in a 0.00% cell.
  if (style === 'xlsxpct') return { num: String(num / den), fmt: '0.00%', text: `${roundShare(num, den, 100, 2)}%` }
  throw new Error(`share style ${style}`)
}

// ---------------------------------------------------------------------------------------
// Sheets: rows of cells (string | integer | {num, fmt?, text?} | null), merges, and the
// lines kaohe must skip and list (titles, 填报 lines, totals, footnotes, 比例 rows).
// ---------------------------------------------------------------------------------------
class Sheet {
  constructor(name) {
    this.name = name
    this.rows = []
    this.merges = []
    this.skip = []
    this.headerLines = []
    // For the generator's own check (test/layouts/corpus.test.ts): what each column is in
    // the clean table (plain), which rows a total row sums, which row a 比例 row shares.
    this.plain = null
    this.totals = []
    this.ratios = []
    this.paper = null
  }
  /** Append a row; returns its 0-based index. */
  row(cells, { skip = false } = {}) {
    if (skip) this.skip.push(this.rows.length + 1)
    this.rows.push(cells)
    return this.rows.length - 1
  }
  /** A header row. */
  header(cells) {
    this.headerLines.push(this.row(cells) + 1)
  }
  blank() {
    this.rows.push([])
  }
  merge(r1, c1, r2, c2) {
    if (r1 !== r2 || c1 !== c2) this.merges.push([r1, c1, r2, c2])
  }
  /** A text line across the sheet (a title, a 填报 line, a footnote), merged or not; skipped. */
  line(text, width, { merged = true, skip = true } = {}) {
    const r = this.row([text, ...Array(width - 1).fill(null)], { skip })
    if (merged) this.merge(r, 0, r, width - 1)
    return r
  }
}

/**
 * Header rows from column paths: ['姓名'] spans every header row; ['测评等次', '优秀'] puts
 * 测评等次 over its run of columns and 优秀 under it; paths may be three deep.
 */
const headerRows = (sheet, columns) => {
  const depth = Math.max(...columns.map((c) => c.head.length))
  const first = sheet.rows.length
  const rows = Array.from({ length: depth }, () => Array(columns.length).fill(null))
  columns.forEach((c, i) => {
    const p = c.head
    for (let l = 0; l < p.length; l++) {
      const key = p.slice(0, l + 1).join('\u0001')
      const prev = i > 0 ? columns[i - 1].head : null
      const sameGroup = l < p.length - 1 && prev && prev.length > l + 1 && prev.slice(0, l + 1).join('\u0001') === key
      if (!sameGroup) rows[l][i] = p[l]
    }
    if (p.length < depth) sheet.merge(first + p.length - 1, i, first + depth - 1, i)
  })
  // Horizontal merges of parents over their runs.
  for (let l = 0; l < depth - 1; l++) {
    let start = 0
    while (start < columns.length) {
      const p = columns[start].head
      let end = start
      if (p.length > l + 1) {
        const key = p.slice(0, l + 1).join('\u0001')
        while (end + 1 < columns.length && columns[end + 1].head.length > l + 1 && columns[end + 1].head.slice(0, l + 1).join('\u0001') === key) end++
        sheet.merge(first + l, start, first + l, end)
      }
      start = end + 1
    }
  }
  for (const r of rows) sheet.headerLines.push(sheet.row(r) + 1)
  sheet.heads = columns.map((c) => c.head)
}

// Column makers. get(c, seq) gives a data cell; total(cs) the cell of a 合计/小计 row over cs.
const sum = (cs, f) => cs.reduce((a, c) => a + f(c), 0)
/** The clean table's header of each mark and people count. */
export const CLEAN = { excellent: '优秀', competent: '称职', basicallyCompetent: '基本称职', incompetent: '不称职', abstain: '弃权', invalid: '无效', eligible: '应参加人数', participated: '实参加人数' }
const col = {
  seq: (head = ['序号']) => ({ head, get: (_c, seq) => seq, total: () => null, label: true, plain: null }),
  name: (head = ['姓名']) => ({ head, get: (c) => c.name, total: () => null, label: true, plain: { header: '姓名' } }),
  unit: (head = ['单位']) => ({ head, get: (c) => c.unit, total: () => null, label: true, plain: { header: '单位' } }),
  post: (head = ['职务']) => ({ head, get: (c) => c.post, total: () => null, label: true, plain: { header: '职务' } }),
  unitPost: (head = ['单位及职务']) => ({ head, get: (c) => `${c.unit}${c.post}`, total: () => null, label: true, plain: { split: ['单位', '职务'] } }),
  text: (head, f) => ({ head, get: f, total: () => null, plain: null }),
  /** A vote count; blankZero: the sheet leaves 0 blank (注：空白处为0票). */
  count: (mark, head, { blankZero = false } = {}) => ({
    head,
    mark,
    get: (c) => (blankZero && c[mark] === 0 ? null : c[mark]),
    total: (cs) => sum(cs, (c) => c[mark]),
    plain: { header: CLEAN[mark], count: true },
  }),
  /** 应到 / 实到: totals summed (a SUM formula dragged across) or left blank. */
  people: (field, head, { totals = 'sum' } = {}) => ({
    head,
    field,
    get: (c) => c[field],
    total: (cs) => (totals === 'sum' ? sum(cs, (c) => c[field]) : null),
    plain: { header: CLEAN[field], count: true },
  }),
  /** A share of some marks over the ballots returned for the cadre (= 实到 here). */
  share: (marks, head, style, { totals = true } = {}) => ({
    head,
    share: marks,
    plain: { share: marks.map((m) => CLEAN[m]), style },
    get: (c) => shareCell(sum([c], (x) => marks.reduce((a, m) => a + x[m], 0)), returnedOf(c), style),
    total: (cs) =>
      totals
        ? shareCell(
            sum(cs, (x) => marks.reduce((a, m) => a + x[m], 0)),
            sum(cs, returnedOf),
            style,
          )
        : null,
  }),
  /** A per-row total of the given marks (票数 / 合计). */
  rowTotal: (marks, head) => ({
    head,
    plain: { rowTotal: marks.map((m) => CLEAN[m]) },
    get: (c) => marks.reduce((a, m) => a + c[m], 0),
    total: (cs) => sum(cs, (c) => marks.reduce((a, m) => a + c[m], 0)),
  }),
}

/** A 合计/小计/总计 row: the label over the label columns (merged) or in one column. */
const totalRow = (sheet, columns, cadres, label, { at = 'span' } = {}) => {
  const cells = columns.map((c) => c.total(cadres))
  sheet.totals.push({ line: sheet.rows.length + 1, covers: cadres.map((c) => sheet.dataLine.get(c.id)) })
  const labels = columns.map((c, i) => (c.label ? i : -1)).filter((i) => i >= 0)
  if (at === 'span') {
    cells[labels[0]] = label
    const r = sheet.row(cells, { skip: true })
    sheet.merge(r, labels[0], r, labels[labels.length - 1])
    return r
  }
  const i = columns.findIndex((c) => c.head[c.head.length - 1] === at)
  cells[i] = label
  return sheet.row(cells, { skip: true })
}

/**
 * A count sheet: lines above, header rows, one row per cadre (optionally grouped by unit
 * with 小计 rows or spacer rows), total rows and footnotes below.
 */
const countSheet = ({
  name = 'Sheet1',
  columns,
  cadres = CADRES,
  above = [],
  below = [],
  total = null,
  grandTotal = null,
  subtotals = false,
  spacers = false,
  ratioRows = null,
}) => {
  const s = new Sheet(name)
  s.plain = columns.map((c) => c.plain)
  s.dataLine = new Map()
  const width = columns.length
  for (const a of above) {
    if (typeof a === 'string') s.line(a, width)
    else if (a.cells) s.row([...a.cells, ...Array(Math.max(0, width - a.cells.length)).fill(null)], { skip: true })
    else s.line(a.text, width, a)
  }
  headerRows(s, columns)
  let seq = 0
  const groups = subtotals || spacers ? UNITS.map((u) => cadres.filter((c) => c.unitCode === u.code)).filter((g) => g.length > 0) : [cadres]
  groups.forEach((g, gi) => {
    for (const c of g) {
      seq++
      const r = s.row(columns.map((col) => col.get(c, seq)))
      s.dataLine.set(c.id, r + 1)
      if (ratioRows) {
        s.ratios.push({ line: r + 2, of: r + 1 })
        const cells = columns.map((col) => (col.mark ? shareCell(c[col.mark], returnedOf(c), ratioRows.style) : null))
        cells[ratioRows.column] = '比例'
        s.row(cells, { skip: true })
        // The cadre's own cells are merged down over its 比例 row.
        columns.forEach((col, i) => {
          if (col.label) s.merge(r, i, r + 1, i)
        })
        s.rows[r][ratioRows.column] = '票数'
      }
    }
    if (subtotals) totalRow(s, columns, g, '小计', subtotals)
    if (spacers && gi < groups.length - 1) s.blank()
  })
  if (total) totalRow(s, columns, cadres, total.label ?? '合计', total)
  if (grandTotal) totalRow(s, columns, cadres, '总计', grandTotal)
  for (const b of below) {
    if (b === '') s.blank()
    else if (typeof b === 'string') s.line(b, width, { merged: false })
    else s.line(b.text, width, b)
  }
  return s
}

const GRADE_MARKS = ['excellent', 'competent', 'basicallyCompetent', 'incompetent']
/** The four grade columns under the given names, each under `parent` where given. */
const grades = (names = ['优秀', '称职', '基本称职', '不称职'], { parent = null, ...opts } = {}) =>
  GRADE_MARKS.map((m, i) => col.count(m, parent ? [parent, names[i]] : [names[i]], opts))
/** [mark, header] of the six marks, 弃权 and 无效 under the given names. */
const named = (abstain = '弃权', invalid = '无效') => MARKS.map((m, i) => [m, i === 4 ? abstain : i === 5 ? invalid : GRADE_ZH[i]])
/** 序号 (unless seq is false), 姓名, 单位, 职务 under the given names. */
const who = ({ seq = true, name = ['姓名'], post = ['职务'] } = {}) => [...(seq ? [col.seq()] : []), col.name(name), col.unit(), col.post(post)]
/** The 弃权/不了解 and 无效 columns under the given names. */
const spoilt = (abstain = '弃权', invalid = '无效', opts = {}) => [col.count('abstain', [abstain], opts), col.count('invalid', [invalid], opts)]
/** 应到 and 实到 under the given names. */
const turnout = (eligible = '应参加人数', participated = '实参加人数', opts = {}) => [col.people('eligible', [eligible], opts), col.people('participated', [participated], opts)]
const TITLE = 'XX县2025年度科级领导干部民主测评结果汇总表'

// ---------------------------------------------------------------------------------------
// The clean references: the shapes kaohe reads today, over the same source. `info` names
// the optional facts a layout carries (abstain, invalid, eligible, participated); its
// reference carries exactly those.
// ---------------------------------------------------------------------------------------
export const ALL_INFO = ['abstain', 'invalid', 'eligible', 'participated']
/** Columns that are the clean table's, by header (null: not in the clean table). */
const plainOf = (headers) => headers.map((h) => (h === null ? null : { header: h }))

/** The clean count table with the given optional columns. */
export const referenceCounts = (info = ALL_INFO) => {
  const columns = [...who({ seq: false }), ...grades()]
  if (info.includes('abstain')) columns.push(col.count('abstain', ['弃权']))
  if (info.includes('invalid')) columns.push(col.count('invalid', ['无效']))
  if (info.includes('eligible')) columns.push(col.people('eligible', ['应参加人数']))
  if (info.includes('participated')) columns.push(col.people('participated', ['实参加人数']))
  return countSheet({ columns })
}

/** The clean long ballots: one row per ballot × cadre. */
export const referenceLong = () => {
  const s = new Sheet('Sheet1')
  headerRows(s, [['票号'], ['姓名'], ['单位'], ['职务'], ['测评等次']].map((head) => ({ head })))
  s.plain = plainOf(['票号', '姓名', '单位', '职务', '测评等次'])
  for (const u of UNITS) {
    for (const b of BALLOTS.get(u.code)) {
      for (const c of cadresOf(u.code)) s.row([b.id, c.name, c.unit, c.post, GRADE_ZH[b.marks.get(c.id)]])
    }
  }
  return s
}

const ROSTER_COLUMNS = {
  id: ['干部编号', (c) => c.id],
  name: ['姓名', (c) => c.name],
  unit: ['单位', (c) => c.unit],
  post: ['职务', (c) => c.post],
  principal: ['是否正职', (c) => (c.principal ? '是' : '否')],
  annualGrade: ['年度考核等次', (c) => c.annualGrade],
  dutyStatement: ['述职述廉', () => '是'],
}
/** The clean roster (ids) with the given fields. */
export const referenceRoster = (fields = ['id', 'name', 'unit', 'post', 'principal', 'annualGrade']) => {
  const s = new Sheet('Sheet1')
  s.header(fields.map((f) => ROSTER_COLUMNS[f][0]))
  s.plain = plainOf(fields.map((f) => ROSTER_COLUMNS[f][0]))
  for (const c of CADRES) s.row(fields.map((f) => ROSTER_COLUMNS[f][1](c)))
  return s
}

export const referenceReports = () => {
  const s = new Sheet('Sheet1')
  s.header(['姓名', '单位', '职务', ...REPORT_CATEGORIES])
  s.plain = plainOf(['姓名', '单位', '职务', ...REPORT_CATEGORIES])
  for (const r of REPORTS) s.row([r.cadre.name, r.cadre.unit, r.cadre.post, ...r.answers])
  return s
}

export const referenceFindings = () => {
  const s = new Sheet('Sheet1')
  s.header(['姓名', '单位', '事项', '情况', '情节严重', '类型'])
  s.plain = plainOf(['姓名', '单位', '事项', '情况', '情节严重', '类型'])
  for (const f of FINDINGS) s.row([f.cadre.name, f.cadre.unit, f.category, f.detail, f.serious, f.type])
  return s
}

// ---------------------------------------------------------------------------------------
// Paper ballots (SPEC §2.1 shape 4).
// ---------------------------------------------------------------------------------------
/** The cells of one cadre's row on a paper ballot: a mark under the grade, two marks when spoilt. */
const markCells = (mark, tick, cols = 5) => {
  const cells = Array(cols).fill(null)
  if (mark <= 4) cells[mark] = tick
  else {
    // 无效: the voter marked two grades (称职 and 基本称职).
    cells[1] = tick
    cells[2] = tick
  }
  return cells
}
const PAPER_HEAD = ['序号', '姓名', '单位', '职务', '优秀', '称职', '基本称职', '不称职', '不了解']
const infoText = (u) => `部门：${u.name}\u3000\u3000应到：${u.eligible}人\u3000\u3000实到：${u.participated}人`

/** One ballot as a block of rows (header optional). */
const ballotRows = (s, u, ballot, { tick = '√', header = true, head = PAPER_HEAD, piaohao = false } = {}) => {
  const at = piaohao ? 1 : 0
  s.paper = { name: at + 1, unit: at + 2, grades: at + 4, tick }
  if (header) s.header(piaohao ? ['票号', ...head] : head)
  cadresOf(u.code).forEach((c, i) => {
    const cells = [i + 1, c.name, c.unit, c.post, ...markCells(ballot.marks.get(c.id), tick)]
    s.row(piaohao ? [ballot.id, ...cells] : cells)
  })
}

// ---------------------------------------------------------------------------------------
// The layouts.
// ---------------------------------------------------------------------------------------
const ALL_FORMATS = ['csv', 'gb18030', 'xlsx']
const EXPORT_META = { cells: ['导出人：', '系统管理员', '导出时间：', '2026-01-16 09:30:12'] }

const votes = (id, models, sheet, extra = {}) => ({
  id,
  kind: 'votes',
  models,
  ref: { source: 'counts', info: ALL_INFO },
  policy: null,
  formats: ALL_FORMATS,
  bom: true,
  files: [{ base: id, sheets: [sheet] }],
  ...extra,
})

const countLayouts = () => [
  votes(
    'counts-clean',
    'The clean count table kaohe reads today (SPEC §2.1 shape 3, names and units, no ids): the baseline every other count layout must equal.',
    referenceCounts(),
    { bom: false },
  ),
  votes(
    'counts-title',
    'A county 汇总表 as a clerk saves it: the title on row 1 and a 填报单位/填报日期 line on row 2, both merged across the table, then a one-row header.',
    countSheet({
      above: [TITLE, '填报单位：中共XX县委组织部　　　　填报日期：2026年1月15日'],
      columns: [...who({ seq: false }), ...grades(), ...spoilt(), ...turnout()],
    }),
  ),
  votes(
    'counts-export-meta',
    'An evaluation system export: a 测评活动 line and an unmerged 导出人/导出时间 line (labels and values in separate cells) above the header; the CSV export trims trailing empty cells.',
    countSheet({
      above: [{ text: '测评活动：2025年度科级领导干部年度考核民主测评', merged: false }, EXPORT_META],
      columns: [...who(), ...grades(), ...spoilt(), ...turnout()],
    }),
    { ragged: true, bom: false },
  ),
  votes(
    'counts-grade-parent',
    'The usual printed 汇总表: title, 测评等次 merged over 优秀|称职|基本称职|不称职, 序号/姓名/单位/职务/应到/实到/不了解/无效票 merged down both header rows, a 合计 row merged across 序号…职务.',
    countSheet({
      above: [TITLE],
      columns: [
        ...who(),
        ...turnout('应到人数', '实到人数'),
        ...grades(undefined, { parent: '测评等次' }),
        ...spoilt('不了解', '无效票'),
      ],
      total: { at: 'span' },
    }),
  ),
  votes(
    'counts-votes-share',
    'Each grade merged over 票数|比例 (比例 as text such as 66.67%, over the ballots returned), 应参加人数/实参加人数 merged down, a 合计 row whose shares are those of the sums.',
    countSheet({
      above: [TITLE],
      columns: [
        ...who(),
        ...turnout(),
        ...named('弃权').flatMap(([m, zh]) => [col.count(m, [zh, '票数']), col.share([m], [zh, '比例'], 'pct2')]),
      ],
      total: { at: 'span' },
    }),
  ),
  votes(
    'counts-people-pct',
    'A teachers-congress style 评议情况 table: each grade over 人数|占测评人数% (plain numbers such as 66.67), 应参评人数/参评人数, the unit merged over the two header rows.',
    countSheet({
      above: [{ text: 'XX县2025年度领导干部民主评议情况统计表' }],
      columns: [
        ...who({ seq: false }),
        ...turnout('应参评人数', '参评人数'),
        ...named('不了解').flatMap(([m, zh]) => [col.count(m, [zh, '人数']), col.share([m], [zh, '占测评人数%'], 'num2')]),
      ],
    }),
  ),
  votes(
    'counts-opinion-parent',
    'A 领导人员 evaluation summary: 评价意见结果 merged over the grades, 领导人员/领导人员职务 names, 应测评人数/投票人数, 不了解票数 and 无效票 beside the grades.',
    countSheet({
      above: ['XX县2025年度县管领导人员综合考核评价意见汇总表'],
      columns: [
        col.seq(),
        col.name(['领导人员']),
        col.unit(),
        col.post(['领导人员职务']),
        ...turnout('应测评人数', '投票人数'),
        ...grades(undefined, { parent: '评价意见结果' }),
        ...spoilt('不了解票数', '无效票'),
      ],
    }),
  ),
  votes(
    'counts-heji-name',
    'A small office sheet, header on row 1, no 序号 and no 应到/实到, 0 votes left blank: the 合计 row has its label in the 姓名 column, then a 总计 row (same sums) as some templates carry both, and the footnote 注：空白处为0票。 (today: 合计 and the footnote become cadres).',
    countSheet({
      columns: [...who({ seq: false }), ...grades(undefined, { blankZero: true }), col.count('abstain', ['弃权'], { blankZero: true })],
      total: { at: '姓名' },
      grandTotal: { at: '姓名' },
      below: ['注：空白处为0票。'],
    }),
    { ref: { source: 'counts', info: ['abstain'] } },
  ),
  votes(
    'counts-seq-total',
    'The sheet as most offices keep it, header on row 1: 序号, the four grades under their own names, 不了解票数, 无效, 应到人数, 实到人数, and a 合计 row merged across 序号…职务 (today: 不了解/应到/实到 dropped with a notice, and in the XLSX the merged 合计 becomes a cadre).',
    countSheet({
      columns: [
        ...who(),
        ...grades(),
        ...spoilt('不了解票数'),
        ...turnout('应到人数', '实到人数'),
      ],
      total: { at: 'span' },
    }),
  ),
  votes(
    'counts-subtotals',
    'Units in blocks: a 小计 row (label merged across 序号…职务) after each unit, a 总计 row at the end, 应到/实到 summed in every total row.',
    countSheet({
      above: [TITLE],
      columns: [...who(), ...grades(), ...spoilt('不了解'), ...turnout('应到人数', '实到人数')],
      subtotals: { at: 'span' },
      grandTotal: { at: 'span' },
    }),
  ),
  votes(
    'counts-footnotes',
    'A sheet with 0 votes left blank and the footnote 注：空白处为0票。, a 说明 line, 填表人/审核人 and 制表 lines, blank spacer rows between units, 应到人数 only.',
    countSheet({
      above: [TITLE],
      columns: [
        ...who(),
        ...grades(undefined, { blankZero: true }),
        col.count('abstain', ['不了解'], { blankZero: true }),
        col.people('eligible', ['应到人数']),
      ],
      spacers: true,
      below: ['', '注：空白处为0票。', '说明：得票按收回的有效测评票统计。', '填表人：王某某　　审核人：李某某', '制表：县委组织部干部一科　2026年1月15日'],
    }),
    { ref: { source: 'counts', info: ['abstain', 'eligible'] } },
  ),
  votes(
    'counts-ratio-rows',
    'Two rows per cadre: a 项目 column reads 票数 then 比例, the cadre\'s 序号/姓名/单位/职务 merged down over both rows, the 比例 row holding each grade\'s share (44.44%).',
    countSheet({
      above: [TITLE],
      columns: [...who(), col.text(['项目'], () => null), ...grades(), ...spoilt('不了解')],
      ratioRows: { column: 4, style: 'pct2' },
    }),
    { ref: { source: 'counts', info: ['abstain', 'invalid'] } },
  ),
  votes(
    'counts-rate-columns',
    'Share columns at the sheet\'s rounding: 优秀率 as a 4-place ratio (0.2667), 称职及以上率 as a 1-place percent number (66.7), a per-row 合计 of all ballots, a 合计 row.',
    countSheet({
      above: [TITLE],
      columns: [
        ...who(),
        ...turnout('应到人数', '实到人数'),
        ...grades(),
        ...spoilt('不了解'),
        col.rowTotal(MARKS, ['合计']),
        col.share(['excellent'], ['优秀率'], 'ratio4'),
        col.share(['excellent', 'competent'], ['称职及以上率(%)'], 'num1'),
      ],
      total: { at: 'span' },
    }),
  ),
  votes(
    'counts-rate-percent',
    'Shares as Excel computes them: 称职以上率 and 满意率 stored as full-precision numbers in 0.00% cells (the CSV export shows 66.67%), a per-row 票数 total of the four grades.',
    countSheet({
      above: [TITLE],
      columns: [
        ...who({ seq: false }),
        ...grades(),
        col.rowTotal(['excellent', 'competent', 'basicallyCompetent', 'incompetent'], ['票数']),
        ...spoilt(),
        ...turnout(),
        col.share(['excellent', 'competent'], ['称职以上率'], 'xlsxpct'),
        col.share(['excellent', 'competent'], ['满意率'], 'xlsxpct'),
      ],
    }),
  ),
  votes(
    'counts-vocab-piao',
    'Counts headed as systems name them: 被测评人, 优秀票数 … 不称职票数, 不了解票数, 无效票数, 应到人数, 实到人数 (today: 不了解/应到/实到 silently dropped).',
    countSheet({
      columns: [
        col.name(['被测评人']),
        col.unit(),
        col.post(),
        ...grades(['优秀票数', '称职票数', '基本称职票数', '不称职票数']),
        ...spoilt('不了解票数', '无效票数'),
        ...turnout('应到人数', '实到人数'),
      ],
    }),
  ),
  votes(
    'counts-vocab-paren',
    'Another template\'s names: 领导人员, 领导人员职务, 优秀(票) … 弃权(票), 无效(票), 应参加, 实参加, with a 制表 footnote.',
    countSheet({
      columns: [
        col.name(['领导人员']),
        col.unit(),
        col.post(['领导人员职务']),
        ...named('弃权').map(([m, zh]) => col.count(m, [`${zh}(票)`])),
        ...turnout('应参加', '实参加'),
      ],
      below: ['制表：县委组织部'],
    }),
    { bom: false },
  ),
  votes(
    'counts-vocab-shouhui',
    'A ballot-count sheet with 测评对象, 应到人数, 收回票数 before the grades, 序号, and a 合计 row whose 应到/实到 cells are left blank.',
    countSheet({
      above: [TITLE],
      columns: [
        col.seq(),
        col.name(['测评对象']),
        col.unit(),
        col.post(),
        col.people('eligible', ['应到人数'], { totals: 'blank' }),
        col.people('participated', ['收回票数'], { totals: 'blank' }),
        ...grades(),
        ...spoilt('不了解'),
      ],
      total: { at: 'span' },
    }),
  ),
  votes(
    'counts-unit-post',
    'One combined 单位及职务 column (县财政局副局长) instead of 单位 and 职务: the two 李明 are told apart by it.',
    countSheet({
      columns: [col.seq(), col.name(), col.unitPost(), ...grades(), ...spoilt(), ...turnout()],
    }),
  ),
  votes(
    'counts-three-row',
    'A three-row header: 民主测评情况 over the grades, each grade over 票数|比例 (shares of the ballots returned, 0.00% text), 姓名/单位/职务 merged down all three rows.',
    countSheet({
      above: [TITLE],
      columns: [
        ...who(),
        ...turnout(),
        ...named('不了解').flatMap(([m, zh]) => [
          col.count(m, ['民主测评情况', zh, '票数']),
          col.share([m], ['民主测评情况', zh, '比例'], 'pct2', { totals: false }),
        ]),
      ],
      total: { at: 'span' },
    }),
  ),
  votes(
    'counts-hege',
    'The 事业单位 grade set: 优秀|合格|基本合格|不合格 under 测评等次, run with the built-in policy opinion-2009-hege.',
    countSheet({
      above: ['XX县2025年度事业单位领导人员年度考核民主测评结果汇总表'],
      columns: [
        ...who(),
        ...grades(['优秀', '合格', '基本合格', '不合格'], { parent: '测评等次' }),
        ...spoilt('不了解'),
        ...turnout('应到人数', '实到人数'),
      ],
    }),
    { policy: 'opinion-2009-hege' },
  ),
  votes(
    'counts-haohuai',
    'The 好/较好/一般/差 set under 评价意见, run with the built-in policy opinion-2009-haohuai (好 = 优秀, 较好 = 称职, 一般 = 基本称职, 差 = 不称职).',
    countSheet({
      above: ['XX县2025年度领导干部民主评议结果统计表'],
      columns: [
        ...who({ seq: false }),
        ...grades(['好', '较好', '一般', '差'], { parent: '评价意见' }),
        ...spoilt('不了解'),
        ...turnout('应到人数', '实到人数'),
      ],
    }),
    { policy: 'opinion-2009-haohuai' },
  ),
  votes(
    'counts-haohuai-paren',
    'A published 综合评价 form: 优秀 | 称职(较好) | 基本称职(一般) | 不称职(差), run with opinion-2009-haohuai.',
    countSheet({
      above: [TITLE],
      columns: [
        ...who(),
        ...grades(['优秀', '称职(较好)', '基本称职(一般)', '不称职(差)'], { parent: '综合评价' }),
        ...spoilt('不了解'),
        ...turnout('应到人数', '实到人数'),
      ],
    }),
    { policy: 'opinion-2009-haohuai' },
  ),
]

/** A workbook of one assessment: 填表说明, then 正职 and 副职 sheets with the same table. */
const workbookLayout = () => {
  const columns = [
    ...who(),
    ...turnout('应到人数', '实到人数'),
    ...grades(undefined, { parent: '测评等次' }),
    ...spoilt('不了解'),
  ]
  const guide = new Sheet('填表说明')
  for (const t of [
    '填表说明',
    '一、本表由各单位组织人事部门根据民主测评票统计填写，正职、副职分表填报。',
    '二、“应到人数”为应参加测评人数，“实到人数”为实际参加测评人数。',
    '三、各等次票数之和加不了解、无效票数应等于实到人数。',
  ])
    guide.row([t])
  const sheet = (name, title, cs) => {
    const s = countSheet({ name, above: [title], columns, cadres: cs, total: { at: 'span' } })
    // Deputies of one unit sit together; the unit cell is merged down over them.
    const first = s.headerLines[s.headerLines.length - 1]
    let r = first
    while (r < first + cs.length) {
      let end = r
      while (end + 1 < first + cs.length && cs[end + 1 - first].unitCode === cs[r - first].unitCode) end++
      if (end > r) {
        for (let k = r + 1; k <= end; k++) s.rows[k][2] = null
        s.merge(r, 2, end, 2)
      }
      r = end + 1
    }
    return s
  }
  const principals = CADRES.filter((c) => c.principal)
  const deputies = CADRES.filter((c) => !c.principal)
  return {
    id: 'workbook-zhengfu',
    kind: 'votes',
    models:
      'One assessment as a workbook: a leading 填表说明 sheet (text, no table), a 正职 sheet and a 副职 sheet with the same two-row table, each with its title and 合计 row; the unit merged down over its deputies.',
    ref: { source: 'counts', info: ALL_INFO },
    policy: null,
    formats: ['xlsx'],
    files: [{ base: 'workbook-zhengfu', sheets: [guide, sheet('正职', 'XX县2025年度科级正职领导干部民主测评结果', principals), sheet('副职', 'XX县2025年度科级副职领导干部民主测评结果', deputies)] }],
    runs: [
      // The 填表说明 sheet holds no table: skipped with a notice that names it.
      { label: 'every sheet', inputs: (p) => [p], notices: ['填表说明'] },
      { label: '#正职 and #副职', inputs: (p) => [`${p}#正职`, `${p}#副职`] },
      { label: '#2 and #3', inputs: (p) => [`${p}#2`, `${p}#3`] },
      { label: '#副职 alone', inputs: (p) => [`${p}#副职`], voted: (c) => !c.principal },
    ],
  }
}

const paperLayouts = () => {
  const perUnit = (id, models, make, extra = {}) => ({
    id,
    kind: 'votes',
    models,
    ref: { source: 'counts', info: ALL_INFO },
    policy: null,
    formats: ALL_FORMATS,
    bom: false,
    files: UNITS.map((u) => ({ base: `${id}-${u.code}`, sheets: [make(u)] })),
    ...extra,
  })
  const sheetPerBallot = {
    id: 'paper-sheets',
    kind: 'votes',
    models:
      'Typed-in paper ballots (测评票), one workbook per unit and one sheet per ballot: the ballot\'s title, the 部门/应到/实到 line, 序号|姓名|单位|职务 and a √ under one of 优秀|称职|基本称职|不称职|不了解; one ballot marks two grades for one cadre (spoilt); a 说明 footnote.',
    ref: { source: 'counts', info: ALL_INFO },
    policy: null,
    formats: ['xlsx'],
    files: UNITS.map((u) => ({
      base: `paper-sheets-${u.code}`,
      sheets: BALLOTS.get(u.code).map((b, i) => {
        const s = new Sheet(`第${i + 1}票`)
        s.line(`${u.name}领导班子成员2025年度考核民主测评票`, PAPER_HEAD.length)
        s.line(infoText(u), PAPER_HEAD.length, { skip: false })
        ballotRows(s, u, b)
        s.line('说明：请在您认为合适的等次栏内划“√”，每人只能划一个“√”。', PAPER_HEAD.length)
        return s
      }),
    })),
  }
  return [
    sheetPerBallot,
    {
      id: 'paper-blocks-piaohao',
      kind: 'votes',
      models: 'Paper ballots typed into one sheet: a 票号 column, one block of rows per ballot, √ marks, every unit in one file, no 应到/实到 line (so the reference is the long ballots).',
      ref: { source: 'long' },
      policy: null,
      formats: ALL_FORMATS,
      bom: true,
      files: [
        {
          base: 'paper-blocks-piaohao',
          sheets: [
            (() => {
              const s = new Sheet('测评票录入')
              s.header(['票号', ...PAPER_HEAD.slice(0, 8), '弃权'])
              for (const u of UNITS) for (const b of BALLOTS.get(u.code)) ballotRows(s, u, b, { header: false, piaohao: true })
              return s
            })(),
          ],
        },
      ],
    },
    perUnit(
      'paper-blocks-header',
      'Paper ballots of one unit typed one under another: the title and the 部门/应到/实到 line once at the top, each ballot a block that repeats the header row.',
      (u) => {
        const s = new Sheet(u.name)
        s.line(`${u.name}2025年度考核民主测评票录入表`, PAPER_HEAD.length)
        s.line(infoText(u), PAPER_HEAD.length, { skip: false })
        for (const b of BALLOTS.get(u.code)) ballotRows(s, u, b)
        return s
      },
    ),
    perUnit(
      'paper-blocks-blank',
      'Paper ballots of one unit separated by blank rows: the header once, 部门/应到/实到 as label and value cells, ✔ marks.',
      (u) => {
        const s = new Sheet(u.name)
        s.row(['部门', u.name, '应到', u.eligible, '实到', u.participated, null, null, null])
        BALLOTS.get(u.code).forEach((b, i) => {
          if (i > 0) s.blank()
          ballotRows(s, u, b, { tick: '✔', header: i === 0 })
        })
        return s
      },
    ),
    perUnit(
      'paper-haohuai',
      'A published ballot form whose columns read 优秀 | 称职(较好) | 基本称职(一般) | 不称职(差) | 不了解, ○ marks, blocks with a repeated header; run with opinion-2009-haohuai.',
      (u) => {
        const s = new Sheet(u.name)
        s.line(infoText(u), PAPER_HEAD.length, { skip: false })
        const head = ['序号', '姓名', '单位', '职务', '优秀', '称职(较好)', '基本称职(一般)', '不称职(差)', '不了解']
        for (const b of BALLOTS.get(u.code)) ballotRows(s, u, b, { tick: '○', head })
        return s
      },
      { policy: 'opinion-2009-haohuai' },
    ),
  ]
}

const longLayouts = () => {
  const one = (id, models, sheet, extra = {}) => votes(id, models, sheet, { ref: { source: 'long' }, ...extra })
  const GRADE_SYS = ['优秀', '称职', '基本称职', '不称职', '不了解']
  return [
    one('long-clean', 'The clean long ballots kaohe reads today (SPEC §2.1 shape 1): the baseline of the ballot layouts.', referenceLong(), { bom: false }),
    one(
      'long-ceping-jieguo',
      'The clean long ballots with the grade column headed 测评结果, as evaluation systems name it (today: read as wide ballots, every cadre column an unknown grade).',
      (() => {
        const s = referenceLong()
        s.rows[0][4] = '测评结果'
        s.heads[4] = ['测评结果']
        return s
      })(),
    ),
    one(
      'long-system',
      'An online evaluation system\'s detail export: a 测评活动 line and an 导出人 line above 序号|匿名账号|测评对象|单位|职务|测评结果; 不了解 as a grade; a spoilt mark as two rows of one 匿名账号 with different grades; a 注 line below.',
      (() => {
        const s = new Sheet('明细')
        s.line('测评活动：2025年度科级领导干部年度考核民主测评', 6, { merged: false })
        s.row([...EXPORT_META.cells, null, null], { skip: true })
        s.header(['序号', '匿名账号', '测评对象', '单位', '职务', '测评结果'])
        s.plain = plainOf([null, '票号', '姓名', '单位', '职务', '测评等次'])
        let seq = 0
        for (const u of UNITS) {
          for (const b of BALLOTS.get(u.code)) {
            for (const c of cadresOf(u.code)) {
              const m = b.marks.get(c.id)
              const account = `NM${b.id}`
              if (m === 5) {
                s.row([++seq, account, c.name, c.unit, c.post, '称职'])
                s.row([++seq, account, c.name, c.unit, c.post, '基本称职'])
              } else s.row([++seq, account, c.name, c.unit, c.post, GRADE_SYS[m]])
            }
          }
        }
        s.line('注：本表由测评系统导出，每行为一张测评票对一名测评对象的评价。', 6, { merged: false })
        return s
      })(),
    ),
    one(
      'long-combined',
      'A scanner export of ballot marks: 测评人编号, 被测评人, a combined 单位及职务 column and 总体评价 as the grade (弃权, 无效 written out).',
      (() => {
        const s = new Sheet('Sheet1')
        s.header(['测评人编号', '被测评人', '单位及职务', '总体评价'])
        s.plain = [{ header: '票号' }, { header: '姓名' }, { split: ['单位', '职务'] }, { header: '测评等次' }]
        for (const u of UNITS) {
          for (const b of BALLOTS.get(u.code)) for (const c of cadresOf(u.code)) s.row([b.id, c.name, `${c.unit}${c.post}`, GRADE_ZH[b.marks.get(c.id)]])
        }
        return s
      })(),
    ),
  ]
}

const rosterLayouts = () => [
  {
    id: 'roster-clean',
    kind: 'roster',
    models: 'The clean roster kaohe reads today (SPEC §2.2, with 干部编号): used with every vote layout, and the baseline of the roster layouts.',
    ref: { fields: ['id', 'name', 'unit', 'post', 'principal', 'annualGrade'] },
    formats: ALL_FORMATS,
    bom: false,
    files: [{ base: 'roster-clean', sheets: [referenceRoster()] }],
  },
  {
    id: 'roster-year-grade',
    kind: 'roster',
    models: 'The clean roster except for one header: 2025年度考核等次, as a yearly register heads it (today: the grade is dropped with a notice and the 基本称职 cadre gets no 诫勉).',
    ref: { fields: ['id', 'name', 'unit', 'post', 'principal', 'annualGrade'] },
    formats: ALL_FORMATS,
    bom: false,
    files: [
      {
        base: 'roster-year-grade',
        sheets: [
          (() => {
            const s = referenceRoster()
            s.rows[0][5] = '2025年度考核等次'
            return s
          })(),
        ],
      },
    ],
  },
  {
    id: 'roster-names-year',
    kind: 'roster',
    models:
      'A names-only 年度考核等次 register: title and 填报单位 line, 序号|姓名|单位|职务|2025年度考核等次 (no ids, a year before the header), a 注 footnote.',
    ref: { fields: ['id', 'name', 'unit', 'post', 'annualGrade'], compareIds: false },
    formats: ALL_FORMATS,
    bom: true,
    files: [
      {
        base: 'roster-names-year',
        sheets: [
          (() => {
            const s = new Sheet('名册')
            s.line('XX县2025年度科级领导干部年度考核等次名册', 5)
            s.line('填报单位：中共XX县委组织部', 5, { merged: false })
            s.header(['序号', '姓名', '单位', '职务', '2025年度考核等次'])
            s.plain = plainOf([null, '姓名', '单位', '职务', '年度考核等次'])
            CADRES.forEach((c, i) => s.row([i + 1, c.name, c.unit, c.post, c.annualGrade]))
            s.line('注：年度考核等次以县委审定结果为准。', 5, { merged: false })
            return s
          })(),
        ],
      },
    ],
  },
  {
    id: 'roster-two-row',
    kind: 'roster',
    models: 'A cadre register with grouped headers: 基本情况 over 姓名|单位|职务|是否正职, 2025年度考核 over 等次, 干部编号 and 述职述廉 merged down both rows.',
    ref: { fields: ['id', 'name', 'unit', 'post', 'principal', 'annualGrade', 'dutyStatement'] },
    formats: ALL_FORMATS,
    bom: false,
    files: [
      {
        base: 'roster-two-row',
        sheets: [
          (() => {
            const s = new Sheet('干部名册')
            const columns = [
              { head: ['干部编号'], f: (c) => c.id },
              { head: ['基本情况', '姓名'], f: (c) => c.name },
              { head: ['基本情况', '单位'], f: (c) => c.unit },
              { head: ['基本情况', '职务'], f: (c) => c.post },
              { head: ['基本情况', '是否正职'], f: (c) => (c.principal ? '是' : '否') },
              { head: ['2025年度考核', '等次'], f: (c) => c.annualGrade },
              { head: ['述职述廉'], f: () => '是' },
            ]
            s.line('XX县科级领导干部名册', columns.length)
            headerRows(s, columns)
            s.plain = plainOf(['干部编号', '姓名', '单位', '职务', '是否正职', '年度考核等次', '述职述廉'])
            for (const c of CADRES) s.row(columns.map((k) => k.f(c)))
            return s
          })(),
        ],
      },
    ],
  },
]

const reportLayouts = () => [
  {
    id: 'reports-clean',
    kind: 'reports',
    models: 'The clean wide report sheet kaohe reads today (SPEC §2.3): the baseline of the report layouts.',
    formats: ALL_FORMATS,
    bom: false,
    files: [{ base: 'reports-clean', sheets: [referenceReports()] }],
  },
  {
    id: 'reports-two-row',
    kind: 'reports',
    models:
      'A 个人有关事项报告 summary: title and 填报单位/日期 line, 序号|姓名|单位|职务 merged down, 报告事项 merged over the nine categories of item 5, a 注 footnote on what blank means.',
    formats: ALL_FORMATS,
    bom: true,
    files: [
      {
        base: 'reports-two-row',
        sheets: [
          (() => {
            const s = new Sheet('报告汇总')
            const columns = [
              { head: ['序号'], f: (_r, i) => i + 1 },
              { head: ['姓名'], f: (r) => r.cadre.name },
              { head: ['单位'], f: (r) => r.cadre.unit },
              { head: ['职务'], f: (r) => r.cadre.post },
              ...REPORT_CATEGORIES.map((k, j) => ({ head: ['报告事项', k], f: (r) => r.answers[j] || null })),
            ]
            s.line('XX县2025年度领导干部个人有关事项报告情况汇总表', columns.length)
            s.line('填报单位：中共XX县委组织部　　填报日期：2026年1月31日', columns.length)
            headerRows(s, columns)
            s.plain = plainOf([null, '姓名', '单位', '职务', ...REPORT_CATEGORIES])
            REPORTS.forEach((r, i) => s.row(columns.map((k) => k.f(r, i))))
            s.line('注：“无”表示该事项无应报告情况；空白表示未填报。', columns.length, { merged: false })
            return s
          })(),
        ],
      },
    ],
  },
  {
    id: 'findings-clean',
    kind: 'findings',
    models: 'The clean findings sheet kaohe reads today (SPEC §2.4, by name and unit): the baseline of the findings layouts.',
    formats: ALL_FORMATS,
    bom: false,
    files: [{ base: 'findings-clean', sheets: [referenceFindings()] }],
  },
  {
    id: 'findings-title',
    kind: 'findings',
    models: 'A 查核结果 sheet: title, 查核单位/日期 line, 序号|姓名|单位|职务|事项|查核情况|是否情节严重|问题类型, and 审核人/制表人 lines below.',
    formats: ALL_FORMATS,
    bom: true,
    files: [
      {
        base: 'findings-title',
        sheets: [
          (() => {
            const s = new Sheet('查核结果')
            const head = ['序号', '姓名', '单位', '职务', '事项', '查核情况', '是否情节严重', '问题类型']
            s.line('2025年度领导干部个人有关事项报告查核结果汇总表', head.length)
            s.line('查核单位：县委组织部干部监督科　　日期：2026年3月10日', head.length, { merged: false })
            s.header(head)
            s.plain = plainOf([null, '姓名', '单位', null, '事项', '情况', '情节严重', '类型'])
            FINDINGS.forEach((f, i) => s.row([i + 1, f.cadre.name, f.cadre.unit, f.cadre.post, f.category, f.detail, f.serious, f.type]))
            s.line('审核人：李某某　　制表人：王某某', head.length, { merged: false })
            return s
          })(),
        ],
      },
    ],
  },
]

/** Every layout, in the order of the README table. */
export const buildLayouts = () => [...countLayouts(), workbookLayout(), ...paperLayouts(), ...longLayouts(), ...rosterLayouts(), ...reportLayouts()]

// ---------------------------------------------------------------------------------------
// Rendering: CSV text, XLSX bytes.
// ---------------------------------------------------------------------------------------
const cellText = (v) => {
  if (v === null || v === undefined) return ''
  if (typeof v === 'object') return v.text ?? v.num
  return String(v)
}
const csvField = (s) => (/[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)

/** A sheet as Excel/WPS save it as CSV: CRLF, every row as wide as the sheet unless `ragged`. */
export const sheetCsv = (sheet, { ragged = false } = {}) => {
  const width = Math.max(...sheet.rows.map((r) => r.length))
  const lines = sheet.rows.map((r) => {
    const cells = Array.from({ length: width }, (_, i) => cellText(r[i]))
    if (ragged) while (cells.length > 1 && cells[cells.length - 1] === '') cells.pop()
    return cells.map(csvField).join(',')
  })
  return `${lines.join('\r\n')}\r\n`
}

const xmlEscape = (s) => s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch])
const colName = (i) => {
  let s = ''
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  return s
}
const ref = (r, c) => `${colName(c)}${r + 1}`
const enc = (s) => new TextEncoder().encode(s)
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
/** Zip entries dated with wall-clock fields, so the bytes are the same in every time zone. */
const ZIP_DATE = new Date(2026, 0, 15, 12, 0, 0)

/** The number formats of share cells; cell style i + 1 is NUM_FORMATS[i]. */
const NUM_FORMATS = ['0.00%', '0.0', '0.00', '0.0000']

/** Sheets as an XLSX workbook: shared strings, numbers, <mergeCells>, number formats. */
export const sheetsXlsx = (sheets) => {
  const strings = []
  const index = new Map()
  const sst = (s) => {
    if (!index.has(s)) {
      index.set(s, strings.length)
      strings.push(s)
    }
    return index.get(s)
  }
  const sheetXml = (sheet) => {
    const width = Math.max(1, ...sheet.rows.map((r) => r.length))
    const rows = sheet.rows
      .map((cells, r) => {
        const cs = cells
          .map((v, c) => {
            if (v === null || v === undefined || v === '') return ''
            if (typeof v === 'number') return `<c r="${ref(r, c)}"><v>${v}</v></c>`
            if (typeof v === 'object') return `<c r="${ref(r, c)}"${v.fmt ? ` s="${NUM_FORMATS.indexOf(v.fmt) + 1}"` : ''}><v>${v.num}</v></c>`
            return `<c r="${ref(r, c)}" t="s"><v>${sst(v)}</v></c>`
          })
          .join('')
        return cs === '' ? '' : `<row r="${r + 1}">${cs}</row>`
      })
      .join('')
    const merges = sheet.merges.length === 0 ? '' : `<mergeCells count="${sheet.merges.length}">${sheet.merges.map(([r1, c1, r2, c2]) => `<mergeCell ref="${ref(r1, c1)}:${ref(r2, c2)}"/>`).join('')}</mergeCells>`
    return `${XML}<worksheet xmlns="${NS}" xmlns:r="${RNS}"><dimension ref="A1:${ref(Math.max(0, sheet.rows.length - 1), width - 1)}"/><sheetData>${rows}</sheetData>${merges}</worksheet>`
  }
  const parts = {}
  const sheetParts = sheets.map((s, i) => [`xl/worksheets/sheet${i + 1}.xml`, enc(sheetXml(s))])
  const n = sheets.length
  parts['[Content_Types].xml'] = enc(
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
  )
  parts['_rels/.rels'] = enc(`${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RNS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
  parts['xl/workbook.xml'] = enc(
    `${XML}<workbook xmlns="${NS}" xmlns:r="${RNS}"><sheets>${sheets.map((s, i) => `<sheet name="${xmlEscape(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
  )
  parts['xl/_rels/workbook.xml.rels'] = enc(
    `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${RNS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId${n + 1}" Type="${RNS}/styles" Target="styles.xml"/><Relationship Id="rId${n + 2}" Type="${RNS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  )
  parts['xl/styles.xml'] = enc(
    `${XML}<styleSheet xmlns="${NS}"><numFmts count="${NUM_FORMATS.length}">${NUM_FORMATS.map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${f}"/>`).join('')}</numFmts><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${NUM_FORMATS.length + 1}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>${NUM_FORMATS.map((_, i) => `<xf numFmtId="${164 + i}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`).join('')}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
  )
  for (const [name, bytes] of sheetParts) parts[name] = bytes
  parts['xl/sharedStrings.xml'] = enc(`${XML}<sst xmlns="${NS}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${xmlEscape(s)}</t></si>`).join('')}</sst>`)
  return zipSync(parts, { level: 6, mtime: ZIP_DATE })
}

/** Extension of each format's file. */
export const EXT = { csv: '.csv', gb18030: '.gb18030.csv', xlsx: '.xlsx' }

/**
 * The files of one layout in one format: [{ path (relative to the corpus folder), bytes }].
 * `gb18030` encodes text (kaohe's own encoder, passed in by the caller).
 */
export const renderLayout = (layout, format, gb18030) =>
  layout.files.map((f) => {
    const path = `${layout.id}/${f.base}${EXT[format]}`
    if (format === 'xlsx') return { path, bytes: sheetsXlsx(f.sheets) }
    if (f.sheets.length !== 1) throw new Error(`${layout.id}: a CSV holds one sheet`)
    const text = sheetCsv(f.sheets[0], { ragged: layout.ragged })
    if (format === 'gb18030') return { path, bytes: gb18030(text) }
    return { path, bytes: enc(layout.bom ? `\ufeff${text}` : text) }
  })

/** A clean reference sheet as UTF-8 CSV bytes (what kaohe reads today). */
export const referenceCsv = (sheet) => enc(sheetCsv(sheet))

/** The corpus README: each layout, what it models, its formats. */
export const renderReadme = (layouts) => {
  const lines = [
    '# Real-world layouts (issue 12)',
    '',
    'Written by `scripts/make-layouts.mjs` from one source table (16 cadres in 6 units; see the',
    'script) — do not edit by hand: run `npm run build && node scripts/make-layouts.mjs` and commit',
    'the result. `test/layouts/` checks these files against a fresh generation and runs kaohe on',
    'every one: each must give the result of the clean table, cadre by cadre.',
    '',
    'Each layout is in `<id>/` as `.csv` (UTF-8), `.gb18030.csv` and `.xlsx` (real merged cells)',
    'where the layout can be a CSV at all. `node scripts/make-layouts.mjs --libreoffice` checks that',
    'LibreOffice opens every workbook and shows each sheet exactly as its CSV.',
    '',
    '| layout | kind | formats | policy | what it models |',
    '|---|---|---|---|---|',
  ]
  for (const l of layouts) lines.push(`| \`${l.id}\` | ${l.kind} | ${l.formats.join(', ')} | ${l.policy ?? 'opinion-2009'} | ${l.models.replace(/\|/g, '\\|')} |`)
  lines.push('', '## The source table', '', '| id | name | unit | post | 正职 | annual grade | 优秀 | 称职 | 基本称职 | 不称职 | 弃权 | 无效 | 应到 | 实到 | shows |', '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|')
  for (const c of CADRES) lines.push(`| ${c.id} | ${c.name} | ${c.unit} | ${c.post} | ${c.principal ? '是' : '否'} | ${c.annualGrade} | ${MARKS.map((m) => c[m]).join(' | ')} | ${c.eligible} | ${c.participated} | ${c.note} |`)
  return `${lines.join('\n')}\n`
}

/** Every committed file: path → bytes (README included). */
export const renderCorpus = (gb18030) => {
  const layouts = buildLayouts()
  const files = new Map()
  for (const l of layouts) for (const format of l.formats) for (const f of renderLayout(l, format, gb18030)) files.set(f.path, f.bytes)
  files.set('README.md', enc(renderReadme(layouts)))
  return files
}

// CLI: write the corpus (after `npm run build`: the GB18030 encoder is kaohe's own), or
// `--libreoffice`: convert every committed XLSX with LibreOffice (Debian's
// libreoffice-calc-nogui) and check that each sheet, as LibreOffice shows it, is the CSV.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = await import('node:fs')
  const { spawnSync } = await import('node:child_process')
  const { tmpdir } = await import('node:os')
  const { dirname, join } = await import('node:path')
  const { fileURLToPath } = await import('node:url')
  const out = fileURLToPath(new URL('../test/fixtures/layouts/', import.meta.url))
  if (process.argv[2] === '--libreoffice') {
    const tmp = mkdtempSync(join(tmpdir(), 'kaohe-lo-'))
    const layouts = buildLayouts().filter((l) => l.formats.includes('xlsx'))
    const inputs = layouts.flatMap((l) => l.files.map((f) => join(out, l.id, `${f.base}.xlsx`)))
    // 44 ',' 34 '"' 76 UTF-8, from line 1, cells as shown (9th token), every sheet (-1).
    const r = spawnSync('soffice', ['--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', '--outdir', tmp, ...inputs], { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`soffice failed: ${r.error ?? r.stderr}`)
    const norm = (t) => t.replace(/\r\n/g, '\n').split('\n').map((l) => l.replace(/,+$/, '')).join('\n').replace(/\n+$/, '')
    let bad = 0
    let sheets = 0
    for (const l of layouts) {
      for (const f of l.files) {
        for (const s of f.sheets) {
          sheets++
          const p = join(tmp, `${f.base}-${s.name}.csv`)
          if (!existsSync(p) || norm(readFileSync(p, 'utf8')) !== norm(sheetCsv(s))) {
            bad++
            console.log(`differs: ${l.id} ${f.base}.xlsx#${s.name}`)
          }
        }
      }
    }
    rmSync(tmp, { recursive: true, force: true })
    console.log(`${inputs.length} workbooks, ${sheets} sheets: ${bad === 0 ? 'LibreOffice shows each as its CSV' : `${bad} differ`}`)
    process.exitCode = bad === 0 ? 0 : 1
  } else {
    const { encodeGb18030 } = await import('../dist/encoding/gb18030.js')
    rmSync(out, { recursive: true, force: true })
    const files = renderCorpus(encodeGb18030)
    for (const [path, bytes] of files) {
      mkdirSync(dirname(join(out, path)), { recursive: true })
      writeFileSync(join(out, path), bytes)
    }
    console.log(`${files.size} files in ${out}`)
  }
}
