import { EXIT, type ExitCode, PolicyError } from '../errors.js'
import { builtinNames, builtinPolicy, loadPolicy, renderPolicy } from '../policy/load.js'
import { SHARED_MODE, writeFileAtomic } from './atomic-write.js'
import type { Io } from './common.js'

/** `kaohe policy show [NAME|FILE]`: the policy as canonical JSON, its SHA-256 on stderr. */
export const policyShow = async (name: string | undefined, io: Io, quiet: boolean): Promise<ExitCode> => {
  const p = await loadPolicy(name)
  io.stdout(renderPolicy(p.policy))
  if (!quiet) io.stderr(`# ${p.policy.id} ${p.policy.version} sha256 ${p.sha256}\n`)
  return EXIT.ok
}

/** `kaohe policy init FILE [--from NAME]`: a copy of a built-in policy to edit; never overwrites without --force. */
export const policyInit = async (file: string, from: string, force: boolean): Promise<ExitCode> => {
  const p = builtinPolicy(from)
  if (!p) throw new PolicyError({ code: 'unknown-policy', params: { name: from, known: builtinNames().join(', ') } })
  // As every file kaohe writes (atomic-write.ts): a temporary file, then a rename; with --force
  // a link is replaced, never followed, and no file is truncated in place. 0644 less the umask.
  await writeFileAtomic(file, new TextEncoder().encode(renderPolicy(p.policy)), force, SHARED_MODE)
  return EXIT.ok
}
