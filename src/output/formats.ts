import type { Dict } from '../i18n/index.js'
import type { ExportLabels } from '../i18n/export-labels.js'
import { renderCsv } from './csv.js'
import { renderJson } from './json.js'
import type { ReportDoc } from './report.js'

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

/** A CSV file's bytes: the stdout CSV, with a BOM in UTF-8, or encoded as GB18030 (no BOM). */
export const renderCsvFile = async (doc: ReportDoc, d: Dict, encoding: CsvEncoding): Promise<Uint8Array> => {
  const text = renderCsv(doc, d)
  if (encoding === 'gb18030') {
    const { encodeGb18030, UnencodableError } = await import('./gb18030.js')
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
