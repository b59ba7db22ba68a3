import type { Mark } from '../core/marks.js'
import { markParser, normalizeToken } from '../input/tokens.js'

/**
 * What zod cannot see in a policy's `gradeSynonyms` (SPEC §2: local tokens such as A/良):
 * a token that is empty once spaces are removed (it would turn blank cells into votes), a
 * token that already means another mark (a policy adds words; it must not turn 优秀 into
 * 不称职), and two tokens that read the same (全角 Ａ and A) mapped to different marks.
 * Returns one line per problem, for the policy-invalid message.
 */
export const synonymProblems = (synonyms: Readonly<Record<string, Mark>>): string[] => {
  const builtin = markParser({})
  const seen = new Map<string, { token: string; mark: Mark }>()
  const problems: string[] = []
  for (const [token, mark] of Object.entries(synonyms)) {
    const key = normalizeToken(token)
    if (key === '') {
      problems.push(`gradeSynonyms ${JSON.stringify(token)}: empty once spaces are removed`)
      continue
    }
    const fixed = builtin(token)
    if (fixed && fixed !== mark) problems.push(`gradeSynonyms ${JSON.stringify(token)}: already means ${fixed}; a policy may add tokens, not change built-in ones`)
    const prev = seen.get(key)
    if (prev && prev.mark !== mark) problems.push(`gradeSynonyms ${JSON.stringify(token)}: reads as ${JSON.stringify(prev.token)} (${prev.mark}), not ${mark}`)
    seen.set(key, { token, mark })
  }
  return problems
}
