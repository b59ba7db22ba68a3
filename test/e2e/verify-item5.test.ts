import { appendFileSync, cpSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { kaohe, ROOT, tempDir } from '../helpers.js'

describe('verify covers every kind of input', () => {
  it('reports, findings and --year are recorded and re-run; a changed findings file is named', () => {
    const dir = tempDir()
    cpSync(join(ROOT, 'samples'), join(dir, 'samples'), { recursive: true })
    const args = [
      'assess',
      '--votes', 'samples/votes-long.csv',
      '--roster', 'samples/roster.csv',
      '--reports', 'samples/reports-wide.csv',
      '--reports', 'samples/reports-long.xlsx',
      '--findings', 'samples/findings.csv',
      '--year', '2025',
      '--out', 'r.json',
      '-q',
    ]
    expect(kaohe(args, { cwd: dir }).code).toBe(0)
    const manifest = JSON.parse(readFileSync(join(dir, 'r.json.manifest.json'), 'utf8'))
    expect(manifest.options.year).toBe(2025)
    expect(manifest.inputs.map((i: { kind: string }) => i.kind).sort()).toEqual(['findings', 'reports', 'reports', 'roster', 'votes'])
    expect(kaohe(['verify', 'r.json.manifest.json'], { cwd: dir }).code).toBe(0)
    appendFileSync(join(dir, 'samples/findings.csv'), '\n')
    const changed = kaohe(['verify', 'r.json.manifest.json'], { cwd: dir })
    expect(changed.code).toBe(1)
    expect(changed.stderr).toContain('samples/findings.csv')
    rmSync(join(dir, 'samples/reports-long.xlsx'))
    expect(kaohe(['verify', 'r.json.manifest.json'], { cwd: dir }).code).toBe(66)
  })
})
