import { writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReportDoc } from '../../src/output/report.js'
import { runCli, SAMPLE_ARGS, tempDir } from '../exports-helpers.js'
import { type Box, launchChromium, NO_BROWSER, openPage } from '../support/browser.js'
import { pageObjects, pdfPages } from '../support/pdf.js'

/**
 * The HTML report's layout in a real browser (Debian's chromium, headless): at 1400 and at
 * 390 px wide nothing overflows the page and the chart's text stays readable and apart; its
 * legend names every rule of the policy; printed to A4 it starts on page 1, prints no blank
 * page and no scrollbar, and a report of 10,000 cadres stays a document a clerk can print.
 * Skipped (visibly) only on a machine without chromium outside CI, as html-browser.test.ts is.
 */


const ALL_SAMPLES = [...SAMPLE_ARGS, '--reports', 'samples/reports-wide.csv', '--reports', 'samples/reports-long.xlsx', '--findings', 'samples/findings.csv']

/**
 * 10,000 cadres of one count sheet, 60 valid votes each: most well above both lines; every
 * 97th short of 2/3, every 211th exactly at 2/3 (borderline), every 331st over 1/3 不称职.
 */
const bigSheet = (): string => {
  const rows = ['干部编号,姓名,单位,职务,优秀,称职,基本称职,不称职']
  for (let i = 1; i <= 10_000; i++) {
    let good = 50 + (i % 9)
    let bad = i % 3
    if (i % 97 === 0) good = 35
    if (i % 211 === 0) good = 40
    if (i % 331 === 0) [good, bad] = [30, 21]
    rows.push(`C${String(i).padStart(5, '0')},干部${i},第${(i % 40) + 1}单位,职务${i % 5},${good >> 1},${good - (good >> 1)},${60 - good - bad},${bad}`)
  }
  return `${rows.join('\n')}\n`
}

/** A PNG's width and height, from its IHDR chunk. */
const pngSize = (png: Buffer): [number, number] => [png.readUInt32BE(16), png.readUInt32BE(20)]

describe.skipIf(NO_BROWSER)('the HTML report laid out and printed in headless Chromium', () => {
  let browser: Browser
  let dir: string
  const reports: Record<'zh' | 'en' | 'big', { file: string; doc: ReportDoc }> = {} as never

  beforeAll(async () => {
    dir = tempDir()
    const { ROOT } = await import('../exports-helpers.js')
    writeFileSync(join(dir, 'big.csv'), bigSheet())
    const runs: Array<[keyof typeof reports, string[]]> = [
      ['zh', ALL_SAMPLES],
      ['en', [...ALL_SAMPLES, '--lang', 'en']],
      ['big', ['--votes', join(dir, 'big.csv')]],
    ]
    for (const [name, args] of runs) {
      const file = join(dir, `${name}.html`)
      const r = await runCli(['assess', ...args, '--out', file, '--out', join(dir, `${name}.json`), '-q'], { cwd: ROOT })
      expect(r.code, r.stderr).toBe(0)
      reports[name] = { file, doc: JSON.parse(await readFile(join(dir, `${name}.json`), 'utf8')) as ReportDoc }
    }
    browser = await launchChromium()
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
  })

  const open = async (name: keyof typeof reports, width: number): Promise<Page> => {
    return openPage(browser, reports[name].file, width)
  }

  /** What the layout checks read of the page: overflow, and the chart's first part. */
  const measure = (page: Page) =>
    page.evaluate(() => {
      const box = pageBox
      const svg = document.querySelector('svg.chart')!
      return {
        scrollWidth: document.documentElement.scrollWidth,
        bodyScrollWidth: document.body.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        svgs: [...document.querySelectorAll('svg.chart')].map(box),
        plot: box(svg.querySelector('rect.plot')!),
        rows: [...svg.querySelectorAll('g.mark')].map((g) => ({
          label: box(g.querySelector('text.label')!),
          values: g.querySelector('text.values') ? box(g.querySelector('text.values')!) : g.querySelector('text.nodata') ? box(g.querySelector('text.nodata')!) : null,
        })),
        lineLabels: [...svg.querySelectorAll('text.threshold-label')].map(box),
        lines: [...svg.querySelectorAll('line.threshold')].map((l) => ({ ...box(l), stroke: getComputedStyle(l).strokeWidth })),
        legend: [...document.querySelectorAll('ul.legend li')].map((li) => ({ rule: li.getAttribute('data-rule'), text: li.textContent ?? '' })),
        text: document.body.innerText,
      }
    })

  for (const name of ['zh', 'en', 'big'] as const) {
    for (const width of [1400, 390]) {
      it(`${name} at ${width} px: no horizontal overflow, the chart's text readable and apart, its lines visible`, async () => {
        const page = await open(name, width)
        const png = await page.screenshot({ path: join(dir, `${name}-${width}.png`) })
        expect(pngSize(png)).toEqual([width, 900])
        const m = await measure(page)
        expect(m.scrollWidth).toBeLessThanOrEqual(m.clientWidth)
        expect(m.bodyScrollWidth).toBeLessThanOrEqual(m.clientWidth)
        expect(m.clientWidth).toBe(width)
        for (const s of m.svgs) expect(s.x + s.width).toBeLessThanOrEqual(width)
        // scaled to the page: nearly its width on a phone, at most 640 px on a desktop
        if (width === 390) expect(m.svgs[0]!.width).toBeGreaterThan(340)
        else expect(m.svgs[0]!.width).toBeLessThanOrEqual(640)
        expect(m.rows.length).toBeGreaterThan(3)
        for (const r of m.rows) {
          // a name at least 9 px high, and never under its values
          expect(r.label.height).toBeGreaterThanOrEqual(9)
          if (r.values !== null) expect(r.label.x + r.label.width).toBeLessThanOrEqual(r.values.x)
        }
        // the rows one under another
        for (let i = 1; i < m.rows.length; i++) expect(m.rows[i]!.label.y).toBeGreaterThanOrEqual(m.rows[i - 1]!.label.y + m.rows[i - 1]!.label.height)
        // line labels inside the picture, apart from one another
        const svg = m.svgs[0]!
        for (const t of m.lineLabels) {
          expect(t.x).toBeGreaterThanOrEqual(svg.x - 0.5)
          expect(t.x + t.width).toBeLessThanOrEqual(svg.x + svg.width + 0.5)
          expect(t.y).toBeGreaterThanOrEqual(svg.y - 0.5)
        }
        const ys = m.lineLabels.map((t) => [t.y, t.y + t.height] as const).sort((a, b) => a[0] - b[0])
        for (let i = 1; i < ys.length; i++) expect(ys[i]![0]).toBeGreaterThanOrEqual(ys[i - 1]![1] - 1)
        // both lines drawn, at least a pixel wide whatever the scale, inside the plot
        expect(m.lines).toHaveLength(2)
        for (const l of m.lines) {
          expect(Number.parseFloat(l.stroke)).toBeGreaterThanOrEqual(1)
          expect(l.height).toBeGreaterThan(m.plot.height * 0.9)
          expect(l.x).toBeGreaterThan(m.plot.x)
          expect(l.x).toBeLessThan(m.plot.x + m.plot.width)
        }
        await page.close()
      })
    }
  }

  it('has a legend naming every share rule of the policy, in the language, and no rule id in the Chinese text', async () => {
    for (const name of ['zh', 'en'] as const) {
      const page = await open(name, 1400)
      const m = await measure(page)
      const rules = reports[name].doc.policy.shareRules
      expect(m.legend.filter((l) => l.rule !== null).map((l) => l.rule).sort()).toEqual(rules.map((r) => r.id).sort())
      // a swatch for each bar, plain and fired, each line, the borderline mark and no data
      expect(m.legend.length).toBe(2 * 2 + rules.length + 2)
      if (name === 'zh') {
        expect(m.legend.find((l) => l.rule === 'item9-unfit')!.text).toContain('不胜任')
        expect(m.text).not.toMatch(/item\d+-[a-z]/)
      } else expect(m.legend.find((l) => l.rule === 'item9-unfit')!.text).toContain('Unfit')
      await page.close()
    }
  })

  it('charts only the cadres needing action or borderline in a report of 10,000, summarises the rest, folds the table', async () => {
    const { doc } = reports.big
    const page = await open('big', 1400)
    const marks = await page.locator('svg.chart g.mark').count()
    const must = doc.cadres.filter((c) => (c.disposition !== null && c.disposition.code !== 'none') || c.checks.some((k) => k.borderline || (k.fired && k.computation.kind === 'share')))
    expect(doc.cadres).toHaveLength(10_000)
    expect(marks).toBe(must.length)
    expect(marks).toBeLessThan(400)
    const ids = await page.locator('svg.chart g.mark').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-id')))
    expect(ids).toEqual(must.map((c) => c.id))
    // the band counts of the rest add up to the cadres not charted
    const bands = await page.locator('table.bands td').allInnerTexts()
    expect(bands.map(Number).reduce((a, b) => a + b, 0)).toBe(10_000 - must.length)
    // every cadre still in the table, folded away
    expect(await page.locator('details.all-cadres tbody tr').count()).toBe(10_000)
    expect(await page.locator('details.all-cadres').getAttribute('open')).toBeNull()
    await page.close()
  })

  for (const [name, maxPages] of [['zh', 16], ['en', 16], ['big', 60]] as const) {
    it(`${name} prints to A4 in at most ${maxPages} pages, none blank, page 1 holding the summary and the chart's first part`, async () => {
      // laid out as on paper: A4 less the page margins (186 mm = 703 px) wide
      const page = await open(name, 703)
      await page.emulateMedia({ media: 'print' })
      // printed, nothing scrolls and each part of the chart fits a page (269 mm = 1017 px high)
      const printed = await page.evaluate(() => ({
        scrolling: [...document.querySelectorAll('*')].filter((e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth).length,
        parts: [...document.querySelectorAll('svg.chart')].map((s) => s.getBoundingClientRect().height),
        cards: [...document.querySelectorAll('article.cadre')].map((a) => getComputedStyle(a).breakInside),
        firstPart: ((b: Box) => b.y + b.height)(document.querySelector('svg.chart')!.getBoundingClientRect()),
      }))
      // the first part of the chart ends within the first page: nothing pushes it to page 2
      expect(printed.firstPart).toBeLessThan(1017)
      expect(printed.scrolling).toBe(0)
      for (const h of printed.parts) expect(h).toBeLessThan(1017)
      expect(new Set(printed.cards)).toEqual(new Set(['avoid']))
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true })
      const pages = pdfPages(pdf)
      expect(pages.length).toBe(pageObjects(pdf))
      expect(pages.length).toBeGreaterThan(1)
      expect(pages.length).toBeLessThanOrEqual(maxPages)
      for (const p of pages) expect(p.texts, `page object ${p.object} shows no text`).toBeGreaterThan(0)
      expect(pages[0]!.texts).toBeGreaterThan(50)
      await page.close()
    })
  }
})
