/**
 * What kaohe removes when it is interrupted (SPEC §3: on SIGINT, SIGTERM or SIGHUP it removes
 * its temporary files and exits 130, 143 or 129).
 *
 * Anything kaohe creates only for a while — a temporary output, a backup of the previous
 * output, a lock, a scratch folder — is tracked here, and untracked once it is gone or has
 * been moved into place. Two rules for callers:
 *
 *  - `track(path)` BEFORE creating the file or folder, `untrack(path)` after removing or
 *    renaming it. A signal between creating and tracking would otherwise leave it behind.
 *    (So: choose the name yourself — `mkdirSync(name)`, not `mkdtemp` — and track it first.)
 *  - Create it synchronously (`openSync`, `mkdirSync`). Commands run on a worker thread
 *    (thread.ts); on a signal the main thread stops the worker between two statements, and
 *    a create still running in the thread pool could finish after the cleanup.
 *
 * Signals reach the main thread only. On the worker, `track`/`untrack` are also posted to the
 * main thread; after stopping the worker the main thread reads what is still queued
 * (`receiveMessageOnPort`, synchronous) and removes every path still tracked.
 *
 * `uninterrupted(fn)` runs a synchronous step (the renames that commit an output set) so that
 * an interruption comes before it or after it, never in the middle.
 */
import { rmSync } from 'node:fs'
import { MessageChannel, type MessagePort, receiveMessageOnPort } from 'node:worker_threads'

type Change = { add: string } | { remove: string }

const tracked = new Set<string>()
/** On a worker thread: where track/untrack are posted (the main thread's end of the channel). */
let toMain: MessagePort | null = null
/** 0: free; 1: a commit is under way; 2: interrupted, no commit may start. Shared with the worker. */
let state = new Int32Array(new SharedArrayBuffer(4))
const FREE = 0
const COMMITTING = 1
const INTERRUPTED = 2

const apply = (c: Change): void => {
  if ('add' in c) tracked.add(c.add)
  else tracked.delete(c.remove)
}

/** Remember `path` (a file or folder about to be created) for removal on interruption. */
export const track = (path: string): void => {
  tracked.add(path)
  toMain?.postMessage({ add: path } satisfies Change)
}

/** Forget `path`: it has been removed, or moved into place. */
export const untrack = (path: string): void => {
  tracked.delete(path)
  toMain?.postMessage({ remove: path } satisfies Change)
}

/** The paths tracked now (for tests). */
export const trackedPaths = (): string[] => [...tracked]

/** Remove every tracked path (a folder with its contents; a link itself, never its target). */
export const removeTracked = (): void => {
  for (const p of tracked) {
    try {
      rmSync(p, { recursive: true, force: true })
    } catch {
      // Already gone, or it cannot be removed: nothing more can be done on the way out.
    }
  }
  tracked.clear()
}

/**
 * Run `step` (synchronous) with interruptions held off: a signal that arrives meanwhile is
 * handled when it is done. If kaohe has already been interrupted, the step does not start.
 */
export const uninterrupted = <T>(step: () => T): T => {
  if (Atomics.compareExchange(state, 0, FREE, COMMITTING) !== FREE) {
    // Interrupted: the main thread is stopping this worker; wait for it here.
    Atomics.wait(state, 0, INTERRUPTED)
    throw new Error('interrupted')
  }
  try {
    return step()
  } finally {
    Atomics.store(state, 0, FREE)
  }
}

/** The worker's link to the main thread: passed in `workerData` (the port transferred). */
export interface CleanupLink {
  port: MessagePort
  state: SharedArrayBuffer
}

/** On the main thread, before starting the worker: the two ends of the link. */
export const cleanupChannel = (): { main: MessagePort; worker: CleanupLink } => {
  const { port1, port2 } = new MessageChannel()
  port1.unref()
  const shared = new SharedArrayBuffer(4)
  state = new Int32Array(shared)
  return { main: port1, worker: { port: port2, state: shared } }
}

/** On the worker: post track/untrack to the main thread, share its commit state. */
export const connectToMain = (link: CleanupLink): void => {
  toMain = link.port
  toMain.unref()
  state = new Int32Array(link.state)
}

/** On the main thread: take in every change the worker has posted (synchronously). */
export const drainWorker = (port: MessagePort): void => {
  for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) apply(m.message as Change)
}

/** The conventional exit codes: 128 + the signal's number. */
export const SIGNAL_EXIT = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const
export type HandledSignal = keyof typeof SIGNAL_EXIT

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Handle SIGINT, SIGTERM and SIGHUP on the main thread, remove every tracked path, say so on
 * stderr, exit 128 + signal.
 *
 * - Commands on a worker (`stop` given): wait for a commit under way to end, stop the worker,
 *   take in what it had still posted, then clean up.
 * - Commands on this thread (no `stop`): all at once, synchronously — `say` must not wait for
 *   anything — since any pause would let the command go on and create more. (A commit here is
 *   synchronous: a signal is never handled in the middle of one.)
 */
export const handleSignals = (opts: {
  /** Stop the worker thread (resolves once it has stopped), if commands run on one. */
  stop?: () => Promise<unknown>
  /** The main thread's end of the cleanup channel, read after the worker has stopped. */
  port?: MessagePort
  /** Say on stderr that kaohe was interrupted (called after the cleanup). */
  say: (signal: HandledSignal) => Promise<void> | void
}): void => {
  let handling = false
  const finish = (): void => {
    if (opts.port) drainWorker(opts.port)
    removeTracked()
  }
  for (const signal of Object.keys(SIGNAL_EXIT) as HandledSignal[]) {
    process.on(signal, () => {
      if (handling) return
      handling = true
      const stop = opts.stop
      if (stop === undefined) {
        Atomics.store(state, 0, INTERRUPTED)
        finish()
        try {
          void opts.say(signal)
        } finally {
          process.exit(SIGNAL_EXIT[signal])
        }
      }
      void (async () => {
        // A commit (a few renames) under way on the worker finishes first: the set is then one run's.
        while (Atomics.compareExchange(state, 0, FREE, INTERRUPTED) !== FREE) await sleep(2)
        try {
          await stop()
        } catch {
          // The worker is gone either way.
        }
        finish()
        try {
          await opts.say(signal)
        } finally {
          process.exit(SIGNAL_EXIT[signal])
        }
      })()
    })
  }
}
