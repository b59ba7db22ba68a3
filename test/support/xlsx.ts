import { zipSync } from 'fflate'
import writeXlsxFile, { type Cell } from 'write-excel-file/node'

/** A real XLSX workbook, written by write-excel-file, one or more sheets. */
export const xlsxOf = async (sheets: Record<string, Cell[][]>): Promise<Buffer> => {
  const names = Object.keys(sheets)
  if (names.length === 1) return writeXlsxFile(sheets[names[0]!]!, { sheet: names[0]! }).toBuffer()
  return writeXlsxFile(names.map((sheet) => ({ data: sheets[sheet]!, sheet }))).toBuffer()
}

/** A zip whose one part is `size` zero bytes: a few KB that inflate out of all proportion. */
export const zerosZip = (size: number, name = 'xl/worksheets/sheet1.xml'): Uint8Array =>
  zipSync({ '[Content_Types].xml': new TextEncoder().encode('<Types/>'), [name]: new Uint8Array(size) }, { level: 9 })

const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

/** Rewrite the declared uncompressed size of the parts declared larger than `below` (central directory and local headers). */
export const declareSize = (zip: Uint8Array, size: number, below = 1024): Uint8Array => {
  const b = new Uint8Array(zip)
  const v = new DataView(b.buffer)
  for (let o = 0; o + 30 <= b.length; o++) {
    const sig = v.getUint32(o, true)
    const at = sig === CENTRAL ? o + 24 : sig === LOCAL ? o + 22 : -1
    if (at >= 0 && v.getUint32(at, true) > below) v.setUint32(at, size, true)
  }
  return b
}
