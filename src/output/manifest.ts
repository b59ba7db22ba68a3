import { z } from 'zod'
import { parseEncodingOption } from '../input/decode.js'
import { BUILTIN_POLICIES } from '../policy/builtin.js'
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

/**
 * Strings are bounded; `verify` prints every one escaped (a file name may hold any
 * character but `/` and NUL, so control characters are not refused here, only shown
 * harmlessly: output/terminal.ts).
 */
const text = (max: number) => z.string().max(max)
const Path = text(4096).min(1)
const Count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)

const FileRef = z.strictObject({
  path: Path,
  /** Relative to the manifest's folder; null for standard input. */
  fromManifest: Path.nullable(),
  sha256: Sha256,
})

/** The kinds of input a manifest records, and the option each came from. */
export const INPUT_KINDS = ['votes', 'roster', 'reports', 'findings', 'history'] as const


export const ManifestSchema = z.strictObject({
  format: z.literal(MANIFEST_FORMAT),
  tool: z.strictObject({ name: z.literal('kaohe'), version: z.string().max(64).regex(/^\d{1,6}\.\d{1,6}\.\d{1,6}(?:-[0-9A-Za-z.-]{1,40})?$/) }),
  command: z.enum(['assess', 'tally']),
  /** ISO 8601, UTC: SOURCE_DATE_EPOCH when set, else the clock. Not in any output. */
  time: z.iso.datetime(),
  timeSource: z.enum(['SOURCE_DATE_EPOCH', 'clock']),
  policy: z.strictObject({
    id: text(1000),
    version: text(1000),
    /** SHA-256 of the policy's canonical JSON (as `kaohe policy show` prints it). */
    sha256: Sha256,
    /** The built-in policy's name (one of the built-in ids, never a path), or null when read from a file. */
    builtin: z.enum(Object.keys(BUILTIN_POLICIES) as [string, ...string[]]).nullable(),
    /** The policy file and the SHA-256 of its bytes, or null for a built-in policy. */
    file: FileRef.nullable(),
  }),
  /** Every option that can change a result's bytes. */
  options: z.strictObject({
    lang: z.enum(['zh', 'en']),
    policy: text(4096).nullable(),
    encoding: z.string().max(40).refine((e) => parseEncodingOption(e) !== undefined, { message: 'not an encoding --encoding takes' }),
    outEncoding: z.enum(['utf-8', 'gb18030']),
    /** One character, not the quote or a line break (as `--delimiter` takes it). */
    delimiter: z.string().length(1).refine((d) => d !== '"' && d !== '\r' && d !== '\n', { message: 'not a delimiter' }).nullable(),
    sheet: text(400).nullable(),
    lenient: z.boolean(),
    votesFormat: z.enum(['long', 'wide', 'counts', 'paper']).nullable(),
    sumCounts: z.boolean(),
    // Item 5: the reporting round; absent in manifests written before reports existed.
    year: z.number().int().min(1900).max(9999).nullable().default(null),
    // `--header-row`; absent in manifests written before it existed.
    headerRow: z.number().int().min(1).max(9_999_999).nullable().default(null),
  }),
  /** In the order given on the command line. */
  inputs: z
    .array(
      FileRef.extend({
        /** The argument this input came from, where one argument gave several sheets (`file.xlsx` → `file.xlsx#副职`). */
        given: Path.optional(),
        kind: z.enum(INPUT_KINDS),
        rows: Count,
        format: z.enum(['csv', 'tsv', 'xlsx', 'json']),
        encoding: z.enum(['utf-8', 'utf-8-bom', 'gb18030', 'xlsx']),
        shape: z.enum(['long', 'wide', 'counts', 'paper']).nullable(),
      }),
    )
    .max(100_000),
  /** SHA-256 of the result as JSON (`--format json`), whether or not it was written. */
  result: z.strictObject({ sha256: Sha256 }),
  outputs: z
    .array(
      z.strictObject({
        path: Path,
        fromManifest: Path,
        format: z.enum(OUTPUT_FORMATS),
        sha256: Sha256,
        bytes: Count,
      }),
    )
    .max(1000),
})

export type Manifest = z.infer<typeof ManifestSchema>

/** Two-space JSON with a final newline; keys in the schema's order. */
export const renderManifest = (m: Manifest): string => `${JSON.stringify(ManifestSchema.parse(m), null, 2)}\n`
