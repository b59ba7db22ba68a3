/**
 * Zip entries carry a modification time; write-excel-file (through fflate) stamps them
 * with the clock, so two runs would differ. kaohe's exports must be reproducible byte for
 * byte (SPEC §4), so every entry is dated 1980-01-01 00:00, the earliest date a zip can
 * hold (the usual choice of reproducible builds). The time of the run is in the manifest.
 *
 * The DOS time and date sit at fixed offsets in each central-directory record and in the
 * local header it points to; no checksum covers them.
 */
const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
/** DOS date of 1980-01-01: (year - 1980) << 9 | month << 5 | day. */
const DOS_DATE_1980 = (1 << 5) | 1
const DOS_TIME_MIDNIGHT = 0

export const fixZipTimestamps = (zip: Uint8Array): Uint8Array => {
  const out = Uint8Array.from(zip)
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength)
  // The end-of-central-directory record: 22 bytes, after an optional comment of up to 65535.
  let eocd = -1
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw new Error('not a zip archive: no end of central directory')
  const entries = view.getUint16(eocd + 10, true)
  let p = view.getUint32(eocd + 16, true)
  for (let n = 0; n < entries; n++) {
    if (view.getUint32(p, true) !== CENTRAL) throw new Error(`zip central directory record ${n} is malformed`)
    view.setUint16(p + 12, DOS_TIME_MIDNIGHT, true)
    view.setUint16(p + 14, DOS_DATE_1980, true)
    const local = view.getUint32(p + 42, true)
    if (view.getUint32(local, true) !== LOCAL) throw new Error(`zip local header ${n} is malformed`)
    view.setUint16(local + 10, DOS_TIME_MIDNIGHT, true)
    view.setUint16(local + 12, DOS_DATE_1980, true)
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true)
  }
  return out
}
