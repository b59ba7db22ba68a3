import type { Rule } from '../model.js'
import { item3BasicGrade } from './item3-basic-grade.js'
import { item9Incompetent } from './item9-incompetent.js'
import { item9Unfit } from './item9-unfit.js'

/** The ordered registry: a new rule is one file and one line here. */
export const RULES: readonly Rule[] = [item9Incompetent, item9Unfit, item3BasicGrade]

/** Rules that judge the vote shares (item 9); `tally` runs only these. */
export const VOTE_RULES: readonly Rule[] = [item9Incompetent, item9Unfit]
