import type { Comparison } from '../core/fraction.js'
import type { Mark } from '../core/marks.js'
import type { DispositionCode, FixedRuleId, NoteCode, OptionCode, PrerequisiteCode } from '../core/model.js'
import type { DenominatorBasis } from '../policy/schema.js'
import { LIST_MARK } from '../errors.js'
import { en } from './en.js'
import type { ShareWords } from './share-words.js'
import { zh } from './zh.js'

export type Lang = 'zh' | 'en'
type Params = Record<string, string | number>

/** Every word a user reads, per language. */
export interface Dict {
  lang: Lang
  disposition: Record<DispositionCode, string>
  /** Names of the rules written in code (share rules are named by `share`). */
  rule: Record<FixedRuleId, string>
  option: Record<OptionCode, string>
  prerequisite: Record<PrerequisiteCode, string>
  note: Record<NoteCode, string>
  mark: Record<Mark, string>
  basis: Record<DenominatorBasis, string>
  comparison: Record<Comparison, string>
  /** Finding and check texts of the rules written in code: (rule, fired, params) → sentence. */
  ruleText: (rule: FixedRuleId, fired: boolean, p: Params) => string
  /** The words of the policy's share rules (share-words.ts fills them). */
  share: ShareWords
  /** Issue and error messages by code. */
  message: (code: string, p: Params) => string
  /** After a group of like issues: how many, and the first rows ("（共 3 处：第 2、5、9 行）"). */
  occurrences: (count: number, rows: readonly number[]) => string
  /** "file line L column C (header)": where a problem is. */
  where: (file: string, row: number | null, column: number | null, columnName: string | null) => string
  ui: Record<UiKey, string>
  /** The language's punctuation between words: `：` or `: `, `；` or `; `, `（x）` or ` (x)`. */
  punct: { colon: string; semicolon: string; paren: (s: string) => string }
  /** A list as the language writes one (住房、投资 / housing, investment). */
  list: (items: readonly string[]) => string
  /** A personal-matter category of the policy, named for the reader: its label (in English, with its key in words). */
  category: (c: { key: string; label: string }) => string
  /** One verification finding, named concretely: its category, what was found, its type. */
  findingText: (f: { category: string; detail: string; type: string | null; seriousBy: 'marked' | 'policy-type' | null }) => string
}

export type UiKey =
  | 'id'
  | 'name'
  | 'unit'
  | 'post'
  | 'denominator'
  | 'margin'
  | 'disposition'
  | 'basis'
  | 'rationale'
  | 'options'
  | 'prerequisites'
  | 'summary'
  | 'cadres'
  | 'rowsRead'
  | 'rowsCounted'
  | 'rowsInIssues'
  | 'blankRows'
  | 'rowsSkipped'
  | 'issues'
  | 'issuesOmitted'
  | 'needsAction'
  | 'borderline'
  | 'noData'
  | 'policy'
  | 'disclaimer'
  | 'andMore'
  | 'errorHeader'
  | 'notice'
  | 'progress'
  | 'progressNoTotal'


export const dict = (lang: Lang): Dict => (lang === 'en' ? en : zh)

export const parseLang = (s: string): Lang | undefined => (s === 'zh' || s === 'en' ? s : undefined)

/** The parameters with their lists joined the language's way (the same object when none has one). */
export const joinLists = (p: Params, sep: string): Params => {
  let out: Params | undefined
  for (const k in p) {
    const v = p[k]
    if (typeof v === 'string' && v.includes(LIST_MARK)) (out ??= { ...p })[k] = v.replaceAll(LIST_MARK, sep)
  }
  return out ?? p
}

/** Fill `{name}` placeholders. */
export const fill = (template: string, p: Params): string => {
  // Each template is cut once into text and {names} (a report fills it for every cadre).
  let parts = TEMPLATES.get(template)
  if (parts === undefined) {
    parts = template.split(/\{(\w+)\}/)
    TEMPLATES.set(template, parts)
  }
  let out = parts[0]!
  for (let i = 1; i < parts.length; i += 2) {
    const k = parts[i]!
    out += (Object.hasOwn(p, k) ? String(p[k]) : `{${k}}`) + parts[i + 1]!
  }
  return out
}
/** Templates cut into [text, name, text, name, …, text]. */
const TEMPLATES = new Map<string, string[]>()

/** 1 → A, 27 → AA: how Excel names a column (XLSX locations). */
export const columnLetter = (n: number): string => {
  let s = ''
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s
  return s
}

/** Locations in an XLSX file name the column by its letter, as Excel shows it. */
export const isXlsx = (file: string): boolean => /\.xlsx(?:#[^/\\]*)?$/i.test(file)
