import { z } from 'zod'
import { parseFraction } from '../core/fraction.js'
import { MARKS } from '../core/marks.js'

const FractionText = z
  .string()
  .refine((s) => parseFraction(s) !== undefined, { message: 'must be an exact fraction such as "2/3"' })

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
    thresholds: z
      .object({
        /** Item 9: (优秀+称职) share that makes a cadre unfit for the post. */
        unfit: z.object({ share: FractionText, comparison: z.enum(['below', 'atOrBelow']) }).strict(),
        /** Item 9: 不称职 share that makes a cadre incompetent. */
        incompetent: z.object({ share: FractionText, comparison: z.enum(['above', 'atOrAbove']) }).strict(),
      })
      .strict(),
    /** Local grade tokens mapped to marks, e.g. {"A": "excellent", "良": "competent"}. */
    gradeSynonyms: z.record(z.string().min(1), z.enum(MARKS)).default({}),
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

export type Policy = z.infer<typeof PolicySchema>
export type PolicyInput = z.input<typeof PolicySchema>
export type DenominatorBasis = Policy['denominator']
export type ReportCategory = Policy['reports']['categories'][number]
