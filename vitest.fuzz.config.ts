import { defineConfig } from 'vitest/config'

/** `npm run fuzz` (scripts/fuzz.mjs): the property tests only, as long as they take. */
export default defineConfig({
  test: {
    include: ['test/**/*.property.test.ts'],
    testTimeout: 0,
    hookTimeout: 0,
    pool: 'forks',
  },
})
