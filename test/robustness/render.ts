/**
 * Turning a table model into the exact bytes of a file: delimiter, quoting, line endings
 * (one per line, so CR, LF and CRLF can be mixed), encoding (UTF-8, UTF-8 with BOM,
 * GB18030 through a table built from the platform's own decoder).
 */

export type Eol = '\n' | '\r\n' | '\r'
export type Encoding = 'utf-8' | 'utf-8-bom' | 'gb18030'

export interface RenderOptions {
  delimiter: ',' | ';' | '\t'
  /** Line endings, used in turn (one entry: uniform; several: mixed). */
  eols: Eol[]
  encoding: Encoding
  /** Quote every cell, or only those that need it. */
  quoteAll: boolean
  /** End the last line with a line break. */
  finalEol: boolean
}

export const DEFAULT_RENDER: RenderOptions = { delimiter: ',', eols: ['\n'], encoding: 'utf-8', quoteAll: false, finalEol: true }

const needsQuotes = (cell: string, delimiter: string): boolean =>
  cell.includes(delimiter) || cell.includes('"') || cell.includes('\n') || cell.includes('\r')

export const renderCell = (cell: string, o: RenderOptions): string =>
  o.quoteAll || needsQuotes(cell, o.delimiter) ? `"${cell.replace(/"/g, '""')}"` : cell

/** The text of a table: header then rows, each line ended by the next EOL in turn. */
export const renderText = (lines: ReadonlyArray<readonly string[]>, o: RenderOptions): string => {
  let out = ''
  lines.forEach((cells, i) => {
    out += cells.map((c) => renderCell(c, o)).join(o.delimiter)
    if (i < lines.length - 1 || o.finalEol) out += o.eols[i % o.eols.length]!
  })
  return out
}

/**
 * The line (1-based, CRLF one break) each table line starts on, or null when it renders
 * as an empty line (a CSV reader skips it): what a reader must report as the row's line.
 */
export const recordStarts = (lines: ReadonlyArray<readonly string[]>, o: RenderOptions): Array<number | null> => {
  // From the whole text: a line ended by CR and an empty line ended by LF make one CRLF.
  const texts = lines.map((cells) => cells.map((c) => renderCell(c, o)).join(o.delimiter))
  const whole = renderText(lines, o)
  let offset = 0
  return texts.map((text, i) => {
    const start = offset
    offset += text.length + (i < lines.length - 1 || o.finalEol ? o.eols[i % o.eols.length]!.length : 0)
    return text === '' ? null : 1 + (whole.slice(0, start).match(/\r\n|\r|\n/g)?.length ?? 0)
  })
}

let gbMap: Map<string, Uint8Array> | null = null

/** char → its two-byte GB18030 (GBK) code, from the platform decoder. */
const gbTable = (): Map<string, Uint8Array> => {
  if (gbMap) return gbMap
  gbMap = new Map()
  const dec = new TextDecoder('gb18030')
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue
      const ch = dec.decode(new Uint8Array([lead, trail]))
      if (ch.length === 1 && ch !== '\ufffd' && !gbMap.has(ch)) gbMap.set(ch, new Uint8Array([lead, trail]))
    }
  }
  return gbMap
}

/** GB18030 bytes of `text`, or null when a character has no one- or two-byte code. */
export const encodeGb18030 = (text: string): Uint8Array | null => {
  const table = gbTable()
  const out: number[] = []
  for (const ch of text) {
    const cp = ch.codePointAt(0)!
    if (cp < 0x80) {
      out.push(cp)
      continue
    }
    const b = table.get(ch)
    if (!b) return null
    out.push(b[0]!, b[1]!)
  }
  return Uint8Array.from(out)
}

export const encodeText = (text: string, encoding: Encoding): { bytes: Uint8Array; encoding: Encoding } => {
  if (encoding === 'gb18030') {
    const gb = encodeGb18030(text)
    if (gb) return { bytes: gb, encoding }
    encoding = 'utf-8' // a character GB18030 needs four bytes for: fall back
  }
  const utf8 = new TextEncoder().encode(text)
  if (encoding === 'utf-8') return { bytes: utf8, encoding }
  const withBom = new Uint8Array(utf8.length + 3)
  withBom.set([0xef, 0xbb, 0xbf])
  withBom.set(utf8, 3)
  return { bytes: withBom, encoding }
}

export const renderTable = (lines: ReadonlyArray<readonly string[]>, o: RenderOptions): { bytes: Uint8Array; encoding: Encoding } =>
  encodeText(renderText(lines, o), o.encoding)
