import { stripVTControlCharacters } from 'node:util'
import { stringWidth } from './width.js'
import { shorten, wrapText } from './wrap.js'

/**
 * Fitting the terminal table to the terminal (issue 15): which columns stay, in which form,
 * how wide. Pure arithmetic on the widths a first pass over the rows measured, so that a
 * table of 100,000 cadres is still drawn as its rows come.
 *
 * The order in which a table is made narrower is the caller's (`steps`), stopping as soon
 * as it fits; after them, the widest remaining columns are cut (with …) down to a floor,
 * then columns are left out from the right, the first one kept.
 */

/** A column as measured: its width in full and, where it has one, in its short form (both with the padding). */
export interface Measured {
  width: number
  short?: number
}

export type FitStep =
  /** Show the column's short form (the denominator's number without its basis, a share's percentage). */
  | { short: number[] }
  /** Leave the columns out. */
  | { drop: number[] }
  /** Cut these columns' cells with …, the widest first, to no less than `floor` columns of text. */
  | { cut: number[]; floor: number }

export interface FitPlan {
  /** The columns kept, in their order. */
  keep: number[]
  /** The columns shown in their short form. */
  short: Set<number>
  /** Each kept column's width of text (without the padding), by column. */
  widths: Map<number, number>
  /** Does the table fit? (false only when not even its first column, cut to one character, does.) */
  fits: boolean
}

/** cli-table3's compact table: each column its text plus a space either side, a line between columns and at both ends. */
export const tableWidth = (widths: readonly number[]): number => widths.reduce((s, w) => s + w + 2, 0) + widths.length + 1

/** The widest the table may be: `Infinity` for no limit. */
export const planFit = (cols: readonly Measured[], max: number, steps: readonly FitStep[]): FitPlan => {
  const short = new Set<number>()
  const dropped = new Set<number>()
  const text = cols.map((c) => c.width - 2)
  const keep = (): number[] => cols.map((_, i) => i).filter((i) => !dropped.has(i))
  const total = (): number => tableWidth(keep().map((i) => text[i]!))
  const plan = (fits: boolean): FitPlan => ({ keep: keep(), short, widths: new Map(keep().map((i) => [i, text[i]!])), fits })
  if (total() <= max) return plan(true)
  // The widest first, a column of text at a time (so the widest level out), each no narrower than the floor.
  const cut = (which: readonly number[], floor: number): boolean => {
    while (total() > max) {
      let widest = -1
      for (const i of which) if (!dropped.has(i) && text[i]! > floor && (widest < 0 || text[i]! > text[widest]!)) widest = i
      if (widest < 0) return false
      text[widest]!--
    }
    return true
  }
  // Once it fits by leaving columns out, those left out last come back while they still fit (a wide terminal keeps 单位 when only 边距 had to go).
  const order: number[] = []
  const shortGroups: number[][] = []
  const refill = (): FitPlan => {
    for (const i of [...order].reverse()) {
      dropped.delete(i)
      if (total() > max) dropped.add(i)
    }
    // And columns shortened come back in full where there is room (the shares' votes, the denominator's basis).
    // A step's columns together: every share in full, or every share as a percentage.
    for (const group of [...shortGroups].reverse()) {
      const was = group.map((i) => text[i]!)
      for (const i of group) text[i] = cols[i]!.width - 2
      if (total() > max) group.forEach((i, k) => (text[i] = was[k]!))
      else for (const i of group) short.delete(i)
    }
    return plan(true)
  }
  for (const step of steps) {
    if ('short' in step) {
      shortGroups.push(step.short.filter((i) => cols[i]?.short !== undefined && !dropped.has(i)))
      for (const i of step.short) {
        const s = cols[i]?.short
        if (s !== undefined && !dropped.has(i)) {
          short.add(i)
          text[i] = Math.min(text[i]!, s - 2)
        }
      }
    } else if ('drop' in step) {
      for (const i of step.drop) {
        if (dropped.has(i)) continue
        dropped.add(i)
        order.push(i)
      }
      if (total() <= max) return refill()
    } else if (cut(step.cut, step.floor)) return plan(true)
    if (total() <= max) return plan(true)
  }
  // Last: every column but the first cut to 3 (a character and …), then columns left out from the right.
  if (cut(keep().slice(1), 3)) return plan(true)
  while (keep().length > 1) {
    dropped.add(keep().at(-1)!)
    if (total() <= max) return plan(true)
  }
  return cut(keep(), 1) ? plan(true) : plan(false)
}

/** A cell in the plan's width: cut with … when longer (its colour dropped then: a cut would split a colour code). */
export const fitCell = (cell: string, width: number, measure: (s: string) => number): string =>
  measure(cell) <= width ? cell : shorten(stripVTControlCharacters(cell), width)

/**
 * A line of text (under the table) broken to the width, its continuation lines indented
 * two more than the line: `  · Item 9: …` goes on under its text.
 */
export const fitLine = (line: string, max: number): string[] => {
  if (max === Infinity || stringWidth(line) <= max) return [line]
  const indent = /^ */.exec(line)![0].length
  // Continuation lines go under the text after the bullet (`  · `).
  const under = /^ *(· )?/.exec(line)![0].length
  const lines = wrapText(line.slice(indent), Math.max(1, max - under))
  return lines.map((l, i) => `${' '.repeat(i === 0 ? indent : under)}${l}`)
}
