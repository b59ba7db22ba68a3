// One node process, many kaohe runs (test/support/batch.ts): `run()` from the built dist/cli.js,
// one after another on this thread, under whatever heap limit this process was started with.
// Reads a JSON list of argument lists on standard input; writes a JSON list of
// { code, stdout, stderr } on standard output.
import { run } from '../../dist/cli.js'

let input = ''
for await (const chunk of process.stdin) input += chunk
const results = []
for (const args of JSON.parse(input)) {
  let stdout = ''
  let stderr = ''
  const code = await run(['node', 'kaohe', ...args], {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: { PATH: process.env.PATH, NO_COLOR: '1' },
  })
  results.push({ code, stdout, stderr })
}
process.stdout.write(JSON.stringify(results))
