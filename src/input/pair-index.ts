/**
 * The index that catches one ballot counted twice for one cadre (SPEC §2.1, §5): for each
 * (cadre, ballot) pair seen, the set of marks seen for it (one bit per mark, `PairState`).
 *
 * Compact and exact: an open-addressing hash table (linear probing) in one Int32Array,
 * two words a pair — the cadre's index with the mark bits, and the ballot's index — keyed
 * by exact interned integers, so a hash collision only costs a probe, never a false
 * duplicate. At most 3/4 full: 8 bytes a slot, about 11–21 bytes a mark, whatever the
 * distance between two marks of one pair (a twin 200,000 rows away is caught like a
 * neighbour). Ten million marks take 128 MB (16M slots), growing by doubling.
 */

/** Mark bits per pair: one per mark (MARKS has six). */
const STATE_BITS = 6
const STATE_MASK = (1 << STATE_BITS) - 1
/** Cadre indexes must leave room for the state bits in a positive int32. */
export const MAX_CADRES = (1 << (31 - STATE_BITS)) - 1

export class PairIndex {
  /** slot i: [2i] = (cadre + 1) << 6 | state (0: empty), [2i + 1] = ballot. */
  private slots: Int32Array
  private mask: number
  private count = 0

  constructor(initialSlots = 1 << 16) {
    let cap = 1 << 4
    while (cap < initialSlots) cap <<= 1
    this.slots = new Int32Array(cap * 2)
    this.mask = cap - 1
  }

  /** Pairs held. */
  get size(): number {
    return this.count
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.slots.byteLength
  }

  /** The marks seen for (cadre, ballot): 0 when none. */
  get(cadre: number, ballot: number): number {
    const slots = this.slots
    const tag = (cadre + 1) << STATE_BITS
    for (let i = hash(cadre, ballot) & this.mask; ; i = (i + 1) & this.mask) {
      const a = slots[2 * i]!
      if (a === 0) return 0
      if ((a & ~STATE_MASK) === tag && slots[2 * i + 1] === ballot) return a & STATE_MASK
    }
  }

  /** Record the marks seen for (cadre, ballot); `state` is not 0. */
  set(cadre: number, ballot: number, state: number): void {
    if (cadre < 0 || cadre >= MAX_CADRES) throw new RangeError(`cadre index ${cadre} out of range`)
    const slots = this.slots
    const tag = (cadre + 1) << STATE_BITS
    for (let i = hash(cadre, ballot) & this.mask; ; i = (i + 1) & this.mask) {
      const a = slots[2 * i]!
      if (a === 0) {
        slots[2 * i] = tag | state
        slots[2 * i + 1] = ballot
        if (++this.count * 4 > (this.mask + 1) * 3) this.grow()
        return
      }
      if ((a & ~STATE_MASK) === tag && slots[2 * i + 1] === ballot) {
        slots[2 * i] = tag | state
        return
      }
    }
  }

  private grow(): void {
    const old = this.slots
    const cap = (this.mask + 1) * 2
    const slots = new Int32Array(cap * 2)
    const mask = cap - 1
    for (let j = 0; j < old.length; j += 2) {
      const a = old[j]!
      if (a === 0) continue
      const ballot = old[j + 1]!
      let i = hash((a >>> STATE_BITS) - 1, ballot) & mask
      while (slots[2 * i] !== 0) i = (i + 1) & mask
      slots[2 * i] = a
      slots[2 * i + 1] = ballot
    }
    this.slots = slots
    this.mask = mask
  }
}

/** A well-mixed 32-bit hash of two int32s (murmur3's finaliser over a multiplicative mix). */
const hash = (a: number, b: number): number => {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b ^ 0x5bd1e995, 0x85ebca6b)
  h ^= h >>> 16
  h = Math.imul(h, 0x7feb352d)
  h ^= h >>> 15
  h = Math.imul(h, 0x846ca68b)
  h ^= h >>> 16
  return h
}

/**
 * Per-(cadre, voter group) counts of marks, for the voter-group breakdown: six int32
 * counts a pair, found through an open-addressing table keyed by the two exact indexes,
 * and chained per cadre so that a cadre's groups are listed without a scan. A few dozen
 * bytes per pair instead of a Map and a Tally object per cadre and group.
 */
export class GroupCounts {
  static readonly WIDTH = 6
  /** Open addressing: [3i] = cadre + 1 (0: empty), [3i + 1] = group, [3i + 2] = row. */
  private slots = new Int32Array(3 * 1024)
  private mask = 1023
  private rows = 0
  /** Per row: its six counts, its group, and the next row of the same cadre (-1: none). */
  private counts = new Int32Array(GroupCounts.WIDTH * 256)
  private rowGroup = new Int32Array(256)
  private rowNext = new Int32Array(256)
  /** Per cadre: its first row (-1: none). */
  private head = new Int32Array(256).fill(-1)

  /** Add `n` to mark `mark` (0–5) of (cadre, group). */
  add(cadre: number, group: number, mark: number, n: number): void {
    const row = this.row(cadre, group)
    this.counts[row * GroupCounts.WIDTH + mark]! += n
  }

  /** The groups of a cadre with their counts (six, in MARKS order), in no particular order. */
  groupsOf(cadre: number): Array<{ group: number; counts: Int32Array }> {
    const out: Array<{ group: number; counts: Int32Array }> = []
    if (cadre >= this.head.length) return out
    for (let r = this.head[cadre]!; r >= 0; r = this.rowNext[r]!) {
      out.push({ group: this.rowGroup[r]!, counts: this.counts.subarray(r * GroupCounts.WIDTH, (r + 1) * GroupCounts.WIDTH) })
    }
    return out
  }

  private row(cadre: number, group: number): number {
    const slots = this.slots
    for (let i = hash(cadre, group) & this.mask; ; i = (i + 1) & this.mask) {
      const a = slots[3 * i]!
      if (a === 0) {
        const row = this.newRow(cadre, group)
        slots[3 * i] = cadre + 1
        slots[3 * i + 1] = group
        slots[3 * i + 2] = row
        if (this.rows * 4 > (this.mask + 1) * 3) this.grow()
        return row
      }
      if (a === cadre + 1 && slots[3 * i + 1] === group) return slots[3 * i + 2]!
    }
  }

  private newRow(cadre: number, group: number): number {
    const row = this.rows++
    if (row >= this.rowGroup.length) {
      this.rowGroup = grown(this.rowGroup, row + 1, 0)
      this.rowNext = grown(this.rowNext, row + 1, 0)
      this.counts = grown(this.counts, (row + 1) * GroupCounts.WIDTH, 0)
    }
    if (cadre >= this.head.length) this.head = grown(this.head, cadre + 1, -1)
    this.rowGroup[row] = group
    this.rowNext[row] = this.head[cadre]!
    this.head[cadre] = row
    return row
  }

  private grow(): void {
    const old = this.slots
    const cap = (this.mask + 1) * 2
    const slots = new Int32Array(cap * 3)
    const mask = cap - 1
    for (let j = 0; j < old.length; j += 3) {
      const a = old[j]!
      if (a === 0) continue
      let i = hash(a - 1, old[j + 1]!) & mask
      while (slots[3 * i] !== 0) i = (i + 1) & mask
      slots[3 * i] = a
      slots[3 * i + 1] = old[j + 1]!
      slots[3 * i + 2] = old[j + 2]!
    }
    this.slots = slots
    this.mask = mask
  }
}

/** A copy of `a` with room for at least `need` items (doubling), the new room set to `fill`. */
export const grown = (a: Int32Array<ArrayBuffer>, need: number, fill: number): Int32Array<ArrayBuffer> => {
  let cap = Math.max(a.length, 16)
  while (cap < need) cap *= 2
  const b = new Int32Array(cap)
  b.set(a)
  if (fill !== 0) b.fill(fill, a.length)
  return b
}
