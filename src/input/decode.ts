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
    /** The text decoded from the failing input before the bad byte (to find its line). */
    readonly prefix = '',
  ) {
    super(`invalid ${encoding} at byte ${byteOffset}`)
  }
}

/** A UTF-16 file (Excel's "Unicode text"): its byte-order mark says so; kaohe reads UTF-8 and GB18030. */
export class Utf16Error extends Error {
  constructor(readonly variant: 'UTF-16LE' | 'UTF-16BE') {
    super(`${variant} input`)
  }
}

const hasNonAscii = (b: Uint8Array): number => {
  for (let i = 0; i < b.length; i++) if (b[i]! >= 0x80) return i
  return -1
}

/**
 * Auto-detection looks at this many bytes from the first non-ASCII byte on, whatever the
 * chunks are, so the choice depends on the file only (not on how a pipe splits it).
 */
const DETECT_WINDOW = 4096
/**
 * Multi-byte UTF-8 characters seen before the first invalid byte that prove the file is
 * UTF-8 with a damaged or foreign part (then the error names that byte), rather than
 * GB18030 text that happened to start like UTF-8 (about 1 in 7 GB18030 characters does;
 * eight in a row, about 1 in 4 million).
 */
const UTF8_EVIDENCE = 8

const concatBytes = (parts: Uint8Array[]): Uint8Array => {
  if (parts.length === 1) return parts[0]!
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** A streaming decoder; `encoding` is known once a non-ASCII byte (or a BOM) has been seen. */
export class InputDecoder {
  private decoder: TextDecoder | null = null
  private offset = 0
  private first = true
  /** Bytes held back: the start of a BOM split across chunks, or the detection window. */
  private held: Uint8Array[] = []
  private heldLength = 0
  /** The bytes at the end of the input so far that begin a character not yet complete. */
  private open: Uint8Array = new Uint8Array(0)
  encoding: EncodingName = 'utf-8'

  constructor(private readonly option: EncodingOption = 'auto') {
    if (option === 'gb18030') this.use('gb18030')
  }

  private use(enc: EncodingName): void {
    this.encoding = enc
    // ignoreBOM: true keeps the BOM in the text so we can strip it once ourselves.
    this.decoder = new TextDecoder(enc === 'gb18030' ? 'gb18030' : 'utf-8', { fatal: true, ignoreBOM: true })
  }

  private hold(bytes: Uint8Array): void {
    this.held.push(bytes.slice())
    this.heldLength += bytes.length
  }

  private release(): Uint8Array {
    const all = concatBytes(this.held)
    this.held = []
    this.heldLength = 0
    return all
  }

  /**
   * What a byte scanner may read without this decoder (scan.ts): text of the encoding
   * chosen, at a character boundary with nothing held; 'ascii' while no non-ASCII byte has
   * been seen (a piece of ASCII only); null while bytes are held or the start is not read.
   */
  scannable(): 'utf-8' | 'gb18030' | 'ascii' | null {
    if (this.first || this.heldLength > 0 || this.open.length > 0) return null
    if (this.decoder === null) return 'ascii'
    return this.encoding === 'gb18030' ? 'gb18030' : 'utf-8'
  }

  /** The encoding once it is chosen (a BOM, `--encoding`, or detection); null before. */
  decided(): 'utf-8' | 'gb18030' | null {
    if (this.decoder === null) return null
    return this.encoding === 'gb18030' ? 'gb18030' : 'utf-8'
  }

  /** Bytes a scanner read in place of this decoder (valid, whole characters: `scannable`). */
  skip(n: number): void {
    this.offset += n
  }

  /** Decode one chunk; the UTF-8 BOM, if any, is removed. */
  write(chunk: Uint8Array): string {
    let bytes = chunk
    if (this.first) {
      if (bytes.length === 0) return ''
      if (this.heldLength > 0) {
        this.hold(bytes)
        bytes = this.release()
      }
      // A byte-order mark may arrive a byte at a time (a pipe): wait until it is whole.
      if (mayBeStartOfMark(bytes)) {
        this.hold(bytes)
        return ''
      }
      bytes = this.begin(bytes)
    }
    return this.body(bytes)
  }

  /** The start of the input: a UTF-16 mark is refused, a UTF-8 BOM stripped (SPEC §2). */
  private begin(bytes: Uint8Array): Uint8Array {
    this.first = false
    if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) throw new Utf16Error('UTF-16LE')
    if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) throw new Utf16Error('UTF-16BE')
    if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf && this.option !== 'gb18030') {
      this.use('utf-8')
      this.encoding = 'utf-8-bom'
      this.offset += 3
      return bytes.subarray(3)
    }
    if (this.option === 'utf-8') this.use('utf-8')
    return bytes
  }

  private body(bytes: Uint8Array): string {
    if (this.decoder !== null) return this.decode(bytes, true)
    if (this.heldLength > 0) {
      this.hold(bytes)
      return this.decideIfEnough(false)
    }
    const at = hasNonAscii(bytes)
    if (at < 0) {
      this.offset += bytes.length
      return asciiString(bytes)
    }
    // Hand out the ASCII before the first non-ASCII byte; hold the rest until we can decide.
    const ascii = asciiString(bytes.subarray(0, at))
    this.offset += at
    this.hold(bytes.subarray(at))
    return ascii + this.decideIfEnough(false)
  }

  private decideIfEnough(atEnd: boolean): string {
    if (!atEnd && this.heldLength < DETECT_WINDOW) return ''
    const all = this.release()
    this.use(detect(all.subarray(0, DETECT_WINDOW), atEnd && all.length <= DETECT_WINDOW))
    return this.decode(all, true)
  }

  private decode(bytes: Uint8Array, stream: boolean): string {
    try {
      const text = this.decoder!.decode(bytes, { stream })
      this.offset += bytes.length
      this.open = openTail(this.open, bytes, this.encoding)
      return text
    } catch (cause) {
      // Start from the character the previous chunk left open, so that the byte named
      // does not depend on where the chunks were cut.
      const k = this.open.length
      const all = k > 0 ? concatBytes([this.open, bytes]) : bytes
      const bad = locateBad(all, this.encoding)
      const prefix = new TextDecoder(this.encoding === 'gb18030' ? 'gb18030' : 'utf-8').decode(all.subarray(0, bad))
      throw Object.assign(new DecodeError(this.encoding, this.offset - k + bad, prefix), { cause })
    }
  }

  /** Flush: a truncated multi-byte character at the end of the input is an error. */
  end(): string {
    let text = ''
    if (this.first && this.heldLength > 0) text = this.body(this.begin(this.release()))
    if (this.decoder === null) {
      if (this.heldLength === 0) return text
      text += this.decideIfEnough(true)
    }
    try {
      return text + this.decoder!.decode()
    } catch (cause) {
      // A character cut off by the end of the input: name its first byte.
      throw Object.assign(new DecodeError(this.encoding, this.offset - this.open.length), { cause })
    }
  }
}

/** Fewer bytes than a byte-order mark that could still become one. */
const mayBeStartOfMark = (b: Uint8Array): boolean =>
  (b.length < 3 && b[0] === 0xef && (b.length < 2 || b[1] === 0xbb)) || (b.length < 2 && (b[0] === 0xff || b[0] === 0xfe))

/**
 * Strict UTF-8 if the window decodes as UTF-8 (a character cut at its end is fine), or if
 * it holds at least UTF8_EVIDENCE multi-byte UTF-8 characters before the first bad byte (a
 * UTF-8 file with a damaged or GB18030 part: decoding then fails at that byte, by name);
 * else GB18030.
 */
const detect = (window: Uint8Array, whole: boolean): EncodingName => {
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(window, { stream: !whole })
    return 'utf-8'
  } catch {
    const bad = locateBad(window, 'utf-8')
    let multiByte = 0
    for (let i = 0; i < bad; i++) if (window[i]! >= 0xc2) multiByte++
    return multiByte >= UTF8_EVIDENCE ? 'utf-8' : 'gb18030'
  }
}

/**
 * The bytes that end `open + bytes` (decoded without error; `open` starts on a character
 * boundary) and begin a character the next chunk must complete. UTF-8: from the last lead
 * byte. GB18030: parsed forward from the last byte below 0x30, which is always a character
 * of its own (trail bytes are 0x30 and up; in CSV text a comma or line break is never far),
 * else from the start of `open`. A short scan per chunk.
 */
const openTail = (open: Uint8Array, bytes: Uint8Array, enc: EncodingName): Uint8Array => {
  const all = bytes.length >= 4 || open.length === 0 ? bytes : concatBytes([open, bytes])
  const n = all.length
  if (enc !== 'gb18030') {
    for (let i = n - 1; i >= Math.max(0, n - 3); i--) {
      const b = all[i]!
      if (b < 0x80) break
      if (b >= 0xc0) return n - i < (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2) ? all.slice(i) : EMPTY
    }
    return EMPTY
  }
  let at = n - 1
  while (at >= 0 && all[at]! >= 0x30) at--
  if (at < 0 && all === bytes && open.length > 0) return openTail(EMPTY, concatBytes([open, bytes]), enc)
  for (at++; at < n; ) {
    // Lead bytes are 0x81–0xFE (0x80 is the euro sign on its own).
    if (all[at]! < 0x81 || all[at] === 0xff) {
      at++
      continue
    }
    const size = at + 1 < n && all[at + 1]! >= 0x30 && all[at + 1]! <= 0x39 ? 4 : 2
    if (at + size > n) return all.slice(at)
    at += size
  }
  return EMPTY
}

const EMPTY = new Uint8Array(0)

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
