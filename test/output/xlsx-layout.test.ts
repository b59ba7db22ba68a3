import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import readXlsxFile from 'read-excel-file/node'
import { beforeAll, describe, expect, it } from 'vitest'
import type { RunResult } from '../../src/commands/common.js'
import { renderOutput } from '../../src/output/formats.js'
import type { ReportDoc } from '../../src/output/report.js'
import { CELL_LIMIT, capCell, SHEETS } from '../../src/output/xlsx.js'
import { columnLetter } from '../../src/output/xlsx-layout.js'
import { cloneDoc, renderContext, sampleRun, tempDir, unzipText } from '../exports-helpers.js'

/**
 * The report workbook as Excel/WPS print and filter it, read at the XML level (and, where
 * python3 has openpyxl, by openpyxl too): an autofilter over each table, A4 landscape fitted
 * to the width with the header row repeated, wrapped long text, margins and counts as number
 * cells, rule names in the language with their ids in a column of their own, cells cut at
 * Excel's 32,767 characters with a marker.
 */
let zh: RunResult
let en: RunResult
let files: Record<string, string>
beforeAll(async () => {
  zh = await sampleRun('zh')
  en = await sampleRun('en')
  files = unzipText(await renderOutput('xlsx', zh.doc, renderContext(zh)))
})

const sheetNames = [SHEETS.dispositions, SHEETS.tally, SHEETS.personal, SHEETS.issues, SHEETS.audit]
const sheetXml = (i: number): string => files[`xl/worksheets/sheet${i}.xml`]!
/** The cells of one row of a sheet's XML: ref → { type attribute, style, the <v> }. */
const cellsOf = (xml: string, row: number): Map<string, { t: string | null; s: number; v: string | null }> => {
  const r = new RegExp(`<row r="${row}"[^>]*>([\\s\\S]*?)</row>`).exec(xml)
  const out = new Map<string, { t: string | null; s: number; v: string | null }>()
  for (const m of (r?.[1] ?? '').matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    out.set(m[1]!, { t: /t="(\w+)"/.exec(m[2]!)?.[1] ?? null, s: Number(/s="(\d+)"/.exec(m[2]!)?.[1] ?? 0), v: /<v>([^<]*)<\/v>/.exec(m[3] ?? '')?.[1] ?? null })
  }
  return out
}
const cellXfs = (): string[] => [.../<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(files['xl/styles.xml']!)![1]!.matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0])
const sheets = async (doc: ReportDoc, run: RunResult, lang: 'zh' | 'en' = 'zh') => readXlsxFile(Buffer.from(await renderOutput('xlsx', doc, renderContext(run, lang))))

describe('XLSX page setup and filters', () => {
  it('puts an autofilter over each table and names its range', () => {
    const wb = files['xl/workbook.xml']!
    for (const [i, name] of sheetNames.entries()) {
      const xml = sheetXml(i + 1)
      if (name === SHEETS.audit) {
        expect(xml).not.toContain('<autoFilter')
        continue
      }
      const header = cellsOf(xml, 1)
      const rows = [...xml.matchAll(/<row r="(\d+)"/g)].length
      const ref = `A1:${columnLetter(header.size)}${rows}`
      expect(xml).toContain(`<autoFilter ref="${ref}"/>`)
      // after the cells, as the schema orders it
      expect(xml.indexOf('<autoFilter')).toBeGreaterThan(xml.indexOf('</sheetData>'))
      expect(wb).toContain(`<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">'${name}'!$A$1:$${ref.split(':')[1]!.replace(/(\d+)$/, '$$$1')}</definedName>`)
    }
  })

  it('prints A4, fitted to the page width, landscape (the audit upright), the header row on every page', () => {
    const wb = files['xl/workbook.xml']!
    for (const [i, name] of sheetNames.entries()) {
      const xml = sheetXml(i + 1)
      const setup = /<pageSetup ([^>]*)\/>/.exec(xml)![1]!
      expect(setup).toContain('paperSize="9"')
      expect(setup).toContain(`orientation="${name === SHEETS.audit ? 'portrait' : 'landscape'}"`)
      expect(setup).toContain('fitToWidth="1"')
      expect(setup).toContain('fitToHeight="0"')
      expect(xml).toMatch(/^<\?xml[^>]*\?><worksheet [^>]*><sheetPr><pageSetUpPr fitToPage="1"\/><\/sheetPr><sheetViews>/)
      expect(xml).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/)
      // the order of the schema: printOptions, pageMargins, pageSetup, headerFooter, at the end
      const order = ['</sheetData>', '<printOptions', '<pageMargins', '<pageSetup', '<headerFooter', '</worksheet>'].map((t) => xml.indexOf(t))
      expect(order).toEqual([...order].sort((a, b) => a - b))
      expect(order.every((x) => x > 0)).toBe(true)
      expect(wb).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">'${name}'!$1:$1</definedName>`)
    }
  })

  it('wraps the long columns (理由, 可选措施 …) and keeps them within a readable width', () => {
    const xml = sheetXml(1)
    const header = [...cellsOf(xml, 1).keys()]
    const heads = (files['xl/sharedStrings.xml']!.match(/<si>[\s\S]*?<\/si>/g) ?? []).map((s) => s.replace(/<[^>]+>/g, ''))
    const colOf = (name: string): string => header.find((ref) => heads[Number(cellsOf(xml, 1).get(ref)!.v)] === name)!
    const xfs = cellXfs()
    const widthOf = (col: string): number => {
      const n = header.indexOf(col) + 1
      return Number(new RegExp(`<col min="${n}" max="${n}" width="([\\d.]+)"`).exec(xml)![1])
    }
    for (const name of ['理由', '可选措施', '决定前须', '触发规则']) {
      const col = colOf(name)
      expect(col, name).toBeDefined()
      // every data row's cell in the column wraps
      for (let r = 2; r <= 41; r++) expect(xfs[cellsOf(xml, r).get(col)!.s], `${name} row ${r}`).toContain('wrapText="1"')
      expect(widthOf(col)).toBeLessThanOrEqual(48)
      expect(widthOf(col)).toBeGreaterThanOrEqual(10)
    }
    expect(widthOf(colOf('理由'))).toBe(48)
    // a header wraps rather than widening its column
    expect(xfs[cellsOf(xml, 1).get('A')!.s]).toContain('wrapText="1"')
  })
})

describe('XLSX numbers and rule names', () => {
  it('writes each margin as a number of its own column, the 临界 flag apart', async () => {
    const s = await sheets(zh.doc, zh)
    const disp = s.find((x) => x.sheet === SHEETS.dispositions)!.data
    const head = disp[0] as string[]
    const [unfit, inc, flag] = ['不胜任边距 (2/3)', '不称职边距 (1/3)', '临界'].map((h) => head.indexOf(h))
    expect(Math.min(unfit!, inc!, flag!)).toBeGreaterThan(0)
    for (const c of zh.doc.cadres) {
      const row = disp.find((r) => r[0] === c.id)!
      expect(row[unfit!]).toBe(c.checks.find((k) => k.rule === 'item9-unfit')?.margin ?? null)
      expect(row[inc!]).toBe(c.checks.find((k) => k.rule === 'item9-incompetent')?.margin ?? null)
      expect(row[flag!]).toBe(c.checks.some((k) => k.borderline) ? '是' : '否')
    }
    // at the XML level: number cells (no t="s"), sortable
    const xml = sheetXml(1)
    const col = columnLetter(unfit! + 1)
    for (let r = 2; r <= 40; r++) {
      const cell = cellsOf(xml, r).get(col)!
      expect(cell.t === null || cell.t === 'n').toBe(true)
      expect(cell.v).toMatch(/^\d+$/)
    }
  })

  it('stores the audit counts as numbers, a version and a hash as text', async () => {
    const audit = (await sheets(zh.doc, zh)).find((x) => x.sheet === SHEETS.audit)!.data
    const value = (k: string) => audit.find((r) => r[0] === k)![1]
    expect(value('干部人数')).toBe(zh.doc.summary.cadres)
    expect(value('读入行')).toBe(zh.doc.summary.rowsRead)
    expect(value('计入行')).toBe(zh.doc.summary.rowsCounted)
    expect(value('问题行')).toBe(0)
    expect(value('政策版本')).toBe(zh.doc.policy.version)
    expect(value('政策 SHA-256')).toBe(zh.doc.policy.sha256)
    for (const i of zh.doc.inputs) expect(audit.find((r) => r[0] === i.path)![2]).toBe(i.rows)
  })

  it('names the rules in the language, their ids in a column of their own', async () => {
    for (const [run, lang] of [[zh, 'zh'], [en, 'en']] as const) {
      const disp = (await sheets(run.doc, run, lang)).find((x) => x.sheet === SHEETS.dispositions)!.data
      const head = disp[0] as string[]
      const names = head.indexOf(lang === 'zh' ? '触发规则' : 'Rules fired')
      const ids = head.indexOf(lang === 'zh' ? '规则编号' : 'Rule ids')
      expect(ids).toBe(names + 1)
      const xj006 = disp.find((r) => r[0] === 'XJ006')!
      expect(String(xj006[ids])).toBe('item9-incompetent item9-unfit')
      if (lang === 'zh') {
        expect(String(xj006[names])).toBe('不称职；不胜任')
        for (const r of disp.slice(1)) expect(String(r[names] ?? '')).not.toMatch(/item\d/)
      } else expect(String(xj006[names])).toBe('Incompetent; Unfit')
      const audit = (await sheets(run.doc, run, lang)).find((x) => x.sheet === SHEETS.audit)!.data
      expect(audit.map((r) => String(r[1] ?? '')).join('\n')).not.toMatch(/item9-/)
    }
  })
})

describe('XLSX cells at Excel’s limit', () => {
  it('cuts a text of more than 32,767 characters, marked, whole surrogate pairs kept', () => {
    const marker = '……（已截断，全文见 JSON）'
    expect(capCell('a'.repeat(CELL_LIMIT), marker)).toBe('a'.repeat(CELL_LIMIT))
    const cut = capCell('a'.repeat(CELL_LIMIT + 1), marker)
    expect(cut).toHaveLength(CELL_LIMIT)
    expect(cut.endsWith(marker)).toBe(true)
    // a 𠀀 (two UTF-16 units) across the cut is dropped whole
    const pairs = '𠀀'.repeat(CELL_LIMIT)
    const c2 = capCell(pairs, marker)
    expect(c2.length).toBeLessThanOrEqual(CELL_LIMIT)
    expect(c2.slice(0, -marker.length)).toMatch(/^(?:𠀀)+$/u)
  })

  it('writes a 40,000-character finding cut to 32,767 with the marker of the language', async () => {
    for (const [run, lang, marker] of [[zh, 'zh', '……（已截断，全文见 JSON）'], [en, 'en', '… (cut here; the full text is in the JSON)']] as const) {
      const doc = cloneDoc(run.doc)
      const c = doc.cadres.find((x) => x.id === 'XJ014')!
      const long = `${'查'.repeat(39_990)}0123456789`
      c.findings = c.findings.map((f) => (f.item === 5 ? { ...f, text: long } : f))
      const s = await sheets(doc, run, lang)
      const personal = s.find((x) => x.sheet === SHEETS.personal)!.data
      const cell = String(personal.find((r) => r[0] === 'XJ014')!.find((v) => typeof v === 'string' && v.startsWith('查'))!)
      expect(cell).toHaveLength(CELL_LIMIT)
      expect(cell.endsWith(marker)).toBe(true)
      const rationale = String(s.find((x) => x.sheet === SHEETS.dispositions)!.data.find((r) => r[0] === 'XJ014')!.find((v) => typeof v === 'string' && v.startsWith('查'))!)
      expect(rationale.length).toBeLessThanOrEqual(CELL_LIMIT)
      expect(rationale.endsWith(marker)).toBe(true)
    }
  })
})

/** A python3 that has openpyxl: the first on PATH, else Debian's (python3-openpyxl; a pyenv shim may come first). */
const PYTHON = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0)
const HAVE_OPENPYXL = PYTHON !== undefined

describe('the report workbook read by openpyxl', () => {
  it.skipIf(!HAVE_OPENPYXL)(`sees the filters, the page setup, the title rows and the number cells${HAVE_OPENPYXL ? '' : ' (skipped: python3 has no openpyxl here)'}`, async () => {
    const dir = tempDir()
    const file = join(dir, 'r.xlsx')
    writeFileSync(file, await renderOutput('xlsx', zh.doc, renderContext(zh)))
    const script = [
      'import json, sys, warnings',
      'warnings.simplefilter("ignore")',
      'import openpyxl',
      'wb = openpyxl.load_workbook(sys.argv[1])',
      'out = {}',
      'for ws in wb.worksheets:',
      '    p = ws.page_setup',
      '    head = [c.value for c in ws[1]]',
      '    margin = head.index("不胜任边距 (2/3)") + 1 if "不胜任边距 (2/3)" in head else None',
      '    out[ws.title] = {"filter": ws.auto_filter.ref, "orientation": p.orientation, "paper": p.paperSize, "fitWidth": p.fitToWidth, "fitHeight": p.fitToHeight,',
      '        "fit": ws.sheet_properties.pageSetUpPr.fitToPage, "titles": ws.print_title_rows,',
      '        "margins": [ws.cell(row=r, column=margin).data_type for r in range(2, 41)] if margin else None}',
      'print(json.dumps(out))',
    ].join('\n')
    const got = JSON.parse(execFileSync(PYTHON!, ['-c', script, file], { encoding: 'utf8' })) as Record<string, Record<string, unknown>>
    expect(Object.keys(got)).toEqual(sheetNames)
    for (const name of sheetNames) {
      expect(got[name]).toMatchObject({ paper: 9, fitWidth: 1, fitHeight: 0, fit: true, titles: '$1:$1', orientation: name === SHEETS.audit ? 'portrait' : 'landscape' })
      expect(got[name]!.filter === null).toBe(name === SHEETS.audit)
    }
    expect(got[SHEETS.dispositions]!.margins).toEqual(Array.from({ length: 39 }, () => 'n'))
  })
})

describe('the 历年对比 sheet (--history)', () => {
  it('filters and prints its table, the note under it left out of the filter', async () => {
    const { runCli } = await import('../exports-helpers.js')
    const dir = tempDir()
    const sheet = (rows: Array<[string, number]>): string =>
      ['干部编号,姓名,优秀,称职,基本称职,不称职', ...rows.map(([id, good]) => `${id},${id}姓名,${good >> 1},${good - (good >> 1)},${30 - good},0`)].join('\n')
    writeFileSync(join(dir, '2024.csv'), sheet([['H1', 25], ['H2', 18]]))
    writeFileSync(join(dir, '2025.csv'), sheet([['H1', 18], ['H2', 26]]))
    const r = await runCli(['assess', '--votes', '2025.csv', '--history', '2024.csv', '--out', 'r.xlsx', '-q'], { cwd: dir })
    expect(r.code, r.stderr).toBe(0)
    const parts = unzipText(new Uint8Array(readFileSync(join(dir, 'r.xlsx'))))
    const xml = parts['xl/worksheets/sheet6.xml']!
    expect(parts['xl/workbook.xml']).toContain('name="历年对比"')
    const rows = [...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1]))
    // a header, two rows a cadre (2024, this year), a blank row and the note
    expect(rows.length).toBe(1 + 2 * 2 + 2)
    const ref = /<autoFilter ref="A1:([A-Z]+)(\d+)"\/>/.exec(xml)!
    expect(Number(ref[2])).toBe(5)
    expect(xml).toMatch(/<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"\/>/)
    expect(parts['xl/workbook.xml']).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="5">'历年对比'!$1:$1</definedName>`)
  })
})
