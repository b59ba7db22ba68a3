import { z } from 'zod'
import { MARKS } from '../core/marks.js'
import { DISPOSITION_CODES } from '../core/model.js'
import type { ReportDoc } from './report.js'

/**
 * The JSON report (`--format json`, `--out x.json`; SPEC §3) as a zod schema: the source of
 * schema/report.schema.json (`npm run schema`), which a test holds equal to this, and which
 * the samples' reports are checked against. Objects are strict where kaohe writes every key,
 * so a key added to the report and not here fails that test.
 */

const count = z.number().int().min(0)
const code = z.string().describe('a public code (stable across versions)')
const labelled = z.strictObject({ code, label: z.string() })
const mark = z.enum(MARKS)

const computation = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('share'),
      numerator: count,
      numeratorMarks: z.array(mark),
      denominator: count,
      denominatorBasis: z.string(),
      threshold: z.string().describe('the policy share, an exact fraction such as "2/3"'),
      comparison: z.enum(['below', 'atOrBelow', 'above', 'atOrAbove']),
      percent: z.string().describe('numerator/denominator as a percentage with two decimals, for reading; decisions use the integers'),
      expression: z.string().describe('the comparison as made, e.g. "39/60 < 2/3"'),
    }),
    z.strictObject({ kind: z.literal('annual-grade'), value: z.string(), trigger: z.string() }),
    z.strictObject({ kind: z.literal('report-presence'), required: z.boolean(), present: z.boolean() }),
    z.strictObject({
      kind: z.literal('report-categories'),
      date: z.string().nullable(),
      required: count,
      answered: count,
      unanswered: z.array(z.strictObject({ key: z.string(), label: z.string() })),
    }),
    z.strictObject({ kind: z.literal('report-date'), date: z.string(), deadline: z.string() }),
    z.strictObject({
      kind: z.literal('findings'),
      total: count,
      findings: z.array(
        z.strictObject({
          category: z.string(),
          categoryKey: z.string().nullable(),
          detail: z.string(),
          type: z.string().nullable(),
          seriousBy: z.enum(['marked', 'policy-type']).nullable(),
          source: z.string(),
        }),
      ),
    }),
    z.strictObject({ kind: z.literal('duty-statement'), given: z.boolean() }),
  ])
  .describe('the integers and values a rule compared, by kind')

const check = z.strictObject({
  rule: z.string().describe('rule id, e.g. item9-unfit'),
  item: z.number().int().describe('the item of the 2009 Opinion'),
  fired: z.boolean(),
  computation,
  margin: z.number().int().nullable().describe('votes that would change the outcome; null where votes do not decide'),
  marginText: z.string().nullable(),
  borderline: z.boolean().describe('the margin is within the policy borderline (recount first)'),
  text: z.string(),
})

const grades = {
  excellent: count,
  competent: count,
  basicallyCompetent: count,
  incompetent: count,
  abstain: count,
  invalid: count,
}

const tally = z.strictObject({
  ...grades,
  eligible: count.nullable(),
  returned: count,
  denominator: count.nullable(),
  denominatorBasis: z.string(),
  groups: z.array(z.strictObject({ group: z.string(), ...grades })),
  groupsHidden: count,
})

const historyYear = z.strictObject({
  year: z.number().int(),
  source: z.string(),
  match: z.string(),
  counts: z.strictObject({ ...grades, eligible: count.nullable(), returned: count }).nullable(),
  denominator: count.nullable(),
  denominatorBasis: z.string(),
  withheld: z.string().nullable(),
  shares: z.array(
    z.strictObject({
      rule: z.string(),
      numerator: count,
      denominator: count,
      percent: z.string(),
      expression: z.string(),
      fired: z.boolean(),
      margin: z.number().int().nullable(),
      borderline: z.boolean(),
    }),
  ),
  fired: z.array(z.string()),
  crossed: z.array(z.string()),
  disposition: z.strictObject({ code, label: z.string(), measure: z.string(), recorded: z.boolean() }).nullable(),
  recordedFired: z.array(z.string()).nullable(),
  annualGrade: z.string().nullable(),
  incomplete: z.boolean(),
})

const advisory = z.strictObject({
  rule: z.enum(['item9-persistent', 'item10-reappointment']),
  item: z.number().int(),
  fired: z.boolean(),
  computation: z.looseObject({ kind: z.string() }),
  margin: z.number().int().nullable(),
  marginText: z.string().nullable(),
  borderline: z.boolean(),
  text: z.string(),
  quote: z.string(),
  options: z.array(labelled),
  prerequisites: z.array(labelled),
})

const cadre = z.strictObject({
  id: z.string(),
  name: z.string(),
  unit: z.string(),
  post: z.string(),
  principal: z.boolean().nullable(),
  onRoster: z.boolean(),
  tally: tally.nullable().describe('null for a cadre with no vote data'),
  checks: z.array(check).describe('every rule evaluated, fired or not'),
  findings: z.array(check.omit({ fired: true })).describe('the fired rules, with their text'),
  disposition: z
    .strictObject({
      code: z.enum(DISPOSITION_CODES),
      label: z.string(),
      measure: z.string(),
      basis: z.array(z.string()).describe('the rule ids behind the measure'),
      options: z.array(labelled),
      prerequisites: z.array(labelled),
      reason: z.string().nullable(),
    })
    .nullable()
    .describe('null for `tally`'),
  notes: z.array(labelled),
  history: z.array(historyYear).optional().describe('--history: each earlier year, oldest first'),
  trend: z.strictObject({ since: z.number().int(), crossed: z.array(z.string()) }).nullable().optional(),
  advisories: z.array(advisory).optional(),
})

const issue = z.strictObject({
  file: z.string(),
  row: z.number().int().nullable(),
  column: z.number().int().nullable(),
  columnName: z.string().nullable(),
  value: z.string().nullable(),
  code,
  message: z.string(),
  severity: z.enum(['error', 'notice']),
})

export const ReportSchema = z
  .strictObject({
    tool: z.strictObject({ name: z.literal('kaohe'), version: z.string() }),
    command: z.enum(['assess', 'tally', 'reports']),
    lang: z.enum(['zh', 'en']),
    year: z.number().int().optional().describe('--year, or the year assessed with --history'),
    policy: z.strictObject({
      id: z.string(),
      version: z.string(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      denominator: z.string(),
      shareRules: z.array(
        z.strictObject({
          id: z.string(),
          item: z.number().int(),
          marks: z.array(mark),
          comparison: z.enum(['below', 'atOrBelow', 'above', 'atOrAbove']),
          share: z.string(),
          measure: z.string(),
          label: z.string().nullable(),
        }),
      ),
    }),
    inputs: z.array(
      z.strictObject({
        path: z.string(),
        kind: z.string(),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        rows: count,
        format: z.string(),
        encoding: z.string(),
        shape: z.string().nullable(),
      }),
    ),
    history: z
      .strictObject({
        year: z.number().int(),
        yearSource: z.string(),
        persistentYears: z.number().int(),
        files: z.array(z.looseObject({ path: z.string(), sha256: z.string(), kind: z.enum(['report', 'counts']) })),
      })
      .optional(),
    cadres: z.array(cadre).describe('sorted by id'),
    issues: z.array(issue),
    summary: z.strictObject({
      cadres: count,
      byDisposition: z.record(z.enum(DISPOSITION_CODES), count).nullable(),
      borderline: count,
      noVoteData: count.nullable(),
      rowsRead: count,
      rowsCounted: count,
      rowsInIssues: count,
      blankRows: count,
      rowsSkipped: count,
      issuesListed: count,
      issuesOmitted: count,
    }),
  })
  .describe('kaohe report (kaohe assess|tally|reports --format json)')

/** Every report kaohe builds is one the schema describes (a type check: the schema may not be narrower). */
export const reportFits = (doc: ReportDoc): z.input<typeof ReportSchema> => doc as z.input<typeof ReportSchema>

/** The JSON Schema of the report, as committed in schema/report.schema.json (two-space JSON, a final line break). */
export const reportJsonSchema = (): string =>
  `${JSON.stringify(z.toJSONSchema(ReportSchema, { target: 'draft-2020-12' }), null, 2)}\n`
