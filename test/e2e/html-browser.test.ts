import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type BrowserContext, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReportDoc } from '../../src/output/report.js'
import { runCli, SAMPLE_ARGS, tempDir } from '../exports-helpers.js'
import { CHROMIUM, HAVE_CHROMIUM, IN_CI } from '../support/browser.js'

/**
 * The HTML report opened in a real browser (Debian's `chromium`, headless): the chart must
 * render — one mark per cadre, the two lines of item 9 where the policy puts them — and the
 * page must not touch the network. In CI (CI=true) a missing browser fails this test; only
 * a local run without chromium skips it.
 */

/** The few page globals used in `page.evaluate` (the project's lib has no DOM types). */
interface Element {
  getBoundingClientRect(): { x: number; y: number; width: number; height: number }
  getAttribute(name: string): string | null
  querySelector(selector: string): Element | null
  querySelectorAll(selector: string): Iterable<Element>
}
declare const document: Element
declare const getComputedStyle: (e: Element) => { fill: string }

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

describe('the browser this test needs', () => {
  it.runIf(IN_CI)(`is installed at ${CHROMIUM} (apt-get install chromium)${IN_CI ? '' : ' (skipped: checked in CI only, CI=true; here the browser tests run if it is there)'}`, () => {
    expect(HAVE_CHROMIUM, `chromium is missing at ${CHROMIUM}: CI must install Debian's chromium`).toBe(true)
  })
})

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)('HTML report in headless Chromium', () => {
  let dir: string
  let doc: ReportDoc
  let context: BrowserContext
  const requests: string[] = []
  const pageErrors: string[] = []

  beforeAll(async () => {
    dir = tempDir()
    await mkdir(join(dir, 'out'))
    const cwd = (await import('../exports-helpers.js')).ROOT
    const r = await runCli(['assess', ...SAMPLE_ARGS, '--out', join(dir, 'out/r.html'), '--out', join(dir, 'out/r.json'), '-q'], { cwd })
    expect(r.code).toBe(0)
    doc = JSON.parse(await readFile(join(dir, 'out/r.json'), 'utf8')) as ReportDoc
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1200, height: 900 },
    })
    // Every request the page makes is recorded; anything but the report itself is refused.
    const report = pathToFileURL(join(dir, 'out/r.html')).href
    await context.route('**/*', async (route) => {
      const url = route.request().url()
      requests.push(url)
      if (url === report) await route.continue()
      else await route.abort()
    })
  }, 60_000)

  afterAll(async () => {
    await context?.close()
  })

  const open = async () => {
    const page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(String(e)))
    // a blocked fetch (the CSP) shows here too
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text())
    })
    page.on('request', (r) => requests.push(r.url()))
    await page.goto(pathToFileURL(join(dir, 'out/r.html')).href, { waitUntil: 'load' })
    return page
  }

  it('renders one chart mark per cadre and both lines of item 9 at 2/3 and 1/3, on every part of the chart', async () => {
    const page = await open()
    const parts = await page.evaluate(() => {
      const box = (el: Element) => {
        const r = el.getBoundingClientRect()
        return { x: r.x, y: r.y, width: r.width, height: r.height }
      }
      return [...document.querySelectorAll('svg.chart')].map((svg) => ({
        plot: box(svg.querySelector('rect.plot')!),
        ticks: [...svg.querySelectorAll('text.tick')].length,
        marks: [...svg.querySelectorAll('g.mark')].map((g) => ({
          id: g.getAttribute('data-id'),
          visible: box(g).height > 0,
          good: g.querySelector('rect.bar.good') ? box(g.querySelector('rect.bar.good')!) : null,
          bad: g.querySelector('rect.bar.bad') ? box(g.querySelector('rect.bar.bad')!) : null,
          goodFill: g.querySelector('rect.bar.good') ? getComputedStyle(g.querySelector('rect.bar.good')!).fill : null,
        })),
        lines: [...svg.querySelectorAll('line.threshold')].map((l) => ({ rule: l.getAttribute('data-rule'), share: l.getAttribute('data-share'), ...box(l) })),
      }))
    })
    // the chart is split by rows, each part with its own scale and both lines
    expect(parts.length).toBeGreaterThan(1)
    expect(parts.flatMap((p) => p.marks.map((m) => m.id))).toEqual(doc.cadres.map((c) => c.id))
    for (const part of parts) {
      expect(part.plot.width).toBeGreaterThan(100)
      expect(part.ticks).toBe(5)
      expect(part.marks.every((m) => m.visible)).toBe(true)
      // the two lines, where the policy in the document puts them
      expect(part.lines.map((l) => [l.rule, l.share])).toEqual([
        ['item9-unfit', doc.policy.shareRules.find((r) => r.id === 'item9-unfit')!.share],
        ['item9-incompetent', doc.policy.shareRules.find((r) => r.id === 'item9-incompetent')!.share],
      ])
      const at = (x: number) => (x - part.plot.x) / part.plot.width
      const centre = (l: { x: number; width: number }) => l.x + l.width / 2
      expect(Math.abs(at(centre(part.lines[0]!)) - 2 / 3)).toBeLessThan(1 / part.plot.width + 0.003)
      expect(Math.abs(at(centre(part.lines[1]!)) - 1 / 3)).toBeLessThan(1 / part.plot.width + 0.003)
      for (const l of part.lines) expect(l.height).toBeGreaterThan(part.plot.height * 0.9)
      // each bar as long as its share, to a pixel
      for (const m of part.marks) {
        const c = doc.cadres.find((x) => x.id === m.id)!
        const unfit = c.checks.find((k) => k.rule === 'item9-unfit')
        const inc = c.checks.find((k) => k.rule === 'item9-incompetent')
        if (!unfit) {
          expect(m.good).toBeNull()
          continue
        }
        const share = (k: typeof unfit) => (k.computation.numerator as number) / (k.computation.denominator as number)
        expect(Math.abs(m.good!.width / part.plot.width - share(unfit))).toBeLessThan(1.5 / part.plot.width)
        expect(Math.abs(m.bad!.width / part.plot.width - share(inc!))).toBeLessThan(1.5 / part.plot.width)
        // a fired rule shows in another colour (the inline CSS applied)
        expect(m.goodFill).toBe(unfit.fired ? 'rgb(230, 154, 0)' : 'rgb(108, 177, 111)')
      }
    }
    await page.close()
  })

  it('shows the findings and the audit block, and prints', async () => {
    const page = await open()
    const acting = doc.cadres.filter((c) => c.disposition!.code !== 'none')
    expect(await page.locator('article.cadre').count()).toBe(acting.length)
    expect(await page.locator('#audit').innerText()).toContain(doc.policy.sha256)
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('svg.chart').first().isVisible()).toBe(true)
    const pdf = await page.pdf({ format: 'A4' })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(pdf.length).toBeGreaterThan(10_000)
    await page.close()
  })

  it('made no request but for the report itself, and raised no error', () => {
    const report = pathToFileURL(join(dir, 'out/r.html')).href
    expect(requests.length).toBeGreaterThan(0)
    expect(requests.filter((u) => u !== report)).toEqual([])
    expect(pageErrors).toEqual([])
  })
})
