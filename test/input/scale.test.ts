import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { Chalk } from 'chalk'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { GRADE_KEYS, GRADES, writeLong } from '../../bench/generate.mjs'
import { runAssessment } from '../../src/commands/common.js'
import { countedMark } from '../../src/core/tally.js'
import { Collector } from '../../src/input/collector.js'
import { loadInputs } from '../../src/input/load.js'
import { openDelimited, type ReadOptions } from '../../src/input/table.js'
import { readVotes } from '../../src/input/votes.js'
import { renderCsv } from '../../src/output/csv.js'
import { renderJson } from '../../src/output/json.js'
import { renderTable } from '../../src/output/table.js'
import { terminalDoc } from '../../src/output/terminal.js'
import { kaohe, policyWith, tempDir } from '../helpers.js'

const OPTS: ReadOptions = { encoding: 'auto', delimiter: null, sheet: null }
const MARKS = ['excellent', 'competent', 'basicallyCompetent', 'incompetent', 'abstain', 'invalid'] as const

/** Read CSV text the way a file is read: 64 KB chunks, so that rows straddle them. */
const readText = async (text: string, c = new Collector()) => {
  const bytes = Buffer.from(text)
  const chunks: Buffer[] = []
  for (let i = 0; i < bytes.length; i += 1 << 16) chunks.push(bytes.subarray(i, i + (1 << 16)))
  const table = await openDelimited('big.csv', 'csv', Readable.from(chunks), OPTS, bytes.length)
  await readVotes(table, c, policyWith(), { shape: null, sumCounts: false })
  return c
}

/** 200,000 rows between two rows: other ballots for other cadres. */
const filler = (n: number, prefix = 'F'): string => {
  const rows: string[] = []
  for (let i = 0; i < n; i++) rows.push(`${prefix}${Math.floor(i / 20)},D${i % 5000},称职`)
  return rows.join('\n')
}

describe('a ballot counted twice, far apart', () => {
  const FAR = 200_000
  it('an exact twin 200,000 rows after its first is caught, with its line', async () => {
    const text = `票号,干部编号,测评等次\nP1,C1,优秀\n${filler(FAR)}\nP1,C1,优秀\n`
    const c = await readText(text)
    expect(c.issues.map((i) => [i.code, i.row, i.value])).toEqual([['duplicate-mark', FAR + 3, 'P1']])
    expect(c.cadres.get('C1')!.tally!.excellent).toBe(1)
    expect([c.rowsRead, c.rowsCounted, c.rowsInIssues]).toEqual([FAR + 2, FAR + 1, 1])
  })
  it('a second, different grade 200,000 rows away makes the mark spoilt (无效), whichever comes first', async () => {
    for (const [a, b] of [
      ['优秀', '不称职'],
      ['不称职', '优秀'],
    ]) {
      const c = await readText(`票号,干部编号,测评等次\nP1,C1,${a}\n${filler(FAR)}\nP1,C1,${b}\n`)
      expect(c.issues).toEqual([])
      expect(c.cadres.get('C1')!.tally).toMatchObject({ excellent: 0, incompetent: 0, invalid: 1 })
    }
  })
  it('the same across two files', async () => {
    const c = await readText(`票号,干部编号,测评等次\nP1,C1,优秀\n${filler(FAR)}\n`)
    await readText(`票号,干部编号,测评等次\n${filler(10, 'G')}\nP1,C1,优秀\n`, c)
    expect(c.issues.map((i) => [i.code, i.row])).toEqual([['duplicate-mark', 12]])
  })
})

describe('line numbers stay right across chunks', () => {
  it('after quoted cells with line breaks (LF and CRLF) and blank lines, thousands of rows on', async () => {
    const rows = ['票号,干部编号,姓名,测评等次']
    let line = 1
    const lines: number[] = []
    for (let i = 0; i < 30_000; i++) {
      if (i % 1000 === 7) {
        rows.push(`P${i},C${i % 300},"张\r\n三",称职`) // two lines in an editor
        line += 2
      } else if (i % 1000 === 500) {
        rows.push(`P${i},C${i % 300},"李\n四\n五",称职`, '') // three lines, then a blank one
        line += 4
      } else {
        rows.push(`P${i},C${i % 300},,${i % 5000 === 4999 ? '良' : '称职'}`)
        line += 1
        if (i % 5000 === 4999) lines.push(line)
      }
    }
    const c = await readText(`${rows.join('\r\n')}\r\n`)
    expect(c.issues.map((i) => [i.code, i.row])).toEqual(lines.map((l) => ['unknown-grade', l]))
  })
})

/** The simple reference: csv-parse's sync API, a Map of (cadre, ballot) → grades seen. */
const referenceTally = (path: string) => {
  const rows = parse(readFileSync(path), { relax_column_count: true }) as string[][]
  const pairs = new Map<string, Set<number>>()
  const groups = new Map<string, string>()
  for (const [ballot, cadre, , , grade, group] of rows.slice(1)) {
    const k = `${cadre}\u0000${ballot}`
    const seen = pairs.get(k) ?? new Set<number>()
    seen.add(GRADES.indexOf(grade!))
    pairs.set(k, seen)
    groups.set(ballot!, group!)
  }
  const tallies = new Map<string, Record<string, number>>()
  for (const [k, seen] of pairs) {
    const [cadre, ballot] = k.split('\u0000')
    const state = [...seen].reduce((s, i) => s | (1 << i), 0)
    const mark = countedMark(state)!
    for (const key of [cadre!, `${cadre}\u0000${groups.get(ballot!)}`]) {
      const t = tallies.get(key) ?? Object.fromEntries(MARKS.map((m) => [m, 0]))
      t[mark]!++
      tallies.set(key, t)
    }
  }
  return tallies
}

describe('generated ballots: kaohe agrees with a simple reference tally', () => {
  const dir = tempDir()
  const path = join(dir, 'long-200k.csv')
  // The bench's generator (100k-row scale, 20,000 cadres), then 300 rows that give
  // earlier (ballot, cadre) pairs a second, different grade: spoilt marks, far apart.
  writeLong(path, 200_000, { cadres: 20_000 })
  const rows = parse(readFileSync(path), { relax_column_count: true }) as string[][]
  const extra: string[] = []
  for (let i = 1; i <= 300; i++) {
    const [ballot, cadre, name, unit, grade, group] = rows[i * 577]!
    const other = GRADES[(GRADES.indexOf(grade!) + 1) % GRADES.length]!
    extra.push([ballot, cadre, name, unit, other, group].map((s) => (/[",]/.test(s!) ? `"${s!.replace(/"/g, '""')}"` : s)).join(','))
  }
  const text = readFileSync(path, 'utf8') + extra.join('\n') + '\n'
  const full = join(dir, 'long-200k-spoilt.csv')
  writeFileSync(full, text)
  const rawInvalid = rows.filter((r) => r[4] === '无效').length
  const ref = referenceTally(full)

  it('every cadre, and every voter group of every cadre, in-process', async () => {
    const loaded = await loadInputs({ votes: [full], roster: null, policy: policyWith(), read: OPTS, shape: null, sumCounts: false })
    expect(loaded.issues).toEqual([])
    expect(loaded.rowsCounted).toBe(200_300)
    let cadres = 0
    let invalid = 0
    for (const c of loaded.cadres) {
      cadres++
      const want = ref.get(c.id)!
      invalid += c.tally!.invalid
      expect(Object.fromEntries(MARKS.map((m) => [m, c.tally![m]]))).toEqual(want)
      for (const g of c.groups) expect(Object.fromEntries(MARKS.map((m) => [m, g.tally[m]]))).toEqual(ref.get(`${c.id}\u0000${g.group}`))
    }
    expect(cadres).toBe([...ref.keys()].filter((k) => !k.includes('\u0000')).length)
    // The 300 second grades made spoilt marks (some of them were 无效 already).
    expect(invalid).toBeGreaterThan(rawInvalid + 200)
  })

  it('the same counts from the built CLI (kaohe tally --format csv)', () => {
    const r = kaohe(['tally', full, '--format', 'csv'])
    expect(r.code).toBe(0)
    const out = parse(r.stdout, { bom: true }) as string[][]
    expect(out.length - 1).toBe([...ref.keys()].filter((k) => !k.includes('\u0000')).length)
    for (const line of out.slice(1)) {
      const want = ref.get(line[0]!)!
      expect(line.slice(4, 10).map(Number)).toEqual(GRADE_KEYS.map((k) => want[k]))
    }
  })

  it('the streamed JSON, CSV and table reports are byte for byte the documents built whole', async () => {
    const small = join(dir, 'long-20k.csv')
    writeLong(small, 20_000, { cadres: 2000 })
    for (const command of ['tally', 'assess'] as const) {
      const opts = { lang: 'zh' as const, format: 'json' as const, quiet: true, color: false, lenient: false, encoding: 'auto', delimiter: undefined, sheet: undefined, policy: undefined }
      const args = { command, opts, votes: [small], roster: null, shape: null, sumCounts: false, scope: command === 'tally' ? ('votes' as const) : ('all' as const) }
      for (const format of ['json', 'csv'] as const) {
        const streamed: string[] = []
        await (await runAssessment(args)).stream(format, (s) => void streamed.push(s))
        const whole = await runAssessment(args)
        expect(streamed.join('')).toBe(format === 'json' ? renderJson(whole.doc) : renderCsv(whole.doc, whole.dict))
      }
      // 2000 cadres: a table past TABLE_CHUNK rows, drawn without cli-table3.
      const table: string[] = []
      await (await runAssessment(args)).streamTable(new Chalk({ level: 1 }), (s) => void table.push(s))
      const whole = await runAssessment(args)
      expect(table.join('')).toBe(renderTable(terminalDoc(whole.doc), whole.dict, new Chalk({ level: 1 })))
    }
  })
})
