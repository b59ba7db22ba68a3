import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { dirname, relative, resolve, sep } from 'node:path'
import { OutputError, UsageError } from '../errors.js'
import { exportLabels } from '../i18n/export-labels.js'
import { dict } from '../i18n/index.js'
import { parseEncodingOption } from '../input/decode.js'
import { splitSheet, STDIN } from '../input/table.js'
import { type CsvEncoding, formatOf, isTextFormat, NotEncodableError, type OutputFormat, outputPieces, pieceEncoder, type RenderContext, renderOutput } from '../output/formats.js'
import { docStreamOf, jsonPieces, writePieces } from '../output/stream.js'
import { terminalSafe } from '../output/terminal.js'
import { type Manifest, MANIFEST_FORMAT, renderManifest } from '../output/manifest.js'
import { VERSION } from '../version.js'
import { OutputSet, probeFolder, refuseClashes, refuseExisting, removeLeftovers, removeStaleBackups, type StagedWriter } from './atomic-write.js'
import { lockOutputs, type OutputLock } from './output-lock.js'
import type { CommonOptions, Io, RunResult } from './common.js'

/** The options of `--out` (SPEC §4), shared by `assess` and `tally`. */
export interface ExportOptions {
  /** `--out FILE`, repeatable; the format comes from the extension. */
  out: string[]
  /** `--manifest FILE`; default `<first --out>.manifest.json`. */
  manifest: string | undefined
  /** `--out-encoding`: the CSV files' encoding; default: GB18030 if `--encoding gb18030`, else UTF-8. */
  outEncoding: string | undefined
  /** Overwrite existing files. */
  force: boolean
}

/** Options that shape a result but are not CommonOptions: recorded so verify can re-run. */
export interface RunShape {
  command: 'assess' | 'tally'
  votesFormat: 'long' | 'wide' | 'counts' | 'paper' | null
  sumCounts: boolean
  /** Item 5: the reporting round (`--year`), null when not given. */
  year: number | null
}

/** The files a plan writes: its outputs, then its manifest. */
const targetsOf = (p: Pick<ExportPlan, 'outputs' | 'manifest'>): string[] => [...p.outputs.map((x) => x.path), ...(p.manifest === null ? [] : [p.manifest])]

export interface ExportPlan {
  outputs: Array<{ path: string; format: OutputFormat }>
  manifest: string | null
  csvEncoding: CsvEncoding
  force: boolean
  time: { iso: string; source: 'SOURCE_DATE_EPOCH' | 'clock' }
  /** Held from the plan until the set is written (or the run fails): `release` when done. */
  lock: OutputLock
}

/**
 * The time of the run, for the manifest only (no output holds it, so outputs stay
 * reproducible): SOURCE_DATE_EPOCH (seconds since 1970, as reproducible builds use it)
 * when set, else the clock. The clock is read here, in the shell, and nowhere else.
 */
export const runTimeOf = (env: Io['env']): ExportPlan['time'] => {
  const epoch = env.SOURCE_DATE_EPOCH
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d{1,12}$/.test(epoch.trim())) {
      throw new UsageError('bad-option', { option: 'SOURCE_DATE_EPOCH', value: epoch, hint: 'seconds since 1970-01-01 UTC, e.g. 1767225600' })
    }
    return { iso: new Date(Number(epoch.trim()) * 1000).toISOString(), source: 'SOURCE_DATE_EPOCH' }
  }
  return { iso: new Date().toISOString(), source: 'clock' }
}

export const csvEncodingOf = (outEncoding: string | undefined, inputEncoding: string): CsvEncoding => {
  if (outEncoding !== undefined) {
    const e = parseEncodingOption(outEncoding)
    if (e === 'utf-8' || e === 'gb18030') return e
    throw new UsageError('bad-option', { option: '--out-encoding', value: outEncoding, hint: 'utf-8 | gb18030' })
  }
  // SPEC §4: `--encoding gb18030` also makes CSV exports GB18030, for legacy systems.
  return parseEncodingOption(inputEncoding) === 'gb18030' ? 'gb18030' : 'utf-8'
}

/**
 * Check every output before any input is read: known extensions; none named twice and none
 * that is an input, by device and inode (usage error, 2); then lock them (another run
 * writing one: 73); none that exists unless --force, every folder writable (73). The plan
 * holds the locks: release them with `plan.lock.release()` whatever happens next.
 */
export const planExports = async (o: ExportOptions, common: CommonOptions, inputs: string[], io: Io): Promise<ExportPlan | null> => {
  if (o.out.length === 0 && o.manifest === undefined) return null
  const outputs = o.out.map((path) => {
    const format = formatOf(path)
    if (format === undefined) throw new UsageError('bad-out-extension', { file: path })
    return { path, format }
  })
  const manifest = o.manifest ?? (outputs[0] ? `${outputs[0].path}.manifest.json` : null)
  const targets = targetsOf({ outputs, manifest })
  const files = inputs.map((i) => (i === STDIN ? null : splitSheet(i).file))
  refuseClashes(targets, common.policy === undefined ? files : [...files, common.policy])
  const time = runTimeOf(io.env)
  const csvEncoding = csvEncodingOf(o.outEncoding, common.encoding)
  const lock = lockOutputs(targets)
  try {
    // Locked: no other run writes these names, so their temporary files are a killed run's.
    for (const t of targets) {
      for (const file of removeLeftovers(t)) if (!common.quiet) io.stderr(`kaohe: ${terminalSafe(dict(common.lang).message('leftover-removed', { file }), Infinity)}\n`)
    }
    for (const t of targets) {
      if (!o.force) await refuseExisting(t)
      await probeFolder(t)
    }
  } catch (e) {
    lock.release()
    throw e
  }
  return { outputs, manifest, csvEncoding, force: o.force, time, lock }
}

export const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex')

/** Where an output's bytes go as they are made: hashed, counted, and handed on (to a staged file, or nowhere). */
export interface HashingSink {
  put: (bytes: Uint8Array) => void
  /** The SHA-256 and the length of everything put. */
  done: () => { sha256: string; bytes: number }
}

export const hashingSink = (to: Pick<StagedWriter, 'write'> | null): HashingSink => {
  const hash = createHash('sha256')
  let bytes = 0
  return {
    put: (b) => {
      hash.update(b)
      bytes += b.length
      to?.write(b)
    },
    done: () => ({ sha256: hash.digest('hex'), bytes }),
  }
}

/**
 * One export rendered from the run's one stream into `sink`, piece by piece: every format
 * but XLSX takes the cadres' assessments as the core makes them and lets each go, so the
 * memory does not grow with the output; XLSX is built whole by its library, from the whole
 * document. A character a GB18030 CSV cannot carry: exit 73, naming `file` and the line.
 */
export const renderOutputTo = async (format: OutputFormat, r: RunResult, ctx: RenderContext, file: string, sink: HashingSink): Promise<void> => {
  try {
    if (!isTextFormat(format)) {
      sink.put(await renderOutput(format, r.doc, ctx))
      return
    }
    const enc = await pieceEncoder(format, ctx)
    sink.put(enc.head)
    // UTF-8: the stream encodes the text into buffers of its own and hands them to the sink.
    const writeBytes = enc.utf8 ? (b: Uint8Array) => sink.put(b) : undefined
    await writePieces(await outputPieces(format, docStreamOf(r.source), ctx), { write: (s) => sink.put(enc.encode(s)), writeBytes })
  } catch (e) {
    if (!(e instanceof NotEncodableError)) throw e
    throw new OutputError({ code: 'output-not-encodable', params: { file, char: e.codePoint, line: e.line } }, { cause: e })
  }
}

/** The SHA-256 of the run's JSON report (the manifest's `result`), made by streaming it into the hash. */
export const resultSha256 = async (r: RunResult): Promise<string> => {
  const sink = hashingSink(null)
  const encoder = new TextEncoder()
  await writePieces(jsonPieces(docStreamOf(r.source)), { write: (s) => sink.put(encoder.encode(s)), writeBytes: (b) => sink.put(b) })
  return sink.done().sha256
}

/** A path relative to the manifest's folder, with `/` separators (portable across systems). */
export const fromManifest = (manifestDir: string, path: string): string => relative(manifestDir, resolve(path)).split(sep).join('/')

/** `fromManifest` of an input that may name a sheet (`file.xlsx#副职`): the file's path, the sheet kept. */
const sheetFromManifest = (manifestDir: string, path: string): string => {
  const { file, sheet } = splitSheet(path)
  return `${fromManifest(manifestDir, file)}${sheet === null ? '' : `#${sheet}`}`
}

/** The manifest of a run: pure but for the policy file, whose bytes are hashed. */
export const buildManifest = async (args: {
  plan: ExportPlan
  manifestPath: string
  r: RunResult
  opts: CommonOptions
  shape: RunShape
  outputs: Manifest['outputs']
  /** The SHA-256 of the JSON report, when already known (a JSON output is those bytes). */
  result?: string
}): Promise<Manifest> => {
  const { plan, r, opts } = args
  const dir = dirname(resolve(args.manifestPath))
  const builtin = r.policy.source === 'builtin'
  return {
    format: MANIFEST_FORMAT,
    tool: { name: 'kaohe', version: VERSION },
    command: args.shape.command,
    time: plan.time.iso,
    timeSource: plan.time.source,
    policy: {
      id: r.policy.policy.id,
      version: r.policy.policy.version,
      sha256: r.policy.sha256,
      builtin: builtin ? r.policy.policy.id : null,
      file: builtin
        ? null
        : { path: r.policy.source, fromManifest: fromManifest(dir, r.policy.source), sha256: sha256(await readFile(r.policy.source)) },
    },
    options: {
      lang: opts.lang,
      policy: opts.policy ?? null,
      encoding: opts.encoding,
      outEncoding: plan.csvEncoding,
      delimiter: opts.delimiter ?? null,
      sheet: opts.sheet ?? null,
      lenient: opts.lenient,
      votesFormat: args.shape.votesFormat,
      sumCounts: args.shape.sumCounts,
      year: args.shape.year,
      headerRow: opts.headerRow ?? null,
    },
    inputs: r.loaded.inputs.map((i) => ({
      ...(i.given === undefined ? {} : { given: i.given }),
      kind: i.kind,
      path: i.path,
      fromManifest: i.path === STDIN ? null : sheetFromManifest(dir, i.path),
      sha256: i.sha256,
      rows: i.rows,
      format: i.format,
      encoding: i.encoding,
      shape: i.shape,
    })),
    result: { sha256: args.result ?? (await resultSha256(r)) },
    outputs: args.outputs,
  }
}

/**
 * Render every output and the manifest into temporary files, then commit them as one set
 * (atomic-write.ts): all are in place, or none and the previous set is untouched (73).
 * Each output streams into its temporary file, hashed as it is written (SPEC §5); each
 * takes the run's stream anew (the core's assessments are cheap to make again, and no
 * cadre is kept between outputs).
 */
export const writeExports = async (plan: ExportPlan, r: RunResult, opts: CommonOptions, shape: RunShape, io: Io): Promise<void> => {
  const ctx = { dict: r.dict, labels: exportLabels(opts.lang), csvEncoding: plan.csvEncoding }
  const set = new OutputSet(plan.force)
  const written: Array<{ path: string; format: OutputFormat; sha256: string; bytes: number }> = []
  try {
    for (const o of plan.outputs) {
      const file = set.open(o.path)
      const sink = hashingSink(file)
      await renderOutputTo(o.format, r, ctx, o.path, sink)
      file.finish()
      written.push({ ...o, ...sink.done() })
    }
    if (plan.manifest !== null) {
      const dir = dirname(resolve(plan.manifest))
      const manifest = await buildManifest({
        plan,
        manifestPath: plan.manifest,
        r,
        opts,
        shape,
        outputs: written.map((w) => ({ path: w.path, fromManifest: fromManifest(dir, w.path), format: w.format, sha256: w.sha256, bytes: w.bytes })),
        // A JSON export is the JSON report, byte for byte: its hash is the result's.
        result: written.find((w) => w.format === 'json')?.sha256,
      })
      // Last: the manifest lists the outputs, and is the last member renamed into place.
      set.stage(plan.manifest, new TextEncoder().encode(renderManifest(manifest)))
    }
    set.commit()
  } catch (e) {
    set.discard()
    throw e
  }
  // The set is this run's, every member; still locked: a backup beside one is a killed commit's.
  for (const t of targetsOf(plan)) {
    for (const file of removeStaleBackups(t)) if (!opts.quiet) io.stderr(`kaohe: ${terminalSafe(r.dict.message('backup-removed', { file }), Infinity)}\n`)
  }
  const l = ctx.labels
  if (!opts.quiet) {
    const files = written.map((w) => w.path)
    io.stderr(`kaohe: ${l.written} ${files.join(', ')}${plan.manifest === null ? '' : `${files.length > 0 ? '; ' : ''}${l.manifest} ${plan.manifest}`}\n`)
  }
}
