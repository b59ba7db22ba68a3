/**
 * Not a file where a file should be: a directory, a FIFO, an unreadable file, dangling and
 * looping links, a socket, devices; and stdout that cannot be written. What kaohe reads runs
 * in this process (`run()`, harness.ts); the built CLI is spawned where only a process of its
 * own shows it: dropped privileges, a FIFO fed by a shell, standard input and output.
 *
 * Unreadable files: tests run as root here, and root reads a chmod-000 file. So the child
 * runs without the capabilities that bypass file modes when we are root — the real EACCES
 * path, still uid 0, so it reads the checkout wherever it lies (support/privileges.ts) —
 * and as ourselves otherwise (chmod 000 is enough then).
 */
import { execFileSync, spawn } from 'node:child_process'
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { unprivileged } from '../support/privileges.js'
import { BIN, runInProcess, runSpawned, tempDir } from './harness.js'
import { checkOutcome } from './invariants.js'

const LONG = '票号,干部编号,测评等次\nP1,XJ001,优秀\nP2,XJ001,称职\n'

let tmp: ReturnType<typeof tempDir>
let ok: string
beforeAll(() => {
  tmp = tempDir()
  ok = tmp.path('ok.csv')
  writeFileSync(ok, LONG)
  chmodSync(ok, 0o644)
})
afterAll(() => tmp.done())

/** A chmod-000 file, and how to run kaohe so that it may not read it (or skip, saying why). */
const unreadable = (skip: (note: string) => never): { path: string; wrap: string[] } => {
  const how = unprivileged()
  if ('skip' in how) skip(how.skip)
  const path = tmp.path('locked.csv')
  writeFileSync(path, LONG)
  chmodSync(path, 0o000)
  return { path, wrap: (how as { wrap: string[] }).wrap }
}

describe('special files', () => {
  it.each([
    ['a directory', () => tmp.dir, `kaohe: 无法读取输入文件 @@（这是目录，不是文件）：请检查路径和权限\n`],
    ['a missing file', () => tmp.path('nope.csv'), `kaohe: 无法读取输入文件 @@/nope.csv（文件不存在，ENOENT）：请检查路径和权限\n`],
    [
      'a dangling symlink',
      () => {
        const p = tmp.path('dangling.csv')
        symlinkSync(tmp.path('nowhere.csv'), p)
        return p
      },
      `kaohe: 无法读取输入文件 @@/dangling.csv（文件不存在，ENOENT）：请检查路径和权限\n`,
    ],
    [
      'a symlink loop',
      () => {
        symlinkSync(tmp.path('loop-b.csv'), tmp.path('loop-a.csv'))
        symlinkSync(tmp.path('loop-a.csv'), tmp.path('loop-b.csv'))
        return tmp.path('loop-a.csv')
      },
      `kaohe: 无法读取输入文件 @@/loop-a.csv（符号链接循环，ELOOP）：请检查路径和权限\n`,
    ],
    ['a path through a file', () => join(ok, 'x.csv'), `kaohe: 无法读取输入文件 @@/ok.csv/x.csv（路径中有一段不是目录，ENOTDIR）：请检查路径和权限\n`],
  ])('%s: exit 66, a message', async (_what, path, stderr) => {
    const o = await runInProcess(['tally', path()])
    expect(checkOutcome(o)).toEqual([])
    expect(o.stderr).toBe(stderr.replace(/@@/g, tmp.dir))
    expect(o.code).toBe(66)
  })

  it('an unreadable file (EACCES): exit 66, a message', async (ctx) => {
    const { path, wrap } = unreadable(ctx.skip)
    const o = await runSpawned(['tally', path], { wrap })
    expect(checkOutcome(o)).toEqual([])
    expect(o.stderr).toBe(`kaohe: 无法读取输入文件 ${path}（没有读取权限，EACCES）：请检查路径和权限\n`)
    expect(o.code).toBe(66)
    // …and the same child reads a readable file: the dropped privilege is not what failed.
    const good = await runSpawned(['tally', ok], { wrap })
    expect(good.code, good.stderr).toBe(0)
  })

  it('an unreadable roster and policy: exit 66', async (ctx) => {
    const { path, wrap } = unreadable(ctx.skip)
    for (const args of [['assess', '--votes', ok, '--roster', path], ['tally', ok, '--policy', path]]) {
      const o = await runSpawned(args, { wrap })
      expect(checkOutcome(o)).toEqual([])
      expect(o.code).toBe(66)
      expect(o.stderr).toContain('EACCES')
    }
  })

  describe('a socket', () => {
    let server: Server
    let sock: string
    beforeAll(async () => {
      sock = tmp.path('kaohe.sock')
      server = createServer()
      await new Promise<void>((r) => server.listen(sock, r))
    })
    afterAll(() => new Promise<void>((r) => server.close(() => r())))
    it('exit 66', async () => {
      const o = await runInProcess(['tally', sock])
      expect(checkOutcome(o)).toEqual([])
      expect(o.stderr).toBe(`kaohe: 无法读取输入文件 ${sock}（不是可读取的文件（如套接字），ENXIO）：请检查路径和权限\n`)
      expect(o.code).toBe(66)
    })
  })

  it('a FIFO with a writer (as `<(…)` gives) is read like a file; the same FIFO twice is refused', async () => {
    const fifo = tmp.path('votes.fifo')
    execFileSync('mkfifo', [fifo])
    // The shell writes into the FIFO while kaohe reads it.
    const writer = runShell(`printf '%s' '${LONG}' > '${fifo}'`)
    const o = await runSpawned(['tally', fifo, '--format', 'json'])
    await writer
    expect(checkOutcome(o)).toEqual([])
    expect(o.code, o.stderr).toBe(0)
    const doc = JSON.parse(o.stdout) as { summary: { rowsRead: number }; inputs: Array<{ path: string }> }
    expect(doc.summary.rowsRead).toBe(2)
    const twice = await runSpawned(['tally', fifo, fifo])
    expect(twice.code).toBe(65)
    expect(twice.stderr).toBe(`kaohe: 文件 ${fifo} 被指定了两次\n`)
  })

  it('/dev/null is empty; /dev/zero is not a table (and does not exhaust memory)', async () => {
    const empty = await runInProcess(['tally', '/dev/null'])
    expect(empty.stderr).toBe('kaohe: /dev/null 是空文件或只有空白：请导出含表头的数据\n')
    expect(empty.code).toBe(65)
    const zero = await runInProcess(['tally', '/dev/zero'])
    expect(checkOutcome(zero)).toEqual([])
    expect(zero.stderr).toBe('kaohe: /dev/zero 第 1 行超过 8388608 个字符，不像文本表格（二进制文件？）：请另存为 CSV（UTF-8 或 GB18030）\n')
    expect(zero.code).toBe(65)
  })

  it('a policy that is a directory, /dev/zero, or missing', async () => {
    const dir = await runInProcess(['tally', ok, '--policy', tmp.dir])
    expect(dir.code).toBe(66)
    const zero = await runInProcess(['tally', ok, '--policy', '/dev/zero'])
    expect(zero.stderr).toBe('kaohe: 政策文件 /dev/zero 超过 1048576 字节，不是政策文件：请检查路径\n')
    expect(zero.code).toBe(65)
    const missing = await runInProcess(['tally', ok, '--policy', './nope.json'])
    expect(missing.code).toBe(66)
    for (const o of [dir, zero, missing]) expect(checkOutcome(o)).toEqual([])
  })

  it('a hard link to a file given with it is the same file', async () => {
    const link = tmp.path('hard.csv')
    execFileSync('ln', [ok, link])
    const o = await runInProcess(['tally', ok, link])
    expect(o.stderr).toBe(`kaohe: 文件 ${link} 被指定了两次\n`)
    expect(o.code).toBe(65)
  })

  it('stdin: read once; `-` twice is a usage error; `-` and /dev/stdin are one file', async () => {
    const once = await runSpawned(['tally', '-', '--format', 'json'], { stdin: LONG })
    expect(once.code, once.stderr).toBe(0)
    const twice = await runSpawned(['tally', '-', '-'], { stdin: LONG })
    expect(twice.code).toBe(2)
    expect(twice.stderr).toBe('kaohe: 标准输入（-）只能使用一次\n')
    const alias = await runSpawned(['tally', '-', '/dev/stdin'], { stdin: LONG })
    expect(alias.code).toBe(65)
    expect(alias.stderr).toBe('kaohe: 文件 /dev/stdin 被指定了两次\n')
  })

  it('stdin in chunks of one byte (a slow pipe): the same result as a file', async () => {
    const gbAndBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(LONG)])
    const fromFile = tmp.path('bom.csv')
    writeFileSync(fromFile, gbAndBom)
    const a = await runSpawned(['tally', fromFile, '--format', 'json'])
    const b = await runShellKaohe(`for b in $(od -An -v -tx1 '${fromFile}'); do printf "\\\\x$b"; sleep 0.001; done`, ['tally', '-', '--format', 'json'])
    expect(b.code, b.stderr).toBe(0)
    const strip = (s: string) => JSON.parse(s.replace(fromFile, '-')) as { inputs: unknown; cadres: unknown }
    expect(strip(b.stdout).cadres).toEqual(strip(a.stdout).cadres)
    expect((strip(b.stdout).inputs as Array<{ encoding: string }>)[0]!.encoding).toBe('utf-8-bom')
  })

  it('stdout that cannot be written (/dev/full): exit 73, one line, no stack', async () => {
    const o = await runShellKaohe(`cat '${ok}'`, ['tally', '-'], '> /dev/full')
    expect(checkOutcome({ ...o, stdout: '' })).toEqual([])
    expect(o.stderr).toBe('kaohe: 无法写入标准输出：磁盘空间已满（ENOSPC）：请腾出空间，或写到别的磁盘\n')
    expect(o.code).toBe(73)
  })

  it('stdout closed early (`| head -c 1`, megabytes unread): no error of ours', async () => {
    // 3,000 cadres: a JSON report far larger than a pipe buffer, so the write meets EPIPE.
    const many = `seq 1 3000 | awk 'BEGIN { print "票号,干部编号,测评等次" } { print "P" $1 ",XJ" $1 ",优秀" }'`
    const o = await runShellKaohe(many, ['tally', '-', '--format', 'json'], '| head -c 1 >/dev/null; exit ${PIPESTATUS[1]}')
    expect(o.stderr).toBe('')
    expect(o.code).toBe(0)
  })

  it('a directory of hostile names: control characters in a path are shown escaped', async () => {
    const dir = tmp.path('esc\u001b[31m')
    mkdirSync(dir)
    const o = await runInProcess(['tally', join(dir, 'missing\r\n.csv')])
    expect(checkOutcome(o)).toEqual([])
    expect(o.stderr).toContain('esc\\x1B[31m/missing\\r\\n.csv')
    expect(o.code).toBe(66)
  })
})

/** A bash script; its exit code, stdout and stderr. */
const bash = (script: string): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve, reject) => {
    // --norc: bash reads ~/.bashrc when its stdin is a socket (as Node gives it), thinking rshd started it.
    const p = spawn('bash', ['--norc', '--noprofile', '-c', script], { env: { PATH: process.env.PATH, NO_COLOR: '1' } })
    let stdout = ''
    let stderr = ''
    p.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')))
    p.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')))
    p.on('error', reject)
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })

const runShell = (script: string): Promise<unknown> => bash(script)

/** `producer | kaohe ARGS tail` through bash; the exit code is kaohe's (pipefail), or what `tail` says. */
const runShellKaohe = (producer: string, args: string[], tail = ''): Promise<{ code: number; stdout: string; stderr: string }> => {
  const quoted = args.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ')
  return bash(`set -o pipefail; { ${producer}; } | '${process.execPath}' '${BIN}' ${quoted} ${tail}`)
}
