import { stringWidth } from './width.js'

/** Characters a terminal shows two columns wide that a line may break between (Han, kana, full-width forms). */
const WIDE = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u3000-\\u303f\\uff00-\\uffef'
/** Punctuation that never opens a line (，。；：）》” …) and that never ends one (（《“ …). */
const CLOSING = '\\u3001\\u3002\\uff0c\\uff1b\\uff1a\\uff09\\u300b\\u300d\\u3011\\u201d\\u2019\\uff01\\uff1f\\u2026'
const OPENING = '\\uff08\\u300a\\u300c\\u3010\\u201c\\u2018'

/**
 * The pieces a line may break between: spaces before a word, a word of narrow characters
 * (a `|` ends one, so `a|b|c` lists break), or one wide character — each with the opening
 * punctuation before it and the closing punctuation after it.
 */
const CHUNK = new RegExp(`\\s*[${OPENING}]*(?:[${WIDE}]|[^\\s${WIDE}|${OPENING}${CLOSING}]+\\|?|\\|)[${CLOSING}]*|\\s*[${OPENING}${CLOSING}]+`, 'gu')

/**
 * Text broken into lines of at most `width` terminal columns (string-width: a Chinese
 * character is two, colour codes none): at spaces, after `|`, and between Chinese
 * characters. A single piece wider than `width` (a long file name) is cut by character.
 */
export const wrapText = (text: string, width: number): string[] => {
  const out: string[] = []
  for (const raw of text.split(/\r\n|\n/)) {
    const chunks = raw.match(CHUNK)
    if (chunks === null) {
      out.push('')
      continue
    }
    let line = ''
    let w = 0
    for (const chunk of chunks) {
      const cw = stringWidth(chunk)
      if (w + cw <= width || line === '') {
        line += line === '' ? chunk.trimStart() : chunk
        w = stringWidth(line)
      } else {
        out.push(line)
        line = chunk.trimStart()
        w = stringWidth(line)
      }
      while (w > width) {
        const [head, tail] = cut(line, width)
        out.push(head)
        line = tail
        w = stringWidth(line)
      }
    }
    out.push(line)
  }
  return out
}

/** A line cut at `width` columns, by code point (a wide character that would straddle the edge goes to the next line). */
export const cut = (line: string, width: number): [string, string] => {
  let w = 0
  let i = 0
  for (const ch of line) {
    const cw = stringWidth(ch)
    if (w + cw > width && i > 0) break
    w += cw
    i += ch.length
  }
  return [line.slice(0, i), line.slice(i)]
}

/** A cell cut to `width` columns with `…` at the end when it is longer. */
export const shorten = (text: string, width: number): string => {
  if (stringWidth(text) <= width) return text
  if (width <= 1) return width === 1 ? '…' : ''
  return `${cut(text, width - 1)[0]}…`
}
