import { z } from 'zod'
import { parseFraction } from '../core/fraction.js'
import { MARKS } from '../core/marks.js'
import { MEASURE_OPTIONS, SHARE_MEASURES } from '../core/measures.js'
import { FIXED_RULE_IDS, type FixedRuleId, OPTION_CODES, PREREQUISITE_CODES } from '../core/model.js'

const FractionText = z
  .string()
  .refine((s) => parseFraction(s) !== undefined, { message: 'must be an exact fraction such as "2/3"' })

/** A share between 0 and 1 inclusive, as an exact fraction. */
const ShareText = FractionText.refine((s) => {
  const f = parseFraction(s)
  return f === undefined || f.p <= f.q
}, { message: 'must be a share from 0/1 to 1/1, such as "2/3"' })

const COMPARISONS = ['above', 'atOrAbove', 'below', 'atOrBelow'] as const

/**
 * One share rule (SPEC §1): the share of the denominator that `marks` together hold,
 * compared with `share`; when the comparison holds the rule fires and recommends `measure`.
 */
const ShareRule = z
  .object({
    /** Public and stable: JSON `checks`, CSV/XLSX columns and history refer to it. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens').max(64),
    /** The item of the Opinion the rule applies (第9项 for the vote shares, unless said otherwise). */
    item: z.number().int().min(1).max(14).default(9),
    marks: z.array(z.enum(MARKS)).min(1),
    comparison: z.enum(COMPARISONS),
    share: ShareText,
    measure: z.enum(SHARE_MEASURES),
    /** The rule's name where a person reads it; the built-in texts name the built-in rules. */
    label: z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict().optional(),
    /** The options the rule offers (default: every option of its measure). */
    options: z.array(z.enum(OPTION_CODES)).optional(),
    /** The steps required before a decision (default: item 9's for an item-9 rule; the borderline recount is always added). */
    prerequisites: z.array(z.enum(PREREQUISITE_CODES).exclude(['recount'])).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const issue = (path: PropertyKey[], message: string): void => ctx.addIssue({ code: 'custom', path, message })
    if (!unique(r.marks)) issue(['marks'], 'a mark is listed twice')
    const allowed = MEASURE_OPTIONS[r.measure]
    r.options?.forEach((o, j) => {
      if (!allowed.includes(o)) issue(['options', j], `"${o}" is not an option of ${r.measure} (${allowed.join(', ') || 'none'})`)
    })
    if (r.options !== undefined && !unique(r.options)) issue(['options'], 'an option is listed twice')
    if (r.prerequisites !== undefined && !unique(r.prerequisites)) issue(['prerequisites'], 'a prerequisite is listed twice')
  })

/**
 * The key naming a share rule's English CSV columns (`<key>_expression`, `_fired`, `_margin`):
 * its id in snake_case, but `unfit` and `incompetent` for the built-in ones, as before share
 * rules were policy data.
 */
const COLUMN_KEYS: Readonly<Record<string, string>> = { 'item9-unfit': 'unfit', 'item9-incompetent': 'incompetent' }
export const ruleColumnKey = (id: string): string => (Object.hasOwn(COLUMN_KEYS, id) ? COLUMN_KEYS[id]! : id.replace(/-/g, '_'))

/** The list: ids unique (and the columns they name), none the id of a rule written in code. */
const ShareRules = z.array(ShareRule).superRefine((rules, ctx) => {
  const seen = new Map<string, string>()
  rules.forEach((r, i) => {
    const issue = (message: string): void => ctx.addIssue({ code: 'custom', path: [i, 'id'], message })
    const key = ruleColumnKey(r.id)
    const earlier = seen.get(key)
    if (earlier === r.id) issue(`"${r.id}" is the id of an earlier share rule: ids must be unique`)
    else if (earlier !== undefined) issue(`"${r.id}" would name the same CSV columns (${key}_…) as "${earlier}": choose another id`)
    seen.set(key, r.id)
    if ((FIXED_RULE_IDS as readonly string[]).includes(r.id)) issue(`"${r.id}" is the id of a built-in rule of items 3 and 5`)
  })
})

const isFixedRuleId = (id: string): id is FixedRuleId => (FIXED_RULE_IDS as readonly string[]).includes(id)

/** Rules of items 3 and 5 to switch off, each once. */
const DisabledRules = z
  .array(z.string())
  .superRefine((ids, ctx) => {
    ids.forEach((id, i) => {
      const issue = (message: string): void => ctx.addIssue({ code: 'custom', path: [i], message })
      if (!isFixedRuleId(id)) issue(`"${id}" is not a rule of items 3 and 5 (${FIXED_RULE_IDS.join(', ')}); a share rule is removed from shareRules instead`)
      else if (ids.indexOf(id) !== i) issue(`"${id}" is listed twice`)
    })
  })
  .transform((ids) => ids.filter(isFixedRuleId))

/** The older form (before `shareRules`): item 9's two lines. Still read, as those two share rules. */
const Thresholds = z
  .object({
    /** Item 9: (优秀+称职) share that makes a cadre unfit for the post. */
    unfit: z.object({ share: FractionText, comparison: z.enum(['below', 'atOrBelow']) }).strict(),
    /** Item 9: 不称职 share that makes a cadre incompetent. */
    incompetent: z.object({ share: FractionText, comparison: z.enum(['above', 'atOrAbove']) }).strict(),
  })
  .strict()

type ShareRuleOut = z.output<typeof ShareRule>

/** `thresholds` as the two share rules it always meant, in the order the built-in policy lists them. */
const fromThresholds = (t: z.output<typeof Thresholds>): ShareRuleOut[] => [
  { id: 'item9-incompetent', item: 9, marks: ['incompetent'], comparison: t.incompetent.comparison, share: t.incompetent.share, measure: 'dismissal' },
  { id: 'item9-unfit', item: 9, marks: ['excellent', 'competent'], comparison: t.unfit.comparison, share: t.unfit.share, measure: 'adjustment' },
]

const unique = <T>(xs: readonly T[]): boolean => new Set(xs).size === xs.length

const Category = z
  .object({
    /** Stable English key used in JSON (e.g. `housing`). */
    key: z.string().regex(/^[a-z][a-z0-9_]*$/),
    /** The Chinese label as it appears in report headers (e.g. 住房). */
    label: z.string().min(1),
    /** Other header texts that mean the same category. */
    aliases: z.array(z.string()).default([]),
  })
  .strict()

/**
 * A policy: every threshold, comparison, denominator and list that a rule uses.
 * The rules read these; no threshold is a literal in a rule (STYLE.md).
 */
export const PolicySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens'),
    version: z.string().min(1),
    title: z.string().min(1),
    source: z.string().default(''),
    /** Which ballots the vote shares are taken of (SPEC §1 Denominator). */
    denominator: z.enum(['valid', 'returned', 'eligible']),
    /** A margin of at most this many votes makes a result borderline: recount first. */
    borderlineVotes: z.number().int().min(0),
    /** Voter groups with fewer ballots are not shown on their own. */
    minGroupSize: z.number().int().min(1),
    /** Minimum participation (returned ÷ eligible); null: none (the Opinion sets none). */
    quorum: z
      .object({ minParticipation: FractionText })
      .strict()
      .nullable(),
    /** The vote-share rules, evaluated in this order (SPEC §1); `[]` for none. */
    shareRules: ShareRules.optional(),
    /** The older form of item 9's two rules; give it or `shareRules`, not both. */
    thresholds: Thresholds.optional(),
    /** Rules of items 3 and 5 switched off (a share rule is removed from `shareRules` instead). */
    disabledRules: DisabledRules.default([]),
    /** Local grade tokens mapped to marks, e.g. {"A": "excellent", "良": "competent"}. */
    gradeSynonyms: z.record(z.string().min(1), z.enum(MARKS)).default({}),
    /**
     * Earlier years (`--history`, SPEC §2.5). Optional, so that a policy without it keeps its
     * canonical form and SHA-256; absent, item9-persistent asks for 1 earlier year.
     */
    history: z
      .object({
        /** item9-persistent: a share rule fired this year and in each of this many previous years. */
        persistentYears: z.number().int().min(1).max(50),
      })
      .strict()
      .optional(),
    reports: z
      .object({
        categories: z.array(Category).min(1),
        /** Yearly deadline "MM-DD" for personal-matter reports; null: none. */
        deadline: z
          .string()
          .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be "MM-DD"')
          .nullable(),
        /** Finding types (the 类型 column) treated as serious, e.g. ["瞒报"]. */
        seriousTypes: z.array(z.string().min(1)).default([]),
      })
      .strict(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const issue = (path: PropertyKey[], message: string): void => ctx.addIssue({ code: 'custom', path, message })
    if (p.shareRules !== undefined && p.thresholds !== undefined) issue(['thresholds'], 'give shareRules or the older thresholds, not both')
    if (p.shareRules === undefined && p.thresholds === undefined) issue(['shareRules'], 'missing: list the share rules ([] for none)')
  })
  // The canonical form (what `policy show` prints and the SHA-256 is taken of): share rules
  // always as `shareRules`, keys in this order.
  .transform(({ thresholds, shareRules, disabledRules, gradeSynonyms, reports, history, ...head }) => ({
    ...head,
    shareRules: shareRules ?? fromThresholds(thresholds!),
    disabledRules,
    gradeSynonyms,
    reports,
    // Last, and only where given: a policy without it keeps its bytes.
    ...(history === undefined ? {} : { history }),
  }))

export type Policy = z.infer<typeof PolicySchema>
export type PolicyInput = z.input<typeof PolicySchema>
export type DenominatorBasis = Policy['denominator']
export type ShareRuleSpec = Policy['shareRules'][number]
export type ReportCategory = Policy['reports']['categories'][number]
