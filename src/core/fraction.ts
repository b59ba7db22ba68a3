/**
 * Exact rational arithmetic for every decision kaohe makes.
 * No floating point: a share num/den is compared with a threshold p/q by
 * cross-multiplying BigInts (SPEC §1: "20 of 30 is exactly 2/3").
 */

/** A threshold such as 2/3, kept as two non-negative integers. */
export interface Fraction {
  readonly p: bigint
  readonly q: bigint
}

/** How a share is compared with its threshold: "below" is strict `<`, "atOrBelow" is `<=`, and so on. */
export type Comparison = 'below' | 'atOrBelow' | 'above' | 'atOrAbove'

const FRACTION = /^\s*(\d{1,15})\s*\/\s*(\d{1,15})\s*$/

/** Parse "2/3" into an exact fraction; undefined when the text is not p/q with q > 0. */
export const parseFraction = (text: string): Fraction | undefined => {
  const m = FRACTION.exec(text)
  if (!m) return undefined
  const p = BigInt(m[1]!)
  const q = BigInt(m[2]!)
  return q === 0n ? undefined : { p, q }
}

export const formatFraction = (f: Fraction): string => `${f.p}/${f.q}`

/** Does num/den satisfy `comparison` against p/q?  Requires den > 0. */
export const compareShare = (num: bigint, den: bigint, f: Fraction, comparison: Comparison): boolean => {
  const left = num * f.q
  const right = f.p * den
  switch (comparison) {
    case 'below':
      return left < right
    case 'atOrBelow':
      return left <= right
    case 'above':
      return left > right
    case 'atOrAbove':
      return left >= right
  }
}

const floorDiv = (a: bigint, b: bigint): bigint => {
  const q = a / b
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q
}
const ceilDiv = (a: bigint, b: bigint): bigint => -floorDiv(-a, b)

/**
 * The margin of a share rule: the fewest votes that must move into or out of the
 * numerator (the denominator unchanged) to flip the outcome. For a rule that fired,
 * the votes that would clear it; for one that did not, the votes that would trigger it.
 * null when no number of moved votes within 0..den can flip it.
 */
export const shareMargin = (num: bigint, den: bigint, f: Fraction, comparison: Comparison): bigint | null => {
  const fired = compareShare(num, den, f, comparison)
  const pd = f.p * den
  if (comparison === 'below' || comparison === 'atOrBelow') {
    // fires while num <= limit
    const limit = comparison === 'below' ? ceilDiv(pd, f.q) - 1n : floorDiv(pd, f.q)
    if (fired) return limit + 1n <= den ? limit + 1n - num : null
    return limit >= 0n ? num - limit : null
  }
  // fires while num >= limit
  const limit = comparison === 'above' ? floorDiv(pd, f.q) + 1n : ceilDiv(pd, f.q)
  if (fired) return limit - 1n >= 0n ? num - (limit - 1n) : null
  return limit <= den ? limit - num : null
}

/**
 * A percentage for display only, rounded half up to `decimals` places at the very end,
 * computed on integers: 2/3 → "66.67".
 */
export const formatPercent = (num: bigint, den: bigint, decimals = 2): string => {
  if (den === 0n) return '—'
  const scale = 10n ** BigInt(decimals)
  const scaled = (num * 100n * scale * 2n + den) / (den * 2n)
  const whole = scaled / scale
  const frac = (scaled % scale).toString().padStart(decimals, '0')
  return decimals > 0 ? `${whole}.${frac}` : `${whole}`
}
