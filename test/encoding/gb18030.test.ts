import { TextDecoder } from 'node:util'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodeGb18030, UnencodableError } from '../../src/encoding/gb18030.js'

const decode = (b: Uint8Array): string => new TextDecoder('gb18030', { fatal: true }).decode(b)
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')

describe('encodeGb18030', () => {
  it.each([
    ['A,1\r\n', '412c310d0a'],
    ['优秀', 'd3c5d0e3'],
    ['称职', 'b3c6d6b0'],
    ['€', 'a2e3'],
    ['\u3000', 'a1a1'],
    ['\u0080', '81308130'],
    ['\uffff', '8431a439'],
    ['𠀀', '95328236'],
    ['\u{10000}', '90308130'],
    ['\u{10ffff}', 'e3329a35'],
  ])('%j → %s', (text, bytes) => {
    expect(hex(encodeGb18030(text))).toBe(bytes)
    expect(decode(encodeGb18030(text))).toBe(text)
  })

  // Private-use code points that no GB18030 sequence decodes to (GB18030-2022 remapped them).
  const NO_CODE = [0xe5e5, ...Array.from({ length: 10 }, (_, i) => 0xe78d + i), 0xe81e, 0xe826, 0xe82b, 0xe82c, 0xe832, 0xe843, 0xe854, 0xe864]

  it('round-trips every other BMP character through the decoder kaohe reads with', () => {
    const chars: string[] = []
    for (let u = 0; u <= 0xffff; u++) if ((u < 0xd800 || u > 0xdfff) && !NO_CODE.includes(u)) chars.push(String.fromCharCode(u))
    const text = chars.join('')
    expect(decode(encodeGb18030(text))).toBe(text)
  })

  it.each(NO_CODE)('refuses U+%s, which has no code that decodes back', (u) => {
    expect(() => encodeGb18030(`ab${String.fromCharCode(u)}`)).toThrow(UnencodableError)
    try {
      encodeGb18030(`ab${String.fromCharCode(u)}`)
    } catch (e) {
      expect((e as UnencodableError).codePoint).toBe(u)
      expect((e as UnencodableError).index).toBe(2)
    }
  })

  it('round-trips any well-formed string (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (raw) => {
        const s = [...raw].filter((ch) => !NO_CODE.includes(ch.codePointAt(0)!)).join('')
        expect(decode(encodeGb18030(s))).toBe(s)
      }),
      { numRuns: 500 },
    )
  })

  it('matches the bundled GB18030 sample byte for byte', async () => {
    const { readFile } = await import('node:fs/promises')
    const bytes = await readFile(new URL('../../samples/votes-wide-gb18030.csv', import.meta.url))
    expect(Buffer.from(encodeGb18030(decode(bytes))).equals(bytes)).toBe(true)
  })

  it('refuses a lone surrogate rather than writing a wrong byte', () => {
    expect(() => encodeGb18030('a\ud800b')).toThrow(UnencodableError)
    expect(() => encodeGb18030('\udc00')).toThrow(UnencodableError)
  })
})
