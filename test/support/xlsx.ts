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

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)

/**
 * A workbook built by hand, part by part: one sheet whose `<sheetData>` (and anything after
 * it: `<mergeCells>`) is `body`, with inline strings and numbers as written. A few hundred
 * bytes, for cells and ranges no writer would make (XFD1048576, ZZZ9999999).
 */
export const handXlsx = (body: string, opts: { dimension?: string; sheet?: string } = {}): Uint8Array =>
  zipSync(
    {
      '[Content_Types].xml': utf8(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
      '_rels/.rels': utf8(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ),
      'xl/workbook.xml': utf8(
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
          `<sheets><sheet name="${opts.sheet ?? 'Sheet1'}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
      'xl/_rels/workbook.xml.rels': utf8(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
      'xl/worksheets/sheet1.xml': utf8(
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
          `${opts.dimension ? `<dimension ref="${opts.dimension}"/>` : ''}${body.includes('<sheetData') ? body : `<sheetData>${body}</sheetData>`}</worksheet>`,
      ),
    },
    { level: 6 },
  )

/** A cell of text (inline) or a number, at `ref`. */
export const cellXml = (ref: string, v: string | number): string =>
  typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${v.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</t></is></c>`

/** A row of cells `[ref, value]`, its number taken from the first ref. */
export const rowXml = (cells: Array<[string, string | number]>): string => `<row r="${/\d+$/.exec(cells[0]![0])![0]}">${cells.map(([r, v]) => cellXml(r, v)).join('')}</row>`

/** The ballot table every hand-built case starts from: a header and two ballots. */
export const BALLOT_ROWS = [
  rowXml([['A1', '票号'], ['B1', '干部编号'], ['C1', '测评等次']]),
  rowXml([['A2', 'P1'], ['B2', 'XJ001'], ['C2', '优秀']]),
  rowXml([['A3', 'P2'], ['B3', 'XJ001'], ['C3', '称职']]),
].join('')
