import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../helpers.js'

/**
 * The package a user installs (issue 15): `npm pack` ships the built dist/ (built by
 * `prepack`; here with --ignore-scripts, as `npm test` has just built it and other tests
 * read it), and a global install of the tarball prints no warning and runs.
 */
const npm = (args: string[], cwd: string) => spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } })

describe('the npm package', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
  it('builds when packed, not when installed (no install script a global install warns about)', () => {
    expect(pkg.scripts.prepack).toBe('npm run build')
    for (const s of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[s], s).toBeUndefined()
    expect(pkg.license).toBe('MIT')
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} kaohe contributors\n/)
  })

  it('installs globally from `npm pack` without a warning, and `kaohe --version` runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaohe-pack-'))
    const pack = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT)
    expect(pack.status, pack.stderr).toBe(0)
    const [info] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>
    const files = info!.files.map((f) => f.path)
    for (const f of ['LICENSE', 'README.md', 'bin/kaohe.js', 'dist/cli.js', 'dist/thread.js', 'schema/report.schema.json', 'samples/roster.csv']) expect(files).toContain(f)
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/'))).toEqual([])
    const prefix = mkdtempSync(join(tmpdir(), 'kaohe-global-'))
    // Offline first: `npm ci` has just put every dependency in the cache.
    const install = npm(['install', '-g', join(dir, info!.filename), '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund'], dir)
    expect(install.status, install.stderr).toBe(0)
    expect(install.stderr).not.toMatch(/warn/i)
    const version = spawnSync(join(prefix, 'bin', 'kaohe'), ['--version'], { encoding: 'utf8' })
    expect([version.status, version.stdout.trim()]).toEqual([0, pkg.version])
    const tally = spawnSync(join(prefix, 'bin', 'kaohe'), ['tally', join(ROOT, 'samples/votes-counts.csv'), '--format', 'json'], { encoding: 'utf8' })
    expect(tally.status, tally.stderr).toBe(0)
    expect(JSON.parse(tally.stdout).cadres.length).toBeGreaterThan(0)
  }, 180_000)
})
