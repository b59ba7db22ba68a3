import stringWidth from 'string-width'
import { describe, expect, it } from 'vitest'
import { run } from '../../src/cli.js'
import type { Io } from '../../src/commands/common.js'
import { kaohe, kaoheHere, ROOT } from '../helpers.js'

/** The terminal table fits the terminal (issue 15): every line, at 80 and 200 columns and more. */
const S = (f: string): string => `${ROOT}samples/${f}`
const ALL = [
  '--votes', S('votes-long.csv'), '--votes', S('votes-wide-gb18030.csv'), '--votes', S('votes-counts.csv'),
  '--roster', S('roster.csv'), '--reports', S('reports-wide.csv'), '--reports', S('reports-long.xlsx'), '--findings', S('findings.csv'),
]
const COMMANDS: Record<string, string[]> = {
  assess: ['assess', ...ALL],
  tally: ['tally', S('votes-long.csv'), S('votes-wide-gb18030.csv'), S('votes-counts.csv')],
  reports: ['reports', S('reports-wide.csv'), S('reports-long.xlsx'), '--roster', S('roster.csv'), '--findings', S('findings.csv')],
}

const widest = (text: string): number => Math.max(...text.split('\n').map((l) => stringWidth(l)))
const tableHead = (text: string): string => text.split('\n').find((l) => l.startsWith('│'))!

describe.each([40, 80, 120, 200])('COLUMNS=%i', (columns) => {
  it.each(Object.keys(COMMANDS).flatMap((c) => [[c, 'zh'], [c, 'en']]))('%s --lang %s: no line is wider', async (command, lang) => {
    const r = await kaoheHere([...COMMANDS[command]!, '--lang', lang], { env: { COLUMNS: String(columns) } })
    expect(r.code, r.stderr).toBe(0)
    const over = r.stdout.split('\n').filter((l) => stringWidth(l) > columns)
    expect(over).toEqual([])
    // Nothing lost: every cadre still has its row.
    expect(r.stdout.match(/^│ XJ0\d\d /gm)?.length ?? 0).toBeGreaterThanOrEqual(24)
  })
})

describe('what goes first', () => {
  const assess = async (columns: number | null, ...more: string[]): Promise<string> =>
    (await kaoheHere([...COMMANDS.assess!, ...more], columns === null ? {} : { env: { COLUMNS: String(columns) } })).stdout
  it('piped without COLUMNS, and with --wide, the table is in full', async () => {
    const full = await assess(null)
    expect(tableHead(full)).toMatch(/│ 编号 +│ 姓名 +│ 单位 +│ 职务 +│ 优秀\+称职 +│ 不称职 +│ 分母 +│ 边距 \(2\/3 \| 1\/3\) +│ 处置建议 +│/)
    expect(full).toContain('│ 57/59 96.61% │ 0/59 0.00%   │ 59 有效票 │')
    expect(widest(full)).toBeGreaterThan(120)
    expect(await assess(80, '--wide')).toBe(full)
  })
  it('at 200 columns nothing is left out', async () => {
    expect(tableHead(await assess(200))).toBe(tableHead(await assess(null)))
  })
  it('at 120: 职务 goes and the shares are percentages; at 80 单位 and 边距 go too; the recommendation always stays', async () => {
    const at120 = tableHead(await assess(120))
    expect(at120).not.toContain('职务')
    expect(at120).toContain('单位')
    expect(at120).toContain('边距')
    expect(await assess(120)).toMatch(/│ 96\.61% +│ 0\.00% +│/)
    const at80 = tableHead(await assess(80))
    expect(at80).toMatch(/│ 编号 +│ 姓名 +│ 优秀\+称职 +│ 不称职 +│ 分母 +│ 处置建议 +│/)
    expect(await assess(80)).toContain('│ 57/59 96.61% │ 0/59 0.00%   │ 59   │ 无需处置             │')
    expect(tableHead(await assess(40))).toMatch(/│ 编号 +│ 姓名 +│/)
  })
  it('a terminal: its own width, whatever COLUMNS says', async () => {
    let stdout = ''
    const io: Io = { stdout: (s) => void (stdout += s), stderr: () => undefined, stdoutIsTTY: true, columns: 100, env: { NO_COLOR: '1', COLUMNS: '300' } }
    expect(await run(['node', 'kaohe', ...COMMANDS.assess!], io)).toBe(0)
    expect(widest(stdout)).toBeLessThanOrEqual(100)
    expect(widest(stdout)).toBeGreaterThan(80)
  })
  it('the built CLI reads COLUMNS from its environment: the same table as in this process', async () => {
    const args = [...COMMANDS.assess!, '--lang', 'zh']
    const spawned = kaohe(args, { env: { COLUMNS: '80' } })
    expect(spawned.code, spawned.stderr).toBe(0)
    expect(widest(spawned.stdout)).toBeLessThanOrEqual(80)
    expect(spawned.stdout).toBe((await kaoheHere(args, { env: { COLUMNS: '80' } })).stdout)
  })
})
