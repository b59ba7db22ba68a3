import { visibleGroups } from '../core/groups.js'
import type { CadreAssessment, Check, ShareComputation } from '../core/model.js'
import { returnedVotes } from '../core/tally.js'
import type { Dict } from '../i18n/index.js'
import { CSV_COLUMNS } from '../i18n/csv-columns.js'
import type { Policy } from '../policy/schema.js'
import { csvCadreLine, csvLine } from './csv.js'
import { cadreDoc, checkDoc, type ReportHead, shareMarginTextOf, shareRuleWords, type ShareWordsOf, shareWordsOf } from './report.js'
import { displayRules, shareColumns } from './view.js'

/**
 * A cadre's part of the JSON and CSV reports written straight from its assessment, with no
 * CadreDoc in between (SPEC §5: the report phase of 100,000 cadres). Byte for byte what the
 * document path writes — `JSON.stringify` of `cadreDoc(…)` at its depth in the document, and
 * `csvCadreLine` of it — which a differential property test holds them to
 * (test/property/cadre-text.test.ts). Everything fixed per report (keys, indentation, the
 * words of codes) is made once; a share check's words once per distinct share (report.ts).
 * What is rare takes the document path for that part: a check of items 3 and 5 goes through
 * `checkDoc` and `JSON.stringify`, and a cadre with earlier years (`--history`) is made whole.
 */

/** `JSON.stringify(v, null, 2)` as it stands `depth` levels of two spaces deep in a document (its first line not indented). */
export const jsonAt = (v: unknown, depth: number): string => {
  const s = JSON.stringify(v, null, 2)
  return depth === 0 ? s : s.replace(/\n/g, `\n${' '.repeat(2 * depth)}`)
}

const q = (s: string): string => JSON.stringify(s)

/** A string's JSON, remembered: units, posts and voter groups repeat across cadres. */
const quoter = (limit = 1 << 14) => {
  const m = new Map<string, string>()
  return (s: string): string => {
    let j = m.get(s)
    if (j === undefined) {
      if (m.size >= limit) m.clear()
      m.set(s, (j = q(s)))
    }
    return j
  }
}

/** Indentation, by depth (two spaces a level). */
const I = Array.from({ length: 8 }, (_, n) => ' '.repeat(2 * n))

/** An array of JSON elements, each already at `depth + 1`, closed at `depth`. */
const arrayAt = (items: readonly string[], depth: number): string => {
  if (items.length === 0) return '[]'
  let s = `[\n${items[0]!}`
  for (let i = 1; i < items.length; i++) s += `,\n${items[i]!}`
  return `${s}\n${I[depth]!}]`
}

/** What comes before a key's value in an object at `depth`: `{` or `,`, the line break, the key. */
const key = (depth: number, name: string, first = false): string => `${first ? '{' : ','}\n${I[depth + 1]!}${JSON.stringify(name)}: `

export interface CadreTextContext {
  dict: Dict
  policy: Policy
  head: Pick<ReportHead, 'policy' | 'history'>
  /** `assess` (dispositions and findings), not `tally`. */
  withDisposition: boolean
}

/** The JSON of each cadre as it stands in the document's `cadres` array (indented four spaces, no comma). */
export const cadreJsonWriter = (ctx: CadreTextContext): ((a: CadreAssessment) => string) => {
  const { dict: d, policy, withDisposition } = ctx
  const shares = shareRuleWords(policy, d.lang)
  const unit = quoter()
  const group = quoter(1 << 10)
  const lit = (v: string | number | boolean | null): string => JSON.stringify(v)
  /** A share check's JSON (depth 4), minus the line of `fired` for a finding; its parts made once per distinct share. */
  const shareParts = new Map<ShareWordsOf, { head: string; fired: string; comp: string; text: string }>()
  /** A check of one of the policy's share rules, as the rule makes it (else it takes `checkDoc`). */
  const isShare = (k: Check): boolean => {
    if (k.computation.kind !== 'share') return false
    const rule = shares.get(k.rule)
    return rule !== undefined && rule.id === k.rule && rule.item === k.item
  }
  const MARGIN_TEXT = key(4, 'marginText')
  const BORDERLINE = key(4, 'borderline')
  const shareCheck = (k: Check, c: ShareComputation, finding: boolean): string => {
    const rule = shares.get(k.rule)!
    const w = shareWordsOf(d, rule, c, k.fired)
    let p = shareParts.get(w)
    if (p === undefined) {
      if (shareParts.size >= 1 << 14) shareParts.clear()
      const computation = Object.assign<Record<string, unknown>, ShareComputation, object>({}, c, { percent: w.percent, expression: w.expression })
      p = {
        head: `${I[4]}${key(4, 'rule', true)}${q(k.rule)}${key(4, 'item')}${lit(k.item)}`,
        fired: `${key(4, 'fired')}${k.fired}`,
        comp: `${key(4, 'computation')}${jsonAt(computation, 5)}${key(4, 'margin')}`,
        text: `${key(4, 'text')}${q(w.text)}\n${I[4]}}`,
      }
      shareParts.set(w, p)
    }
    const marginText = shareMarginTextOf(d, rule, k.fired, k.margin)
    return `${p.head}${finding ? '' : p.fired}${p.comp}${k.margin}${MARGIN_TEXT}${lit(marginText)}${BORDERLINE}${k.borderline}${p.text}`
  }
  const checkJson = (k: Check, finding: boolean): string => {
    if (isShare(k)) return shareCheck(k, k.computation as ShareComputation, finding)
    const doc = checkDoc(k, d, shares)
    if (!finding) return `${I[4]}${jsonAt(doc, 4)}`
    const { fired: _fired, ...rest } = doc
    return `${I[4]}${jsonAt(rest, 4)}`
  }
  const codeLabel = (code: string, label: string): string => `${I[5]}${key(5, 'code', true)}${q(code)}${key(5, 'label')}${q(label)}\n${I[5]}}`
  const noteJson = new Map<string, string>()
  const note = (code: keyof Dict['note']): string => {
    let j = noteJson.get(code)
    if (j === undefined) noteJson.set(code, (j = `${I[4]}${key(4, 'code', true)}${q(code)}${key(4, 'label')}${q(d.note[code])}\n${I[4]}}`))
    return j
  }
  const minGroupSize = policy.minGroupSize
  const basisJson = new Map<string, string>()
  // The cadre's keys (depth 2), its tally's (3), a voter group's (5).
  const [ID, NAME, UNIT, POST, PRINCIPAL, ON_ROSTER, TALLY, CHECKS, FINDINGS, DISPOSITION, NOTES] = (
    ['id', 'name', 'unit', 'post', 'principal', 'onRoster', 'tally', 'checks', 'findings', 'disposition', 'notes'] as const
  ).map((k, i) => (i === 0 ? `${I[2]}${key(2, k, true)}` : key(2, k)))
  const [EXC, COMP, BASIC, INCOMP, ABSTAIN, INVALID, ELIGIBLE, RETURNED, DENOMINATOR, BASIS, GROUPS, HIDDEN] = (
    ['excellent', 'competent', 'basicallyCompetent', 'incompetent', 'abstain', 'invalid', 'eligible', 'returned', 'denominator', 'denominatorBasis', 'groups', 'groupsHidden'] as const
  ).map((k, i) => key(3, k, i === 0))
  const [G_GROUP, G_EXC, G_COMP, G_BASIC, G_INCOMP, G_ABSTAIN, G_INVALID] = (
    ['group', 'excellent', 'competent', 'basicallyCompetent', 'incompetent', 'abstain', 'invalid'] as const
  ).map((k, i) => (i === 0 ? `${I[5]}${key(5, k, true)}` : key(5, k)))
  const G_END = `\n${I[5]}}`
  const T_END = `\n${I[3]}}`
  const C_END = `\n${I[2]}}`
  const [D_CODE, D_LABEL, D_MEASURE, D_BASIS, D_OPTIONS, D_PREREQUISITES, D_REASON] = (
    ['code', 'label', 'measure', 'basis', 'options', 'prerequisites', 'reason'] as const
  ).map((k, i) => key(3, k, i === 0))
  return (a) => {
    const c = a.cadre
    if (a.history !== undefined || (c.tally !== null && c.tally.eligible === undefined)) {
      // Earlier years (`--history`), or a count JSON would leave out: the whole cadre the document's way.
      return `${I[2]}${jsonAt(cadreDoc(a, d, policy, withDisposition), 2)}`
    }
    let out = `${ID}${q(c.id)}${NAME}${q(c.name)}${UNIT}${unit(c.unit)}${POST}${unit(c.post)}${PRINCIPAL}${c.principal}${ON_ROSTER}${c.onRoster}${TALLY}`
    const t = c.tally
    if (t === null) out += 'null'
    else {
      const { shown, hidden } = visibleGroups(c.groups, minGroupSize)
      let basis = basisJson.get(a.denominatorBasis)
      if (basis === undefined) basisJson.set(a.denominatorBasis, (basis = q(a.denominatorBasis)))
      out += `${EXC}${t.excellent}${COMP}${t.competent}${BASIC}${t.basicallyCompetent}${INCOMP}${t.incompetent}${ABSTAIN}${t.abstain}${INVALID}${t.invalid}${ELIGIBLE}${t.eligible}${RETURNED}${c.participated ?? returnedVotes(t)}${DENOMINATOR}${a.denominator}${BASIS}${basis}${GROUPS}`
      if (shown.length === 0) out += '[]'
      else {
        out += '[\n'
        for (let i = 0; i < shown.length; i++) {
          const g = shown[i]!
          const gt = g.tally
          out += `${i === 0 ? '' : ',\n'}${G_GROUP}${group(g.group)}${G_EXC}${gt.excellent}${G_COMP}${gt.competent}${G_BASIC}${gt.basicallyCompetent}${G_INCOMP}${gt.incompetent}${G_ABSTAIN}${gt.abstain}${G_INVALID}${gt.invalid}${G_END}`
        }
        out += `\n${I[4]}]`
      }
      out += `${HIDDEN}${hidden}${T_END}`
    }
    out += `${CHECKS}${arrayAt(a.checks.map((k) => checkJson(k, false)), 3)}${FINDINGS}`
    out += withDisposition ? arrayAt(a.checks.filter((k) => k.fired).map((k) => checkJson(k, true)), 3) : '[]'
    out += DISPOSITION
    if (!withDisposition) out += 'null'
    else {
      const disp = a.disposition
      out += `${D_CODE}${q(disp.code)}${D_LABEL}${q(d.disposition[disp.code])}${D_MEASURE}${q(disp.measure)}${D_BASIS}${arrayAt(disp.basis.map((b) => `${I[5]}${q(b)}`), 4)}${D_OPTIONS}${arrayAt(disp.options.map((o) => codeLabel(o, d.option[o])), 4)}${D_PREREQUISITES}${arrayAt(disp.prerequisites.map((p) => codeLabel(p, d.prerequisite[p])), 4)}${D_REASON}${lit(disp.reason)}${T_END}`
    }
    return `${out}${NOTES}${a.notes.length === 0 ? '[]' : arrayAt(a.notes.map(note), 3)}${C_END}`
  }
}

/** A CSV text cell (csv.ts `csvLine`): neutralised and quoted where it must be; most cells need neither. */
const csvText = (s: string): string => (/[",;\t\r\n]/.test(s) || /^[=+\-@]/.test(s) ? csvLine([s]) : s)

/** The CSV line of each cadre (no line break): `csvCadreLine` of its document. */
export const cadreCsvWriter = (ctx: CadreTextContext): ((a: CadreAssessment) => string) => {
  const { dict: d, policy, head, withDisposition } = ctx
  const shares = shareRuleWords(policy, d.lang)
  const w = CSV_COLUMNS[d.lang]
  const sep = d.punct.semicolon
  const rules = displayRules(head)
  const columns = shareColumns(head).map((col) => rules[col.first]!.id)
  const remembered = new Map<string, string>()
  /** A cell of words (labels, expressions, percentages): few distinct ones. */
  const words = (s: string): string => {
    let c = remembered.get(s)
    if (c === undefined) {
      if (remembered.size >= 1 << 14) remembered.clear()
      remembered.set(s, (c = csvText(s)))
    }
    return c
  }
  const yes = words(w.yes)
  const no = words(w.no)
  const cell = (v: number | null): string => (v === null ? '' : String(v))
  /** A share check's percentage and expression as CSV cells, made once per distinct share. */
  const shareCells = new Map<ShareWordsOf, { percent: string; expression: string }>()
  const cellsOf = (k: Check): { percent: string; expression: string } | null => {
    if (k.computation.kind !== 'share') return null
    const rule = shares.get(k.rule)
    if (rule === undefined) return null
    const sw = shareWordsOf(d, rule, k.computation, k.fired)
    let cs = shareCells.get(sw)
    if (cs === undefined) {
      if (shareCells.size >= 1 << 14) shareCells.clear()
      shareCells.set(sw, (cs = { percent: csvText(sw.percent), expression: csvText(sw.expression) }))
    }
    return cs
  }
  return (a) => {
    if (head.history !== undefined) return csvCadreLine(head, cadreDoc(a, d, policy, withDisposition), d)
    const c = a.cadre
    const t = c.tally
    let out = `${csvText(c.id)},${csvText(c.name)},${words(c.unit)},${words(c.post)},`
    out +=
      t === null
        ? ',,,,,,,,'
        : `${t.excellent},${t.competent},${t.basicallyCompetent},${t.incompetent},${t.abstain},${t.invalid},${cell(t.eligible)},${cell(a.denominator)},${words(d.lang === 'zh' ? d.basis[a.denominatorBasis] : a.denominatorBasis)}`
    const find = (rule: string): Check | undefined => {
      for (const k of a.checks) if (k.rule === rule) return k
      return undefined
    }
    for (const id of columns) {
      const k = find(id)
      const cs = k === undefined ? null : cellsOf(k)
      out += cs === null ? ',,' : `,${(k!.computation as ShareComputation).numerator},${cs.percent}`
    }
    for (const r of rules) {
      const k = find(r.id)
      if (k === undefined) out += ',,,'
      else {
        const expression = cellsOf(k)?.expression ?? csvText(String(checkDoc(k, d, shares).computation.expression))
        out += `,${expression},${k.fired ? yes : no},${cell(k.margin)}`
      }
    }
    out += `,${a.checks.some((k) => k.borderline) ? yes : no}`
    const notes = a.notes.map((n) => d.note[n])
    if (!withDisposition) return `${out},,,,,,${notes.length === 0 ? '' : words(notes.join(sep))}`
    const disp = a.disposition
    const texts = a.checks
      .filter((k) => k.fired)
      .map((k) => (k.computation.kind === 'share' && shares.has(k.rule) ? shareWordsOf(d, shares.get(k.rule)!, k.computation, k.fired).text : checkDoc(k, d, shares).text))
    out += `,${words(disp.code)},${words(d.disposition[disp.code])},${words(disp.basis.join(' '))},${words(disp.options.map((o) => d.option[o]).join(sep))},${words(disp.prerequisites.map((p) => d.prerequisite[p]).join(sep))}`
    return `${out},${csvText([...texts, ...notes].join(sep))}`
  }
}

