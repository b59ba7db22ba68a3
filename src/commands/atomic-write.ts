import { randomBytes } from 'node:crypto'
import { link, lstat, open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { OutputError } from '../errors.js'

/** Exports hold personal data: readable and writable by their owner only (SPEC §4). */
export const OUTPUT_MODE = 0o600

const reasonOf = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e))

const exists = async (file: string): Promise<boolean> => {
  try {
    await lstat(file)
    return true
  } catch {
    return false
  }
}

/** Remove a temporary file; a failure here must not hide the error that led to it. */
const discard = async (tmp: string): Promise<void> => {
  try {
    await rm(tmp, { force: true })
  } catch {
    // nothing was created (e.g. the folder is a file), or it cannot be removed: nothing more to do
  }
}

/** Refuse a file that exists (without --force): exit 73, naming it. */
export const refuseExisting = async (file: string): Promise<void> => {
  if (await exists(file)) throw new OutputError({ code: 'output-exists', params: { file } })
}

/**
 * Can files be created in the folder that will hold `file`?  Tried for real (a probe file is
 * created and removed), since permission bits do not tell: root ignores them, and a
 * read-only file system does not show in them. Exit 73 when not.
 */
export const probeFolder = async (file: string): Promise<void> => {
  const probe = join(dirname(resolve(file)), `.kaohe-probe.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await (await open(probe, 'wx', OUTPUT_MODE)).close()
  } catch (e) {
    throw new OutputError({ code: 'output-failed', params: { file, reason: reasonOf(e) } }, { cause: e })
  }
  await discard(probe)
}

/**
 * Write a file atomically: the bytes go to a temporary file in the same folder, created
 * with mode 0600 (never readable by others, not even for a moment), flushed, then moved
 * into place. A reader sees the old file or the whole new one, never a part.
 *
 * Without `force` an existing file is refused (exit 73): the temporary file is hard-linked
 * to the name, which fails if the name exists, so no race can clobber a file that appeared
 * meanwhile. Where the file system has no hard links, an existence check and a rename do.
 */
export const writeFileAtomic = async (file: string, data: Uint8Array, force: boolean): Promise<void> => {
  const target = resolve(file)
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
  const fail = (e: unknown): OutputError =>
    e instanceof OutputError ? e : new OutputError({ code: 'output-failed', params: { file, reason: reasonOf(e) } }, { cause: e })
  try {
    const fh = await open(tmp, 'wx', OUTPUT_MODE)
    try {
      await fh.writeFile(data)
      await fh.sync()
    } finally {
      await fh.close()
    }
  } catch (e) {
    await discard(tmp)
    throw fail(e)
  }
  try {
    if (force) {
      await rename(tmp, target)
      return
    }
    try {
      await link(tmp, target)
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      if (code === 'EEXIST') throw new OutputError({ code: 'output-exists', params: { file } })
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw e
      await refuseExisting(target)
      await rename(tmp, target)
      return
    }
    await discard(tmp)
  } catch (e) {
    await discard(tmp)
    throw fail(e)
  }
}
