#!/usr/bin/env node
// `npm run bench`: kaohe side by side with Miller and DuckDB on generated ballot files
// (SPEC §5). Every command of one file runs in the same rounds, in turns (the order rotates
// each round), so a busy moment of the machine falls on all of them alike; medians of wall
// and CPU time, the highest peak RSS, the load average at start and end, and the targets.
//
//   npm run bench                                     # 1e5, 1e6, 2e6, 1e7 rows; GB18030, wide, --out
//   BENCH_SIZES=2e6 BENCH_RUNS=5 npm run bench        # the 2M comparison only, 5 rounds
//   BENCH_SIZES=1e5 BENCH_RUNS=1 BENCH_OUT=0 BENCH_WIDE=0 BENCH_GB=0 npm run bench   # a smoke run
//
// Environment: BENCH_SIZES (long-ballot rows, default 1e5,1e6,2e6,1e7), BENCH_GB (sizes that
// also get a GB18030 copy, default 2e6), BENCH_WIDE (marks in the wide file, default 2e6; 0
// for none), BENCH_OUT (cadres in the count sheet written with --out in each format, default
// 1e6; 0 for none), BENCH_RUNS (rounds, default 3), BENCH_CADRES (default 100000),
// BENCH_DUCKDB (0: leave DuckDB out).
//
// The anchors: Miller (`apt-get install miller`), and DuckDB's Python package in a venv made
// on demand under bench/.venv (pip takes it from the machine's wheel index). Neither is a
// dependency of kaohe. Data goes to bench/data/ (git-ignored) and is made once: the
// generator is deterministic. Results also go to bench/data/results.{json,md}.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, freemem, loadavg, totalmem } from 'node:os'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { DATA, ensure, label, log, measure, median, peakRssSource } from './harness.mjs'
import { CADRE_COLUMN, GRADE_COLUMN, readUtf8Chunks, transcodeGb18030, writeCounts, writeLong, writeWide } from './generate.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BIN = `${ROOT}bin/kaohe.js`
const VENV = fileURLToPath(new URL('./.venv/', import.meta.url))
const DUCKDB_SCRIPT = fileURLToPath(new URL('./duckdb-count.py', import.meta.url))

const num = (s) => Math.round(Number(s))
const list = (v, d) => (v ?? d).split(',').map((s) => s.trim()).filter(Boolean).map(num).filter((n) => n > 0)
const SIZES = list(process.env.BENCH_SIZES, '1e5,1e6,2e6,1e7')
const GB = list(process.env.BENCH_GB, '2e6')
const WIDE = num(process.env.BENCH_WIDE ?? 2e6)
const OUT = num(process.env.BENCH_OUT ?? 1e6)
const RUNS = Math.max(1, num(process.env.BENCH_RUNS ?? 3))
const CADRES = num(process.env.BENCH_CADRES ?? 1e5)

// ---------------------------------------------------------------- the anchors
const mlrVersion = (() => {
  try {
    return execFileSync('mlr', ['--version'], { encoding: 'utf8' }).trim()
  } catch {
    return null
  }
})()

/** DuckDB's Python package in bench/.venv, made on demand: { python, version } or { reason }. */
const duckdb = (() => {
  if (process.env.BENCH_DUCKDB === '0') return { reason: 'left out (BENCH_DUCKDB=0)' }
  const python = `${VENV}bin/python`
  const version = () => spawnSync(python, ['-c', 'import duckdb; print(duckdb.__version__)'], { encoding: 'utf8' })
  let v = existsSync(python) ? version() : null
  if (v?.status !== 0) {
    log('making bench/.venv with the duckdb Python package …')
    const mk = spawnSync('python3', ['-m', 'venv', VENV], { encoding: 'utf8' })
    if (mk.status !== 0) return { reason: `python3 -m venv failed: ${(mk.stderr || mk.error?.message || '').trim().slice(0, 200)}` }
    const pip = spawnSync(`${VENV}bin/pip`, ['install', '--quiet', '--retries', '0', 'duckdb'], { encoding: 'utf8' })
    v = version()
    if (v.status !== 0) return { reason: `pip install duckdb failed: ${(pip.stderr || '').trim().split('\n').pop()?.slice(0, 200)}` }
  }
  return { python, version: `duckdb ${v.stdout.trim()} (Python)` }
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
  const path = ensure(`wide-${label(WIDE)}.csv`, { kind: 'wide', marks: WIDE }, (p) => writeWide(p, WIDE))
  const meta = countWide(path)
  files.push({ name: `wide ${label(WIDE)} marks`, path, rows: meta.rows, marks: meta.marks, kind: 'wide', encoding: 'utf-8' })
}
const outFile = OUT > 0 ? ensure(`counts-${label(OUT)}.csv`, { kind: 'counts', cadres: OUT }, (p) => writeCounts(p, OUT)) : null

function countWide(path) {
  // rows and marks of a wide file (cells that are not empty, past the two first columns)
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

/** The commands compared on one file. */
const commandsFor = (f) => {
  const kaohe = (name, args) => ({ name, cmd: process.execPath, args: [BIN, ...args] })
  const cmds = [kaohe('kaohe tally --format csv', ['tally', f.path, '--format', 'csv']), kaohe('kaohe tally --format json', ['tally', f.path, '--format', 'json'])]
  if (f.kind !== 'long') return cmds
  if (f.rows === 2e6) {
    // The csv-parse path (KAOHE_SCAN=0): the byte lane (src/input/long-lane.ts) is the default since stop 22.
    cmds.push({ ...kaohe('kaohe tally --format csv, KAOHE_SCAN=0 (csv-parse path)', ['tally', f.path, '--format', 'csv']), env: { KAOHE_SCAN: '0' } })
  }
  if (f.rows === 2e6 && f.encoding === 'utf-8') {
    cmds.push(kaohe('kaohe assess --format json', ['assess', '--votes', f.path, '--format', 'json']))
    // What a clerk gets by default: the terminal table (here to /dev/null).
    cmds.push(kaohe('kaohe tally (table)', ['tally', f.path]))
  }
  if (mlrVersion) {
    // Miller reads bytes: on the GB18030 copy its header names are GB18030 too, so the
    // columns are named by position (2 = 干部编号, 5 = 测评等次; the header row is counted once).
    const args =
      f.encoding === 'gb18030'
        ? ['--icsv', '--implicit-csv-header', '--ocsv', 'count', '-g', '2,5', f.path]
        : ['--icsv', '--ocsv', 'count', '-g', `${CADRE_COLUMN},${GRADE_COLUMN}`, f.path]
    cmds.push({ name: 'mlr count -g', cmd: 'mlr', args, anchor: 'miller' })
  }
  // DuckDB's read_csv takes UTF-8: the GB18030 copy is Miller's and kaohe's alone.
  if (duckdb.python && f.encoding === 'utf-8') {
    cmds.push({ name: 'duckdb GROUP BY', cmd: duckdb.python, args: [DUCKDB_SCRIPT, f.path, CADRE_COLUMN, GRADE_COLUMN], anchor: 'duckdb' })
  }
  return cmds
}

/** Every command RUNS times, in turns; per command the medians, the highest RSS, every wall. */
const alternate = async (cmds) => {
  const got = cmds.map(() => [])
  for (let round = 0; round < RUNS; round++) {
    for (let k = 0; k < cmds.length; k++) {
      const i = (k + round) % cmds.length
      got[i].push(await measure(cmds[i].cmd, cmds[i].args, { env: cmds[i].env }))
    }
  }
  return cmds.map((c, i) => ({
    name: c.name,
    anchor: c.anchor ?? null,
    knob: c.env !== undefined,
    wall: median(got[i].map((r) => r.wall)),
    cpu: got[i][0].cpu === null ? null : median(got[i].map((r) => r.cpu)),
    rss: Math.max(...got[i].map((r) => r.rss)),
    walls: got[i].map((r) => r.wall),
  }))
}

// ---------------------------------------------------------------- the runs
const machine = {
  cpu: cpus()[0]?.model ?? '?',
  cores: cpus().length,
  memGB: +(totalmem() / 2 ** 30).toFixed(1),
  freeGB: +(freemem() / 2 ** 30).toFixed(1),
  node: process.version,
  miller: mlrVersion,
  duckdb: duckdb.version ?? `not run: ${duckdb.reason}`,
  loadAtStart: loadavg().map((x) => +x.toFixed(2)),
  runs: RUNS,
  peakRss: peakRssSource,
}
log(`machine: ${JSON.stringify(machine)}`)
if (machine.loadAtStart[0] > 0.5) log(`! load average ${machine.loadAtStart[0]} at start: the machine is not idle, and a loaded machine flatters kaohe (Miller and DuckDB use every core)`)

const results = []
for (const f of files) {
  const bytes = statSync(f.path).size
  log(`${f.name} (${(bytes / 1e6).toFixed(0)} MB), ${RUNS} round(s) …`)
  const cmds = await alternate(commandsFor(f))
  for (const c of cmds) log(`  ${c.name}: ${c.walls.map((w) => w.toFixed(2)).join(' / ')} s`)
  results.push({ file: f.name, kind: f.kind, encoding: f.encoding, rows: f.rows, marks: f.marks, bytes, cmds })
}

/** `--out` of a very large report (issue 13: 1M cadres in every format but XLSX, ≤ 400 MB): one run each. */
const outs = []
if (outFile) {
  for (const ext of ['json', 'csv', 'md', 'html']) {
    const target = `${DATA}out-${label(OUT)}.${ext}`
    const args = [BIN, 'tally', outFile, '--out', target, '--force', '--quiet']
    log(`kaohe tally counts-${label(OUT)}.csv --out out.${ext} …`)
    try {
      const r = await measure(process.execPath, args)
      outs.push({ ext, ok: true, wall: r.wall, cpu: r.cpu, rss: r.rss, bytes: statSync(target).size })
    } catch (e) {
      outs.push({ ext, ok: false, error: String(e.message ?? e).split('\n')[0].slice(0, 300) })
    }
    for (const p of [target, `${target}.manifest.json`]) rmSync(p, { force: true })
    log(`  ${JSON.stringify(outs.at(-1))}`)
  }
}

// Start-up: `kaohe --version` against `node -e 0`, 20 runs each, in turns.
const starts = { node: [], version: [] }
for (let i = 0; i < 20; i++) {
  for (const [k, args] of [['node', ['-e', '0']], ['version', [BIN, '--version']]]) {
    const t = performance.now()
    spawnSync(process.execPath, args, { stdio: 'ignore' })
    starts[k].push(performance.now() - t)
  }
}
const nodeStart = median(starts.node)
const versionStart = median(starts.version)
machine.loadAtEnd = loadavg().map((x) => +x.toFixed(2))

// ---------------------------------------------------------------- report
const s = (x) => (x === null || x === undefined ? '—' : x.toFixed(2))
const rate = (n, t) => `${(n / t / 1e3).toFixed(0)}k`
const ratio = (a, b) => (a === null || a === undefined || !b ? null : a / b)
const lines = []
const out = (l = '') => lines.push(l)
out(`kaohe benchmark — ${RUNS} round(s), the commands of each file in turns; medians; stdout to /dev/null`)
out(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memGB} GB RAM; Node ${machine.node}`)
out(`anchors: ${machine.miller ?? 'Miller not installed (apt-get install miller)'}; ${machine.duckdb}`)
out(`load average (1, 5, 15 min) at start ${machine.loadAtStart.join(' ')}, at end ${machine.loadAtEnd.join(' ')}`)
out(`peak RSS: ${machine.peakRss}`)
out()
out('| file | MB | command | wall s | marks/s | CPU s | peak RSS MB | wall ÷ Miller | wall ÷ DuckDB |')
out('|---|---:|---|---:|---:|---:|---:|---:|---:|')
for (const r of results) {
  const mlr = r.cmds.find((c) => c.anchor === 'miller')
  const duck = r.cmds.find((c) => c.anchor === 'duckdb')
  for (const c of r.cmds) {
    const vs = (a) => (a && a !== c ? s(ratio(c.wall, a.wall)) : '—')
    out(`| ${r.file} | ${(r.bytes / 1e6).toFixed(0)} | ${c.name} | ${s(c.wall)} | ${rate(r.marks, c.wall)} | ${s(c.cpu)} | ${c.rss.toFixed(0)} | ${vs(mlr)} | ${vs(duck)} |`)
  }
}
if (outs.length > 0) {
  out()
  out(`\`kaohe tally\` of a count sheet of ${label(OUT)} cadres with \`--out\` (one run each):`)
  out()
  out('| --out | result | wall s | CPU s | peak RSS MB | output MB |')
  out('|---|---|---:|---:|---:|---:|')
  for (const o of outs) {
    out(o.ok ? `| .${o.ext} | written | ${s(o.wall)} | ${s(o.cpu)} | ${o.rss.toFixed(0)} | ${(o.bytes / 1e6).toFixed(0)} |` : `| .${o.ext} | failed: ${o.error.replace(/\|/g, '\\|')} | — | — | — | — |`)
  }
}
out()
out(`start-up: node -e 0 ${nodeStart.toFixed(0)} ms, kaohe --version ${versionStart.toFixed(0)} ms (×${(versionStart / nodeStart).toFixed(2)})`)

// Targets (SPEC §5).
const verdict = (ok) => (ok === null ? 'n/a' : ok ? 'met' : 'NOT met')
const cmdOf = (r, name) => r?.cmds.find((c) => c.name === name)
const t2 = results.find((r) => r.rows === 2e6 && r.kind === 'long' && r.encoding === 'utf-8')
const t10 = results.find((r) => r.rows === 1e7 && r.kind === 'long' && r.encoding === 'utf-8')
const gb = results.find((r) => r.rows === 2e6 && r.encoding === 'gb18030')
const wide = results.find((r) => r.kind === 'wide')
const csvOf = (r) => cmdOf(r, 'kaohe tally --format csv')
const jsonOf = (r) => cmdOf(r, 'kaohe tally --format json')
out()
out('targets:')
if (t2) {
  const mlr = t2.cmds.find((c) => c.anchor === 'miller')
  const duck = t2.cmds.find((c) => c.anchor === 'duckdb')
  const csvM = ratio(csvOf(t2).wall, mlr?.wall)
  const csvD = ratio(csvOf(t2).wall, duck?.wall)
  const jsonM = ratio(jsonOf(t2).wall, mlr?.wall)
  out(`- 2M rows, tally --format csv ÷ Miller: ${s(csvM)} (≤ 0.33: ${verdict(csvM === null ? null : csvM <= 0.33)}); ÷ DuckDB: ${s(csvD)} (≤ 2: ${verdict(csvD === null ? null : csvD <= 2)})`)
  out(`- 2M rows, tally --format json ÷ Miller: ${s(jsonM)} (≤ 0.5: ${verdict(jsonM === null ? null : jsonM <= 0.5)})`)
  // The targets hold for kaohe as shipped: a benchmark knob (KAOHE_SCAN=0, the csv-parse path) is listed, not judged.
  const rss = Math.max(...t2.cmds.filter((c) => c.name.startsWith('kaohe') && !c.knob).map((c) => c.rss))
  out(`- 2M rows, peak RSS of every kaohe command (knobs aside): ${rss.toFixed(0)} MB (≤ 150: ${verdict(rss <= 150)})`)
}
if (t10) {
  const rss = Math.max(...t10.cmds.filter((c) => c.name.startsWith('kaohe') && !c.knob).map((c) => c.rss))
  out(`- 10M rows, peak RSS: ${rss.toFixed(0)} MB (≤ 400: ${verdict(rss <= 400)})`)
  if (t2) {
    const per = (r, c) => c.wall / r.rows
    const worse = ['kaohe tally --format csv', 'kaohe tally --format json'].map((n) => ratio(per(t10, cmdOf(t10, n)), per(t2, cmdOf(t2, n))))
    out(`- 10M rows, time per row ÷ 2M's: csv ${s(worse[0])}, json ${s(worse[1])} (≤ 1: ${verdict(worse.every((w) => w <= 1))})`)
  }
}
if (outs.length > 0) {
  const ok = outs.every((o) => o.ok && o.rss <= 400)
  out(`- --out of ${label(OUT)} cadres, json/csv/md/html: ${outs.map((o) => (o.ok ? `${o.ext} ${o.rss.toFixed(0)} MB` : `${o.ext} failed`)).join(', ')} (completes, ≤ 400 MB: ${verdict(ok)})`)
}
if (gb && t2) {
  const r = ratio(csvOf(gb).wall / gb.marks, csvOf(t2).wall / t2.marks)
  out(`- GB18030 per mark ÷ UTF-8 long per mark (tally csv): ${s(r)} (≤ 1: ${verdict(r <= 1)})`)
}
if (wide && t2) {
  const r = ratio(csvOf(wide).wall / wide.marks, csvOf(t2).wall / t2.marks)
  out(`- wide per mark ÷ UTF-8 long per mark (tally csv): ${s(r)} (≤ 1: ${verdict(r <= 1)})`)
}
out(`- kaohe --version ÷ node -e 0: ${(versionStart / nodeStart).toFixed(2)} (≤ 2: ${verdict(versionStart / nodeStart <= 2)})`)

const text = lines.join('\n')
process.stdout.write(`${text}\n`)
writeFileSync(`${DATA}results.json`, JSON.stringify({ machine, results, outs, startup: { nodeStart, versionStart } }, null, 2))
writeFileSync(`${DATA}results.md`, `${text}\n`)
