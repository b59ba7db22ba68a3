import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { type CommonOptions, type RunResult, runAssessment } from '../../src/commands/common.js'
import { hashingSink, renderOutputTo, sha256 } from '../../src/commands/exports.js'
import { exportLabels } from '../../src/i18n/export-labels.js'
import type { Lang } from '../../src/i18n/index.js'
import { renderOutput, type TextFormat } from '../../src/output/formats.js'
import { renderJson } from '../../src/output/json.js'
import { ROOT, tempDir } from '../helpers.js'

/**
 * Issue 13 item 3, one pipeline: every text export (JSON, CSV, Markdown, HTML) streamed from
 * the core's assessments into a sink equals, byte for byte, the same export rendered from the
 * whole document (built by `assess` and `buildReport`, the path `--out` took before), and the
 * hash made while writing is the hash of those bytes.
 */

const optsOf = (lang: Lang): CommonOptions => ({ lang, format: 'json', quiet: true, color: false, lenient: true, encoding: 'auto', delimiter: undefined, sheet: undefined, policy: undefined })

const s = (f: string): string => join(ROOT, 'samples', f)

const samples = (lang: Lang, command: 'assess' | 'tally' = 'assess') =>
  runAssessment({
    command,
    opts: optsOf(lang),
    votes: [s('votes-long.csv'), s('votes-wide-gb18030.csv'), s('votes-counts.csv')],
    roster: command === 'assess' ? s('roster.csv') : null,
    shape: null,
    sumCounts: false,
    scope: command === 'tally' ? 'votes' : 'all',
    ...(command === 'assess' ? { reports: [s('reports-wide.csv'), s('reports-long.xlsx')], findings: s('findings.csv') } : {}),
  })

/** Streamed into a sink that keeps what it is given (as a staged file would), with the sink's hash and length. */
const streamed = async (r: RunResult, format: TextFormat, csvEncoding: 'utf-8' | 'gb18030' = 'utf-8') => {
  const chunks: Uint8Array[] = []
  const sink = hashingSink({ write: (b) => void chunks.push(b.slice()) })
  await renderOutputTo(format, r, { dict: r.dict, labels: exportLabels(r.dict.lang), csvEncoding }, `out.${format}`, sink)
  const { sha256, bytes: length } = sink.done()
  return { bytes: Buffer.concat(chunks), sha256, length, chunks: chunks.length }
}

const whole = (r: RunResult, format: TextFormat, csvEncoding: 'utf-8' | 'gb18030' = 'utf-8') =>
  renderOutput(format, r.doc, { dict: r.dict, labels: exportLabels(r.dict.lang), csvEncoding })

/** A run whose whole document and whole assessment may not be built: only the stream is there to take. */
const streamOnly = (r: RunResult): RunResult =>
  new Proxy(r, {
    get(t, k, receiver) {
      if (k === 'doc' || k === 'assessment') throw new Error(`the whole ${String(k)} was asked for`)
      return Reflect.get(t, k, receiver)
    },
  })

/** The same bytes (compared as bytes, whatever kind of array holds them). */
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.length), Buffer.from(b.buffer, b.byteOffset, b.length)) === 0

const FORMATS: TextFormat[] = ['json', 'csv', 'md', 'html']

describe('streamed --out equals the whole-document rendering', () => {
  for (const lang of ['zh', 'en'] as const) {
    for (const command of ['assess', 'tally'] as const) {
      it(`on the samples (${command}, ${lang}): every text format, byte for byte, hashed as written, without the whole document`, async () => {
        const expected = await samples(lang, command)
        const r = streamOnly(await samples(lang, command))
        for (const format of FORMATS) {
          const got = await streamed(r, format)
          const want = await whole(expected, format)
          expect(same(got.bytes, want), `${format}`).toBe(true)
          expect(got.sha256).toBe(sha256(want))
          expect(got.length).toBe(want.length)
        }
      })
    }
  }

  it('a GB18030 CSV, encoded piece by piece', async () => {
    const r = await samples('zh')
    const got = await streamed(streamOnly(r), 'csv', 'gb18030')
    expect(same(got.bytes, await whole(r, 'csv', 'gb18030'))).toBe(true)
  })

  it('a character GB18030 cannot carry is named with its line, as the whole rendering names it', async () => {
    const dir = tempDir()
    const rows = ['干部编号,姓名,单位,优秀,称职,基本称职,不称职']
    for (let i = 1; i <= 3000; i++) rows.push(`C${String(i).padStart(5, '0')},${i === 2500 ? '张\uE5E5' : '李四'},县局,20,5,3,2`)
    writeFileSync(join(dir, 'counts.csv'), `${rows.join('\n')}\n`)
    const r = await runAssessment({ command: 'tally', opts: optsOf('zh'), votes: [join(dir, 'counts.csv')], roster: null, shape: null, sumCounts: false, scope: 'votes' })
    const err = await streamed(r, 'csv', 'gb18030').catch((e: unknown) => e)
    // Exit 73, naming the file, the character and line 2501 of the CSV (its header is line 1).
    expect(err).toMatchObject({ exitCode: 73, msg: { code: 'output-not-encodable', params: { file: 'out.csv', char: 'U+E5E5', line: 2501 } } })
  })

  it('on a generated count sheet of 4,000 cadres (assess and tally; every disposition, borderline cadres): many pieces, the same bytes', async () => {
    const dir = tempDir()
    const rows = ['干部编号,姓名,单位,优秀,称职,基本称职,不称职,弃权,无效']
    let seed = 2009
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    for (let i = 1; i <= 4000; i++) {
      // Mostly clear cadres; some near each line of item 9, some far below, a few "quoted, names".
      const bad = rand(10) === 0 ? 10 + rand(20) : rand(5)
      const basic = rand(8) === 0 ? 14 + rand(8) : rand(6)
      const good = 30 + rand(20)
      const name = rand(50) === 0 ? `"王,${i}"` : `张${i}`
      rows.push(`K${String(i).padStart(5, '0')},${name},县第${rand(40)}局,${Math.floor(good / 2)},${good - Math.floor(good / 2)},${basic},${bad},${rand(3)},${rand(2)}`)
    }
    writeFileSync(join(dir, 'counts.csv'), `${rows.join('\n')}\n`)
    for (const command of ['assess', 'tally'] as const) {
      const args = { command, opts: optsOf('zh'), votes: [join(dir, 'counts.csv')], roster: null, shape: null, sumCounts: false, scope: command === 'tally' ? ('votes' as const) : ('all' as const) }
      const expected = await runAssessment(args)
      const counts = expected.doc.summary.byDisposition
      if (command === 'assess') expect(Object.values(counts!).filter((n) => n > 0).length).toBeGreaterThanOrEqual(3)
      expect(expected.doc.summary.borderline).toBeGreaterThan(0)
      const r = streamOnly(await runAssessment(args))
      for (const format of FORMATS) {
        const got = await streamed(r, format)
        expect(same(got.bytes, await whole(expected, format)), `${command} ${format}`).toBe(true)
        expect(got.chunks).toBeGreaterThan(10)
      }
    }
  })
})

describe('the manifest hash and the stdout stream', () => {
  it("the result hash is the streamed JSON's, and stdout's JSON the same bytes", async () => {
    const r = await samples('zh')
    const out: string[] = []
    await r.stream('json', (x) => void out.push(x))
    const json = await streamed(r, 'json')
    expect(json.sha256).toBe(sha256(out.join('')))
    expect(json.sha256).toBe(sha256(renderJson((await samples('zh')).doc)))
  })
})

describe('one pipeline, by construction', () => {
  // output/ renders: it never assesses. The core's assessments reach it only through commands/.
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []))
  it.each(files(join(ROOT, 'src/output')).map((f) => relative(ROOT, f)))('%s imports neither assess nor the stream of assessments', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8')
    expect(text).not.toMatch(/^import (?!type )[^\n]*from '\.\.\/core\/assess(ments)?\.js'/m)
    expect(text).not.toMatch(/\bassessCadre\b/)
  })
})
