import { describe, expect, it } from 'vitest'
import { isAnswered } from '../../src/input/categories.js'
import { isTemplateExample } from '../../src/input/example.js'

describe("a template's example marker", () => {
  it.each(['张三（示例）', '张三(示例)', '张三 （ 示例 ）', 'P001（示例）', 'Zhang San (example)', 'zhang san (EXAMPLE) ', 'P001 (example)'])('%s is an example', (s) => {
    expect(isTemplateExample(s)).toBe(true)
  })
  it.each(['张三', '张三（女）', '示例', '（示例）张三', '李四（示例单位）', 'Example Zhang', 'Zhang (ex)', ''])('%s is not', (s) => {
    expect(isTemplateExample(s)).toBe(false)
  })
})

describe("a report template's instruction", () => {
  it.each(['（如实填写；没有的填“无”）', '(如实填写)', '（请填写）', '(describe truthfully; write "none" if nothing)', '( Describe  it )'])('%s is no answer', (s) => {
    expect(isAnswered(s)).toBe(false)
  })
  it.each(['无', 'none', '（无）', '住房一套（已如实填写）', '房产一处（县城）', '(二手房)'])('%s is an answer', (s) => {
    expect(isAnswered(s)).toBe(true)
  })
})
