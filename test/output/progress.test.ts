import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { dict } from '../../src/i18n/index.js'
import type { Table } from '../../src/input/table.js'
import { progressReporter, renderProgress } from '../../src/output/progress.js'

const MB = 1024 * 1024

describe('progress line', () => {
  it('rows, MB of the total, rate and time left from the file size', () => {
    const line = renderProgress({ file: 'votes.csv', rows: 1_234_567, bytes: 50 * MB, total: 150 * MB, elapsedMs: 5000 }, dict('en'))
    expect(line).toBe('reading votes.csv: 1,234,567 rows · 50.0/150.0 MB · 10.0 MB/s · about 10 s left')
    expect(renderProgress({ file: '票.csv', rows: 10, bytes: 50 * MB, total: 150 * MB, elapsedMs: 5000 }, dict('zh'))).toBe(
      '读取 票.csv：10 行 · 50.0/150.0 MB · 10.0 MB/秒 · 约剩 10 秒',
    )
  })
  it('standard input: no total, no time left', () => {
    expect(renderProgress({ file: '-', rows: 5, bytes: 2 * MB, total: null, elapsedMs: 1000 }, dict('en'))).toBe('reading -: 5 rows · 2.0 MB · 2.0 MB/s')
  })
})

describe('progress reporter', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())
  const fakeTable = (): Table & { at: { bytes: number; rows: number } } => {
    const at = { bytes: 0, rows: 0 }
    return {
      file: 'big.csv',
      format: 'csv',
      header: { line: 1, cells: [] },
      rows: (async function* () {})(),
      encoding: () => 'utf-8',
      sha256: () => '',
      progress: () => ({ bytes: at.bytes, total: 100 * MB, rows: at.rows }),
      at,
    }
  }
  const run = (isTTY: boolean) => {
    const out: string[] = []
    let clock = 0
    const p = progressReporter({ write: (s) => out.push(s), isTTY }, dict('en'), { now: () => clock, intervalMs: 250, afterMs: 500 })
    const t = fakeTable()
    p.onTable(t)
    for (let i = 1; i <= 8; i++) {
      clock += 250
      t.at.bytes = i * 10 * MB
      t.at.rows = i * 1000
      vi.advanceTimersByTime(250)
    }
    p.done()
    return out
  }
  it('on a terminal: redraws one line in place after half a second, then erases it', () => {
    const out = run(true)
    expect(out.length).toBe(8) // ticks at 500…2000 ms, then the erase
    expect(out[0]).toBe('\rreading big.csv: 2,000 rows · 20.0/100.0 MB · 40.0 MB/s · about 2 s left\u001b[K')
    expect(out.at(-2)).toContain('8,000 rows · 80.0/100.0 MB')
    expect(out.at(-1)).toBe('\r\u001b[K')
  })
  it('not a terminal (or --quiet): nothing at all', () => {
    expect(run(false)).toEqual([])
  })
  it('a small file read within half a second shows nothing, not even the erase', () => {
    const out: string[] = []
    const p = progressReporter({ write: (s) => out.push(s), isTTY: true }, dict('en'), { now: () => 0 })
    p.onTable(fakeTable())
    vi.advanceTimersByTime(1000)
    p.done()
    expect(out).toEqual([])
  })
})
