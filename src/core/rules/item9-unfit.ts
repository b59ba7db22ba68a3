import type { Rule } from '../model.js'
import { checkShare } from './share-rule.js'

/** 第9项: "在考核测评中优秀和称职得票率达不到三分之二…认定为不胜任现职岗位的，应当对其进行组织调整". */
export const item9Unfit: Rule = {
  id: 'item9-unfit',
  item: 9,
  needsVotes: true,
  measure: 'adjustment',
  check: (ctx) =>
    checkShare(ctx, {
      rule: 'item9-unfit',
      item: 9,
      measure: 'adjustment',
      marks: ['excellent', 'competent'],
      share: ctx.policy.thresholds.unfit.share,
      comparison: ctx.policy.thresholds.unfit.comparison,
    }),
}
