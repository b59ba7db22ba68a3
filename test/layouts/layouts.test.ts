/**
 * Issue 12, "Must show": every real-world layout of the corpus, in every format, gives the
 * result of the clean table — cadre by cadre (tally, checks with margins, findings,
 * disposition), including the cadres exactly on 2/3 and exactly on 1/3 — and lists the
 * rows it skipped, with no error. In-process runs (the CLI's own code path) for speed.
 */
import { afterAll, describe, expect, it } from 'vitest'
import type { Format, Layout } from '../../scripts/make-layouts.mjs'
import {
  expectItem9Lines,
  expectSameCadres,
  expectSkippedListed,
  LAYOUTS,
  layoutArgs,
  pathsOf,
  referenceOf,
  removeReferences,
  runJson,
} from './support.js'

afterAll(removeReferences)

const cases = LAYOUTS.flatMap((l) => l.formats.flatMap((format) => (l.runs ?? [{ label: '' }]).map((run) => ({ l, format, run }))))

/** Ballot layouts: the skipped rows of paper ballots (one title per ballot) are not asserted one by one. */
const listsSkips = (l: Layout): boolean => !l.id.startsWith('paper-')

describe.each(cases)('$l.id ($format) $run.label', ({ l, format, run }: { l: Layout; format: Format; run: NonNullable<Layout['runs']>[number] }) => {
  it('gives the clean table\'s result, cadre by cadre, and lists what it skipped', async () => {
    const paths = pathsOf(l, format)
    const inputs = run.inputs ? run.inputs(paths[0]!) : paths
    const { doc } = await runJson([...layoutArgs(l, inputs), ...(run.args ?? [])])
    const expected = await referenceOf(l)
    const ref = l.ref
    expectSameCadres(doc, expected, {
      compareIds: !(ref && 'fields' in ref && ref.compareIds === false),
      words: !l.policy,
      ...(run.voted ? { voted: run.voted } : {}),
    })
    if (l.kind === 'votes' && !run.voted) expectItem9Lines(doc)
    if (listsSkips(l) && !run.voted) expectSkippedListed(doc, l, paths)
    else expect(doc.issues.filter((i) => i.severity === 'error')).toEqual([])
    for (const text of run.notices ?? []) expect(doc.issues.some((i) => i.severity === 'notice' && JSON.stringify(i).includes(text)), `a notice names ${text}`).toBe(true)
  })
})
