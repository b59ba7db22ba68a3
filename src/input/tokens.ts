import type { Grade, Mark } from '../core/marks.js'

const norm = (s: string): string => s.normalize('NFKC').replace(/[\s\u3000]+/g, '').toLowerCase()
/** How a grade token is compared: NFKC, no spaces, lower case. */
export const normalizeToken = norm

const MARK_TOKENS: ReadonlyMap<string, Mark> = new Map(
  (
    [
      ['优秀', 'excellent'],
      ['優秀', 'excellent'],
      ['excellent', 'excellent'],
      ['称职', 'competent'],
      ['稱職', 'competent'],
      ['competent', 'competent'],
      ['基本称职', 'basicallyCompetent'],
      ['基本稱職', 'basicallyCompetent'],
      ['basically-competent', 'basicallyCompetent'],
      ['basically_competent', 'basicallyCompetent'],
      ['basicallycompetent', 'basicallyCompetent'],
      ['不称职', 'incompetent'],
      ['不稱職', 'incompetent'],
      ['incompetent', 'incompetent'],
      ['弃权', 'abstain'],
      ['棄權', 'abstain'],
      ['不了解', 'abstain'],
      ['abstain', 'abstain'],
      ['无效', 'invalid'],
      ['無效', 'invalid'],
      ['invalid', 'invalid'],
    ] as const
  ).map(([k, v]) => [norm(k), v]),
)

/**
 * The spellings a grade cell is taken as without normalising — the built-in tokens, then
 * the policy's local synonyms (a later one wins): the hot path of big files, as text
 * (`markParser`) and as bytes (the long-ballot pre-filter).
 */
export const exactMarkTokens = (synonyms: Readonly<Record<string, Mark>>): Array<[string, Mark]> => [...MARK_TOKENS, ...Object.entries(synonyms)]

/** A parser of grade tokens with the policy's local synonyms (e.g. "A" → excellent). */
export const markParser = (synonyms: Readonly<Record<string, Mark>>): ((cell: string) => Mark | null | undefined) => {
  const table = new Map(MARK_TOKENS)
  for (const [k, v] of Object.entries(synonyms)) table.set(norm(k), v)
  const fast = new Map<string, Mark>(exactMarkTokens(synonyms))
  /** null: empty cell (not graded); undefined: an unknown token. */
  return (cell) => {
    const hit = fast.get(cell)
    if (hit !== undefined) return hit
    const n = norm(cell)
    if (n === '') return null
    return table.get(n)
  }
}

export const isGrade = (m: Mark): m is Grade => m !== 'abstain' && m !== 'invalid'

/**
 * The marks a voter makes on a paper ballot (SPEC §2.1 shape 4): √ ✓ ✔ ○ ● 1 x X, and the
 * look-alikes forms use (☑ ◯ 〇, full-width forms folded by NFKC).
 */
const PAPER_MARKS = new Set(['√', '✓', '✔', '☑', '✅', '○', '◯', '〇', '●', '⚪', '⚫', '1', 'x', 'X', '✗', '✘'])

/** Is this cell a mark on a paper ballot? */
export const isPaperMark = (cell: string): boolean => PAPER_MARKS.has(cell.normalize('NFKC').trim())

const YES = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓'])
const NO = new Set(['否', 'n', 'no', 'false', '0', '×', '✗'])

/** 是/否 flags: null for an empty cell, undefined for anything else. */
export const parseFlag = (cell: string): boolean | null | undefined => {
  const n = norm(cell)
  if (n === '') return null
  if (YES.has(n)) return true
  if (NO.has(n)) return false
  return undefined
}

/** The largest count kaohe accepts: far above any electorate, and sums stay exact. */
export const MAX_COUNT = 1_000_000_000

export type CountParse = { ok: true; value: number } | { ok: false; code: 'not-integer' | 'negative-count' | 'count-too-large' }

/** The results for the counts a sheet mostly holds (0 … 1023), made once: no object a cell. */
const SMALL_COUNTS: readonly CountParse[] = Array.from({ length: 1024 }, (_, value) => Object.freeze({ ok: true as const, value }))

/**
 * A count cell: a non-negative whole number; empty is 0 (count sheets leave zeros blank).
 * A cell of one to nine ASCII digits and nothing else (nearly every cell of a big sheet) is
 * read by its character codes; any other goes through `parseCountFully`, which gives the
 * same for those (a property test holds the two together).
 */
export const parseCount = (cell: string): CountParse => {
  const n = cell.length
  if (n === 0 || n > 9) return parseCountFully(cell)
  let value = 0
  for (let i = 0; i < n; i++) {
    const d = cell.charCodeAt(i) - 48
    if (d < 0 || d > 9) return parseCountFully(cell)
    value = value * 10 + d
  }
  return value < SMALL_COUNTS.length ? SMALL_COUNTS[value]! : { ok: true, value }
}

/** `parseCount` for any cell: NFKC, trimmed, signs and zeros, the limit (MAX_COUNT). */
export const parseCountFully = (cell: string): CountParse => {
  const s = cell.normalize('NFKC').trim()
  if (s === '') return { ok: true, value: 0 }
  if (/^-\s*\d/.test(s)) return { ok: false, code: 'negative-count' }
  if (!/^\+?\d+$/.test(s)) return { ok: false, code: 'not-integer' }
  const digits = s.replace(/^\+/, '').replace(/^0+(?=\d)/, '')
  if (digits.length > 10 || BigInt(digits) > BigInt(MAX_COUNT)) return { ok: false, code: 'count-too-large' }
  return { ok: true, value: Number(digits) }
}
