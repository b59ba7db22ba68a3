/**
 * The CLI in this test process: `run()` from src/cli.ts, the same code path as
 * bin/kaohe.js minus the worker thread, the signal handlers and process.exitCode. It is for
 * cases whose subject is what kaohe reads, decides and writes (stdout, stderr, exit code,
 * files); what only a real process shows (stdin, signals, locks between processes, resource
 * limits, privileges, the package) stays spawned.
 *
 * A run in another directory changes this process's working directory for its duration;
 * runs are queued one after another so that two never see each other's directory.
 */
import { run } from '../../src/cli.js'
import { dict, type Lang } from '../../src/i18n/index.js'

export interface InProcessResult {
  code: number
  stdout: string
  stderr: string
}

let queue: Promise<unknown> = Promise.resolve()

/**
 * kaohe with these arguments, colour off, with the test process's environment and `env`
 * over it (a key set to undefined is removed), in `cwd` (the current directory by default).
 */
export const kaoheInProcess = (args: readonly string[], opts: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<InProcessResult> => {
  const go = async (): Promise<InProcessResult> => {
    let stdout = ''
    let stderr = ''
    const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', KAOHE_DEBUG: '', ...opts.env }
    for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k]
    const back = process.cwd()
    if (opts.cwd !== undefined) process.chdir(opts.cwd)
    try {
      const code = await run(['node', 'kaohe', ...args], {
        stdout: (s) => void (stdout += s),
        stderr: (s) => void (stderr += s),
        stdoutIsTTY: false,
        stderrIsTTY: false,
        env,
      })
      return { code, stdout, stderr }
    } finally {
      process.chdir(back)
    }
  }
  const p = queue.then(go, go)
  queue = p.catch(() => undefined)
  return p
}

/**
 * The words kaohe prints for a message of this code with these parameters (src/i18n), so that
 * a test names the code it expects and not a sentence that a rewording would break.
 */
export const said = (code: string, params: Record<string, string | number> = {}, lang: Lang = 'zh'): string => dict(lang).message(code, params)

/** "file 第 L 行 C 列（header）": where kaohe says a problem is (src/i18n `where`). */
export const at = (file: string, row: number | null, column: number | null = null, columnName: string | null = null, lang: Lang = 'zh'): string =>
  dict(lang).where(file, row, column, columnName)
