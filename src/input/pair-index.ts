/**
 * The index that catches one ballot counted twice for one cadre (SPEC §2.1, §5): for each
 * (cadre, ballot) pair seen, the set of marks seen for it (one bit per mark, `PairState`).
 *
 * Exact, whatever the distance between two marks of one pair (a twin 200,000 rows away is
 * caught like a neighbour), and compact where exports are: rows come grouped by ballot.
 * `PairIndex` keeps the ballot being read in a small window; when the rows move on to a
 * ballot never seen, the window's pairs go into one arena, sorted by cadre — 4 bytes a
 * mark, found again by binary search. Pairs of a ballot that comes back after its block
 * was closed go to `PairHash`, an open-addressing table of 8 bytes a slot (11–21 bytes a
 * mark); a file sorted by cadre instead of by ballot ends up there, as big as before.
 */

/** Mark bits per pair: one per mark (MARKS has six). */
const STATE_BITS = 6
const STATE_MASK = (1 << STATE_BITS) - 1
/** Cadre indexes must leave room for the state bits in a positive int32. */
export const MAX_CADRES = (1 << (31 - STATE_BITS)) - 1

/**
 * (cadre, ballot) → marks seen, in one Int32Array: open addressing (linear probing), two
 * words a pair — the cadre's index with the mark bits, and the ballot's index — keyed by
 * exact interned integers, so a hash collision only costs a probe, never a false
 * duplicate. At most 3/4 full, growing by doubling.
 */
export class PairHash {
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
    return this.stateAt(this.find(cadre, ballot))
  }

  /**
   * The slot of (cadre, ballot): where it is, or the empty slot where it would go. Read it
   * with `stateAt`, write it with `put` — one probe for a read-modify-write.
   */
  find(cadre: number, ballot: number): number {
    const slots = this.slots
    const tag = (cadre + 1) << STATE_BITS
    for (let i = hash(cadre, ballot) & this.mask; ; i = (i + 1) & this.mask) {
      const a = slots[2 * i]!
      if (a === 0 || ((a & ~STATE_MASK) === tag && slots[2 * i + 1] === ballot)) return i
    }
  }

  /** The marks seen in a slot from `find` (0: an empty slot). */
  stateAt(slot: number): number {
    return this.slots[2 * slot]! & STATE_MASK
  }

  /** Write (cadre, ballot, state) into its slot from `find` (no other write in between). */
  put(slot: number, cadre: number, ballot: number, state: number): void {
    if (cadre < 0 || cadre >= MAX_CADRES) throw new RangeError(`cadre index ${cadre} out of range`)
    const fresh = this.slots[2 * slot] === 0
    this.slots[2 * slot] = ((cadre + 1) << STATE_BITS) | state
    this.slots[2 * slot + 1] = ballot
    if (fresh && ++this.count * 4 > (this.mask + 1) * 3) this.grow()
  }

  /** Record the marks seen for (cadre, ballot); `state` is not 0. */
  set(cadre: number, ballot: number, state: number): void {
    this.put(this.find(cadre, ballot), cadre, ballot, state)
  }

  /**
   * Make room for `pairs` more pairs at once (a big file's size says roughly how many
   * marks are coming): one table of the final size instead of doubling up to it.
   */
  reserve(pairs: number): void {
    let cap = this.mask + 1
    while ((this.count + pairs) * 4 > cap * 3) cap *= 2
    if (cap > this.mask + 1) this.rehash(cap)
  }

  /** Every pair held with its marks, in no particular order. */
  forEach(visit: (cadre: number, ballot: number, state: number) => void): void {
    const slots = this.slots
    for (let j = 0; j < slots.length; j += 2) {
      const a = slots[j]!
      if (a !== 0) visit((a >>> STATE_BITS) - 1, slots[j + 1]!, a & STATE_MASK)
    }
  }

  private grow(): void {
    this.rehash((this.mask + 1) * 2)
  }

  private rehash(cap: number): void {
    const old = this.slots
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

/**
 * (cadre, ballot) → marks seen, by ballot block (see the top of this file): the open
 * ballot's pairs in a window keyed by cadre; closed ballots' pairs in `arena`, each
 * ballot's run sorted by cadre ((cadre + 1) << 6 | state, so the order of the values is
 * the order of the cadres); pairs added to a closed ballot in `spill`.
 */
export class PairIndex {
  /** The ballot whose block is open (-1: none). */
  private open = -1
  /** The window: cadre + 1 (0: empty) and its marks, by hash of the cadre; the cadres in order. */
  private wKeys = new Int32Array(64)
  private wStates = new Uint8Array(64)
  private wList = new Int32Array(32)
  private wCount = 0
  /** 32 − log2 of the window's size: the hash's top bits pick a slot. */
  private wShift = 26
  /** Closed ballots' pairs; `start[ballot]` (-1: never opened) and `len[ballot]` give each run. */
  private arena: Int32Array<ArrayBuffer>
  private top = 0
  private start = new Int32Array(1024).fill(-1)
  private len = new Int32Array(1024)
  /** 1 where a closed ballot has pairs in `spill`. */
  private spilled = new Uint8Array(1024)
  private readonly spill = new PairHash(16)

  constructor(initialPairs = 1 << 10) {
    this.arena = new Int32Array(Math.max(16, initialPairs))
  }

  /** Pairs held. */
  get size(): number {
    return this.top + this.wCount + this.spill.size
  }

  /** Bytes held. */
  get bytes(): number {
    return (
      this.arena.byteLength +
      this.start.byteLength +
      this.len.byteLength +
      this.spilled.byteLength +
      this.wKeys.byteLength +
      this.wStates.byteLength +
      this.wList.byteLength +
      this.spill.bytes
    )
  }

  /** Pairs held outside the arena and the window (ballots that came back). */
  get spilledPairs(): number {
    return this.spill.size
  }

  /** The marks seen for (cadre, ballot): 0 when none. */
  get(cadre: number, ballot: number): number {
    if (ballot === this.open) {
      const i = this.windowSlot(cadre)
      return this.wKeys[i] === 0 ? 0 : this.wStates[i]!
    }
    const s = ballot < this.start.length ? this.start[ballot]! : -1
    if (s < 0) return 0
    const i = this.search(s, this.len[ballot]!, cadre)
    if (i >= 0) return this.arena[i]! & STATE_MASK
    return this.spilled[ballot] === 1 ? this.spill.get(cadre, ballot) : 0
  }

  /** Record the marks seen for (cadre, ballot); `state` is not 0. */
  set(cadre: number, ballot: number, state: number): void {
    if (cadre < 0 || cadre >= MAX_CADRES) throw new RangeError(`cadre index ${cadre} out of range`)
    if (ballot !== this.open) {
      const s = ballot < this.start.length ? this.start[ballot]! : -1
      if (s >= 0) {
        const i = this.search(s, this.len[ballot]!, cadre)
        if (i >= 0) this.arena[i] = (this.arena[i]! & ~STATE_MASK) | state
        else {
          this.spill.set(cadre, ballot, state)
          this.spilled[ballot] = 1
        }
        return
      }
      // A ballot never seen: its block opens, the last one closes.
      this.close()
      this.open = ballot
    }
    const i = this.windowSlot(cadre)
    if (this.wKeys[i] === 0) {
      this.wKeys[i] = cadre + 1
      if (this.wCount === this.wList.length) this.wList = grown(this.wList, this.wCount + 1, 0)
      this.wList[this.wCount++] = cadre
      this.wStates[i] = state
      if (this.wCount * 2 > this.wKeys.length) this.widen()
    } else this.wStates[i] = state
  }

  /** About this many more pairs are coming: the arena makes room at once, just that much. */
  reserve(pairs: number): void {
    if (this.top + pairs <= this.arena.length) return
    const arena = new Int32Array(this.top + pairs)
    arena.set(this.arena.subarray(0, this.top))
    this.arena = arena
  }

  /** Every pair held with its marks, in no particular order. */
  forEach(visit: (cadre: number, ballot: number, state: number) => void): void {
    const { arena, start, len } = this
    for (let b = 0; b < start.length; b++) {
      const s = start[b]!
      if (s < 0) continue
      for (let i = s, end = s + len[b]!; i < end; i++) visit((arena[i]! >>> STATE_BITS) - 1, b, arena[i]! & STATE_MASK)
    }
    for (let k = 0; k < this.wCount; k++) {
      const cadre = this.wList[k]!
      visit(cadre, this.open, this.wStates[this.windowSlot(cadre)]!)
    }
    this.spill.forEach(visit)
  }

  /** The open ballot's pairs into the arena, sorted by cadre; the window empties. */
  private close(): void {
    const b = this.open
    if (b < 0) return
    const n = this.wCount
    if (this.top + n > this.arena.length) this.arena = grown(this.arena, this.top + n, 0)
    // Slots are emptied only once all are found: an emptied slot would cut a probe run short.
    for (let k = 0; k < n; k++) {
      const cadre = this.wList[k]!
      const i = this.windowSlot(cadre)
      this.arena[this.top + k] = ((cadre + 1) << STATE_BITS) | this.wStates[i]!
      this.wList[k] = i
    }
    for (let k = 0; k < n; k++) this.wKeys[this.wList[k]!] = 0
    this.arena.subarray(this.top, this.top + n).sort()
    if (b >= this.start.length) {
      this.start = grown(this.start, b + 1, -1)
      this.len = grown(this.len, b + 1, 0)
      const spilled = new Uint8Array(this.start.length)
      spilled.set(this.spilled)
      this.spilled = spilled
    }
    this.start[b] = this.top
    this.len[b] = n
    this.top += n
    this.wCount = 0
    this.open = -1
  }

  /** Where `cadre` is in the window, or the empty slot where it would go. */
  private windowSlot(cadre: number): number {
    const keys = this.wKeys
    const mask = keys.length - 1
    const key = cadre + 1
    for (let i = Math.imul(key, 0x9e3779b1) >>> this.wShift; ; i = (i + 1) & mask) {
      const k = keys[i]!
      if (k === 0 || k === key) return i
    }
  }

  /** The window twice as big (its pairs placed anew). */
  private widen(): void {
    const states = new Map<number, number>()
    for (let k = 0; k < this.wCount; k++) {
      const cadre = this.wList[k]!
      states.set(cadre, this.wStates[this.windowSlot(cadre)]!)
    }
    this.wKeys = new Int32Array(this.wKeys.length * 2)
    this.wShift--
    this.wStates = new Uint8Array(this.wKeys.length)
    for (const [cadre, state] of states) {
      const i = this.windowSlot(cadre)
      this.wKeys[i] = cadre + 1
      this.wStates[i] = state
    }
  }

  /** The arena index of `cadre` in the run [s, s + n), or -1. */
  private search(s: number, n: number, cadre: number): number {
    const arena = this.arena
    const key = cadre + 1
    let lo = s
    let hi = s + n - 1
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      const k = arena[mid]! >>> STATE_BITS
      if (k === key) return mid
      if (k < key) lo = mid + 1
      else hi = mid - 1
    }
    return -1
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
 * counts a pair in one typed array, instead of a Map and a Tally object per cadre and
 * group. Voter groups are few (县领导, 中层干部, ...): the first DENSE_GROUPS have a fixed
 * place per cadre (one array access a mark); any further ones, a row found through an
 * open-addressing table keyed by the two exact indexes.
 */
export class GroupCounts {
  static readonly WIDTH = 6
  /** Groups with a fixed place per cadre; `dense[(cadre * stride + group) * WIDTH + mark]`. */
  static readonly DENSE_GROUPS = 16
  private stride = 1
  /**
   * 16 bits a count (100,000 cadres in 5 groups: 6 MB, not 12), widened to 32 for good by
   * the first count that would not fit — exact either way.
   */
  private dense: Uint16Array<ArrayBuffer> | Int32Array<ArrayBuffer> = new Uint16Array(256 * GroupCounts.WIDTH)
  /** The groups used per (cadre, dense group): 1 where counted. */
  private used = new Uint8Array(256)
  /** Further groups: open addressing, [3i] = cadre + 1 (0: empty), [3i + 1] = group, [3i + 2] = row. */
  private slots = new Int32Array(3 * 16)
  private mask = 15
  private rows = 0
  private counts = new Int32Array(16 * GroupCounts.WIDTH)
  /** Per further row: its group and the next row of the same cadre (-1: none). */
  private rowGroup = new Int32Array(16)
  private rowNext = new Int32Array(16)
  /** Per cadre: its first further row (-1: none). */
  private head = new Int32Array(16).fill(-1)

  /** Make room for `cadres` cadres in `groups` groups at once (no re-layout as they appear). */
  reserve(cadres: number, groups: number): void {
    const g = Math.min(groups, GroupCounts.DENSE_GROUPS)
    if (g > this.stride) this.widen(g)
    if (cadres * this.stride > this.used.length) this.lengthen(cadres)
  }

  /** Add `n` to mark `mark` (0–5) of (cadre, group). */
  add(cadre: number, group: number, mark: number, n: number): void {
    if (group < GroupCounts.DENSE_GROUPS) {
      if (group >= this.stride) this.widen(group + 1)
      const at = cadre * this.stride + group
      if (at >= this.used.length) this.lengthen(cadre + 1)
      this.used[at] = 1
      const i = at * GroupCounts.WIDTH + mark
      const v = this.dense[i]! + n
      if ((v < 0 || v > 0xffff) && this.dense instanceof Uint16Array) this.dense = Int32Array.from(this.dense)
      this.dense[i] = v
      return
    }
    const row = this.row(cadre, group)
    this.counts[row * GroupCounts.WIDTH + mark]! += n
  }

  /** The groups of a cadre with their counts (six, in MARKS order), in no particular order. */
  groupsOf(cadre: number): Array<{ group: number; counts: ArrayLike<number> }> {
    const out: Array<{ group: number; counts: ArrayLike<number> }> = []
    const W = GroupCounts.WIDTH
    for (let g = 0; g < this.stride; g++) {
      const at = cadre * this.stride + g
      if (at < this.used.length && this.used[at] === 1) out.push({ group: g, counts: this.dense.subarray(at * W, (at + 1) * W) })
    }
    for (let r = cadre < this.head.length ? this.head[cadre]! : -1; r >= 0; r = this.rowNext[r]!) {
      out.push({ group: this.rowGroup[r]!, counts: this.counts.subarray(r * W, (r + 1) * W) })
    }
    return out
  }

  /** Room for `cadres` cadres (doubling). */
  private lengthen(cadres: number): void {
    const need = cadres * this.stride
    this.used = grownBytes(this.used, need)
    const dense = countsLike(this.dense, this.used.length * GroupCounts.WIDTH)
    dense.set(this.dense)
    this.dense = dense
  }

  /** Room for `groups` dense groups per cadre: every cadre's counts move to the wider layout. */
  private widen(groups: number): void {
    // Grown to fit exactly: the groups are few, and each one costs 24 bytes a cadre.
    const stride = Math.min(Math.max(groups, this.stride + 1), GroupCounts.DENSE_GROUPS)
    const W = GroupCounts.WIDTH
    const cadres = Math.ceil(this.used.length / this.stride)
    const used = new Uint8Array(cadres * stride)
    const dense = countsLike(this.dense, cadres * stride * W)
    for (let c = 0; c < cadres; c++) {
      for (let g = 0; g < this.stride; g++) {
        const from = c * this.stride + g
        const to = c * stride + g
        used[to] = this.used[from]!
        dense.set(this.dense.subarray(from * W, (from + 1) * W), to * W)
      }
    }
    this.stride = stride
    this.used = used
    this.dense = dense
  }

  private row(cadre: number, group: number): number {
    const slots = this.slots
    for (let i = hash(cadre, group) & this.mask; ; i = (i + 1) & this.mask) {
      const a = slots[3 * i]!
      if (a === 0) {
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
        slots[3 * i] = cadre + 1
        slots[3 * i + 1] = group
        slots[3 * i + 2] = row
        if (this.rows * 4 > (this.mask + 1) * 3) this.grow()
        return row
      }
      if (a === cadre + 1 && slots[3 * i + 1] === group) return slots[3 * i + 2]!
    }
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
      slots.set(old.subarray(j, j + 3), 3 * i)
    }
    this.slots = slots
    this.mask = mask
  }
}

/** New zeroed counts of `a`'s kind (16 or 32 bits). */
const countsLike = (a: Uint16Array<ArrayBuffer> | Int32Array<ArrayBuffer>, n: number): Uint16Array<ArrayBuffer> | Int32Array<ArrayBuffer> =>
  a instanceof Uint16Array ? new Uint16Array(n) : new Int32Array(n)

const grownBytes = (a: Uint8Array<ArrayBuffer>, need: number): Uint8Array<ArrayBuffer> => {
  let cap = Math.max(a.length, 16)
  while (cap < need) cap *= 2
  const b = new Uint8Array(cap)
  b.set(a)
  return b
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
