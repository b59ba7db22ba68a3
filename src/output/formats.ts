import type { Dict } from '../i18n/index.js'
import type { ExportLabels } from '../i18n/export-labels.js'
import { renderCsv } from './csv.js'
import { renderJson } from './json.js'
import type { DocStream, ReportDoc } from './report.js'
import { csvPieces, jsonPieces } from './stream.js'

/** The export formats of `--out`, chosen by the file's extension (SPEC §4). */
export const OUTPUT_FORMATS = ['json', 'csv', 'xlsx', 'md', 'html'] as const
export type OutputFormat = (typeof OUTPUT_FORMATS)[number]

/** The format a path's extension names (case-insensitive), or undefined. */
export const formatOf = (path: string): OutputFormat | undefined => {
  const m = /\.([A-Za-z]+)$/.exec(path)
  const ext = m?.[1]?.toLowerCase()
  return (OUTPUT_FORMATS as readonly string[]).includes(ext ?? '') ? (ext as OutputFormat) : undefined
}

export type CsvEncoding = 'utf-8' | 'gb18030'

export interface RenderContext {
  dict: Dict
  labels: ExportLabels
  /** CSV files: UTF-8 with a BOM (so Excel/WPS open them), or GB18030 for legacy systems. */
  csvEncoding: CsvEncoding
}

const UTF8_BOM = Uint8Array.of(0xef, 0xbb, 0xbf)
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)

/** A character that GB18030 cannot carry (a few private-use code points), and its CSV line. */
export class NotEncodableError extends Error {
  constructor(
    readonly codePoint: string,
    readonly line: number,
  ) {
    super(`${codePoint} on line ${line} has no GB18030 code`)
  }
}

/** The exports written as text, piece by piece (all but XLSX, which its library builds whole). */
export type TextFormat = Exclude<OutputFormat, 'xlsx'>
export const isTextFormat = (f: OutputFormat): f is TextFormat => f !== 'xlsx'

/**
 * The text of an export in pieces, from a report taken in pieces (DocStream): joined, the
 * pieces are the text `renderOutput` encodes for the whole document. The HTML and Markdown
 * renderers are loaded only when asked for.
 */
export const outputPieces = async (format: TextFormat, doc: DocStream, ctx: RenderContext): Promise<Iterable<string>> => {
  switch (format) {
    case 'json':
      return jsonPieces(doc)
    case 'csv':
      return csvPieces(doc, ctx.dict)
    case 'md':
      return (await import('./markdown.js')).markdownPieces(doc, ctx.dict, ctx.labels)
    case 'html':
      return (await import('./html.js')).htmlPieces(doc, ctx.dict, ctx.labels)
  }
}

/**
 * How an export's text becomes its file's bytes, piece by piece: UTF-8 (a BOM first for CSV,
 * so Excel/WPS open it), or GB18030 for CSV when asked. `encode` counts the lines it has
 * seen, so a character GB18030 cannot carry is named with its line (NotEncodableError).
 */
export interface PieceEncoder {
  head: Uint8Array
  encode: (piece: string) => Uint8Array
}

export const pieceEncoder = async (format: TextFormat, ctx: RenderContext): Promise<PieceEncoder> => {
  if (format !== 'csv' || ctx.csvEncoding === 'utf-8') {
    const encoder = new TextEncoder()
    return { head: format === 'csv' ? UTF8_BOM : new Uint8Array(0), encode: (piece) => encoder.encode(piece) }
  }
  const { encodeGb18030, UnencodableError } = await import('../encoding/gb18030.js')
  let lines = 1
  return {
    head: new Uint8Array(0),
    encode: (piece) => {
      try {
        const bytes = encodeGb18030(piece)
        for (let i = piece.indexOf('\n'); i !== -1; i = piece.indexOf('\n', i + 1)) lines++
        return bytes
      } catch (e) {
        if (!(e instanceof UnencodableError)) throw e
        const line = lines + piece.slice(0, e.index).split('\n').length - 1
        throw new NotEncodableError(`U+${e.codePoint.toString(16).toUpperCase().padStart(4, '0')}`, line)
      }
    },
  }
}

/** A CSV file's bytes: the stdout CSV, with a BOM in UTF-8, or encoded as GB18030 (no BOM). */
export const renderCsvFile = async (doc: ReportDoc, d: Dict, encoding: CsvEncoding): Promise<Uint8Array> => {
  const text = renderCsv(doc, d)
  if (encoding === 'gb18030') {
    const { encodeGb18030, UnencodableError } = await import('../encoding/gb18030.js')
    try {
      return encodeGb18030(text)
    } catch (e) {
      if (!(e instanceof UnencodableError)) throw e
      const line = text.slice(0, e.index).split('\n').length
      throw new NotEncodableError(`U+${e.codePoint.toString(16).toUpperCase().padStart(4, '0')}`, line)
    }
  }
  const body = utf8(text)
  const out = new Uint8Array(UTF8_BOM.length + body.length)
  out.set(UTF8_BOM)
  out.set(body, UTF8_BOM.length)
  return out
}

/**
 * The bytes of one export. Pure in what it returns (the same document gives the same
 * bytes); the XLSX writer and the HTML and Markdown renderers are loaded only when asked for.
 */
export const renderOutput = async (format: OutputFormat, doc: ReportDoc, ctx: RenderContext): Promise<Uint8Array> => {
  switch (format) {
    case 'json':
      return utf8(renderJson(doc))
    case 'csv':
      return renderCsvFile(doc, ctx.dict, ctx.csvEncoding)
    case 'md':
      return utf8((await import('./markdown.js')).renderMarkdown(doc, ctx.dict, ctx.labels))
    case 'html':
      return utf8((await import('./html.js')).renderHtml(doc, ctx.dict, ctx.labels))
    case 'xlsx':
      return (await import('./xlsx.js')).renderXlsx(doc, ctx.dict, ctx.labels)
  }
}
