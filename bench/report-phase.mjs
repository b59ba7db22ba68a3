#!/usr/bin/env node
// The report phase alone (issue 13): a vote file read once, then its JSON or CSV report
// streamed to /dev/null several times, each timed — what `kaohe tally FILE --format F`
// spends after reading. It runs where the CLI runs such a command: on a worker thread with
// the CLI's young generation and V8 flags (bin/kaohe.js, src/thread.ts), and writes as the
// CLI's stdout does (UTF-8 bytes, written synchronously to a descriptor).
//
//   npm run build && node bench/report-phase.mjs bench/data/long-2M.csv csv 5
//   node bench/report-phase.mjs bench/data/counts-100k.csv json 3 [tally|assess]
//
// Prints the median, the best and every round in seconds (wall; and the process's CPU time), the heap after, and the load average.
import { closeSync, openSync, writeSync } from 'node:fs'
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { setFlagsFromString } from 'node:v8'
import { isMainThread, Worker, workerData } from 'node:worker_threads'

if (isMainThread) {
  const [file, format = 'csv', runs = '3', command = 'tally'] = process.argv.slice(2)
  if (!file || !['csv', 'json'].includes(format) || !['tally', 'assess'].includes(command)) {
    console.error('usage: node bench/report-phase.mjs FILE csv|json [RUNS] [tally|assess]')
    process.exit(2)
  }
  setFlagsFromString('--no-allocation-site-pretenuring')
  const { YOUNG_GENERATION_MB } = await import('../dist/thread.js')
  const w = new Worker(new URL(import.meta.url), {
    workerData: { file, format, runs: Number(runs), command },
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  })
  w.on('error', (e) => {
    console.error(e)
    process.exitCode = 1
  })
} else {
  const { file, format, runs, command } = workerData
  const { runAssessment } = await import('../dist/commands/common.js')
  const opts = { lang: 'zh', format, quiet: true, color: false, lenient: false, encoding: 'auto', delimiter: undefined, sheet: undefined, policy: undefined }
  const t0 = performance.now()
  const r = await runAssessment({ command, opts, votes: command === 'tally' ? [file] : [file], roster: null, shape: null, sumCounts: false, scope: command === 'tally' ? 'votes' : 'all' })
  const read = (performance.now() - t0) / 1000
  const fd = openSync('/dev/null', 'w')
  let bytes = 0
  const write = (s) => {
    const b = Buffer.from(s)
    bytes += b.length
    writeSync(fd, b)
  }
  // As the CLI's stdout takes a streamed report (src/thread.ts): bytes, written at once.
  const writeBytes = (b) => {
    bytes += b.length
    writeSync(fd, b)
  }
  const times = []
  const cpu = []
  for (let i = 0; i < runs; i++) {
    bytes = 0
    const t = performance.now()
    const u = process.cpuUsage()
    await r.stream(format, { write, writeBytes })
    times.push((performance.now() - t) / 1000)
    const du = process.cpuUsage(u)
    cpu.push((du.user + du.system) / 1e6)
  }
  closeSync(fd)
  const sorted = [...times].sort((a, b) => a - b)
  const median = sorted[Math.floor(sorted.length / 2)]
  const f = (x) => x.toFixed(3)
  console.log(
    `${command} ${format} ${file}: read ${f(read)} s; report median ${f(median)} s, best ${f(sorted[0])} s [${times.map(f).join(' ')}]; CPU [${cpu.map(f).join(' ')}]; ` +
      `${(bytes / 1e6).toFixed(1)} MB out; heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB; load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`,
  )
}
