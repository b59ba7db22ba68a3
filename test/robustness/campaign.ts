/**
 * How many cases each property runs, with which seed, and the figures a campaign reports.
 *
 * - `npm test`: a few hundred cases in all, fixed seed (CI is reproducible).
 * - `npm run fuzz` (scripts/fuzz.mjs): KAOHE_FUZZ=1 multiplies the runs, the seed comes from
 *   KAOHE_FUZZ_SEED (printed); a failure prints seed and path, and KAOHE_FUZZ_PATH replays it.
 */
import { appendFileSync } from 'node:fs'
import fc from 'fast-check'

export const FUZZ = process.env.KAOHE_FUZZ === '1'
/** Seed of `npm test`: fixed, so that a CI run is reproducible. */
const DEFAULT_SEED = 20_091_001
const envInt = (name: string): number | undefined => {
  const v = process.env[name]
  return v === undefined || v === '' ? undefined : Number.parseInt(v, 10)
}
export const SEED = envInt('KAOHE_FUZZ_SEED') ?? DEFAULT_SEED
const PATH = process.env.KAOHE_FUZZ_PATH || undefined
/** Campaign size factor (KAOHE_FUZZ_SCALE, default 1): runs = fuzz × scale. */
const SCALE = Number(process.env.KAOHE_FUZZ_SCALE ?? '1') || 1

/** Runs for a property: `normal` under npm test, `fuzz` × scale in a campaign. */
/**
 * The time limit of a property test that spawns the CLI case after case: 180 s in the suite
 * (a loaded machine is slow, not faulty), none in the campaign, whose runs are many times more
 * (vitest.fuzz.config.ts sets none; a limit given to `it` would override that).
 */
export const SPAWNED_TIMEOUT = FUZZ ? 0 : 180_000

export const runsFor = (normal: number, fuzz: number): number => (FUZZ ? Math.max(1, Math.round(fuzz * SCALE)) : normal)

/**
 * Check a property; on failure throw fast-check's report (counterexample, seed, path) with
 * the command that replays it. The test's title starts with `name:` (that is what -t picks). Figures go to KAOHE_FUZZ_REPORT (a JSON-lines file) if set.
 */
export const checkProperty = async <Ts extends [unknown, ...unknown[]]>(
  name: string,
  property: fc.IAsyncPropertyWithHooks<Ts> | fc.IPropertyWithHooks<Ts>,
  numRuns: number,
): Promise<void> => {
  const started = Date.now()
  const details = await fc.check(property as fc.IAsyncPropertyWithHooks<Ts>, {
    numRuns,
    seed: SEED,
    ...(PATH ? { path: PATH, endOnFailure: true } : {}),
  })
  const report = process.env.KAOHE_FUZZ_REPORT
  if (report) {
    appendFileSync(
      report,
      `${JSON.stringify({ name, runs: details.numRuns, failed: details.failed, seed: details.seed, path: details.counterexamplePath, ms: Date.now() - started })}\n`,
    )
  }
  if (details.failed) {
    const replay = `KAOHE_FUZZ_SEED=${details.seed} KAOHE_FUZZ_PATH=${details.counterexamplePath ?? ''} ${FUZZ ? 'npm run fuzz --' : 'npx vitest run'} -t ${JSON.stringify(`${name}:`)}`
    const e = details.errorInstance
    const why = e instanceof Error ? e.message : String(e)
    throw new Error(`${fc.defaultReportMessage(details) ?? 'property failed'}\n\nError: ${why.slice(0, 4000)}\n\nReplay: ${replay}`)
  }
}
