import { describe, expect, it } from 'vitest'
import { listParam } from '../../src/errors.js'
import { dict } from '../../src/i18n/index.js'
import { terminalParams } from '../../src/output/terminal.js'

describe('lists inside messages: each language joins them its own way', () => {
  const p = { name: '张三', ids: listParam(['XJ001', 'XJ002']) }

  it('Chinese joins with 、, English with a comma; nothing else in the message changes', () => {
    expect(dict('zh').message('ambiguous-name', p)).toContain('XJ001、XJ002')
    const en = dict('en').message('ambiguous-name', p)
    expect(en).toContain('XJ001, XJ002')
    expect(en).not.toContain('、')
    expect(en).not.toContain('\u001f')
  })

  it('a one-item list is the item; a value that is no list is left alone', () => {
    expect(listParam(['XJ001'])).toBe('XJ001')
    expect(dict('en').message('ambiguous-name', { name: '甲、乙', ids: 'XJ001' })).toContain('甲、乙')
  })

  it('made safe for a terminal item by item, the marks between items stay for the language to replace', () => {
    const safe = terminalParams({ ids: listParam(['A\u001b[31m', 'B']) })
    const en = dict('en').message('ambiguous-name', { name: 'x', ...safe })
    expect(en).toContain('A\\x1B[31m, B')
    expect(en).not.toContain('\u001f')
  })

  it('policy categories: the label, and in English its key in words too', () => {
    const c = { key: 'travel_documents', label: '持有因私出国（境）证件' }
    expect(dict('zh').category(c)).toBe('持有因私出国（境）证件')
    expect(dict('en').category(c)).toBe('持有因私出国（境）证件 (travel documents)')
  })
})
