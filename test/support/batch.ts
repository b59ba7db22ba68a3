/**
 * Many kaohe runs in one child process (batch-runner.mjs: `run()` from the built dist/), for
 * cases whose point is a limit only a process of its own has — a small heap
 * (`--max-old-space-size`) — but that need not pay a node start each. A run that breaks the
 * limit kills the child, and the whole batch fails, saying so.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { ROOT } from '../helpers.js'

export interface BatchResult {
  code: number
  stdout: string
  stderr: string
}

export const kaoheBatch = (runs: readonly (readonly string[])[], opts: { nodeArgs?: string[]; timeoutMs?: number } = {}): Promise<BatchResult[]> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), join(ROOT, 'test/support/batch-runner.mjs')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (b: Buffer) => out.push(b))
    child.stderr.on('data', (b: Buffer) => err.push(b))
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      const stderr = Buffer.concat(err).toString('utf8')
      if (code !== 0 || signal !== null) return reject(new Error(`the batch child ended with ${signal ?? `exit ${code}`}: ${stderr.slice(-2000)}`))
      resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as BatchResult[])
    })
    child.stdin.end(JSON.stringify(runs))
  })
