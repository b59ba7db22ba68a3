import { describe, expect, it } from 'vitest'
import { reportError } from '../../src/cli.js'
import { InputError, type Issue } from '../../src/errors.js'
import { dict } from '../../src/i18n/index.js'
import { groupIssues, groupLine, issuesBeyond, ROWS_SHOWN } from '../../src/output/issue-groups.js'
import { issueDoc } from '../../src/output/report.js'

const issue = (row: number, value: string, patch: Partial<Issue> = {}): Issue => ({
  file: '票据.csv',
  row,
  column: 4,
  columnName: '测评等次',
  value,
  code: 'unknown-grade',
  params: {},
  severity: 'error',
  ...patch,
})
const zh = dict('zh')
const en = dict('en')

describe('grouping like issues (SPEC §3)', () => {
  it('one group per file, column, problem and value; counts and the first rows, in order', () => {
    const issues = [issue(2, '良'), issue(3, '良'), issue(4, '差'), ...Array.from({ length: 50_000 }, (_, k) => issue(10 + k, '良'))]
    const groups = groupIssues(issues.map((i) => issueDoc(i, zh)))
    expect(groups.map((g) => [g.first.value, g.count, g.rows])).toEqual([
      ['良', 50_002, [2, 3, 10, 11, 12]],
      ['差', 1, [4]],
    ])
    expect(groups[0]!.rows).toHaveLength(ROWS_SHOWN)
  })
  it.each([
    ['another column', { column: 5 }],
    ['another file', { file: '票据2.csv' }],
    ['another problem', { code: 'missing-grade' }],
    ['a notice, not an error', { severity: 'notice' as const }],
  ])('%s is another group', (_, patch) => {
    expect(groupIssues([issue(2, '良'), issue(3, '良', patch)].map((i) => issueDoc(i, zh)))).toHaveLength(2)
  })
  it('a group of one reads as before; a group names its column, count and first rows', () => {
    const [one] = groupIssues([issueDoc(issue(7, '差'), zh)])
    expect(groupLine(one!, zh)).toBe(`票据.csv 第 7 行 第 4 列（测评等次）: ${zh.message('unknown-grade', { value: '差' })}`)
    const [many] = groupIssues([2, 3, 5, 8, 13, 21].map((r) => issueDoc(issue(r, '良'), zh)))
    expect(groupLine(many!, zh)).toBe(`票据.csv 第 4 列（测评等次）: ${zh.message('unknown-grade', { value: '良' })}（共 6 处：第 2、3、5、8、13 行等）`)
    const [few] = groupIssues([2, 3].map((r) => issueDoc(issue(r, '良'), en)))
    expect(groupLine(few!, en)).toBe(`票据.csv column 4 (测评等次): ${en.message('unknown-grade', { value: '良' })} (2 times: lines 2, 3)`)
  })
  it('issuesBeyond counts the issues of the groups not shown', () => {
    const groups = groupIssues([issue(2, 'a'), issue(3, 'b'), issue(4, 'b'), issue(5, 'c')].map((i) => issueDoc(i, zh)))
    expect(issuesBeyond(groups, 1)).toBe(3)
    expect(issuesBeyond(groups, 3)).toBe(0)
  })
})

describe('reportError on stderr', () => {
  const stderrOf = (e: InputError, lang: 'zh' | 'en' = 'zh'): string[] => {
    let err = ''
    reportError(e, lang, { stdout: () => {}, stderr: (s) => void (err += s), stdoutIsTTY: false, env: {} })
    return err.split('\n').filter(Boolean)
  }
  it('50,000 rows with one unknown grade are one line under the headline', () => {
    const issues = Array.from({ length: 50_000 }, (_, k) => issue(2 + k, '良'))
    const lines = stderrOf(new InputError({ code: 'data-errors', params: { count: 50_000 } }, issues))
    expect(lines).toHaveLength(2)
    expect(lines[1]).toContain('（共 50000 处：第 2、3、4、5、6 行等）')
  })
  it('says how many errors were not listed: past the collector list, and past the lines shown', () => {
    // 150 different values (150 groups: 100 shown) and 10,000 errors the collector did not keep.
    const issues = Array.from({ length: 150 }, (_, k) => issue(2 + k, `x${k}`))
    const lines = stderrOf(new InputError({ code: 'data-errors', params: { count: 10_150 } }, issues))
    expect(lines).toHaveLength(1 + 100 + 1)
    expect(lines.at(-1)).toBe('  ……另有 10050 处')
    expect(stderrOf(new InputError({ code: 'data-errors', params: { count: 10_150 } }, issues), 'en').at(-1)).toBe('  … and 10050 more')
  })
  it('says nothing more when every error is listed', () => {
    const lines = stderrOf(new InputError({ code: 'data-errors', params: { count: 2 } }, [issue(2, 'a'), issue(3, 'b')]))
    expect(lines).toHaveLength(3)
  })
})
