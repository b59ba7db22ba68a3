import { describe, expect, it } from 'vitest'
import { dict } from '../../src/i18n/index.js'
import { fractionWords, marksColumn, marksSentence, shareLabel, shareMarginText, shareName, type ShareRuleWords, shareText } from '../../src/i18n/share-words.js'

const zh = dict('zh')
const en = dict('en')
const UNFIT: ShareRuleWords = { id: 'item9-unfit', item: 9, marks: ['excellent', 'competent'], comparison: 'below', share: '2/3', measure: 'adjustment', label: null }
const INCOMPETENT: ShareRuleWords = { id: 'item9-incompetent', item: 9, marks: ['incompetent'], comparison: 'above', share: '1/3', measure: 'dismissal', label: null }
const n = (num: number, den: number, percent: string) => ({ num, den, percent, basis: zh.basis.valid })

describe('the Opinion\'s words for a share', () => {
  it.each([
    ['2/3', '三分之二', 'two thirds'],
    ['4/6', '三分之二', 'two thirds'], // the same share, written otherwise
    ['1/3', '三分之一', 'one third'],
    ['3/5', null, null],
    ['1/2', null, null],
  ])('%s → %s', (share, z, e) => {
    expect(fractionWords(zh, share)).toBe(z)
    expect(fractionWords(en, share)).toBe(e)
  })
})

describe('texts of the built-in rules are the 2009 wording', () => {
  it('zh', () => {
    expect(shareText(zh, UNFIT, true, n(39, 60, '65.00'))).toBe(
      '第9项：优秀和称职得票率 65.00%（39/60，分母为有效票）< 2/3，达不到三分之二；在听取其分管领导、组织（人事）部门等方面意见的基础上认定为不胜任现职岗位的，应当对其进行组织调整',
    )
    expect(shareText(zh, UNFIT, false, n(40, 60, '66.67'))).toBe('第9项：优秀和称职得票率 66.67%（40/60，分母为有效票）≥ 2/3，未触发')
    expect(shareText(zh, INCOMPETENT, true, n(21, 60, '35.00'))).toBe(
      '第9项：不称职得票率 35.00%（21/60，分母为有效票）> 1/3，超过三分之一；在听取其分管领导、组织（人事）部门等方面意见的基础上认定为不称职的，应当视具体情况分别作出免职、责令辞职、降职等组织处理',
    )
    expect(shareMarginText(zh, UNFIT, true, 1)).toBe('再多 1 票优秀或称职即不触发')
    expect(shareMarginText(zh, INCOMPETENT, false, 2)).toBe('再多 2 票不称职即触发')
    expect(shareMarginText(zh, INCOMPETENT, true, null)).toBe('无论票数如何变动都不会改变结果')
  })
  it('en', () => {
    const e = { ...n(39, 60, '65.00'), basis: en.basis.valid }
    expect(shareText(en, UNFIT, true, e)).toBe(
      'Item 9: excellent + competent share 65.00% (39/60, of valid ballots) < 2/3, short of two thirds; if, after hearing the supervising leader and the organization department, the cadre is found unfit for the post, an organizational adjustment is due',
    )
    expect(shareText(en, INCOMPETENT, false, { ...e, num: 10 })).toBe('Item 9: incompetent share 65.00% (10/60, of valid ballots) ≤ 1/3: not triggered')
    expect(shareMarginText(en, UNFIT, false, 1)).toBe('1 fewer excellent/competent vote would trigger it')
    expect(shareMarginText(en, INCOMPETENT, true, 3)).toBe('3 fewer incompetent votes would clear it')
  })
})

describe('any share rule reads right', () => {
  const unfit35 = { ...UNFIT, share: '3/5' }
  it('a 3/5 rule says 3/5, never 三分之二', () => {
    const text = shareText(zh, unfit35, true, n(35, 60, '58.33'))
    expect(text).toContain('< 3/5；在听取')
    expect(text).not.toMatch(/三分之二|2\/3/)
    expect(shareLabel(zh, unfit35)).toBe('优秀和称职得票率达不到 3/5')
    expect(shareLabel(en, unfit35)).toBe('excellent + competent share short of 3/5')
    expect(shareLabel(zh, UNFIT)).toBe('优秀和称职得票率达不到三分之二')
  })
  it('an inclusive comparison at the Opinion\'s share has its own words', () => {
    const atOrBelow = { ...UNFIT, comparison: 'atOrBelow' as const }
    expect(shareText(zh, atOrBelow, true, n(40, 60, '66.67'))).toContain('≤ 2/3，不超过三分之二；')
    expect(shareText(en, { ...INCOMPETENT, comparison: 'atOrAbove' }, true, n(20, 60, '33.33'))).toContain('≥ 1/3, at least one third;')
  })
  it('a labelled rule of another item and measure names itself and the policy\'s measure', () => {
    const r: ShareRuleWords = { id: 'local-basic-or-worse', item: 4, marks: ['incompetent', 'basicallyCompetent'], comparison: 'atOrAbove', share: '1/2', measure: 'admonishment', label: '基本称职及以下过半' }
    expect(shareText(zh, r, true, n(15, 30, '50.00'))).toBe('第4项（基本称职及以下过半）：基本称职和不称职得票率 50.00%（15/30，分母为有效票）≥ 1/2；按政策应予诫勉')
    expect(shareText(zh, r, false, n(14, 30, '46.67'))).toBe('第4项（基本称职及以下过半）：基本称职和不称职得票率 46.67%（14/30，分母为有效票）< 1/2，未触发')
    expect(shareText(en, { ...r, label: 'half or worse' }, true, { ...n(15, 30, '50.00'), basis: en.basis.valid })).toBe(
      'Item 4 (half or worse): basically competent + incompetent share 50.00% (15/30, of valid ballots) ≥ 1/2; under the policy: admonishment',
    )
    expect(shareName(zh, r)).toBe('基本称职及以下过半')
    expect(shareName(zh, { ...r, label: null })).toBe('local-basic-or-worse')
    expect(shareName(zh, UNFIT)).toBe('不胜任')
    expect(shareName(en, { ...r, id: 'constructor', label: null })).toBe('constructor') // own keys only
  })
  it('marks in the grades\' order, joined as each language does', () => {
    expect(marksSentence(zh, ['basicallyCompetent', 'excellent', 'competent'])).toBe('优秀、称职和基本称职')
    expect(marksSentence(en, ['basicallyCompetent', 'excellent'])).toBe('excellent + basically competent')
    expect(marksColumn(en, ['competent', 'excellent'])).toBe('Exc+Comp')
    expect(marksColumn(zh, ['incompetent', 'basicallyCompetent'])).toBe('基本称职+不称职')
  })
  it.each([
    // comparison, fired → zh margin text for 2 votes
    ['below', true, '再多 2 票不称职即不触发'],
    ['below', false, '再少 2 票不称职即触发'],
    ['atOrBelow', true, '再多 2 票不称职即不触发'],
    ['atOrBelow', false, '再少 2 票不称职即触发'],
    ['above', true, '再少 2 票不称职即不触发'],
    ['above', false, '再多 2 票不称职即触发'],
    ['atOrAbove', true, '再少 2 票不称职即不触发'],
    ['atOrAbove', false, '再多 2 票不称职即触发'],
  ] as const)('margin of a rule that fires %s its share, fired %s: %s', (comparison, fired, text) => {
    expect(shareMarginText(zh, { ...INCOMPETENT, comparison }, fired, 2)).toBe(text)
  })
})
