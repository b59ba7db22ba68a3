/**
 * Issue 16 item 3: verify trusts no manifest. Each case is a manifest an attacker (or an
 * accident) could hand an auditor: files that are not files, endless files, a path where
 * a built-in policy id belongs, escape sequences, recorded fields that the re-run does
 * not give, no usable temporary folder. What verify reads (special files, endless files) and
 * where it writes (TMPDIR, signals) runs the built CLI, with a time limit and a small heap, so
 * that a verify that reads forever or fills memory fails here instead of hanging; what it
 * decides about a manifest's content runs in this process.
 */
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BIN, ROOT } from '../helpers.js'
import { kaoheInProcess } from '../support/in-process.js'

interface Outcome {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  ms: number
}

/** The built CLI with a 128 MB heap, killed after `timeoutMs`. */
const kaohe = (args: string[], cwd: string, env: Record<string, string | undefined> = {}, timeoutMs = 20_000): Promise<Outcome> =>
  new Promise((resolve, reject) => {
    const started = Date.now()
    const child = spawn(process.execPath, ['--max-old-space-size=128', BIN, ...args], {
      cwd,
      env: { PATH: process.env.PATH, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s))
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started })
    })
  })

/**
 * The same run in this process (test/support/in-process.ts): for what verify decides and says
 * about a manifest's content; what needs the real process (memory limit, special files,
 * TMPDIR, signals) runs the built CLI above.
 */
const kaoheHere = async (args: string[], cwd: string): Promise<Outcome> => {
  const started = Date.now()
  const o = await kaoheInProcess(args, { cwd })
  return { ...o, signal: null, ms: Date.now() - started }
}

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

let dir: string
let original: Json
const M = 'out/r.json.manifest.json'

/** Write a changed copy of the run's manifest beside it (paths in it are relative to its folder). */
const variant = (name: string, change: (m: Json) => void): string => {
  const m = structuredClone(original)
  change(m)
  const file = `out/${name}.manifest.json`
  writeFileSync(join(dir, file), JSON.stringify(m, null, 2))
  return file
}

/** No terminal control of any kind: C0 (but tab and line feed), DEL, C1, bidi overrides. */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/ // eslint-disable-line no-control-regex

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kaohe-verify-hostile-'))
  cpSync(join(ROOT, 'samples'), join(dir, 'samples'), { recursive: true })
  mkdirSync(join(dir, 'out'))
  const args = ['assess', '--votes', 'samples/votes-long.csv', '--roster', 'samples/roster.csv']
  const r = spawnSync(process.execPath, [BIN, ...args, '--out', 'out/r.json', '--out', 'out/r.csv', '--out', 'out/r.xlsx', '-q'], { cwd: dir, encoding: 'utf8' })
  expect(r.status, r.stderr).toBe(0)
  original = JSON.parse(readFileSync(join(dir, M), 'utf8')) as Json
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('verify reads only regular files, within limits', () => {
  it('the untouched manifest verifies', async () => {
    const o = await kaohe(['verify', M], dir)
    expect(o.code, o.stderr).toBe(0)
  })

  it('an output named as /dev/zero: a difference, at once, in little memory (was: read until memory ran out)', async () => {
    const o = await kaohe(['verify', variant('zero-out', (m) => (m.outputs[0].fromManifest = '/dev/zero')), '--lang', 'en'], dir)
    expect(o.signal).toBeNull()
    expect(o.code, o.stderr).toBe(1)
    expect(o.stderr).toContain('not a regular file')
    expect(o.stderr).toContain('out/r.json')
  })

  it.each([
    ['/dev/zero', () => '/dev/zero'],
    ['a FIFO nobody writes to', () => fifo('in.fifo')],
    ['a directory', () => join(dir, 'samples')],
  ])('an input that is %s: exit 66 at once (was: never returned)', async (_what, where) => {
    const path = where()
    const o = await kaohe(['verify', variant('odd-in', (m) => (m.inputs[1].fromManifest = path)), '--lang', 'en'], dir, {}, 10_000)
    expect(o.signal).toBeNull()
    expect(o.code, o.stderr).toBe(66)
    expect(o.stderr).toContain('samples/votes-long.csv')
    expect(o.stderr).toMatch(/not a regular file|a directory/)
  })

  it('a manifest that is a FIFO, /dev/zero or far too large: refused without reading it whole', async () => {
    for (const m of [fifo('m.fifo'), '/dev/zero']) {
      const o = await kaohe(['verify', m, '--lang', 'en'], dir, {}, 10_000)
      expect(o.signal, m).toBeNull()
      expect(o.code, o.stderr).toBe(66)
      expect(o.stderr).toContain('not a regular file')
    }
    writeFileSync(join(dir, 'out/huge.manifest.json'), Buffer.alloc(17 * 1024 * 1024, 0x20))
    const huge = await kaohe(['verify', 'out/huge.manifest.json', '--lang', 'en'], dir)
    expect(huge.code, huge.stderr).toBe(65)
    expect(huge.stderr).toContain('larger than')
  })

  it('an output file larger than recorded: changed, and never read past its recorded size', async () => {
    writeFileSync(join(dir, 'out/big.json'), Buffer.alloc(8 * 1024 * 1024, 0x20))
    const o = await kaohe(['verify', variant('big-out', (m) => (m.outputs[0].fromManifest = 'big.json')), '--lang', 'en'], dir)
    expect(o.code, o.stderr).toBe(1)
    expect(o.stderr).toContain('has been changed')
  })
})

describe('verify takes no path for a built-in policy and quotes no file', () => {
  it('policy.builtin naming a file: not a manifest, the file neither read nor quoted', async () => {
    writeFileSync(join(dir, 'secret.txt'), 'root:SECRET-HASH:19000:0:99999:7:::\n')
    for (const builtin of [join(dir, 'secret.txt'), '../secret.txt', '/etc/shadow']) {
      const o = await kaoheHere(['verify', variant('path-policy', (m) => (m.policy.builtin = builtin)), '--lang', 'en'], dir)
      expect(o.code, o.stderr).toBe(65)
      expect(o.stderr).toContain('policy.builtin')
      expect(o.stderr).not.toContain('SECRET')
      expect(o.stderr).not.toContain('root:')
    }
  })

  it('a manifest that is not JSON: its content is not quoted back', async () => {
    writeFileSync(join(dir, 'out/notjson.manifest.json'), 'root:SECRET-HASH:19000\n')
    const o = await kaoheHere(['verify', 'out/notjson.manifest.json', '--lang', 'en'], dir)
    expect(o.code).toBe(65)
    expect(o.stderr).not.toContain('SECRET')
  })

  it("an input's `given` naming another file is refused (the re-run reads only what the manifest hashes)", async () => {
    writeFileSync(join(dir, 'other.csv'), '票号,干部编号,测评等次\nP1,SECRET-ID,优秀\n')
    const o = await kaoheHere(['verify', variant('given', (m) => (m.inputs[1].given = join(dir, 'other.csv'))), '--lang', 'en'], dir)
    expect(o.code, o.stderr).toBe(65)
    expect(o.stderr).toContain('inputs.1.given')
    expect(o.stderr).not.toContain('SECRET')
  })
})

describe('verify prints no control character from a manifest', () => {
  const CLEAR = '\u001b[2J\u001b[H'
  const FAKE = `${CLEAR}\u001b]8;;https://evil.example/\u0007核验通过\u001b]8;;\u0007\r\u009b2J\u202e`
  it.each([['table', []], ['json', ['--format', 'json']]] as const)('%s: version, paths and time escaped', async (_f, extra) => {
    const file = variant('controls', (m) => {
      m.tool.version = `9.9.9-${FAKE}`
      m.outputs[1].path = `out/r${FAKE}.csv`
    })
    const o = await kaoheHere(['verify', file, ...extra], dir)
    expect(CONTROLS.test(o.stdout), JSON.stringify(o.stdout)).toBe(false)
    expect(CONTROLS.test(o.stderr), JSON.stringify(o.stderr)).toBe(false)
  })
  it('the version is a version: one with control characters is not a manifest', async () => {
    const o = await kaoheHere(['verify', variant('version', (m) => (m.tool.version = `0.1.0${CLEAR}`)), '--lang', 'en'], dir)
    expect(o.code).toBe(65)
    expect(o.stderr).toContain('tool.version')
    expect(CONTROLS.test(o.stderr)).toBe(false)
  })
})

describe('verify checks every recorded field, not only hashes', () => {
  it.each([
    ['rows', (m: Json) => (m.inputs[1].rows = 999999), 'rows'],
    ['format', (m: Json) => (m.inputs[1].format = 'tsv'), 'format'],
    ['encoding', (m: Json) => (m.inputs[1].encoding = 'gb18030'), 'encoding'],
    ['shape', (m: Json) => (m.inputs[1].shape = 'wide'), 'shape'],
    ['output bytes', (m: Json) => (m.outputs[0].bytes += 1), 'bytes'],
    ['policy id', (m: Json) => (m.policy.id = 'other'), 'policy.id'],
    ['policy version', (m: Json) => (m.policy.version = '1999'), 'policy.version'],
    ['options.policy', (m: Json) => (m.options.policy = 'local.json'), 'options.policy'],
  ])('%s changed: exit 1 naming the field (was: verified)', async (_what, change, field) => {
    const o = await kaoheHere(['verify', variant('field', change), '--lang', 'en'], dir)
    expect(o.code, o.stderr).toBe(1)
    expect(o.stderr).toContain(field)
  })

  it.each([
    ['an unknown key', (m: Json) => (m.options.extra = true), 'options'],
    ['an output whose format is not its extension', (m: Json) => (m.outputs[1].format = 'md'), 'outputs.1.format'],
    ['a delimiter of two characters', (m: Json) => (m.options.delimiter = ';;'), 'options.delimiter'],
    ['an unknown encoding', (m: Json) => (m.options.encoding = 'latin1'), 'options.encoding'],
    ['a time that is not one', (m: Json) => (m.time = 'yesterday'), 'time'],
    ['a negative row count', (m: Json) => (m.inputs[0].rows = -1), 'inputs.0.rows'],
  ])('%s: not a manifest (65), naming the field', async (_what, change, field) => {
    const o = await kaoheHere(['verify', variant('schema', change), '--lang', 'en'], dir)
    expect(o.code, o.stderr).toBe(65)
    expect(o.stderr).toContain(field)
  })
})

describe('verify needs no temporary folder', () => {
  it('TMPDIR missing or unusable: still verifies (was: exit 70)', async () => {
    for (const tmp of [join(dir, 'no-such-dir'), '/proc/version']) {
      const o = await kaohe(['verify', M], dir, { TMPDIR: tmp })
      expect(o.code, o.stderr).toBe(0)
    }
  })

  it('writes nothing into TMPDIR (so a kill leaves nothing behind)', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'kaohe-verify-tmp-'))
    try {
      const o = await kaohe(['verify', M], dir, { TMPDIR: tmp })
      expect(o.code, o.stderr).toBe(0)
      expect(readdirSync(tmp)).toEqual([])
    } finally {
      rmSync(tmp, { recursive: true, force: true })
    }
  })

  it('SIGTERM during verify: no report left in TMPDIR', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'kaohe-verify-tmp-'))
    try {
      const child = spawn(process.execPath, [BIN, 'verify', M], { cwd: dir, env: { PATH: process.env.PATH, TMPDIR: tmp }, stdio: 'ignore' })
      // Kill it as soon as it has started reading (or at once: either way nothing may remain).
      await new Promise((r) => setTimeout(r, 300))
      child.kill('SIGTERM')
      await new Promise((r) => child.on('close', r))
      expect(readdirSync(tmp)).toEqual([])
    } finally {
      rmSync(tmp, { recursive: true, force: true })
    }
  })
})

const fifo = (name: string): string => {
  const p = join(dir, name)
  if (!existsSync(p)) spawnSync('mkfifo', [p])
  return p
}
