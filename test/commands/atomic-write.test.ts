import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { OUTPUT_MODE, probeFolder, writeFileAtomic } from '../../src/commands/atomic-write.js'
import { EXIT, OutputError } from '../../src/errors.js'
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
