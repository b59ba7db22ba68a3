/**
 * Standard input opened during a run, let go when the run ends (cli.ts `run`): a run that
 * stopped early — a bad header in `producer | kaohe tally -` — must not wait for the rest
 * of the input. No imports: the CLI loads this for every command.
 */
const held = new Set<{ destroy(): void }>()

/** Keep a stream of standard input, to be let go at the end of the run. */
export const holdStdin = <T extends { destroy(): void }>(stream: T): T => {
  held.add(stream)
  return stream
}

/** Let go every stream of standard input this run opened. */
export const releaseStdin = (): void => {
  for (const s of held) s.destroy()
  held.clear()
}
