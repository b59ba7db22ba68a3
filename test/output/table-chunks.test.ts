import { Chalk } from 'chalk'
import { describe, expect, it } from 'vitest'
import { tableText } from '../../src/output/table.js'

describe('big terminal tables', () => {
  it('drawn in chunks, they read exactly as one table (same widths, one border)', () => {
    const color = new Chalk({ level: 1 })
    const head = ['编号', '姓名', '单位', '优秀+称职']
    const rows = Array.from({ length: 30 }, (_, i) => [
      `C${i}`,
      i % 7 === 0 ? '欧阳志强' : '李明',
      i === 11 ? '青山县"三农"服务中心,办公室' : '县财政局',
      i % 5 === 0 ? color.yellow(`${i}/60 ${((i / 60) * 100).toFixed(2)}%`) : `${i}/60`,
    ])
    const whole = tableText(head, rows)
    for (const chunk of [1, 7, 29]) expect(tableText(head, rows, chunk)).toBe(whole)
  })
})
