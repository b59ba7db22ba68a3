import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { encodeGb18030, tempDir } from '../helpers.js'
import { kaoheInProcess } from '../support/in-process.js'

/**
 * A GB18030 file whose delimiter can be a byte of a character: `|` is the second byte of
 * 皘 (B0 7C). Read by bytes, the name's character was cut in two; it must be read as text.
 */
describe('a GB18030 file with | as its delimiter', () => {
  it('counts every mark of a name and a voter group holding 皘 (B0 7C), as a comma file does', async () => {
    const dir = tempDir()
    const rows = ['票号|干部编号|姓名|测评等次|测评人类别']
    const grades = ['优秀', '称职', '称职', '基本称职', '不称职', '优秀', '称职', '称职', '称职', '优秀']
    // Enough rows for the byte scanner to take the file (it reads pieces of 64 KiB).
    for (let b = 1; b <= 3000; b++) {
      const group = b % 2 === 0 ? '皘组' : '县领导'
      rows.push(`B${b}|C1|王皘|${grades[b % 10]}|${group}`)
      rows.push(`B${b}|C2|李四|${grades[(b + 3) % 10]}|${group}`)
    }
    const text = `${rows.join('\n')}\n`
    expect(encodeGb18030('皘').toString('hex')).toBe('b07c')
    writeFileSync(join(dir, 'pipe.csv'), encodeGb18030(text))
    writeFileSync(join(dir, 'comma.csv'), encodeGb18030(text.replaceAll('|', ',')))
    const pipe = await kaoheInProcess(['tally', join(dir, 'pipe.csv'), '--delimiter', '|', '--format', 'json'])
    const comma = await kaoheInProcess(['tally', join(dir, 'comma.csv'), '--format', 'json'])
    expect([pipe.code, comma.code]).toEqual([0, 0])
    type Doc = { cadres: Array<{ id: string; name: string; tally: Record<string, number> }>; issues: Array<{ code: string }> }
    const cadres = (out: string) => (JSON.parse(out) as Doc).cadres.map((c) => [c.id, c.name, c.tally])
    expect(cadres(pipe.stdout)).toEqual(cadres(comma.stdout))
    expect((JSON.parse(pipe.stdout) as Doc).cadres).toEqual((JSON.parse(comma.stdout) as Doc).cadres)
    expect(pipe.stdout).toContain('皘组')
    expect(pipe.stdout).not.toContain('\ufffd')
    const wang = cadres(pipe.stdout).find((c) => c[0] === 'C1')!
    expect(wang[1]).toBe('王皘')
    expect((wang[2] as Record<string, number>).excellent).toBe(900)
  })

  it('counts rows whose ballot number holds 皘 and whose unused last cell is left off, as a comma file does', async () => {
    // Read by bytes, `C1|优秀|B皘7` has four cells (B0 7C splits 皘), as many as the header,
    // so the scanner took it: every ballot became "B\xB0" and one mark per cadre was lost
    // to a duplicate, with exit 0. Read as text it has three, and the count is whole.
    const dir = tempDir()
    const rows = ['干部编号|测评等次|票号|备注']
    const grades = ['优秀', '称职', '称职', '基本称职', '不称职', '优秀', '称职', '称职', '称职', '优秀']
    for (let b = 1; b <= 3000; b++) {
      rows.push(`C1|${grades[b % 10]}|B皘${b}`)
      rows.push(`C2|${grades[(b + 3) % 10]}|B皘${b}`)
    }
    const text = `${rows.join('\n')}\n`
    writeFileSync(join(dir, 'pipe.csv'), encodeGb18030(text))
    writeFileSync(join(dir, 'comma.csv'), encodeGb18030(text.replaceAll('|', ',')))
    const pipe = await kaoheInProcess(['tally', join(dir, 'pipe.csv'), '--delimiter', '|', '--format', 'csv'])
    const comma = await kaoheInProcess(['tally', join(dir, 'comma.csv'), '--format', 'csv'])
    expect([pipe.code, comma.code]).toEqual([0, 0])
    expect(pipe.stdout).toBe(comma.stdout)
    expect(pipe.stdout).toContain('C1,,,,900,1500,300,300,0,0,')
  })
})
