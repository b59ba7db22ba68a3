import type { MeasureCode, OptionCode, PrerequisiteCode } from './model.js'

/** The measures a share rule may recommend (a rule that fires always recommends one). */
export const SHARE_MEASURES = ['dismissal', 'adjustment', 'organizational-handling', 'admonishment'] as const
export type ShareMeasure = (typeof SHARE_MEASURES)[number]

/** 第9项: "分别作出免职、责令辞职、降职等组织处理". */
const DISMISSAL: readonly OptionCode[] = ['removal', 'ordered-resignation', 'demotion']
/** 第8项, in its order; 改任副职 only for a principal (正职) post, which `dispose` checks. */
const ADJUSTMENT: readonly OptionCode[] = ['deputy-post', 'non-leading-post', 'training', 'suitable-post', 'professional-post']
/** 第3项: "通过谈话或者书面形式对其进行诫勉". */
const ADMONISHMENT: readonly OptionCode[] = ['admonish-talk', 'admonish-written']

/** The options a measure can carry: what a policy may list in a share rule's `options`. */
export const MEASURE_OPTIONS: Readonly<Record<ShareMeasure, readonly OptionCode[]>> = {
  dismissal: DISMISSAL,
  adjustment: ADJUSTMENT,
  admonishment: ADMONISHMENT,
  // 组织处理 takes the forms of items 8 and 9.
  'organizational-handling': [...DISMISSAL, ...ADJUSTMENT],
}

/** A share rule's options when the policy lists none: every option of its measure (none for 组织处理, which the committee shapes). */
export const defaultShareOptions = (measure: ShareMeasure): readonly OptionCode[] =>
  measure === 'organizational-handling' ? [] : MEASURE_OPTIONS[measure]

/** 第9项: "在听取其分管领导、组织（人事）部门等方面意见的基础上"; 第10项: 任免程序, 妥善安置. */
const ITEM9: readonly PrerequisiteCode[] = ['hear-opinions', 'appointment-procedure', 'resettle']
/** 第10项: "对干部进行组织调整，要按照干部任免程序和有关法律规定办理…应妥善予以安置" — any adjustment. */
const ITEM10: readonly PrerequisiteCode[] = ['appointment-procedure', 'resettle']

/** A share rule's prerequisites when the policy lists none. */
export const defaultSharePrerequisites = (item: number, measure: MeasureCode): readonly PrerequisiteCode[] =>
  item === 9 ? ITEM9 : measure === 'adjustment' || measure === 'dismissal' ? ITEM10 : []
