import { formatFraction, lowestTerms, parseFraction, type Comparison } from '../core/fraction.js'
import { type Mark, MARKS } from '../core/marks.js'
import type { MeasureCode } from '../core/model.js'
import type { Dict } from './index.js'
import { fill } from './index.js'

/**
 * The words of the policy's share rules, per language: templates filled with `{share}`,
 * `{marks}` and the numbers, so that any rule a policy lists reads right (SPEC §1) — a 3/5
 * rule reads "3/5", and the Opinion's own words (三分之二, 三分之一) appear only for its shares.
 */
export interface ShareWords {
  /** The Opinion's words for a share, keyed by the share in lowest terms ("2/3": 三分之二). */
  fractions: Readonly<Record<string, string>>
  /** What a comparison says before a share: 达不到 三分之二 / short of two thirds. */
  comparison: Readonly<Record<Comparison, string>>
  /** The sign shown when the comparison holds, and when it does not. */
  holds: Readonly<Record<Comparison, string>>
  fails: Readonly<Record<Comparison, string>>
  /** A short name of each mark, for column heads (优秀 / Exc). */
  markShort: Readonly<Record<Mark, string>>
  /**
   * Marks joined: in a sentence (优秀和称职), as alternatives in a margin (优秀或称职), in a
   * column head (优秀+称职 / Exc+Comp), on a chart line (优秀+称职 / excellent + competent) and
   * as a heading (优秀+称职 / Excellent + competent).
   */
  marks: {
    sentence: (names: string[]) => string
    either: (names: string[]) => string
    column: (short: string[]) => string
    line: (names: string[]) => string
    heading: (names: string[]) => string
  }
  /** Items of the Opinion: 第9项 / item 9; 第4、9项 / items 4, 9. */
  items: (items: readonly number[]) => string
  /** A finding's text: lead (`{item}`, `{label}` when the policy names the rule), the share, the Opinion's words, the outcome. */
  lead: string
  leadLabelled: string
  share: string
  words: string
  /** What follows a fired rule of item 9, by its measure: the Opinion's own sentence. */
  item9: Readonly<Partial<Record<MeasureCode, string>>>
  /** What follows any other fired rule (`{measure}`). */
  consequence: string
  notFired: string
  /** A rule's name where the policy gives none: with the Opinion's words, or with the share. */
  labelWords: string
  labelShare: string
  /** Short names of the built-in rules, for column heads (不胜任 / Unfit). */
  names: Readonly<Record<string, string>>
  /** Margins: the change of votes (`{m}`, `{marks}`, `{votes}`), then what it does. */
  more: string
  fewer: string
  clears: string
  triggers: string
  never: string
  /** "vote" and "votes" (English only; Chinese counts without them). */
  vote: readonly [string, string]
}

/** A share rule as the words need it (policy data, validated). */
export interface ShareRuleWords {
  id: string
  item: number
  marks: readonly Mark[]
  comparison: Comparison
  share: string
  measure: MeasureCode
  /** The policy's name of the rule, in the report's language, if it gives one. */
  label: string | null
}

/** Marks in the order of MARKS (优秀 → 无效), whatever order the policy lists them in. */
export const markOrder = (marks: readonly Mark[]): Mark[] => MARKS.filter((m) => marks.includes(m))

/** The Opinion's words for a share (三分之二 for 2/3, also written 4/6), or null. */
export const fractionWords = (d: Dict, share: string): string | null => {
  const f = parseFraction(share)
  const key = f === undefined ? '' : formatFraction(lowestTerms(f))
  return Object.hasOwn(d.share.fractions, key) ? d.share.fractions[key]! : null
}

const names = (d: Dict, marks: readonly Mark[]): string[] => markOrder(marks).map((m) => d.mark[m])

export const marksSentence = (d: Dict, marks: readonly Mark[]): string => d.share.marks.sentence(names(d, marks))
export const marksColumn = (d: Dict, marks: readonly Mark[]): string => d.share.marks.column(markOrder(marks).map((m) => d.share.markShort[m]))
export const marksLine = (d: Dict, marks: readonly Mark[]): string => d.share.marks.line(names(d, marks))
export const marksHeading = (d: Dict, marks: readonly Mark[]): string => d.share.marks.heading(names(d, marks))

/** The rule's name: the policy's label, else made from its marks, comparison and share. */
export const shareLabel = (d: Dict, r: ShareRuleWords): string => {
  if (r.label !== null) return r.label
  const words = fractionWords(d, r.share)
  const p = { marks: marksSentence(d, r.marks), cmp: d.share.comparison[r.comparison], share: r.share, words: words ?? '' }
  return fill(words === null ? d.share.labelShare : d.share.labelWords, p)
}

/** A short name for column heads: the built-in rules' own, else the policy's label, else the id. */
export const shareName = (d: Dict, r: ShareRuleWords): string =>
  // Own keys only: a rule may be called "constructor".
  (Object.hasOwn(d.share.names, r.id) ? d.share.names[r.id] : undefined) ?? r.label ?? r.id

/** The numbers of one check of the rule. */
export interface ShareNumbers {
  percent: string
  num: number
  den: number
  basis: string
}

/** What a rule's sentences share whatever the numbers: made once per rule and language (a report writes them for every cadre). */
interface Prepared {
  lead: string
  marks: string
  either: string
  /** ", 达不到三分之二": the Opinion's words, where the share is one of its own. */
  quote: string
  /** What follows a fired rule. */
  then: string
  floor: boolean
}
const preparedOf = new WeakMap<ShareRuleWords, Map<Dict, Prepared>>()

const prepare = (d: Dict, r: ShareRuleWords): Prepared => {
  let byDict = preparedOf.get(r)
  if (byDict === undefined) preparedOf.set(r, (byDict = new Map()))
  let p = byDict.get(d)
  if (p === undefined) {
    const s = d.share
    const words = fractionWords(d, r.share)
    p = {
      lead: fill(r.label === null ? s.lead : s.leadLabelled, { item: r.item, label: r.label ?? '' }),
      marks: marksSentence(d, r.marks),
      either: s.marks.either(names(d, r.marks)),
      quote: words === null ? '' : fill(s.words, { cmp: s.comparison[r.comparison], words }),
      then: (r.item === 9 ? s.item9[r.measure] : undefined) ?? fill(s.consequence, { measure: d.disposition[r.measure] }),
      floor: r.comparison === 'below' || r.comparison === 'atOrBelow',
    }
    byDict.set(d, p)
  }
  return p
}

/**
 * A check's sentence: "第9项：优秀和称职得票率 65.00%（39/60，分母为有效票）< 2/3，达不到三分之二；
 * 在听取…应当对其进行组织调整", or "…≥ 2/3，未触发" when it did not fire.
 */
export const shareText = (d: Dict, r: ShareRuleWords, fired: boolean, n: ShareNumbers): string => {
  const s = d.share
  const p = prepare(d, r)
  const body = fill(s.share, {
    marks: p.marks,
    percent: n.percent,
    num: n.num,
    den: n.den,
    basis: n.basis,
    sym: (fired ? s.holds : s.fails)[r.comparison],
    share: r.share,
  })
  return fired ? `${p.lead}${body}${p.quote}${p.then}` : `${p.lead}${body}${s.notFired}`
}

/**
 * What the margin means: which votes, how many, and what they would do. A rule that fires
 * below its share is cleared by more votes of its marks and triggered by fewer; one that
 * fires above its share the other way round.
 */
export const shareMarginText = (d: Dict, r: ShareRuleWords, fired: boolean, margin: number | null): string => {
  const s = d.share
  if (margin === null) return s.never
  const p = prepare(d, r)
  const change = fill(p.floor === fired ? s.more : s.fewer, { m: margin, marks: p.either, votes: s.vote[margin === 1 ? 0 : 1] })
  return `${change}${fired ? s.clears : s.triggers}`
}
