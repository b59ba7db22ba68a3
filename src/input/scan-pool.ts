import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { PieceAnswer, PieceRequest } from './scan-worker.js'
import type { Extracted } from './scan.js'

/**
 * Worker threads that read pieces of a big CSV file while the main thread counts (issue
 * 13): each piece goes to the next worker in turn and comes back as its extractor's facts;
 * the main thread takes them in the file's order, so every decision is made as if one
 * thread had read the file (a duplicate whose twin another worker read is caught the same
 * way). Each worker numbers ids its own way: `source` says whose numbers a piece has.
 */
export class ScanPool<F> {
  private readonly workers: Worker[] = []
  private seq = 0
  private turn = 0
  private readonly waiting = new Map<number, { resolve: (got: Extracted<F> | null) => void; reject: (e: unknown) => void }>()
  private failed: unknown = null

  constructor(extractor: { kind: 'long'; data: unknown }, count: number) {
    for (let i = 0; i < count; i++) {
      // A small young generation, as the command's own thread has (thread.ts): resident memory.
      const w = new Worker(WORKER, { workerData: extractor, resourceLimits: { maxYoungGenerationSizeMb: SCAN_YOUNG_GENERATION_MB } })
      // A run that ends (or fails) before the file does is not kept alive by its readers.
      w.unref()
      w.on('message', (m: PieceAnswer) => {
        const p = this.waiting.get(m.seq)
        this.waiting.delete(m.seq)
        p?.resolve(m.got as Extracted<F> | null)
      })
      w.on('error', (e) => this.fail(e))
      this.workers.push(w)
    }
  }

  /** Is the worker's module there (it is not beside the TypeScript sources a test runs)? */
  static available(): boolean {
    return existsSync(fileURLToPath(WORKER))
  }

  get size(): number {
    return this.workers.length
  }

  /** Read a piece on the next worker: its facts, and whose numbers they are (1 + the worker's index). */
  submit(bytes: Buffer, encoding: 'utf-8' | 'gb18030'): { source: number; got: Promise<Extracted<F> | null> } {
    const k = this.turn
    this.turn = (this.turn + 1) % this.workers.length
    const seq = this.seq++
    const got = new Promise<Extracted<F> | null>((resolve, reject) => {
      if (this.failed !== null) return reject(this.failed)
      this.waiting.set(seq, { resolve, reject })
    })
    // A copy of its own, handed over: the piece may be a view into a larger buffer.
    const copy = new Uint8Array(bytes)
    this.workers[k]!.postMessage({ seq, bytes: copy, encoding } satisfies PieceRequest, [copy.buffer])
    return { source: k + 1, got }
  }

  close(): void {
    for (const w of this.workers) void w.terminate()
    this.workers.length = 0
  }

  private fail(e: unknown): void {
    this.failed = e
    for (const p of this.waiting.values()) p.reject(e)
    this.waiting.clear()
  }
}

/**
 * Is the byte scanner on? On unless `KAOHE_SCAN=0` (stop 22: with the lane's cadres in
 * paged typed arrays, dropped when reading ends, its peak memory is within the target,
 * BENCHMARKS.md). `KAOHE_SCAN=0` is the off switch: csv-parse with the one pre-filter on text.
 */
export const scanOn = (env: NodeJS.ProcessEnv = process.env): boolean => env.KAOHE_SCAN !== '0'

/**
 * How many workers a file of `bytes` warrants. Off unless asked for: on this 2-core machine
 * one worker made a 2M-row tally slower and bigger than reading on the counting thread,
 * loaded (stop 21) and idle (stop 27: 4.9–5.0 s and 220–225 MB against 4.6–5.3 s and 143 MB;
 * BENCHMARKS.md), so the default stays one thread. `KAOHE_SCAN_WORKERS=N` (the benchmark's knob) asks for N; a
 * file under MIN_POOL_BYTES never gets one (starting a worker costs more than it saves).
 */
export const poolSize = (bytes: number | null, env: NodeJS.ProcessEnv = process.env): number => {
  const asked = Number(env.KAOHE_SCAN_WORKERS ?? 0)
  if (!Number.isInteger(asked) || asked <= 0 || bytes === null || bytes < MIN_POOL_BYTES) return 0
  return Math.max(1, Math.min(asked, availableParallelism(), MAX_WORKERS))
}

export const MIN_POOL_BYTES = 8 * 1024 * 1024
const MAX_WORKERS = 4
/** Bytes per piece sent to a worker: a message per megabyte, not per read. */
export const POOL_PIECE_BYTES = 1024 * 1024

const WORKER = new URL('./scan-worker.js', import.meta.url)

/** The young generation of a scan worker, in MB: it holds one piece's facts at a time. */
const SCAN_YOUNG_GENERATION_MB = 8
