#!/usr/bin/env node
// `npm run bench`: kaohe against Miller on generated ballot files (SPEC §5, issue 5).
//
//   npm run bench                                   # 1e5, 1e6, 2e6, 1e7 rows; GB18030 and wide at 2e6
//   BENCH_SIZES=1e5,2e6 BENCH_RUNS=1 npm run bench  # a quick run
//
// Environment: BENCH_SIZES (long-ballot rows, default 1e5,1e6,2e6,1e7), BENCH_GB (sizes
// that also get a GB18030 copy, default 2e6), BENCH_WIDE (marks in the wide file, default
// 2e6; 0 for none), BENCH_RUNS (default 3), BENCH_CADRES (default 100000).
// Data goes to bench/data/ (git-ignored) and is made once: the generator is deterministic.
// Each command runs BENCH_RUNS times; the median is reported, with rows/s, CPU time
// (user + sys), peak RSS (GNU time's %M where /usr/bin/time exists, else VmHWM polled from
// /proc), and kaohe's time over Miller's. Results also go to bench/data/results.json.
import { execFileSync, spawnSync } from 'node:child_process'
import { statSync, writeFileSync } from 'node:fs'
import { cpus, freemem, loadavg, totalmem } from 'node:os'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { DATA, ensure, label, log, median, peakRssSource, runs as runsOf } from './harness.mjs'
import { CADRE_COLUMN, GRADE_COLUMN, readUtf8Chunks, transcodeGb18030, writeLong, writeWide } from './generate.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BIN = `${ROOT}bin/kaohe.js`

const num = (s) => Math.round(Number(s))
const list = (v, d) => (v ?? d).split(',').map((s) => s.trim()).filter(Boolean).map(num).filter((n) => n > 0)
const SIZES = list(process.env.BENCH_SIZES, '1e5,1e6,2e6,1e7')
const GB = list(process.env.BENCH_GB, '2e6')
const WIDE = num(process.env.BENCH_WIDE ?? 2e6)
const RUNS = Math.max(1, num(process.env.BENCH_RUNS ?? 3))
const CADRES = num(process.env.BENCH_CADRES ?? 1e5)

const mlrVersion = (() => {
  try {
    return execFileSync('mlr', ['--version'], { encoding: 'utf8' }).trim()
  } catch {
    return null
  }
})()


// ---------------------------------------------------------------- data
const files = []
for (const n of SIZES) {
  const path = ensure(`long-${label(n)}.csv`, { kind: 'long', rows: n, cadres: CADRES }, (p) => writeLong(p, n, { cadres: CADRES }))
  files.push({ name: `long ${label(n)} UTF-8`, path, rows: n, marks: n, kind: 'long', encoding: 'utf-8' })
  if (GB.includes(n)) {
    const gb = ensure(`long-${label(n)}-gb18030.csv`, { kind: 'gb18030', rows: n, cadres: CADRES }, (p) =>
      transcodeGb18030(readUtf8Chunks(path), p),
    )
    files.push({ name: `long ${label(n)} GB18030`, path: gb, rows: n, marks: n, kind: 'long', encoding: 'gb18030' })
  }
}
if (WIDE > 0) {
  let info
  const path = ensure(`wide-${label(WIDE)}.csv`, { kind: 'wide', marks: WIDE }, (p) => (info = writeWide(p, WIDE)))
  const meta = info ?? countWide(path)
  files.push({ name: `wide ${label(WIDE)} marks`, path, rows: meta.rows, marks: meta.marks, kind: 'wide', encoding: 'utf-8' })
}
function countWide(path) {
  // rows and marks of an existing wide file (cells that are not empty, past the two first columns)
  let rows = -1
  let marks = 0
  let rest = ''
  for (const text of readUtf8Chunks(path)) {
    const lines = (rest + text).split('\n')
    rest = lines.pop()
    for (const line of lines) {
      if (rows++ < 0) continue
      const cells = line.split(',')
      for (let i = 2; i < cells.length; i++) if (cells[i] !== '') marks++
    }
  }
  return { rows, marks }
}

const runs = (cmd, args) => runsOf(RUNS, cmd, args)

// ---------------------------------------------------------------- the runs
const machine = {
  cpu: cpus()[0]?.model ?? '?',
  cores: cpus().length,
  memGB: +(totalmem() / 2 ** 30).toFixed(1),
  freeGB: +(freemem() / 2 ** 30).toFixed(1),
  node: process.version,
  miller: mlrVersion,
  loadAtStart: loadavg().map((x) => +x.toFixed(2)),
  runs: RUNS,
  peakRss: peakRssSource,
}
log(`machine: ${JSON.stringify(machine)}`)

const results = []
for (const f of files) {
  const row = { file: f.name, rows: f.rows, marks: f.marks, bytes: statSync(f.path).size }
  log(`${f.name} (${(row.bytes / 1e6).toFixed(0)} MB): kaohe tally …`)
  row.tally = await runs(process.execPath, [BIN, 'tally', f.path, '--format', 'json'])
  log(`  ${row.tally.walls.map((w) => w.toFixed(2)).join(' / ')} s; kaohe assess …`)
  row.assess = await runs(process.execPath, [BIN, 'assess', '--votes', f.path, '--format', 'json'])
  log(`  ${row.assess.walls.map((w) => w.toFixed(2)).join(' / ')} s`)
  if (f.rows === 2e6 && f.encoding === 'utf-8' && f.kind === 'long') {
    // What a clerk gets by default: the terminal table (here to /dev/null).
    log('  kaohe tally, table …')
    row.table = await runs(process.execPath, [BIN, 'tally', f.path])
    log(`  ${row.table.walls.map((w) => w.toFixed(2)).join(' / ')} s`)
  }
  if (mlrVersion && f.kind === 'long') {
    // Miller reads bytes: on the GB18030 copy its header names are GB18030 too, so the
    // columns are named by position (2 = 干部编号, 5 = 测评等次; the header row is counted once).
    const mlrArgs =
      f.encoding === 'gb18030'
        ? ['--icsv', '--implicit-csv-header', '--ojson', 'count', '-g', '2,5', f.path]
        : ['--icsv', '--ojson', 'count', '-g', `${CADRE_COLUMN},${GRADE_COLUMN}`, f.path]
    log('  mlr …')
    row.miller = await runs('mlr', mlrArgs)
    log(`  ${row.miller.walls.map((w) => w.toFixed(2)).join(' / ')} s`)
  }
  results.push(row)
}

// Start-up: `kaohe --version` against `node -e 0`, 20 runs each.
const startup = (args) => {
  const ts = []
  for (let i = 0; i < 20; i++) {
    const t = performance.now()
    spawnSync(process.execPath, args, { stdio: 'ignore' })
    ts.push(performance.now() - t)
  }
  return median(ts)
}
const nodeStart = startup(['-e', '0'])
const versionStart = startup([BIN, '--version'])
machine.loadAtEnd = loadavg().map((x) => +x.toFixed(2))

// ---------------------------------------------------------------- report
const s = (x) => (x === null || x === undefined ? '—' : x.toFixed(2))
const rate = (n, t) => `${(n / t / 1e3).toFixed(0)}k`
const lines = []
const out = (l = '') => lines.push(l)
out(`kaohe benchmark — median of ${RUNS} run(s), stdout to /dev/null, --format json ("table": the default terminal table)`)
out(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memGB} GB RAM; Node ${machine.node}; ${machine.miller ?? 'Miller not installed'}`)
out(`load average at start ${machine.loadAtStart.join(' ')}, at end ${machine.loadAtEnd.join(' ')} (a shared machine: CPU time is the steadier figure)`)
out(`peak RSS: ${machine.peakRss}`)
out()
out('| file | MB | command | wall s | marks/s | CPU s | peak RSS MB | wall ÷ Miller | CPU ÷ Miller |')
out('|---|---:|---|---:|---:|---:|---:|---:|---:|')
for (const r of results) {
  const m = r.miller
  for (const [name, x] of [['kaohe tally', r.tally], ['kaohe tally (table)', r.table], ['kaohe assess', r.assess], ['mlr count -g', m]]) {
    if (!x) continue
    const isMlr = x === m
    out(
      `| ${r.file} | ${(r.bytes / 1e6).toFixed(0)} | ${name} | ${s(x.wall)} | ${rate(r.marks, x.wall)} | ${s(x.cpu)} | ${x.rss.toFixed(0)} | ${
        m && !isMlr ? s(x.wall / m.wall) : '—'
      } | ${m && !isMlr && x.cpu !== null && m.cpu ? s(x.cpu / m.cpu) : '—'} |`,
    )
  }
}
out()
out(`start-up: node -e 0 ${nodeStart.toFixed(0)} ms, kaohe --version ${versionStart.toFixed(0)} ms (×${(versionStart / nodeStart).toFixed(2)})`)

// Targets (issue 5).
const find = (pred) => results.find(pred)
const verdict = (ok) => (ok === null ? 'n/a' : ok ? 'met' : 'NOT met')
const t2 = find((r) => r.rows === 2e6 && r.file.includes('UTF-8'))
const t10 = find((r) => r.rows === 1e7 && r.file.includes('UTF-8'))
const gb = find((r) => r.rows === 2e6 && r.file.includes('GB18030'))
const wide = find((r) => r.file.startsWith('wide'))
out()
out('targets:')
if (t2) {
  const ratio = t2.miller ? t2.tally.wall / t2.miller.wall : null
  out(`- 2M rows: tally ÷ Miller ${ratio === null ? '—' : ratio.toFixed(2)} (≤ 0.33: ${verdict(ratio === null ? null : ratio <= 0.33)}; by CPU time ${t2.miller?.cpu ? (t2.tally.cpu / t2.miller.cpu).toFixed(2) : '—'}), peak RSS ${t2.tally.rss.toFixed(0)} MB (≤ 150: ${verdict(t2.tally.rss <= 150)})${t2.table ? `; as the default table ${t2.table.rss.toFixed(0)} MB (${verdict(t2.table.rss <= 150)})` : ''}`)
}
if (t10) {
  out(`- 10M rows: peak RSS ${t10.tally.rss.toFixed(0)} MB (≤ 400: ${verdict(t10.tally.rss <= 400)})`)
  const per = results
    .filter((r) => r.file.includes('UTF-8') && r.file.startsWith('long') && r.rows >= 1e6)
    .map((r) => `${label(r.rows)} ${(r.tally.wall / (r.rows / 1e6)).toFixed(2)} s/M rows (CPU ${r.tally.cpu === null ? '—' : (r.tally.cpu / (r.rows / 1e6)).toFixed(2)})`)
  out(`- time per million rows (linear if flat): ${per.join(', ')}`)
}
if (gb && t2) {
  const ratio = gb.tally.wall / t2.tally.wall
  out(`- GB18030 ÷ UTF-8 (2M tally): ${ratio.toFixed(2)} wall, ${gb.tally.cpu && t2.tally.cpu ? (gb.tally.cpu / t2.tally.cpu).toFixed(2) : '—'} CPU (≤ 1.3: ${verdict(ratio <= 1.3)})`)
}
if (wide && t2) {
  const perMarkWide = wide.tally.wall / wide.marks
  const perMarkLong = t2.tally.wall / t2.marks
  out(`- wide per mark ÷ long per mark: ${(perMarkWide / perMarkLong).toFixed(2)} wall, ${wide.tally.cpu && t2.tally.cpu ? (wide.tally.cpu / wide.marks / (t2.tally.cpu / t2.marks)).toFixed(2) : '—'} CPU (≤ 1: ${verdict(perMarkWide <= perMarkLong)})`)
}
out(`- kaohe --version ÷ node -e 0: ${(versionStart / nodeStart).toFixed(2)} (≤ 2: ${verdict(versionStart / nodeStart <= 2)})`)

const text = lines.join('\n')
process.stdout.write(`${text}\n`)
writeFileSync(`${DATA}results.json`, JSON.stringify({ machine, results, startup: { nodeStart, versionStart } }, null, 2))
writeFileSync(`${DATA}results.md`, `${text}\n`)
