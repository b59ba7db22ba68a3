import { dirname, resolve } from 'node:path'
import { EXIT, type ExitCode, InputError, KaoheError, MissingInputError } from '../errors.js'
import { exportLabels, type ExportLabels } from '../i18n/export-labels.js'
import { dict, type Lang } from '../i18n/index.js'
import { formatOf } from '../output/formats.js'
import { splitSheet, STDIN } from '../input/table.js'
import type { InputRecord } from '../input/load.js'
import { INPUT_KINDS, type Manifest, ManifestSchema } from '../output/manifest.js'
import { jsonSafe, terminalParams, terminalSafe } from '../output/terminal.js'
import { VERSION } from '../version.js'
import { type CommonOptions, type Io, runAssessment } from './common.js'
import { hashingSink, renderOutputTo, resultSha256 } from './exports.js'
import { FileTooLarge, hashRegular, notFileReason, NotRegularFile, openRegular, readRegular } from './regular-file.js'

export interface VerifyOptions {
  lang: Lang
  format: 'table' | 'json'
  quiet: boolean
}

type What = 'input' | 'policy' | 'result' | 'output'
type Status = 'ok' | 'differs' | 'reproduced'

/** One line of the verdict: a file (or the result) and whether it matched the manifest. */
interface Line {
  what: What
  path: string
  status: Status
  expected: string
  actual: string
  /** A recorded field (`inputs.1.rows`) that the re-run does not give; absent: the SHA-256. */
  field?: string
  /** An output whose re-run matches the manifest, but whose file on disk was changed since. */
  changed?: true
  /** An output whose file on disk cannot be compared (not a regular file): the reason. */
  reason?: string
}

/**
 * Limits (SPEC §4: verify reads within size limits). A manifest is a page of JSON; 16 MiB
 * holds a hundred thousand inputs. An input or policy file is hashed as a stream, never
 * past the size it had when opened, and at most 8 GiB (ten million ballot rows are under
 * 1 GiB). An output on disk is compared only if it has the size the manifest records.
 */
export const VERIFY_LIMITS = { manifestBytes: 16 * 1024 * 1024, inputBytes: 8 * 1024 ** 3 } as const

/** Where JSON.parse stopped, as line and column — never the text around it (it may be any file). */
const jsonProblem = (text: string, e: unknown): string => {
  const m = /position (\d+)/.exec(e instanceof Error ? e.message : '')
  if (!m) return 'not valid JSON'
  const before = text.slice(0, Number(m[1]))
  const line = before.split('\n').length
  return `not valid JSON (line ${line}, column ${before.length - before.lastIndexOf('\n')})`
}

const invalid = (file: string, detail: string): InputError => new InputError({ code: 'manifest-invalid', params: { file, detail } })

const readManifest = async (file: string): Promise<Manifest> => {
  let bytes: Buffer
  try {
    bytes = await readRegular(file, VERIFY_LIMITS.manifestBytes)
  } catch (e) {
    if (e instanceof FileTooLarge) throw new InputError({ code: 'manifest-too-large', params: { file, max: e.max } })
    if (e instanceof NotRegularFile) throw new MissingInputError(file, notFileReason(e), { cause: e })
    throw new MissingInputError(file, (e as NodeJS.ErrnoException).code ?? 'unreadable', { cause: e })
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch (e) {
    throw new InputError({ code: 'manifest-invalid', params: { file, detail: 'not valid UTF-8' } }, [], { cause: e })
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw new InputError({ code: 'manifest-invalid', params: { file, detail: jsonProblem(text, e) } }, [], { cause: e })
  }
  // A kind this version does not know: most likely a newer kaohe's manifest, which says so.
  const inputs = (json as { inputs?: unknown } | null)?.inputs
  const version = (json as { tool?: { version?: unknown } } | null)?.tool?.version
  if (Array.isArray(inputs)) {
    for (const i of inputs) {
      const kind = (i as { kind?: unknown } | null)?.kind
      if (typeof kind === 'string' && !(INPUT_KINDS as readonly string[]).includes(kind)) {
        throw new InputError({ code: 'manifest-unknown-kind', params: { file, kind, version: typeof version === 'string' ? version : '?' } })
      }
    }
  }
  const parsed = ManifestSchema.safeParse(json)
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 10)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ')
    throw invalid(file, detail)
  }
  const m = parsed.data
  // What the schema cannot say alone: fields that must agree with each other.
  if ((m.policy.builtin === null) === (m.policy.file === null)) throw invalid(file, 'policy: exactly one of builtin and file')
  for (const [k, i] of m.inputs.entries()) {
    if ((i.path === STDIN) !== (i.fromManifest === null)) throw invalid(file, `inputs.${k}.fromManifest: null for standard input (-) only`)
    // The argument an input came from names its file: the re-run reads nothing the manifest does not hash.
    if (i.given !== undefined && splitSheet(i.given).file !== splitSheet(i.path).file) throw invalid(file, `inputs.${k}.given: not the file of inputs.${k}.path`)
  }
  if (m.policy.file !== null && m.policy.file.fromManifest === null) throw invalid(file, 'policy.file.fromManifest: a policy file is a file')
  for (const [k, o] of m.outputs.entries()) {
    if (formatOf(o.path) !== o.format) throw invalid(file, `outputs.${k}.format: ${o.format} is not the format of its name`)
  }
  return m
}

/** Why a file named by the manifest cannot be read, as a reason code. */
const reasonOf = (e: unknown): string =>
  e instanceof NotRegularFile ? notFileReason(e) : e instanceof FileTooLarge ? 'too-large' : ((e as NodeJS.ErrnoException).code ?? 'unreadable')

/** An input as the re-run read it, beside what the manifest records: the first field that differs. */
const INPUT_FIELDS = ['path', 'kind', 'sha256', 'rows', 'format', 'encoding', 'shape', 'given'] as const
const inputDifference = (recorded: Manifest['inputs'][number], got: InputRecord): { field: string; expected: string; actual: string } | null => {
  for (const f of INPUT_FIELDS) {
    const a = recorded[f] ?? null
    const b = got[f] ?? null
    if (a !== b) return { field: f, expected: String(a), actual: String(b) }
  }
  return null
}

const whatLabel = (w: What, l: ExportLabels): string =>
  ({ input: l.verifyInput, policy: l.verifyPolicy, result: l.verifyResult, output: l.verifyOutput })[w]

/**
 * `kaohe verify MANIFEST`: re-read every input (found relative to the manifest's folder),
 * check its SHA-256, re-run with the recorded options, and compare every output byte for
 * byte — rendered in memory and hashed, so verify writes nothing and needs no temporary
 * folder (a kill leaves nothing behind). Every recorded field is checked against the
 * re-run, not only the hashes. Exit 0 when all match; 1 naming the first difference; 66
 * when an input is gone or is not a regular file; 65 for a file that is not a manifest.
 */
export const verifyCommand = async (manifestPath: string, opts: VerifyOptions, io: Io): Promise<ExitCode> => {
  const d = dict(opts.lang)
  const l = exportLabels(opts.lang)
  const m = await readManifest(manifestPath)
  const base = dirname(resolve(manifestPath))
  const at = (rel: string): string => resolve(base, rel)
  if (m.tool.version !== VERSION && !opts.quiet) {
    io.stderr(`kaohe: ${d.ui.notice}: ${d.message('verify-version', terminalParams({ recorded: m.tool.version, current: VERSION }))}\n`)
  }

  const lines: Line[] = []
  // 1. The files the result was made from: present (66 if not), regular, and unchanged.
  const sources = [
    ...m.inputs.map((i) => ({ what: 'input' as const, ...i })),
    ...(m.policy.file === null ? [] : [{ what: 'policy' as const, ...m.policy.file }]),
  ]
  for (const f of sources) {
    if (f.fromManifest === null) throw new KaoheError(EXIT.noInput, { code: 'verify-stdin', params: { file: f.path } })
    let actual: string
    try {
      actual = (await hashRegular(at(splitSheet(f.fromManifest).file), VERIFY_LIMITS.inputBytes)).sha256
    } catch (e) {
      throw new KaoheError(
        EXIT.noInput,
        { code: 'verify-input-missing', params: { what: whatLabel(f.what, l), file: f.path, location: at(f.fromManifest), reason: reasonOf(e) } },
        [],
        { cause: e },
      )
    }
    lines.push({ what: f.what, path: f.path, status: actual === f.sha256 ? 'ok' : 'differs', expected: f.sha256, actual })
  }

  // 2. Re-run with the recorded options, reading each input from where it is now.
  if (lines.every((x) => x.status === 'ok')) {
    // Each input's file where it is now; a sheet named (`file.xlsx#副职`) stays named.
    const files = new Map(m.inputs.map((i) => [splitSheet(i.path).file, at(splitSheet(i.fromManifest!).file)]))
    const locate = (p: string): string => {
      const { file, sheet } = splitSheet(p)
      const there = files.get(file)
      // readManifest made sure every argument names a recorded file: nothing else is read.
      if (there === undefined) throw new Error(`verify: ${p} is not a recorded input`)
      return sheet === null ? there : `${there}#${sheet}`
    }
    // The arguments as given: a workbook read sheet by sheet is one argument again.
    const given = (kind: string): string[] => [...new Set(m.inputs.filter((i) => i.kind === kind).map((i) => i.given ?? i.path))]
    const o = m.options
    const common: CommonOptions = {
      lang: o.lang,
      format: 'json',
      quiet: true,
      color: false,
      lenient: o.lenient,
      encoding: o.encoding,
      delimiter: o.delimiter ?? undefined,
      sheet: o.sheet ?? undefined,
      headerRow: o.headerRow,
      // A built-in id (the schema takes nothing else), or the policy file beside the manifest.
      policy: m.policy.file === null ? m.policy.builtin! : at(m.policy.file.fromManifest!),
    }
    const r = await runAssessment({
      command: m.command,
      opts: common,
      votes: given('votes'),
      roster: given('roster')[0] ?? null,
      reports: given('reports'),
      findings: given('findings')[0] ?? null,
      year: o.year ?? null,
      // Earlier years (SPEC §2.5), re-read from beside the manifest like every other input.
      history: m.inputs.filter((i) => i.kind === 'history').map((i) => i.path),
      shape: o.votesFormat,
      sumCounts: o.sumCounts,
      scope: m.command === 'tally' ? 'votes' : 'all',
      locate,
    })
    const policyName = m.policy.builtin ?? m.policy.file!.path
    // The option as given: the built-in's id (or nothing, the default), or the policy file's path.
    const policyOption = m.policy.file === null ? (o.policy === null ? m.policy.builtin : o.policy) : o.policy
    const policyFields: Array<[string, string, string]> = [
      ['policy.id', m.policy.id, r.policy.policy.id],
      ['policy.version', m.policy.version, r.policy.policy.version],
      ['options.policy', String(policyOption), m.policy.file === null ? String(m.policy.builtin) : m.policy.file.path],
    ]
    const wrong = policyFields.find(([, a, b]) => a !== b)
    if (wrong) lines.push({ what: 'policy', path: policyName, status: 'differs', field: wrong[0], expected: wrong[1], actual: wrong[2] })
    else lines.push({ what: 'policy', path: policyName, status: r.policy.sha256 === m.policy.sha256 ? 'ok' : 'differs', expected: m.policy.sha256, actual: r.policy.sha256 })

    // Each input as the re-run read it: the same file (its SHA-256 again: nothing changed
    // since step 1), and every recorded field — rows, format, encoding, shape.
    const got = r.loaded.inputs
    if (got.length !== m.inputs.length) {
      lines.push({ what: 'input', path: manifestPath, status: 'differs', field: 'inputs', expected: String(m.inputs.length), actual: String(got.length) })
    }
    for (const [k, i] of m.inputs.entries()) {
      const g = got[k]
      const diff = g === undefined ? null : inputDifference(i, g)
      if (diff) lines.push({ what: 'input', path: i.path, status: 'differs', field: `inputs.${k}.${diff.field}`, expected: diff.expected, actual: diff.actual })
    }
    // The JSON report streamed from the core into a hash (no document held, nothing written).
    const result = await resultSha256(r)
    lines.push({ what: 'result', path: 'JSON', status: result === m.result.sha256 ? 'ok' : 'differs', expected: m.result.sha256, actual: result })

    // 3. Every output, rendered again through the same stream as --out into a hashing sink
    // (nothing written, memory bounded but for XLSX), byte for byte; then the file on disk, if any.
    const ctx = { dict: r.dict, labels: exportLabels(o.lang), csvEncoding: o.outEncoding }
    for (const [k, out] of m.outputs.entries()) {
      const sink = hashingSink(null)
      await renderOutputTo(out.format, r, ctx, out.path, sink)
      const { sha256: actual, bytes } = sink.done()
      if (bytes !== out.bytes) {
        lines.push({ what: 'output', path: out.path, status: 'differs', field: `outputs.${k}.bytes`, expected: String(out.bytes), actual: String(bytes) })
        continue
      }
      if (actual !== out.sha256) {
        lines.push({ what: 'output', path: out.path, status: 'differs', expected: out.sha256, actual })
        continue
      }
      lines.push(await compareOnDisk(at(out.fromManifest), out))
    }
  }

  const first = lines.find((x) => x.status === 'differs')
  if (opts.format === 'json') {
    io.stdout(`${jsonSafe(JSON.stringify({ ok: first === undefined, manifest: manifestPath, time: m.time, checks: lines }, null, 2))}\n`)
  } else if (!opts.quiet) {
    const word = { ok: l.statusOk, differs: l.statusDiffers, reproduced: l.statusReproduced }
    for (const x of lines) io.stdout(`${word[x.status]}\t${whatLabel(x.what, l)}\t${terminalSafe(x.path)}\n`)
  }
  if (first === undefined) {
    if (!opts.quiet && opts.format !== 'json') io.stdout(`${l.verifyOk}\n`)
    return EXIT.ok
  }
  const code = first.field ? 'verify-field-differs' : first.reason ? 'verify-output-unreadable' : first.changed ? 'verify-output-changed' : 'verify-differs'
  const params = { what: whatLabel(first.what, l), file: first.path, actual: first.actual, expected: first.expected, field: first.field ?? '', reason: first.reason ?? '' }
  io.stderr(`kaohe: ${terminalSafe(d.message(code, terminalParams(params)), Infinity)}\n`)
  return EXIT.failOn
}

/**
 * An output whose re-run matches the manifest, against the file on disk: gone (the hash
 * proves the result: reproduced), not a regular file, of another size (changed, unread), or
 * read up to its recorded size and hashed.
 */
const compareOnDisk = async (file: string, out: Manifest['outputs'][number]): Promise<Line> => {
  const line = { what: 'output' as const, path: out.path, expected: out.sha256 }
  let opened: Awaited<ReturnType<typeof openRegular>>
  try {
    opened = await openRegular(file)
  } catch (e) {
    if (e instanceof NotRegularFile) return { ...line, status: 'differs', actual: '', changed: true, reason: notFileReason(e) }
    // The export itself may be long gone; its recorded SHA-256 still proves the result.
    return { ...line, status: 'reproduced', actual: out.sha256 }
  }
  await opened.fh.close()
  if (opened.size !== out.bytes) return { ...line, status: 'differs', actual: `${opened.size} bytes`, changed: true }
  let actual: string
  try {
    actual = (await hashRegular(file, out.bytes)).sha256
  } catch (e) {
    return { ...line, status: 'differs', actual: '', changed: true, reason: reasonOf(e) }
  }
  return actual === out.sha256 ? { ...line, status: 'ok', actual } : { ...line, status: 'differs', actual, changed: true }
}
