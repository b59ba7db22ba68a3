import type { Policy, ReportCategory } from '../policy/schema.js'
import { normalizeHeader } from './headers.js'

/**
 * Match a header or a 事项 cell to one of the policy's report categories: its label, an
 * alias or its English key, compared as headers are (SPEC §2: trimmed, full-width folded,
 * case-insensitive), so 持有因私出国(境)证件 matches 持有因私出国（境）证件.
 */
export const categoryMatcher = (policy: Policy): ((text: string) => ReportCategory | undefined) => {
  const table = new Map<string, ReportCategory>()
  for (const c of policy.reports.categories) {
    for (const t of [c.label, ...c.aliases, c.key]) {
      const n = normalizeHeader(t)
      if (!table.has(n)) table.set(n, c)
    }
  }
  return (text) => table.get(normalizeHeader(text))
}

/** Unanswered marks (SPEC §2.3): blank, a dash, a slash, 待填; full-width forms too. */
const UNANSWERED = /^(?:[-‐‑‒–—―－]+|[/／\\＼]+|待填|待填写)$/

/**
 * A template's instruction left in a cell — a remark in brackets that asks for the answer,
 * （如实填写；没有的填“无”） / (describe truthfully; write "none" if nothing) — is no answer.
 */
const INSTRUCTION = /^\((?:如实填写|请填写|请如实|填写|describe|fillin|pleasefill)[^()]*\)$/i

/** Is a category answered? 无 (none) or any description is; blank, -, /, 待填 and a template's instruction are not. */
export const isAnswered = (cell: string): boolean => {
  const s = cell.normalize('NFKC').replace(/[\s\u3000]+/g, '')
  return s !== '' && !UNANSWERED.test(s) && !INSTRUCTION.test(s)
}
