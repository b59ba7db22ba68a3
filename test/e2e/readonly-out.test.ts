/**
 * Issue 16 item 9: `--out` into a folder that cannot be written — run as a normal user
 * (chmod 0500) and as root (a read-only tmpfs: root writes into a chmod-0500 folder), so
 * that CI, which runs as root, runs it too. Skipped, saying why, only where neither exists.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readOnlyFolder } from '../support/privileges.js'
import { runSpawned } from '../robustness/harness.js'
import { SAMPLE_ARGS } from '../exports-helpers.js'

describe('--out into a read-only folder', () => {
  it('exit 73, one line naming the file, nothing left there', async (ctx) => {
    const ro = readOnlyFolder()
    if ('skip' in ro) return ctx.skip(ro.skip)
    try {
      const out = join(ro.dir, 'r.json')
      const o = await runSpawned(['assess', ...SAMPLE_ARGS, '--out', out, '--lang', 'en'])
      expect(o.code, o.stderr).toBe(73)
      expect(o.stderr.trim().split('\n')).toHaveLength(1)
      expect(o.stderr).toContain(out)
      expect(readdirSync(ro.dir)).toEqual([])
    } finally {
      ro.done()
    }
  })
})
