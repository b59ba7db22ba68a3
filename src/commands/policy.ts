import { open } from 'node:fs/promises'
import { EXIT, type ExitCode, OutputError, PolicyError } from '../errors.js'
import { builtinNames, builtinPolicy, loadPolicy, renderPolicy } from '../policy/load.js'
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
  try {
    const fh = await open(file, force ? 'w' : 'wx', 0o644)
    await fh.writeFile(renderPolicy(p.policy), 'utf8')
    await fh.close()
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error'
    if (code === 'EEXIST') throw new OutputError({ code: 'output-exists', params: { file } }, { cause: e })
    throw new OutputError({ code: 'output-failed', params: { file, reason: code } }, { cause: e })
  }
  return EXIT.ok
}
