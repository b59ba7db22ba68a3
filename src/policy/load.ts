import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { MissingInputError, PolicyError } from '../errors.js'
import { BUILTIN_POLICIES } from './builtin.js'
import { type Policy, PolicySchema } from './schema.js'
import { synonymProblems } from './synonyms.js'

/** A validated policy with its fingerprint. */
export interface LoadedPolicy {
  policy: Policy
  /** SHA-256 of the canonical JSON (what `policy show` prints and `policy init` writes). */
  sha256: string
  /** 'builtin' or the file's path. */
  source: string
}

/** The canonical text of a policy: its keys in schema order, two-space indent, final newline. */
export const renderPolicy = (p: Policy): string => `${JSON.stringify(p, null, 2)}\n`

const fingerprint = (p: Policy): string => createHash('sha256').update(renderPolicy(p), 'utf8').digest('hex')

/** A policy file is a page of JSON; anything far larger (or endless, like /dev/zero) is not one. */
export const MAX_POLICY_BYTES = 1 << 20

/** The file's text: strict UTF-8, at most MAX_POLICY_BYTES (a FIFO or <(...) is fine). */
const readPolicyText = async (file: string): Promise<string> => {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of createReadStream(file)) {
    size += (chunk as Buffer).length
    if (size > MAX_POLICY_BYTES) throw new PolicyError({ code: 'policy-too-large', params: { file, max: MAX_POLICY_BYTES } })
    chunks.push(chunk as Buffer)
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks))
  } catch (e) {
    throw new PolicyError({ code: 'policy-not-json', params: { file, detail: 'not valid UTF-8' } }, { cause: e })
  }
}

export const builtinPolicy = (name: string): LoadedPolicy | undefined => {
  // Own keys only: `--policy constructor` (or toString, __proto__) must not find Object's.
  const raw = Object.hasOwn(BUILTIN_POLICIES, name) ? BUILTIN_POLICIES[name] : undefined
  if (raw === undefined) return undefined
  const policy = PolicySchema.parse(raw)
  return { policy, sha256: fingerprint(policy), source: 'builtin' }
}

export const builtinNames = (): string[] => Object.keys(BUILTIN_POLICIES)

/** `--policy FILE|NAME`: a built-in name, else a JSON file validated by the schema. */
export const loadPolicy = async (nameOrFile: string | undefined): Promise<LoadedPolicy> => {
  const name = nameOrFile ?? 'opinion-2009'
  const builtin = builtinPolicy(name)
  if (builtin) return builtin
  let text: string
  try {
    text = await readPolicyText(name)
  } catch (e) {
    if (e instanceof PolicyError) throw e
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT' && !/[./\\]/.test(name)) {
      throw new PolicyError({ code: 'unknown-policy', params: { name, known: builtinNames().join(', ') } })
    }
    throw new MissingInputError(name, code ?? 'unreadable', { cause: e })
  }
  let json: unknown
  let protoKey = false
  try {
    // A "__proto__" key would vanish in zod's output (it sets a prototype): refuse it.
    json = JSON.parse(text.replace(/^\ufeff/, ''), (k: string, v: unknown) => ((protoKey ||= k === '__proto__'), v))
  } catch (e) {
    throw new PolicyError({ code: 'policy-not-json', params: { file: name, detail: (e as Error).message } }, { cause: e })
  }
  const parsed = PolicySchema.safeParse(json)
  const problems = parsed.success ? synonymProblems(parsed.data.gradeSynonyms) : parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
  if (protoKey) problems.unshift('"__proto__" is not allowed as a key')
  if (!parsed.success || problems.length > 0) {
    throw new PolicyError({ code: 'policy-invalid', params: { file: name, detail: problems.join('; ') } })
  }
  return { policy: parsed.data, sha256: fingerprint(parsed.data), source: name }
}
