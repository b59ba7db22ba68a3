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
 * How far re-marking ballots can move a share's numerator while its denominator stays the
 * same: at most `up` votes into the numerator's marks, at most `down` out of them.
 */
export interface Room {
  readonly up: bigint
  readonly down: bigint
}

/**
 * The margin of a share rule: the fewest votes that must move into or out of the
 * numerator (the denominator unchanged) to flip the outcome. For a rule that fired,
 * the votes that would clear it; for one that did not, the votes that would trigger it.
 * Each moved vote changes the numerator by one at most, so the margin is the distance to
 * the nearest numerator that flips — when `room` allows that far (by default any numerator
 * in 0..den, as when every ballot outside the numerator can move into it and back); null
 * when no number of moved votes can flip it.
 */
export const shareMargin = (
  num: bigint,
  den: bigint,
  f: Fraction,
  comparison: Comparison,
  room: Room = { up: den - num, down: num },
): bigint | null => {
  const fired = compareShare(num, den, f, comparison)
  const { side, limit } = firingBound(den, f, comparison)
  const within = (k: bigint, most: bigint): bigint | null => (k <= most ? k : null)
  // fires while num <= limit: clearing it takes more votes, triggering it fewer
  if (side === 'atMost') return fired ? within(limit + 1n - num, room.up) : within(num - limit, room.down)
  // fires while num >= limit: clearing it takes fewer votes, triggering it more
  return fired ? within(num - (limit - 1n), room.down) : within(limit - num, room.up)
}

/**
 * Which numerators fire a rule over `den`: every one at most `limit` (below, atOrBelow) or
 * at least `limit` (above, atOrAbove) — the same test as `compareShare`, solved for num.
 */
export const firingBound = (den: bigint, f: Fraction, comparison: Comparison): { side: 'atMost' | 'atLeast'; limit: bigint } => {
  const pd = f.p * den
  switch (comparison) {
    case 'below':
      return { side: 'atMost', limit: ceilDiv(pd, f.q) - 1n }
    case 'atOrBelow':
      return { side: 'atMost', limit: floorDiv(pd, f.q) }
    case 'above':
      return { side: 'atLeast', limit: floorDiv(pd, f.q) + 1n }
    case 'atOrAbove':
      return { side: 'atLeast', limit: ceilDiv(pd, f.q) }
  }
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b))

/** The fraction in lowest terms (4/6 → 2/3; 0/5 → 0/1): equal shares compare equal. */
export const lowestTerms = (f: Fraction): Fraction => {
  const g = gcd(f.p, f.q)
  return g === 0n ? f : { p: f.p / g, q: f.q / g }
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
