import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { assessCadre } from '../../src/core/assess.js'
import { MARKS } from '../../src/core/marks.js'
import type { CadreAssessment, CadreInput } from '../../src/core/model.js'
import { rulesOf } from '../../src/core/rules/index.js'
import { dict } from '../../src/i18n/index.js'
import { cadreCsvWriter, cadreJsonWriter, jsonAt } from '../../src/output/cadre-text.js'
import { csvCadreLine } from '../../src/output/csv.js'
import { cadreDoc, type ReportHead } from '../../src/output/report.js'
import { OPINION_2009 } from '../../src/policy/builtin.js'
import { type Policy, PolicySchema } from '../../src/policy/schema.js'

/**
 * The cadre texts written straight from assessments (output/cadre-text.ts) against the
 * document path they replace in a streamed report: `JSON.stringify` of the whole document
 * (a cadre as it stands in `cadres`) and `csvCadreLine` of the cadre's document — on
 * generated cadres (every field, awkward text, voter groups, items 3 and 5) under generated
 * policies (denominators, quorum, share rules with labels, margins, group sizes).
 */

/** Text that JSON escapes and CSV quotes or neutralises, and plain text. */
const text = fc.oneof(
  fc.constantFrom('', '张三', 'a,b', 'x;=1+1', '=SUM(A1)', '+1', '-2', '@x', '"q"', 'line\nbreak', 'tab\tx', '\r', '\u2028', '\ud800', '县"三农"局', '\u0007bel', 'é'),
  fc.string({ maxLength: 8 }),
)

const tally = fc.record({
  excellent: fc.nat(40),
  competent: fc.nat(40),
  basicallyCompetent: fc.nat(10),
  incompetent: fc.nat(30),
  abstain: fc.nat(5),
  invalid: fc.nat(5),
  eligible: fc.option(fc.nat(150), { nil: null }),
})

const grade = fc.constantFrom('excellent', 'competent', 'basicallyCompetent', 'incompetent') as fc.Arbitrary<'excellent'>

const finding = fc.record({
  category: text,
  categoryKey: fc.option(fc.constantFrom('housing', 'investment', 'marriage'), { nil: null }),
  detail: text,
  type: fc.option(fc.constantFrom('漏报', '瞒报'), { nil: null }),
  markedSerious: fc.boolean(),
  source: fc.constant('findings.csv:2'),
})

const cadre: fc.Arbitrary<CadreInput> = fc
  .record({
    id: fc.oneof(fc.constantFrom('C000001', 'XJ2', '-1', '=1'), text),
    name: text,
    unit: text,
    post: text,
    principal: fc.option(fc.boolean(), { nil: null }),
    annualGrade: fc.option(grade, { nil: null }),
    dutyStatement: fc.option(fc.boolean(), { nil: null }),
    mustReport: fc.option(fc.boolean(), { nil: null }),
    onRoster: fc.boolean(),
    tally: fc.option(tally, { nil: null, freq: 5 }),
    participated: fc.option(fc.nat(150), { nil: null }),
    groups: fc.array(fc.record({ group: text, tally }), { maxLength: 4 }),
    incomplete: fc.boolean(),
    nameAmbiguous: fc.option(fc.boolean(), { nil: undefined }),
    report: fc.option(
      fc.option(fc.record({ answered: fc.subarray(['housing', 'investment', 'marriage']), date: fc.option(fc.constantFrom('2025-01-15', '2025-03-01'), { nil: null }), roundYear: fc.option(fc.constant(2025), { nil: null }) }), { nil: null }),
      { nil: undefined, freq: 2 },
    ),
    findings: fc.option(fc.array(finding, { maxLength: 2 }), { nil: undefined, freq: 2 }),
  })
  .map((c) => {
    // Absent, not undefined: as the collector makes them.
    const out: CadreInput = { ...c }
    for (const k of ['nameAmbiguous', 'report', 'findings'] as const) if (out[k] === undefined) delete out[k]
    return out
  })

const shareRule = fc.record({
  id: fc.constantFrom('item9-incompetent', 'item9-unfit', 'local-a', 'local-b'),
  item: fc.constantFrom(4, 9),
  marks: fc.subarray([...MARKS], { minLength: 1 }),
  comparison: fc.constantFrom('above', 'atOrAbove', 'below', 'atOrBelow'),
  share: fc.constantFrom('1/3', '2/3', '1/2', '3/5', '0/1', '1/1', '4/6'),
  measure: fc.constantFrom('dismissal', 'adjustment', 'organizational-handling', 'admonishment'),
  label: fc.option(fc.record({ zh: text.filter((s) => s.length > 0), en: text.filter((s) => s.length > 0) }), { nil: undefined }),
})

const policy: fc.Arbitrary<Policy> = fc
  .record({
    denominator: fc.constantFrom('valid', 'returned', 'eligible'),
    borderlineVotes: fc.nat(3),
    minGroupSize: fc.integer({ min: 1, max: 12 }),
    quorum: fc.option(fc.record({ minParticipation: fc.constantFrom('2/3', '1/2') }), { nil: null }),
    shareRules: fc.option(fc.uniqueArray(shareRule, { selector: (r) => r.id, minLength: 1, maxLength: 3 }), { nil: undefined }),
    disabledRules: fc.subarray(['item3-basic-grade', 'item5-report-late', 'item5-serious']),
    deadline: fc.option(fc.constant('01-31'), { nil: null }),
  })
  .map((p) => {
    const raw = { ...OPINION_2009, ...p, shareRules: p.shareRules ?? OPINION_2009.shareRules, reports: { ...OPINION_2009.reports, deadline: p.deadline } }
    delete (raw as { deadline?: unknown }).deadline
    return PolicySchema.parse(raw)
  })

const headOf = (p: Policy, lang: 'zh' | 'en'): Pick<ReportHead, 'policy' | 'history'> => ({
  policy: {
    id: p.id,
    version: p.version,
    sha256: '0'.repeat(64),
    denominator: p.denominator,
    shareRules: p.shareRules.map((r) => ({ id: r.id, item: r.item, marks: [...r.marks], comparison: r.comparison, share: r.share, measure: r.measure, label: r.label?.[lang] ?? null })),
  },
})

/** A cadre as it stands in the document's `cadres` (stream.ts before: the document stringified, its wrapper cut off). */
const inDocument = (v: unknown): string => {
  const s = JSON.stringify({ cadres: [v] }, null, 2)
  return s.slice('{\n  "cadres": [\n'.length, s.length - '\n  ]\n}'.length)
}

describe('cadre texts straight from assessments', () => {
  it('are byte for byte the document path: the JSON of a cadre in `cadres`, and its CSV line', () => {
    fc.assert(
      fc.property(policy, fc.array(cadre, { minLength: 1, maxLength: 6 }), fc.constantFrom('zh', 'en'), fc.boolean(), fc.constantFrom('all', 'votes'), (p, cadres, lang, withDisposition, scope) => {
        const d = dict(lang)
        const head = headOf(p, lang)
        const ctx = { dict: d, policy: p, head, withDisposition }
        // Each writer is made once per report and used for every cadre, as a stream does.
        const json = cadreJsonWriter(ctx)
        const csv = cadreCsvWriter(ctx)
        const rules = rulesOf(p, scope)
        for (const c of cadres) {
          const a: CadreAssessment = assessCadre(c, p, rules)
          const doc = cadreDoc(a, d, p, withDisposition)
          expect(json(a)).toBe(inDocument(doc))
          expect(csv(a)).toBe(csvCadreLine(head, doc, d))
          // A second time: what was remembered from the first says the same.
          expect(json(a)).toBe(inDocument(doc))
          expect(csv(a)).toBe(csvCadreLine(head, doc, d))
        }
      }),
      { numRuns: 400 },
    )
  })

  it('jsonAt is JSON.stringify at a depth of the document', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(4), (v, depth) => {
        const wrapped = JSON.stringify(Array.from({ length: depth }).reduce<unknown>((x) => [x], v), null, 2)
        // The value's text, as it stands `depth` arrays deep (each line past the first indented).
        const lines = wrapped.split('\n')
        const inner = lines.slice(depth, lines.length - depth).map((l, i) => (i === 0 ? l.slice(2 * depth) : l)).join('\n')
        expect(jsonAt(v, depth)).toBe(inner)
      }),
    )
  })
})
