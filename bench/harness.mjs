// What the benchmarks share (`npm run bench`, `npm run bench:floor`): the generated data,
// made once, and measuring a command — wall time, CPU time and peak RSS of a child
// process, and the median of several runs.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { performance } from 'node:perf_hooks'
import { clearInterval, setInterval } from 'node:timers'
import { fileURLToPath } from 'node:url'

/** Generated files live here (git-ignored). */
export const DATA = fileURLToPath(new URL('./data/', import.meta.url))
/** Raise when the generator's output changes: files made by an older one are made again. */
const GENERATOR_VERSION = 1

export const label = (n) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n))
export const log = (s) => process.stderr.write(`${s}\n`)

/** Make a data file once; a .meta file records what made it, so a changed generator remakes it. */
export const ensure = (name, meta, make) => {
  mkdirSync(DATA, { recursive: true })
  const path = `${DATA}${name}`
  const metaPath = `${path}.meta.json`
  const want = JSON.stringify({ v: GENERATOR_VERSION, ...meta })
  if (existsSync(path) && existsSync(metaPath) && readFileSync(metaPath, 'utf8') === want) return path
  log(`generating ${name} …`)
  const t = performance.now()
  make(path)
  writeFileSync(metaPath, want)
  log(`  ${name}: ${(statSync(path).size / 1e6).toFixed(1)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`)
  return path
}

export const hasTime = existsSync('/usr/bin/time')
export const peakRssSource = hasTime ? 'GNU time %M' : '/proc VmHWM polled'

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

/**
 * Run a command with stdout to /dev/null (or kept, `keepStdout`): wall seconds, CPU seconds
 * (null without GNU time), peak RSS in MB, and the stdout text when kept. A non-zero exit
 * rejects with the start of its stderr.
 */
export const measure = (cmd, args, { keepStdout = false, env } = {}) =>
  new Promise((resolve, reject) => {
    const timeOut = `${tmpdir()}/kaohe-bench-${process.pid}.time.txt`
    const argv = hasTime ? ['-f', '%U %S %M', '-o', timeOut, cmd, ...args] : args
    const t0 = performance.now()
    const child = spawn(hasTime ? '/usr/bin/time' : cmd, argv, { stdio: ['ignore', keepStdout ? 'pipe' : 'ignore', 'pipe'], env: env ? { ...process.env, ...env } : process.env })
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', (b) => (stdout += b))
    child.stderr.on('data', (b) => (stderr += b))
    let hwm = 0
    // Without GNU time: the peak RSS as the kernel keeps it (VmHWM), read while the child runs.
    const poll = hasTime
      ? null
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))
            if (m) hwm = Math.max(hwm, Number(m[1]) / 1024)
          } catch {
            // gone
          }
        }, 20)
    child.on('error', reject)
    child.on('close', (code) => {
      const wall = (performance.now() - t0) / 1000
      if (poll) clearInterval(poll)
      let cpu = null
      let rss = hwm
      if (hasTime) {
        const [u, s, m] = readFileSync(timeOut, 'utf8').trim().split(/\s+/).slice(-3).map(Number)
        cpu = u + s
        rss = m / 1024
        rmSync(timeOut, { force: true })
      }
      if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr.slice(0, 500)}`))
      else resolve({ wall, cpu, rss, stdout })
    })
  })

/** `measure` n times: median wall and CPU, the highest peak RSS, every wall, every run. */
export const runs = async (n, cmd, args, opts) => {
  const rs = []
  for (let i = 0; i < n; i++) rs.push(await measure(cmd, args, opts))
  return {
    wall: median(rs.map((r) => r.wall)),
    cpu: rs[0].cpu === null ? null : median(rs.map((r) => r.cpu)),
    rss: Math.max(...rs.map((r) => r.rss)),
    walls: rs.map((r) => r.wall),
    all: rs,
  }
}
