/**
 * What the Chromium tests share: where the browser is, when its absence skips a test (only
 * outside CI, visibly), how it is launched, the few page globals their `page.evaluate`
 * callbacks use (the project's lib has no DOM types), and `pageBox`, the one measuring
 * function those callbacks call, installed in every page `openPage` opens.
 */
import { existsSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { type Browser, chromium, type Page } from 'playwright-core'

export const CHROMIUM = process.env.KAOHE_CHROMIUM ?? '/usr/bin/chromium'
export const IN_CI = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false' && process.env.CI !== '0'
export const HAVE_CHROMIUM = existsSync(CHROMIUM)
/** No browser on a machine outside CI: the test is skipped (in CI a missing browser fails). */
export const NO_BROWSER = !HAVE_CHROMIUM && !IN_CI

/** Headless Debian chromium, no sandbox (containers), no GPU. */
export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] })

/** A rectangle as the page lays it out, in CSS pixels. */
export interface Box {
  x: number
  y: number
  width: number
  height: number
}

/** An element, as far as the tests read it. */
export interface PageElement {
  getBoundingClientRect(): Box
  getAttribute(name: string): string | null
  querySelector(selector: string): PageElement | null
  querySelectorAll(selector: string): Iterable<PageElement>
  textContent: string | null
  scrollWidth: number
  clientWidth: number
  innerText: string
}

declare global {
  /** The page's document (inside `page.evaluate` only). */
  const document: PageElement & { documentElement: PageElement; body: PageElement }
  /** The page's computed style of an element (inside `page.evaluate` only). */
  const getComputedStyle: (e: PageElement) => { stroke: string; strokeWidth: string; overflowX: string; breakInside: string; fontSize: string; fill: string }
  /** An element's laid-out rectangle as plain numbers (inside `page.evaluate` of a page `openPage` opened). */
  const pageBox: (e: PageElement) => Box
}

/** Defines `pageBox` in the page, before its own scripts run. */
const installPageBox = (): void => {
  ;(globalThis as unknown as { pageBox: (e: PageElement) => Box }).pageBox = (e) => {
    const r = e.getBoundingClientRect()
    return { x: r.x, y: r.y, width: r.width, height: r.height }
  }
}

/** A new page of the given width (900 px high) showing a file, with `pageBox` in it. */
export const openPage = async (browser: Browser, file: string, width: number): Promise<Page> => {
  const page = await browser.newPage({ viewport: { width, height: 900 } })
  await page.addInitScript(installPageBox)
  await page.goto(pathToFileURL(file).href)
  return page
}
