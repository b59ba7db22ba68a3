/**
 * The byte scanner on worker threads (issue 13): a file read in small pieces by two
 * workers in turn gives what one thread gives — the same tallies, issues, lines and
 * counts — and a duplicate mark whose twin another worker read is still caught, at the
 * later row. Runs against the built modules (`npm run build`): a worker thread loads
 * dist/input/scan-worker.js, not the TypeScript sources.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../helpers.js'

const dist = (p: string): string => join(ROOT, 'dist', p)
const built = existsSync(dist('input/scan-worker.js'))

type Mods = {
  Collector: typeof import('../../src/input/collector.js').Collector
  openDelimited: typeof import('../../src/input/table.js').openDelimited
  readVotes: typeof import('../../src/input/votes.js').readVotes
  builtinPolicy: typeof import('../../src/policy/load.js').builtinPolicy
  encodeGb18030: typeof import('../../src/encoding/gb18030.js').encodeGb18030
}

const load = async (): Promise<Mods> => ({
  Collector: (await import(dist('input/collector.js'))).Collector,
  openDelimited: (await import(dist('input/table.js'))).openDelimited,
  readVotes: (await import(dist('input/votes.js'))).readVotes,
  builtinPolicy: (await import(dist('policy/load.js'))).builtinPolicy,
  encodeGb18030: (await import(dist('encoding/gb18030.js'))).encodeGb18030,
})

async function* inChunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.slice(at, at + size)
}

/** Read one long file with `workers` scan workers and pieces of `pieceBytes`: everything the read gives. */
const readWith = async (m: Mods, bytes: Uint8Array, workers: number, pieceBytes: number) => {
  const c = new m.Collector()
  const policy = m.builtinPolicy('opinion-2009')!.policy
  const t = await m.openDelimited('v.csv', 'csv', inChunks(bytes, 512), { encoding: 'auto', delimiter: null, sheet: null, scan: { on: true, workers, pieceBytes } }, bytes.length)
  await m.readVotes(t, c, policy, { shape: null, sumCounts: false })
  const scanned = t.progress().scanned!
  // The pieces were read by the scanner, and with workers, on them.
  expect(scanned.pieces).toBeGreaterThan(10)
  expect(scanned.onWorkers).toBe(workers === 0 ? 0 : scanned.pieces)
  return { cadres: c.toCadreInputs(), issues: c.issues, counts: [c.rowsRead, c.rowsCounted, c.rowsInIssues, c.blankRows, c.rowsSkipped] }
}

/** Rows over 50 cadres and 200 ballots, with the given extra lines at their places. */
const file = (extra: Map<number, string>, rows = 4000): string => {
  const lines = ['票号,干部编号,姓名,单位,测评等次,测评人类别']
  const grades = ['优秀', '称职', '基本称职', '不称职', '弃权']
  for (let i = 0; i < rows; i++) {
    const ballot = Math.floor(i / 20)
    const cadre = (i % 20) + 20 * (ballot % 3)
    lines.push(`B${ballot},C${cadre},干部${cadre},${i % 7 === 0 ? '"县委办,综合科"' : '县财政局'},${grades[(i * 7) % 5]},${ballot % 2 === 0 ? '县领导' : '中层干部'}`)
    const x = extra.get(i)
    if (x !== undefined) lines.push(x)
  }
  return lines.join('\n') + '\n'
}

describe.skipIf(!built)('scan workers (built modules; skipped before `npm run build`)', () => {
  it('two workers in small pieces give what one thread gives, in UTF-8 and GB18030', async () => {
    const m = await load()
    const text = file(new Map([[1500, '合计,,,,,'], [2500, ''], [3000, '注：本表汇总']]))
    for (const bytes of [Buffer.from(text), Buffer.from(m.encodeGb18030(text))]) {
      const one = await readWith(m, bytes, 0, 4096)
      const two = await readWith(m, bytes, 2, 4096)
      expect(two).toEqual(one)
      expect(one.counts[0]).toBe(4000)
    }
  })

  it('a duplicate mark whose twin another worker read is caught, at the later row', async () => {
    const m = await load()
    // Row 10 (B0, C10) repeated 3,000 rows later, and once more with another grade: pieces
    // of 4 KiB put the twins many pieces apart, on different workers.
    const first = file(new Map()).split('\n')[11]!
    const other = first.replace(/,(优秀|称职|基本称职|不称职|弃权),/, ',无效,')
    const text = file(new Map([[3000, first], [3500, other]]))
    const lines = text.split('\n')
    const twinLine = lines.indexOf(first, 12) + 1
    const otherLine = lines.indexOf(other) + 1
    expect(twinLine).toBeGreaterThan(3000)
    const bytes = Buffer.from(text)
    const one = await readWith(m, bytes, 0, 4096)
    const two = await readWith(m, bytes, 2, 4096)
    expect(two).toEqual(one)
    const dup = two.issues.filter((i) => i.code === 'duplicate-mark')
    expect(dup.map((i) => i.row)).toEqual([twinLine])
    // The third mark, another grade on the same ballot, spoils it: counted as 无效 once.
    const c10 = two.cadres.find((c) => c.id === 'C10')!
    const ref = (await readWith(m, Buffer.from(file(new Map())), 0, 1 << 20)).cadres.find((c) => c.id === 'C10')!
    expect(c10.tally!.invalid).toBe(ref.tally!.invalid + 1)
    expect(otherLine).toBeGreaterThan(twinLine)
  })
})
