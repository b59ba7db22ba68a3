// The signal handling of cleanup.ts on a real worker thread and a real signal (after
// `npm run build`: the child process runs dist/). A signal while a file is staged removes
// it; a signal while a commit is under way waits for the commit, so a set is never half in place.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../helpers.js'

const CLEANUP = new URL('../../dist/commands/cleanup.js', import.meta.url).href

/**
 * A child process whose worker stages `dir/f.tmp`, then (in `uninterrupted`, for `ms`) renames it
 * to `dir/f`; the main thread sends itself SIGTERM when the worker says it reached `at`.
 */
const child = (dir: string, at: 'staged' | 'committing', ms: number) => {
  const script = join(dir, 'child.mjs')
  writeFileSync(
    script,
    `import { Worker } from 'node:worker_threads'
const { cleanupChannel, handleSignals } = await import(${JSON.stringify(CLEANUP)})
const channel = cleanupChannel()
const worker = new Worker(\`
  const { workerData, parentPort } = await import('node:worker_threads')
  const { renameSync, writeFileSync } = await import('node:fs')
  const { connectToMain, track, untrack, uninterrupted } = await import(workerData.cleanup)
  connectToMain(workerData.link)
  const tmp = workerData.dir + '/f.tmp'
  track(tmp)
  writeFileSync(tmp, 'x')
  if (workerData.at === 'staged') { parentPort.postMessage('now'); for (;;) {} }
  uninterrupted(() => {
    parentPort.postMessage('now')
    const until = Date.now() + workerData.ms
    while (Date.now() < until) {}
    renameSync(tmp, workerData.dir + '/f')
    untrack(tmp)
  })
  for (;;) {}
\`, { eval: true, workerData: { cleanup: ${JSON.stringify(CLEANUP)}, link: channel.worker, dir: ${JSON.stringify(dir)}, at: ${JSON.stringify(at)}, ms: ${ms} }, transferList: [channel.worker.port] })
handleSignals({ stop: () => worker.terminate(), port: channel.main, say: () => process.stderr.write('interrupted\\n') })
worker.on('message', () => process.kill(process.pid, 'SIGTERM'))
`,
  )
  return spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 60_000 })
}

describe('signals and the worker thread', () => {
  it('SIGTERM while a file is staged: the worker is stopped, the file removed, exit 143', () => {
    const dir = tempDir()
    const r = child(dir, 'staged', 0)
    expect(r.status, r.stderr).toBe(143)
    expect(r.stderr).toBe('interrupted\n')
    expect(readdirSync(dir)).toEqual(['child.mjs'])
  })

  it('SIGTERM during a commit: the commit finishes first (the file is in place), then exit 143', () => {
    const dir = tempDir()
    const r = child(dir, 'committing', 400)
    expect(r.status, r.stderr).toBe(143)
    expect(existsSync(join(dir, 'f'))).toBe(true)
    expect(readdirSync(dir).sort()).toEqual(['child.mjs', 'f'])
  })
})
