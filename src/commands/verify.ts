import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { EXIT, type ExitCode, InputError, KaoheError, MissingInputError } from '../errors.js'
import { exportLabels, type ExportLabels } from '../i18n/export-labels.js'
import { dict, type Lang } from '../i18n/index.js'
import { renderOutput } from '../output/formats.js'
import { splitSheet } from '../input/table.js'
import { renderJson } from '../output/json.js'
import { type Manifest, ManifestSchema } from '../output/manifest.js'
import { VERSION } from '../version.js'
import { writeFileAtomic } from './atomic-write.js'
import { type CommonOptions, type Io, runAssessment } from './common.js'
import { sha256 } from './exports.js'

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
  /** An output whose re-run matches the manifest, but whose file on disk was changed since. */
  changed?: true
}

/** The kinds of input a manifest records, and the option each came from. */
const KNOWN_KINDS = new Set(['votes', 'roster', 'reports', 'findings', 'history'])

const readManifest = async (file: string): Promise<Manifest> => {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (e) {
    throw new MissingInputError(file, (e as NodeJS.ErrnoException).code ?? 'unreadable', { cause: e })
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw new InputError({ code: 'manifest-invalid', params: { file, detail: (e as Error).message } }, [], { cause: e })
  }
  const parsed = ManifestSchema.safeParse(json)
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')
    throw new InputError({ code: 'manifest-invalid', params: { file, detail } })
  }
  return parsed.data
}

const hashFile = (file: string): Promise<string> =>
  new Promise((ok, fail) => {
    const hash = createHash('sha256')
    createReadStream(file)
      .on('error', fail)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => ok(hash.digest('hex')))
  })

const whatLabel = (w: What, l: ExportLabels): string =>
  ({ input: l.verifyInput, policy: l.verifyPolicy, result: l.verifyResult, output: l.verifyOutput })[w]

/**
 * `kaohe verify MANIFEST`: re-read every input (found relative to the manifest's folder),
 * check its SHA-256, re-run with the recorded options into a temporary folder, and compare
 * every output byte for byte. Exit 0 when all match; 1 naming the first difference; 66 when
 * an input is gone.
 */
export const verifyCommand = async (manifestPath: string, opts: VerifyOptions, io: Io): Promise<ExitCode> => {
  const d = dict(opts.lang)
  const l = exportLabels(opts.lang)
  const m = await readManifest(manifestPath)
  const base = dirname(resolve(manifestPath))
  const at = (rel: string): string => resolve(base, rel)
  if (m.tool.version !== VERSION && !opts.quiet) {
    io.stderr(`kaohe: ${d.ui.notice}: ${d.message('verify-version', { recorded: m.tool.version, current: VERSION })}\n`)
  }
  for (const i of m.inputs) {
    if (!KNOWN_KINDS.has(i.kind)) {
      throw new InputError({ code: 'manifest-unknown-kind', params: { file: manifestPath, kind: i.kind, version: m.tool.version } })
    }
  }

  const lines: Line[] = []
  // 1. The files the result was made from: present (66 if not), and unchanged.
  const sources = [
    ...m.inputs.map((i) => ({ what: 'input' as const, ...i })),
    ...(m.policy.file === null ? [] : [{ what: 'policy' as const, ...m.policy.file }]),
  ]
  for (const f of sources) {
    if (f.fromManifest === null) throw new KaoheError(EXIT.noInput, { code: 'verify-stdin', params: { file: f.path } })
    let actual: string
    try {
      actual = await hashFile(at(splitSheet(f.fromManifest).file))
    } catch (e) {
      throw new KaoheError(
        EXIT.noInput,
        {
          code: 'verify-input-missing',
          params: { what: whatLabel(f.what, l), file: f.path, location: at(f.fromManifest), reason: (e as NodeJS.ErrnoException).code ?? 'unreadable' },
        },
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
      return there === undefined ? p : sheet === null ? there : `${there}#${sheet}`
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
      policy: m.policy.file === null ? (m.policy.builtin ?? undefined) : at(m.policy.file.fromManifest!),
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
    if (m.policy.file === null) {
      lines.push({ what: 'policy', path: m.policy.builtin ?? m.policy.id, status: r.policy.sha256 === m.policy.sha256 ? 'ok' : 'differs', expected: m.policy.sha256, actual: r.policy.sha256 })
    }
    const result = sha256(renderJson(r.doc))
    lines.push({ what: 'result', path: 'JSON', status: result === m.result.sha256 ? 'ok' : 'differs', expected: m.result.sha256, actual: result })

    // 3. Every output, written again into a private temporary folder, byte for byte.
    const ctx = { dict: r.dict, labels: exportLabels(o.lang), csvEncoding: o.outEncoding }
    const tmp = await mkdtemp(join(tmpdir(), 'kaohe-verify-'))
    try {
      for (const [k, out] of m.outputs.entries()) {
        const file = join(tmp, `${k}.${out.format}`)
        await writeFileAtomic(file, await renderOutput(out.format, r.doc, ctx), false)
        const again = await readFile(file)
        const actual = sha256(again)
        let status: Status = actual === out.sha256 ? 'ok' : 'differs'
        if (status === 'ok') {
          let original: Buffer | null = null
          try {
            original = await readFile(at(out.fromManifest))
          } catch {
            // The export itself may be long gone; its recorded SHA-256 still proves the result.
          }
          if (original === null) status = 'reproduced'
          else if (!original.equals(again)) {
            lines.push({ what: 'output', path: out.path, status: 'differs', expected: out.sha256, actual: sha256(original), changed: true })
            continue
          }
        }
        lines.push({ what: 'output', path: out.path, status, expected: out.sha256, actual })
      }
    } finally {
      await rm(tmp, { recursive: true, force: true })
    }
  }

  const first = lines.find((x) => x.status === 'differs')
  if (opts.format === 'json') {
    io.stdout(`${JSON.stringify({ ok: first === undefined, manifest: manifestPath, time: m.time, checks: lines }, null, 2)}\n`)
  } else if (!opts.quiet) {
    const word = { ok: l.statusOk, differs: l.statusDiffers, reproduced: l.statusReproduced }
    for (const x of lines) io.stdout(`${word[x.status]}\t${whatLabel(x.what, l)}\t${x.path}\n`)
  }
  if (first === undefined) {
    if (!opts.quiet && opts.format !== 'json') io.stdout(`${l.verifyOk}\n`)
    return EXIT.ok
  }
  const code = first.changed ? 'verify-output-changed' : 'verify-differs'
  io.stderr(`kaohe: ${d.message(code, { what: whatLabel(first.what, l), file: first.path, actual: first.actual, expected: first.expected })}\n`)
  return EXIT.failOn
}
