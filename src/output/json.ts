import type { ReportDoc } from './report.js'

/** SPEC §3 JSON: key order fixed by the builder, two-space indent, final newline. */
export const renderJson = (doc: ReportDoc): string => `${JSON.stringify(doc, null, 2)}\n`
