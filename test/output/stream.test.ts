import { Chalk } from 'chalk'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runAssessment } from '../../src/commands/common.js'
import { renderCsv } from '../../src/output/csv.js'
import { renderJson } from '../../src/output/json.js'
import { writePieces } from '../../src/output/stream.js'
import { renderTable } from '../../src/output/table.js'
import { terminalDoc } from '../../src/output/terminal.js'
import { ROOT, writeFiles } from '../helpers.js'

const opts = { lang: 'en' as const, format: 'json' as const, quiet: true, color: false, lenient: true, encoding: 'auto', delimiter: undefined, sheet: undefined, policy: undefined }

const both = async (votes: string[], roster: string | null) => {
  const args = { command: 'assess' as const, opts, votes, roster, shape: null, sumCounts: false }
  const out: Record<string, [string, string]> = {}
  for (const format of ['json', 'csv'] as const) {
    const streamed: string[] = []
    const r = await runAssessment(args)
    const s = await r.stream(format, (x) => void streamed.push(x))
    const whole = await runAssessment(args)
    out[format] = [streamed.join(''), format === 'json' ? renderJson(whole.doc) : renderCsv(whole.doc, whole.dict)]
    expect(s.cadres).toBe(whole.doc.cadres.length)
    expect(s.byDisposition).toEqual(whole.assessment.byDisposition)
    for (const level of ['dismissal', 'adjustment', 'admonishment', 'data-incomplete'] as const) {
      expect(s.reaches(level)).toBe(whole.reaches(level))
    }
  }
  // The terminal table, with colours and without.
  for (const level of [0, 1] as const) {
    const streamed: string[] = []
    const s = await (await runAssessment(args)).streamTable(new Chalk({ level }), (x) => void streamed.push(x))
    const whole = await runAssessment(args)
    out[`table-${level}`] = [streamed.join(''), renderTable(terminalDoc(whole.doc), whole.dict, new Chalk({ level }))]
    expect(s.byDisposition).toEqual(whole.assessment.byDisposition)
  }
  return out
}

describe('streamed reports', () => {
  it('equal the whole documents on the samples (roster, three shapes, GB18030)', async () => {
    const s = (f: string) => `${ROOT}samples/${f}`
    const out = await both([s('votes-long.csv'), s('votes-wide-gb18030.csv'), s('votes-counts.csv')], s('roster.csv'))
    for (const [streamed, whole] of Object.values(out)) expect(streamed).toBe(whole)
  })
  it('equal them with no cadre at all, and with issues listed (lenient)', async () => {
    const f = writeFiles({ 'empty.csv': '票号,干部编号,测评等次\n', 'bad.csv': '票号,干部编号,测评等次\nP1,C1,良\n' })
    for (const votes of [[f['empty.csv']!], [f['bad.csv']!]]) {
      for (const [streamed, whole] of Object.values(await both(votes, null))) expect(streamed).toBe(whole)
    }
  })
})

describe('a streamed report to a slow reader', () => {
  it('waits for the reader whenever a write says it is behind, and writes the same bytes', async () => {
    const dir = writeFiles({ 'v.csv': `票号,干部编号,姓名,测评等次\n${Array.from({ length: 3000 }, (_, i) => `P${i % 30},C${String(i).padStart(5, '0')},某${i},称职`).join('\n')}\n` })
    const args = { command: 'tally' as const, opts, votes: [dir['v.csv']!], roster: null, shape: null, sumCounts: false }
    const plain: string[] = []
    await (await runAssessment(args)).stream('json', (x) => void plain.push(x))
    // A reader that is always behind: every write must be followed by a wait before the next.
    const slow: string[] = []
    let waiting = false
    let writesWhileWaiting = 0
    let waits = 0
    await (await runAssessment(args)).stream('json', {
      write: (x) => {
        if (waiting) writesWhileWaiting++
        slow.push(x)
        waiting = true
        return false
      },
      drained: async () => {
        waits++
        await new Promise((r) => setTimeout(r, 1))
        waiting = false
      },
    })
    expect(slow.join('')).toBe(plain.join(''))
    expect(plain.length).toBeGreaterThan(3)
    expect(waits).toBeGreaterThanOrEqual(plain.length - 1)
    expect(writesWhileWaiting).toBeLessThanOrEqual(1)
  })
})

describe('a streamed report to a reader of bytes (writeBytes)', () => {
  const bytesOf = async (pieces: string[]) => {
    const got: Uint8Array[] = []
    let calls = 0
    await writePieces(pieces, {
      write: () => {
        throw new Error('text written to a reader of bytes')
      },
      // Kept as given, not copied: the bytes handed on are the reader's.
      writeBytes: (b) => {
        calls++
        got.push(b)
      },
    })
    return { bytes: Buffer.concat(got), calls }
  }
  it('gets the UTF-8 of the text joined, whatever the pieces: a surrogate pair cut between two, pieces past the buffer, lone surrogates', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('\ud83d', '\ude00', '考核', '')), { maxLength: 30 }),
        fc.nat(3),
        async (pieces, big) => {
          // Now and then a piece bigger than the stream's buffer (32 KB).
          const all = big === 0 ? [...pieces, 'x'.repeat(70_000), '\ud83d', '\ude00'] : pieces
          expect((await bytesOf(all)).bytes.equals(Buffer.from(all.join('')))).toBe(true)
        },
      ),
      { numRuns: 200 },
    )
  })
  it('is handed a report in few large chunks, and its JSON and CSV are the text ones byte for byte', async () => {
    const dir = writeFiles({ 'v.csv': `票号,干部编号,姓名,单位,测评等次,测评人类别\n${Array.from({ length: 6000 }, (_, i) => `P${i % 40},C${String(i % 2000).padStart(5, '0')},某${i % 2000},"县,局",${['优秀', '称职', '不称职'][i % 3]},${['干部', '群众'][i % 2]}`).join('\n')}\n` })
    const args = { command: 'tally' as const, opts, votes: [dir['v.csv']!], roster: null, shape: null, sumCounts: false }
    for (const format of ['json', 'csv'] as const) {
      const text: string[] = []
      await (await runAssessment(args)).stream(format, (x) => void text.push(x))
      const got: Uint8Array[] = []
      await (await runAssessment(args)).stream(format, { write: () => {}, writeBytes: (b) => void got.push(b) })
      const joined = Buffer.from(text.join(''))
      expect(Buffer.concat(got).equals(joined)).toBe(true)
      // Chunks of 16 KB and more: pieces are gathered into large buffers.
      expect(got.length).toBeLessThanOrEqual(Math.ceil(joined.length / 16_000))
    }
  })
})
