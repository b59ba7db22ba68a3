import type { DenominatorBasis, Policy } from '../policy/schema.js'
import type { Comparison } from './fraction.js'
import type { CadreHistory, CadreHistoryInput } from './history.js'
import type { Grade, Mark } from './marks.js'
import type { Tally } from './tally.js'

/**
 * The rules written in code (items 3 and 5), in the order they run after the policy's share
 * rules. Public ids (policy files, JSON, docs): renaming one is a breaking change. A policy
 * switches any of them off with `disabledRules`.
 */
export const FIXED_RULE_IDS = [
  'item3-basic-grade',
  'item5-report-missing',
  'item5-report-incomplete',
  'item5-report-late',
  'item5-unreported-finding',
  'item5-serious',
  'item5-duty-statement',
] as const
export type FixedRuleId = (typeof FIXED_RULE_IDS)[number]

/**
 * A rule id: one of FIXED_RULE_IDS, or the id of one of the policy's share rules — the
 * built-in policies name theirs `item9-incompetent` and `item9-unfit` (public and stable).
 */
export type RuleId = string

/** Public disposition codes, most severe measure first. */
export type MeasureCode = 'dismissal' | 'adjustment' | 'organizational-handling' | 'admonishment' | 'none'
/**
 * A status code overrides the measure as the headline: `withheld` (quorum not met),
 * `data-incomplete` (lenient: rows left out), `no-data` (no vote data for a cadre the run
 * should judge on votes, and no other finding: SPEC §3).
 */
export type DispositionCode = MeasureCode | 'withheld' | 'data-incomplete' | 'no-data'

/** Severity order of measures (SPEC §1): dismissal > adjustment > organizational-handling > admonishment > none. */
export const MEASURE_SEVERITY: Readonly<Record<MeasureCode, number>> = {
  none: 0,
  admonishment: 1,
  'organizational-handling': 2,
  adjustment: 3,
  dismissal: 4,
}

export const DISPOSITION_CODES: readonly DispositionCode[] = [
  'dismissal',
  'adjustment',
  'organizational-handling',
  'admonishment',
  'none',
  'withheld',
  'data-incomplete',
  'no-data',
]

/** Options for a measure: item 9 (dismissal) and item 8 (adjustment), item 3/5 (admonishment); in the order they are listed. */
export const OPTION_CODES = [
  'removal',
  'ordered-resignation',
  'demotion',
  'deputy-post',
  'non-leading-post',
  'training',
  'suitable-post',
  'professional-post',
  'admonish-talk',
  'admonish-written',
] as const
export type OptionCode = (typeof OPTION_CODES)[number]

/** Steps the Opinion requires before a decision, in the order they are listed. */
export const PREREQUISITE_CODES = ['recount', 'hear-opinions', 'appointment-procedure', 'resettle', 'committee-decides'] as const
export type PrerequisiteCode = (typeof PREREQUISITE_CODES)[number]

export type WithheldReason = 'quorum-not-met' | 'no-eligible-count' | 'no-valid-votes'

export type NoteCode = 'no-evaluation-data' | 'not-on-roster-checks' | 'rows-left-out' | 'name-ambiguous' | WithheldReason

/** What a cadre's record holds once inputs are read and validated. */
export interface CadreInput {
  id: string
  name: string
  unit: string
  post: string
  /** 是否正职; null when unknown. */
  principal: boolean | null
  /** 年度考核等次 from the roster; null when not given. */
  annualGrade: Grade | null
  /** 述职述廉 given; null when not stated. */
  dutyStatement: boolean | null
  /** 应报告个人事项; null when not stated (SPEC: default 是 for rostered cadres). */
  mustReport: boolean | null
  onRoster: boolean
  /** null: no vote data for this cadre. */
  tally: Tally | null
  /** 实参加人数 from a count sheet, where given (else derived from the tally). */
  participated: number | null
  /** Per voter group, where the ballots name one. */
  groups: ReadonlyArray<{ group: string; tally: Tally }>
  /** Lenient mode: rows touching this cadre were left out. */
  incomplete: boolean
  /**
   * Lenient mode, no roster: a name given without an id may also mean another cadre, so
   * which of the counted votes are this cadre's is not certain (no row was left out for it).
   */
  nameAmbiguous?: boolean
  /**
   * Item 5: the personal-matter report. Absent (undefined) when no report files were given,
   * so the report rules are not evaluated; null when they were given and hold none for this cadre.
   */
  report?: ReportInput | null
  /** Item 5: verification findings (查核结果); absent when no findings file was given. */
  findings?: FindingInput[]
  /** Earlier years (`--history`, SPEC §2.5): what each holds for this cadre; absent without `--history`. */
  history?: CadreHistoryInput
}

/** A cadre's personal-matter report (个人有关事项报告), as read from the report files. */
export interface ReportInput {
  /** Keys of the policy's categories that the report answers (无 or a description). */
  answered: string[]
  /** 报告日期, YYYY-MM-DD (the latest, when rows give several); null when not given. */
  date: string | null
  /** The year whose deadline applies (`--year`); null: the year of the report date. */
  roundYear: number | null
}

/** One row of the verification findings (查核结果). */
export interface FindingInput {
  /** 事项 as written. */
  category: string
  /** The policy category it names, where it names one. */
  categoryKey: string | null
  /** 情况 as written. */
  detail: string
  /** 类型 (漏报 under-reported, 瞒报 concealed), where given. */
  type: string | null
  /** 情节严重 marked 是. */
  markedSerious: boolean
  /** Where the row is ("file:line"), so that an auditor can find it. */
  source: string
}

/** The integers a share rule compared. */
export interface ShareComputation {
  kind: 'share'
  numerator: number
  numeratorMarks: Mark[]
  denominator: number
  denominatorBasis: DenominatorBasis
  threshold: string
  comparison: Comparison
}

export interface AnnualGradeComputation {
  kind: 'annual-grade'
  value: Grade
  trigger: Grade
}

/** Item 5: must the cadre report, and is there a report. */
export interface ReportPresenceComputation {
  kind: 'report-presence'
  /** 应报告个人事项 (the roster; 是 by default). */
  required: boolean
  present: boolean
}

/** Item 5: which of the policy's categories the report leaves unanswered. */
export interface ReportCategoriesComputation {
  kind: 'report-categories'
  /** The report's date, where given (YYYY-MM-DD). */
  date: string | null
  required: number
  answered: number
  unanswered: Array<{ key: string; label: string }>
}

/** Item 5: the report's date against the policy's deadline (dates as YYYY-MM-DD, compared as text). */
export interface ReportDateComputation {
  kind: 'report-date'
  date: string
  deadline: string
}

/** Item 5: verification findings; for item5-serious only the serious ones, each with why. */
export interface FindingsComputation {
  kind: 'findings'
  /** All findings for the cadre. */
  total: number
  findings: Array<{
    category: string
    categoryKey: string | null
    detail: string
    type: string | null
    /** Why a finding is serious: marked 情节严重, or its type is one the policy names. */
    seriousBy: 'marked' | 'policy-type' | null
    source: string
  }>
}

/** Item 5: 述职述廉 as the roster states it. */
export interface DutyStatementComputation {
  kind: 'duty-statement'
  given: boolean
}

export type Computation =
  | ShareComputation
  | AnnualGradeComputation
  | ReportPresenceComputation
  | ReportCategoriesComputation
  | ReportDateComputation
  | FindingsComputation
  | DutyStatementComputation

/** One rule evaluated for one cadre, fired or not: the "why not" an auditor asks for. */
export interface Check {
  rule: RuleId
  item: number
  fired: boolean
  measure: MeasureCode
  computation: Computation
  margin: number | null
  borderline: boolean
  /** The options this rule offers when its measure is the headline (the cadre's post still decides 改任副职). */
  options: readonly OptionCode[]
  /** The steps this rule requires before a decision, when it fires (recount comes from `borderline`). */
  prerequisites: readonly PrerequisiteCode[]
}

export interface Disposition {
  code: DispositionCode
  /** The most severe measure among the fired rules (the code, unless a status overrides it). */
  measure: MeasureCode
  /** The fired rules behind the measure, most severe first. */
  basis: RuleId[]
  options: OptionCode[]
  prerequisites: PrerequisiteCode[]
  /**
   * Why a status code stands, or — `no-evaluation-data` — why a measure of item 3 or 5 stands
   * without any vote data behind it.
   */
  reason: WithheldReason | 'rows-left-out' | 'name-ambiguous' | 'no-evaluation-data' | null
}

export interface CadreAssessment {
  cadre: CadreInput
  denominator: number | null
  denominatorBasis: DenominatorBasis
  checks: Check[]
  disposition: Disposition
  notes: NoteCode[]
  /** Earlier years judged by this year's share rules, and the advisory checks; absent without `--history`. */
  history?: CadreHistory
}

export interface RuleContext {
  cadre: CadreInput
  policy: Policy
  /** The denominator when item 9 can be judged; null when withheld or no votes. */
  denominator: number | null
}

/** A rule: check + explain, thresholds from the policy. Returns null when it does not apply. */
export interface Rule {
  id: RuleId
  item: number
  measure: MeasureCode
  /** The rule judges vote shares: a cadre without vote data cannot be judged by it (`no-data`). */
  needsVotes?: true
  check(ctx: RuleContext): Check | null
}
