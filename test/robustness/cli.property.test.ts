/**
 * Property tests over the whole CLI, in-process (`run()` on temp files): generated worlds
 * against an independent oracle, damaged worlds and hostile files against the invariants
 * of SPEC §3, and the order of rows and files.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkProperty, runsFor } from './campaign.js'
import { hostileFileArb, mutationArb, oracle, renderWorld, worldArb, type Mutation, type RenderedFile, type World } from './gen.js'
import { type RunOutcome, runInProcess, tempDir, writeFiles } from './harness.js'
import {
  checkOutcome,
  checkPrototypes,
  checkRowIdentity,
  orderFreeView,
  type PrototypeSnapshot,
  type ReportJson,
  snapshotPrototypes,
} from './invariants.js'

let protos: PrototypeSnapshot
beforeAll(() => {
  protos = snapshotPrototypes()
})
afterAll(() => {
  expect(checkPrototypes(protos)).toEqual([])
})

const args = (files: RenderedFile[], paths: string[], extra: string[]): string[] => {
  const out = ['assess']
  files.forEach((f, i) => out.push(f.role === 'roster' ? '--roster' : '--votes', paths[i]!))
  return [...out, ...extra]
}

/** Write the files, run, clean up. */
const runFiles = async (files: RenderedFile[], extra: string[]): Promise<RunOutcome> => {
  const tmp = tempDir()
  try {
    const paths = writeFiles(tmp.dir, files)
    return await runInProcess(args(files, paths, extra))
  } finally {
    tmp.done()
  }
}

const fail = (problems: string[], o: RunOutcome): void => {
  if (problems.length > 0) throw new Error(`${problems.join('\n')}\n--- stderr ---\n${o.stderr.slice(0, 2000)}`)
}

const parse = (o: RunOutcome): ReportJson => JSON.parse(o.stdout) as ReportJson

const damageArb = (w: World): fc.Arbitrary<Map<number, Mutation[]>> =>
  fc
    .array(fc.tuple(fc.integer({ min: w.roster ? -1 : 0, max: w.files.length - 1 }), mutationArb), { maxLength: 6 })
    .map((xs) => {
      const m = new Map<number, Mutation[]>()
      for (const [f, mu] of xs) m.set(f, [...(m.get(f) ?? []), mu])
      return m
    })

describe('CLI properties (in-process)', () => {
  it('oracle: an undamaged world: exit code and every tally exactly as the oracle says', async () => {
    await checkProperty(
      'oracle',
      fc.asyncProperty(worldArb, async (w) => {
        const files = renderWorld(w)
        const o = await runFiles(files, ['--format', 'json'])
        fail(checkOutcome(o, { allowed: [0, 65] }), o)
        const want = oracle(w)
        if (want.strictExit === null) return // names without a roster: the invariants above only
        expect(o.code, o.stderr).toBe(want.strictExit)
        if (o.code !== 0) {
          expect(o.stderr).toMatch(/票号与干部「.*」的同一等次已计入/)
          return
        }
        const doc = parse(o)
        fail(checkRowIdentity(doc), o)
        expect(doc.summary.rowsRead).toBe(files.reduce((n, f) => n + f.dataRows, 0))
        expect(doc.summary.rowsInIssues).toBe(0)
        const got = new Map(doc.cadres.map((c) => [c.id, c.tally as Record<string, unknown> | null]))
        expect([...got.keys()].sort()).toEqual([...want.tallies.keys()].sort())
        for (const [id, t] of want.tallies) {
          const g = got.get(id)!
          if (t === null) expect(g).toBeNull()
          else expect({ ...t, ...pickKeys(g!, Object.keys(t)) }, `cadre ${id}`).toEqual(t)
        }
      }),
      runsFor(60, 3000),
    )
  })

  it('damage: a damaged world: no crash, no row lost (lenient rows read = counted + in issues), strict agrees', async () => {
    await checkProperty(
      'damage',
      fc.asyncProperty(
        worldArb.chain((w) => fc.tuple(fc.constant(w), damageArb(w))),
        fc.constantFrom('json', 'table', 'csv'),
        async ([w, damage], format) => {
          const files = renderWorld(w, damage)
          const lenient = await runFiles(files, ['--format', 'json', '--lenient'])
          fail(checkOutcome(lenient, { allowed: [0, 65] }), lenient)
          if (lenient.code === 65) {
            // Lenient leaves bad rows out; only a header the damage made unreadable stops it.
            expect(lenient.stderr).toMatch(/表头有误|无法从表头识别|缺少列/)
            return
          }
          const doc = parse(lenient)
          fail(checkRowIdentity(doc), lenient)
          expect(doc.summary.rowsRead, 'rows read').toBe(files.reduce((n, f) => n + f.dataRows, 0))
          const strict = await runFiles(files, ['--format', format])
          fail(checkOutcome(strict, { allowed: [0, 65] }), strict)
          // Strict stops exactly when lenient left rows out (or found other data errors).
          if (doc.summary.rowsInIssues > 0) expect(strict.code).toBe(65)
          if (strict.code === 0 && format === 'table') fail(checkOutcome({ ...strict, stderr: strict.stdout, code: 0 }), strict)
        },
      ),
      runsFor(60, 2500),
    )
  })

  it('order: the order of rows and of files changes no result', async () => {
    await checkProperty(
      'order',
      fc.asyncProperty(
        worldArb.chain((w) =>
          fc.tuple(
            fc.constant(w),
            fc.oneof(fc.constant(new Map<number, Mutation[]>()), damageArb(w)),
            fc.nat(),
          ),
        ),
        async ([w, damage, seed]) => {
          const files = renderWorld(w, damage)
          const shuffled = shuffleFiles(renderWorld(w, damage, (_, rows) => shuffle(rows, seed)), seed)
          // Strict: the same exit code; when it runs, the same document for every cadre.
          const a = await runFiles(files, ['--format', 'json'])
          const b = await runFiles(shuffled, ['--format', 'json'])
          fail(checkOutcome(a, { allowed: [0, 65] }), a)
          fail(checkOutcome(b, { allowed: [0, 65] }), b)
          expect(b.code, `${a.stderr}\n---\n${b.stderr}`).toBe(a.code)
          if (a.code === 0) expect(orderFreeView(parse(b))).toEqual(orderFreeView(parse(a)))
          // Lenient: identical unless two rows conflict (then the one read second is left
          // out); even then, every cadre complete in both orders has the same result.
          const la = await runFiles(files, ['--format', 'json', '--lenient'])
          const lb = await runFiles(shuffled, ['--format', 'json', '--lenient'])
          expect(lb.code).toBe(la.code)
          if (la.code !== 0) return
          const [da, db] = [parse(la), parse(lb)]
          if (!hasConflict(da) && !hasConflict(db)) expect(orderFreeView(db)).toEqual(orderFreeView(da))
          else {
            expect(db.cadres.map((c) => c.id)).toEqual(da.cadres.map((c) => c.id))
            expect(db.summary.rowsRead).toBe(da.summary.rowsRead)
            const complete = (d: ReportJson) => new Map(d.cadres.filter((c) => c.disposition?.code !== 'data-incomplete').map((c) => [c.id, c]))
            const [ca, cb] = [complete(da), complete(db)]
            for (const [id, c] of ca) if (cb.has(id)) expect(cb.get(id), id).toEqual(c)
          }
        },
      ),
      runsFor(40, 1500),
    )
  })

  it('options: hostile option values (prototype keys, control characters, odd delimiters): a usage or data error, never a crash', async () => {
    const value = fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'),
      fc.constantFrom('', ' ', '"', '\n', '\r', '\t', 'tab', '\\t', ';', ',', '\u0000', '\u001b[2J', '=1+1', '-', '--', '-1'),
      fc.constantFrom('zh', 'en', 'json', 'table', 'csv', 'long', 'wide', 'counts', 'auto', 'utf-8', 'gb18030', 'GBK', 'latin1', 'dismissal', 'none', 'withheld', 'opinion-2009'),
      fc.string({ maxLength: 6 }),
    )
    const option = fc.constantFrom('--policy', '--fail-on', '--lang', '--format', '--encoding', '--delimiter', '--votes-format', '--sheet')
    await checkProperty(
      'options',
      fc.asyncProperty(
        fc.array(fc.tuple(option, value), { minLength: 1, maxLength: 3 }),
        fc.constantFrom('assess', 'tally', 'policy-show', 'policy-init'),
        async (opts, command) => {
          const tmp = tempDir()
          try {
            const [votes] = writeFiles(tmp.dir, [{ name: 'v.csv', bytes: new TextEncoder().encode('票号,干部编号,测评等次\nP1,XJ001,优秀\n') }])
            const flat = opts.flatMap(([o, v]) => [`${o}=${v}`])
            const argv =
              command === 'assess'
                ? ['assess', '--votes', votes!, ...flat]
                : command === 'tally'
                  ? ['tally', votes!, ...flat]
                  : command === 'policy-show'
                    ? ['policy', 'show', opts[0]![1]]
                    : ['policy', 'init', tmp.path('p.json'), '--from', opts[0]![1]]
            const o = await runInProcess(argv)
            // A bad option value is a usage error (2); a policy that is not a file or a
            // built-in name is 65/66; a stack trace or 70 is a bug.
            fail(checkOutcome(o, { allowed: [0, 1, 2, 65, 66, 73] }), o)
          } finally {
            tmp.done()
          }
        },
      ),
      runsFor(60, 1500),
    )
  })

  it('hostile: hostile files: a documented exit code, a message, never a crash', async () => {
    await checkProperty(
      'hostile',
      fc.asyncProperty(
        hostileFileArb,
        fc.constantFrom('votes', 'roster', 'tally'),
        fc.constantFrom<string[]>([], ['--lenient'], ['--format', 'json', '--lenient'], ['--encoding', 'gb18030'], ['--encoding', 'utf-8']),
        async (h, role, extra) => {
          const tmp = tempDir()
          try {
            const [p] = writeFiles(tmp.dir, [{ name: 'h.csv', bytes: h.bytes }])
            const ok = writeFiles(tmp.dir, [{ name: 'ok.csv', bytes: new TextEncoder().encode('票号,干部编号,测评等次\nP1,XJ001,优秀\n') }])[0]!
            const argv =
              role === 'tally' ? ['tally', p!, ...extra] : role === 'roster' ? ['assess', '--votes', ok, '--roster', p!, ...extra] : ['assess', '--votes', p!, ...extra]
            const o = await runInProcess(argv)
            fail(checkOutcome(o, { allowed: [0, 65] }), o)
            if (o.code === 0 && extra.includes('json')) fail(checkRowIdentity(parse(o)), o)
          } finally {
            tmp.done()
          }
        },
      ),
      runsFor(80, 2000),
    )
  })
})

/** Issues that pit one row against another: which of the two is left out depends on order. */
const CONFLICTS = new Set(['duplicate-mark', 'group-mismatch', 'duplicate-cadre', 'cadre-in-two-count-files', 'mixed-sources', 'name-mismatch', 'ambiguous-name'])
const hasConflict = (d: ReportJson): boolean => d.issues.some((i) => CONFLICTS.has(i.code))

const pickKeys = (o: Record<string, unknown>, keys: string[]): Record<string, unknown> => Object.fromEntries(keys.map((k) => [k, o[k]]))

/** A seeded Fisher–Yates. */
const shuffle = <T>(xs: readonly T[], seed: number): T[] => {
  const out = [...xs]
  let s = seed | 1
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff
    const j = s % (i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

/** Vote files in another order; the roster stays the roster. */
const shuffleFiles = (files: RenderedFile[], seed: number): RenderedFile[] => [
  ...files.filter((f) => f.role === 'roster'),
  ...shuffle(
    files.filter((f) => f.role === 'votes'),
    seed >> 4,
  ),
]
