/**
 * Generators for robustness tests (issue 6). Two families:
 *
 * - `worldArb`: a consistent set of cadres and vote files (long, wide, counts, and an
 *   optional roster), rendered with random header aliases, column order, delimiter,
 *   quoting, line endings (mixed too) and encoding, then optionally damaged cell by cell
 *   (`mutations`: unknown grades, bad counts, ragged and short rows, duplicate rows, blank
 *   rows, long cells, control characters, prototype keys). The model knows how many data
 *   rows each file holds, and — undamaged — the exact tally of every cadre (`oracle`).
 * - `hostileFileArb`: bytes no model describes: random bytes, truncations, unbalanced
 *   quotes, empty, BOM only, header only, a 100,000-character cell, 10,000 columns, NUL
 *   bytes, half UTF-8 half GB18030, UTF-16.
 *
 * New readers (reports, findings, XLSX) add a shape to `WorldFile` and a builder here; the
 * invariants in invariants.ts apply unchanged.
 */
import fc from 'fast-check'
import type { Mark } from '../../src/core/marks.js'
import type { Tally } from '../../src/core/tally.js'
import { FIELDS, normalizeHeader, type Field } from '../../src/input/headers.js'
import { type Eol, type Encoding, encodeGb18030, recordStarts, type RenderOptions, renderTable } from './render.js'

// ---------------------------------------------------------------------------------------
// Pools of text

const SURNAMES = '张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢'
const GIVEN = '明华伟芳娜敏静丽强磊军洋勇艳杰娟涛超秀英霞平刚桂振志晓燕金凤春林'

/** Keys that would reach a shared prototype if used as a plain object's key. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'then'] as const
/** Cells a spreadsheet would run as a formula. */
export const FORMULAS = ['=1+1', '+1', '-1', '@SUM(A1)', '=HYPERLINK("http://x","y")', '\t=1', '=cmd|\' /C calc\'!A0'] as const
/** Terminal escape sequences, line breaks, bidi overrides: data that must not reach a terminal raw. */
export const CONTROLS = ['\u001b[2J', '\u001b]0;pwned\u0007', 'a\rb', 'x\u202ey', 'x\u0085y', 'line\nbreak', '\u001b[31mred', 'tab\there', 'del\u007f'] as const

const UNITS = ['县财政局', '县教育局', '河口镇', '双河乡', 'Unit A', '县委办,综合科', '"引号"单位'] as const

/** Accepted spellings of each mark (SPEC §2), as a reader must understand them. */
export const MARK_SPELLINGS: Readonly<Record<Mark, readonly string[]>> = {
  excellent: ['优秀', '優秀', 'excellent', 'Excellent', ' 优秀 ', 'ＥＸＣＥＬＬＥＮＴ', '\u3000优秀'],
  competent: ['称职', '稱職', 'competent', 'COMPETENT'],
  basicallyCompetent: ['基本称职', '基本稱職', 'basically-competent', 'basically_competent', 'Basically Competent'],
  incompetent: ['不称职', '不稱職', 'incompetent'],
  abstain: ['弃权', '棄權', '不了解', 'abstain'],
  invalid: ['无效', '無效', 'invalid'],
}
export const MARK_LIST = Object.keys(MARK_SPELLINGS) as Mark[]

/** Tokens no policy maps: each one a data error where a grade is expected. */
/** What a failed spreadsheet formula leaves in a cell (as a CSV export writes it). */
export const FORMULA_ERRORS = ['#DIV/0!', '#N/A', ' #REF! ', '#name?', '#VALUE!'] as const

export const UNKNOWN_GRADES = ['良', 'A', '优', '优秀秀', '合格', '0', '1', '√', '__proto__', 'constructor', 'toString', '=1+1', '优秀。', 'excellent!'] as const

/** Count cells that are fine, as text a clerk might type. */
const countSpellings = (n: number): string[] => [String(n), ` ${n} `, `+${n}`, `0${n}`, String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))]

/** Count cells that must be refused: negative, fractional, exponent, beyond 2^53, not numbers. */
export const BAD_COUNTS = ['-1', '- 3', '-0', '1.5', '2.0', '1e3', '1E3', '9007199254740993', '99999999999999999999', '1000000001', '0x10', 'NaN', 'Infinity', '12abc', '1,000', '½', '٣', '__proto__'] as const

// ---------------------------------------------------------------------------------------
// The model

export interface CadreSpec {
  id: string
  name: string
  unit: string
}

export interface BallotMark {
  ballot: string
  cadre: number
  mark: Mark
  /** Index into MARK_SPELLINGS[mark]. */
  spelling: number
}

export interface CountRow {
  cadre: number
  counts: Record<Mark, number>
  /** 应参加人数: null when the cell is left empty. */
  eligible: number | null
  /** 实参加人数 given (the sum) or left empty. */
  participated: boolean
  spelling: number
}

export type VoteShape = 'long' | 'wide' | 'counts'

/** Column layout choices for one file. */
export interface Layout {
  /** Seeds for header alias choice, variation, column order. */
  aliasSeed: number
  orderSeed: number
  withName: boolean
  withUnit: boolean
  withGroup: boolean
  withExtra: boolean
  /** counts: optional columns present. */
  withAbstain: boolean
  withInvalid: boolean
  withEligible: boolean
  withParticipated: boolean
  /** long/counts with a roster: name (+ unit) instead of cadre id. */
  byName: boolean
}

export interface WorldFile {
  shape: VoteShape
  marks: BallotMark[]
  counts: CountRow[]
  layout: Layout
  render: RenderOptions
  name: string
}

export interface World {
  cadres: CadreSpec[]
  roster: { render: RenderOptions; layout: Layout } | null
  files: WorldFile[]
  /** Ballot ids shared across files (same voter, several sheets). */
  sharedBallots: boolean
  /** Files may name cadres by name without a roster (the oracle abstains then). */
  looseNames: boolean
}

// ---------------------------------------------------------------------------------------
// Arbitraries

const cjkName = fc
  .tuple(fc.constantFrom(...SURNAMES), fc.constantFrom(...GIVEN), fc.option(fc.constantFrom(...GIVEN), { nil: '' }))
  .map(([a, b, c]) => a + b + c)

const ALIASES = new Set(Object.values(FIELDS).flat().map((h) => normalizeHeader(h)))

/** Cadre ids: plain, prototype keys, formulas, CJK, long digit runs; never a header alias. */
const idArb = fc
  .oneof(
    { weight: 6, arbitrary: fc.nat({ max: 999 }).map((n) => `XJ${String(n).padStart(3, '0')}`) },
    { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
    { weight: 1, arbitrary: fc.constantFrom(...FORMULAS).filter((f) => f.trim() === f) },
    { weight: 1, arbitrary: cjkName },
    { weight: 1, arbitrary: fc.stringMatching(/^[0-9]{1,40}$/) },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,12}$/) },
  )
  .filter((id) => id.trim() === id && id !== '' && !ALIASES.has(normalizeHeader(id)))

const nameArb = fc.oneof(
  { weight: 8, arbitrary: cjkName },
  { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
  { weight: 1, arbitrary: fc.constantFrom('欧阳,明', '"张"三', 'Li\nMing', 'O\'Brien', '=1+1') },
)

const cadreArb = fc.record({ id: idArb, name: nameArb, unit: fc.constantFrom('', ...UNITS) })

export const renderArb = (opts: { allowGb?: boolean } = {}): fc.Arbitrary<RenderOptions> =>
  fc.record({
    delimiter: fc.constantFrom<RenderOptions['delimiter']>(',', ',', ';', '\t'),
    eols: fc.oneof(
      fc.constantFrom<Eol[]>(['\n'], ['\r\n'], ['\r']),
      fc.array(fc.constantFrom<Eol>('\n', '\r\n', '\r'), { minLength: 2, maxLength: 5 }),
    ),
    encoding: fc.constantFrom<Encoding>(...(opts.allowGb === false ? (['utf-8', 'utf-8-bom'] as const) : (['utf-8', 'utf-8-bom', 'gb18030'] as const))),
    quoteAll: fc.boolean(),
    finalEol: fc.boolean(),
  })

const layoutArb: fc.Arbitrary<Layout> = fc.record({
  aliasSeed: fc.nat(),
  orderSeed: fc.nat(),
  withName: fc.boolean(),
  withUnit: fc.boolean(),
  withGroup: fc.boolean(),
  withExtra: fc.boolean(),
  withAbstain: fc.boolean(),
  withInvalid: fc.boolean(),
  withEligible: fc.boolean(),
  withParticipated: fc.boolean(),
  byName: fc.boolean(),
})

const markArb = fc.constantFrom(...MARK_LIST)

/** A consistent world: cadres split between ballot files and count files, no conflicts except shared ballot ids. */
export const worldArb: fc.Arbitrary<World> = fc
  .record({
    cadres: fc.uniqueArray(cadreArb, { minLength: 1, maxLength: 6, selector: (c) => normalizeHeader(c.id) }),
    roster: fc.option(fc.record({ render: renderArb(), layout: layoutArb }), { nil: null }),
    sharedBallots: fc.boolean(),
    looseNames: fc.nat({ max: 3 }).map((n) => n === 0),
    nFiles: fc.integer({ min: 1, max: 3 }),
    countShare: fc.nat({ max: 3 }),
    seed: fc.nat(),
  })
  .chain(({ cadres, roster, sharedBallots, looseNames, nFiles, countShare, seed }) => {
    // Names must be unique, and no one's id, for the roster to resolve by name; make them so.
    const seen = new Set<string>(cadres.map((c) => c.id))
    const people = cadres.map((c, i) => {
      let name = c.name
      while (seen.has(name)) name = `${name}${i}`
      seen.add(name)
      return { ...c, name }
    })
    // The last `countShare` cadres (at most all but one) are counted by count sheets.
    const nCount = Math.min(countShare, people.length - 1)
    const ballotCadres = people.map((_, i) => i).slice(0, people.length - nCount)
    const countCadres = people.map((_, i) => i).slice(people.length - nCount)
    const shapes: VoteShape[] = []
    for (let f = 0; f < nFiles; f++) shapes.push((seed >> f) & 1 ? 'wide' : 'long')
    if (countCadres.length > 0) shapes.push('counts')
    return fc
      .tuple(
        ...shapes.map((shape, f) =>
          fileArb(shape, f, shape === 'counts' ? countCadres : ballotCadres, sharedBallots),
        ),
      )
      .map((files) => ({ cadres: people, roster, files, sharedBallots, looseNames }))
  })

const fileArb = (shape: VoteShape, index: number, cadres: number[], shared: boolean): fc.Arbitrary<WorldFile> => {
  const ballotId = (n: number): string => (shared ? `B${n}` : `F${index + 1}-B${n}`)
  const marks: fc.Arbitrary<BallotMark[]> =
    shape === 'counts'
      ? fc.constant([])
      : shape === 'wide'
        ? // a ballots × cadres matrix: each cell a mark or nothing
          fc
            .array(fc.array(fc.option(fc.tuple(markArb, fc.nat({ max: 9 })), { nil: null }), { minLength: cadres.length, maxLength: cadres.length }), {
              minLength: 0,
              maxLength: 12,
            })
            .map((m) =>
              m.flatMap((row, b) =>
                row.flatMap((x, k) => (x === null ? [] : [{ ballot: ballotId(b + 1), cadre: cadres[k]!, mark: x[0], spelling: x[1] }])),
              ),
            )
        : fc.array(fc.record({ b: fc.nat({ max: 14 }), k: fc.nat({ max: cadres.length - 1 }), mark: markArb, spelling: fc.nat({ max: 9 }) }), {
            maxLength: 40,
          }).map((xs) => xs.map((x) => ({ ballot: ballotId(x.b + 1), cadre: cadres[x.k]!, mark: x.mark, spelling: x.spelling })))
  const counts: fc.Arbitrary<CountRow[]> =
    shape !== 'counts'
      ? fc.constant([])
      : fc.tuple(
          ...cadres.map((cadre) =>
            fc.record({
              cadre: fc.constant(cadre),
              counts: fc.record(Object.fromEntries(MARK_LIST.map((m) => [m, fc.nat({ max: 40 })])) as Record<Mark, fc.Arbitrary<number>>),
              eligible: fc.option(fc.nat({ max: 30 }), { nil: null }),
              participated: fc.boolean(),
              spelling: fc.nat({ max: 4 }),
            }),
          ),
        )
  return fc.record({
    shape: fc.constant(shape),
    marks,
    counts,
    layout: layoutArb,
    render: renderArb(),
    name: fc.constantFrom(`v${index + 1}.csv`, `票据${index + 1}.csv`, `v ${index + 1}.csv`, `v${index + 1}'s.csv`),
  })
}

// ---------------------------------------------------------------------------------------
// Building tables from the model

/** A table as cells, before rendering: what the reader should see. */
export interface TableModel {
  header: string[]
  rows: string[][]
}

const pick = <T>(xs: readonly T[], seed: number): T => xs[Math.abs(seed) % xs.length]!

/** A header text for a field: any alias, in any case, with spaces (full-width too) around. */
const headerText = (field: Field, seed: number): string => {
  const base = pick(FIELDS[field], seed)
  const variants = [base, base.toUpperCase(), ` ${base} `, `\u3000${base}`, base.replace(/_/g, '-')]
  return pick(variants, seed >> 3)
}

/** Columns in a seeded order. */
const ordered = <T>(xs: T[], seed: number): T[] => {
  const out = [...xs]
  let s = seed || 1
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff
    const j = s % (i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

type Col = { head: string; cell: (row: number) => string }

const assemble = (cols: Col[], n: number, seed: number): TableModel => {
  const order = ordered(cols, seed)
  return { header: order.map((c) => c.head), rows: Array.from({ length: n }, (_, r) => order.map((c) => c.cell(r))) }
}

const groupOf = (ballot: string): string => ['县领导', '中层干部', '群众代表'][[...ballot].reduce((s, ch) => s + ch.charCodeAt(0), 0) % 3]!

export const buildTable = (w: World, f: WorldFile): TableModel => {
  const L = f.layout
  const h = (field: Field, k: number): string => headerText(field, L.aliasSeed + k * 7919)
  const who = (cadre: number) => w.cadres[cadre]!
  const byName = L.byName && (w.roster !== null || w.looseNames)
  if (f.shape === 'long') {
    const m = f.marks
    const cols: Col[] = [
      { head: h('ballotId', 1), cell: (r) => m[r]!.ballot },
      { head: h('grade', 2), cell: (r) => pick(MARK_SPELLINGS[m[r]!.mark], m[r]!.spelling) },
    ]
    if (!byName) cols.push({ head: h('cadreId', 3), cell: (r) => who(m[r]!.cadre).id })
    if (byName || L.withName) cols.push({ head: h('name', 4), cell: (r) => who(m[r]!.cadre).name })
    if (byName ? L.withUnit : false) cols.push({ head: h('unit', 5), cell: (r) => who(m[r]!.cadre).unit })
    if (L.withGroup) cols.push({ head: h('voterGroup', 6), cell: (r) => groupOf(m[r]!.ballot) })
    if (L.withExtra) cols.push({ head: '备注', cell: (r) => (r % 2 ? '' : `note ${r}`) })
    return assemble(cols, m.length, L.orderSeed)
  }
  if (f.shape === 'wide') {
    const cadres = [...new Set(f.marks.map((x) => x.cadre))].sort((a, b) => a - b)
    const ballots = [...new Set(f.marks.map((x) => x.ballot))]
    const at = new Map(f.marks.map((x) => [`${x.ballot}\u0000${x.cadre}`, x]))
    const cols: Col[] = [{ head: h('ballotId', 1), cell: (r) => ballots[r]! }]
    for (const k of cadres) {
      const c = who(k)
      cols.push({
        head: byName ? c.name : c.id,
        cell: (r) => {
          const x = at.get(`${ballots[r]}\u0000${k}`)
          return x ? pick(MARK_SPELLINGS[x.mark], x.spelling) : ''
        },
      })
    }
    if (L.withGroup) cols.push({ head: h('voterGroup', 6), cell: (r) => groupOf(ballots[r]!) })
    if (cadres.length === 0) cols.push({ head: who(0).id, cell: () => '' })
    return assemble(cols, ballots.length, L.orderSeed)
  }
  const rows = f.counts
  const num = (r: number, n: number) => pick(countSpellings(n), rows[r]!.spelling)
  const cols: Col[] = []
  if (!byName) cols.push({ head: h('cadreId', 3), cell: (r) => who(rows[r]!.cadre).id })
  if (byName || L.withName) cols.push({ head: h('name', 4), cell: (r) => who(rows[r]!.cadre).name })
  for (const [m, k] of [['excellent', 10], ['competent', 11], ['basicallyCompetent', 12], ['incompetent', 13]] as const) {
    cols.push({ head: h(m, k), cell: (r) => num(r, rows[r]!.counts[m]) })
  }
  if (L.withAbstain) cols.push({ head: h('abstain', 14), cell: (r) => num(r, rows[r]!.counts.abstain) })
  if (L.withInvalid) cols.push({ head: h('invalid', 15), cell: (r) => num(r, rows[r]!.counts.invalid) })
  const sum = (r: number) => countOf(rows[r]!, L)
  if (L.withParticipated) cols.push({ head: h('participated', 16), cell: (r) => (rows[r]!.participated ? String(sum(r)) : '') })
  if (L.withEligible) {
    cols.push({ head: h('eligible', 17), cell: (r) => (rows[r]!.eligible === null ? '' : String(sum(r) + rows[r]!.eligible!)) })
  }
  if (L.withExtra) cols.push({ head: '备注', cell: () => '' })
  return assemble(cols, rows.length, L.orderSeed)
}

/** The counts a count row contributes, given which optional columns its file has. */
const countedMarks = (row: CountRow, L: Layout): Record<Mark, number> => ({
  ...row.counts,
  abstain: L.withAbstain ? row.counts.abstain : 0,
  invalid: L.withInvalid ? row.counts.invalid : 0,
})
const countOf = (row: CountRow, L: Layout): number => Object.values(countedMarks(row, L)).reduce((a, b) => a + b, 0)

export const buildRoster = (w: World): TableModel => {
  const L = w.roster!.layout
  const h = (field: Field, k: number): string => headerText(field, L.aliasSeed + k * 7919)
  const cols: Col[] = [
    { head: h('cadreId', 3), cell: (r) => w.cadres[r]!.id },
    { head: h('name', 4), cell: (r) => w.cadres[r]!.name },
    { head: h('unit', 5), cell: (r) => w.cadres[r]!.unit },
  ]
  if (L.withExtra) cols.push({ head: h('principal', 20), cell: (r) => (r % 2 ? '是' : '否') })
  return assemble(cols, w.cadres.length, L.orderSeed)
}

// ---------------------------------------------------------------------------------------
// Damage

export type Mutation =
  | { kind: 'cell'; row: number; col: number; text: string }
  | { kind: 'ragged'; row: number; extra: string[] }
  | { kind: 'short'; row: number; keep: number }
  | { kind: 'duplicate'; row: number }
  | { kind: 'blank'; row: number; cells: number }
  | { kind: 'swap'; a: number; b: number }

const hostileCell = fc.oneof(
  fc.constantFrom(...UNKNOWN_GRADES),
  fc.constantFrom(...FORMULA_ERRORS),
  fc.constantFrom(...BAD_COUNTS),
  fc.constantFrom(...PROTOTYPE_KEYS),
  fc.constantFrom(...FORMULAS),
  fc.constantFrom(...CONTROLS),
  fc.constantFrom('', ' ', '\u3000', '"', '""', "'", '\ufeff'),
  fc.constant('长'.repeat(100_000)),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
)

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('cell' as const), row: fc.nat(), col: fc.nat(), text: hostileCell }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('ragged' as const), row: fc.nat(), extra: fc.array(hostileCell, { minLength: 1, maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('short' as const), row: fc.nat(), keep: fc.nat({ max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), row: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('blank' as const), row: fc.nat(), cells: fc.nat({ max: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }) },
)

/** Apply damage to a table's data rows; the header stays. */
export const mutate = (t: TableModel, ms: readonly Mutation[]): TableModel => {
  const rows = t.rows.map((r) => [...r])
  for (const m of ms) {
    if (m.kind === 'blank') {
      rows.splice(m.row % (rows.length + 1), 0, new Array(m.cells).fill(''))
      continue
    }
    if (rows.length === 0) continue
    const i = (m.kind === 'swap' ? m.a : m.row) % rows.length
    const row = rows[i]!
    if (m.kind === 'cell') {
      if (row.length > 0) row[m.col % row.length] = m.text
    } else if (m.kind === 'ragged') row.push(...m.extra)
    else if (m.kind === 'short') row.length = Math.min(row.length, m.keep)
    else if (m.kind === 'duplicate') rows.splice(i, 0, [...row])
    else {
      const j = m.b % rows.length
      ;[rows[i], rows[j]] = [rows[j]!, rows[i]!]
    }
  }
  return { header: t.header, rows }
}

/** A row the reader counts as blank: every cell empty after trimming. */
export const isBlankRow = (cells: readonly string[]): boolean => cells.every((c) => c.trim() === '')

// ---------------------------------------------------------------------------------------
// Files and the oracle

export interface RenderedFile {
  name: string
  bytes: Uint8Array
  role: 'votes' | 'roster'
  /** Non-blank data rows, as the reader must count them (`rowsRead`). */
  dataRows: number
  table: TableModel
  /** The line each record (header first) starts on, as a reader must report it. */
  lines: number[]
}

/** Render every file of a world, with optional damage per file (index: roster = -1). */
export const renderWorld = (
  w: World,
  damage: ReadonlyMap<number, readonly Mutation[]> = new Map(),
  rowOrder?: (file: number, rows: string[][]) => string[][],
): RenderedFile[] => {
  const out: RenderedFile[] = []
  const one = (name: string, role: RenderedFile['role'], index: number, base: TableModel, render: RenderOptions) => {
    let t = mutate(base, damage.get(index) ?? [])
    if (rowOrder) t = { header: t.header, rows: rowOrder(index, t.rows) }
    const ext = render.delimiter === '\t' && name.endsWith('.csv') ? name.replace(/\.csv$/, '.tsv') : name
    out.push({
      name: ext,
      bytes: renderTable([t.header, ...t.rows], render).bytes,
      role,
      dataRows: t.rows.filter((r) => !isBlankRow(r)).length,
      table: t,
      lines: recordStarts([t.header, ...t.rows], render).filter((l): l is number => l !== null),
    })
  }
  if (w.roster) one('roster.csv', 'roster', -1, buildRoster(w), w.roster.render)
  w.files.forEach((f, i) => one(f.name, 'votes', i, buildTable(w, f), f.render))
  return out
}

/** A cadre's expected counts: the core's own Tally shape. */
export type ExpectedTally = Tally

export interface Oracle {
  /** 65 when the undamaged world still holds a data error (a ballot counted twice for a cadre); null: not predicted (names without a roster). */
  strictExit: 0 | 65 | null
  tallies: Map<string, ExpectedTally | null>
}

/** What kaohe must report for an undamaged world, computed independently of src/. */
export const oracle = (w: World): Oracle => {
  const tallies = new Map<string, ExpectedTally | null>()
  if (w.roster) for (const c of w.cadres) tallies.set(c.id, null)
  const pairs = new Map<string, Set<Mark>>()
  let duplicate = false
  for (const f of w.files) {
    for (const x of f.marks) {
      const k = `${x.cadre}\u0000${x.ballot}`
      const set = pairs.get(k) ?? new Set<Mark>()
      if (set.has(x.mark)) duplicate = true
      set.add(x.mark)
      pairs.set(k, set)
    }
  }
  const empty = (): ExpectedTally => ({ excellent: 0, competent: 0, basicallyCompetent: 0, incompetent: 0, abstain: 0, invalid: 0, eligible: null })
  for (const [k, set] of pairs) {
    const id = w.cadres[Number(k.split('\u0000')[0])]!.id
    const t = tallies.get(id) ?? empty()
    const mark: Mark = set.size === 1 ? [...set][0]! : 'invalid'
    t[mark] += 1
    tallies.set(id, t)
  }
  for (const f of w.files) {
    for (const r of f.counts) {
      const id = w.cadres[r.cadre]!.id
      const t = empty()
      Object.assign(t, countedMarks(r, f.layout))
      t.eligible = f.layout.withEligible && r.eligible !== null ? countOf(r, f.layout) + r.eligible : null
      tallies.set(id, t)
    }
  }
  const loose = w.roster === null && w.looseNames && w.files.some((f) => f.layout.byName)
  return { strictExit: loose ? null : duplicate ? 65 : 0, tallies }
}

// ---------------------------------------------------------------------------------------
// Bytes no model describes

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)
const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(Buffer.concat(parts))
const LONG_HEADER = '票号,干部编号,姓名,测评等次\n'

export interface HostileFile {
  label: string
  bytes: Uint8Array
}

/** Whole files that are wrong as a whole: the reader must refuse them with 65 (or read them). */
export const hostileFileArb: fc.Arbitrary<HostileFile> = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ label: 'random bytes', bytes })),
  fc.constant({ label: 'empty', bytes: new Uint8Array() }),
  fc.constant({ label: 'BOM only', bytes: Uint8Array.from([0xef, 0xbb, 0xbf]) }),
  fc.constantFrom('\n', '\r\n\r\n', '   \n\t\n', '\u3000\n').map((s) => ({ label: 'whitespace only', bytes: utf8(s) })),
  fc.constantFrom(LONG_HEADER, '票号,张三,李四\r\n', '干部编号,优秀,称职,基本称职,不称职', '﻿票号;干部编号;测评等次').map((s) => ({ label: 'header only', bytes: utf8(s) })),
  fc
    .tuple(fc.constantFrom('P1,A,张三,"优秀\n', 'P1,"A,张三,优秀\nP2,B,李四,称职\n', 'P1,A"B,张三,优秀\n', 'P1,"A"B,张三,优秀\n', '"'), fc.boolean())
    .map(([tail, lead]) => ({ label: 'unbalanced quotes', bytes: utf8((lead ? 'P0,X,王五,称职\n' : '') + LONG_HEADER.replace('票号', lead ? '票号' : '票号') + tail) })),
  fc.nat({ max: 400 }).map((cut) => {
    const full = utf8(`${LONG_HEADER}P1,XJ001,张三,优秀\nP2,XJ001,张三,"称职"\nP3,XJ002,"李,四",不称职\n`)
    return { label: 'truncated', bytes: full.subarray(0, cut % (full.length + 1)) }
  }),
  fc.constantFrom(1, 2, 3).map((k) => ({ label: '100,000-character cell', bytes: utf8(`${LONG_HEADER}P1,XJ001,${'张'.repeat(100_000)},优秀\nP2,XJ001,张三,${k === 1 ? '称职' : 'x'.repeat(100_000)}\n`) })),
  fc.boolean().map((withRows) => {
    const n = 10_000
    const head = ['票号', ...Array.from({ length: n - 1 }, (_, i) => `C${i}`)].join(',')
    const row = ['P1', ...Array.from({ length: n - 1 }, (_, i) => (i % 3 === 0 ? '优秀' : ''))].join(',')
    return { label: '10,000 columns', bytes: utf8(withRows ? `${head}\n${row}\n` : `${head}\n`) }
  }),
  fc.tuple(fc.nat({ max: 60 }), fc.constantFrom(0, 1)).map(([at, zeros]) => {
    const text = utf8(`${LONG_HEADER}P1,XJ001,张三,优秀\nP2,XJ002,李四,称职\n`)
    const i = at % text.length
    const nul = new Uint8Array(zeros + 1)
    return { label: 'NUL bytes', bytes: concat(text.subarray(0, i), nul, text.subarray(i)) }
  }),
  fc.boolean().map((utf8First) => {
    const a = utf8(`${LONG_HEADER}P1,XJ001,张三,优秀\n`)
    const b = encodeGb18030('P2,XJ002,李四,称职\nP3,XJ003,王五,不称职\n')!
    const c = utf8('P4,XJ004,赵六,基本称职\n')
    return { label: 'half UTF-8 half GB18030', bytes: utf8First ? concat(a, b) : concat(encodeGb18030(LONG_HEADER)!, b, c) }
  }),
  fc.constantFrom('le', 'be').map((endian) => {
    const text = `${LONG_HEADER}P1,XJ001,张三,优秀\n`
    const out = new Uint8Array(2 + text.length * 2)
    out.set(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff])
    for (let i = 0; i < text.length; i++) {
      const u = text.charCodeAt(i)
      out[2 + 2 * i] = endian === 'le' ? u & 0xff : u >> 8
      out[3 + 2 * i] = endian === 'le' ? u >> 8 : u & 0xff
    }
    return { label: `UTF-16${endian.toUpperCase()}`, bytes: out }
  }),
  fc.constantFrom(
    '票号,干部编号,干部编号,测评等次\nP1,A,A,优秀\n',
    '票号,干部编号,cadre_id,测评等次\nP1,A,A,优秀\n',
    '票号,张三,张三\nP1,优秀,称职\n',
    '票号,__proto__,constructor,prototype\nP1,优秀,称职,无效\n',
    '__proto__,constructor,prototype\n1,2,3\n',
    '干部编号,优秀,称职,基本称职,不称职\n__proto__,1,2,3,4\nconstructor,-1,1.5,1e3,9007199254740993\n',
  ).map((s) => ({ label: 'duplicate or prototype headers', bytes: utf8(s) })),
)
