import { describe, expect, it } from 'vitest'
import { run } from '../src/cli.js'
import type { Io } from '../src/commands/common.js'

const capture = (tty: boolean, env: Record<string, string | undefined>) => {
  let out = ''
  let err = ''
  const io: Io = { stdout: (s) => void (out += s), stderr: (s) => void (err += s), stdoutIsTTY: tty, env }
  return { io, out: () => out, err: () => err }
}

const ARGS = ['node', 'kaohe', 'assess', '--votes', 'samples/votes-long.csv', '--roster', 'samples/roster.csv']
const ESC = '\u001b['

describe('colour', () => {
  it('is on for a terminal', async () => {
    const c = capture(true, {})
    expect(await run(ARGS, c.io)).toBe(0)
    expect(c.out()).toContain(ESC)
  })
  it.each([
    ['NO_COLOR is set', true, { NO_COLOR: '1' }, []],
    ['--no-color is given', true, {}, ['--no-color']],
    ['stdout is not a terminal', false, {}, []],
  ])('is off when %s, table borders included', async (_why, tty, env, extra) => {
    const c = capture(tty, env)
    expect(await run([...ARGS, ...extra], c.io)).toBe(0)
    expect(c.out()).not.toContain(ESC)
  })
})
