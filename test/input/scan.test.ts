/**
 * What the byte scanner takes as GB18030 (src/input/scan.ts `scannable`): ASCII and the
 * two-byte form. Every two-byte pair it takes must decode, one character each, by the same
 * decoder the text path uses, so that reading such a piece by bytes can never pass over a
 * byte the decoder would refuse. Whatever else it meets (0x80, 0xFF, a lead without its trail,
 * the four-byte form, NUL) it leaves to the decoder.
 */
import { describe, expect, it } from 'vitest'
import { scannable } from '../../src/input/scan.js'

const strict = new TextDecoder('gb18030', { fatal: true })
const trails = [...Array.from({ length: 0x7e - 0x40 + 1 }, (_, i) => 0x40 + i), ...Array.from({ length: 0xfe - 0x80 + 1 }, (_, i) => 0x80 + i)]

describe('scannable GB18030', () => {
  it('takes every two-byte pair (lead 0x81–0xFE, trail 0x40–0x7E or 0x80–0xFE), and each decodes to one character', () => {
    let pairs = 0
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      const row: number[] = []
      for (const trail of trails) row.push(lead, trail)
      const bytes = Uint8Array.from(row)
      expect(scannable(bytes, 'gb18030'), lead.toString(16)).toBe(true)
      const text = strict.decode(bytes)
      expect([...text].length, lead.toString(16)).toBe(trails.length)
      expect(text).not.toContain('\ufffd')
      pairs += trails.length
    }
    expect(pairs).toBe(126 * 190)
  })

  it('takes ASCII but not NUL', () => {
    expect(scannable(Uint8Array.from(Array.from({ length: 127 }, (_, i) => i + 1)), 'gb18030')).toBe(true)
    expect(scannable(Uint8Array.from([0x41, 0x00, 0x42]), 'gb18030')).toBe(false)
  })

  it('leaves 0x80, 0xFF, a lead cut off, a lead before a byte no trail can be, and the four-byte form to the decoder', () => {
    for (const bad of [[0x80], [0xff], [0x41, 0xb0], [0xb0, 0x2c], [0xb0, 0x0a], [0xb0, 0x7f], [0xb0, 0xff], [0x81, 0x30, 0x81, 0x30], [0x95, 0x32, 0x82, 0x36]]) {
      expect(scannable(Uint8Array.from(bad), 'gb18030'), bad.map((b) => b.toString(16)).join(' ')).toBe(false)
    }
  })

  it('UTF-8: the strict validator, NUL refused', () => {
    expect(scannable(Buffer.from('干部编号,测评等次\n'), 'utf-8')).toBe(true)
    expect(scannable(Uint8Array.from([0xe4, 0xb8]), 'utf-8')).toBe(false)
    expect(scannable(Uint8Array.from([0xed, 0xa0, 0x80]), 'utf-8')).toBe(false)
    expect(scannable(Uint8Array.from([0x41, 0x00]), 'utf-8')).toBe(false)
  })
})
