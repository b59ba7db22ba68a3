/**
 * Deterministic id order: digit runs compare by value ("XJ2" before "XJ10"), the rest by
 * code point; ties broken by plain code-point order so that the order is total.
 */
export const compareIds = (a: string, b: string): number => compareIdTokens(idTokens(a), idTokens(b), a, b)

/** An id cut into runs of digits and of other characters, for `compareIdTokens`. */
export const idTokens = (id: string): string[] => id.match(/\d+|\D+/g) ?? []

/** `compareIds` on ids already cut by `idTokens` (a sort cuts each id once, not per comparison). */
export const compareIdTokens = (ra: string[], rb: string[], a: string, b: string): number => {
  const n = Math.min(ra.length, rb.length)
  for (let i = 0; i < n; i++) {
    const x = ra[i]!
    const y = rb[i]!
    if (x === y) continue
    const dx = x.charCodeAt(0) >= 48 && x.charCodeAt(0) <= 57
    const dy = y.charCodeAt(0) >= 48 && y.charCodeAt(0) <= 57
    if (dx && dy) {
      // By value without BigInt (a 100,000-digit id made every comparison parse it: a
      // sort of a few thousand such ids took minutes): fewer significant digits is
      // smaller; as many, the text decides; equal values, fewer leading zeros first.
      const sx = x.replace(/^0+(?=\d)/, '')
      const sy = y.replace(/^0+(?=\d)/, '')
      if (sx.length !== sy.length) return sx.length - sy.length
      if (sx !== sy) return sx < sy ? -1 : 1
      if (x.length !== y.length) return x.length - y.length
    }
    return x < y ? -1 : 1
  }
  if (ra.length !== rb.length) return ra.length - rb.length
  return a < b ? -1 : a > b ? 1 : 0
}

/** Items sorted by id in `compareIds` order; each id is cut into tokens once. */
export const sortByIds = <T>(items: Iterable<T>, idOf: (item: T) => string): T[] =>
  [...items]
    .map((item) => ({ item, id: idOf(item), key: sortKey(idOf(item)) }))
    .sort((x, y) => compareKeys(x.key, y.key) || compareIdTokens(idTokens(x.id), idTokens(y.id), x.id, y.id))
    .map((x) => x.item)

/**
 * An id's runs made ready for sorting: a digit run as [its significant digits], a text run
 * as itself. Keys that compare equal leave the rest of `compareIds` (leading zeros, ties)
 * to decide, which a sort of 100,000 distinct ids almost never reaches.
 */
interface KeyRun {
  digits: boolean
  /** A digit run without its leading zeros; a text run as it is. */
  s: string
  raw: string
}
const sortKey = (id: string): KeyRun[] =>
  idTokens(id).map((t) => {
    const c = t.charCodeAt(0)
    return c >= 48 && c <= 57 ? { digits: true, s: t.replace(/^0+(?=\d)/, ''), raw: t } : { digits: false, s: t, raw: t }
  })

/** `compareIds` on sort keys, up to what leading zeros and ties decide (0 then). */
const compareKeys = (a: readonly KeyRun[], b: readonly KeyRun[]): number => {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a[i]!
    const y = b[i]!
    if (x.digits && y.digits) {
      if (x.s.length !== y.s.length) return x.s.length - y.s.length
      if (x.s !== y.s) return x.s < y.s ? -1 : 1
    }
    if (x.raw !== y.raw) return 0
  }
  return 0
}
