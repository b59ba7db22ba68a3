import { createRequire } from 'node:module'

type Width = (s: string) => number

let widthOf: Width | undefined

/**
 * The columns a terminal gives `s` (a Chinese character takes two): string-width's measure,
 * loaded the first time something is laid out. It is the costliest module kaohe loads (its
 * emoji pattern), and `kaohe --version`, JSON and CSV output never need it, so it is not
 * loaded at start (Node ≥ 20.19 loads an ES module by `require`).
 */
export const stringWidth = (s: string): number =>
  (widthOf ??= (createRequire(import.meta.url)('string-width') as { default: Width }).default)(s)
