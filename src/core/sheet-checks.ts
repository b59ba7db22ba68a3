import type { Mark } from './marks.js'

/**
 * A sheet's own arithmetic, checked (SPEC §2.0): a share column (优秀率, 称职及以上率, 比例)
 * against the counts of its row, a per-row total (票数, 合计) against the row's grades, a
 * 合计/小计 row against the rows it totals. Exact: the share a cell shows is compared with
 * the fraction it stands for at the cell's own number of decimals, in BigInt — no float.
 */

const pow10 = (d: number): bigint => 10n ** BigInt(d)

/** A share as a cell writes it: `digits / 10^decimals`, a percentage or not (null: no % sign). */
export interface ShareValue {
  digits: bigint
  decimals: number
  percent: boolean | null
}

/**
 * A number as written: `digits / 10^scale` (an exponent, as XLSX stores 1.6666666666666666E-2,
 * folded in); null for text that holds no number.
 */
const decimal = (text: string): { digits: bigint; scale: number; percent: boolean } | null => {
  const s = text.normalize('NFKC').replace(/\s+/g, '')
  const m = /^\+?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?(%)?$/.exec(s)
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return null
  const frac = m[2] ?? ''
  if (m[1]!.length + frac.length > 30) return null
  let digits = BigInt(`${m[1] || '0'}${frac}`)
  let scale = frac.length - Number(m[3] ?? 0)
  if (scale < 0) {
    digits *= pow10(-scale)
    scale = 0
  }
  return { digits, scale, percent: m[4] !== undefined }
}

/** A cell's share as its text shows it; null for a cell that holds no number (blank, —, /): nothing to check. */
export const parseShare = (text: string): ShareValue | null => {
  const d = decimal(text)
  return d === null ? null : { digits: d.digits, decimals: d.scale, percent: d.percent ? true : null }
}

/**
 * A stored number as its number format shows it (an XLSX cell of 0.00%: 0.16666666666666666
 * shows 16.67%): rounded half up to the format's decimals, as Excel displays it.
 */
export const displayedShare = (stored: string, format: { decimals: number; percent: boolean }): ShareValue | null => {
  const d = decimal(stored)
  if (d === null || d.percent) return null
  const e = format.decimals + (format.percent ? 2 : 0) - d.scale
  const digits = e >= 0 ? d.digits * pow10(e) : (2n * d.digits + pow10(-e)) / (2n * pow10(-e))
  return { digits, decimals: format.decimals, percent: format.percent }
}

/**
 * From this many decimals on, a share is a value stored at full precision (a formula's
 * result in an XLSX cell, 0.6666666666666666), not one rounded by the sheet: it is compared
 * within 10⁻⁹ instead.
 */
const STORED_DECIMALS = 10

const abs = (x: bigint): bigint => (x < 0n ? -x : x)

/**
 * Does the cell's share equal num/den at its own rounding? Rounded half up (Excel's ROUND
 * and its display), or cut off (some systems truncate); `scale` is 100 for a percentage.
 */
const matchesAt = (v: ShareValue, scale: bigint, num: bigint, den: bigint): boolean => {
  const p = pow10(v.decimals)
  const exact = num * scale * p
  if (v.decimals >= STORED_DECIMALS) return abs(v.digits * den - exact) * 10n ** 9n <= den * p * scale
  const half = (2n * exact + den) / (2n * den)
  return v.digits === half || v.digits === exact / den
}

/**
 * Does a share cell agree with its row? `marks`: the grades it is a share of (alternatives:
 * 满意率 may mean either); `denominators`: every base the sheet may have meant (valid votes,
 * returned ballots, 实到, 应到) — the cell is right if it is right for one of them. Bases of
 * zero are left out; with none left, there is nothing to check.
 */
export const shareAgrees = (
  v: ShareValue,
  percentHeader: boolean,
  counts: Readonly<Record<Mark, number>>,
  marks: readonly (readonly Mark[])[],
  denominators: readonly number[],
): boolean => {
  const dens = [...new Set(denominators.filter((d) => d > 0))]
  if (dens.length === 0) return true
  // A percentage: with a % sign, in a column headed %, or above 1 (66.7); else either.
  const scales = v.percent || percentHeader ? [100n] : v.digits > pow10(v.decimals) ? [100n] : [1n, 100n]
  for (const set of marks) {
    const num = BigInt(set.reduce((s, m) => s + counts[m], 0))
    for (const d of dens) for (const scale of scales) if (matchesAt(v, scale, num, BigInt(d))) return true
  }
  return false
}

/** The share a cell should show, for a message: num/den as a percentage with the cell's decimals. */
export const expectedShareText = (num: number, den: number, decimals: number, percent: boolean): string => {
  if (den <= 0) return '—'
  const scale = percent ? 100n : 1n
  const p = pow10(decimals)
  const v = (2n * BigInt(num) * scale * p + BigInt(den)) / (2n * BigInt(den))
  const s = v.toString().padStart(decimals + 1, '0')
  const text = decimals === 0 ? s : `${s.slice(0, -decimals)}.${s.slice(-decimals)}`
  return percent ? `${text}%` : text
}
