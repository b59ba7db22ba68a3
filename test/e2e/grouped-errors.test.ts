import { afterAll, describe, expect, it } from 'vitest'
import { runInProcess, tempDir, writeFiles } from '../robustness/harness.js'

/** Issue 12 item 10: 50,000 rows of one unknown grade, a few of another, and one duplicate row. */
const rows = ['票号,干部编号,姓名,测评等次']
for (let i = 0; i < 50_000; i++) rows.push(`P${i},C${i % 7},张${i % 7},${i % 1000 === 5 ? '差' : '良'}`)
rows.push('P1,C1,张1,称职', 'P1,C1,张1,称职')

const dir = tempDir('kaohe-groups-')
afterAll(() => dir.done())
const [file] = writeFiles(dir.dir, [{ name: '票据.csv', bytes: Buffer.from(`${rows.join('\n')}\n`) }])

describe('many errors of one kind', () => {
  it('strict: one line per kind on stderr, with the count and the first rows', async () => {
    const r = await runInProcess(['tally', file!])
    expect(r.code).toBe(65)
    const lines = r.stderr.split('\n').filter(Boolean)
    expect(lines).toHaveLength(4)
    expect(lines[0]).toContain('输入数据有 50001 处错误')
    expect(lines[1]).toMatch(/第 4 列（测评等次）: 无法识别的等次 '良'.*（共 49950 处：第 2、3、4、5、6 行等）$/)
    expect(lines[2]).toMatch(/无法识别的等次 '差'.*（共 50 处：第 7、1007、2007、3007、4007 行等）$/)
    expect(lines[3]).toMatch(/第 50003 行 第 1 列（票号）/)
  })
  it('lenient: the table groups them too; JSON lists every issue and says none were left out', async () => {
    const table = await runInProcess(['tally', file!, '--lenient'])
    expect(table.code).toBe(0)
    expect(table.stdout).toContain('数据问题 (50001)')
    expect(table.stdout).toContain('（共 49950 处：第 2、3、4、5、6 行等）')
    const json = await runInProcess(['tally', file!, '--lenient', '--format', 'json'])
    const doc = JSON.parse(json.stdout) as { issues: unknown[]; summary: { issuesListed: number; issuesOmitted: number; rowsInIssues: number } }
    expect(doc.issues).toHaveLength(50_001)
    expect(doc.summary).toMatchObject({ issuesListed: 50_001, issuesOmitted: 0, rowsInIssues: 50_001 })
  })
})
