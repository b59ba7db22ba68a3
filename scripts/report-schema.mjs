// Writes schema/report.schema.json from the zod schema of the JSON report (src/output/report-schema.ts).
// Run `npm run schema` after changing the report; a test fails while the committed file differs.
import { mkdirSync, writeFileSync } from 'node:fs'
import { reportJsonSchema } from '../dist/output/report-schema.js'

const out = new URL('../schema/report.schema.json', import.meta.url)
mkdirSync(new URL('.', out), { recursive: true })
writeFileSync(out, reportJsonSchema())
console.log(`wrote ${out.pathname}`)
