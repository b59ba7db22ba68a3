import { inflateSync } from 'node:zlib'

/**
 * Just enough of a PDF (as Chromium's printer writes it) to test a print: its pages in the
 * order of the page tree, and what each page draws — the text-showing operators (Tj/TJ) of
 * its content streams. A page that shows no text is blank to a reader.
 */
export interface PdfPage {
  object: number
  texts: number
  contentBytes: number
}

export const pdfPages = (pdf: Uint8Array): PdfPage[] => {
  const buf = Buffer.from(pdf)
  const s = buf.toString('latin1')
  const objects = new Map<number, number>()
  for (const m of s.matchAll(/(?:^|[\r\n])(\d+) 0 obj\b/g)) objects.set(Number(m[1]), m.index + m[0].indexOf(m[1]!))
  const body = (n: number): string => {
    const at = objects.get(n)
    if (at === undefined) throw new Error(`PDF object ${n} is missing`)
    return s.slice(at, s.indexOf('endobj', at))
  }
  const isPage = (b: string): boolean => /\/Type\s*\/Page(?![a-z])/.test(b)
  const root = [...objects.keys()].find((n) => /\/Type\s*\/Pages\b/.test(body(n)) && !/\/Parent\b/.test(body(n)))
  if (root === undefined) throw new Error('no page tree in the PDF')
  const leaves = (n: number): number[] => {
    const b = body(n)
    if (isPage(b)) return [n]
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(b)?.[1] ?? ''
    return [...kids.matchAll(/(\d+) 0 R/g)].flatMap((m) => leaves(Number(m[1])))
  }
  const stream = (n: number): string => {
    const at = objects.get(n)!
    const key = s.indexOf('stream', at)
    const start = s[key + 6] === '\r' ? key + 8 : key + 7
    const raw = buf.subarray(start, s.indexOf('endstream', start))
    return /\/FlateDecode/.test(s.slice(at, key)) ? inflateSync(raw).toString('latin1') : raw.toString('latin1')
  }
  return leaves(root).map((object) => {
    const refs = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(body(object))?.[1] ?? ''
    const content = [...refs.matchAll(/(\d+) 0 R/g)].map((m) => stream(Number(m[1]))).join('\n')
    return { object, texts: (content.match(/T[jJ]\b/g) ?? []).length, contentBytes: content.length }
  })
}

/** The page objects of a PDF, counted as the issue asks: `/Type /Page` (not `/Pages`). */
export const pageObjects = (pdf: Uint8Array): number => (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length
