import { createHash } from 'node:crypto'
import { constants, type Stats } from 'node:fs'
import { type FileHandle, open, stat } from 'node:fs/promises'

/**
 * Reading a file that something else named — a manifest, and every file a manifest names
 * (SPEC §4: verify trusts no manifest). Only a regular file is read: a device (/dev/zero
 * never ends), a FIFO (a read waits for a writer that may never come), a socket or a
 * directory is refused before a byte is read. The file is opened non-blocking, so that
 * even a FIFO put in its place between the check and the open cannot block, and checked
 * again on the open descriptor. Reads stop at the size the file had when opened, and at a
 * limit: nothing is ever read past either.
 */

/** What stands where a regular file should be. */
export type NotFileKind = 'directory' | 'fifo' | 'socket' | 'device' | 'other'

export class NotRegularFile extends Error {
  constructor(readonly kind: NotFileKind) {
    super(`not a regular file (${kind})`)
  }
}

export class FileTooLarge extends Error {
  constructor(
    readonly size: number,
    readonly max: number,
  ) {
    super(`${size} bytes, more than ${max}`)
  }
}

const kindOf = (st: Stats): NotFileKind =>
  st.isDirectory() ? 'directory' : st.isFIFO() ? 'fifo' : st.isSocket() ? 'socket' : st.isCharacterDevice() || st.isBlockDevice() ? 'device' : 'other'

/** The reason code for a message (i18n REASONS): `is-directory` or `not-regular`. */
export const notFileReason = (e: NotRegularFile): string => (e.kind === 'directory' ? 'is-directory' : 'not-regular')

const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0)

/** A regular file, open for reading, and its size when opened. Errors keep Node's codes (ENOENT, EACCES, …). */
export const openRegular = async (path: string): Promise<{ fh: FileHandle; size: number }> => {
  const before = await stat(path)
  if (!before.isFile()) throw new NotRegularFile(kindOf(before))
  const fh = await open(path, FLAGS)
  try {
    const st = await fh.stat()
    if (!st.isFile()) throw new NotRegularFile(kindOf(st))
    // Replaced between the look and the open: not the file that was looked at.
    if (st.dev !== before.dev || st.ino !== before.ino) throw new NotRegularFile('other')
    return { fh, size: st.size }
  } catch (e) {
    await fh.close()
    throw e
  }
}

const CHUNK = 1 << 20

/** Read `fh` from the start, at most `size` bytes, handing each piece to `take`. */
const readUpTo = async (fh: FileHandle, size: number, take: (b: Uint8Array) => void): Promise<number> => {
  const buf = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(1, size)))
  let pos = 0
  while (pos < size) {
    const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, size - pos), pos)
    if (bytesRead === 0) break // shrank meanwhile: what was read is what there is
    take(buf.subarray(0, bytesRead))
    pos += bytesRead
  }
  return pos
}

/** A whole regular file of at most `max` bytes (FileTooLarge beyond). */
export const readRegular = async (path: string, max: number): Promise<Buffer> => {
  const { fh, size } = await openRegular(path)
  try {
    if (size > max) throw new FileTooLarge(size, max)
    const parts: Buffer[] = []
    await readUpTo(fh, size, (b) => parts.push(Buffer.from(b)))
    return Buffer.concat(parts)
  } finally {
    await fh.close()
  }
}

/**
 * The SHA-256 of a regular file and the bytes hashed, streamed (no copy held). A file
 * larger than `max` is refused unread; one that grows meanwhile is hashed as it was opened.
 */
export const hashRegular = async (path: string, max: number): Promise<{ sha256: string; bytes: number }> => {
  const { fh, size } = await openRegular(path)
  try {
    if (size > max) throw new FileTooLarge(size, max)
    const hash = createHash('sha256')
    const bytes = await readUpTo(fh, size, (b) => hash.update(b))
    return { sha256: hash.digest('hex'), bytes }
  } finally {
    await fh.close()
  }
}
