// Fault injection against the built CLI (issue 16, items 1, 2, 5, 6, 7, 8): an output that is
// an input under another path, a disk that fills mid-set, signals mid-write, links at the
// target of `policy init`/`template`, two runs on one --out, a write without permission.
// Real files, real mounts (as root: a tiny tmpfs, a bind mount), real signals. Where the
// machine cannot do one, the test is skipped and its title says why.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { closeSync, existsSync, linkSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, runCliSpawned, tempDir } from '../exports-helpers.js'
import { BIN } from '../helpers.js'
import { runSpawned } from '../robustness/harness.js'
import { unprivileged } from '../support/privileges.js'

const isRoot = process.getuid?.() === 0

/** Mounts made by these tests, undone at the end (lazily, should a file still be open). */
const mounts: string[] = []
afterAll(() => {
  for (const m of mounts.reverse()) spawnSync('umount', ['-l', m])
})

/** Can this machine mount (root with CAP_SYS_ADMIN, `mount` present)? Tried once, for real. */
const canMount = ((): boolean => {
  if (!isRoot) return false
  const probe = tempDir()
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe])
  if (r.status !== 0) return false
  spawnSync('umount', [probe])
  return true
})()
const MOUNT = canMount ? '' : ' [SKIPPED: needs root and permission to mount]'

const mountTmpfs = (dir: string, bytes: number): void => {
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0700`, 'tmpfs', dir], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`mount tmpfs: ${r.stderr}`)
  mounts.push(dir)
}
const bindMount = (from: string, to: string): void => {
  const r = spawnSync('mount', ['--bind', from, to], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`mount --bind: ${r.stderr}`)
  mounts.push(to)
}

/** A count sheet of `n` cadres; `variant` changes the counts (other bytes, about the same size). */
const countSheet = (n: number, variant = 0): string => {
  const rows = ['干部编号,姓名,单位,职务,优秀,称职,基本称职,不称职,弃权,无效,应参加人数,实际参加人数']
  for (let i = 0; i < n; i++) rows.push(`C${String(i).padStart(6, '0')},张${i},单位${i % 50},科员,${20 + variant},${25 - variant},3,1,1,0,52,50`)
  return `${rows.join('\n')}\n`
}

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex')
/** Every name in a folder, hidden ones too (temporary files, backups, locks), sorted. */
const names = (dir: string): string[] => readdirSync(dir).sort()
const snapshot = (dir: string): Record<string, string> => Object.fromEntries(names(dir).map((n) => [n, sha(join(dir, n))]))
const pages = (bytes: number): number => Math.ceil(bytes / 4096)

/** Run the CLI with a shell limit on file size (in KB: bash's `ulimit -f`), standard input from a file if given. */
const runLimited = (args: string[], opts: { cwd: string; fileSizeKb?: number; stdinFile?: string }): Promise<{ code: number | null; stderr: string }> =>
  new Promise((resolve, reject) => {
    const script = `${opts.fileSizeKb === undefined ? '' : `ulimit -f ${opts.fileSizeKb}; `}exec "$0" "$@"`
    const stdin = opts.stdinFile === undefined ? 'ignore' : openSync(opts.stdinFile, 'r')
    const child = spawn('bash', ['-c', script, process.execPath, BIN, ...args], {
      cwd: opts.cwd,
      env: { ...process.env, NO_COLOR: '1', KAOHE_DEBUG: '' },
      stdio: [stdin, 'ignore', 'pipe'],
    })
    if (typeof stdin === 'number') closeSync(stdin)
    let stderr = ''
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stderr }))
  })

const OUTS = ['--out', 'a.md', '--out', 'b.csv', '--out', 'c.html']
const SET = ['a.md', 'a.md.manifest.json', 'b.csv', 'c.html']

describe('item 1: an output that is an input under another path is refused (exit 2), nothing written', () => {
  const setup = () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'in.csv'), countSheet(3))
    return { dir, before: sha(join(dir, 'in.csv')) }
  }

  it('a hard link to the input', async () => {
    const { dir, before } = setup()
    linkSync(join(dir, 'in.csv'), join(dir, 'link.csv'))
    const r = await runCli(['tally', 'in.csv', '--out', 'link.csv', '--force', '-q'], { cwd: dir })
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toContain('link.csv')
    expect(sha(join(dir, 'in.csv'))).toBe(before)
    expect(names(dir)).toEqual(['in.csv', 'link.csv'])
  })

  it('a symbolic link to the input, a link the other way, and another spelling of its path', async () => {
    const { dir, before } = setup()
    mkdirSync(join(dir, 'sub'))
    symlinkSync('in.csv', join(dir, 'sym.csv'))
    for (const out of ['sym.csv', 'sub/../in.csv', `${dir}//in.csv`]) {
      const r = await runCli(['tally', 'in.csv', '--out', out, '--force', '-q'], { cwd: dir })
      expect(r.code, `${out}: ${r.stderr}`).toBe(2)
    }
    // The input read through a link, the output its target.
    const r = await runCli(['tally', 'sym.csv', '--out', 'in.csv', '--force', '-q'], { cwd: dir })
    expect(r.code, r.stderr).toBe(2)
    expect(sha(join(dir, 'in.csv'))).toBe(before)
    expect(names(dir)).toEqual(['in.csv', 'sub', 'sym.csv'])
  })

  it('standard input redirected from the very file named by --out', async () => {
    const { dir, before } = setup()
    const r = await runLimited(['tally', '-', '--out', 'in.csv', '--force', '-q'], { cwd: dir, stdinFile: join(dir, 'in.csv') })
    expect(r.code, r.stderr).toBe(2)
    expect(sha(join(dir, 'in.csv'))).toBe(before)
  })

  it.skipIf(!canMount)(`the input's folder bind-mounted elsewhere, and two outputs that are one name through the mount${MOUNT}`, async () => {
    const { dir, before } = setup()
    const other = join(tempDir(), 'view')
    mkdirSync(other)
    bindMount(dir, other)
    const r = await runCli(['tally', join(dir, 'in.csv'), '--out', join(other, 'in.csv'), '--force', '-q'], { cwd: dir })
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toContain('也是输入文件')
    expect(sha(join(dir, 'in.csv'))).toBe(before)
    // Not yet existing: compared by the folder's device and inode and the name.
    const twice = await runCli(['tally', 'in.csv', '--out', join(dir, 'new.json'), '--out', join(other, 'new.json'), '-q'], { cwd: dir })
    expect(twice.code, twice.stderr).toBe(2)
    expect(twice.stderr).toContain('被指定了两次')
    expect(names(dir)).toEqual(['in.csv'])
  })
})

describe('item 2: a set of outputs and its manifest is written all or nothing', () => {
  /** The sizes of both runs' files, measured on an ordinary disk. */
  const measure = async (variant: number): Promise<Record<string, number>> => {
    const dir = tempDir()
    writeFileSync(join(dir, 'in.csv'), countSheet(300, variant))
    const r = await runCli(['tally', 'in.csv', ...OUTS, '-q', '--format', 'json'], { cwd: dir })
    expect(r.code, r.stderr).toBe(0)
    return Object.fromEntries(SET.map((n) => [n, statSync(join(dir, n)).size]))
  }

  const inputs = () => {
    const src = tempDir()
    writeFileSync(join(src, 'one.csv'), countSheet(300, 0))
    writeFileSync(join(src, 'two.csv'), countSheet(300, 1))
    return src
  }

  it.skipIf(!canMount)(`disk full on the third output (tmpfs): exit 73, the previous set exactly as it was, verify still passes${MOUNT}`, async () => {
    const [one, two] = [await measure(0), await measure(1)]
    const src = inputs()
    const out = tempDir()
    // Room for the first set, its locks, and the second run's first two files and half its third.
    const size = (SET.reduce((n, f) => n + pages(one[f]!), 0) + 8 + pages(two['a.md']!) + pages(two['b.csv']!) + Math.floor(pages(two['c.html']!) / 2)) * 4096
    mountTmpfs(out, size)
    const first = await runCli(['tally', join(src, 'one.csv'), ...OUTS, '-q', '--format', 'json'], { cwd: out })
    expect(first.code, first.stderr).toBe(0)
    const before = snapshot(out)
    expect(Object.keys(before)).toEqual(SET)
    const second = await runCli(['tally', join(src, 'two.csv'), ...OUTS, '--force', '-q', '--format', 'json'], { cwd: out })
    expect(second.code, second.stderr).toBe(73)
    expect(second.stderr).toContain('c.html')
    expect(second.stderr).toContain('ENOSPC')
    expect(snapshot(out)).toEqual(before) // no temporary file, no lock, not one byte changed
    const v = await runCli(['verify', 'a.md.manifest.json', '-q'], { cwd: out })
    expect(v.code, v.stderr).toBe(0)
  })

  it.skipIf(!canMount)(`disk full on a fresh run (tmpfs): exit 73, no output and no manifest${MOUNT}`, async () => {
    const one = await measure(0)
    const src = inputs()
    const out = tempDir()
    mountTmpfs(out, (pages(one['a.md']!) + pages(one['b.csv']!) + 6 + Math.floor(pages(one['c.html']!) / 2)) * 4096)
    const r = await runCli(['tally', join(src, 'one.csv'), ...OUTS, '-q', '--format', 'json'], { cwd: out })
    expect(r.code, r.stderr).toBe(73)
    expect(names(out)).toEqual([])
  })

  it('a file too large for the process (ulimit -f) on the third output: the previous set kept; a fresh run leaves nothing', async () => {
    const [one, two] = [await measure(0), await measure(1)]
    const limitKb = Math.floor((Math.max(two['a.md']!, two['b.csv']!, one['a.md.manifest.json']!) + two['c.html']!) / 2 / 1024)
    expect(limitKb * 1024).toBeGreaterThan(Math.max(two['a.md']!, two['b.csv']!))
    expect(limitKb * 1024).toBeLessThan(two['c.html']!)
    const src = inputs()
    const out = tempDir()
    const first = await runCli(['tally', join(src, 'one.csv'), ...OUTS, '-q', '--format', 'json'], { cwd: out })
    expect(first.code, first.stderr).toBe(0)
    const before = snapshot(out)
    const second = await runLimited(['tally', join(src, 'two.csv'), ...OUTS, '--force', '-q', '--format', 'json'], { cwd: out, fileSizeKb: limitKb })
    expect(second.code, second.stderr).toBe(73)
    expect(second.stderr).toContain('EFBIG')
    expect(snapshot(out)).toEqual(before)
    expect((await runCli(['verify', 'a.md.manifest.json', '-q'], { cwd: out })).code).toBe(0)

    const fresh = tempDir()
    const r = await runLimited(['tally', join(src, 'one.csv'), ...OUTS, '-q', '--format', 'json'], { cwd: fresh, fileSizeKb: limitKb })
    expect(r.code, r.stderr).toBe(73)
    expect(names(fresh)).toEqual([])
  })
})

/**
 * Start a run that writes a big set; resolves once its first output is being staged, with the
 * process held still there (SIGSTOP): whatever the test sends next reaches it mid-write,
 * however fast or slow the machine. `resume()` sends SIGCONT.
 */
const startBigRun = async (
  dir: string,
  extra: string[] = [],
): Promise<{ child: ChildProcess; resume: () => void; done: Promise<{ code: number | null; signal: string | null; stderr: string }> }> => {
  const child = spawn(process.execPath, [BIN, 'tally', 'big.csv', '--out', 'a.json', '--out', 'b.xlsx', '--out', 'c.html', '-q', '--format', 'json', ...extra], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', KAOHE_DEBUG: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s))
  const done = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  )
  // The first output's temporary file, with bytes in it (the empty ones are folder probes):
  // the set is being staged, and two large outputs are still to be rendered.
  const staging = (): boolean => readdirSync(dir).some((n) => n.startsWith('.a.json.') && n.endsWith('.tmp') && (lstatSync(join(dir, n), { throwIfNoEntry: false })?.size ?? 0) > 0)
  const until = Date.now() + 120_000
  while (!staging()) {
    if (child.exitCode !== null || Date.now() > until) throw new Error(`the run ended before staging: ${stderr}`)
    await new Promise((r) => setTimeout(r, 2))
  }
  child.kill('SIGSTOP')
  return { child, done, resume: () => void child.kill('SIGCONT') }
}

const bigDir = (): string => {
  const dir = tempDir()
  writeFileSync(join(dir, 'big.csv'), countSheet(1500))
  return dir
}

describe('item 5: interrupted mid-write, kaohe removes its temporary files and locks and exits 128 + signal', () => {
  for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130], ['SIGHUP', 129]] as const) {
    it(`${signal} while the set is staged: exit ${code}, a message, nothing left behind`, async () => {
      const dir = bigDir()
      const run = await startBigRun(dir)
      run.child.kill(signal)
      run.resume()
      const r = await run.done
      expect(r.signal).toBeNull()
      expect(r.code, r.stderr).toBe(code)
      expect(r.stderr).toBe(`kaohe: 已中断（${signal}），临时文件已删除\n`)
      expect(names(dir)).toEqual(['big.csv'])
    })
  }

  it('SIGTERM during a --force run: the previous set is untouched, and English with --lang en', async () => {
    const dir = bigDir()
    const first = await runCliSpawned(['tally', 'big.csv', '--out', 'a.json', '--out', 'b.xlsx', '--out', 'c.html', '-q', '--format', 'json'], { cwd: dir })
    expect(first.code, first.stderr).toBe(0)
    const before = snapshot(dir)
    writeFileSync(join(dir, 'big.csv'), countSheet(1500, 1))
    const inputAfter = sha(join(dir, 'big.csv'))
    const run = await startBigRun(dir, ['--force', '--lang', 'en'])
    run.child.kill('SIGTERM')
    run.resume()
    const r = await run.done
    expect(r.code, r.stderr).toBe(143)
    expect(r.stderr).toBe('kaohe: interrupted (SIGTERM): its temporary files are removed\n')
    expect(snapshot(dir)).toEqual({ ...before, 'big.csv': inputAfter })
  })
})

describe('after a kill -9 (no handler runs)', () => {
  it('the next run on the same outputs breaks the stale lock and removes the temporary file left (it holds personal data), saying so', async () => {
    const dir = bigDir()
    const run = await startBigRun(dir)
    run.child.kill('SIGKILL')
    expect((await run.done).signal).toBe('SIGKILL')
    const left = names(dir).filter((n) => n.startsWith('.'))
    expect(left.some((n) => n.startsWith('.a.json.') && n.endsWith('.tmp'))).toBe(true)
    expect(left).toContain('.a.json.kaohe-lock')
    writeFileSync(join(dir, 'small.csv'), countSheet(5))
    const r = await runCliSpawned(['tally', 'small.csv', '--out', 'a.json', '--out', 'b.xlsx', '--out', 'c.html', '--format', 'json'], { cwd: dir })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/已删除上次被强行终止的运行留下的临时文件 .*\.a\.json\.\d+\.[0-9a-f]{12}\.tmp/)
    expect(names(dir)).toEqual(['a.json', 'a.json.manifest.json', 'b.xlsx', 'big.csv', 'c.html', 'small.csv'])
  })
})

/**
 * What a `kill -9` in the middle of a commit leaves: some members moved into place, the rest
 * still the previous run's, the previous manifest, and a backup of each previous file moved
 * aside (`.NAME.PID.RANDOM.bak`, a hard link). The renames of a commit take microseconds, too
 * short to stop a process between two of them from outside, so the state is made by hand,
 * exactly as `OutputSet.commit` leaves it after its first rename.
 */
describe('after a kill -9 in the middle of a commit (its state made by hand)', () => {
  const crashed = async (): Promise<{ dir: string; backup: string }> => {
    const dir = tempDir()
    writeFileSync(join(dir, 'v.csv'), countSheet(5))
    const first = await runCliSpawned(['tally', 'v.csv', '--out', 'a.json', '--out', 'b.csv', '-q', '--format', 'json'], { cwd: dir })
    expect(first.code, first.stderr).toBe(0)
    // The killed run: its a.json moved into place, the previous one kept as its backup; b.csv and the manifest still the previous run's.
    const backup = '.a.json.4194304.0123456789ab.bak'
    linkSync(join(dir, 'a.json'), join(dir, backup))
    writeFileSync(join(dir, 'v.csv'), countSheet(5, 1))
    const other = await runCliSpawned(['tally', 'v.csv', '--format', 'json'], { cwd: dir })
    writeFileSync(join(dir, '.a.json.new'), other.stdout)
    spawnSync('mv', [join(dir, '.a.json.new'), join(dir, 'a.json')])
    return { dir, backup }
  }

  it('verify does not pass the mixed set: the member from the killed run differs from the manifest', async () => {
    const { dir } = await crashed()
    const r = await runCliSpawned(['verify', 'a.json.manifest.json'], { cwd: dir })
    expect(r.code).toBe(1)
    // The killed run read another v.csv (with the same one it would have written the same bytes).
    expect(r.stdout).toMatch(/不一致\t输入\tv\.csv/)
    // With the input put back as the manifest has it, the member from the killed run is the one named.
    writeFileSync(join(dir, 'v.csv'), countSheet(5))
    const back = await runCliSpawned(['verify', 'a.json.manifest.json'], { cwd: dir })
    expect(back.code).toBe(1)
    expect(back.stdout).toMatch(/不一致\t输出\ta\.json/)
    expect(back.stdout).toMatch(/一致\t输出\tb\.csv/)
  })

  it('the next run that commits its set removes the backup left (it holds personal data), saying so', async () => {
    const { dir, backup } = await crashed()
    const r = await runCliSpawned(['tally', 'v.csv', '--out', 'a.json', '--out', 'b.csv', '--force', '--format', 'json'], { cwd: dir })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toContain(`kaohe: 已删除上次在提交输出时被强行终止的运行留下的备份 ${join(dir, backup)}`)
    expect(names(dir)).toEqual(['a.json', 'a.json.manifest.json', 'b.csv', 'v.csv'])
    const v = await runCliSpawned(['verify', 'a.json.manifest.json'], { cwd: dir })
    expect(v.code, v.stdout + v.stderr).toBe(0)
  })

  it('a run that does not commit (refused: the outputs exist) keeps the backup — it may be the only copy of the previous file', async () => {
    const { dir, backup } = await crashed()
    const before = snapshot(dir)
    const r = await runCliSpawned(['tally', 'v.csv', '--out', 'a.json', '--out', 'b.csv', '--format', 'json'], { cwd: dir })
    expect(r.code).toBe(73)
    expect(snapshot(dir)).toEqual(before)
    expect(names(dir)).toContain(backup)
  })
})

describe('item 6: `policy init` and `template` with --force replace a link, never its target, and never write in place', () => {
  const cases = [
    { what: 'policy init', args: (f: string) => ['policy', 'init', f, '--force'] },
    { what: 'template', args: (f: string) => ['template', 'votes', '--out', f, '--force'] },
  ]
  for (const c of cases) {
    it(`${c.what}: a symbolic link at the target is replaced by the file; the file it pointed to is untouched`, async () => {
      const dir = tempDir()
      const name = c.what === 'template' ? 'out.csv' : 'out.json'
      writeFileSync(join(dir, 'precious.txt'), 'do not touch\n')
      symlinkSync('precious.txt', join(dir, name))
      const r = await runCli(c.args(name), { cwd: dir })
      expect(r.code, r.stderr).toBe(0)
      expect(readFileSync(join(dir, 'precious.txt'), 'utf8')).toBe('do not touch\n')
      expect(lstatSync(join(dir, name)).isSymbolicLink()).toBe(false)
      expect(readFileSync(join(dir, name)).length).toBeGreaterThan(20)
      expect(names(dir)).toEqual([name, 'precious.txt'])
    })

    it(`${c.what}: an existing file is replaced by a rename, not truncated (its other name keeps the old bytes)`, async () => {
      const dir = tempDir()
      const name = c.what === 'template' ? 'out.csv' : 'out.json'
      writeFileSync(join(dir, name), 'old bytes\n')
      linkSync(join(dir, name), join(dir, 'other-name'))
      const r = await runCli(c.args(name), { cwd: dir })
      expect(r.code, r.stderr).toBe(0)
      expect(readFileSync(join(dir, 'other-name'), 'utf8')).toBe('old bytes\n')
      expect(readFileSync(join(dir, name), 'utf8')).not.toBe('old bytes\n')
      expect(names(dir)).toEqual(['other-name', name].sort())
    })
  }
})

describe('item 7: two runs on one --out never interleave', () => {
  it('a second --force run while the first writes is refused (73, naming the other process); the set is the first run\'s', async () => {
    const dir = bigDir()
    writeFileSync(join(dir, 'small.csv'), countSheet(5, 2))
    const run = await startBigRun(dir, ['--force'])
    // The first is held still mid-write while the second tries.
    const second = await runCliSpawned(['tally', 'small.csv', '--out', 'a.json', '--out', 'b.xlsx', '--out', 'c.html', '--force', '-q', '--format', 'json'], { cwd: dir })
    run.resume()
    const first = await run.done
    expect(first.code, first.stderr).toBe(0)
    expect(second.code, second.stderr).toBe(73)
    expect(second.stderr).toContain(`进程号 ${run.child.pid}`)
    expect(second.stderr).toContain('.a.json.kaohe-lock')
    const v = await runCliSpawned(['verify', 'a.json.manifest.json', '-q'], { cwd: dir })
    expect(v.code, v.stderr).toBe(0)
    expect(names(dir)).toEqual(['a.json', 'a.json.manifest.json', 'b.xlsx', 'big.csv', 'c.html', 'small.csv'])
  })

  it('a stale lock (its process is gone) is broken; a lock from another host, or one not understood, is not', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'in.csv'), countSheet(3))
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
    const lock = join(dir, '.r.json.kaohe-lock')
    writeFileSync(lock, `${JSON.stringify({ pid: Number(gone.stdout), host: (await import('node:os')).hostname(), token: 'x' })}\n`)
    const ok = await runCliSpawned(['tally', 'in.csv', '--out', 'r.json', '-q', '--format', 'json'], { cwd: dir })
    expect(ok.code, ok.stderr).toBe(0)
    expect(names(dir)).toEqual(['in.csv', 'r.json', 'r.json.manifest.json'])

    writeFileSync(lock, `${JSON.stringify({ pid: 1, host: 'another-host.example', token: 'x' })}\n`)
    const elsewhere = await runCliSpawned(['tally', 'in.csv', '--out', 'r.json', '--force', '-q', '--format', 'json', '--lang', 'en'], { cwd: dir })
    expect(elsewhere.code).toBe(73)
    expect(elsewhere.stderr).toContain('another-host.example')
    expect(elsewhere.stderr).toContain('delete the lock file')
    writeFileSync(lock, 'garbage')
    const garbled = await runCliSpawned(['tally', 'in.csv', '--out', 'r.json', '--force', '-q', '--format', 'json'], { cwd: dir })
    expect(garbled.code).toBe(73)
    expect(existsSync(lock)).toBe(true)
  })

  it('locks are removed after a run, and after a run that fails on its data', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'in.csv'), countSheet(3))
    writeFileSync(join(dir, 'bad.csv'), '票号,干部编号,测评等次\nP1,C1,很好\n')
    expect((await runCliSpawned(['tally', 'bad.csv', '--out', 'r.json', '-q'], { cwd: dir })).code).toBe(65)
    expect(names(dir)).toEqual(['bad.csv', 'in.csv'])
    expect((await runCliSpawned(['tally', 'in.csv', '--out', 'r.json', '-q', '--format', 'json'], { cwd: dir })).code).toBe(0)
    expect(names(dir)).toEqual(['bad.csv', 'in.csv', 'r.json', 'r.json.manifest.json'])
  })
})

describe('item 8: a write without permission says so (not "no permission to read")', () => {
  // As root, kaohe runs without CAP_DAC_OVERRIDE (support/privileges.ts): the kernel then checks the folder's mode.
  it('a folder the user may not write: 73, the path, "没有写入权限" and what to do', async (ctx) => {
    const how = unprivileged()
    if ('skip' in how) return ctx.skip(how.skip)
    const dir = tempDir()
    writeFileSync(join(dir, 'in.csv'), countSheet(3))
    mkdirSync(join(dir, 'ro'), { mode: 0o500 })
    const r = await runSpawned(['tally', 'in.csv', '--out', 'ro/r.json', '-q'], { cwd: dir, wrap: how.wrap })
    expect(r.code).toBe(73)
    expect(r.stderr).toContain('ro/r.json')
    expect(r.stderr).toContain('没有写入权限')
    expect(r.stderr).not.toContain('读取')
  })
})
