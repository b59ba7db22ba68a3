import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { OUTPUT_MODE, OutputSet, probeFolder, writeFileAtomic } from '../../src/commands/atomic-write.js'
import { removeTracked, track, trackedPaths, untrack } from '../../src/commands/cleanup.js'
import { lockOutputs } from '../../src/commands/output-lock.js'
import { EXIT, OutputError } from '../../src/errors.js'
import { dict } from '../../src/i18n/index.js'
import { tempDir } from '../exports-helpers.js'
import { readOnlyFolder } from '../support/privileges.js'

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s)
const code = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p
    return 'ok'
  } catch (e) {
    expect(e).toBeInstanceOf(OutputError)
    expect((e as OutputError).exitCode).toBe(EXIT.cantCreate)
    return (e as OutputError).msg.code
  }
}

describe('writeFileAtomic', () => {
  it('creates the file readable by its owner only, whatever the umask', async () => {
    const dir = tempDir()
    const old = process.umask(0)
    try {
      await writeFileAtomic(join(dir, 'a.json'), bytes('{}\n'), false)
    } finally {
      process.umask(old)
    }
    expect((await stat(join(dir, 'a.json'))).mode & 0o777).toBe(OUTPUT_MODE)
    expect(await readFile(join(dir, 'a.json'), 'utf8')).toBe('{}\n')
    expect(await readdir(dir)).toEqual(['a.json']) // no temporary file left behind
  })

  it('refuses an existing file without force (73) and leaves it untouched', async () => {
    const dir = tempDir()
    const file = join(dir, 'a.csv')
    await writeFile(file, 'old')
    expect(await code(writeFileAtomic(file, bytes('new'), false))).toBe('output-exists')
    expect(await readFile(file, 'utf8')).toBe('old')
    expect(await readdir(dir)).toEqual(['a.csv'])
  })

  it('replaces an existing file with force, and the new one is 0600 too', async () => {
    const dir = tempDir()
    const file = join(dir, 'a.csv')
    await writeFile(file, 'old', { mode: 0o644 })
    await writeFileAtomic(file, bytes('new'), true)
    expect(await readFile(file, 'utf8')).toBe('new')
    expect((await stat(file)).mode & 0o777).toBe(OUTPUT_MODE)
  })

  it('fails with 73 where the folder is missing or is a file, and cleans up', async () => {
    const dir = tempDir()
    await writeFile(join(dir, 'plain'), '')
    expect(await code(writeFileAtomic(join(dir, 'missing', 'a.json'), bytes('x'), false))).toBe('output-failed')
    expect(await code(writeFileAtomic(join(dir, 'plain', 'a.json'), bytes('x'), false))).toBe('output-failed')
    expect(await code(probeFolder(join(dir, 'plain', 'a.json')))).toBe('output-failed')
    expect(await readdir(dir)).toEqual(['plain'])
  })

  it('fails with 73 on a folder the process may not write (even as root: /sys)', async () => {
    expect(await code(probeFolder('/sys/kaohe-probe.json'))).toBe('output-failed')
  })

  it('fails with 73 on a read-only folder (chmod 0500; as root, a read-only tmpfs)', async (ctx) => {
    const ro = readOnlyFolder()
    if ('skip' in ro) return ctx.skip(ro.skip)
    try {
      expect(await code(writeFileAtomic(join(ro.dir, 'a.json'), bytes('x'), false))).toBe('output-failed')
      expect(await readdir(ro.dir)).toEqual([])
    } finally {
      ro.done()
    }
  })

  it('replaces a file while it exists, so a reader never sees a missing or partial file', async () => {
    const dir = tempDir()
    const file = join(dir, 'big.json')
    const one = bytes('1'.repeat(1 << 20))
    const two = bytes('2'.repeat(1 << 20))
    await writeFileAtomic(file, one, false)
    const seen = new Set<string>()
    let done = false
    const reader = (async () => {
      while (!done) {
        const text = await readFile(file, 'latin1')
        seen.add(`${text.length}:${text[0]}${text[text.length - 1]}`)
      }
    })()
    for (let i = 0; i < 10; i++) await writeFileAtomic(file, i % 2 ? one : two, true)
    done = true
    await reader
    for (const s of seen) expect(['1048576:11', '1048576:22']).toContain(s)
  })
})

describe('OutputSet: all members in place, or none', () => {
  const setOf = (dir: string) => {
    for (const n of ['a.csv', 'b.json', 'm.json']) writeFileSync(join(dir, n), `old ${n}`)
    return Object.fromEntries(['a.csv', 'b.json', 'm.json'].map((n) => [n, lstatSync(join(dir, n)).ino]))
  }

  it('a member that cannot be moved into place (its name became a folder): the ones moved are put back, the very same files', async () => {
    const dir = tempDir()
    const inodes = setOf(dir)
    const set = new OutputSet(true)
    set.stage(join(dir, 'a.csv'), bytes('new a'))
    set.stage(join(dir, 'b.json'), bytes('new b'))
    set.stage(join(dir, 'c.html'), bytes('new c'))
    set.stage(join(dir, 'm.json'), bytes('new manifest'))
    mkdirSync(join(dir, 'c.html')) // between staging and commit
    expect(await code(Promise.resolve().then(() => set.commit()))).toBe('output-failed')
    for (const n of ['a.csv', 'b.json', 'm.json']) {
      expect(readFileSync(join(dir, n), 'utf8')).toBe(`old ${n}`)
      expect(lstatSync(join(dir, n)).ino).toBe(inodes[n])
    }
    expect((await readdir(dir)).sort()).toEqual(['a.csv', 'b.json', 'c.html', 'm.json']) // no temporary file, no backup
    expect(trackedPaths()).toEqual([])
  })

  it('without --force, a name taken meanwhile: the members already linked are removed again', async () => {
    const dir = tempDir()
    const set = new OutputSet(false)
    set.stage(join(dir, 'a.csv'), bytes('new a'))
    set.stage(join(dir, 'm.json'), bytes('new manifest'))
    writeFileSync(join(dir, 'm.json'), 'someone else')
    expect(await code(Promise.resolve().then(() => set.commit()))).toBe('output-exists')
    expect(await readdir(dir)).toEqual(['m.json'])
    expect(readFileSync(join(dir, 'm.json'), 'utf8')).toBe('someone else')
  })

  it('a symbolic link at a member is replaced itself with --force; its target is untouched', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'target.txt'), 'keep')
    symlinkSync('target.txt', join(dir, 'a.csv'))
    await writeFileAtomic(join(dir, 'a.csv'), bytes('new'), true)
    expect(lstatSync(join(dir, 'a.csv')).isSymbolicLink()).toBe(false)
    expect(readFileSync(join(dir, 'target.txt'), 'utf8')).toBe('keep')
    // Without --force even a dangling link is an existing name.
    symlinkSync('nowhere', join(dir, 'b.csv'))
    expect(await code(writeFileAtomic(join(dir, 'b.csv'), bytes('new'), false))).toBe('output-exists')
  })

  it('a member written piece by piece (open): tracked from the start, complete only once finished, committed with the rest', async () => {
    const dir = tempDir()
    const set = new OutputSet(false)
    const w = set.open(join(dir, 'a.json'))
    expect(trackedPaths()).toHaveLength(1)
    expect(trackedPaths()[0]).toMatch(/\/\.a\.json\.\d+\.[0-9a-f]{12}\.tmp$/)
    for (const piece of ['{"a"', ': 1', '}\n']) w.write(bytes(piece))
    // Not finished: the set cannot be committed, and nothing is at the name.
    expect(() => set.commit()).toThrow(/before this member was finished/)
    expect(existsSync(join(dir, 'a.json'))).toBe(false)
    w.finish()
    expect(() => w.write(bytes('more'))).toThrow(/after it was finished/)
    set.stage(join(dir, 'm.json'), bytes('manifest'))
    set.commit()
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('{"a": 1}\n')
    expect((await stat(join(dir, 'a.json'))).mode & 0o777).toBe(OUTPUT_MODE)
    expect((await readdir(dir)).sort()).toEqual(['a.json', 'm.json'])
    expect(trackedPaths()).toEqual([])
  })

  it('a member being written is closed and removed by discard (a failure mid-render): nothing left, nothing tracked', async () => {
    const dir = tempDir()
    const set = new OutputSet(false)
    set.stage(join(dir, 'a.csv'), bytes('done'))
    const w = set.open(join(dir, 'b.html'))
    w.write(bytes('<!DOCTYPE html>'))
    set.discard()
    expect(await readdir(dir)).toEqual([])
    expect(trackedPaths()).toEqual([])
    expect(() => w.write(bytes('x'))).toThrow()
  })

  it('temporary files are tracked for a signal while staged, and untracked once committed or discarded', () => {
    const dir = tempDir()
    const set = new OutputSet(false)
    set.stage(join(dir, 'a.csv'), bytes('x'))
    expect(trackedPaths()).toHaveLength(1)
    expect(trackedPaths()[0]).toMatch(/\/\.a\.csv\.\d+\.[0-9a-f]{12}\.tmp$/)
    set.discard()
    expect(trackedPaths()).toEqual([])
    expect(existsSync(join(dir, 'a.csv'))).toBe(false)
  })
})

describe('cleanup registry', () => {
  it('removes what is tracked (files and folders), and nothing untracked', () => {
    const dir = tempDir()
    const [f, d, kept] = [join(dir, 'f.tmp'), join(dir, 'd'), join(dir, 'kept')]
    track(f)
    writeFileSync(f, 'x')
    track(d)
    mkdirSync(d)
    writeFileSync(join(d, 'inside'), 'x')
    track(kept)
    writeFileSync(kept, 'x')
    untrack(kept)
    removeTracked()
    expect(existsSync(f) || existsSync(d)).toBe(false)
    expect(existsSync(kept)).toBe(true)
    expect(trackedPaths()).toEqual([])
  })
})

describe('output locks', () => {
  it('a second lock on one output is refused (73, naming this process); released, it can be taken again', () => {
    const dir = tempDir()
    const first = lockOutputs([join(dir, 'a.csv'), join(dir, 'a.csv.manifest.json')])
    const e = (() => {
      try {
        lockOutputs([join(dir, 'b.csv'), join(dir, 'a.csv')])
      } catch (x) {
        return x as OutputError
      }
      throw new Error('the second lock was taken')
    })()
    expect(e.exitCode).toBe(EXIT.cantCreate)
    expect(e.msg).toMatchObject({ code: 'output-busy', params: { pid: process.pid } })
    // The locks the refused run took first (b.csv's) are gone again.
    expect(existsSync(join(dir, '.b.csv.kaohe-lock'))).toBe(false)
    first.release()
    expect(readdirSync(dir)).toEqual([])
    lockOutputs([join(dir, 'a.csv')]).release()
    expect(trackedPaths()).toEqual([])
  })
})

describe('write errors say what failed (issue 16 item 8)', () => {
  it('EACCES on a write is "no permission to write", with what to do, in both languages', () => {
    const zh = dict('zh').message('output-failed', { file: '审计/结果.xlsx', reason: 'EACCES' })
    expect(zh).toContain('审计/结果.xlsx')
    expect(zh).toContain('没有写入权限')
    expect(zh).not.toContain('读取')
    const en = dict('en').message('output-failed', { file: 'audit/r.xlsx', reason: 'EACCES' })
    expect(en).toContain('audit/r.xlsx')
    expect(en).toContain('no permission to write')
    expect(en).not.toContain('read')
    // Reading keeps its own words.
    expect(dict('zh').message('file-unreadable', { file: 'x.csv', reason: 'EACCES' })).toContain('没有读取权限')
  })
})
