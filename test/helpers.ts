import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CadreInput } from '../src/core/model.js'
import { KaoheError } from '../src/errors.js'
import { kaoheInProcess } from './support/in-process.js'
import { emptyTally, type Tally } from '../src/core/tally.js'
import { encodeGb18030 as encodeGb18030Bytes } from '../src/encoding/gb18030.js'
import { builtinPolicy } from '../src/policy/load.js'
import type { Policy } from '../src/policy/schema.js'

export const ROOT = new URL('..', import.meta.url).pathname
export const BIN = join(ROOT, 'bin/kaohe.js')

/** The default policy, optionally changed. */
export const policyWith = (patch: Partial<Policy> = {}): Policy => ({ ...builtinPolicy('opinion-2009')!.policy, ...patch })

export const tallyOf = (t: Partial<Tally>): Tally => ({ ...emptyTally(), ...t })

/** A cadre with sensible defaults. */
export const cadre = (patch: Partial<CadreInput> = {}): CadreInput => ({
  id: 'C1',
  name: '张三',
  unit: '县财政局',
  post: '局长',
  principal: null,
  annualGrade: null,
  dutyStatement: null,
  mustReport: null,
  onRoster: false,
  tally: null,
  participated: null,
  groups: [],
  incomplete: false,
  ...patch,
})

/** Encode text as GB18030 with kaohe's own encoder (the exact inverse of Node's decoder). */
export const encodeGb18030 = (text: string): Buffer => Buffer.from(encodeGb18030Bytes(text))

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'kaohe-test-'))

/** Write files into a fresh temp dir; returns their paths by name. */
export const writeFiles = (files: Record<string, string | Buffer>): Record<string, string> & { dir: string } => {
  const dir = tempDir()
  const paths: Record<string, string> = {}
  for (const [name, content] of Object.entries(files)) {
    const p = join(dir, name)
    writeFileSync(p, content)
    paths[name] = p
  }
  return Object.assign(paths, { dir })
}

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Run the built CLI, colour off, as a batch job would. */
export const kaohe = (args: string[], opts: { input?: string | Buffer; cwd?: string; env?: Record<string, string> } = {}): CliResult => {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', KAOHE_DEBUG: '', ...opts.env },
    maxBuffer: 64 << 20,
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** The KaoheError a promise is rejected with (a test fails if it resolves, or throws anything else). */
export const catchError = async (p: Promise<unknown>): Promise<KaoheError> => {
  try {
    await p
  } catch (e) {
    if (e instanceof KaoheError) return e
    throw e
  }
  throw new Error('expected an error')
}

/** The same run in this process (test/support/in-process.ts): stdout, stderr and exit code, without a node of its own. */
export const kaoheHere = (args: string[], opts: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<CliResult> => kaoheInProcess(args, opts)
