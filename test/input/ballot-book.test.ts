import { describe, expect, it } from 'vitest'
import { BallotBook } from '../../src/input/ballot-book.js'

/** Pairs as the pair index hands them over: (cadre, ballot, marks seen). */
const pairsOf = (list: Array<[number, number, number]>) => ({
  forEach: (visit: (cadre: number, ballot: number, state: number) => void) => list.forEach(([c, b, s]) => visit(c, b, s)),
})

describe('BallotBook', () => {
  it('numbers each ballot id and group once', () => {
    const book = new BallotBook()
    expect(book.findBallot('P1')).toBe(-1)
    expect(book.findBallot('P1')).toBe(-1) // asking does not make it
    const p1 = book.ballotNumber('P1')
    const p2 = book.ballotNumber('P2')
    expect([p1, p2]).toEqual([0, 1])
    expect(book.ballotNumber('P1')).toBe(p1)
    expect(book.findBallot('P2')).toBe(p2)
    expect(book.ballotNumber('P3')).toBe(2)
    expect([book.groupNumber('县领导'), book.groupNumber('中层干部'), book.groupNumber('县领导')]).toEqual([0, 1, 0])
    expect(book.groupName(1)).toBe('中层干部')
  })

  it('gives one ballot one group: a second one conflicts, the first stays', () => {
    const book = new BallotBook()
    const b = book.ballotNumber('P1')
    const g = book.groupNumber('县领导')
    expect(book.groupOf(b)).toBe(-1)
    expect(book.fits(b, g)).toBe(true)
    book.assign(b, g)
    expect(book.groupOf(b)).toBe(g)
    expect(book.conflict('P1', '县领导')).toBeNull()
    expect(book.conflict('P1', '中层干部')).toBe('县领导') // a group never seen yet
    expect(book.fits(b, book.groupNumber('中层干部'))).toBe(false)
    expect(book.conflict('P1', '中层干部')).toBe('县领导') // a group seen by now
    expect(book.fits(b, -1)).toBe(true) // a row without a group
    expect(book.conflict('P1', '')).toBeNull()
    expect(book.conflict('P9', '中层干部')).toBeNull() // a ballot never seen
    expect(book.findBallot('P9')).toBe(-1)
  })

  it("takes a left-out row's group unless that group is what is wrong with it", () => {
    const book = new BallotBook()
    book.note('P1', '县领导')
    const p1 = book.findBallot('P1')
    expect(p1).toBeGreaterThanOrEqual(0)
    expect(book.groupName(book.groupOf(p1))).toBe('县领导')
    book.note('P1', '中层干部') // conflicting: the ballot keeps its group
    expect(book.groupName(book.groupOf(p1))).toBe('县领导')
    book.note('P2', '')
    book.note('', '县领导')
    expect(book.findBallot('P2')).toBe(-1)
    expect(book.findBallot('')).toBe(-1)
  })

  it('grows past 1024 ballots, each keeping its group', () => {
    const book = new BallotBook()
    const g = book.groupNumber('服务对象')
    for (let i = 0; i < 5000; i++) expect(book.ballotNumber(`P${i}`)).toBe(i)
    book.assign(1024, g)
    book.assign(4999, g)
    expect([book.groupOf(1023), book.groupOf(1024), book.groupOf(4998), book.groupOf(4999)]).toEqual([-1, g, -1, g])
    expect(book.conflict('P4999', '本单位')).toBe('服务对象')
    expect(book.findBallot('P3000')).toBe(3000)
  })

  it('tallies each pair in its ballot\'s group; forgotten ids leave the numbers', () => {
    const book = new BallotBook()
    const [a, b, c] = ['P1', 'P2', 'P3'].map((id) => book.ballotNumber(id)) as [number, number, number]
    book.assign(a, book.groupNumber('县领导'))
    book.assign(b, book.groupNumber('本单位'))
    // cadre 0: competent on P1, excellent+competent (spoilt: invalid) on P2, excellent on P3 (no group)
    book.tallyGroups(pairsOf([[0, a, 0b10], [0, b, 0b11], [0, c, 0b01], [1, a, 0b1]]), 2)
    expect(book.groupsOf(0).map((x) => [x.group, x.tally.competent, x.tally.invalid, x.tally.excellent])).toEqual([
      ['县领导', 1, 0, 0],
      ['本单位', 0, 1, 0],
    ].sort((x, y) => (x[0]! < y[0]! ? -1 : 1)))
    expect(book.groupsOf(1).map((x) => [x.group, x.tally.excellent])).toEqual([['县领导', 1]])
    book.forgetIds()
    expect(book.findBallot('P1')).toBe(-1)
    expect(book.groupOf(b)).toBe(1)
  })

  it('makes no breakdown when no ballot has a group', () => {
    const book = new BallotBook()
    book.ballotNumber('P1')
    book.tallyGroups(pairsOf([[0, 0, 0b1]]), 1)
    expect(book.groupsOf(0)).toEqual([])
  })
})
