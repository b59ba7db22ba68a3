import { LIST_MARK } from '../errors.js'
import type { ReportDoc } from './report.js'

/**
 * Text from input files, made safe to show on a terminal (the table, messages on stderr):
 * control characters — escape sequences that clear the screen or retitle the window, CR
 * and LF that forge a line of output — bidi overrides and line separators are shown as
 * visible escapes (`\x1B`, `\n`, `\u202E`), and a very long value is cut in the middle.
 * JSON and CSV keep the data exactly (JSON escapes control characters itself).
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/** The same characters, for a test that leaves no state behind (UNSAFE is global, for `replace`). */
const HAS_UNSAFE = new RegExp(UNSAFE.source)

const NAMED: Readonly<Record<number, string>> = { 9: '\\t', 10: '\\n', 13: '\\r' }

const escapeChar = (ch: string): string => {
  const c = ch.charCodeAt(0)
  return NAMED[c] ?? (c < 0x100 ? `\\x${c.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`)
}

/** A cut that does not split a surrogate pair. */
const cutAt = (s: string, i: number): number => {
  const c = s.charCodeAt(i - 1)
  return c >= 0xd800 && c <= 0xdbff ? i - 1 : i
}

/**
 * Escape what a terminal would act on; keep at most `max` characters, the start and the
 * end (where a message names the place and says what to do), marking how many were left out.
 */
export const terminalSafe = (s: string, max = 400): string => {
  if (s.length <= max && !HAS_UNSAFE.test(s)) return s
  const t = s.replace(UNSAFE, escapeChar)
  if (t.length <= max) return t
  const head = cutAt(t, Math.ceil(max * 0.55))
  const tail = cutAt(t, t.length - Math.floor(max * 0.45))
  return `${t.slice(0, head)}…(${tail - head})…${t.slice(tail)}`
}

/**
 * Text of several lines that will be read on a terminal all the same (`cat report.md`):
 * every character a terminal acts on shown as its visible escape, nothing cut, but its
 * line feeds kept.
 */
const LINES_UNSAFE = new RegExp(`(?!\\n)${UNSAFE.source}`, 'g')
export const linesEscaped = (s: string): string => (HAS_UNSAFE.test(s) ? s.replace(LINES_UNSAFE, escapeChar) : s)

/** CSV text on its way to a terminal: the same, but its record separators (CRLF) kept as they are. */
const CSV_UNSAFE = new RegExp(`\\r\\n|${UNSAFE.source}`, 'g')
export const terminalCsv = (s: string): string => (HAS_UNSAFE.test(s) ? s.replace(CSV_UNSAFE, (m) => (m === '\r\n' ? m : escapeChar(m))) : s)

/** Message parameters made safe one by one, so that a long value is cut, not the advice after it (a list: each item). */
export const terminalParams = (p: Readonly<Record<string, string | number>>, max = 400): Record<string, string | number> => {
  const out: Record<string, string | number> = {}
  for (const k of Object.keys(p)) {
    const v = p[k]!
    // A list's items are made safe one by one: the mark between them is the language's to replace (errors.ts listParam).
    out[k] = typeof v !== 'string' ? v : v.includes(LIST_MARK) ? v.split(LIST_MARK).map((x) => terminalSafe(x, max)).join(LIST_MARK) : terminalSafe(v, max)
  }
  return out
}

/** The report with every string terminal-safe: what the table renderer draws from. */
export const terminalDoc = (doc: ReportDoc): ReportDoc => safeDeep(doc) as ReportDoc

/** Any part of the report with every string terminal-safe (a cadre at a time, streamed). */
export const terminalSafeDeep = <T>(v: T): T => safeDeep(v) as T

/**
 * `v` with every string in it terminal-safe. What needs no change is given back as it is,
 * not copied — a cadre's part of the report almost always — so a streamed table costs no
 * second copy of every document; what changes is copied.
 */
const safeDeep = (v: unknown): unknown => {
  if (typeof v === 'string') return terminalSafe(v)
  if (Array.isArray(v)) {
    let out: unknown[] | null = null
    for (let i = 0; i < v.length; i++) {
      const x = safeDeep(v[i])
      if (out === null && x !== v[i]) out = v.slice(0, i)
      out?.push(x)
    }
    return out ?? v
  }
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v)
    const src = v as Record<string, unknown>
    let i = 0
    let first: unknown
    for (; i < keys.length; i++) if ((first = safeDeep(src[keys[i]!])) !== src[keys[i]!]) break
    if (i === keys.length) return v
    // defineProperty: a key is copied as a key even if it were ever "__proto__".
    const out: Record<string, unknown> = {}
    const put = (k: string, x: unknown) => Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true })
    for (let j = 0; j < i; j++) put(keys[j]!, src[keys[j]!])
    put(keys[i]!, first)
    for (let j = i + 1; j < keys.length; j++) put(keys[j]!, safeDeep(src[keys[j]!]))
    return out
  }
  return v
}

/**
 * JSON text safe to print on a terminal with its data unchanged: JSON.stringify escapes C0
 * controls (ESC, BEL, CR) itself, but leaves DEL, C1 controls (U+009B acts as ESC [ on some
 * terminals), bidi overrides and line separators raw; they can only stand inside strings,
 * where `\uXXXX` means the same character.
 */
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g
export const jsonSafe = (json: string): string => json.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
