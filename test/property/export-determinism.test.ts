import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAssessment, type RunResult } from '../../src/commands/common.js'
import { exportLabels } from '../../src/i18n/export-labels.js'
import { OUTPUT_FORMATS, renderOutput } from '../../src/output/formats.js'
import type { ReportDoc } from '../../src/output/report.js'
import { tempDir } from '../exports-helpers.js'

/**
 * SPEC §3/§4: the same inputs in another row order or file order give the same bytes, in
 * every export format. The only thing a shuffled file changes is its own SHA-256 (a
 * fingerprint of its bytes), recorded in `inputs`; everything else must be identical.
 */

const GRADES = ['优秀', '称职', '基本称职', '不称职', '弃权', '无效'] as const

interface Scenario {
  files: Array<{ name: string; header: string; rows: string[] }>
  roster: { name: string; header: string; rows: string[] } | null
}

/** A random but valid set of inputs: long ballots, wide ballots and a count sheet, maybe a roster. */
const scenario = fc
  .record({
    cadres: fc.integer({ min: 2, max: 7 }),
    counted: fc.integer({ min: 0, max: 2 }),
    longBallots: fc.array(fc.array(fc.tuple(fc.nat(6), fc.nat(5), fc.option(fc.nat(5), { nil: undefined })), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 25 }),
    wideBallots: fc.array(fc.array(fc.option(fc.nat(5), { nil: undefined }), { minLength: 7, maxLength: 7 }), { minLength: 0, maxLength: 15 }),
    counts: fc.array(fc.array(fc.nat(20), { minLength: 6, maxLength: 6 }), { minLength: 2, maxLength: 2 }),
    roster: fc.boolean(),
    groups: fc.boolean(),
    names: fc.boolean(),
  })
  .map(({ cadres, counted, longBallots, wideBallots, counts, roster, groups, names }): Scenario => {
    const voted = Array.from({ length: cadres }, (_, i) => `C${i + 1}`)
    const countCadres = Array.from({ length: counted }, (_, i) => `K${i + 1}`)
    const long: string[] = []
    longBallots.forEach((marks, b) => {
      const seen = new Set<number>()
      for (const [c, g, second] of marks) {
        const cadre = c % cadres
        if (seen.has(cadre)) continue // one row per (ballot, cadre), or two with different grades
        seen.add(cadre)
        const group = groups ? `,${b % 2 === 0 ? '甲组' : '乙组'}` : ''
        const id = `C${cadre + 1}${names ? `,干部C${cadre + 1}` : ''}`
        long.push(`L${b + 1},${id},${GRADES[g]}${group}`)
        if (second !== undefined && second !== g) long.push(`L${b + 1},${id},${GRADES[second]}${group}`)
      }
    })
    const wide = wideBallots.map((cells, b) => [`W${b + 1}`, ...voted.map((_, i) => (cells[i] === undefined ? '' : GRADES[cells[i]!]))].join(','))
    const files: Scenario['files'] = [
      { name: 'long.csv', header: `票号,干部编号${names ? ',姓名' : ''},测评等次${groups ? ',测评人类别' : ''}`, rows: long },
    ]
    if (wide.length > 0) files.push({ name: 'wide.csv', header: ['票号', ...voted].join(','), rows: wide })
    if (counted > 0) {
      files.push({
        name: 'counts.csv',
        header: '干部编号,优秀,称职,基本称职,不称职,弃权,无效',
        rows: countCadres.map((k, i) => [k, ...counts[i]!].join(',')),
      })
    }
    const all = [...voted, ...countCadres]
    return {
      files,
      roster: roster ? { name: 'roster.csv', header: '干部编号,姓名,单位,职务,年度考核等次', rows: all.map((id, i) => `${id},干部${id},单位${i % 3},职务,${i % 4 === 3 ? '基本称职' : '称职'}`) } : null,
    }
  })

/** A deterministic permutation from a seed (Fisher–Yates on a small LCG). */
const shuffle = <T>(xs: readonly T[], seed: number): T[] => {
  const a = [...xs]
  let s = seed >>> 0 || 1
  for (let i = a.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    const j = s % (i + 1)
    ;[a[i], a[j]] = [a[j]!, a[i]!]
  }
  return a
}

let root: string
let n = 0
beforeAll(async () => {
  root = tempDir()
})
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

/** Write the scenario into a fresh folder (rows and files in the order given) and run it there. */
const runIn = async (s: Scenario, rowSeed: number | null, fileSeed: number | null): Promise<RunResult> => {
  const dir = join(root, `run-${n++}`)
  await mkdir(dir)
  const order = (rows: string[]) => (rowSeed === null ? rows : shuffle(rows, rowSeed))
  for (const f of [...s.files, ...(s.roster ? [s.roster] : [])]) {
    await writeFile(join(dir, f.name), `${[f.header, ...order(f.rows)].join('\n')}\n`)
  }
  const names = s.files.map((f) => f.name)
  const cwd = process.cwd()
  process.chdir(dir)
  try {
    return await runAssessment({
      command: 'assess',
      opts: { lang: 'zh', format: 'json', quiet: true, color: false, lenient: false, encoding: 'auto', delimiter: undefined, sheet: undefined, policy: undefined },
      votes: fileSeed === null ? names : shuffle(names, fileSeed),
      roster: s.roster?.name ?? null,
      shape: null,
      sumCounts: false,
    })
  } finally {
    process.chdir(cwd)
  }
}

const renderAll = async (r: RunResult, doc: ReportDoc = r.doc): Promise<Record<string, Buffer>> => {
  const ctx = { dict: r.dict, labels: exportLabels('zh'), csvEncoding: 'utf-8' as const }
  const out: Record<string, Buffer> = {}
  for (const f of OUTPUT_FORMATS) out[f] = Buffer.from(await renderOutput(f, doc, ctx))
  return out
}

const expectSameBytes = (a: Record<string, Buffer>, b: Record<string, Buffer>): void => {
  for (const f of OUTPUT_FORMATS) expect(a[f]!.equals(b[f]!), `${f} differs`).toBe(true)
}

describe('exports do not depend on the order of rows or files', () => {
  it('another file order: identical bytes in every format', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, fc.integer({ min: 1 }), async (s, seed) => {
        const base = await runIn(s, null, null)
        const shuffled = await runIn(s, null, seed)
        expectSameBytes(await renderAll(base), await renderAll(shuffled))
      }),
      { numRuns: 25 },
    )
  })

  it('another row order (and file order): identical bytes but for each file’s own SHA-256', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, fc.integer({ min: 1 }), fc.integer({ min: 1 }), async (s, rowSeed, fileSeed) => {
        const base = await runIn(s, null, null)
        const shuffled = await runIn(s, rowSeed, fileSeed)
        const hashes = new Map(base.doc.inputs.map((i) => [i.path, i.sha256]))
        const doc = structuredClone(shuffled.doc)
        for (const i of doc.inputs) i.sha256 = hashes.get(i.path)!
        expect(doc).toEqual(base.doc) // nothing else differs in the document
        expectSameBytes(await renderAll(base), await renderAll(shuffled, doc))
      }),
      { numRuns: 25 },
    )
  })
})
