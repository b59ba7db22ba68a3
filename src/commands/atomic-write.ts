/**
 * The one way kaohe writes a file: exports, manifests, `policy init`, `template`, verify's
 * re-runs (SPEC §4).
 *
 * - Every file is first written to a temporary file in its target's folder
 *   (`.NAME.PID.RANDOM.tmp`), created exclusively (O_EXCL, never through a link), mode 0600
 *   unless the caller says otherwise, written whole and flushed (fsync).
 * - Files are written as a SET ({@link OutputSet}): all members go to temporary files first;
 *   only when every one is complete are they moved into place, in the order staged (the
 *   manifest last). If a move fails, the members already moved are put back: the previous
 *   files, kept meanwhile as hard links (`.NAME.PID.RANDOM.bak`), are renamed back, and new
 *   names are removed. A run that cannot commit leaves the previous set as it was, or no set.
 * - An existing file is never truncated or written in place: it is replaced by a rename, so
 *   a reader sees the old file or the whole new one. A symbolic link at the target is
 *   replaced itself (with --force); the file it points to is never touched.
 * - Without --force an existing name (file, link, even a dangling link) is refused (exit 73);
 *   the new file is hard-linked to its name, which fails if the name appeared meanwhile.
 *
 * Every temporary file, backup and lock is tracked in cleanup.ts, so an interruption
 * removes it. The steps are synchronous: a worker thread stopped on a signal stops between
 * two of them, never with a create still running in the thread pool.
 */
import { randomBytes } from 'node:crypto'
import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { OutputError, UsageError } from '../errors.js'
import { track, uninterrupted, untrack } from './cleanup.js'

/** Exports and manifests hold personal data: readable and writable by their owner only (SPEC §4). */
export const OUTPUT_MODE = 0o600
/** Files that hold no personal data and are meant to be shared (a policy, a blank template): 0644 less the umask. */
export const SHARED_MODE = 0o644

const reasonOf = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e))
const codeOf = (e: unknown): string | undefined => (e as NodeJS.ErrnoException).code

/** An error of the file system as exit 73, naming the file as the user gave it. */
const failed = (file: string, e: unknown): OutputError =>
  e instanceof OutputError ? e : new OutputError({ code: 'output-failed', params: { file, reason: reasonOf(e) } }, { cause: e })

/** Link calls that fail where the file system has no hard links (FAT, some network shares). */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK'])

const lstatOrNull = (path: string): Stats | null => {
  try {
    return lstatSync(path)
  } catch (e) {
    if (codeOf(e) === 'ENOENT' || codeOf(e) === 'ENOTDIR') return null
    throw e
  }
}

const removeQuietly = (path: string): void => {
  try {
    rmSync(path, { force: true })
  } catch {
    // It cannot be removed (the folder went away, or is read-only now): nothing more to do.
  }
}

/**
 * A hidden name beside `target` for a temporary file or a backup. The target's own name is
 * kept (shortened: a name near the 255-byte limit plus the suffix would be too long) so
 * that a leftover after a `kill -9` says what it was.
 */
export const siblingName = (target: string, kind: 'tmp' | 'bak' | 'lock-tmp'): string => {
  const name = Array.from(basename(target)).slice(0, 60).join('')
  return join(dirname(target), `.${name}.${process.pid}.${randomBytes(6).toString('hex')}.${kind}`)
}

const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0

/** Open `path` for writing, created exclusively (never through a link). Tracked before it exists. */
const openExclusive = (path: string, mode: number): number => {
  track(path)
  try {
    return openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW, mode)
  } catch (e) {
    untrack(path)
    throw e
  }
}

const writeAll = (fd: number, data: Uint8Array): void => {
  for (let at = 0; at < data.length; ) at += writeSync(fd, data, at, data.length - at)
}

const closeQuietly = (fd: number): void => {
  try {
    closeSync(fd)
  } catch {
    // The write's error is the one to report.
  }
}

/**
 * Create `path` exclusively (never through a link), write all of `data`, flush it. Tracked
 * before it exists; on failure removed and untracked, and the error thrown.
 */
export const createExclusive = (path: string, data: Uint8Array, mode: number): void => {
  const fd = openExclusive(path, mode)
  try {
    writeAll(fd, data)
    fsyncSync(fd)
    closeSync(fd)
  } catch (e) {
    closeQuietly(fd)
    removeQuietly(path)
    untrack(path)
    throw e
  }
}

/** Flush a folder's entries (the renames in it) to disk; where that is not possible, go on. */
const syncFolder = (dir: string): void => {
  try {
    const fd = openSync(dir, constants.O_RDONLY)
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    // Some file systems cannot open or flush a folder: the renames stand all the same.
  }
}

/** Refuse a name that exists (a file, a folder, a link — even a dangling one): exit 73, naming it. */
export const refuseExisting = async (file: string): Promise<void> => {
  if (lstatOrNull(resolve(file)) !== null) throw new OutputError({ code: 'output-exists', params: { file } })
}

/**
 * Can files be created in the folder that will hold `file`?  Tried for real (a probe file is
 * created and removed), since permission bits do not tell: root ignores them, and a
 * read-only file system does not show in them. Exit 73 when not, and for a name that is a
 * folder.
 */
export const probeFolder = async (file: string): Promise<void> => {
  const target = resolve(file)
  try {
    if (lstatOrNull(target)?.isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' })
    const probe = siblingName(target, 'tmp')
    createExclusive(probe, new Uint8Array(0), OUTPUT_MODE)
    removeQuietly(probe)
    untrack(probe)
  } catch (e) {
    throw failed(file, e)
  }
}

/** One member of a set, staged: its bytes are complete and flushed in `tmp` (`fd` null), or still being written. */
interface Staged {
  file: string
  target: string
  tmp: string
  /** Open while the member is written piece by piece (`open`); null once complete. */
  fd: number | null
}

/** A member of a set written piece by piece: `write` each piece, then `finish` (flushed and closed). */
export interface StagedWriter {
  write: (data: Uint8Array) => void
  finish: () => void
}

/** A member moved into place (or on its way), with what it takes to undo it. */
interface Placed {
  s: Staged
  /** The previous file (or link), kept under another name while the set is committed. */
  backup: string | null
  /** The backup is a hard link (the previous file is still at its name until the rename). */
  linked: boolean
  /** The new file is at its name. */
  placed: boolean
}

/**
 * Files written together, all or none: `stage` each (a complete temporary file), then
 * `commit` (every one moved into place, or none), or `discard` (the temporary files removed).
 */
export class OutputSet {
  private staged: Staged[] = []

  constructor(private readonly force: boolean) {}

  /** Write `data` to a temporary file beside `file` (exit 73 if it cannot be written). */
  stage(file: string, data: Uint8Array, mode: number = OUTPUT_MODE): void {
    const target = resolve(file)
    const tmp = siblingName(target, 'tmp')
    try {
      createExclusive(tmp, data, mode)
    } catch (e) {
      throw failed(file, e)
    }
    this.staged.push({ file, target, tmp, fd: null })
  }

  /**
   * A member written piece by piece into its temporary file beside `file` (created as
   * `stage` creates it), so that no output need be held whole in memory: `write` each
   * piece, then `finish`. Until then the member is not complete and the set cannot be
   * committed; `discard` closes and removes it like any other. Exit 73 if it cannot be written.
   */
  open(file: string, mode: number = OUTPUT_MODE): StagedWriter {
    const target = resolve(file)
    const tmp = siblingName(target, 'tmp')
    let fd: number
    try {
      fd = openExclusive(tmp, mode)
    } catch (e) {
      throw failed(file, e)
    }
    const s: Staged = { file, target, tmp, fd }
    this.staged.push(s)
    return {
      write: (data) => {
        if (s.fd === null) throw new Error(`${file}: written after it was finished or discarded`)
        try {
          writeAll(s.fd, data)
        } catch (e) {
          throw failed(file, e)
        }
      },
      finish: () => {
        if (s.fd === null) throw new Error(`${file}: finished twice, or after it was discarded`)
        try {
          fsyncSync(s.fd)
          closeSync(s.fd)
          s.fd = null
        } catch (e) {
          throw failed(file, e)
        }
      },
    }
  }

  /** Remove every temporary file staged (after a failure; nothing at any target is touched). */
  discard(): void {
    for (const s of this.staged) {
      if (s.fd !== null) closeQuietly(s.fd)
      s.fd = null
      removeQuietly(s.tmp)
      untrack(s.tmp)
    }
    this.staged = []
  }

  /**
   * Move every staged file into place, in the order staged, or none: if one cannot be moved,
   * those already moved are undone (the previous files back, new names removed), every
   * temporary file is removed, and the error is thrown (exit 73). Held off from signals
   * (cleanup.ts): an interruption comes before the first rename or after the last.
   */
  commit(): void {
    const open = this.staged.find((s) => s.fd !== null)
    if (open !== undefined) throw new Error(`${open.file}: the set was committed before this member was finished`)
    uninterrupted(() => {
      const done: Placed[] = []
      try {
        for (const s of this.staged) {
          const p: Placed = { s, backup: null, linked: false, placed: false }
          done.push(p)
          this.place(p)
        }
      } catch (e) {
        undo(done)
        this.discard()
        throw e
      }
      for (const p of done) {
        if (p.backup !== null) {
          removeQuietly(p.backup)
          untrack(p.backup)
        }
      }
      for (const dir of new Set(this.staged.map((s) => dirname(s.target)))) syncFolder(dir)
      this.staged = []
    })
  }

  private place(p: Placed): void {
    const { s } = p
    try {
      if (!this.force) {
        placeNew(s)
      } else {
        const old = lstatOrNull(s.target)
        if (old?.isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' })
        if (old !== null) {
          // Keep the previous file (or the link itself: link(2) does not follow it) until the set is in place.
          p.backup = siblingName(s.target, 'bak')
          track(p.backup)
          try {
            linkSync(s.target, p.backup)
            p.linked = true
          } catch (e) {
            if (!NO_LINKS.has(codeOf(e) ?? '')) throw e
            renameSync(s.target, p.backup)
          }
        }
        renameSync(s.tmp, s.target)
        untrack(s.tmp)
      }
      p.placed = true
    } catch (e) {
      throw failed(s.file, e)
    }
  }
}

/** Without --force: the new file gets its name only if the name is free (no race can clobber one). */
const placeNew = (s: Staged): void => {
  try {
    linkSync(s.tmp, s.target)
  } catch (e) {
    if (codeOf(e) === 'EEXIST') throw new OutputError({ code: 'output-exists', params: { file: s.file } })
    if (!NO_LINKS.has(codeOf(e) ?? '')) throw e
    if (lstatOrNull(s.target) !== null) throw new OutputError({ code: 'output-exists', params: { file: s.file } })
    renameSync(s.tmp, s.target)
    untrack(s.tmp)
    return
  }
  removeQuietly(s.tmp)
  untrack(s.tmp)
}

/**
 * Put back what a failed commit changed, last first. A previous file that cannot be put back
 * stays under its backup name (it is untracked, so it survives the cleanup).
 */
const undo = (done: Placed[]): void => {
  for (const p of [...done].reverse()) {
    try {
      if (p.backup !== null && (p.placed || !p.linked)) renameSync(p.backup, p.s.target)
      else if (p.placed) unlinkSync(p.s.target)
      if (p.backup !== null) {
        removeQuietly(p.backup)
        untrack(p.backup)
      }
    } catch {
      if (p.backup !== null) untrack(p.backup)
    }
  }
}

/**
 * Temporary files a killed run left beside `file` (`kill -9`, a power cut: no handler ran).
 * Call only while holding the lock of `file` (output-lock.ts): no other run is writing it,
 * so every `.NAME.PID.RANDOM.tmp` there is a leftover — and it holds personal data. They
 * are removed; the paths removed are returned. Backups (`.bak`) are left: after a crash in
 * the middle of a commit they are the previous files.
 */
export const removeLeftovers = (file: string): string[] => removeSiblings(file, 'tmp')

/**
 * Backups a run killed in the middle of its commit left beside `file` (`.NAME.PID.RANDOM.bak`:
 * the previous file, kept while the set was moved into place). Call only once this run's own
 * set is committed, while holding the lock of `file`: every member is then this run's, and
 * such a backup is a previous run's file that nothing refers to — personal data left behind.
 * Before that it may be the only copy of the previous file (on a file system without hard
 * links the previous file is renamed to its backup name), so it is kept. The paths removed
 * are returned.
 */
export const removeStaleBackups = (file: string): string[] => removeSiblings(file, 'bak')

/** The `.NAME.PID.RANDOM.KIND` files beside `file` (a file, or for a backup a link kept as itself), removed. */
const removeSiblings = (file: string, kind: 'tmp' | 'bak'): string[] => {
  const target = resolve(file)
  const prefix = `.${Array.from(basename(target)).slice(0, 60).join('')}.`
  const pattern = kind === 'tmp' ? /^\d+\.[0-9a-f]{12}\.tmp$/ : /^\d+\.[0-9a-f]{12}\.bak$/
  const removed: string[] = []
  let entries: string[]
  try {
    entries = readdirSync(dirname(target))
  } catch {
    return removed
  }
  for (const e of entries.sort()) {
    if (!e.startsWith(prefix) || !pattern.test(e.slice(prefix.length))) continue
    const path = join(dirname(target), e)
    try {
      const st = lstatSync(path)
      if (!(st.isFile() || (kind === 'bak' && st.isSymbolicLink()))) continue
      unlinkSync(path)
      removed.push(path)
    } catch {
      // Gone meanwhile, or not ours to remove.
    }
  }
  return removed
}

/** One file written atomically: a set of one. */
export const writeFileAtomic = async (file: string, data: Uint8Array, force: boolean, mode: number = OUTPUT_MODE): Promise<void> => {
  const set = new OutputSet(force)
  try {
    set.stage(file, data, mode)
    set.commit()
  } catch (e) {
    set.discard()
    throw e
  }
}

// ---------------------------------------------------------------- the identity of files

/** A file's identity: device and inode (the same file under any path, bind mount or hard link). */
const idOf = (st: { dev: bigint; ino: bigint }): string => `${st.dev}:${st.ino}`

/** The identities of an existing name: the name's own file (a link itself), and what a link points to. */
const statIds = (path: string): { own: string | null; followed: string | null } => {
  try {
    const l = lstatSync(path, { bigint: true })
    let followed: string | null = null
    if (l.isSymbolicLink()) {
      try {
        followed = idOf(statSync(path, { bigint: true }))
      } catch {
        // A dangling link: it points at no file.
      }
    }
    return { own: idOf(l), followed }
  } catch {
    return { own: null, followed: null }
  }
}

/** The identity of a name: its folder's device and inode, and the name in it. */
const nameId = (path: string): string | null => {
  const target = resolve(path)
  try {
    return `${idOf(statSync(dirname(target), { bigint: true }))}/${basename(target)}`
  } catch {
    return null
  }
}

/** The file an input is (following links, as reading does); the file behind standard input, if it is one. */
const inputId = (path: string | null): string | null => {
  try {
    if (path === null) {
      const st = fstatSync(0, { bigint: true })
      return st.isFile() ? idOf(st) : null
    }
    return idOf(statSync(path, { bigint: true }))
  } catch {
    return null
  }
}

/**
 * Refuse (usage error, exit 2, before anything is read or written) an output named twice or
 * an output that is an input, compared by device and inode, not by spelling: a bind mount,
 * a hard link, a symbolic link (either way) or `a/../b` are all seen. Outputs are the same
 * when their names are (the folder's device and inode, and the name in it: this covers
 * outputs that do not exist yet) or when they are one existing file (a case-insensitive
 * file system). An output is an input when its file, or the file its link points to, is
 * the input's file. `inputs` are file paths; `null` stands for standard input (when it is a
 * redirected file).
 */
export const refuseClashes = (outputs: string[], inputs: Array<string | null>): void => {
  const names = new Map<string, string>()
  const files = new Map<string, string>()
  for (const o of outputs) {
    const ids = statIds(resolve(o))
    const keys = [nameId(o), ids.own].filter((k): k is string => k !== null)
    if (keys.some((k) => names.has(k))) throw new UsageError('out-given-twice', { file: o })
    for (const k of keys) names.set(k, o)
    for (const k of [ids.own, ids.followed]) if (k !== null) files.set(k, o)
  }
  for (const i of inputs) {
    const id = inputId(i)
    const clash = id === null ? undefined : files.get(id)
    if (clash !== undefined) throw new UsageError('out-is-input', { file: clash })
  }
}
