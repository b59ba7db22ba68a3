import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { HELP } from '../../src/i18n/help.js'
import { builtinPolicy } from '../../src/policy/load.js'
import { PolicySchema } from '../../src/policy/schema.js'
import { kaohe, ROOT, writeFiles } from '../helpers.js'

const POLICIES = join(ROOT, 'test/fixtures/policies')

describe('kaohe policy check', () => {
  it('explains a valid policy rule by rule, with the count that fires it out of 30 (zh)', () => {
    const r = kaohe(['policy', 'check', join(POLICIES, 'local-basic-or-worse.json')])
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    const lines = r.stdout.split('\n')
    expect(lines[0]).toMatch(/^政策文件 .*local-basic-or-worse\.json 有效：local-basic-or-worse 1\.0\.0（SHA-256 [0-9a-f]{64}）$/)
    expect(r.stdout).toContain('分母：有效票（valid）')
    expect(r.stdout).toContain('临界：边距不超过 1 票时为临界')
    expect(r.stdout).toContain('得票率规则（3 条，按此顺序检查）：')
    expect(r.stdout).toContain('  1. item9-incompetent（第9项，不称职得票率超过三分之一）：不称职票数 ÷ 有效票 > 1/3（超过三分之一）时触发 → 免职、责令辞职或降职')
    expect(r.stdout).toContain('     例：分母为 30 时，不称职 11 票及以上触发，10 票不触发')
    expect(r.stdout).toContain('     例：分母为 30 时，优秀和称职 19 票及以下触发，20 票不触发')
    expect(r.stdout).toContain('  3. local-basic-or-worse（第9项，基本称职及以下过半）：基本称职和不称职票数 ÷ 有效票 ≥ 1/2 时触发 → 组织调整')
    expect(r.stdout).toContain('     例：分母为 30 时，基本称职和不称职 15 票及以上触发，14 票不触发')
    expect(r.stdout).toContain('  item3-basic-grade（第3项）年度考核被定为基本称职 → 诫勉：启用')
  })

  it('in English, and a switched-off rule says so', () => {
    const policy = JSON.parse(readFileSync(join(POLICIES, 'unfit-3-5.json'), 'utf8')) as Record<string, unknown>
    const f = writeFiles({ 'p.json': JSON.stringify({ ...policy, disabledRules: ['item5-report-late'] }) })
    const r = kaohe(['policy', 'check', f['p.json']!, '--lang', 'en'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('  2. item9-unfit (item 9, excellent + competent share short of 3/5): fires when excellent + competent votes ÷ valid ballots < 3/5 → organizational adjustment')
    expect(r.stdout).toContain('     e.g. of 30: 17 or fewer excellent + competent votes fire it, 18 do not')
    expect(r.stdout).toContain('  item5-report-late (item 5) personal-matter report late → admonishment: off (disabledRules)')
    expect(r.stdout).not.toMatch(/two thirds|(?<![\d/])2\/3/)
  })

  it('a built-in policy by name', () => {
    const r = kaohe(['policy', 'check', 'opinion-2009'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^政策文件 opinion-2009 有效：opinion-2009 1\.0\.0/)
  })

  it('an invalid policy: exit 65, every problem named', () => {
    const policy = JSON.parse(readFileSync(join(POLICIES, 'local-basic-or-worse.json'), 'utf8')) as { shareRules: Array<Record<string, unknown>> }
    policy.shareRules[2] = { ...policy.shareRules[2], share: '0.5' }
    const f = writeFiles({ 'p.json': JSON.stringify({ ...policy, disabledRules: ['item9-unfit'] }) })
    const r = kaohe(['policy', 'check', f['p.json']!])
    expect(r.code).toBe(65)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('shareRules.2.share: must be an exact fraction such as "2/3"')
    expect(r.stderr).toContain('disabledRules.0: "item9-unfit" is not a rule of items 3 and 5')
  })

  it('a missing file: exit 66', () => {
    expect(kaohe(['policy', 'check', './no-such-policy.json']).code).toBe(66)
  })

  it('is in --help, with examples', () => {
    const zh = kaohe(['policy', '--help'])
    expect(zh.stdout).toContain('check [选项] <文件>')
    expect(zh.stdout).toContain('kaohe policy check 本地政策.json')
    expect(zh.stdout).toContain('"id": "local-basic-or-worse"')
    const en = kaohe(['policy', 'check', '--help', '--lang', 'en'])
    expect(en.code).toBe(0)
    expect(en.stdout).toContain('validate a policy file and explain each of its rules')
    expect(en.stdout).toContain('kaohe policy check local.json --lang en')
    expect(kaohe(['policy', '--help', '--lang', 'en']).stdout).toContain('check [options] <file>')
  })
})

describe('the local-rule example in the README and --help', () => {
  /** Every `{"id": "local-basic-or-worse" …}` in a text, as JSON. */
  const examples = (text: string): unknown[] =>
    [...text.matchAll(/\{"id": "local-basic-or-worse"[\s\S]*?\}\}/g)].map((m) => JSON.parse(m[0].replace(/\n\s*/g, ' ')))
  const valid = (rule: unknown) => PolicySchema.safeParse({ ...builtinPolicy('opinion-2009')!.policy, shareRules: [...builtinPolicy('opinion-2009')!.policy.shareRules, rule] }).success

  it('is one valid share rule, the same everywhere, and the README documents kaohe policy check', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    const found = [...examples(readme), ...examples(HELP.zh.policyExamples), ...examples(HELP.en.policyExamples)]
    expect(found).toHaveLength(4) // zh and en README, zh and en help
    for (const rule of found) {
      expect(rule).toEqual(found[0])
      expect(valid(rule)).toBe(true)
    }
    expect(found[0]).toMatchObject({ marks: ['basicallyCompetent', 'incompetent'], comparison: 'atOrAbove', share: '1/2', measure: 'adjustment' })
    expect(readme.match(/kaohe policy check/g)!.length).toBeGreaterThanOrEqual(4)
  })
})
