import type { Rule } from '../model.js'
import { checkShare } from './share-rule.js'

/** 第9项: "对不称职得票率超过三分之一…认定为不称职的，应当视具体情况对其分别作出免职、责令辞职、降职等组织处理". */
export const item9Incompetent: Rule = {
  id: 'item9-incompetent',
  item: 9,
  needsVotes: true,
  measure: 'dismissal',
  check: (ctx) =>
    checkShare(ctx, {
      rule: 'item9-incompetent',
      item: 9,
      measure: 'dismissal',
      marks: ['incompetent'],
      share: ctx.policy.thresholds.incompetent.share,
      comparison: ctx.policy.thresholds.incompetent.comparison,
    }),
}
