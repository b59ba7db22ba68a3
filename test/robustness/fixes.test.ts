/**
 * One small test per robustness fix (issue 6), so that a merge that loses one shows which.
 * The properties and the corpus cover the same ground broadly; these pin the edge exactly.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { run } from '../../src/cli.js'
import { compareIds, idOrder, oneShape } from '../../src/core/order.js'

/** Ids in idOrder's order. */
const sortByIds = (ids: string[]): string[] => Array.from(idOrder(ids), (i) => ids[i]!)
import { KaoheError } from '../../src/errors.js'
import { DecodeError, InputDecoder, Utf16Error } from '../../src/input/decode.js'
import { openDelimited, type TableRow } from '../../src/input/table.js'
import { detectShape } from '../../src/input/votes.js'
import { terminalSafe, terminalSafeDeep } from '../../src/output/terminal.js'
import { synonymProblems } from '../../src/policy/synonyms.js'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { builtinPolicy } from '../../src/policy/load.js'
import { runInProcess, tempDir, writeFiles } from './harness.js'
import { encodeGb18030 } from './render.js'

const READ = { encoding: 'auto' as const, delimiter: null, sheet: null }
const utf8 = (s: string) => new TextEncoder().encode(s)

async function* pieces(...parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield p
}

const read = async (src: AsyncIterable<Uint8Array>): Promise<{ header: TableRow; rows: TableRow[]; encoding: string }> => {
  const t = await openDelimited('t.csv', 'csv', src, READ, null)
  const rows: TableRow[] = []
  for await (const r of t.rows) rows.push(r)
  return { header: t.header, rows, encoding: t.encoding() }
}

const failure = async (src: AsyncIterable<Uint8Array>): Promise<{ code: string; params: unknown; exit: number }> => {
  try {
    await read(src)
  } catch (e) {
    if (e instanceof KaoheError) return { code: e.msg.code, params: e.msg.params, exit: e.exitCode }
    throw e
  }
  throw new Error('no error')
}

describe('decode', () => {
  const decodeAll = (chunks: number[][], option: 'auto' | 'utf-8' | 'gb18030' = 'auto') => {
    const d = new InputDecoder(option)
    let text = ''
    for (const c of chunks) text += d.write(Uint8Array.from(c))
    return { text: text + d.end(), encoding: d.encoding }
  }

  it('a BOM split over chunks is still a BOM', () => {
    expect(decodeAll([[0xef], [0xbb], [0xbf, 0x61]])).toEqual({ text: 'a', encoding: 'utf-8-bom' })
    expect(decodeAll([[0xef, 0xbb], [0xbf]])).toEqual({ text: '', encoding: 'utf-8-bom' })
  })

  it.each([
    ['UTF-16LE', [0xff, 0xfe, 0x61, 0x00]],
    ['UTF-16BE', [0xfe, 0xff, 0x00, 0x61]],
  ])('%s is refused by its mark, whatever --encoding says', (variant, bytes) => {
    for (const option of ['auto', 'utf-8', 'gb18030'] as const) {
      expect(() => decodeAll([bytes.slice(0, 1), bytes.slice(1)], option)).toThrow(new Utf16Error(variant as 'UTF-16LE').message)
    }
  })

  it('GB18030 text is detected however the chunks fall (the first chunk may look like UTF-8)', () => {
    const gb = [...encodeGb18030('票号,姓名\nP1,李明华\n')!]
    for (let cut = 0; cut <= gb.length; cut++) expect(decodeAll([gb.slice(0, cut), gb.slice(cut)])).toEqual({ text: '票号,姓名\nP1,李明华\n', encoding: 'gb18030' })
  })

  it('UTF-8 with a GB18030 part fails at the exact byte, whatever the chunks', () => {
    const head = [...utf8('票号,干部编号,姓名,测评等次\n')]
    const bytes = [...head, ...encodeGb18030('李四')!]
    for (let cut = 0; cut <= bytes.length; cut++) {
      let err: unknown
      try {
        decodeAll([bytes.slice(0, cut), bytes.slice(cut)])
      } catch (e) {
        err = e
      }
      expect(err).toBeInstanceOf(DecodeError)
      expect((err as DecodeError).byteOffset).toBe(head.length)
      expect((err as DecodeError).encoding).toBe('utf-8')
    }
  })

  it('a character cut off by the end of the input is named by its first byte', () => {
    const bytes = [0x61, 0xe4, 0xb8]
    for (let cut = 0; cut <= 3; cut++) {
      expect(() => decodeAll([bytes.slice(0, cut), bytes.slice(cut)], 'utf-8')).toThrow(DecodeError)
      try {
        decodeAll([bytes.slice(0, cut), bytes.slice(cut)], 'utf-8')
      } catch (e) {
        expect((e as DecodeError).byteOffset).toBe(1)
      }
    }
  })
})

describe('table', () => {
  it('CR, LF and CRLF mixed: one row per line', async () => {
    const t = await read(pieces(utf8('a,b\r\n1,2\n3,4\r5,6\r\n7,8')))
    expect(t.rows.map((r) => [r.line, r.cells])).toEqual([
      [2, ['1', '2']],
      [3, ['3', '4']],
      [4, ['5', '6']],
      [5, ['7', '8']],
    ])
  })

  it.each([
    ['a,b\n\n1,"x\r\ny"\n\n\n3,4\n', [3, 7]],
    ['a,b\n"x\r\n\r\ny\r\n"\r\n3,4\r\n', [2, 6]],
    ['a,b\r\n\r\n1,"p\rq\nr"\r5,6', [3, 6]],
  ])('a record over several lines is at the line it starts on (CRLF in a cell is one break): %j', async (text, lines) => {
    const t = await read(pieces(utf8(text)))
    expect(t.rows.map((r) => r.line)).toEqual(lines)
  })

  it('blank lines before the header; the delimiter is the header line’s', async () => {
    const t = await read(pieces(utf8('\n'), utf8('  \n'), utf8('a;b\n1;2\n')))
    expect([t.header.line, t.header.cells, t.rows[0]!.cells]).toEqual([3, ['a', 'b'], ['1', '2']])
  })

  it('a quoted header cell over two lines: the delimiter comes from the whole header record', async () => {
    const t = await read(pieces(utf8('"Li\nMing";票号\n优秀;B1\n')))
    expect([t.header.cells, t.rows[0]!.cells]).toEqual([['Li\nMing', '票号'], ['优秀', 'B1']])
  })

  it('a NUL character: the line and column that hold it', async () => {
    expect(await failure(pieces(utf8('a,b\n1,2\n3,x\u0000y\n')))).toEqual({ code: 'nul-character', params: { file: 't.csv', line: 3, column: 2 }, exit: 65 })
  })

  it('a quote never closed: where it opens', async () => {
    expect(await failure(pieces(utf8('a,b\n1,2\n\n3,"open\n4,5\n')))).toEqual({
      code: 'csv-quote-not-closed',
      params: { file: 't.csv', line: 4, column: 2 },
      exit: 65,
    })
  })

  it('a read error after the first line reaches the reader (exit 66), it does not crash the process', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield utf8('a,b\n1,2\n')
      for (let i = 0; i < 50; i++) yield utf8(`${i},x\n`)
      throw Object.assign(new Error('EIO'), { code: 'EIO' })
    }
    expect(await failure(failing())).toEqual({ code: 'file-unreadable', params: { file: 't.csv', reason: 'EIO' }, exit: 66 })
  })

  it('a first line with no end is refused after MAX_RECORD_CHARS, not held whole', async () => {
    async function* endless(): AsyncGenerator<Uint8Array> {
      const chunk = new Uint8Array(1 << 20).fill(0x61)
      for (let i = 0; i < 64; i++) yield chunk
    }
    expect(await failure(endless())).toMatchObject({ code: 'line-too-long', exit: 65 })
  })
})

describe('votes', () => {
  it('detectShape only looks: two names of one column are left to the reader (with file and line)', () => {
    expect(detectShape({ line: 1, cells: ['票号', '干部编号', 'cadre_id', '测评等次'] })).toBe('long')
  })

  it('detectShape is linear in the columns (200,000 empty headers)', () => {
    const started = Date.now()
    expect(detectShape({ line: 1, cells: ['票号', ...new Array<string>(200_000).fill('')] })).toBe('wide')
    expect(Date.now() - started).toBeLessThan(2000)
  })
})

describe('voter groups', () => {
  it('a ballot\'s group counts for its marks in every file, in any order, never below zero', async () => {
    const tmp = tempDir()
    try {
      const [grouped, plain] = writeFiles(tmp.dir, [
        { name: 'grouped.csv', bytes: utf8('票号,干部编号,测评等次,测评人类别\nB1,XJ001,优秀,县领导\nB2,XJ001,称职,县领导\n') },
        { name: 'plain.csv', bytes: utf8('票号,干部编号,测评等次\nB1,XJ001,不称职\nB3,XJ001,优秀\n') },
      ])
      const groupsOf = async (files: string[]) => {
        const o = await runInProcess(['tally', ...files, '--format', 'json', '--policy', policyWithSmallGroups(tmp.dir)])
        expect(o.code, o.stderr).toBe(0)
        return (JSON.parse(o.stdout) as { cadres: Array<{ tally: { groups: unknown[]; invalid: number } }> }).cadres[0]!.tally
      }
      const a = await groupsOf([grouped!, plain!])
      const b = await groupsOf([plain!, grouped!])
      expect(b).toEqual(a)
      // B1: 优秀 (grouped) and 不称职 (plain) on one ballot: spoilt, in 县领导; B3 has no group.
      expect(a.groups).toEqual([{ group: '县领导', excellent: 0, competent: 1, basicallyCompetent: 0, incompetent: 0, abstain: 0, invalid: 1 }])
    } finally {
      tmp.done()
    }
  })
})

/** The built-in policy with minGroupSize 1, so that a two-ballot group is shown. */
const policyWithSmallGroups = (dir: string): string => {
  const p = { ...builtinPolicy('opinion-2009')!.policy, minGroupSize: 1 }
  const file = join(dir, 'small-groups.json')
  writeFileSync(file, JSON.stringify(p))
  return file
}

describe('internal errors', () => {
  // A bug is simulated by an stdout that throws a TypeError (not a KaoheError).
  const crash = async (env: Record<string, string>) => {
    const tmp = tempDir()
    try {
      const [votes] = writeFiles(tmp.dir, [{ name: 'v.csv', bytes: utf8('票号,干部编号,测评等次\nP1,XJ001,优秀\n') }])
      let stderr = ''
      const code = await run(['node', 'kaohe', 'tally', votes!], {
        stdout: () => {
          throw new TypeError('simulated bug')
        },
        stderr: (s) => void (stderr += s),
        stdoutIsTTY: false,
        env,
      })
      return { code, stderr }
    } finally {
      tmp.done()
    }
  }

  it('exit 70 and one line saying so, no stack trace', async () => {
    const o = await crash({})
    expect(o.code).toBe(70)
    expect(o.stderr).toBe('kaohe: 内部错误（程序缺陷）：simulated bug。请设置 KAOHE_DEBUG=1 重新运行并报告\n')
  })

  it('KAOHE_DEBUG=1 adds the stack', async () => {
    const o = await crash({ KAOHE_DEBUG: '1' })
    expect(o.code).toBe(70)
    expect(o.stderr).toMatch(/^kaohe: 内部错误.*\nTypeError: simulated bug\n\s+at /s)
  })
})

describe('compareIds', () => {
  const byBigInt = (a: string, b: string): number => {
    const [x, y] = [BigInt(a), BigInt(b)]
    return x !== y ? (x < y ? -1 : 1) : a.length !== b.length ? a.length - b.length : 0
  }
  it('digit runs: the same order as comparing their values (BigInt), leading zeros last', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,30}$/), fc.stringMatching(/^[0-9]{1,30}$/), (a, b) => {
        expect(Math.sign(compareIds(a, b))).toBe(Math.sign(byBigInt(a, b)))
      }),
      { seed: 6, numRuns: 500 },
    )
  })

  it('idOrder (runs made once) puts ids in compareIds order: leading zeros, mixed runs, ties', () => {
    const id = fc.oneof(fc.stringMatching(/^(?:[AB张]?[01]{0,3}){1,4}$/), fc.stringMatching(/^(?:[A-Za-z-]{0,2}[0-9]{0,4}){1,3}$/))
    fc.assert(
      fc.property(fc.array(id, { maxLength: 40 }), (ids) => {
        expect(sortByIds(ids)).toEqual([...ids].sort(compareIds))
      }),
      { seed: 7, numRuns: 500 },
    )
    // Leading zeros decide before any later run does.
    const tricky = ['A1B3', 'A01B2', 'A001B1', 'A1B', 'A01A', 'B0', 'B00', 'A1', '张01', '张1', '10', '010', '9']
    expect(sortByIds(tricky)).toEqual([...tricky].sort(compareIds))
  })

  it('ids of one shape (one length, digits at the same places) sort as text, in compareIds order', () => {
    // A shape: per place, a digit or a letter; ids fill it in (leading zeros, letters, 张).
    const oneShapeIds = fc
      .array(fc.boolean(), { minLength: 1, maxLength: 8 })
      .chain((shape) =>
        fc.array(
          fc.tuple(...shape.map((digit) => (digit ? fc.constantFrom('0', '1', '9') : fc.constantFrom('A', 'B', 'a', '张', '-')))).map((cs) => cs.join('')),
          { maxLength: 40 },
        ),
      )
    fc.assert(
      fc.property(oneShapeIds, (ids) => {
        expect(oneShape(ids)).toBe(true)
        expect(sortByIds(ids)).toEqual([...ids].sort(compareIds))
      }),
      { seed: 8, numRuns: 500 },
    )
    expect(oneShape(['C01', 'C1'])).toBe(false)
    expect(oneShape(['C01', 'CA1'])).toBe(false)
    expect(sortByIds(['C010', 'C009', 'C100', 'D000'])).toEqual(['C009', 'C010', 'C100', 'D000'])
  })

  it('100,000-digit ids compare in linear time', () => {
    const a = `${'7'.repeat(100_000)}1`
    const b = `${'7'.repeat(100_000)}2`
    const started = Date.now()
    for (let i = 0; i < 200; i++) expect(compareIds(a, b)).toBeLessThan(0)
    expect(Date.now() - started).toBeLessThan(2000)
  })
})

describe('terminalSafe', () => {
  it.each([
    ['\u001b[2J', '\\x1B[2J'],
    ['a\r\nb', 'a\\r\\nb'],
    ['x\u202ey', 'x\\u202Ey'],
    ['x\u0085y', 'x\\x85y'],
    ['tab\there', 'tab\\there'],
    ['张三 =1+1', '张三 =1+1'],
  ])('%j → %j', (raw, shown) => expect(terminalSafe(raw)).toBe(shown))

  it('cuts a long value in the middle, keeps both ends, says how much is left out, never splits a surrogate pair', () => {
    const s = `${'头'.repeat(300)}${'😀'.repeat(500)}${'尾'.repeat(300)}`
    const t = terminalSafe(s, 400)
    expect(t.startsWith('头')).toBe(true)
    expect(t.endsWith('尾')).toBe(true)
    expect(t).toMatch(/…\(\d+\)…/)
    expect(t.length).toBeLessThan(420)
    expect(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(t)).toBe(false)
  })
})

describe('terminalSafeDeep', () => {
  it('gives back what needs no change as it is, and copies only the way down to what changes', () => {
    const plain = { id: 'C1', name: '张三', tally: { excellent: 3, groups: [{ name: '县领导', n: 2 }] }, notes: [] as string[] }
    expect(terminalSafeDeep(plain)).toBe(plain)
    const doc = { id: 'C2', name: 'x\u001b[2Jy', unit: '财政局', tally: { groups: [{ name: '县领导' }, { name: 'a\nb' }] }, notes: ['好'] }
    const safe = terminalSafeDeep(doc)
    expect(safe).toEqual({ id: 'C2', name: 'x\\x1B[2Jy', unit: '财政局', tally: { groups: [{ name: '县领导' }, { name: 'a\\nb' }] }, notes: ['好'] })
    expect(safe).not.toBe(doc)
    expect(safe.tally.groups[0]).toBe(doc.tally.groups[0])
    expect(safe.notes).toBe(doc.notes)
    expect(doc.name).toBe('x\u001b[2Jy')
    expect(doc.tally.groups[1]!.name).toBe('a\nb')
  })

  it('copies a "__proto__" key as a key', () => {
    const v = JSON.parse('{"__proto__": "a\\u001bb", "k": 1}') as Record<string, unknown>
    const safe = terminalSafeDeep(v)
    expect(Object.keys(safe)).toEqual(['__proto__', 'k'])
    expect(Object.getOwnPropertyDescriptor(safe, '__proto__')?.value).toBe('a\\x1Bb')
    expect(Object.getPrototypeOf(safe)).toBe(Object.prototype)
  })
})

describe('grade synonyms', () => {
  it.each([
    [{ A: 'excellent', 良: 'competent' }, 0],
    [{ 优秀: 'excellent' }, 0],
    [{ 不称职: 'excellent' }, 1],
    [{ ' ': 'abstain' }, 1],
    [{ A: 'excellent', Ａ: 'competent' }, 1],
    [{ constructor: 'invalid', toString: 'abstain' }, 0],
  ] as const)('%j: %i problem(s)', (synonyms, n) => expect(synonymProblems(synonyms)).toHaveLength(n))
})

describe('a wide ballot whose first row is cut to one mark (fuzz seed 662803478)', () => {
  // A grade alone under the first cadre's column once joined the header (a second header row naming
  // a grade): the cadre was lost, the row not counted, and the result depended on row order.
  const HEAD = '张三,李四,票号'
  const ROWS = ['基本称职', '优秀,不称职,B2', '称职,称职,B3']
  const INVALID_FIRST = ['无效', ROWS[1]!, ROWS[2]!]
  const assess = async (rows: string[], extra: string[]) => {
    const tmp = tempDir()
    try {
      const file = join(tmp.dir, 'wide.csv')
      writeFileSync(file, `${[HEAD, ...rows].join('\r\n')}\r\n`)
      return await runInProcess(['assess', '--votes', file, '--format', 'json', ...extra])
    } finally {
      tmp.done()
    }
  }

  it.each([
    ['first', ROWS],
    ['last', [ROWS[1]!, ROWS[2]!, ROWS[0]!]],
    ['first (无效)', INVALID_FIRST],
  ])('cut short as the %s row: a data row in issues, located, every cadre kept; strict stops', async (_where, rows) => {
    const lenient = await assess(rows, ['--lenient'])
    expect(lenient.code, lenient.stderr).toBe(0)
    const doc = JSON.parse(lenient.stdout) as {
      summary: { rowsRead: number; rowsInIssues: number; rowsSkipped: number }
      cadres: Array<{ name: string }>
      issues: Array<{ row: number; severity: string }>
    }
    expect(doc.summary).toMatchObject({ rowsRead: 3, rowsInIssues: 1, rowsSkipped: 0 })
    expect(doc.cadres.map((c) => c.name).sort()).toEqual(['张三', '李四'].sort())
    const line = rows.findIndex((r) => !r.includes(',')) + 2
    expect(doc.issues.some((i) => i.severity === 'error' && i.row === line)).toBe(true)
    const strict = await assess(rows, [])
    expect(strict.code, strict.stderr).toBe(65)
  })
})

describe('a count sheet row cut to the cadre name alone (fuzz seed 662803478)', () => {
  const assess = async (text: string) => {
    const tmp = tempDir()
    try {
      const file = join(tmp.dir, 'counts.csv')
      writeFileSync(file, text)
      const o = await runInProcess(['assess', '--votes', file, '--format', 'json', '--lenient'])
      return JSON.parse(o.stdout) as { summary: { rowsRead: number; rowsSkipped: number }; cadres: Array<{ name: string }>; issues: Array<{ code: string; row: number }> }
    } finally {
      tmp.done()
    }
  }

  it('is a data row (the cadre kept, not a skipped section), first or last', async () => {
    for (const text of ['姓名,优秀,称职,基本称职,不称职\n欧阳明2\n李四,10,8,2,0\n', '姓名,优秀,称职,基本称职,不称职\n李四,10,8,2,0\n欧阳明2\n']) {
      const d = await assess(text)
      expect(d.summary).toMatchObject({ rowsRead: 2, rowsSkipped: 0 })
      expect(d.cadres.map((c) => c.name).sort()).toEqual(['李四', '欧阳明2'].sort())
    }
  })

  it('while a group heading alone (副职, 县直单位) is still a section', async () => {
    const d = await assess('姓名,优秀,称职,基本称职,不称职\n副职\n李四,10,8,2,0\n县直单位\n')
    expect(d.summary).toMatchObject({ rowsRead: 1, rowsSkipped: 2 })
    expect(d.issues.filter((i) => i.code === 'skipped-section').map((i) => i.row)).toEqual([2, 4])
  })
})

describe('a long row left with a decimal grade alone (fuzz seed 270412731)', () => {
  const tally = async (text: string, lenient: boolean) => {
    const tmp = tempDir()
    try {
      const file = join(tmp.dir, 'long.csv')
      writeFileSync(file, text)
      return await runInProcess(['tally', file, '--format', 'json', ...(lenient ? ['--lenient'] : [])])
    } finally {
      tmp.done()
    }
  }
  type Doc = { summary: { rowsRead: number; rowsInIssues: number; rowsSkipped: number }; issues: Array<{ code: string; row: number; severity: string }> }

  it('is a data row in issues (located), not a skipped 比例 row; strict stops', async () => {
    const text = '票号,干部编号,测评等次\nP1,C1,优秀\n,,2.0\nP2,C1,称职\n'
    const lenient = await tally(text, true)
    expect(lenient.code, lenient.stderr).toBe(0)
    const d = JSON.parse(lenient.stdout) as Doc
    expect(d.summary).toMatchObject({ rowsRead: 3, rowsInIssues: 1, rowsSkipped: 0 })
    expect(d.issues.filter((i) => i.severity === 'error').map((i) => i.row)).toContain(3)
    expect(d.issues.some((i) => i.code === 'skipped-share-row')).toBe(false)
    expect((await tally(text, false)).code).toBe(65)
  })

  it('while a 比例 row that says so is still skipped, and so is a count sheet’s unlabelled one', async () => {
    const labelled = JSON.parse((await tally('票号,干部编号,测评等次\nP1,C1,优秀\n比例,,0.5\n', true)).stdout) as Doc
    expect(labelled.summary).toMatchObject({ rowsRead: 1, rowsSkipped: 1 })
    expect(labelled.issues.filter((i) => i.code === 'skipped-share-row').map((i) => i.row)).toEqual([3])
    const counts = JSON.parse((await tally('姓名,优秀,称职,基本称职,不称职\n李四,10,8,2,0\n,50%,40%,10%,0.0\n', true)).stdout) as Doc
    expect(counts.summary).toMatchObject({ rowsRead: 1, rowsSkipped: 1 })
    expect(counts.issues.filter((i) => i.code === 'skipped-share-row').map((i) => i.row)).toEqual([3])
  })
})
