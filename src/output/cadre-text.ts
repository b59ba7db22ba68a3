import { visibleGroups } from '../core/groups.js'
import type { CadreAssessment, Check, ShareComputation } from '../core/model.js'
import { returnedVotes } from '../core/tally.js'
import type { Dict } from '../i18n/index.js'
import { CSV_COLUMNS } from '../i18n/csv-columns.js'
import type { Policy } from '../policy/schema.js'
import { csvCadreLine, csvLine } from './csv.js'
import { cadreDoc, checkDoc, type ReportHead, shareMarginTextOf, shareRuleWords, shareWordsOf } from './report.js'
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

/** An array of JSON elements, each already at `depth + 1`, closed at `depth`. */
const arrayAt = (items: readonly string[], depth: number): string =>
  items.length === 0 ? '[]' : `[\n${items.join(',\n')}\n${' '.repeat(2 * depth)}]`

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
  const I = (n: number): string => ' '.repeat(2 * n)
  const lit = (v: string | number | boolean | null): string => JSON.stringify(v)
  /** A share check's JSON (depth 4), minus the line of `fired` for a finding. */
  const shareParts = new Map<string, { head: string; fired: string; comp: string; text: string }>()
  const shareCheck = (k: Check, c: ShareComputation, finding: boolean): string => {
    const rule = shares.get(k.rule)!
    const w = shareWordsOf(d, rule, c, k.fired)
    const key = `${k.rule}\u0000${k.item}/${c.numerator}/${c.denominator}/${c.denominatorBasis}/${c.comparison}/${c.threshold}/${k.fired ? 1 : 0}`
    let p = shareParts.get(key)
    if (p === undefined) {
      if (shareParts.size >= 1 << 14) shareParts.clear()
      const computation = Object.assign<Record<string, unknown>, ShareComputation, object>({}, c, { percent: w.percent, expression: w.expression })
      p = {
        head: `${I(4)}{\n${I(5)}"rule": ${q(k.rule)},\n${I(5)}"item": ${lit(k.item)},\n`,
        fired: `${I(5)}"fired": ${k.fired},\n`,
        comp: `${I(5)}"computation": ${jsonAt(computation, 5)},\n${I(5)}"margin": `,
        text: `,\n${I(5)}"text": ${q(w.text)}\n${I(4)}}`,
      }
      shareParts.set(key, p)
    }
    const marginText = shareMarginTextOf(d, rule, k.fired, k.margin)
    return `${p.head}${finding ? '' : p.fired}${p.comp}${lit(k.margin)},\n${I(5)}"marginText": ${lit(marginText)},\n${I(5)}"borderline": ${k.borderline}${p.text}`
  }
  const checkJson = (k: Check, finding: boolean): string => {
    if (k.computation.kind === 'share' && shares.has(k.rule)) return shareCheck(k, k.computation, finding)
    const doc = checkDoc(k, d, shares)
    if (!finding) return `${I(4)}${jsonAt(doc, 4)}`
    const { fired: _fired, ...rest } = doc
    return `${I(4)}${jsonAt(rest, 4)}`
  }
  const codeLabel = (code: string, label: string): string => `${I(5)}{\n${I(6)}"code": ${q(code)},\n${I(6)}"label": ${q(label)}\n${I(5)}}`
  const noteJson = new Map<string, string>()
  const note = (code: keyof Dict['note']): string => {
    let j = noteJson.get(code)
    if (j === undefined) noteJson.set(code, (j = `${I(4)}{\n${I(5)}"code": ${q(code)},\n${I(5)}"label": ${q(d.note[code])}\n${I(4)}}`))
    return j
  }
  const minGroupSize = policy.minGroupSize
  const basisJson = new Map<string, string>()
  return (a) => {
    const c = a.cadre
    if (a.history !== undefined || c.tally?.eligible === undefined && c.tally !== null) {
      // Earlier years (`--history`), or a count JSON would leave out: the whole cadre the document's way.
      return `${I(2)}${jsonAt(cadreDoc(a, d, policy, withDisposition), 2)}`
    }
    let out = `${I(2)}{\n${I(3)}"id": ${q(c.id)},\n${I(3)}"name": ${q(c.name)},\n${I(3)}"unit": ${unit(c.unit)},\n${I(3)}"post": ${unit(c.post)},\n${I(3)}"principal": ${c.principal},\n${I(3)}"onRoster": ${c.onRoster},\n${I(3)}"tally": `
    const t = c.tally
    if (t === null) out += 'null'
    else {
      const { shown, hidden } = visibleGroups(c.groups, minGroupSize)
      let basis = basisJson.get(a.denominatorBasis)
      if (basis === undefined) basisJson.set(a.denominatorBasis, (basis = q(a.denominatorBasis)))
      out += `{\n${I(4)}"excellent": ${t.excellent},\n${I(4)}"competent": ${t.competent},\n${I(4)}"basicallyCompetent": ${t.basicallyCompetent},\n${I(4)}"incompetent": ${t.incompetent},\n${I(4)}"abstain": ${t.abstain},\n${I(4)}"invalid": ${t.invalid},\n${I(4)}"eligible": ${t.eligible},\n${I(4)}"returned": ${c.participated ?? returnedVotes(t)},\n${I(4)}"denominator": ${a.denominator},\n${I(4)}"denominatorBasis": ${basis},\n${I(4)}"groups": `
      if (shown.length === 0) out += '[]'
      else {
        out += '[\n'
        for (let i = 0; i < shown.length; i++) {
          const g = shown[i]!
          const gt = g.tally
          out += `${i === 0 ? '' : ',\n'}${I(5)}{\n${I(6)}"group": ${group(g.group)},\n${I(6)}"excellent": ${gt.excellent},\n${I(6)}"competent": ${gt.competent},\n${I(6)}"basicallyCompetent": ${gt.basicallyCompetent},\n${I(6)}"incompetent": ${gt.incompetent},\n${I(6)}"abstain": ${gt.abstain},\n${I(6)}"invalid": ${gt.invalid}\n${I(5)}}`
        }
        out += `\n${I(4)}]`
      }
      out += `,\n${I(4)}"groupsHidden": ${hidden}\n${I(3)}}`
    }
    out += `,\n${I(3)}"checks": ${arrayAt(a.checks.map((k) => checkJson(k, false)), 3)},\n${I(3)}"findings": `
    out += withDisposition ? arrayAt(a.checks.filter((k) => k.fired).map((k) => checkJson(k, true)), 3) : '[]'
    out += `,\n${I(3)}"disposition": `
    if (!withDisposition) out += 'null'
    else {
      const disp = a.disposition
      out += `{\n${I(4)}"code": ${q(disp.code)},\n${I(4)}"label": ${q(d.disposition[disp.code])},\n${I(4)}"measure": ${q(disp.measure)},\n${I(4)}"basis": ${arrayAt(disp.basis.map((b) => `${I(5)}${q(b)}`), 4)},\n${I(4)}"options": ${arrayAt(disp.options.map((o) => codeLabel(o, d.option[o])), 4)},\n${I(4)}"prerequisites": ${arrayAt(disp.prerequisites.map((p) => codeLabel(p, d.prerequisite[p])), 4)},\n${I(4)}"reason": ${lit(disp.reason)}\n${I(3)}}`
    }
    out += `,\n${I(3)}"notes": ${arrayAt(a.notes.map(note), 3)}\n${I(2)}}`
    return out
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
      const comp = k?.computation.kind === 'share' && shares.has(k.rule) ? k.computation : undefined
      out += comp === undefined ? ',,' : `,${comp.numerator},${words(shareWordsOf(d, shares.get(id)!, comp, k!.fired).percent)}`
    }
    for (const r of rules) {
      const k = find(r.id)
      if (k === undefined) out += ',,,'
      else {
        const comp = k.computation
        const expression = comp.kind === 'share' && shares.has(k.rule) ? shareWordsOf(d, shares.get(k.rule)!, comp, k.fired).expression : String(checkDoc(k, d, shares).computation.expression)
        out += `,${words(expression)},${k.fired ? yes : no},${cell(k.margin)}`
      }
    }
    out += `,${a.checks.some((k) => k.borderline) ? yes : no}`
    const notes = a.notes.map((n) => d.note[n])
    if (!withDisposition) return `${out},,,,,,${words(notes.join(sep))}`
    const disp = a.disposition
    const texts = a.checks
      .filter((k) => k.fired)
      .map((k) => (k.computation.kind === 'share' && shares.has(k.rule) ? shareWordsOf(d, shares.get(k.rule)!, k.computation, k.fired).text : checkDoc(k, d, shares).text))
    out += `,${words(disp.code)},${words(d.disposition[disp.code])},${words(disp.basis.join(' '))},${words(disp.options.map((o) => d.option[o]).join(sep))},${words(disp.prerequisites.map((p) => d.prerequisite[p]).join(sep))}`
    return `${out},${csvText([...texts, ...notes].join(sep))}`
  }
}

