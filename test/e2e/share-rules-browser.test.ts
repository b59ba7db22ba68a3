import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT, runCli, SAMPLE_ARGS, tempDir } from '../exports-helpers.js'

/**
 * The chart of a policy with three share rules, in a real browser: one line per distinct
 * share where it belongs, every line's label inside the picture, three bars a cadre that
 * stay in the cadre's row. Skipped (visibly) only on a machine without chromium outside CI,
 * as html-browser.test.ts is.
 */
const CHROMIUM = process.env.KAOHE_CHROMIUM ?? '/usr/bin/chromium'
const IN_CI = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false' && process.env.CI !== '0'

interface Box {
  x: number
  y: number
  width: number
  height: number
}
interface Element {
  getBoundingClientRect(): Box
  getAttribute(name: string): string | null
  querySelector(selector: string): Element | null
  querySelectorAll(selector: string): Iterable<Element>
  textContent: string | null
}
declare const document: Element

describe.skipIf(!existsSync(CHROMIUM) && !IN_CI)('a three-rule chart in headless Chromium', () => {
  let browser: Browser
  let file: string
  beforeAll(async () => {
    const dir = tempDir()
    file = join(dir, 'r.html')
    const r = await runCli(['assess', ...SAMPLE_ARGS, '--policy', join(ROOT, 'test/fixtures/policies/local-basic-or-worse.json'), '--out', file, '-q'])
    expect(r.code).toBe(0)
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] })
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
  })

  it('draws each line at its share, labels inside the picture, bars inside their rows', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
    await page.goto(pathToFileURL(file).href)
    const chart = await page.evaluate(() => {
      const box = (e: Element): Box => {
        const r = e.getBoundingClientRect()
        return { x: r.x, y: r.y, width: r.width, height: r.height }
      }
      const svg = document.querySelector('svg.chart')!
      return {
        svg: box(svg),
        plot: box(svg.querySelector('rect.plot')!),
        lines: [...svg.querySelectorAll('line.threshold')].map((l) => ({ share: l.getAttribute('data-share'), ...box(l) })),
        labels: [...svg.querySelectorAll('text.threshold-label')].map((t) => ({ text: t.textContent, ...box(t) })),
        // every part of the chart (each an <svg> of its own rows)
        marks: [...document.querySelectorAll('svg.chart g.mark:not(.no-data)')].map((g) => ({ bars: [...g.querySelectorAll('rect.bar')].map(box) })),
      }
    })
    expect(chart.lines.map((l) => l.share)).toEqual(['2/3', '1/2', '1/3'])
    for (const [l, share] of chart.lines.map((l, i) => [l, [2 / 3, 1 / 2, 1 / 3][i]!] as const)) {
      expect(Math.abs((l.x + l.width / 2 - chart.plot.x) / chart.plot.width - share)).toBeLessThan(0.004)
    }
    expect(chart.labels.map((t) => t.text)).toEqual(['优秀+称职 2/3', '基本称职+不称职 1/2', '不称职 1/3'])
    for (const t of chart.labels) {
      expect(t.y).toBeGreaterThanOrEqual(chart.svg.y)
      expect(t.y + t.height).toBeLessThanOrEqual(chart.plot.y + 1)
    }
    // the labels do not overlap one another
    const ys = chart.labels.map((t) => [t.y, t.y + t.height]).sort((a, b) => a[0]! - b[0]!)
    for (let i = 1; i < ys.length; i++) expect(ys[i]![0]).toBeGreaterThanOrEqual(ys[i - 1]![1]! - 1)
    expect(chart.marks.length).toBe(39)
    let last = -Infinity
    for (const m of chart.marks) {
      expect(m.bars).toHaveLength(3)
      const top = Math.min(...m.bars.map((b) => b.y))
      const bottom = Math.max(...m.bars.map((b) => b.y + b.height))
      expect(top).toBeGreaterThanOrEqual(last) // under the row above
      last = bottom
      // bars one under another, not on top of each other
      for (let i = 1; i < 3; i++) expect(m.bars[i]!.y).toBeGreaterThanOrEqual(m.bars[i - 1]!.y + m.bars[i - 1]!.height)
    }
    await page.close()
  })
})
