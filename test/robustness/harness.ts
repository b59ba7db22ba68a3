/**
 * Running kaohe on generated inputs, in-process (fast: `run()` from src/cli.ts on temp files)
 * or as the built CLI (`node bin/kaohe.js`, real exit codes and stderr), with a temp
 * directory per case.
 */
import { spawn, type SpawnOptions } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { run } from '../../src/cli.js'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const BIN = join(ROOT, 'bin', 'kaohe.js')

export interface RunOutcome {
  code: number
  stdout: string
  stderr: string
}

/** A file to put in the case's directory: a name and its exact bytes. */
export interface FileSpec {
  name: string
  bytes: Uint8Array
}

/** A fresh temp directory; `done()` removes it. */
export const tempDir = (prefix = 'kaohe-rob-'): { dir: string; path: (name: string) => string; done: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, path: (name) => join(dir, name), done: () => rmSync(dir, { recursive: true, force: true }) }
}

export const writeFiles = (dir: string, files: readonly FileSpec[]): string[] =>
  files.map((f) => {
    const p = join(dir, f.name)
    writeFileSync(p, f.bytes)
    return p
  })

/** The CLI in this process: the same code path as bin/kaohe.js minus process.exitCode. */
export const runInProcess = async (args: readonly string[], env: Record<string, string | undefined> = {}): Promise<RunOutcome> => {
  let stdout = ''
  let stderr = ''
  const code = await run(['node', 'kaohe', ...args], {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    stdoutIsTTY: false,
    env: { NO_COLOR: '1', ...env },
  })
  return { code, stdout, stderr }
}

/** The built CLI as a child process (run `npm run build` first; `npm test` does). */
export const runSpawned = (
  args: readonly string[],
  opts: { env?: Record<string, string | undefined>; stdin?: Uint8Array | string; cwd?: string; timeoutMs?: number; spawn?: SpawnOptions; wrap?: readonly string[] } = {},
): Promise<RunOutcome & { signal: NodeJS.Signals | null }> =>
  new Promise((resolveRun, reject) => {
    // `wrap`: a command that runs node (e.g. setpriv without some capabilities: support/privileges.ts).
    const [cmd, ...pre] = opts.wrap ?? []
    const child = spawn(cmd ?? process.execPath, [...pre, ...(cmd === undefined ? [] : [process.execPath]), BIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { PATH: process.env.PATH, NO_COLOR: '1', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      ...opts.spawn,
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout!.on('data', (b: Buffer) => out.push(b))
    child.stderr!.on('data', (b: Buffer) => err.push(b))
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000)
    child.on('error', reject)
    child.stdin!.on('error', () => {}) // the child may exit before reading all of stdin
    child.stdin!.end(opts.stdin ?? '')
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolveRun({ code: code ?? -1, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') })
    })
  })
