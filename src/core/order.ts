/**
 * Deterministic id order: digit runs compare by value ("XJ2" before "XJ10"), the rest by
 * code point; ties broken by plain code-point order so that the order is total.
 */
export const compareIds = (a: string, b: string): number => {
  const ra = a.match(/\d+|\D+/g) ?? []
  const rb = b.match(/\d+|\D+/g) ?? []
  const n = Math.min(ra.length, rb.length)
  for (let i = 0; i < n; i++) {
    const x = ra[i]!
    const y = rb[i]!
    if (x === y) continue
    const dx = x.charCodeAt(0) >= 48 && x.charCodeAt(0) <= 57
    const dy = y.charCodeAt(0) >= 48 && y.charCodeAt(0) <= 57
    if (dx && dy) {
      const bx = BigInt(x)
      const by = BigInt(y)
      if (bx !== by) return bx < by ? -1 : 1
      if (x.length !== y.length) return x.length - y.length
    }
    return x < y ? -1 : 1
  }
  if (ra.length !== rb.length) return ra.length - rb.length
  return a < b ? -1 : a > b ? 1 : 0
}
