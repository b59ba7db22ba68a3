// Two threads, measured (issue 13, item 2): what a lean scanning worker could take off the
// counting thread of `kaohe tally` on a long-ballot CSV file, and what it costs. Not a
// reader of kaohe: a probe on kaohe's own byte scanner (dist/input/scan.js, so `npm run
// build` first), timing only the work a scanning worker would do and the least the counting
// thread must do with its facts. Prints one JSON object on stdout.
//
//   node bench/two-threads.mjs startup [RUNS]        # what starting a worker costs (ms, MB)
//   node bench/two-threads.mjs scan FILE 1|2          # the lean scan on this thread (1) or a worker (2)
//
// startup: in a fresh process each time, a worker thread started with tight `resourceLimits`
// (young generation 4 MB, old 32 MB) that loads (a) nothing, (b) kaohe's byte scanner only
// (scan.js: no imports past node:buffer and node:util), (c) the module graph of kaohe's
// present scan worker (scan-worker.js → long-scan.js → records, tokens, rows → votes …), and
// (d) that graph with the worker's present young generation (8 MB). Reported: milliseconds
// from `new Worker` to its first message, and the process's resident memory (RSS) after it
// minus before it, the median of RUNS processes.
//
// scan: the file below its header, read in 1 MiB pieces by `fs.readSync` on the thread that
// scans (the counting thread never sees those bytes); per line the scanner locates its cells
// (PieceScanner), and for a plain line (no quote, every cell) the worker finds the id's
// worker-local number by its bytes (ByteInterner: a string is made once per new id), the
// grade's code by its bytes, the ballot's number in the piece; a line holding a quote is
// sent as its bytes. Per piece one message: typed arrays (id, grade code, ballot, line
// number, byte offset) and the new ids' and ballots' strings, the buffers transferred, not
// copied; at most 4 pieces in flight (the worker waits on an Atomics counter). The counting
// thread maps worker-local ids to cadre numbers (a Map by id string, once per id) and counts
// grades by integer; quoted lines it decodes and parses with d3-dsv and counts by a Map
// lookup, as kaohe's text pre-filter does. With `1` the same functions run on one thread,
// without messages. No validation, no duplicate index, no names, units or voter groups, no
// report — kaohe's counting thread does all of that on top (BENCHMARKS.md, "Two threads,
// measured"). The row total is checked against the file's line count by the caller.
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { performance } from 'node:perf_hooks'
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import { spawnSync } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'

const DIST = new URL('../dist/input/', import.meta.url)
const PIECE = 1 << 20
/** Pieces a worker may have sent that the counting thread has not taken yet. */
const IN_FLIGHT = 4
const LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 32 }
const GRADES = ['优秀', '称职', '基本称职', '不称职', '弃权', '无效']
const QUOTED = 255

const rssMb = () => process.memoryUsage().rss / 2 ** 20
const hwmMb = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
/** CPU seconds of this process's threads: the one `tid` (the main thread: the pid), and all the others (a worker, V8's and libuv's helpers). */
const threadCpu = () => {
  let main = 0
  let other = 0
  for (const t of readdirSync('/proc/self/task')) {
    const s = readFileSync(`/proc/self/task/${t}/stat`, 'utf8')
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ')
    const ticks = Number(f[11]) + Number(f[12])
    if (Number(t) === process.pid) main += ticks
    else other += ticks
  }
  // clock ticks of 1/100 s (USER_HZ on Linux)
  return { mainCpu: main / 100, otherCpu: other / 100 }
}
const cpuS = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1e6
}

/** The header's columns and where the data starts. */
const layoutOf = (file) => {
  const fd = openSync(file, 'r')
  const b = Buffer.alloc(1 << 16)
  const n = readSync(fd, b, 0, b.length, 0)
  closeSync(fd)
  const lf = b.subarray(0, n).indexOf(10)
  const header = b.toString('utf8', 0, lf).replace(/\r$/, '').split(',')
  const col = (name) => {
    const i = header.indexOf(name)
    if (i < 0) throw new Error(`no column ${name}`)
    return i
  }
  return { file, from: lf + 1, to: statSync(file).size, width: header.length, ballot: col('票号'), id: col('干部编号'), grade: col('测评等次') }
}

/**
 * The scanning side: reads [from, to) of the file and hands each piece's facts to `send`
 * (a message, or a call on the same thread); `wait` holds it while too many are in flight.
 */
const scanSide = async (job, send, wait) => {
  const { PieceScanner, ByteInterner, hashBytes, scannable } = await import(new URL('scan.js', DIST))
  // A line with a quote is the CSV parser's: the scanner is told it is read (an empty
  // array), and the line's bytes go to the counting thread as they are.
  const scanner = new PieceScanner(44, 'utf-8', job.width, () => [])
  const ids = new ByteInterner()
  const ballots = new ByteInterner()
  const grades = new ByteInterner()
  /** The number of bytes [s, e) in `interner`; a new one's text goes to `fresh`. */
  const numberOf = (interner, bytes, s, e, fresh) => {
    const h = hashBytes(bytes, s, e)
    const x = interner.find(bytes, s, e, h)
    if (x >= 0) return x
    fresh.push(bytes.toString('utf8', s, e))
    return interner.add(bytes, s, e, h)
  }
  for (const g of GRADES) {
    const b = Buffer.from(g)
    grades.add(b, 0, b.length, hashBytes(b, 0, b.length))
  }
  const fd = openSync(job.file, 'r')
  // One buffer for every piece: its facts are made before the next read, and no byte leaves this thread but a quoted line's.
  const room = Buffer.allocUnsafe(PIECE)
  let carry = Buffer.alloc(0)
  let pos = job.from
  let line = 2
  for (;;) {
    wait()
    carry.copy(room)
    const n = pos < job.to ? readSync(fd, room, carry.length, Math.min(PIECE - carry.length, job.to - pos), pos) : 0
    pos += n
    const have = carry.length + n
    const last = n === 0
    const cut = last ? have : room.subarray(0, have).lastIndexOf(10) + 1
    const bytes = room.subarray(0, cut)
    carry = Buffer.from(room.subarray(cut, have))
    if (bytes.length > 0) {
      if (!scannable(bytes, 'utf-8')) throw new Error('a piece the scanner does not read (the probe expects the generated file)')
      const got = scanner.scan(bytes, line)
      if (got.stop >= 0) throw new Error('a line that is not plain (the probe expects the generated file)')
      line = got.line
      const rows = got.rows
      const count = rows.count
      const id = new Int32Array(count)
      const mark = new Uint8Array(count)
      const ballot = new Int32Array(count)
      const lines = new Int32Array(count)
      const offset = new Int32Array(count)
      const newIds = []
      const newBallots = []
      let quoted = 0
      let bytesQuoted = 0
      for (let r = 0; r < count; r++) {
        lines[r] = rows.line[r]
        offset[r] = rows.start[r]
        if (rows.parsed[r] !== undefined || rows.cells[r] !== job.width) {
          mark[r] = QUOTED
          quoted++
          bytesQuoted += rows.end[r] - rows.start[r]
          continue
        }
        const k = 2 * rows.first[r]
        const b = rows.bounds
        id[r] = numberOf(ids, bytes, b[k + 2 * job.id], b[k + 2 * job.id + 1], newIds)
        const gs = b[k + 2 * job.grade]
        const ge = b[k + 2 * job.grade + 1]
        const g = grades.find(bytes, gs, ge, hashBytes(bytes, gs, ge))
        if (g < 0) throw new Error(`line ${rows.line[r]}: a grade the probe does not know`)
        mark[r] = g
        ballot[r] = numberOf(ballots, bytes, b[k + 2 * job.ballot], b[k + 2 * job.ballot + 1], newBallots)
      }
      // The quoted lines' bytes, one after another: the j-th from at[j] to at[j + 1].
      const text = new Uint8Array(bytesQuoted)
      const at = new Int32Array(quoted + 1)
      for (let r = 0, j = 0, q = 0; r < count; r++) {
        if (mark[r] !== QUOTED) continue
        text.set(bytes.subarray(rows.start[r], rows.end[r]), q)
        at[j++] = q
        q += rows.end[r] - rows.start[r]
        at[j] = q
      }
      ballots.clear()
      const facts = { count, id, mark, ballot, lines, offset, at, text, newIds, newBallots }
      send(facts, [id.buffer, mark.buffer, ballot.buffer, lines.buffer, offset.buffer, at.buffer, text.buffer])
    }
    if (last) break
  }
  closeSync(fd)
  send(null, [])
}

/** The counting side: worker-local ids → cadre numbers, grades counted by integer. */
const countSide = () => {
  const { dsvFormat } = createRequire(import.meta.url)('d3-dsv')
  const csv = dsvFormat(',')
  const gradeOf = new Map(GRADES.map((g, i) => [g, i]))
  const cadreOf = new Map()
  let local = new Int32Array(1024).fill(-1)
  let ids = []
  let counts = new Int32Array(6 * 1024)
  let rows = 0
  let quoted = 0
  let plainMs = 0
  let quotedMs = 0
  const cadre = (idText) => {
    let c = cadreOf.get(idText)
    if (c === undefined) {
      c = cadreOf.size
      cadreOf.set(idText, c)
      if (6 * (c + 1) > counts.length) {
        const more = new Int32Array(counts.length * 2)
        more.set(counts)
        counts = more
      }
    }
    return c
  }
  const take = (m) => {
    for (const x of m.newIds) ids.push(x)
    if (ids.length > local.length) {
      const more = new Int32Array(Math.max(ids.length, 2 * local.length)).fill(-1)
      more.set(local)
      local = more
    }
    const { count, id, mark, at, text } = m
    // Plain lines first, then the quoted ones (counts do not depend on the order): each part timed.
    const t0 = performance.now()
    for (let r = 0; r < count; r++) {
      const g = mark[r]
      if (g === QUOTED) continue
      const i = id[r]
      let c = local[i]
      if (c < 0) c = local[i] = cadre(ids[i])
      counts[6 * c + g]++
    }
    const t1 = performance.now()
    const buf = Buffer.from(text.buffer, text.byteOffset, text.length)
    for (let j = 0; j + 1 < at.length; j++) {
      const cells = csv.parseRows(buf.toString('utf8', at[j], at[j + 1]))[0]
      const k = gradeOf.get(cells[4])
      if (k === undefined) throw new Error('a grade the probe does not know')
      counts[6 * cadre(cells[1]) + k]++
    }
    rows += count
    quoted += at.length - 1
    plainMs += t1 - t0
    quotedMs += performance.now() - t1
  }
  const result = () => {
    let marks = 0
    for (let i = 0; i < 6 * cadreOf.size; i++) marks += counts[i]
    return { rows, quoted, cadres: cadreOf.size, marks, plainMs: +plainMs.toFixed(0), quotedMs: +quotedMs.toFixed(0) }
  }
  return { take, result }
}

const startupOne = async (kind) => {
  const before = rssMb()
  const t = performance.now()
  const w = new Worker(new URL(import.meta.url), {
    workerData: { mode: 'startup', kind },
    resourceLimits: kind === 'present-8' ? { ...LIMITS, maxYoungGenerationSizeMb: 8 } : LIMITS,
  })
  await new Promise((resolve, reject) => {
    w.once('message', resolve)
    w.once('error', reject)
  })
  const ms = performance.now() - t
  // Let the worker settle (its start-up garbage collected), then the process's RSS.
  await sleep(200)
  const after = rssMb()
  await w.terminate()
  return { kind, ms, mb: after - before }
}

if (isMainThread) {
  const [mode, a, b] = process.argv.slice(2)
  if (mode === 'startup-one') {
    process.stdout.write(`${JSON.stringify(await startupOne(a))}\n`)
  } else if (mode === 'startup') {
    const runs = Number(a ?? 5)
    const self = fileURLToPath(import.meta.url)
    const out = {}
    for (const kind of ['bare', 'scanner', 'present', 'present-8']) {
      const got = []
      for (let i = 0; i < runs; i++) {
        const r = spawnSync(process.execPath, [self, 'startup-one', kind], { encoding: 'utf8' })
        if (r.status !== 0) throw new Error(r.stderr)
        got.push(JSON.parse(r.stdout))
      }
      out[kind] = { ms: +median(got.map((g) => g.ms)).toFixed(1), mb: +median(got.map((g) => g.mb)).toFixed(1), runs }
    }
    process.stdout.write(`${JSON.stringify(out)}\n`)
  } else if (mode === 'scan') {
    const job = layoutOf(a)
    const threads = Number(b)
    const t0 = performance.now()
    const c0 = cpuS()
    const counter = countSide()
    let busy = 0
    let startMs = null
    let per0 = null
    if (threads === 1) {
      await scanSide(
        job,
        (m) => {
          if (m !== null) counter.take(m)
        },
        () => {},
      )
    } else {
      const flight = new Int32Array(new SharedArrayBuffer(4))
      const w = new Worker(new URL(import.meta.url), { workerData: { mode: 'scan', job, flight }, resourceLimits: LIMITS })
      await new Promise((resolve, reject) => {
        w.on('message', (m) => {
          if (m === 'started') {
            startMs = performance.now() - t0
            return
          }
          if (m === null) return resolve()
          const t = performance.now()
          counter.take(m)
          busy += performance.now() - t
          Atomics.sub(flight, 0, 1)
          Atomics.notify(flight, 0)
        })
        w.on('error', (e) => {
          // The worker's heap is small on purpose: past it, say so and stop.
          reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new Error(`the scanning worker ran out of its ${LIMITS.maxOldGenerationSizeMb} MB heap`) : e)
        })
      })
      per0 = threadCpu()
      await w.terminate()
    }
    const ms = performance.now() - t0
    const r = counter.result()
    const per = per0 ?? threadCpu()
    process.stdout.write(
      `${JSON.stringify({ threads, ms: +ms.toFixed(0), cpu: +(cpuS() - c0).toFixed(2), countingMs: threads === 2 ? +busy.toFixed(0) : null, workerStartedMs: startMs === null ? null : +startMs.toFixed(0), hwmMb: +hwmMb().toFixed(0), ...per, ...r })}\n`,
    )
  } else {
    process.stderr.write('usage: node bench/two-threads.mjs startup [RUNS] | scan FILE 1|2\n')
    process.exitCode = 2
  }
} else if (workerData?.mode === 'startup') {
  const kind = workerData.kind
  if (kind === 'scanner') await import(new URL('scan.js', DIST))
  // The graph without its message handler: scan-worker.js only listens when given an extractor.
  if (kind.startsWith('present')) await import(new URL('scan-worker.js', DIST))
  parentPort.postMessage('ready')
} else if (workerData?.mode === 'scan') {
  const { job, flight } = workerData
  parentPort.postMessage('started')
  await scanSide(
    job,
    (m, transfer) => {
      if (m !== null) Atomics.add(flight, 0, 1)
      parentPort.postMessage(m, transfer)
    },
    () => {
      for (let f = Atomics.load(flight, 0); f >= IN_FLIGHT; f = Atomics.load(flight, 0)) Atomics.wait(flight, 0, f)
    },
  )
}
