/**
 * Open-addressing hash slots over keys numbered by their owner, whose bytes the owner
 * keeps: the one probing code of the byte scanner's interner (scan.ts `ByteInterner`) and
 * the lane's cadres (lane-ids.ts `LaneIds`). Slot i holds [2i] = a key's number (-1:
 * empty) and [2i + 1] = its hash (FNV-1a, scan.ts `hashBytes`), so a probe compares bytes
 * only when the hashes agree.
 */
export abstract class ByteSlots {
  private slots = new Int32Array(2 * 1024).fill(-1)
  private mask = 1023
  private held = 0

  /** Are bytes [s, e) of `b` those of key k? */
  abstract equals(k: number, b: Uint8Array, s: number, e: number): boolean

  /** The key whose bytes are [s, e) with hash h, or -1. */
  find(b: Uint8Array, s: number, e: number, h: number): number {
    const slots = this.slots
    const mask = this.mask
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const k = slots[2 * i]!
      if (k === -1) return -1
      if (slots[2 * i + 1] === h && this.equals(k, b, s, e)) return k
    }
  }

  /** Hold key k (not held) under hash h; the slots double when more than `num/den` full. */
  protected hold(k: number, h: number, num: number, den: number): void {
    if (++this.held * den > (this.mask + 1) * num) this.rehash()
    this.place(k, h)
  }

  /** Forget every key. */
  protected forget(): void {
    this.slots.fill(-1)
    this.held = 0
  }

  /** Drop the slots (nothing is found afterwards until keys are held again). */
  protected dropSlots(): void {
    this.slots = new Int32Array(2 * 1024).fill(-1)
    this.mask = 1023
    this.held = 0
  }

  private place(k: number, h: number): void {
    const slots = this.slots
    let i = h & this.mask
    while (slots[2 * i] !== -1) i = (i + 1) & this.mask
    slots[2 * i] = k
    slots[2 * i + 1] = h
  }

  private rehash(): void {
    const old = this.slots
    const cap = (this.mask + 1) * 2
    this.slots = new Int32Array(2 * cap).fill(-1)
    this.mask = cap - 1
    for (let i = 0; i < old.length; i += 2) if (old[i] !== -1) this.place(old[i]!, old[i + 1]!)
  }
}
