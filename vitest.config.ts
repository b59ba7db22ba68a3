import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // Files share their worker's module cache (src/ is loaded once a worker, not once a file):
    // a third less CPU on a 2-core machine. A file leaves nothing behind: runs restore the
    // working directory (support/in-process.ts), spies and fake timers are undone in the file.
    isolate: false,
    // vitest 4 runs (cores - 1) files at a time: one at a time on a 2-core machine, where a
    // file that waits on a spawned kaohe or Chromium leaves the other core idle. Two at least.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    reporters: ['default', './test/summary-reporter.ts'],
  },
})
