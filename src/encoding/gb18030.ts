import { TextDecoder } from 'node:util'

/**
 * A GB18030 encoder: CSV exports to legacy systems (SPEC §4), and the byte scanner's view of ids, names and grades in a GB18030 file (input/long-scan.ts). Node can decode GB18030
 * but has no encoder, so the table is the exact inverse of the decoder kaohe reads with
 * (`TextDecoder('gb18030')`): whatever kaohe writes, kaohe (and that decoder) reads back
 * unchanged. Built once, on first use, from the two-byte range and the four-byte BMP range;
 * the supplementary planes are mapped by GB18030's own arithmetic.
 */

/** BMP code point → its GB18030 bytes packed big-endian (two or four bytes); 0 = not set. */
let table: Uint32Array | null = null

/** The last four-byte sequence of the BMP range, 0x8431A439 (U+FFFF), as a linear index. */
const LAST_BMP_LINEAR = 39419
/** Four-byte linear index of U+10000 (0x90308130). */
const SUPPLEMENTARY_BASE = 189000

const fourBytes = (linear: number): number => {
  const b4 = linear % 10
  const b3 = Math.floor(linear / 10) % 126
  const b2 = Math.floor(linear / 1260) % 10
  const b1 = Math.floor(linear / 12600)
  return (((0x81 + b1) * 256 + (0x30 + b2)) * 256 + (0x81 + b3)) * 256 + (0x30 + b4)
}

const buildTable = (): Uint32Array => {
  const t = new Uint32Array(0x10000)
  const decoder = new TextDecoder('gb18030')
  // Two-byte codes first: where a character has two codes (e.g. U+3000 at A1A1 and A3A0),
  // the first in byte order, and a two-byte code before any four-byte one, is kept.
  const codes: number[] = []
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) if (b !== 0x7f) codes.push(a * 256 + b)
  }
  const pairs = new Uint8Array(codes.length * 2)
  codes.forEach((c, i) => {
    pairs[2 * i] = c >> 8
    pairs[2 * i + 1] = c & 0xff
  })
  const two = decoder.decode(pairs)
  // Each two-byte code decodes to exactly one BMP code unit.
  for (let i = 0; i < codes.length; i++) {
    const u = two.charCodeAt(i)
    if (u !== 0xfffd && t[u] === 0) t[u] = codes[i]!
  }
  const quads = new Uint8Array((LAST_BMP_LINEAR + 1) * 4)
  for (let linear = 0; linear <= LAST_BMP_LINEAR; linear++) {
    const v = fourBytes(linear)
    quads[4 * linear] = v >>> 24
    quads[4 * linear + 1] = (v >>> 16) & 0xff
    quads[4 * linear + 2] = (v >>> 8) & 0xff
    quads[4 * linear + 3] = v & 0xff
  }
  const four = decoder.decode(quads)
  for (let linear = 0; linear <= LAST_BMP_LINEAR; linear++) {
    const u = four.charCodeAt(linear)
    if (t[u] === 0) t[u] = fourBytes(linear)
  }
  return t
}

/**
 * A character with no GB18030 code that decodes back to it: a lone surrogate, or one of the
 * 19 private-use code points (U+E5E5, U+E78D…) that GB18030-2022 moved to standard characters.
 */
export class UnencodableError extends RangeError {
  constructor(
    readonly codePoint: number,
    readonly index: number,
  ) {
    super(`no GB18030 code for U+${codePoint.toString(16).toUpperCase().padStart(4, '0')} at ${index}`)
  }
}

/** Encode text as GB18030 bytes; throws UnencodableError where no code round-trips. */
export const encodeGb18030 = (text: string): Uint8Array => {
  table ??= buildTable()
  const out = new Uint8Array(text.length * 4)
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i)
    if (u < 0x80) {
      out[n++] = u
      continue
    }
    let v: number
    let width: number
    if (u >= 0xd800 && u <= 0xdbff && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1)
      if (lo < 0xdc00 || lo > 0xdfff) throw new UnencodableError(u, i)
      i++
      v = fourBytes(SUPPLEMENTARY_BASE + ((u - 0xd800) << 10) + (lo - 0xdc00))
      width = 4
    } else {
      v = table[u]!
      if (v === 0) throw new UnencodableError(u, i)
      width = v > 0xffff ? 4 : 2
    }
    if (width === 4) {
      out[n++] = v >>> 24
      out[n++] = (v >>> 16) & 0xff
    }
    out[n++] = (v >>> 8) & 0xff
    out[n++] = v & 0xff
  }
  return out.slice(0, n)
}
