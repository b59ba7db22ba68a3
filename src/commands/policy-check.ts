import { firingBound, lowestTerms, parseFraction } from '../core/fraction.js'
import { FIXED_RULES } from '../core/rules/index.js'
import { defaultShareOptions, defaultSharePrerequisites } from '../core/measures.js'
import { EXIT, type ExitCode } from '../errors.js'
import { dict, fill, type Lang } from '../i18n/index.js'
import { policyWords } from '../i18n/policy-words.js'
import { historyWords } from '../i18n/history-words.js'
import { persistentYearsOf } from '../core/history.js'
import { fractionWords, marksSentence, shareLabel } from '../i18n/share-words.js'
import { loadPolicy } from '../policy/load.js'
import type { Policy, ShareRuleSpec } from '../policy/schema.js'
import { terminalSafe } from '../output/terminal.js'
import type { Io } from './common.js'

/** The example denominator: the least multiple of the share's denominator from 30 up, so that "exactly at the share" is a whole vote count. */
const exampleDen = (share: string): bigint => {
  const q = lowestTerms(parseFraction(share)!).q
  return ((30n + q - 1n) / q) * q
}

/** The lines explaining one share rule: when it fires, an example, its options and steps. */
const explainShareRule = (policy: Policy, r: ShareRuleSpec, n: number, lang: Lang): string[] => {
  const d = dict(lang)
  const w = policyWords(lang)
  const words = fractionWords(d, r.share)
  const marks = marksSentence(d, r.marks)
  const label = shareLabel(d, { ...r, label: r.label?.[lang] ?? null })
  const lines = [
    fill(w.rule, {
      n,
      id: r.id,
      item: r.item,
      label: `${w.labelSep}${label}`,
      marks,
      basis: d.basis[policy.denominator],
      sym: d.comparison[r.comparison],
      share: r.share,
      words: words === null ? w.noWords : fill(w.words, { cmp: d.share.comparison[r.comparison], words }),
      measure: d.disposition[r.measure],
    }),
  ]
  const den = exampleDen(r.share)
  const { side, limit } = firingBound(den, parseFraction(r.share)!, r.comparison)
  if (side === 'atLeast') lines.push(limit > den ? w.never : limit <= 0n ? w.always : fill(w.atLeast, { den: String(den), marks, limit: String(limit), other: String(limit - 1n) }))
  else lines.push(limit < 0n ? w.never : limit >= den ? w.always : fill(w.atMost, { den: String(den), marks, limit: String(limit), other: String(limit + 1n) }))
  if (policy.denominator === 'valid' && r.marks.some((m) => m === 'abstain' || m === 'invalid')) lines.push(w.outsideValid)
  const options = (r.options ?? defaultShareOptions(r.measure)).map((o) => d.option[o])
  lines.push(options.length === 0 ? w.optionsNone : fill(w.options, { options: options.join(w.join) }))
  const steps = (r.prerequisites ?? defaultSharePrerequisites(r.item, r.measure)).map((p) => d.prerequisite[p])
  if (steps.length > 0) lines.push(fill(w.prerequisites, { steps: steps.join(w.join) }))
  return lines
}

/**
 * `kaohe policy check FILE|NAME`: validate a policy (exit 65 naming every problem, as any
 * command would) and explain it — denominator, borderline, quorum, each share rule in words
 * with an example count, and which rules of items 3 and 5 are on.
 */
export const policyCheck = async (name: string, lang: Lang, io: Io): Promise<ExitCode> => {
  const loaded = await loadPolicy(name)
  const p = loaded.policy
  const d = dict(lang)
  const w = policyWords(lang)
  const off = new Set<string>(p.disabledRules)
  const lines = [
    fill(w.valid, { file: loaded.source === 'builtin' ? name : loaded.source, id: p.id, version: p.version, sha: loaded.sha256 }),
    p.title,
    fill(w.denominator, { basis: d.basis[p.denominator], code: p.denominator }),
    fill(w.borderline, { n: p.borderlineVotes }),
    p.quorum === null ? w.quorumNone : fill(w.quorum, { share: p.quorum.minParticipation }),
    p.shareRules.length === 0 ? w.shareRulesNone : fill(w.shareRules, { n: p.shareRules.length }),
    ...p.shareRules.flatMap((r, i) => explainShareRule(p, r, i + 1, lang)),
    w.otherRules,
    ...FIXED_RULES.map((r) =>
      fill(w.otherRule, {
        id: r.id,
        item: r.item,
        name: d.rule[r.id as keyof typeof d.rule],
        measure: d.disposition[r.measure],
        status: off.has(r.id) ? w.off : w.on,
      }),
    ),
    historyLine(p, lang),
  ]
  // Labels and the title come from the file: terminal-safe, line by line.
  io.stdout(lines.map((l) => `${terminalSafe(l, Infinity)}\n`).join(''))
  return EXIT.ok
}

/** What `--history` makes of the policy (SPEC §2.5): item9-persistent's years, item10-reappointment's margin. */
const historyLine = (p: Policy, lang: Lang): string => {
  const w = historyWords(lang)
  return fill(w.policyLine, { n: persistentYearsOf(p), given: p.history === undefined ? w.policyDefault : '', b: p.borderlineVotes })
}
