/**
 * Tests that need the kernel to say no — a file this process may not read, a folder it may
 * not write — whoever runs them and wherever the checkout lies (issue 16 item 9).
 *
 * - Unreadable: as a normal user, chmod 000 is enough. As root (CI), the child keeps uid 0
 *   — so it still reads the checkout, even under a 0700 `mktemp -d` — but runs without
 *   CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (setpriv, util-linux), so the kernel checks
 *   a chmod-000 file's mode as it would for anyone: the real EACCES path. (Dropping to
 *   uid 65534 instead failed wherever nobody could not reach bin/kaohe.js.)
 * - Read-only: as a normal user, a chmod 0500 folder. As root, who writes there anyway, a
 *   tmpfs mounted read-only (EROFS). Where neither can be had, the test says why it skips.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ROOTED = process.getuid?.() === 0

/** A command prefix that runs a program without the capabilities that bypass file modes. */
const DROP = ['setpriv', '--inh-caps=-dac_override,-dac_read_search', '--bounding-set=-dac_override,-dac_read_search', '--']

let probed: { wrap: string[] } | { skip: string } | undefined

/**
 * How to run a child for which a chmod-000 file is unreadable: `wrap` (a command prefix,
 * empty when we are not root), or why that cannot be done here.
 */
export const unprivileged = (): { wrap: string[] } | { skip: string } => {
  if (probed) return probed
  if (!ROOTED) return (probed = { wrap: [] })
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-priv-'))
  try {
    const locked = join(dir, 'locked')
    writeFileSync(locked, 'x')
    chmodSync(locked, 0o000)
    const ok = spawnSync(DROP[0]!, [...DROP.slice(1), 'true'])
    if (ok.error || ok.status !== 0) return (probed = { skip: `running as root, and setpriv cannot drop CAP_DAC_OVERRIDE here (${ok.error?.message ?? ok.stderr.toString().trim()})` })
    const denied = spawnSync(DROP[0]!, [...DROP.slice(1), process.execPath, '-e', `require('fs').readFileSync(${JSON.stringify(locked)})`])
    if (denied.status === 0) return (probed = { skip: 'running as root, and dropping CAP_DAC_OVERRIDE does not stop reading a chmod-000 file here' })
    return (probed = { wrap: DROP })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** A folder nothing may be written into, and how to take it away; or why there is none. */
export const readOnlyFolder = (): { dir: string; done: () => void } | { skip: string } => {
  const base = mkdtempSync(join(tmpdir(), 'kaohe-ro-'))
  const dir = join(base, 'ro')
  mkdirSync(dir)
  const remove = (): void => rmSync(base, { recursive: true, force: true })
  if (!ROOTED) {
    chmodSync(dir, 0o500)
    return { dir, done: () => (chmodSync(dir, 0o700), remove()) }
  }
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k,mode=0755', 'kaohe-ro', dir], { stdio: 'pipe' })
  } catch (e) {
    remove()
    const why = (e as { stderr?: Buffer }).stderr?.toString().trim() || (e as Error).message
    return { skip: `running as root, who may write into any folder, and a read-only tmpfs cannot be mounted here (${why})` }
  }
  return {
    dir,
    done: () => {
      execFileSync('umount', [dir], { stdio: 'pipe' })
      remove()
    },
  }
}
