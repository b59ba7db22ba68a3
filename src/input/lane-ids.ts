/**
 * The byte lane's cadres (long-lane.ts), numbered as the collector numbers them (the
 * entry's `index`): per cadre, the bytes of its id and of its name in the file's encoding,
 * the cadre whose row followed its last one, and two flags — found from an id's bytes by
 * hash (FNV-1a, scan.ts; the slots are byte-slots.ts, shared with the scanner's interner)
 * and exact comparison.
 *
 * Built for the memory target (SPEC §5, issue 13): nothing here is ever copied to grow
 * except the hash slots. The per-cadre numbers live in pages of PAGE_KEYS cadres, the bytes
 * in pages of ARENA_PAGE bytes, each made when first needed and kept; a table that doubles
 * leaves its old copy behind as garbage until a full collection, and on the 2M-row
 * benchmark those copies were as big as the tables themselves.
 */

import { ByteSlots } from './byte-slots.js'

const PAGE_BITS = 12
/** Cadres per page of numbers. */
const PAGE_KEYS = 1 << PAGE_BITS
const PAGE_MASK = PAGE_KEYS - 1
/** Numbers per cadre: where its id's bytes are, how many; where its name's bytes are, how many (-1: none); the next cadre; flags. */
const STRIDE = 6
const ID_AT = 0
const ID_LEN = 1
const NAME_AT = 2
const NAME_LEN = 3
const NEXT = 4
const FLAGS = 5
/** Flags: the cadre is in the table; its name (or id) is a template's example; its name was learned while not empty. */
const KNOWN = 1
const EXAMPLE = 2
const NAMED = 4

const ARENA_BITS = 16
/** Bytes per page of the arena: an id or a name longer than this is never held (its rows take the full checks). */
export const ARENA_PAGE = 1 << ARENA_BITS

export class LaneIds extends ByteSlots {
  private count = 0
  private pages: Int32Array[] = []
  private arena: Uint8Array[] = []
  /** Where the next bytes go: page and offset packed (page << ARENA_BITS | offset). */
  private top = 0

  /** Cadres held. */
  get size(): number {
    return this.count
  }

  /** Are bytes [s, e) the id of cadre k (held)? (The hash slots' comparison; slots hold cadres at most 3/4 full.) */
  equals(k: number, b: Uint8Array, s: number, e: number): boolean {
    return this.idIs(k, b, s, e)
  }

  /**
   * Reading is over: drop every page, byte and slot (the collector has the counts; the
   * lane is not asked again). Afterwards nothing is held.
   */
  drop(): void {
    this.pages = []
    this.arena = []
    this.top = 0
    this.count = 0
    this.dropSlots()
  }

  /**
   * Hold cadre `index` under the id bytes [s, e) (hash h, not found before). False, and
   * nothing held, when the cadre is held already under other bytes (two spellings of one
   * id: the second's rows take the full checks) or the id is too long.
   */
  add(index: number, b: Uint8Array, s: number, e: number, h: number): boolean {
    if (index < 0 || this.known(index)) return false
    const at = this.put(b, s, e)
    if (at < 0) return false
    const p = this.page(index)
    const o = (index & PAGE_MASK) * STRIDE
    p[o + ID_AT] = at
    p[o + ID_LEN] = e - s
    p[o + NAME_LEN] = -1
    p[o + NEXT] = -1
    p[o + FLAGS] = KNOWN
    this.count++
    this.hold(index, h, 3, 4)
    return true
  }

  /** Is cadre `index` held? */
  known(index: number): boolean {
    const p = this.pages[index >>> PAGE_BITS]
    return p !== undefined && (p[(index & PAGE_MASK) * STRIDE + FLAGS]! & KNOWN) !== 0
  }

  /** Are bytes [s, e) the id of cadre `index` (held)? */
  idIs(index: number, b: Uint8Array, s: number, e: number): boolean {
    const p = this.pages[index >>> PAGE_BITS]!
    const o = (index & PAGE_MASK) * STRIDE
    return this.bytesAre(p[o + ID_AT]!, p[o + ID_LEN]!, b, s, e)
  }

  /** Are bytes [s, e) the name of cadre `index` (held)? A cadre without name bytes matches nothing. */
  nameIs(index: number, b: Uint8Array, s: number, e: number): boolean {
    const p = this.pages[index >>> PAGE_BITS]!
    const o = (index & PAGE_MASK) * STRIDE
    const len = p[o + NAME_LEN]!
    return len > 0 && this.bytesAre(p[o + NAME_AT]!, len, b, s, e)
  }

  /**
   * Was the name of cadre `index` learned while not empty? A cadre's name only goes from
   * empty to filled in (collector.ts `ensure`), so one learned filled in stays right.
   */
  named(index: number): boolean {
    return (this.pages[index >>> PAGE_BITS]![(index & PAGE_MASK) * STRIDE + FLAGS]! & NAMED) !== 0
  }

  /** Is the name or the id of cadre `index` a template's example (as last learned)? */
  example(index: number): boolean {
    return (this.pages[index >>> PAGE_BITS]![(index & PAGE_MASK) * STRIDE + FLAGS]! & EXAMPLE) !== 0
  }

  /**
   * The name of cadre `index` (held), learned: its bytes in the file's encoding (null: it
   * has none there, and matches no cell), whether it is filled in, whether it or the id
   * is a template's example.
   */
  learnName(index: number, bytes: Uint8Array | null, filled: boolean, example: boolean): void {
    const p = this.pages[index >>> PAGE_BITS]!
    const o = (index & PAGE_MASK) * STRIDE
    const at = bytes === null || bytes.length === 0 ? -1 : this.put(bytes, 0, bytes.length)
    p[o + NAME_AT] = at
    p[o + NAME_LEN] = at < 0 ? -1 : bytes!.length
    p[o + FLAGS] = KNOWN | (example ? EXAMPLE : 0) | (filled ? NAMED : 0)
  }

  /** The cadre whose row followed the last row of cadre `index` (held), or -1. */
  next(index: number): number {
    return this.pages[index >>> PAGE_BITS]![(index & PAGE_MASK) * STRIDE + NEXT]!
  }

  setNext(index: number, next: number): void {
    this.pages[index >>> PAGE_BITS]![(index & PAGE_MASK) * STRIDE + NEXT] = next
  }

  /** The page of numbers cadre `index` is on, made when new. */
  private page(index: number): Int32Array {
    const n = index >>> PAGE_BITS
    while (this.pages.length <= n) this.pages.push(new Int32Array(PAGE_KEYS * STRIDE))
    return this.pages[n]!
  }

  /** Copy bytes [s, e) into the arena: where they are (packed), or -1 when longer than a page. */
  private put(b: Uint8Array, s: number, e: number): number {
    const len = e - s
    if (len > ARENA_PAGE) return -1
    let page = this.top >>> ARENA_BITS
    let off = this.top & (ARENA_PAGE - 1)
    if (page >= this.arena.length || off + len > ARENA_PAGE) {
      if (page < this.arena.length) page++
      off = 0
      this.arena.push(new Uint8Array(ARENA_PAGE))
    }
    this.arena[page]!.set(b.subarray(s, e), off)
    const at = (page << ARENA_BITS) | off
    this.top = at + len
    return at
  }

  private bytesAre(at: number, len: number, b: Uint8Array, s: number, e: number): boolean {
    if (len !== e - s) return false
    const a = this.arena[at >>> ARENA_BITS]!
    const o = at & (ARENA_PAGE - 1)
    for (let j = 0; j < len; j++) if (a[o + j] !== b[s + j]) return false
    return true
  }
}
