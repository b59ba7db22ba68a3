import { describe, expect, it } from 'vitest'
import { persistentYearsOf } from '../../src/core/history.js'
import { builtinPolicy, renderPolicy } from '../../src/policy/load.js'
import { PolicySchema } from '../../src/policy/schema.js'
import { runInProcess, tempDir, writeFiles } from '../robustness/harness.js'

const builtin = builtinPolicy('opinion-2009')!
const base = (): Record<string, unknown> => JSON.parse(renderPolicy(builtin.policy)) as Record<string, unknown>

describe('history.persistentYears (SPEC §2.5)', () => {
  it('is optional: the built-in policy has none (its bytes and SHA-256 stay) and means 1', () => {
    expect(builtin.policy.history).toBeUndefined()
    expect(renderPolicy(builtin.policy)).not.toContain('history')
    expect(persistentYearsOf(builtin.policy)).toBe(1)
  })

  it('a policy may set it; it comes last in the canonical form', () => {
    const p = PolicySchema.parse({ ...base(), history: { persistentYears: 2 } })
    expect(persistentYearsOf(p)).toBe(2)
    expect(Object.keys(p).at(-1)).toBe('history')
  })

  it.each([[0], [1.5], [-1], ['2']])('refuses persistentYears %j', (n) => {
    expect(PolicySchema.safeParse({ ...base(), history: { persistentYears: n } }).success).toBe(false)
  })

  it('refuses unknown keys in history', () => {
    expect(PolicySchema.safeParse({ ...base(), history: { persistentYears: 1, years: 3 } }).success).toBe(false)
  })

  it('kaohe policy check says what --history makes of it', async () => {
    const dir = tempDir('kaohe-hpolicy-')
    try {
      const [file] = writeFiles(dir.dir, [{ name: 'p.json', bytes: Buffer.from(JSON.stringify({ ...base(), id: 'local', history: { persistentYears: 2 } })) }])
      const r = await runInProcess(['policy', 'check', file!])
      expect(r.code).toBe(0)
      expect(r.stdout).toContain('此前 2 年均触发（history.persistentYears）')
      const en = await runInProcess(['policy', 'check', 'opinion-2009', '--lang', 'en'])
      expect(en.stdout).toContain('each of the previous 1 year(s) (history.persistentYears, not set: 1 by default)')
    } finally {
      dir.done()
    }
  })
})
