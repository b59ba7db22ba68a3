import { Inflate } from 'fflate'

/**
 * Limits for an XLSX input (an XLSX file is a zip of XML parts). A clerk's spreadsheet is
 * far below them; a file above them is refused before any XML parser sees it, because the
 * XLSX reader holds a whole sheet in memory.
 */
export const XLSX_LIMITS = {
  /** The file itself. */
  maxFileBytes: 64 * 1024 * 1024,
  /** All parts, decompressed. */
  maxUnzippedBytes: 512 * 1024 * 1024,
  /** Decompressed ÷ compressed, over the whole file, once it decompresses to more than `ratioFloorBytes`. */
  maxRatio: 100,
  ratioFloorBytes: 16 * 1024 * 1024,
  /** Parts in the zip (a workbook has a few dozen). */
  maxEntries: 10_000,
} as const

export type ZipLimits = { [K in keyof typeof XLSX_LIMITS]: number }

/** One part, as the zip's central directory declares it. */
export interface ZipEntry {
  name: string
  method: number
  compressedSize: number
  size: number
  /** Offset of the local file header. */
  offset: number
}

/** Why a zip is refused: `bomb` for sizes out of proportion, `invalid` for a damaged or foreign file. */
export class ZipRefused extends Error {
  constructor(
    readonly reason: 'bomb' | 'invalid',
    readonly detail: string,
  ) {
    super(detail)
  }
}

const EOCD = 0x06054b50
const ZIP64_LOCATOR = 0x07064b50
const ZIP64_EOCD = 0x06064b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

const u16 = (b: Uint8Array, o: number): number => b[o]! | (b[o + 1]! << 8)
const u32 = (b: Uint8Array, o: number): number => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0
const u64 = (b: Uint8Array, o: number): number => u32(b, o) + u32(b, o + 4) * 2 ** 32

const need = (b: Uint8Array, o: number, n: number, what: string): void => {
  if (o < 0 || o + n > b.length) throw new ZipRefused('invalid', `truncated ${what}`)
}

/** Walk the central directory (ZIP64 where the fields say so): the parts and their declared sizes. */
export const readZipDirectory = (b: Uint8Array): ZipEntry[] => {
  if (b.length < 22 || u32(b, 0) !== LOCAL) throw new ZipRefused('invalid', 'not a zip archive')
  let eocd = -1
  for (let o = b.length - 22; o >= Math.max(0, b.length - 22 - 0xffff); o--) {
    if (u32(b, o) === EOCD) {
      eocd = o
      break
    }
  }
  if (eocd < 0) throw new ZipRefused('invalid', 'no end of central directory')
  let count = u16(b, eocd + 10)
  let cdSize = u32(b, eocd + 12)
  let cdOffset = u32(b, eocd + 16)
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20
    need(b, loc, 20, 'zip64 locator')
    if (u32(b, loc) !== ZIP64_LOCATOR) throw new ZipRefused('invalid', 'zip64 locator missing')
    const rec = u64(b, loc + 8)
    need(b, rec, 56, 'zip64 end record')
    if (u32(b, rec) !== ZIP64_EOCD) throw new ZipRefused('invalid', 'zip64 end record missing')
    count = u64(b, rec + 32)
    cdSize = u64(b, rec + 40)
    cdOffset = u64(b, rec + 48)
  }
  if (count > XLSX_LIMITS.maxEntries) throw new ZipRefused('bomb', `${count} parts`)
  need(b, cdOffset, cdSize, 'central directory')
  const entries: ZipEntry[] = []
  const names = new TextDecoder('utf-8')
  let o = cdOffset
  for (let i = 0; i < count; i++) {
    need(b, o, 46, 'central directory entry')
    if (u32(b, o) !== CENTRAL) throw new ZipRefused('invalid', `bad central directory entry ${i + 1}`)
    const method = u16(b, o + 10)
    let compressedSize = u32(b, o + 20)
    let size = u32(b, o + 24)
    const nameLen = u16(b, o + 28)
    const extraLen = u16(b, o + 30)
    const commentLen = u16(b, o + 32)
    let offset = u32(b, o + 42)
    need(b, o + 46, nameLen + extraLen + commentLen, 'central directory entry')
    const name = names.decode(b.subarray(o + 46, o + 46 + nameLen))
    // ZIP64 extra field (0x0001): the 64-bit values, in this order, for each field that is 0xFFFFFFFF.
    let e = o + 46 + nameLen
    const end = e + extraLen
    while (e + 4 <= end) {
      const id = u16(b, e)
      const len = u16(b, e + 2)
      if (id === 0x0001) {
        const values: number[] = []
        for (let p = e + 4; p + 8 <= e + 4 + len; p += 8) values.push(u64(b, p))
        if (size === 0xffffffff) size = values.shift() ?? size
        if (compressedSize === 0xffffffff) compressedSize = values.shift() ?? compressedSize
        if (offset === 0xffffffff) offset = values.shift() ?? offset
      }
      e += 4 + len
    }
    entries.push({ name, method, compressedSize, size, offset })
    o += 46 + nameLen + extraLen + commentLen
  }
  return entries
}

/** Where an entry's compressed bytes lie (after its local header). */
const dataOf = (b: Uint8Array, entry: ZipEntry): Uint8Array => {
  need(b, entry.offset, 30, `local header of ${entry.name}`)
  if (u32(b, entry.offset) !== LOCAL) throw new ZipRefused('invalid', `bad local header of ${entry.name}`)
  const start = entry.offset + 30 + u16(b, entry.offset + 26) + u16(b, entry.offset + 28)
  need(b, start, entry.compressedSize, `data of ${entry.name}`)
  return b.subarray(start, start + entry.compressedSize)
}

class TooBig extends Error {}

/** Inflate an entry, counting its output and keeping none of it: does it hold what it declares? */
const actualSize = (b: Uint8Array, entry: ZipEntry, max: number): number => {
  const data = dataOf(b, entry)
  if (entry.method === 0) return data.length
  if (entry.method !== 8) throw new ZipRefused('invalid', `${entry.name}: compression method ${entry.method}`)
  let n = 0
  const inflate = new Inflate((chunk) => {
    n += chunk.length
    if (n > max) throw new TooBig()
  })
  const step = 16 * 1024
  try {
    if (data.length === 0) inflate.push(new Uint8Array(0), true)
    for (let i = 0; i < data.length; i += step) inflate.push(data.subarray(i, i + step), i + step >= data.length)
  } catch (err) {
    if (err instanceof TooBig) return n
    throw new ZipRefused('invalid', `${entry.name}: ${(err as Error).message}`)
  }
  return n
}

const mib = (n: number): string => `${Math.round(n / 1024 / 1024)} MiB`

/**
 * Refuse a zip whose parts decompress out of proportion (a zip bomb): first by the sizes its
 * central directory declares, then by inflating every part and counting, so that a directory
 * that under-states its sizes is caught too. Returns the entries once they are proven sound.
 */
export const checkZip = (b: Uint8Array, limits: ZipLimits = XLSX_LIMITS): ZipEntry[] => {
  const entries = readZipDirectory(b)
  let declared = 0
  for (const e of entries) declared += e.size
  const tooMuch = (total: number): boolean =>
    total > limits.maxUnzippedBytes || (total > limits.ratioFloorBytes && total > limits.maxRatio * b.length)
  const explain = (total: number, how: string): string =>
    `${how} ${mib(total)} from ${mib(b.length)} (limits: ${mib(limits.maxUnzippedBytes)} in all, ${limits.maxRatio}:1 above ${mib(limits.ratioFloorBytes)})`
  if (tooMuch(declared)) throw new ZipRefused('bomb', explain(declared, 'declares'))
  let actual = 0
  for (const e of entries) {
    const room = Math.min(e.size, limits.maxUnzippedBytes - actual)
    const n = actualSize(b, e, room)
    if (n > room || n !== e.size) {
      if (n > e.size) throw new ZipRefused('bomb', `${e.name} inflates beyond the ${e.size} bytes it declares`)
      if (n > room) throw new ZipRefused('bomb', explain(actual + n, 'inflates to'))
      throw new ZipRefused('invalid', `${e.name} inflates to ${n} bytes, not the ${e.size} it declares`)
    }
    actual += n
    if (tooMuch(actual)) throw new ZipRefused('bomb', explain(actual, 'inflates to'))
  }
  return entries
}
