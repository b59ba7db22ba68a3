/**
 * One run at a time per output: before a run writes its set, it takes a lock beside every
 * member, `.NAME.kaohe-lock`, so two runs on one `--out` (with or without --force) never
 * interleave; the set on disk is always one run's (SPEC §4).
 *
 * A lock is a small file holding the owner's process id, host and a random token. It is
 * written whole under a temporary name and hard-linked to the lock's name, which fails if
 * the lock exists: the second run is refused at once (exit 73, naming the other process and
 * the lock file) rather than waiting — a batch job should learn of the clash, not hang.
 *
 * A lock left by a process that no longer exists (a `kill -9`, a crash) is stale: on the
 * same host, a process id that does not answer `kill(pid, 0)` is taken as gone, and the
 * lock is broken — moved aside, checked to be the same stale lock, removed — and taken. A
 * lock from another host (a shared folder) is never broken: the message says to delete it
 * once that run is known to be over.
 *
 * Locks are tracked in cleanup.ts (removed on a signal) and released when the run ends;
 * a release removes only the lock this run wrote.
 */
import { randomBytes } from 'node:crypto'
import { linkSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { hostname } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { OutputError } from '../errors.js'
import { createExclusive, OUTPUT_MODE, siblingName } from './atomic-write.js'
import { track, untrack } from './cleanup.js'

export interface OutputLock {
  /** Remove every lock this run holds (idempotent). */
  release(): void
}

/** The lock file of an output: hidden, beside it. */
export const lockPathOf = (file: string): string => {
  const target = resolve(file)
  return join(dirname(target), `.${basename(target)}.kaohe-lock`)
}

interface Owner {
  pid: number
  host: string
  token: string
}

const readOwner = (lock: string): { text: string; owner: Owner | null } | null => {
  let text: string
  try {
    text = readFileSync(lock, 'utf8')
  } catch {
    return null
  }
  try {
    const o = JSON.parse(text) as Partial<Owner>
    if (typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.token === 'string') return { text, owner: o as Owner }
  } catch {
    // Not a lock kaohe wrote: left alone.
  }
  return { text, owner: null }
}

/** Is the process `pid` on this host still running? (EPERM: it runs, as another user.) */
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH'
  }
}

const removeQuietly = (path: string): void => {
  try {
    rmSync(path, { force: true })
  } catch {
    // Nothing more can be done.
  }
}

const busy = (file: string, lock: string, owner: Owner | null): OutputError =>
  new OutputError({
    code: owner === null ? 'output-locked' : owner.host === hostname() ? 'output-busy' : 'output-busy-elsewhere',
    params: { file, lock, pid: owner?.pid ?? '?', host: owner?.host ?? '?' },
  })

/** Write our lock under a temporary name and link it to `lock`: true if taken, false if it exists. */
const tryTake = (lock: string, text: string): boolean => {
  const tmp = siblingName(lock, 'lock-tmp')
  createExclusive(tmp, new TextEncoder().encode(text), OUTPUT_MODE)
  try {
    linkSync(tmp, lock)
    track(lock)
    return true
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return false
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw e
    // No hard links here: an exclusive create of the lock itself (its content follows at once).
    try {
      createExclusive(lock, new TextEncoder().encode(text), OUTPUT_MODE)
      return true
    } catch (e2) {
      if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') return false
      throw e2
    }
  } finally {
    removeQuietly(tmp)
    untrack(tmp)
  }
}

/**
 * Break a stale lock: move it aside, and remove it only if what was moved is the stale lock
 * judged (not a live one another run took meanwhile — that one is put back).
 */
const breakStale = (lock: string, staleText: string): boolean => {
  const aside = siblingName(lock, 'bak')
  track(aside)
  try {
    renameSync(lock, aside)
  } catch {
    untrack(aside)
    return false
  }
  const moved = readOwner(aside)
  if (moved?.text === staleText) {
    removeQuietly(aside)
    untrack(aside)
    return true
  }
  try {
    linkSync(aside, lock)
  } catch {
    // Yet another run took the name: that one holds it now.
  }
  removeQuietly(aside)
  untrack(aside)
  return false
}

const takeOne = (file: string, lock: string, text: string): void => {
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryTake(lock, text)) return
    const held = readOwner(lock)
    if (held === null) continue // released meanwhile: try again
    const o = held.owner
    if (o === null || o.host !== hostname() || alive(o.pid)) throw busy(file, lock, o)
    if (!breakStale(lock, held.text)) continue
  }
  throw busy(file, lock, readOwner(lock)?.owner ?? null)
}

/**
 * Lock every output of a run (exit 73 if another run holds one; locks taken so far are
 * released). Resolves when every lock is held.
 */
export const lockOutputs = (files: string[]): OutputLock => {
  const text = `${JSON.stringify({ pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex') } satisfies Owner)}\n`
  const held: string[] = []
  const release = (): void => {
    for (const lock of held.splice(0)) {
      // Ours only: a lock that is not our text (broken as stale by mistake, retaken) is left.
      if (readOwner(lock)?.text === text) removeQuietly(lock)
      untrack(lock)
    }
  }
  const locks = [...new Map(files.map((f) => [lockPathOf(f), f])).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  try {
    for (const [lock, file] of locks) {
      try {
        takeOne(file, lock, text)
      } catch (e) {
        if (e instanceof OutputError) throw e
        throw new OutputError({ code: 'output-failed', params: { file, reason: (e as NodeJS.ErrnoException).code ?? String(e) } }, { cause: e })
      }
      held.push(lock)
    }
  } catch (e) {
    release()
    throw e
  }
  return { release }
}
