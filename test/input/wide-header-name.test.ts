import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { assessFiles, tempDir } from '../exports-helpers.js'

/**
 * Without a roster a wide file's column header stands for both the cadre's id and name.
 * A name given elsewhere must win whichever file is read first: before, reading the wide
 * file first named the cadre "C1" (and then refused the long file's 张三 as a mismatch).
 */
describe('wide-file headers and names from other files, in either order', () => {
  const files = async (longHasName: boolean): Promise<{ long: string; wide: string }> => {
    const dir = tempDir()
    const long = join(dir, 'long.csv')
    const wide = join(dir, 'wide.csv')
    await writeFile(long, longHasName ? '票号,干部编号,姓名,测评等次\nL1,C1,张三,优秀\n' : '票号,干部编号,测评等次\nL1,C1,优秀\n')
    await writeFile(wide, '票号,C1\nW1,称职\nW2,\n')
    return { long, wide }
  }

  it.each([true, false])('long file with a name column: %s', async (longHasName) => {
    const { long, wide } = await files(longHasName)
    const a = await assessFiles([long, wide], null)
    const b = await assessFiles([wide, long], null)
    const name = longHasName ? '张三' : 'C1'
    for (const r of [a, b]) {
      expect(r.doc.cadres.map((c) => [c.id, c.name, c.tally?.excellent, c.tally?.competent])).toEqual([['C1', name, 1, 1]])
    }
  })
})

describe('a wide file’s bad row (lenient) does not turn its header into a real name', () => {
  it.each([0, 1])('file order %i', async (order) => {
    const dir = tempDir()
    const long = join(dir, 'long.csv')
    const wide = join(dir, 'wide.csv')
    await writeFile(long, '票号,干部编号,姓名,测评等次\nL1,C1,张三,优秀\n')
    await writeFile(wide, '票号,C1\nW1,良\nW2,称职\n')
    const { runAssessment } = await import('../../src/commands/common.js')
    const r = await runAssessment({
      command: 'assess',
      opts: { lang: 'zh', format: 'json', quiet: true, color: false, lenient: true, encoding: 'auto', delimiter: undefined, sheet: undefined, policy: undefined },
      votes: order === 0 ? [long, wide] : [wide, long],
      roster: null,
      shape: null,
      sumCounts: false,
    })
    expect(r.doc.cadres.map((c) => [c.id, c.name, c.disposition?.code])).toEqual([['C1', '张三', 'data-incomplete']])
  })
})
