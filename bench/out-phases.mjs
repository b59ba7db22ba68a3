#!/usr/bin/env node
// Where the memory of `kaohe tally FILE --out F` goes, phase by phase (issue 13, stop 21):
// the phases of commands/tally.ts run in this process (main thread, not the CLI's worker),
// with process.memoryUsage() and V8's heap spaces logged after loading, at the start and
// end of every pass over the cadres (each pass takes `sortedCadres` anew) and every 200,000
// cadres within one. Run it with --expose-gc to see the live heap at each pass's end.
//
//   npm run build && node --expose-gc --max-semi-space-size=4 bench/out-phases.mjs bench/data/counts-1M.csv json
//   node --trace-gc --max-semi-space-size=4 bench/out-phases.mjs /tmp/counts-300k.csv html
//
// The output goes to a temporary folder, removed at the end; the table the CLI prints to
// stdout before writing --out is made too (to nowhere), as `tally --quiet > /dev/null` does.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { performance } from 'node:perf_hooks'
import { join } from 'node:path'
import { getHeapSpaceStatistics } from 'node:v8'

const [input, ext = 'json'] = process.argv.slice(2)
if (!input || !['json', 'csv', 'md', 'html'].includes(ext)) {
  console.error('usage: node [--expose-gc] bench/out-phases.mjs FILE json|csv|md|html')
  process.exit(2)
}
const { runAssessment, printReport } = await import('../dist/commands/common.js')
const { planExports, writeExports } = await import('../dist/commands/exports.js')

const t0 = performance.now()
let peak = 0
const mb = (x) => (x / 1048576).toFixed(0)
const log = (what) => {
  const m = process.memoryUsage()
  peak = Math.max(peak, m.rss)
  const spaces = getHeapSpaceStatistics()
    .filter((x) => x.space_size > 4e6)
    .map((x) => `${x.space_name.replace('_space', '')} ${mb(x.space_used_size)}/${mb(x.space_size)}`)
    .join(' ')
  console.error(`${((performance.now() - t0) / 1000).toFixed(1)}s ${what}: rss ${mb(m.rss)} heapUsed ${mb(m.heapUsed)} heapTotal ${mb(m.heapTotal)} arrayBuffers ${mb(m.arrayBuffers)} | ${spaces}`)
}

const dir = mkdtempSync(join(tmpdir(), 'kaohe-out-phases-'))
const out = join(dir, `out.${ext}`)
const opts = { lang: 'zh', format: 'table', quiet: true, color: false, lenient: false, encoding: 'auto', wide: false, headerRow: null, out: [out], force: true }
const io = { stdout: () => true, stderr: (s) => process.stderr.write(s), stdoutIsTTY: false, env: {} }
try {
  log('start')
  const plan = await planExports({ out: [out], manifest: undefined, outEncoding: undefined, force: true }, opts, [input], io)
  const r = await runAssessment({ command: 'tally', opts, votes: [input], roster: null, shape: null, sumCounts: false, year: null, history: [], io, scope: 'votes' })
  log('loaded')
  globalThis.gc?.()
  log('loaded, after a full GC (with --expose-gc)')
  const sorted = r.loaded.sortedCadres
  let pass = 0
  r.loaded.sortedCadres = function* () {
    const p = ++pass
    let n = 0
    log(`pass ${p} start`)
    for (const c of sorted()) {
      if (++n % 200000 === 0) log(`pass ${p} at ${n}`)
      yield c
    }
    globalThis.gc?.()
    log(`pass ${p} end`)
  }
  await printReport(r, opts, io)
  log('table printed (to nowhere)')
  await writeExports(plan, r, opts, { command: 'tally', votesFormat: null, sumCounts: false, year: null }, io)
  log(`--out ${ext} written`)
  plan.lock.release()
  console.error(`peak rss sampled: ${mb(peak)} MB`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
