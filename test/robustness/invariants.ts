/**
 * What must hold for ANY input (SPEC §3, issue 6): checked on every generated case.
 * Each checker returns a list of violations (empty: fine), so a property can report all.
 */
import type { RunOutcome } from './harness.js'

/** SPEC §3's exit codes. */
export const SPEC_EXIT_CODES = [0, 1, 2, 65, 66, 70, 73] as const

/** A Node stack trace or crash banner on stderr. */
const STACK_MARKERS = [/^\s+at\s+\S/m, /node:internal\//, /^Node\.js v\d/m, /^\s*\^+\s*$/m, /\b(TypeError|RangeError|ReferenceError|SyntaxError)\b/]

export const hasStackTrace = (stderr: string): boolean => STACK_MARKERS.some((re) => re.test(stderr))

/**
 * Exit code among SPEC's, never 70 (a bug) for data, never a stack trace; a failing run says
 * why on stderr, `kaohe: ` first; stdout is empty when the run failed (nothing half-written).
 */
export const checkOutcome = (o: RunOutcome, opts: { allowed?: readonly number[] } = {}): string[] => {
  const bad: string[] = []
  if (!(SPEC_EXIT_CODES as readonly number[]).includes(o.code)) bad.push(`exit code ${o.code} is not one of SPEC §3's`)
  if (o.code === 70) bad.push(`exit 70 (internal error) on input data: ${o.stderr.slice(0, 500)}`)
  if (opts.allowed && !opts.allowed.includes(o.code)) bad.push(`exit ${o.code}, expected one of ${opts.allowed.join(', ')}: ${o.stderr.slice(0, 500)}`)
  if (hasStackTrace(o.stderr)) bad.push(`stack trace on stderr: ${o.stderr.slice(0, 800)}`)
  if (o.code >= 2) {
    if (!o.stderr.startsWith('kaohe: ') && o.code !== 2) bad.push(`failed run without a 'kaohe: ' message: ${JSON.stringify(o.stderr.slice(0, 300))}`)
    if (o.stdout !== '') bad.push(`failed run (exit ${o.code}) wrote to stdout`)
  }
  // No raw control character reaches a terminal from data (escape sequences, log forging).
  // eslint-disable-next-line no-control-regex
  const ctl = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/
  if (ctl.test(o.stderr)) bad.push(`raw control character on stderr: ${JSON.stringify(o.stderr.slice(0, 300))}`)
  return bad
}

/** The summary and inputs of a JSON report: rows read = counted + in issues, per file too. */
export const checkRowIdentity = (doc: ReportJson): string[] => {
  const s = doc.summary
  const bad: string[] = []
  if (s.rowsRead !== s.rowsCounted + s.rowsInIssues) {
    bad.push(`rowsRead ${s.rowsRead} != rowsCounted ${s.rowsCounted} + rowsInIssues ${s.rowsInIssues}`)
  }
  const perFile = doc.inputs.reduce((n, i) => n + i.rows, 0)
  if (perFile !== s.rowsRead) bad.push(`inputs' rows add up to ${perFile}, summary says ${s.rowsRead}`)
  if (s.issuesListed + s.issuesOmitted < s.rowsInIssues) bad.push(`fewer issues (${s.issuesListed}+${s.issuesOmitted}) than rows in issues (${s.rowsInIssues})`)
  return bad
}

/** The subset of the SPEC JSON document these tests read. */
export interface ReportJson {
  inputs: Array<{ path: string; rows: number; sha256: string }>
  cadres: Array<{ id: string; disposition: { code: string } | null; tally: unknown; checks: unknown[]; [k: string]: unknown }>
  issues: Array<{ file: string; row: number | null; column: number | null; code: string; message: string }>
  summary: { cadres: number; rowsRead: number; rowsCounted: number; rowsInIssues: number; blankRows: number; issuesListed: number; issuesOmitted: number }
}

/**
 * What must not depend on the order of rows or files. Every cadre's full result, except
 * that a data-incomplete cadre (lenient mode, rows touching it left out) is compared by
 * its code only: when two rows conflict, which one is left out is the one read second.
 */
export const orderFreeView = (doc: ReportJson): unknown => ({
  cadres: doc.cadres.map((c) => (c.disposition?.code === 'data-incomplete' ? { id: c.id, code: 'data-incomplete' } : c)),
  rowsRead: doc.summary.rowsRead,
  blankRows: doc.summary.blankRows,
})

/** Own properties of the shared prototypes, to prove no input wrote to one. */
const PROTOTYPES: ReadonlyArray<[string, object]> = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
  ['Number.prototype', Number.prototype],
  ['Map.prototype', Map.prototype],
  ['Set.prototype', Set.prototype],
  ['Promise.prototype', Promise.prototype],
  ['Error.prototype', Error.prototype],
]

export type PrototypeSnapshot = Map<string, unknown>

export const snapshotPrototypes = (): PrototypeSnapshot => {
  const snap = new Map<string, unknown>()
  for (const [name, proto] of PROTOTYPES) {
    for (const key of Reflect.ownKeys(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, key)!
      snap.set(`${name}.${String(key)}`, d.value ?? d.get ?? d.set)
    }
    snap.set(`${name} [[Prototype]]`, Object.getPrototypeOf(proto))
  }
  return snap
}

export const checkPrototypes = (before: PrototypeSnapshot): string[] => {
  const after = snapshotPrototypes()
  const bad: string[] = []
  for (const k of after.keys()) if (!before.has(k)) bad.push(`new property on a shared prototype: ${k}`)
  for (const [k, v] of before) if (after.get(k) !== v) bad.push(`shared prototype changed: ${k}`)
  return bad
}
