import { z } from 'zod'
import { OUTPUT_FORMATS } from './formats.js'

/**
 * The audit manifest (SPEC §4): what an auditor needs to prove a result months later —
 * the tool and policy, every input with its SHA-256, the options that shape the result,
 * the time of the run, and the SHA-256 of every output. `kaohe verify` reads it back.
 *
 * Paths: each input, policy file and output is recorded twice — `path` as the user gave it
 * (it appears in the outputs, so a re-run must use the same text) and `fromManifest`, the
 * same file relative to the manifest's own folder with `/` separators. `verify` reads the
 * files from `fromManifest`, so a folder moved or copied as a whole still verifies.
 */
export const MANIFEST_FORMAT = 'kaohe-manifest/1'

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/)

const FileRef = z.object({
  path: z.string(),
  /** Relative to the manifest's folder; null for standard input. */
  fromManifest: z.string().nullable(),
  sha256: Sha256,
})

export const ManifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  tool: z.object({ name: z.literal('kaohe'), version: z.string() }),
  command: z.enum(['assess', 'tally']),
  /** ISO 8601, UTC: SOURCE_DATE_EPOCH when set, else the clock. Not in any output. */
  time: z.string(),
  timeSource: z.enum(['SOURCE_DATE_EPOCH', 'clock']),
  policy: z.object({
    id: z.string(),
    version: z.string(),
    /** SHA-256 of the policy's canonical JSON (as `kaohe policy show` prints it). */
    sha256: Sha256,
    /** The built-in policy's name, or null when read from a file. */
    builtin: z.string().nullable(),
    /** The policy file and the SHA-256 of its bytes, or null for a built-in policy. */
    file: FileRef.nullable(),
  }),
  /** Every option that can change a result's bytes. */
  options: z.object({
    lang: z.enum(['zh', 'en']),
    policy: z.string().nullable(),
    encoding: z.string(),
    outEncoding: z.enum(['utf-8', 'gb18030']),
    delimiter: z.string().nullable(),
    sheet: z.string().nullable(),
    lenient: z.boolean(),
    votesFormat: z.enum(['long', 'wide', 'counts', 'paper']).nullable(),
    sumCounts: z.boolean(),
    // Item 5: the reporting round; absent in manifests written before reports existed.
    year: z.number().int().nullable().default(null),
    // `--header-row`; absent in manifests written before it existed.
    headerRow: z.number().int().nullable().default(null),
  }),
  /** In the order given on the command line. */
  inputs: z.array(
    FileRef.extend({
      /** The argument this input came from, where one argument gave several sheets (`file.xlsx` → `file.xlsx#副职`). */
      given: z.string().optional(),
      kind: z.string(),
      rows: z.number().int().min(0),
      format: z.string(),
      encoding: z.string(),
      shape: z.string().nullable(),
    }),
  ),
  /** SHA-256 of the result as JSON (`--format json`), whether or not it was written. */
  result: z.object({ sha256: Sha256 }),
  outputs: z.array(
    z.object({
      path: z.string(),
      fromManifest: z.string(),
      format: z.enum(OUTPUT_FORMATS),
      sha256: Sha256,
      bytes: z.number().int().min(0),
    }),
  ),
})

export type Manifest = z.infer<typeof ManifestSchema>

/** Two-space JSON with a final newline; keys in the schema's order. */
export const renderManifest = (m: Manifest): string => `${JSON.stringify(ManifestSchema.parse(m), null, 2)}\n`
