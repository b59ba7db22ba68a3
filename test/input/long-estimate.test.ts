import { statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readUtf8Chunks, transcodeGb18030, writeLong } from '../../bench/generate.mjs'
import { encodeGb18030 } from '../../src/encoding/gb18030.js'
import { expectedLongMarks } from '../../src/input/votes.js'
import { tempDir } from '../helpers.js'

/**
 * The room made up front for a long file's marks (votes.ts `expectedLongMarks`): guessed
 * from the file's size, it must not fall short of the marks, in either encoding — a guess
 * short by a quarter made the pair index double near the end of a GB18030 file.
 */
describe('marks guessed from a long file’s size', () => {
  it('the shortest row of the usual shape is 64 bytes in UTF-8 and 50 in GB18030', () => {
    const row = 'P00000001,C063510,陶平,金沙县教育局,称职,服务对象\n'
    expect(expectedLongMarks(Buffer.byteLength(row), 'utf-8')).toBe(1)
    expect(expectedLongMarks(encodeGb18030(row).length, 'gb18030')).toBe(1)
  })

  it('is no fewer than the marks of the benchmark’s rows, UTF-8 and GB18030 alike', () => {
    const dir = tempDir()
    const utf8 = join(dir, 'long.csv')
    const gb = join(dir, 'long-gb18030.csv')
    const { rows, bytes } = writeLong(utf8, 20_000, { cadres: 2_000 })
    transcodeGb18030(readUtf8Chunks(utf8), gb)
    const gbBytes = statSync(gb).size
    expect(gbBytes).toBeLessThan(bytes)
    expect(expectedLongMarks(bytes, 'utf-8')).toBeGreaterThanOrEqual(rows)
    expect(expectedLongMarks(gbBytes, 'gb18030')).toBeGreaterThanOrEqual(rows)
    // Not wildly more either (the room is memory): within a third of the marks.
    expect(expectedLongMarks(gbBytes, 'gb18030')).toBeLessThan(rows * 4 / 3)
    expect(expectedLongMarks(bytes, 'utf-8')).toBeLessThan(rows * 4 / 3)
  })
})
