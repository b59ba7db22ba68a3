import { isUtf8 } from 'node:buffer'
import { TextDecoder } from 'node:util'

/**
 * Decoding of input bytes (SPEC §2): UTF-8, UTF-8 with BOM and GB18030/GBK, told apart by
 * themselves — strict UTF-8 first, else GB18030 — or as `--encoding` says. Streams: the
 * choice is made on the first chunk holding a non-ASCII byte, so a long ASCII start does
 * not decide too early, and every later chunk is decoded strictly in the chosen encoding.
 */

export type EncodingName = 'utf-8' | 'utf-8-bom' | 'gb18030'
export type EncodingOption = 'auto' | 'utf-8' | 'gb18030'

/** Names a user may give to --encoding. */
export const parseEncodingOption = (s: string): EncodingOption | undefined => {
  const n = s.trim().toLowerCase().replace(/_/g, '-')
  if (n === 'auto') return 'auto'
  if (n === 'utf8' || n === 'utf-8') return 'utf-8'
  if (n === 'gb18030' || n === 'gbk' || n === 'gb2312' || n === 'cp936') return 'gb18030'
  return undefined
}

/** Thrown when bytes are not valid in the chosen encoding; `byteOffset` locates them. */
export class DecodeError extends Error {
  constructor(
    readonly encoding: EncodingName,
    readonly byteOffset: number,
  ) {
    super(`invalid ${encoding} at byte ${byteOffset}`)
  }
}

const hasNonAscii = (b: Uint8Array): number => {
  for (let i = 0; i < b.length; i++) if (b[i]! >= 0x80) return i
  return -1
}

/** A streaming decoder; `encoding` is known once a non-ASCII byte (or a BOM) has been seen. */
export class InputDecoder {
  private decoder: TextDecoder | null = null
  private offset = 0
  private first = true
  /** UTF-8 decided and handed on as bytes (`writeUtf8`): the start of a character cut by the chunk's end. */
  private passing = false
  private tail: Uint8Array = EMPTY
  encoding: EncodingName = 'utf-8'

  constructor(private readonly option: EncodingOption = 'auto') {
    if (option === 'gb18030') this.use('gb18030')
  }

  private use(enc: EncodingName): void {
    this.encoding = enc
    // ignoreBOM: true keeps the BOM in the text so we can strip it once ourselves.
    this.decoder = new TextDecoder(enc === 'gb18030' ? 'gb18030' : 'utf-8', { fatal: true, ignoreBOM: true })
  }

  /** Decode one chunk; the UTF-8 BOM, if any, is removed. */
  write(chunk: Uint8Array): string {
    let bytes = chunk
    if (this.first && bytes.length > 0) {
      this.first = false
      if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf && this.option !== 'gb18030') {
        this.use('utf-8')
        this.encoding = 'utf-8-bom'
        bytes = bytes.subarray(3)
        this.offset += 3
      } else if (this.option === 'utf-8') {
        this.use('utf-8')
      }
    }
    if (this.decoder === null) {
      const at = hasNonAscii(bytes)
      if (at < 0) {
        this.offset += bytes.length
        return asciiString(bytes)
      }
      // First non-ASCII byte: strict UTF-8 if this chunk decodes as such, else GB18030 —
      // unless real UTF-8 text comes before the bad bytes: then the file mixes encodings.
      const probe = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
      try {
        probe.decode(bytes, { stream: true })
        this.use('utf-8')
      } catch {
        const bad = locateBad(bytes, 'utf-8')
        const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, bad))
        if (looksLikeUtf8Text(prefix)) throw new DecodeError('utf-8', this.offset + bad)
        this.use('gb18030')
      }
    }
    try {
      const text = this.decoder!.decode(bytes, { stream: true })
      this.offset += bytes.length
      return text
    } catch (cause) {
      throw Object.assign(new DecodeError(this.encoding, this.offset + locateBad(bytes, this.encoding)), { cause })
    }
  }

  /**
   * Like `write`, but gives UTF-8 bytes, for a parser that reads bytes (csv-parse). The hot
   * path of big files: once the input is known to be UTF-8 (or while it is all ASCII), its
   * bytes are only validated (node:buffer isUtf8, native) and handed on as they are, never
   * decoded to a string and encoded back. GB18030 is decoded and encoded as UTF-8. Use
   * either `write`/`end` or `writeUtf8`/`endUtf8` for one input, not both.
   */
  writeUtf8(chunk: Uint8Array): Uint8Array {
    if (this.passing) return this.pass(chunk)
    if (!this.first && this.decoder === null && hasNonAscii(chunk) < 0) {
      this.offset += chunk.length
      return chunk
    }
    const text = this.write(chunk)
    if (this.decoder !== null && this.encoding !== 'gb18030') {
      // Decided UTF-8: the TextDecoder holds the start of a character cut by this chunk's
      // end; from now on we hold it ourselves, and the TextDecoder is not used again.
      this.passing = true
      this.tail = chunk.subarray(chunk.length - openUtf8(chunk))
    }
    return Buffer.from(text, 'utf8')
  }

  /** Flush for `writeUtf8`: a truncated multi-byte character at the end is an error. */
  endUtf8(): Uint8Array {
    if (!this.passing) return Buffer.from(this.end(), 'utf8')
    if (this.tail.length > 0) throw new DecodeError(this.encoding, this.offset)
    return EMPTY
  }

  private pass(chunk: Uint8Array): Uint8Array {
    const data = this.tail.length === 0 ? chunk : Buffer.concat([this.tail, chunk])
    const cut = data.length - openUtf8(data)
    const whole = data.subarray(0, cut)
    if (!isUtf8(whole)) {
      throw new DecodeError(this.encoding, this.offset + locateBad(whole, this.encoding))
    }
    this.offset += cut
    // Copied: the caller's chunk buffer may be reused for the next read.
    this.tail = data.slice(cut)
    return whole
  }

  /** Flush: a truncated multi-byte character at the end of the input is an error. */
  end(): string {
    if (this.decoder === null) return ''
    try {
      return this.decoder.decode()
    } catch (cause) {
      throw Object.assign(new DecodeError(this.encoding, this.offset), { cause })
    }
  }
}

/**
 * GB18030 bytes can pass for a few UTF-8 characters by chance, but hardly for three in a
 * row, nor for a whole line of them.
 */
const looksLikeUtf8Text = (prefix: string): boolean => {
  let n = 0
  for (const ch of prefix) {
    if (ch.charCodeAt(0) >= 0x80) n++
    else if ((ch === '\n' || ch === '\r') && n > 0) return true
    if (n >= 3) return true
  }
  return false
}

const EMPTY = new Uint8Array(0)

/**
 * How many bytes at the end of `b` begin a UTF-8 character that is not complete yet (0 to
 * 3): from the last lead byte within the final three, if its sequence runs past the end.
 */
const openUtf8 = (b: Uint8Array): number => {
  const n = b.length
  for (let i = n - 1; i >= 0 && i >= n - 3; i--) {
    const x = b[i]!
    if (x < 0x80) return 0
    if (x >= 0xc0) {
      const size = x >= 0xf0 ? 4 : x >= 0xe0 ? 3 : 2
      return n - i < size ? n - i : 0
    }
  }
  return 0
}

const asciiString = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1')

/** Find the first byte a fresh strict decoder rejects, for the message (only on the error path). */
const locateBad = (bytes: Uint8Array, enc: EncodingName): number => {
  let lo = 0
  let hi = bytes.length
  const ok = (n: number): boolean => {
    try {
      new TextDecoder(enc === 'gb18030' ? 'gb18030' : 'utf-8', { fatal: true }).decode(bytes.subarray(0, n), { stream: true })
      return true
    } catch {
      return false
    }
  }
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (ok(mid)) lo = mid
    else hi = mid - 1
  }
  return lo
}
