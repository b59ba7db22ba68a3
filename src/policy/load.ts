import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { MissingInputError, PolicyError } from '../errors.js'
import { BUILTIN_POLICIES } from './builtin.js'
import { type Policy, PolicySchema } from './schema.js'

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

export const builtinPolicy = (name: string): LoadedPolicy | undefined => {
  const raw = BUILTIN_POLICIES[name]
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
    text = await readFile(name, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT' && !/[./\\]/.test(name)) {
      throw new PolicyError({ code: 'unknown-policy', params: { name, known: builtinNames().join(', ') } })
    }
    throw new MissingInputError(name, code ?? 'unreadable', { cause: e })
  }
  let json: unknown
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ''))
  } catch (e) {
    throw new PolicyError({ code: 'policy-not-json', params: { file: name, detail: (e as Error).message } }, { cause: e })
  }
  const parsed = PolicySchema.safeParse(json)
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')
    throw new PolicyError({ code: 'policy-invalid', params: { file: name, detail } })
  }
  return { policy: parsed.data, sha256: fingerprint(parsed.data), source: name }
}
