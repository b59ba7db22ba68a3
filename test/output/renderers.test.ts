import readXlsxFile from 'read-excel-file/node'
import { beforeAll, describe, expect, it } from 'vitest'
import type { RunResult } from '../../src/commands/common.js'
import { CHART, xOf } from '../../src/output/chart.js'
import { formatOf, renderOutput } from '../../src/output/formats.js'
import { renderHtml } from '../../src/output/html.js'
import { mdText, renderMarkdown } from '../../src/output/markdown.js'
import type { CadreDoc, ReportDoc } from '../../src/output/report.js'
import { SHEETS } from '../../src/output/xlsx.js'
import { fixZipTimestamps } from '../../src/output/zip-dates.js'
import { exportLabels } from '../../src/i18n/export-labels.js'
import { assessFiles, cloneDoc, OWASP_PAYLOADS, renderContext, sampleRun, unzipText } from '../exports-helpers.js'

let run: RunResult
beforeAll(async () => {
  run = await sampleRun()
})

const cadre = (doc: ReportDoc, id: string): CadreDoc => doc.cadres.find((c) => c.id === id)!

/** An item-5 finding as the personal-matter rules will add it: the renderers must list it as they find it. */
const withPersonalFinding = (doc: ReportDoc): ReportDoc => {
  const d = cloneDoc(doc)
  const c = cadre(d, 'XJ013')
  c.findings.push({ rule: 'item5-report-missing', item: 5, computation: { kind: 'report' }, margin: null, marginText: null, borderline: false, text: '第5项：应报告而未报告个人有关事项（测试）' })
  c.disposition = { ...c.disposition!, code: 'admonishment', label: '诫勉', basis: ['item5-report-missing'] }
  return d
}

describe('formatOf', () => {
  it.each([
    ['a.json', 'json'],
    ['a.CSV', 'csv'],
    ['dir.v2/结果.xlsx', 'xlsx'],
    ['a.md', 'md'],
    ['a.html', 'html'],
    ['a.htm', undefined],
    ['a.txt', undefined],
    ['a', undefined],
    ['a.xlsx.bak', undefined],
  ])('%s → %s', (path, format) => expect(formatOf(path)).toBe(format))
})

describe('chart geometry', () => {
  it('places shares by integer division of the plot width', () => {
    expect(xOf(0, 60)).toBe(CHART.plotLeft)
    expect(xOf(60, 60)).toBe(CHART.plotLeft + CHART.plotWidth)
    expect(CHART.plotWidth).toBe(444)
    expect(xOf(2, 3)).toBe(CHART.plotLeft + 296)
    expect(xOf(1, 3)).toBe(CHART.plotLeft + 148)
    // 39 × 444 / 60 = 288.6, floored
    expect(xOf(39, 60)).toBe(CHART.plotLeft + 288)
    // a narrower plot (the trend beside it) divides its own width
    expect(xOf(2, 3, 294)).toBe(CHART.plotLeft + 196)
    // shares are clamped into the plot
    expect(xOf(70, 60)).toBe(CHART.plotLeft + CHART.plotWidth)
    expect(xOf(5, 0)).toBe(CHART.plotLeft)
  })

  it('draws the lines from the policy in the document, not from literals', () => {
    const d = cloneDoc(run.doc)
    d.policy.shareRules = d.policy.shareRules.map((r) => ({ ...r, share: r.id === 'item9-unfit' ? '3/4' : '1/4' }))
    const html = renderHtml(d, run.dict, exportLabels('zh'))
    expect(html).toMatch(new RegExp(`class="threshold unfit"[^>]*data-share="3/4" x1="${CHART.plotLeft + 333}"`))
    expect(html).toMatch(new RegExp(`class="threshold incompetent"[^>]*data-share="1/4" x1="${CHART.plotLeft + 111}"`))
  })
})

describe('HTML', () => {
  it('is one self-contained file: no script, no external reference, a CSP that forbids fetching', () => {
    const html = renderHtml(run.doc, run.dict, exportLabels('zh'))
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i)
    expect(html).not.toMatch(/(src|href)=/i)
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'`)
    expect(html).toContain('@media print')
  })

  it('has one chart mark per cadre and the audit block', () => {
    const html = renderHtml(run.doc, run.dict, exportLabels('zh'))
    expect(html.match(/<g class="mark[ "]/g)).toHaveLength(run.doc.cadres.length)
    expect(html.match(/<g class="mark no-data"/g)).toHaveLength(1) // XJ040: no votes
    expect(html).toContain(run.doc.policy.sha256)
    for (const i of run.doc.inputs) expect(html).toContain(i.sha256)
  })

  it('escapes every text from the data', () => {
    const d = cloneDoc(run.doc)
    cadre(d, 'XJ004').name = '<script>alert(1)</script>'
    cadre(d, 'XJ004').unit = '"><img src=x onerror=alert(1)>'
    const html = renderHtml(d, run.dict, exportLabels('zh'))
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })

  it('lists findings of any rule, generically, with margins', () => {
    const d = withPersonalFinding(run.doc)
    const html = renderHtml(d, run.dict, exportLabels('zh'))
    expect(html).toContain('data-rule="item5-report-missing"')
    expect(html).toContain('第5项：应报告而未报告个人有关事项（测试）')
    expect(html).toContain('再多 1 票优秀或称职即不触发') // XJ004's margin
  })
})

describe('Markdown', () => {
  it('puts the summary first, then each cadre needing action with rationale and margin', () => {
    const md = renderMarkdown(run.doc, run.dict, exportLabels('zh'))
    const summary = md.indexOf('## 汇总')
    const acting = run.doc.cadres.filter((c) => c.disposition !== null && c.disposition.code !== 'none').length
    expect(acting).toBe(10) // 8 by the votes and item 3, XJ014 by item 5 (no 述职述廉), XJ040 without vote data
    const action = md.indexOf(`## 需要处置的干部（${acting}）`)
    expect(summary).toBeGreaterThan(0)
    expect(action).toBeGreaterThan(summary)
    expect(md).toContain('### XJ004 刘志强 — 组织调整')
    expect(md).toContain('  - 边距：再多 1 票优秀或称职即不触发（临界）')
    expect(md).toContain('| XJ040 | 魏晓东 |')
    expect(md).toContain('| 政策版本 | 1.0.0 |') // no line starts inside a cell: nothing to escape
    expect(md).toContain(run.doc.policy.sha256)
  })

  it('lists item-5 findings in 个人事项 as the other rules add them', () => {
    const md = renderMarkdown(withPersonalFinding(run.doc), run.dict, exportLabels('zh'))
    const personal = md.slice(md.indexOf('## 个人事项'))
    expect(personal).toContain('| XJ013 | 何秀英 | 县自然资源局 | 应报告而未报告个人有关事项 | 第5项：应报告而未报告个人有关事项（测试） |')
  })

  it.each([
    ['**bold** _it_ `code`', '\\*\\*bold\\*\\* \\_it\\_ \\`code\\`'],
    ['[link](http://x)', '\\[link\\](http://x)'],
    ['a|b', 'a\\|b'],
    ['<img src=x>', '\\<img src=x>'],
    ['# heading', '\\# heading'],
    ['> quote', '\\> quote'],
    ['- item', '\\- item'],
    ['1. item', '1\\. item'],
    ['line\nbreak', 'line break'],
    ['39/60 < 2/3', '39/60 < 2/3'],
    ['&amp;', '\\&amp;'],
  ])('mdText(%j) = %j', (input, out) => expect(mdText(input)).toBe(out))
})

describe('XLSX', () => {
  it('has the five sheets of SPEC §4 with Chinese headers and the same numbers as the JSON', async () => {
    const bytes = await renderOutput('xlsx', run.doc, renderContext(run))
    const sheets = await readXlsxFile(Buffer.from(bytes))
    expect(sheets.map((s) => s.sheet)).toEqual(['处置建议', '测评统计', '个人事项', '数据问题', '审计信息'])
    const tally = sheets.find((s) => s.sheet === SHEETS.tally)!.data
    expect(tally[0]!.slice(0, 10)).toEqual(['编号', '姓名', '单位', '职务', '优秀', '称职', '基本称职', '不称职', '弃权', '无效'])
    const row = tally.find((r) => r[0] === 'XJ006')!
    expect(row.slice(4, 10)).toEqual([8, 25, 6, 21, 0, 0])
    const personal = sheets.find((s) => s.sheet === SHEETS.personal)!.data
    // Headers, then one row per item-5 finding: the roster's 述职述廉 否 for XJ014.
    const item5 = run.doc.cadres.flatMap((c) => c.findings.filter((f) => f.item === 5).map(() => c.id))
    expect(item5).toEqual(['XJ014'])
    expect(personal).toHaveLength(1 + item5.length)
    expect(personal[1]![0]).toBe('XJ014')
  })

  it('freezes the header row, sets widths and highlights dispositions', async () => {
    const files = unzipText(await renderOutput('xlsx', run.doc, renderContext(run)))
    for (let i = 1; i <= 5; i++) {
      const xml = files[`xl/worksheets/sheet${i}.xml`]!
      expect(xml).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/)
      expect(xml).toMatch(/<col [^>]*width="/)
      expect(xml).not.toContain('<f>') // no formula cell, ever
    }
    expect(files['xl/styles.xml']).toContain('FFC7CE') // dismissal
    expect(files['xl/styles.xml']).toContain('FFEB9C') // adjustment
  })

  it('lists item-5 findings in 个人事项', async () => {
    const d = withPersonalFinding(run.doc)
    const sheets = await readXlsxFile(Buffer.from(await renderOutput('xlsx', d, renderContext(run))))
    const personal = sheets.find((s) => s.sheet === SHEETS.personal)!.data
    expect(personal[1]!.slice(0, 7)).toEqual(['XJ013', '何秀英', '县自然资源局', '局长', '应报告而未报告个人有关事项', 'item5-report-missing', 5])
  })

  it('gives identical bytes on every render (no clock in the zip)', async () => {
    const a = await renderOutput('xlsx', run.doc, renderContext(run))
    await new Promise((r) => setTimeout(r, 2100)) // the DOS clock ticks in 2-second steps
    const b = await renderOutput('xlsx', run.doc, renderContext(run))
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true)
  })

  it('fixZipTimestamps dates every entry 1980-01-01 00:00, in both headers', async () => {
    const bytes = await renderOutput('xlsx', run.doc, renderContext(run))
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    let central = 0
    let local = 0
    for (let i = 0; i + 4 <= bytes.length; i++) {
      const sig = v.getUint32(i, true)
      if (sig === 0x02014b50) {
        central++
        expect([v.getUint16(i + 12, true), v.getUint16(i + 14, true)]).toEqual([0, 0x21])
      } else if (sig === 0x04034b50) {
        local++
        expect([v.getUint16(i + 10, true), v.getUint16(i + 12, true)]).toEqual([0, 0x21])
      }
    }
    expect(central).toBe(16)
    expect(local).toBe(16)
    expect(() => fixZipTimestamps(new Uint8Array(100))).toThrow(/not a zip/)
  })
})

describe('formula injection (OWASP payloads in names and units)', () => {
  const poisoned = (): ReportDoc => {
    const d = cloneDoc(run.doc)
    OWASP_PAYLOADS.forEach((p, i) => {
      const c = d.cadres[i]!
      c.name = p
      c.unit = p
      c.post = `${p} post`
    })
    return d
  }

  it('CSV: every payload comes out behind an apostrophe', async () => {
    const text = new TextDecoder().decode(await renderOutput('csv', poisoned(), renderContext(run)))
    for (const p of OWASP_PAYLOADS) {
      // Quoted where a comma, quote, line break, semicolon or tab could split it (csv.ts).
      const quoted = /[",;\t\r\n]/.test(`'${p}`) ? `"'${p.replace(/"/g, '""')}"` : `'${p}`
      expect(text).toContain(`,${quoted},${quoted},`)
    }
    // no line of the file starts a cell with a formula character
    for (const line of text.split('\r\n')) for (const cell of line.split(/[,;]/)) expect(cell).not.toMatch(/^[=+\-@]/)
  })

  it('XLSX: every payload is a text cell behind an apostrophe, never a formula', async () => {
    const bytes = await renderOutput('xlsx', poisoned(), renderContext(run))
    const sheets = await readXlsxFile(Buffer.from(bytes))
    for (const name of [SHEETS.dispositions, SHEETS.tally]) {
      const data = sheets.find((s) => s.sheet === name)!.data
      OWASP_PAYLOADS.forEach((p, i) => {
        const row = data[i + 1]!
        expect([row[1], row[2]]).toEqual([`'${p}`, `'${p}`])
        expect(String(row[3])).toMatch(/^'/)
      })
    }
    for (const [name, xml] of Object.entries(unzipText(bytes))) if (name.startsWith('xl/worksheets/')) expect(xml).not.toContain('<f>')
  })
})

describe('tally documents', () => {
  it('render in every format without dispositions', async () => {
    const t = await assessFiles(['samples/votes-long.csv'], null, { command: 'tally' })
    for (const f of ['json', 'csv', 'xlsx', 'md', 'html'] as const) {
      const bytes = await renderOutput(f, t.doc, renderContext(t))
      expect(bytes.length).toBeGreaterThan(100)
    }
    const md = new TextDecoder().decode(await renderOutput('md', t.doc, renderContext(t)))
    expect(md).toContain('# 干部考核测评统计')
    expect(md).not.toContain('需要处置的干部')
  })
})

describe('English', () => {
  it('uses English words but keeps the sheet names of SPEC §4', async () => {
    const en = await sampleRun('en')
    const sheets = await readXlsxFile(Buffer.from(await renderOutput('xlsx', en.doc, renderContext(en, 'en'))))
    expect(sheets.map((s) => s.sheet)).toEqual(Object.values(SHEETS))
    expect(sheets[0]!.data[0]!.slice(0, 2)).toEqual(['ID', 'Name'])
    const html = renderHtml(en.doc, en.dict, exportLabels('en'))
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('Vote shares against the lines of item 9')
  })
})
