import { afterAll, describe, expect, it } from 'vitest'
import { runInProcess, tempDir, writeFiles } from '../robustness/harness.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any

/**
 * Issue 12 item 9 (SPEC §3): 40 cadres on the roster, the vote file grades 24 of them. The
 * 16 others once came out as "无需处置" with exit 0 and not a word on stderr.
 */
const ids = Array.from({ length: 40 }, (_, i) => `C${String(i + 1).padStart(2, '0')}`)
const roster = ['干部编号,姓名,单位,职务,年度考核等次', ...ids.map((id, i) => `${id},干部${i + 1},县直,科长,${id === 'C40' ? '基本称职' : '称职'}`)].join('\n')
const voted = ids.slice(0, 24)
const votes = ['干部编号,姓名,优秀,称职,基本称职,不称职', ...voted.map((id) => `${id},干部${Number(id.slice(1))},10,15,3,2`)].join('\n')

const dir = tempDir('kaohe-nodata-')
afterAll(() => dir.done())
const [rosterPath, votesPath] = writeFiles(dir.dir, [
  { name: 'roster.csv', bytes: Buffer.from(roster) },
  { name: 'votes.csv', bytes: Buffer.from(votes) },
])
const base = ['assess', '--votes', votesPath!, '--roster', rosterPath!]

describe('rostered cadres without vote data', () => {
  it('are no-data in JSON, counted in the summary, and named on stderr', async () => {
    const r = await runInProcess([...base, '--format', 'json'])
    expect(r.code).toBe(0)
    const doc: Json = JSON.parse(r.stdout)
    const missing = doc.cadres.filter((c: Json) => c.tally === null)
    expect(missing).toHaveLength(16)
    // C25–C39: nothing else fires → no-data; C40 (基本称职) keeps its item-3 admonishment, with the reason.
    for (const c of missing.filter((x: Json) => x.id !== 'C40')) {
      expect(c.disposition).toMatchObject({ code: 'no-data', measure: 'none', reason: 'no-evaluation-data', label: '无测评数据' })
      expect(c.notes.map((n: Json) => n.code)).toEqual(['no-evaluation-data'])
    }
    expect(doc.cadres.find((c: Json) => c.id === 'C40').disposition).toMatchObject({ code: 'admonishment', reason: 'no-evaluation-data' })
    expect(doc.summary.byDisposition).toMatchObject({ none: 24, 'no-data': 15, admonishment: 1 })
    expect(doc.summary.noVoteData).toBe(16)
    expect(r.stderr).toContain('16 名干部没有任何测评数据（C25、C26、C27、C28、C29、C30、C31、C32、C33、C34、…）')
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1)
  })

  it('make --fail-on no-data and --fail-on data-incomplete exit 1; --quiet silences the notice only', async () => {
    expect((await runInProcess([...base, '--format', 'json', '--fail-on', 'no-data'])).code).toBe(1)
    expect((await runInProcess([...base, '--format', 'json', '--fail-on', 'data-incomplete'])).code).toBe(1)
    const q = await runInProcess([...base, '--format', 'json', '--fail-on', 'no-data', '--quiet'])
    expect(q.code).toBe(1)
    expect(q.stderr).toBe('')
  })

  it('show in the table summary, in English too', async () => {
    const zh = await runInProcess(base)
    expect(zh.stdout).toContain('无测评数据 15')
    const en = await runInProcess([...base, '--lang', 'en'])
    expect(en.stdout).toContain('no vote data 15')
    expect(en.stderr).toContain('16 cadre(s) have no vote data at all (C25, C26')
  })

  it('a run where every rostered cadre has votes says nothing and passes --fail-on no-data', async () => {
    const r = await runInProcess(['assess', '--votes', votesPath!, '--format', 'json', '--fail-on', 'no-data'])
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    expect(JSON.parse(r.stdout).summary.noVoteData).toBe(0)
  })
})
