/**
 * Commands that read vote files run on a worker thread whose young generation is small.
 *
 * V8 lets the main thread's young generation grow to 32 MB; a big run keeps it that full,
 * and it is resident memory. On a worker it is set (`resourceLimits`): at 12 MB the 2M-row
 * benchmark peaks about 25 MB lower at the same speed (BENCHMARKS.md). The worker writes
 * stdout and stderr itself, synchronously, straight to file descriptors 1 and 2 (a worker's
 * `process.stdout` would queue everything through the main thread), and reads standard
 * input from descriptor 0. The main thread only starts it and passes on its exit code.
 */
import { writeSync } from 'node:fs'
import { isatty } from 'node:tty'
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import { type CleanupLink, cleanupChannel, connectToMain, drainWorker, handleSignals, type HandledSignal, removeTracked } from './commands/cleanup.js'
import type { Io } from './commands/common.js'
import { EXIT } from './errors.js'

/** The young generation of the worker, in MB (a third of it is each half-space). */
export const YOUNG_GENERATION_MB = 12

/** The commands that read vote files (the rest start faster on the main thread). */
const HEAVY = new Set(['tally', 'assess', 'verify', 'reports'])

export const runsOnWorker = (argv: readonly string[]): boolean => argv.slice(2).some((a) => HEAVY.has(a))

interface Start {
  argv: string[]
  /** The terminal's width (a worker's process.stdout does not know it). */
  columns?: number
  /** Where the worker reports the temporary files it makes, for the main thread to remove on a signal. */
  cleanup: CleanupLink
}

/** What the worker sends back: its exit code. */
type Done = { code: number }

/** Wait `ms` milliseconds on this thread (a write that would block, retried). */
const pause = (ms: number): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

/**
 * Write all of `s` to a file descriptor. A descriptor in non-blocking mode (a pipe another
 * program set so) says EAGAIN when full: wait a moment and go on.
 */
const writeAll = (fd: number, s: string | Uint8Array): void => {
  const b = typeof s === 'string' ? Buffer.from(s) : s
  for (let at = 0; at < b.length; ) {
    try {
      at += writeSync(fd, b, at)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e
      pause(1)
    }
  }
}

/**
 * Io on descriptors 1 and 2. stdout that is closed (`| head`) takes no more writes and is
 * no error; any other failure to write it is reported once (`failed` gives its code).
 */
export const descriptorIo = (env: Io['env'], columns?: number): { io: Io; failed: () => string | null } => {
  let closed = false
  let failed: string | null = null
  const stdout = (s: string | Uint8Array): void => {
    if (closed || failed !== null) return
    try {
      writeAll(1, s)
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'error'
      if (code === 'EPIPE') closed = true
      else failed = code
    }
  }
  const io: Io = {
    stdout,
    stdoutBytes: stdout,
    stderr: (s) => {
      try {
        writeAll(2, s)
      } catch {
        // Nowhere left to say it.
      }
    },
    stdoutIsTTY: isatty(1),
    stderrIsTTY: isatty(2),
    env,
    columns,
  }
  return { io, failed: () => failed }
}

/** On stderr, after an interruption: what happened, in the run's language. */
const interruptedLine = async (argv: string[]): Promise<(signal: HandledSignal) => void> => {
  const [{ dict }, { langOf }] = await Promise.all([import('./i18n/index.js'), import('./cli.js')])
  const d = dict(langOf(argv, process.env))
  return (signal) => writeAll(2, `kaohe: ${d.message('interrupted', { signal })}\n`)
}

/**
 * Run the CLI on a worker thread; resolves once it is done, with its exit code set. A
 * signal (SIGINT, SIGTERM, SIGHUP) stops the worker, removes the files it had made for a
 * while (cleanup.ts) and exits 130, 143 or 129.
 */
export const runOnWorker = (argv: string[]): Promise<void> =>
  new Promise((resolve) => {
    const channel = cleanupChannel()
    const worker = new Worker(new URL('./thread.js', import.meta.url), {
      workerData: { argv, columns: process.stdout.isTTY ? process.stdout.columns : undefined, cleanup: channel.worker } satisfies Start,
      transferList: [channel.worker.port],
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    })
    handleSignals({ stop: () => worker.terminate(), port: channel.main, say: async (signal) => (await interruptedLine(argv))(signal) })
    let done = false
    worker.on('message', (m: Done) => {
      done = true
      process.exitCode = m.code
    })
    worker.on('error', (e) => {
      // A crash of the thread itself (not a KaoheError: those are reported by `run`).
      writeAll(2, `kaohe: ${e.message}\n`)
      done = true
      process.exitCode = EXIT.internal
    })
    worker.on('exit', () => {
      if (!done) process.exitCode = EXIT.internal
      // Whatever the worker left (it crashed, or ran out of memory, mid-write) goes now.
      drainWorker(channel.main)
      removeTracked()
      resolve()
    })
  })

/** Run the CLI on this thread (the commands that read no vote file), with the same signal handling. */
export const runHere = async (argv: string[]): Promise<void> => {
  // Loaded first: on a signal, this thread says so at once, without waiting for a module.
  handleSignals({ say: await interruptedLine(argv) })
  try {
    await (await import('./cli.js')).main(argv)
  } finally {
    removeTracked()
  }
}

if (!isMainThread && (workerData as Start | undefined)?.argv) {
  const { argv, columns, cleanup } = workerData as Start
  connectToMain(cleanup)
  const { main } = await import('./cli.js')
  const code = await main(argv, descriptorIo(process.env, columns))
  parentPort!.postMessage({ code } satisfies Done)
}
