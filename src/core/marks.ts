/** The marks a ballot can give one cadre (SPEC §2). Codes are public: JSON keys use them. */
export const GRADES = ['excellent', 'competent', 'basicallyCompetent', 'incompetent'] as const
export type Grade = (typeof GRADES)[number]

export const MARKS = [...GRADES, 'abstain', 'invalid'] as const
export type Mark = (typeof MARKS)[number]

/** Mark ↔ small integer, for compact per-ballot state (one bit per mark). */
const MARK_NUMBERS = Object.fromEntries(MARKS.map((m, i) => [m, i])) as Record<Mark, number>
export const markIndex = (m: Mark): number => MARK_NUMBERS[m]
