import { type Mark, MARKS } from '../core/marks.js'
import type { CadreEntry, Collector } from './collector.js'
import { FULL, type LongPieceFacts, type LongSpec, readLongText } from './long-scan.js'
import { grown } from './pair-index.js'
import type { ScannedPiece } from './scan.js'

/**
 * What the long-ballot pre-filter needs of a row, in the collector's terms: the cadre it
 * names by id, whether its name and unit agree with that cadre, its grade, its ballot and
 * voter group by number. Read from its cells as text (an XLSX row, a row csv-parse read)
 * or from a scanned piece's facts (long-scan.ts, on this thread or a worker); the
 * pre-filter that decides is one (votes.ts). null: the row goes to the full checks.
 */
export interface LongFacts {
  entry: CadreEntry
  /** The name cell is empty or the cadre's name. */
  nameSame: boolean
  /** The row gives a unit (or 单位及职务). */
  unitGiven: boolean
  mark: Mark
  ballot: number
  /** The voter group's number, -1 for none. */
  group: number
  /** The post cell's text ('' when empty). */
  post: string
}

/**
 * The cadre a row given as text names by id, as `c.cadres.index(id)` finds it (-1: none
 * yet). Ballots list their cadres in much the same order: the cadre that followed the
 * previous row's last time is tried first (its key compared), which spares most rows a
 * probe of the id table — a cache miss in a table of 100,000 ids. The lane does the same
 * by bytes (long-lane.ts `idOf`). A cadre's key never changes once made, and no two have
 * one: the key compared equal is the one the table would have found.
 */
export class TextIds {
  private next = new Int32Array(1024).fill(-1)

  /**
   * `last`: the cadre of the row before, shared with the byte lane where it reads the same
   * file (long-lane.ts): a quoted row comes between the lane's rows, and the row before it
   * is the lane's. Whatever it holds, a guess is taken only when its key is the row's.
   */
  constructor(
    private readonly c: Collector,
    private readonly last: LastCadre = { index: -1 },
  ) {}

  index(id: string): number {
    const prev = this.last.index
    let i = -1
    if (prev >= 0 && prev < this.next.length) {
      const guess = this.next[prev]!
      if (guess >= 0 && this.c.store.key(guess) === id) i = guess
    }
    if (i < 0) {
      i = this.c.cadres.index(id)
      if (prev >= 0 && i >= 0) {
        if (prev >= this.next.length) this.next = grown(this.next, prev + 1, -1)
        this.next[prev] = i
      }
    }
    this.last.index = i
    return i
  }
}

/** The cadre of the last row whose id was looked up (-1: none, or not known), shared by the readers of one file's rows. */
export interface LastCadre {
  index: number
}

/** The facts of a row given as text (its cadre found by `ids`). */
export const longFactsOfText = (c: Collector, s: LongSpec, parseMark: (cell: string) => Mark | null | undefined, cells: readonly string[], ids: TextIds): LongFacts | null => {
  const t = readLongText(s, parseMark, cells)
  if (t === null) return null
  const index = ids.index(t.id)
  if (index < 0) return null
  const entry = c.store.entry(index)
  return {
    entry,
    nameSame: t.name === '' || t.name === entry.name,
    unitGiven: t.unitGiven,
    mark: t.mark,
    ballot: c.ballotNumber(t.ballot),
    group: t.group === '' ? -1 : c.groupNumber(t.group),
    post: t.post,
  }
}

/** One extractor's numbers (this thread's, or a worker's) and what they stand for here. */
class Source {
  ids: string[] = []
  entries: Array<CadreEntry | undefined> = []
  /** Per id: the name first seen with it, and the cadre's name it was last compared with (and how that came out). */
  names: string[] = []
  private comparedWith: Array<string | undefined> = []
  private same: boolean[] = []

  nameSame(id: number, cadreName: string): boolean {
    if (this.comparedWith[id] !== cadreName) {
      this.comparedWith[id] = cadreName
      this.same[id] = cadreName !== '' && this.names[id] === cadreName
    }
    return this.same[id]!
  }

  ballots: string[] = []
  ballotNo: number[] = []
  groups: string[] = []
  groupNo: number[] = []
  posts: string[] = []
}

/**
 * Scanned pieces' facts in the collector's terms: each extractor's numbers for ids,
 * ballots and voter groups mapped to cadres and the collector's numbers once, when first
 * met (a cadre not known yet: the full checks, until its first row has made it).
 */
export class LongLocals {
  private readonly sources: Source[] = []
  private readonly facts: LongFacts = { entry: undefined as unknown as CadreEntry, nameSame: false, unitGiven: false, mark: 'invalid', ballot: -1, group: -1, post: '' }

  constructor(private readonly c: Collector) {}

  /** Take in the texts a piece's numbers were first given with (once per piece, before its rows). */
  absorb(p: ScannedPiece<LongPieceFacts>): void {
    const s = (this.sources[p.source] ??= new Source())
    const t = p.facts.strings
    for (const x of t.id) s.ids.push(x)
    for (let i = 0; i < t.name.length; i += 2) s.names[t.name[i] as number] = t.name[i + 1] as string
    // Ballots are numbered afresh in each piece.
    s.ballots = t.ballot
    s.ballotNo = []
    for (const x of t.group) s.groups.push(x)
    for (const x of t.post) s.posts.push(x)
  }

  /** The facts of row r (one object, reused: taken before the next row), or null. */
  of(p: ScannedPiece<LongPieceFacts>, r: number): LongFacts | null {
    const f = p.facts
    if (f.kind[r] === FULL) return null
    const s = this.sources[p.source]!
    const id = f.id[r]!
    let entry = s.entries[id]
    if (entry === undefined) {
      entry = this.c.cadres.get(s.ids[id]!)
      if (entry === undefined) return null
      s.entries[id] = entry
    }
    const b = f.ballot[r]!
    let ballot = s.ballotNo[b]
    if (ballot === undefined) ballot = s.ballotNo[b] = this.c.ballotNumber(s.ballots[b]!)
    const g = f.group[r]!
    let group = -1
    if (g >= 0) {
      group = s.groupNo[g] ?? -1
      if (group < 0) group = s.groupNo[g] = this.c.groupNumber(s.groups[g]!)
    }
    const post = f.post[r]!
    const x = this.facts
    x.entry = entry
    // A name given is the one first seen with this id (long-scan.ts): compared with the cadre's once it changes.
    x.nameSame = f.name[r] === 0 || s.nameSame(id, entry.name)
    x.unitGiven = f.unit[r] === 1
    x.mark = MARKS[f.mark[r]!]!
    x.ballot = ballot
    x.group = group
    x.post = post < 0 ? '' : s.posts[post]!
    return x
  }
}
