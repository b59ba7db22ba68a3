/**
 * A worker thread that reads pieces of a CSV file for a shape's pre-filter (scan-pool.ts):
 * the same extractor as on the main thread, fed piece by piece, its numbers its own.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { LongExtractor, type LongPieceFacts, type LongSpec } from './long-scan.js'
import type { Extracted } from './scan.js'

/** A piece to read, and its answer. */
export interface PieceRequest {
  seq: number
  bytes: Uint8Array
  encoding: 'utf-8' | 'gb18030'
}
export interface PieceAnswer {
  seq: number
  got: Extracted<LongPieceFacts> | null
}

const init = workerData as { kind: 'long'; data: LongSpec } | undefined
if (parentPort !== null && init?.kind === 'long') {
  const port = parentPort
  const extractor = new LongExtractor(init.data)
  port.on('message', (m: PieceRequest) => {
    const got = extractor.extract(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.length), m.encoding)
    const transfer: ArrayBuffer[] = []
    if (got !== null) {
      const f = got.facts
      for (const a of [got.line, got.start, got.end, f.kind, f.mark, f.unit, f.id, f.name, f.ballot, f.group, f.post]) transfer.push(a.buffer as ArrayBuffer)
    }
    port.postMessage({ seq: m.seq, got } satisfies PieceAnswer, transfer)
  })
}
