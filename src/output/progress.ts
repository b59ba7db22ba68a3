import { type Dict, fill } from '../i18n/index.js'
import type { Table } from '../input/table.js'
import { terminalSafe } from './terminal.js'

/** Where progress goes: stderr, only when it is a terminal (SPEC §5); tests give their own. */
export interface ProgressSink {
  write: (s: string) => void
  isTTY: boolean
}

/** One moment of reading a file. */
export interface ProgressState {
  file: string
  rows: number
  bytes: number
  total: number | null
  elapsedMs: number
}

const MB = 1024 * 1024
const mb = (n: number): string => (n / MB).toFixed(1)
const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')

/** The progress line: rows, MB read (of the total), rate, and the time left from the file size. */
export const renderProgress = (s: ProgressState, d: Dict): string => {
  const seconds = s.elapsedMs / 1000
  const rate = seconds > 0 ? s.bytes / MB / seconds : 0
  // The file's name as given: shown escaped, like every name on a terminal.
  const p = { file: terminalSafe(s.file, 120), rows: grouped(s.rows), mb: mb(s.bytes), rate: rate.toFixed(1) }
  if (s.total === null || s.total <= 0) return fill(d.ui.progressNoTotal, p)
  const left = rate > 0 ? Math.max(0, Math.ceil((s.total - s.bytes) / MB / rate)) : '?'
  return fill(d.ui.progress, { ...p, total: mb(s.total), eta: left })
}

/** What the reader calls: `onTable` as each file opens, `done` when reading is over. */
export interface ProgressReporter {
  onTable: (table: Table) => void
  done: () => void
}

/**
 * Progress on a terminal: a line redrawn in place (carriage return, erase to the end),
 * every `intervalMs` once a file has taken `afterMs` (small files show nothing), erased
 * when reading ends so that the report starts on a clean line. Not a terminal: nothing.
 * The timer is unref'd: it never keeps the process alive.
 */
export const progressReporter = (
  sink: ProgressSink,
  d: Dict,
  opts: { now?: () => number; intervalMs?: number; afterMs?: number } = {},
): ProgressReporter => {
  if (!sink.isTTY) return { onTable: () => {}, done: () => {} }
  const now = opts.now ?? (() => performance.now())
  const intervalMs = opts.intervalMs ?? 250
  const afterMs = opts.afterMs ?? 500
  let timer: ReturnType<typeof setInterval> | null = null
  let shown = false
  let table: Table | null = null
  let started = 0
  const draw = (): void => {
    if (table === null) return
    const elapsedMs = now() - started
    if (elapsedMs < afterMs) return
    const p = table.progress()
    sink.write(`\r${renderProgress({ file: table.file, rows: p.rows ?? 0, bytes: p.bytes, total: p.total, elapsedMs }, d)}\u001b[K`)
    shown = true
  }
  return {
    onTable: (t) => {
      table = t
      started = now()
      if (timer === null) {
        timer = setInterval(draw, intervalMs)
        timer.unref()
      }
    },
    done: () => {
      if (timer !== null) clearInterval(timer)
      timer = null
      table = null
      if (shown) sink.write('\r\u001b[K')
      shown = false
    },
  }
}
