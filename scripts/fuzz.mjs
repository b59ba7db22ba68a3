#!/usr/bin/env node
/**
 * `npm run fuzz [-- SEED] [-- vitest args]`: the long robustness campaign (issue 6).
 *
 * Runs every property test (test/**\/*.property.test.ts) with KAOHE_FUZZ=1 — at least
 * 10,000 generated cases in all — on one seed: the first argument if it is a number, else
 * KAOHE_FUZZ_SEED, else a fresh one; it is printed first. A failure prints its seed and
 * path and the command that replays it (KAOHE_FUZZ_SEED=… KAOHE_FUZZ_PATH=… npm run fuzz).
 * KAOHE_FUZZ_SCALE multiplies the number of cases. The figures are printed at the end.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const args = process.argv.slice(2)
const seedArg = args[0] !== undefined && /^\d+$/.test(args[0]) ? args.shift() : undefined
const seed = seedArg ?? process.env.KAOHE_FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31))
const dir = mkdtempSync(join(tmpdir(), 'kaohe-fuzz-'))
const report = join(dir, 'figures.jsonl')

console.log(`kaohe fuzz campaign: seed ${seed}${process.env.KAOHE_FUZZ_PATH ? `, path ${process.env.KAOHE_FUZZ_PATH}` : ''}, scale ${process.env.KAOHE_FUZZ_SCALE ?? '1'}`)
const started = Date.now()
const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'vitest.fuzz.config.ts', ...args], {
  stdio: 'inherit',
  env: { ...process.env, KAOHE_FUZZ: '1', KAOHE_FUZZ_SEED: seed, KAOHE_FUZZ_REPORT: report },
})

let rows = []
try {
  rows = readFileSync(report, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l))
} catch {
  // no property ran (a filter matched nothing, or vitest failed to start)
}
rmSync(dir, { recursive: true, force: true })
const cases = rows.reduce((n, x) => n + x.runs, 0)
const failed = rows.filter((x) => x.failed)
console.log('\nproperty                         cases   failed   seconds')
for (const x of rows) console.log(`${x.name.padEnd(30)} ${String(x.runs).padStart(7)}   ${x.failed ? 'FAILED' : '     0'}   ${(x.ms / 1000).toFixed(1).padStart(7)}`)
console.log(`\ncampaign: seed ${seed}, ${cases} cases, ${failed.length} failed properties, ${((Date.now() - started) / 1000).toFixed(0)} s`)
for (const x of failed) {
  console.log(`replay ${x.name}: KAOHE_FUZZ_SEED=${x.seed} KAOHE_FUZZ_PATH=${x.path} npm run fuzz -- -t ${JSON.stringify(`${x.name}:`)}`)
}
process.exitCode = r.status === 0 && failed.length === 0 ? 0 : 1
