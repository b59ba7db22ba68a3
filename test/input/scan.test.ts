/**
 * What the byte scanner takes as GB18030 (src/input/scan.ts `scannable`): ASCII and the
 * two-byte form. Every two-byte pair it takes must decode, one character each, by the same
 * decoder the text path uses, so that reading such a piece by bytes can never pass over a
 * byte the decoder would refuse. Whatever else it meets (0x80, 0xFF, a lead without its trail,
 * the four-byte form, NUL) it leaves to the decoder.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodeGb18030 } from '../../src/encoding/gb18030.js'
import { plainLineParser } from '../../src/input/records.js'
import { PieceScanner, scannable } from '../../src/input/scan.js'

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

/**
 * The scanner checks GB18030 characters itself as it meets them (`gbPair`, the rule above),
 * instead of a pass of `scannable` over every byte first: the line with a character it does
 * not read, and the rest of the piece, are left to the decoder; the lines before it are read.
 */
describe('PieceScanner on GB18030: a line it does not read stops it there', () => {
  const scanner = () => new PieceScanner(0x2c, 'gb18030', 4, plainLineParser(','))
  const gb = (s: string): number[] => [...encodeGb18030(s)]
  const ascii = (s: string): number[] => [...Buffer.from(s)]

  const bads = [[0x80], [0xff], [0xb0, 0x2c], [0xb0, 0x0a], [0xb0, 0x7f], [0xb0, 0xff], [0x81, 0x30, 0x81, 0x30], [0x95, 0x32, 0x82, 0x36]]
  it.each(bads.map((bad) => ({ bad, hex: bad.map((b) => b.toString(16)).join(' ') })))(
    'bytes $hex in the third line: two rows read, the rest from the third line on to the decoder',
    ({ bad }) => {
      const first = [...ascii('P1,C1,'), ...gb('优秀'), 0x0a]
      const second = [...ascii('P1,C2,'), ...gb('称职'), 0x0d, 0x0a]
      const third = [...ascii('P1,C3,'), ...bad, 0x0a]
      const fourth = [...ascii('P2,C1,'), ...gb('优秀'), 0x0a]
      const bytes = Buffer.from([...first, ...second, ...third, ...fourth])
      const got = scanner().scan(bytes, 5)
      expect(got.rows.count).toBe(2)
      expect(got.stop).toBe(first.length + second.length)
      expect(got.line).toBe(7)
      expect(scannable(bytes, 'gb18030')).toBe(false)
    },
  )

  it('a lead byte cut off at the end of the input stops it at its line', () => {
    const bytes = Buffer.from([...ascii('P1,C1,'), ...gb('优秀'), 0x0a, ...ascii('P1,C2,'), 0xb0])
    const got = scanner().scan(bytes, 1)
    expect([got.rows.count, got.stop]).toEqual([1, 11])
  })

  it('reads to the end exactly where `scannable` takes the piece, on random lines of GB18030 bytes', () => {
    const byte = fc.oneof(fc.constantFrom(0x2c, 0x41, 0x31, 0x0a), fc.integer({ min: 0x80, max: 0xff }), fc.integer({ min: 0x30, max: 0x7f }))
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 60 }), (body) => {
        const bytes = Buffer.from([...body.filter((b) => b !== 0x22), 0x0a])
        const got = scanner().scan(bytes, 1)
        expect(got.stop === -1).toBe(scannable(bytes, 'gb18030'))
        // Every row read is whole characters the decoder takes (no replacement character).
        if (got.stop !== -1) expect(scannable(bytes.subarray(0, got.stop), 'gb18030')).toBe(true)
      }),
      { numRuns: 2000 },
    )
  })
})
