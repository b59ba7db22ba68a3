#!/usr/bin/env node
// `npm run bench:floor`: how fast can any tally of the 2-million-row file be on this
// machine, next to Miller in the same run? (issue 5: the 2M target of ≤ 0.33 × Miller)
//
//   npm run bench:floor          # 3 rounds
//   BENCH_RUNS=1 npm run bench:floor
//
// Each round runs, one after the other (so a busy moment of the shared machine falls on
// all of them alike): Miller's `count -g`, `kaohe tally` (JSON and CSV), and the floor
// probes of bench/floor-probe.mjs — decoding, + parsing with d3-dsv, + counting by cadre
// in a Map, on 1 and on 2 threads, and turning the finished 2M JSON report into bytes on
// 1 and 2 threads. The probes skip everything kaohe must also do (validation, the
// duplicate index, names, units, voter groups, assessment, texts); their sum is a floor,
// not an estimate. Medians; results also go to bench/data/floor.json.
import { closeSync, openSync, statSync, writeFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { CADRE_COLUMN, GRADE_COLUMN, writeLong } from './generate.mjs'
import { DATA, ensure, log, median, measure, peakRssSource } from './harness.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BIN = `${ROOT}bin/kaohe.js`
const PROBE = fileURLToPath(new URL('./floor-probe.mjs', import.meta.url))
const ROWS = 2e6
const RUNS = Math.max(1, Math.round(Number(process.env.BENCH_RUNS ?? 3)))

const file = ensure('long-2M.csv', { kind: 'long', rows: ROWS, cadres: 1e5 }, (p) => writeLong(p, ROWS, { cadres: 1e5 }))
const report = `${DATA}tally-2M.json`
log('kaohe tally --format json > bench/data/tally-2M.json (the report the report probes turn into bytes) …')
{
  const fd = openSync(report, 'w')
  const r = spawnSync(process.execPath, [BIN, 'tally', file, '--format', 'json'], { stdio: ['ignore', fd, 'inherit'] })
  closeSync(fd)
  if (r.status !== 0) throw new Error(`kaohe tally exited ${r.status}`)
}
const hasMlr = spawnSync('mlr', ['--version']).status === 0

const steps = [
  ...(hasMlr ? [{ name: 'mlr count -g', cmd: 'mlr', args: ['--icsv', '--ojson', 'count', '-g', `${CADRE_COLUMN},${GRADE_COLUMN}`, file] }] : []),
  { name: 'kaohe tally --format json', cmd: process.execPath, args: [BIN, 'tally', file, '--format', 'json'] },
  { name: 'kaohe tally --format csv', cmd: process.execPath, args: [BIN, 'tally', file, '--format', 'csv'] },
  ...['decode', 'parse', 'count'].flatMap((stage) =>
    [1, 2].map((t) => ({ name: `floor: ${stage === 'decode' ? 'decode' : stage === 'parse' ? 'decode + parse' : 'decode + parse + count'}`, threads: t, probe: true, cmd: process.execPath, args: [PROBE, 'read', file, stage, String(t)] })),
  ),
  ...[1, 2].map((t) => ({ name: 'floor: report to bytes', threads: t, probe: true, cmd: process.execPath, args: [PROBE, 'report', report, String(t)] })),
]

const loadAtStart = loadavg().map((x) => +x.toFixed(2))
const seen = new Map(steps.map((s) => [s, []]))
for (let round = 1; round <= RUNS; round++) {
  log(`round ${round} of ${RUNS}`)
  for (const s of steps) {
    const r = await measure(s.cmd, s.args, { keepStdout: Boolean(s.probe) })
    if (s.probe) {
      const p = JSON.parse(r.stdout)
      // A read probe must see every row, or it measured less than the file.
      if (s.args[1] === 'read' && s.args[3] !== 'decode' && p.rows !== ROWS) throw new Error(`${s.name}: ${p.rows} rows, not ${ROWS}`)
      r.timed = p.ms / 1000
    }
    seen.get(s).push(r)
    log(`  ${s.name}${s.threads ? ` (${s.threads} thread${s.threads > 1 ? 's' : ''})` : ''}: ${r.wall.toFixed(2)} s`)
  }
}

const m = (s, k) => median(seen.get(s).map((r) => r[k]))
const stat = (s) => ({
  name: s.name,
  threads: s.threads ?? null,
  wall: m(s, 'wall'),
  timed: s.probe ? m(s, 'timed') : null,
  cpu: seen.get(s)[0].cpu === null ? null : m(s, 'cpu'),
  rss: Math.max(...seen.get(s).map((r) => r.rss)),
})
const stats = steps.map(stat)
const mlr = hasMlr ? stats[0] : null
const f = (x) => (x === null || x === undefined ? '—' : x.toFixed(2))
const lines = []
const out = (l = '') => lines.push(l)
out(`kaohe floor — ${statSync(file).size / 1e6 | 0} MB, ${ROWS / 1e6}M long-ballot rows over 100,000 cadres; median of ${RUNS} round(s)`)
out(`machine: ${cpus()[0]?.model ?? '?'}, ${cpus().length} cores; Node ${process.version}; load at start ${loadAtStart.join(' ')}, at end ${loadavg().map((x) => x.toFixed(2)).join(' ')}; peak RSS: ${peakRssSource}`)
out('"timed" is the probe\'s own clock: the work alone, without starting Node (and, for the report, without parsing the document first — its process time is mostly that parse).')
out()
out('| step | threads | process wall s | timed s | CPU s | peak RSS MB | wall ÷ Miller | timed ÷ Miller |')
out('|---|---:|---:|---:|---:|---:|---:|---:|')
for (const s of stats) {
  const ratio = (x) => (mlr && s !== mlr && x !== null ? f(x / mlr.wall) : '—')
  out(`| ${s.name} | ${s.threads ?? '—'} | ${f(s.wall)} | ${f(s.timed)} | ${f(s.cpu)} | ${s.rss.toFixed(0)} | ${ratio(s.wall)} | ${ratio(s.timed)} |`)
}
const get = (name, t) => stats.find((s) => s.name === name && s.threads === t)
const count1 = get('floor: decode + parse + count', 1)
const count2 = get('floor: decode + parse + count', 2)
const rep1 = get('floor: report to bytes', 1)
const rep2 = get('floor: report to bytes', 2)
out()
if (mlr) {
  const target = 0.33 * mlr.wall
  const one = count1.wall + rep1.timed
  const two = count2.wall + rep2.timed
  out(`target: 0.33 × Miller = ${f(target)} s`)
  out(`- 1 thread floor: read and count ${f(count1.wall)} s (process) + report to bytes ${f(rep1.timed)} s = ${f(one)} s = ${f(one / mlr.wall)} × Miller (${one <= target ? 'under' : 'over'} the target), before any validation, duplicate index or assessment`)
  out(`- 2 thread floor: read and count ${f(count2.wall)} s + report to bytes ${f(rep2.timed)} s = ${f(two)} s = ${f(two / mlr.wall)} × Miller (${two <= target ? 'under' : 'over'} the target); reading and counting alone peak at ${count2.rss.toFixed(0)} MB of the 150 MB budget`)
}
const text = lines.join('\n')
process.stdout.write(`${text}\n`)
writeFileSync(`${DATA}floor.json`, JSON.stringify({ loadAtStart, stats }, null, 2))
writeFileSync(`${DATA}floor.md`, `${text}\n`)
