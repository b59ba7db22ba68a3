import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, tempDir } from '../exports-helpers.js'
import { launchChromium, NO_BROWSER, openPage } from '../support/browser.js'

/**
 * The chart's trend of earlier years (SPEC §2.5) in a real browser: beside each cadre's
 * bars, inside the picture and inside the cadre's row, one bar a year at its share against
 * the 2/3 line, the year that crossed a line outlined. Skipped (visibly) only on a machine
 * without chromium outside CI, as html-browser.test.ts is.
 */


/** 30 valid votes a cadre: `good` 优秀 or 称职, the rest 基本称职. */
const sheet = (rows: Array<[string, number]>): string =>
  ['干部编号,姓名,优秀,称职,基本称职,不称职', ...rows.map(([id, good]) => `${id},${id}姓名,${Math.floor(good / 2)},${good - Math.floor(good / 2)},${30 - good},0`)].join('\n')

describe.skipIf(NO_BROWSER)('the trend of earlier years in headless Chromium', () => {
  let browser: Browser
  let file: string
  beforeAll(async () => {
    const dir = tempDir()
    // H1 crosses below the line in 2024 and stays; H2 stays above; H3 comes back above this year.
    writeFileSync(join(dir, '2023.csv'), sheet([['H1', 25], ['H2', 24], ['H3', 15]]))
    writeFileSync(join(dir, '2024.csv'), sheet([['H1', 18], ['H2', 26], ['H3', 16]]))
    writeFileSync(join(dir, '2025.csv'), sheet([['H1', 18], ['H2', 27], ['H3', 22]]))
    file = join(dir, 'r.html')
    const r = await runCli(['assess', '--votes', '2025.csv', '--history', '2023.csv', '--history', '2024.csv', '--out', 'r.html', '-q'], { cwd: dir })
    expect(r.code, r.stderr).toBe(0)
    browser = await launchChromium()
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
  })

  it('draws the years beside the bars, inside the picture and the row, crossed years outlined', async () => {
    const page = await openPage(browser, file, 1200)
    const chart = await page.evaluate(() => {
      const box = pageBox
      const svg = document.querySelector('svg.chart')!
      return {
        svg: box(svg),
        plot: box(svg.querySelector('rect.plot')!),
        marks: [...svg.querySelectorAll('g.mark')].map((g) => {
          const trend = g.querySelector('g.trend')!
          return {
            id: g.getAttribute('data-id'),
            bar: box(g.querySelector('rect.bar')!),
            plot: box(trend.querySelector('rect.trend-plot')!),
            line: box(trend.querySelector('line.trend-line')!),
            years: [...trend.querySelectorAll('rect.trend-bar')].map((b) => ({
              year: b.getAttribute('data-year'),
              cls: b.getAttribute('class'),
              stroke: getComputedStyle(b).stroke,
              ...box(b),
            })),
          }
        }),
      }
    })
    expect(chart.marks.map((m) => m.id)).toEqual(['H1', 'H2', 'H3'])
    for (const m of chart.marks) {
      // right of the plot (the values are on the name line above the bars), inside the picture, in the cadre's row
      expect(m.plot.x).toBeGreaterThan(chart.plot.x + chart.plot.width + 8)
      expect(m.plot.x + m.plot.width).toBeLessThanOrEqual(chart.svg.x + chart.svg.width)
      expect(Math.abs(m.plot.y - m.bar.y)).toBeLessThan(12)
      expect(m.years.map((y) => y.year)).toEqual(['2023', '2024', '2025'])
      for (const y of m.years) {
        expect(y.x).toBeGreaterThanOrEqual(m.plot.x)
        expect(y.y + y.height).toBeLessThanOrEqual(m.plot.y + m.plot.height + 0.5)
      }
      // the 2/3 line a third of the way down the trend
      expect(Math.abs((m.line.y - m.plot.y) / m.plot.height - 1 / 3)).toBeLessThan(0.06)
    }
    const [h1, h2, h3] = chart.marks
    // H1: 25 → 18 (crossed, fired) → 18 (fired); heights follow the shares.
    expect(h1!.years.map((y) => y.cls)).toEqual(['trend-bar', 'trend-bar fired crossed', 'trend-bar fired now'])
    expect(h1!.years[0]!.height).toBeGreaterThan(h1!.years[1]!.height)
    expect(h1!.years[1]!.stroke).toBe('rgb(198, 40, 40)')
    expect(h1!.years[0]!.stroke).toBe('none')
    expect(h2!.years.every((y) => !y.cls!.includes('crossed') && !y.cls!.includes('fired'))).toBe(true)
    // H3 comes back above the line this year: the crossing is on this year's bar.
    expect(h3!.years[2]!.cls).toBe('trend-bar crossed now')
    await page.close()
  })
})
