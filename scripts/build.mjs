// `npm run build`: src/ → dist/ with tsc, incrementally (only what changed since the last build).
// tsc trusts its build-info file and does not look at dist/: where a module of src/ has no
// dist/ file (a fresh checkout, dist/ removed or pruned), the build-info file is removed
// first, so that every file is emitted again.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const INFO = join(root, 'node_modules/.cache/kaohe/build.tsbuildinfo')

/** Every .ts module under `dir` (declaration files aside), as paths relative to src/. */
const modules = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name)
    if (e.isDirectory()) return modules(p)
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [relative(join(root, 'src'), p)] : []
  })

if (modules(join(root, 'src')).some((m) => !existsSync(join(root, 'dist', m.replace(/\.ts$/, '.js'))))) rmSync(INFO, { force: true })

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--incremental', '--tsBuildInfoFile', INFO], { stdio: 'inherit' })
process.exit(r.status ?? 1)
