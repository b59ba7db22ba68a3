import { unzipSync, zipSync } from 'fflate'
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

/**
 * The workbook with some cells of its first sheet turned into failed formulas, as Excel
 * saves them (`<c r="E3" t="e"><f>1/0</f><v>#DIV/0!</v></c>`; `value: null` saves none).
 * Each cell must hold something in the workbook given (any placeholder).
 */
export const withErrorCells = (xlsx: Uint8Array, cells: Array<{ ref: string; formula: string; value: string | null }>): Uint8Array => {
  const parts = unzipSync(xlsx)
  const name = 'xl/worksheets/sheet1.xml'
  let xml = new TextDecoder().decode(parts[name])
  for (const c of cells) {
    const cell = new RegExp(`<c r="${c.ref}"(?:[^>]*/>|[^>]*>[\\s\\S]*?</c>)`)
    if (!cell.test(xml)) throw new Error(`no cell ${c.ref} to replace`)
    xml = xml.replace(cell, `<c r="${c.ref}" t="e"><f>${c.formula}</f>${c.value === null ? '' : `<v>${c.value}</v>`}</c>`)
  }
  return zipSync({ ...parts, [name]: new TextEncoder().encode(xml) })
}
