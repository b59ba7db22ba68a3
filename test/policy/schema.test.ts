import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PolicyError } from '../../src/errors.js'
import { builtinPolicy, loadPolicy, renderPolicy } from '../../src/policy/load.js'
import { PolicySchema } from '../../src/policy/schema.js'
import { ROOT, writeFiles } from '../helpers.js'

const FIXTURES = join(ROOT, 'test/fixtures/policies')
const OLD = join(FIXTURES, 'opinion-2009-thresholds.json')
const builtin = builtinPolicy('opinion-2009')!

/** The built-in policy as JSON to edit. */
const base = (): Record<string, unknown> => JSON.parse(renderPolicy(builtin.policy)) as Record<string, unknown>
const rules = (): Array<Record<string, unknown>> => base().shareRules as Array<Record<string, unknown>>

/** The problems zod finds, as "path: message". */
const problems = (json: unknown): string[] => {
  const r = PolicySchema.safeParse(json)
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
}

describe('shareRules in the policy schema', () => {
  it('the built-in opinion-2009 lists item 9\'s two rules as share rules, in the order they are checked', () => {
    expect(builtin.policy.shareRules).toEqual([
      { id: 'item9-incompetent', item: 9, marks: ['incompetent'], comparison: 'above', share: '1/3', measure: 'dismissal' },
      { id: 'item9-unfit', item: 9, marks: ['excellent', 'competent'], comparison: 'below', share: '2/3', measure: 'adjustment' },
    ])
    expect(builtin.policy.disabledRules).toEqual([])
    expect(Object.keys(builtin.policy)).toEqual([
      'id', 'version', 'title', 'source', 'denominator', 'borderlineVotes', 'minGroupSize', 'quorum',
      'shareRules', 'disabledRules', 'gradeSynonyms', 'reports',
    ])
  })

  it('an added rule takes item 9 unless it names another; label, options and prerequisites are optional', () => {
    const local = { id: 'local-basic-or-worse', marks: ['basicallyCompetent', 'incompetent'], comparison: 'atOrAbove', share: '1/2', measure: 'adjustment' }
    const p = PolicySchema.parse({ ...base(), shareRules: [...rules(), local] })
    expect(p.shareRules[2]).toEqual({ ...local, item: 9 })
    const labelled = { ...local, item: 4, label: { zh: '基本称职及以下过半', en: 'half basically competent or worse' }, options: ['training'], prerequisites: ['hear-opinions'] }
    expect(PolicySchema.parse({ ...base(), shareRules: [labelled] }).shareRules).toEqual([labelled])
  })

  it('no share rule at all is a policy too (`[]`), but a missing list is an error', () => {
    expect(PolicySchema.parse({ ...base(), shareRules: [] }).shareRules).toEqual([])
    const { shareRules: _, ...without } = base()
    expect(problems(without)).toEqual(['shareRules: missing: list the share rules ([] for none)'])
  })

  it.each([
    ['a repeated id', (r: Array<Record<string, unknown>>) => [...r, { ...r[0], share: '1/2' }], 'shareRules.2.id: "item9-incompetent" is the id of an earlier share rule: ids must be unique'],
    ['an id naming the CSV columns of item9-unfit', (r: Array<Record<string, unknown>>) => [...r, { ...r[0], id: 'unfit' }], 'shareRules.2.id: "unfit" would name the same CSV columns (unfit_…) as "item9-unfit": choose another id'],
    ['the id of a rule of item 3', (r: Array<Record<string, unknown>>) => [{ ...r[0], id: 'item3-basic-grade' }], 'shareRules.0.id: "item3-basic-grade" is the id of a built-in rule of items 3 and 5'],
    ['an id with capitals', (r: Array<Record<string, unknown>>) => [{ ...r[0], id: 'Item9' }], 'shareRules.0.id: lower-case letters, digits and hyphens'],
    ['a mark twice', (r: Array<Record<string, unknown>>) => [{ ...r[0], marks: ['incompetent', 'incompetent'] }], 'shareRules.0.marks: a mark is listed twice'],
    ['no mark', (r: Array<Record<string, unknown>>) => [{ ...r[0], marks: [] }], 'shareRules.0.marks: Too small: expected array to have >=1 items'],
    ['a share above 1', (r: Array<Record<string, unknown>>) => [{ ...r[0], share: '4/3' }], 'shareRules.0.share: must be a share from 0/1 to 1/1, such as "2/3"'],
    ['a share as a decimal', (r: Array<Record<string, unknown>>) => [{ ...r[0], share: '0.6' }], 'shareRules.0.share: must be an exact fraction such as "2/3"'],
    ['an option of another measure', (r: Array<Record<string, unknown>>) => [{ ...r[0], options: ['training'] }], 'shareRules.0.options.0: "training" is not an option of dismissal (removal, ordered-resignation, demotion)'],
    ['recount as a prerequisite', (r: Array<Record<string, unknown>>) => [{ ...r[0], prerequisites: ['recount'] }], 'shareRules.0.prerequisites.0: Invalid option: expected one of "hear-opinions"|"appointment-procedure"|"resettle"|"committee-decides"'],
  ])('refuses %s', (_what, change, message) => {
    expect(problems({ ...base(), shareRules: change(rules()) })).toEqual([message])
  })

  it.each([
    ['an unknown comparison', { comparison: 'greater' }],
    ['an unknown mark', { marks: ['good'] }],
    ['measure none', { measure: 'none' }],
    ['an item outside the Opinion', { item: 15 }],
    ['an unknown key', { threshold: '2/3' }],
    ['a label in one language', { label: { zh: '只有中文' } }],
  ])('refuses %s', (_what, patch) => {
    expect(problems({ ...base(), shareRules: [{ ...rules()[0], ...patch }] })).toHaveLength(1)
  })
})

describe('disabledRules', () => {
  it('switches off rules of items 3 and 5 by id', () => {
    expect(PolicySchema.parse({ ...base(), disabledRules: ['item5-report-late', 'item3-basic-grade'] }).disabledRules).toEqual(['item5-report-late', 'item3-basic-grade'])
  })
  it('is [] when absent', () => {
    const { disabledRules: _, ...without } = base()
    expect(PolicySchema.parse(without).disabledRules).toEqual([])
  })
  it.each([
    ['a share rule (removed from shareRules instead)', 'item9-unfit'],
    ['an id no rule has', 'item5-serius'],
  ])('refuses %s', (_what, id) => {
    expect(problems({ ...base(), disabledRules: [id] })).toEqual([
      `disabledRules.0: "${id}" is not a rule of items 3 and 5 (item3-basic-grade, item5-report-missing, item5-report-incomplete, item5-report-late, item5-unreported-finding, item5-serious, item5-duty-statement); a share rule is removed from shareRules instead`,
    ])
  })
  it('refuses an id twice', () => {
    expect(problems({ ...base(), disabledRules: ['item3-basic-grade', 'item3-basic-grade'] })).toEqual(['disabledRules.1: "item3-basic-grade" is listed twice'])
  })
})

describe('the older thresholds object', () => {
  it('loads as the two share rules: the old opinion-2009 file is the built-in policy, to its SHA-256', async () => {
    const old = await loadPolicy(OLD)
    expect(JSON.parse(readFileSync(OLD, 'utf8'))).toHaveProperty('thresholds')
    expect(old.policy).toEqual(builtin.policy)
    expect(old.sha256).toBe(builtin.sha256)
  })
  it('keeps its inclusive comparisons', () => {
    const { shareRules: _, ...head } = base()
    const p = PolicySchema.parse({
      ...head,
      thresholds: { unfit: { share: '3/5', comparison: 'atOrBelow' }, incompetent: { share: '1/4', comparison: 'atOrAbove' } },
    })
    expect(p.shareRules.map((r) => [r.id, r.comparison, r.share, r.measure])).toEqual([
      ['item9-incompetent', 'atOrAbove', '1/4', 'dismissal'],
      ['item9-unfit', 'atOrBelow', '3/5', 'adjustment'],
    ])
    expect(p).not.toHaveProperty('thresholds')
  })
  it('is refused together with shareRules', () => {
    const t = { unfit: { share: '2/3', comparison: 'below' }, incompetent: { share: '1/3', comparison: 'above' } }
    expect(problems({ ...base(), thresholds: t })).toEqual(['thresholds: give shareRules or the older thresholds, not both'])
  })
  it('a policy file with problems names each of them (exit 65)', async () => {
    const f = writeFiles({ 'p.json': JSON.stringify({ ...base(), shareRules: [...rules(), rules()[1]], disabledRules: ['item9-unfit'] }) })
    const e = await loadPolicy(f['p.json']!).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(PolicyError)
    expect((e as PolicyError).exitCode).toBe(65)
    // Each field is checked on its own, so both problems are named at once.
    expect(String((e as PolicyError).msg.params.detail).split('; disabledRules')).toEqual([
      'shareRules.2.id: "item9-unfit" is the id of an earlier share rule: ids must be unique',
      expect.stringMatching(/^\.0: "item9-unfit" is not a rule of items 3 and 5/),
    ])
  })
})
