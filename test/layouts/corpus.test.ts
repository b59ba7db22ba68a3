/**
 * The corpus itself (scripts/make-layouts.mjs → test/fixtures/layouts/): the committed files
 * are a fresh generation; GB18030 and XLSX hold the same sheet as the UTF-8 CSV; and the
 * generator is right — strip each layout of what kaohe must skip and name its columns as the
 * clean table does, and today's kaohe gives the clean table's result (so a failing layout
 * test fails because of the reader, not because of the corpus). Shares, per-row totals,
 * 合计/小计/总计 and 比例 rows hold the values their counts give; paper ballots add up.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { parse } from 'csv-parse/sync'
import { unzipSync } from 'fflate'
import { readSheet } from 'read-excel-file/node'
import { afterAll, describe, expect, it } from 'vitest'
import {
  CADRES,
  CLEAN,
  type Layout,
  MARKS,
  type Plain,
  renderCorpus,
  roundShare,
  type Sheet,
  sheetCsv,
  UNITS,
} from '../../scripts/make-layouts.mjs'
import { encodeGb18030 } from '../helpers.js'
import { CORPUS, countsReference, expectSameCadres, LAYOUTS, layoutArgs, pathsOf, referenceOf, removeReferences, runJson } from './support.js'
afterAll(removeReferences)

const listFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? listFiles(p) : [relative(CORPUS, p)]
  })

describe('the committed corpus', () => {
  it('is exactly what scripts/make-layouts.mjs writes (run it after changing the generator)', () => {
    const fresh = renderCorpus((t) => encodeGb18030(t))
    expect(listFiles(CORPUS).sort()).toEqual([...fresh.keys()].sort())
    for (const [path, bytes] of fresh) expect(Buffer.compare(readFileSync(join(CORPUS, path)), Buffer.from(bytes)), path).toBe(0)
  })

  it('has 30+ layouts, each file of a layout in every format it can take', () => {
    expect(LAYOUTS.length).toBeGreaterThanOrEqual(30)
    for (const l of LAYOUTS) {
      const csvAble = l.files.every((f) => f.sheets.length === 1)
      expect(l.formats, l.id).toEqual(csvAble ? ['csv', 'gb18030', 'xlsx'] : ['xlsx'])
    }
  })

  it.each(LAYOUTS.filter((l) => l.formats.includes('gb18030')).map((l) => [l.id, l] as const))('%s: the GB18030 CSV decodes to the UTF-8 CSV', (_id, l) => {
    const utf8 = pathsOf(l, 'csv')
    pathsOf(l, 'gb18030').forEach((p, i) => {
      const text = new TextDecoder('gb18030', { fatal: true }).decode(readFileSync(p))
      expect(text).toBe(readFileSync(utf8[i]!, 'utf8').replace(/^\ufeff/, ''))
    })
  })

  it.each(LAYOUTS.map((l) => [l.id, l] as const))('%s: every XLSX sheet reads back (read-excel-file) as written, with its merged cells', async (_id, l) => {
    for (const [k, p] of pathsOf(l, 'xlsx').entries()) {
      const bytes = readFileSync(p)
      const parts = unzipSync(bytes)
      const sheets = l.files[k]!.sheets
      for (const [n, sheet] of sheets.entries()) {
        const rows = (await readSheet<string>(bytes, sheet.name, { parseNumber: (s: string) => s })) as unknown[][]
        const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v))
        const want = sheet.rows.map((r) => r.map((c) => (c === null ? '' : typeof c === 'object' ? c.num : String(c))))
        // read-excel-file pads every row to the sheet's width and drops trailing empty rows.
        const width = Math.max(...want.map((r) => r.length))
        const pad = (r: string[]): string[] => Array.from({ length: width }, (_, i) => r[i] ?? '')
        const last = want.map((r) => r.some((c) => c !== '')).lastIndexOf(true)
        expect(rows.map((r) => pad(r.map(text))), `${p}#${sheet.name}`).toEqual(want.slice(0, last + 1).map(pad))
        const xml = new TextDecoder().decode(parts[`xl/worksheets/sheet${n + 1}.xml`])
        const merges = [...xml.matchAll(/<mergeCell ref="([A-Z]+\d+:[A-Z]+\d+)"\/>/g)].map((m) => m[1])
        expect(merges.length, `${p}#${sheet.name} merged ranges`).toBe(sheet.merges.length)
      }
    }
  })
})

// ---------------------------------------------------------------------------------------
// The generator's own check.
// ---------------------------------------------------------------------------------------
/** A sheet's rows as the text a clerk sees (the committed CSV where there is one). */
const gridOf = (l: Layout, fileIndex: number, sheet: Sheet): string[][] => {
  const text = l.formats.includes('csv') ? readFileSync(pathsOf(l, 'csv')[fileIndex]!, 'utf8').replace(/^\ufeff/, '') : sheetCsv(sheet)
  return parse(text, { relax_column_count: true }) as string[][]
}

const isBlank = (r: string[]): boolean => r.every((c) => c.trim() === '')

/** Data rows: neither header, nor skipped, nor blank. */
const dataRows = (sheet: Sheet, grid: string[][]): Array<{ line: number; cells: string[] }> =>
  grid
    .map((cells, i) => ({ line: i + 1, cells }))
    .filter(({ line, cells }) => !sheet.headerLines.includes(line) && !sheet.skip.includes(line) && !isBlank(cells))

const num = (s: string | undefined): number => (s === undefined || s.trim() === '' ? 0 : Number(s))

/** The header path of every column, read from the header rows and their merged ranges. */
const headerPaths = (sheet: Sheet): string[][] => {
  const at = (r: number, c: number): string => {
    const m = sheet.merges.find(([r1, c1, r2, c2]) => r >= r1 && r <= r2 && c >= c1 && c <= c2)
    const v = m ? sheet.rows[m[0]]![m[1]] : sheet.rows[r]![c]
    return v === null || v === undefined ? '' : String(v)
  }
  const width = sheet.heads!.length
  return Array.from({ length: width }, (_, c) => {
    const path: string[] = []
    for (const line of sheet.headerLines) {
      const v = at(line - 1, c)
      if (v !== '' && path[path.length - 1] !== v) path.push(v)
    }
    return path
  })
}

const shareText = (num: number, den: number, style: string): string =>
  ({
    pct2: `${roundShare(num, den, 100, 2)}%`,
    xlsxpct: `${roundShare(num, den, 100, 2)}%`,
    num1: roundShare(num, den, 100, 1),
    num2: roundShare(num, den, 100, 2),
    ratio4: roundShare(num, den, 1, 4),
  })[style]!

const isCount = (p: Plain | null): p is { header: string; count: true } => p !== null && 'count' in p && p.count === true
const returnedHeaders = MARKS.map((m) => CLEAN[m])

/**
 * The sheet as the clean table: its data rows, columns named as the clean table names them,
 * the rest dropped; shares, per-row totals, total rows and 比例 rows checked on the way.
 */
const plainTable = (sheet: Sheet, grid: string[][]): { header: string[]; rows: string[][] } => {
  const plain = sheet.plain!
  const header = plain.flatMap((p) => (p === null ? [] : 'header' in p ? [p.header] : 'split' in p ? p.split : []))
  const value = (cells: string[], h: string): number => {
    const i = plain.findIndex((p) => p !== null && 'header' in p && p.header === h)
    return i < 0 ? 0 : num(cells[i])
  }
  const returned = (cells: string[]): number => returnedHeaders.reduce((a, h) => a + value(cells, h), 0)
  const rows = dataRows(sheet, grid).map(({ line, cells }) => {
    plain.forEach((p, i) => {
      if (p === null) return
      if ('share' in p) {
        const n = p.share.reduce((a, h) => a + value(cells, h), 0)
        expect(cells[i], `line ${line} column ${i + 1}: a share of ${n}/${returned(cells)}`).toBe(shareText(n, returned(cells), p.style))
      }
      if ('rowTotal' in p) expect(num(cells[i]), `line ${line} column ${i + 1}: a row total`).toBe(p.rowTotal.reduce((a, h) => a + value(cells, h), 0))
    })
    return plain.flatMap((p, i) => {
      if (p === null || 'share' in p || 'rowTotal' in p) return []
      if ('split' in p) {
        const u = UNITS.find((x) => cells[i]!.startsWith(x.name))
        expect(u, `line ${line}: ${cells[i]} starts with a unit`).toBeDefined()
        return [u!.name, cells[i]!.slice(u!.name.length)]
      }
      return [cells[i] ?? '']
    })
  })
  for (const t of sheet.totals) {
    plain.forEach((p, i) => {
      if (!isCount(p)) return
      const cell = grid[t.line - 1]![i] ?? ''
      if (cell === '' && (p.header === CLEAN.eligible || p.header === CLEAN.participated)) return
      expect(num(cell), `total row ${t.line}, ${p.header}`).toBe(t.covers.reduce((a, line) => a + num(grid[line - 1]![i]), 0))
    })
  }
  for (const r of sheet.ratios) {
    const of = grid[r.of - 1]!
    plain.forEach((p, i) => {
      if (isCount(p) && returnedHeaders.includes(p.header)) expect(grid[r.line - 1]![i], `比例 row ${r.line}`).toBe(shareText(num(of[i]), returned(of), 'pct2'))
    })
  }
  return { header, rows }
}

const csvOf = (t: { header: string[]; rows: string[][] }): string => `${[t.header, ...t.rows].map((r) => r.join(',')).join('\n')}\n`

/** Paper ballots: every cadre's marks, counted from the sheets as written. */
const tallyPaper = (l: Layout): Map<string, number[]> => {
  const counts = new Map<string, number[]>()
  l.files.forEach((f, k) => {
    for (const sheet of f.sheets) {
      const p = sheet.paper!
      for (const cells of gridOf(l, k, sheet)) {
        const c = CADRES.find((x) => x.name === cells[p.name] && x.unit === cells[p.unit])
        if (!c) continue
        const marks = cells.slice(p.grades, p.grades + 5).map((x) => x === p.tick)
        const n = marks.filter(Boolean).length
        const t = counts.get(c.id) ?? [0, 0, 0, 0, 0, 0]
        if (n === 1) t[marks.indexOf(true)]!++
        else if (n === 2) t[5]!++
        else throw new Error(`${l.id}: ${c.name} has ${n} marks on a ballot`)
        counts.set(c.id, t)
      }
    }
  })
  return counts
}

const tables = LAYOUTS.filter((l) => l.files.some((f) => f.sheets.some((s) => s.plain !== null)))
const papers = LAYOUTS.filter((l) => l.files.every((f) => f.sheets.every((s) => s.paper !== null)))

describe('the generator', () => {
  it('covers every layout by one check or the other', () => {
    expect([...tables, ...papers].map((l) => l.id).sort()).toEqual(LAYOUTS.map((l) => l.id).sort())
  })

  it.each(tables.map((l) => [l.id, l] as const))('%s: its header rows name each column as meant, and without what kaohe must skip it is the clean table', async (_id, l) => {
    const dir = mkdtempSync(join(tmpdir(), 'kaohe-plain-'))
    try {
      let header: string[] | null = null
      const rows: string[][] = []
      l.files.forEach((f, k) => {
        for (const sheet of f.sheets) {
          if (sheet.plain === null) continue
          if (sheet.heads) expect(headerPaths(sheet), `${l.id}#${sheet.name} header`).toEqual(sheet.heads)
          const t = plainTable(sheet, gridOf(l, k, sheet))
          if (header) expect(t.header).toEqual(header)
          header = t.header
          rows.push(...t.rows)
        }
      })
      let table = { header: header!, rows }
      // A names-only roster gets the clean roster's ids back, by name and unit.
      if (l.kind === 'roster' && !table.header.includes('干部编号')) {
        const [n, u] = [table.header.indexOf('姓名'), table.header.indexOf('单位')]
        table = { header: ['干部编号', ...table.header], rows: rows.map((r) => [CADRES.find((c) => c.name === r[n] && c.unit === r[u])!.id, ...r]) }
      }
      const p = join(dir, 'plain.csv')
      writeFileSync(p, csvOf(table))
      const { doc } = await runJson(layoutArgs({ ...l, policy: null }, [p]))
      expectSameCadres(doc, await referenceOf(l))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it.each(papers.map((l) => [l.id, l] as const))('%s: the marks add up to the source, one ballot per voter present', (_id, l) => {
    const counts = tallyPaper(l)
    for (const c of CADRES) expect(counts.get(c.id), c.id).toEqual(MARKS.map((m) => c[m]))
  })

  it('the paper ballots carry each unit\'s 应到/实到 line', () => {
    for (const l of papers.filter((x) => x.ref && 'info' in x.ref)) {
      l.files.forEach((f, k) => {
        const u = UNITS.find((x) => f.base.endsWith(`-${x.code}`))!
        for (const sheet of f.sheets) {
          const line = gridOf(l, k, sheet).find((r) => r.join('').includes('应到'))!.join('')
          expect(line, `${l.id} ${f.base}`).toContain(String(u.eligible))
          expect(line).toContain(String(u.participated))
        }
      })
    }
  })

  it('the clean long ballots and the clean count table agree on every vote (baseline)', async () => {
    const ballots = await referenceOf(LAYOUTS.find((l) => l.id === 'long-clean')!)
    const counts = await countsReference(['abstain', 'invalid'])
    expectSameCadres(ballots, counts)
  })
})
