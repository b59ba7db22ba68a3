// One measurement for `npm run bench:floor` (bench/floor.mjs): the least work any tally of
// the file must do, and nothing else. Prints {ms, rows, cadres, bytes} as JSON on stdout.
//
//   node bench/floor-probe.mjs read FILE decode|parse|count 1|2
//   node bench/floor-probe.mjs report REPORT.json 1|2
//
// read: 64 KiB reads → strict UTF-8 decoding → (parse) d3-dsv on whole lines → (count) a
// Map from cadre id to four grade counts. No header check, no validation, no duplicate
// index, no names, no report: kaohe does all of that on top. With 2 threads each worker
// takes half the file, cut at a line break (the generated files hold no line break inside
// quotes; the row total is checked by the caller).
// report: only turning a finished report's cadres into JSON text and UTF-8 bytes written to
// /dev/null (JSON.stringify per cadre) — no assessment, no texts made. The document is
// parsed first and that is not timed; with 2 threads each worker turns half the cadres,
// both starting together.
import { closeSync, openSync, readFileSync, readSync, statSync, writeSync } from 'node:fs'
import { createRequire } from 'node:module'
import { performance } from 'node:perf_hooks'
import { TextDecoder } from 'node:util'
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'

const { csvParseRows } = createRequire(import.meta.url)('d3-dsv')
const GRADE = new Map([
  ['优秀', 0],
  ['称职', 1],
  ['基本称职', 2],
])

/** Read [start, end) of a file at the given stage. */
const read = (file, stage, start, end) => {
  const fd = openSync(file, 'r')
  const buf = Buffer.allocUnsafe(65536)
  const decoder = new TextDecoder('utf-8', { fatal: true })
  const counts = new Map()
  let rows = 0
  let carry = ''
  let pos = start
  let first = start === 0
  for (;;) {
    const n = pos < end ? readSync(fd, buf, 0, Math.min(buf.length, end - pos), pos) : 0
    pos += n
    const last = n === 0
    const text = carry + decoder.decode(buf.subarray(0, n), { stream: !last })
    if (stage === 'decode') {
      if (last) break
      continue
    }
    const cut = last ? text.length : text.lastIndexOf('\n') + 1
    carry = text.slice(cut)
    let lines = text.slice(0, cut)
    if (first) {
      lines = lines.slice(lines.indexOf('\n') + 1) // the header
      first = false
    }
    if (lines !== '') {
      if (stage === 'parse') rows += csvParseRows(lines).length
      else
        csvParseRows(lines, (r) => {
          rows++
          let c = counts.get(r[1])
          if (c === undefined) counts.set(r[1], (c = new Int32Array(4)))
          c[GRADE.get(r[4]) ?? 3]++
          return null
        })
    }
    if (last) break
  }
  closeSync(fd)
  return { rows, cadres: counts.size, bytes: end - start }
}

/** Cadres [from, to) of a parsed report turned into JSON text and bytes, to /dev/null. */
const render = (cadres, from, to) => {
  const fd = openSync('/dev/null', 'w')
  let bytes = 0
  for (let i = from; i < to; i++) bytes += writeSync(fd, Buffer.from(JSON.stringify(cadres[i], null, 2)))
  closeSync(fd)
  return { rows: 0, cadres: to - from, bytes }
}

/** The byte just past the first line break at or after the file's middle. */
const middle = (file) => {
  const size = statSync(file).size
  const fd = openSync(file, 'r')
  const b = Buffer.alloc(1 << 16)
  const n = readSync(fd, b, 0, b.length, Math.floor(size / 2))
  closeSync(fd)
  const at = b.subarray(0, n).indexOf(10)
  if (at < 0) throw new Error('no line break near the middle')
  return { size, mid: Math.floor(size / 2) + at + 1 }
}

const sum = (rs) => ({
  rows: rs.reduce((a, r) => a + r.rows, 0),
  cadres: Math.max(...rs.map((r) => r.cadres)),
  bytes: rs.reduce((a, r) => a + r.bytes, 0),
})

if (isMainThread) {
  const [kind, file, a, b] = process.argv.slice(2)
  const threads = Number(kind === 'read' ? b : a)
  const t0 = performance.now()
  let result
  if (kind === 'read' && threads === 1) result = read(file, a, 0, statSync(file).size)
  else if (kind === 'report' && threads === 1) {
    const { cadres } = JSON.parse(readFileSync(file, 'utf8'))
    const t = performance.now()
    result = { ...render(cadres, 0, cadres.length), ms: performance.now() - t }
  } else {
    // Two workers; a report's are each told to start once both have parsed the document.
    const parts = kind === 'read' ? (({ size, mid }) => [[0, mid], [mid, size]])(middle(file)) : [[0, 2], [1, 2]]
    const workers = parts.map((part) => new Worker(new URL(import.meta.url), {
        workerData: { kind, file, stage: a, part },
        // as kaohe's own worker (src/thread.ts): V8 would otherwise grow each young generation to 32 MB
        resourceLimits: kind === 'read' ? { maxYoungGenerationSizeMb: 12 } : undefined,
      }))
    let ready = 0
    let t = t0
    const results = await Promise.all(
      workers.map(
        (w) =>
          new Promise((resolve, reject) => {
            w.on('error', reject)
            w.on('message', (m) => {
              if (m === 'ready') {
                if (++ready === workers.length) {
                  t = performance.now()
                  for (const x of workers) x.postMessage('go')
                }
              } else resolve(m)
            })
          }),
      ),
    )
    result = { ...sum(results), ms: performance.now() - t }
  }
  result.ms ??= performance.now() - t0
  process.stdout.write(`${JSON.stringify(result)}\n`)
} else {
  const { kind, file, stage, part } = workerData
  if (kind === 'read') parentPort.postMessage(read(file, stage, part[0], part[1]))
  else {
    const { cadres } = JSON.parse(readFileSync(file, 'utf8'))
    const [half, of] = part
    const from = half === 0 ? 0 : Math.floor(cadres.length / of)
    const to = half === 0 ? Math.floor(cadres.length / of) : cadres.length
    parentPort.once('message', () => parentPort.postMessage(render(cadres, from, to)))
    parentPort.postMessage('ready')
  }
}
