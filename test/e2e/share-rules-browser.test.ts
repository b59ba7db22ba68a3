import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT, runCli, SAMPLE_ARGS, tempDir } from '../exports-helpers.js'
import { launchChromium, NO_BROWSER, openPage } from '../support/browser.js'

/**
 * The chart of a policy with three share rules, in a real browser: one line per distinct
 * share where it belongs, every line's label inside the picture, three bars a cadre that
 * stay in the cadre's row. Skipped (visibly) only on a machine without chromium outside CI,
 * as html-browser.test.ts is.
 */


describe.skipIf(NO_BROWSER)('a three-rule chart in headless Chromium', () => {
  let browser: Browser
  let file: string
  beforeAll(async () => {
    const dir = tempDir()
    file = join(dir, 'r.html')
    const r = await runCli(['assess', ...SAMPLE_ARGS, '--policy', join(ROOT, 'test/fixtures/policies/local-basic-or-worse.json'), '--out', file, '-q'])
    expect(r.code).toBe(0)
    browser = await launchChromium()
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
  })

  it('draws each line at its share, labels inside the picture, bars inside their rows', async () => {
    const page = await openPage(browser, file, 1200)
    const chart = await page.evaluate(() => {
      const box = pageBox
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
