import { createHash } from 'node:crypto'
import { cp, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import readXlsxFile from 'read-excel-file/node'
import { beforeAll, describe, expect, it } from 'vitest'
import { ManifestSchema } from '../../src/output/manifest.js'
import type { ReportDoc } from '../../src/output/report.js'
import { ROOT, runCli, SAMPLE_ARGS, tempDir } from '../exports-helpers.js'

const FORMATS = ['json', 'csv', 'xlsx', 'md', 'html'] as const
const outArgs = (dir: string, base = 'r'): string[] => FORMATS.flatMap((f) => ['--out', `${dir}/${base}.${f}`])
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex')

/** A private copy of the samples, so that tests may change and remove inputs. */
const workspace = async (): Promise<string> => {
  const dir = tempDir()
  await cp(join(ROOT, 'samples'), join(dir, 'samples'), { recursive: true })
  await mkdir(join(dir, 'out'))
  return dir
}

describe('kaohe assess --out: all five formats from the samples', () => {
  let dir: string
  let doc: ReportDoc
  let first: { code: number | null; stdout: string; stderr: string }

  beforeAll(async () => {
    dir = await workspace()
    first = await runCli(['assess', ...SAMPLE_ARGS, ...outArgs('out'), '--quiet'], { cwd: dir })
    doc = JSON.parse(await readFile(join(dir, 'out/r.json'), 'utf8')) as ReportDoc
  })

  it('writes every file, owner-only, and a manifest with their hashes', async () => {
    expect(first.code).toBe(0)
    const manifest = ManifestSchema.parse(JSON.parse(await readFile(join(dir, 'out/r.json.manifest.json'), 'utf8')))
    expect(manifest.outputs.map((o) => o.format)).toEqual([...FORMATS])
    for (const o of manifest.outputs) {
      const bytes = await readFile(join(dir, o.path))
      expect(sha(bytes)).toBe(o.sha256)
      expect(o.fromManifest).toBe(o.path.replace('out/', ''))
      expect((await stat(join(dir, o.path))).mode & 0o777).toBe(0o600)
    }
    expect((await stat(join(dir, 'out/r.json.manifest.json'))).mode & 0o777).toBe(0o600)
    expect(manifest.inputs.map((i) => [i.kind, i.path, i.fromManifest, i.rows])).toEqual([
      ['roster', 'samples/roster.csv', '../samples/roster.csv', 40],
      ['votes', 'samples/votes-long.csv', '../samples/votes-long.csv', 1436],
      ['votes', 'samples/votes-wide-gb18030.csv', '../samples/votes-wide-gb18030.csv', 60],
      ['votes', 'samples/votes-counts.csv', '../samples/votes-counts.csv', 5],
    ])
    for (const i of manifest.inputs) expect(i.sha256).toBe(sha(await readFile(join(dir, i.path))))
    expect(manifest.policy).toMatchObject({ id: 'opinion-2009', builtin: 'opinion-2009', file: null, sha256: doc.policy.sha256 })
    expect(manifest.result.sha256).toBe(manifest.outputs[0]!.sha256)
    expect(manifest.timeSource).toBe('clock')
    expect(Date.parse(manifest.time)).toBeGreaterThan(Date.parse('2020-01-01'))
  })

  it('the JSON file is what --format json prints, and holds no time of the run', async () => {
    const stdout = await runCli(['assess', ...SAMPLE_ARGS, '--format', 'json'], { cwd: dir })
    expect(await readFile(join(dir, 'out/r.json'), 'utf8')).toBe(stdout.stdout)
    expect(stdout.stdout).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/)
  })

  it('the XLSX holds the same numbers as the JSON', async () => {
    const sheets = await readXlsxFile(await readFile(join(dir, 'out/r.xlsx')))
    const tally = sheets.find((s) => s.sheet === '测评统计')!.data
    const head = tally[0] as string[]
    const col = (name: string): number => head.indexOf(name)
    expect(tally).toHaveLength(doc.cadres.length + 1)
    for (const c of doc.cadres) {
      const row = tally.find((r) => r[0] === c.id)!
      const t = c.tally
      expect([row[col('优秀')], row[col('称职')], row[col('基本称职')], row[col('不称职')], row[col('弃权')], row[col('无效')]]).toEqual(
        t ? [t.excellent, t.competent, t.basicallyCompetent, t.incompetent, t.abstain, t.invalid] : [null, null, null, null, null, null],
      )
      expect(row[col('分母')]).toBe(t?.denominator ?? null)
      const unfit = c.checks.find((k) => k.rule === 'item9-unfit')
      const inc = c.checks.find((k) => k.rule === 'item9-incompetent')
      expect(row[col('不胜任边距')]).toBe(unfit?.margin ?? null)
      expect(row[col('不称职边距')]).toBe(inc?.margin ?? null)
      expect(row[col('优秀+称职得票率(%)')]).toBe(unfit ? Number(unfit.computation.percent) : null)
      expect(row[col('不胜任触发')]).toBe(unfit ? (unfit.fired ? '是' : '否') : null)
    }
    const disp = sheets.find((s) => s.sheet === '处置建议')!.data
    const codeCol = (disp[0] as string[]).indexOf('处置代码')
    for (const c of doc.cadres) expect(disp.find((r) => r[0] === c.id)![codeCol]).toBe(c.disposition!.code)
    const audit = sheets.find((s) => s.sheet === '审计信息')!.data
    expect(audit.some((r) => r[1] === doc.policy.sha256)).toBe(true)
    for (const i of doc.inputs) expect(audit.some((r) => r[0] === i.path && r[1] === i.sha256 && r[2] === i.rows)).toBe(true)
  })

  it('the CSV (UTF-8 with BOM) holds the same numbers as the JSON', async () => {
    const bytes = await readFile(join(dir, 'out/r.csv'))
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parse(bytes.subarray(3).toString('utf8'), { columns: true }) as Array<Record<string, string>>
    expect(rows).toHaveLength(doc.cadres.length)
    for (const c of doc.cadres) {
      const r = rows.find((x) => x['编号'] === c.id)!
      const t = c.tally
      expect([r['优秀'], r['称职'], r['基本称职'], r['不称职'], r['弃权'], r['无效'], r['分母']]).toEqual(
        t ? [t.excellent, t.competent, t.basicallyCompetent, t.incompetent, t.abstain, t.invalid, t.denominator].map(String) : ['', '', '', '', '', '', ''],
      )
      expect(r['处置代码']).toBe(c.disposition!.code)
      const unfit = c.checks.find((k) => k.rule === 'item9-unfit')?.computation as { numerator: number; percent: string } | undefined
      expect([r['优秀+称职票数'], r['优秀+称职得票率%']]).toEqual(unfit ? [String(unfit.numerator), unfit.percent] : ['', ''])
      expect(r['不胜任边距']).toBe(String(c.checks.find((k) => k.rule === 'item9-unfit')?.margin ?? ''))
    }
  })

  it('the Markdown and HTML name every cadre needing action', async () => {
    const md = await readFile(join(dir, 'out/r.md'), 'utf8')
    const html = await readFile(join(dir, 'out/r.html'), 'utf8')
    for (const c of doc.cadres.filter((x) => x.disposition!.code !== 'none')) {
      expect(md).toContain(`### ${c.id} ${c.name} — ${c.disposition!.label}`)
      expect(html).toContain(`data-id="${c.id}"`)
    }
  })

  it('refuses to overwrite (73) before reading any input, and overwrites with --force', async () => {
    const before = await readFile(join(dir, 'out/r.xlsx'))
    const again = await runCli(['assess', ...SAMPLE_ARGS, ...outArgs('out')], { cwd: dir })
    expect(again.code).toBe(73)
    expect(again.stdout).toBe('') // refused before the run
    expect(again.stderr).toContain('out/r.json')
    expect(again.stderr).toContain('--force')
    expect((await readFile(join(dir, 'out/r.xlsx'))).equals(before)).toBe(true)
    const forced = await runCli(['assess', ...SAMPLE_ARGS, ...outArgs('out'), '--force', '--quiet'], { cwd: dir })
    expect(forced.code).toBe(0)
    expect((await readFile(join(dir, 'out/r.xlsx'))).equals(before)).toBe(true) // same inputs → same bytes
  })
})

describe('kaohe verify', () => {
  const setup = async (): Promise<string> => {
    const dir = await workspace()
    const r = await runCli(['assess', ...SAMPLE_ARGS, ...outArgs('out'), '-q'], { cwd: dir })
    expect(r.code).toBe(0)
    return dir
  }
  const manifest = 'out/r.json.manifest.json'

  it('exits 0 on an untouched run, from any working directory', async () => {
    const dir = await setup()
    const v = await runCli(['verify', join(dir, manifest)], { cwd: ROOT })
    expect(v.code).toBe(0)
    expect(v.stdout.split('\n').filter((l) => l.startsWith('一致')).length).toBe(4 + 1 + 1 + 5)
    expect(v.stdout).toContain('核验通过')
  })

  it('exits 1 naming the input after one byte of it changes', async () => {
    const dir = await setup()
    const file = join(dir, 'samples/votes-long.csv')
    const bytes = await readFile(file)
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0x01
    await writeFile(file, bytes)
    const v = await runCli(['verify', manifest, '--lang', 'en'], { cwd: dir })
    expect(v.code).toBe(1)
    expect(v.stderr).toContain('the input samples/votes-long.csv differs from the manifest')
  })

  it('exits 66 when an input is gone', async () => {
    const dir = await setup()
    await rm(join(dir, 'samples/votes-counts.csv'))
    const v = await runCli(['verify', manifest], { cwd: dir })
    expect(v.code).toBe(66)
    expect(v.stderr).toContain('samples/votes-counts.csv')
  })

  it('exits 1 naming an output file changed after the run', async () => {
    const dir = await setup()
    await writeFile(join(dir, 'out/r.md'), 'edited\n')
    const v = await runCli(['verify', manifest], { cwd: dir })
    expect(v.code).toBe(1)
    expect(v.stderr).toContain('out/r.md')
  })

  it('still verifies when the outputs are gone (their hashes prove the result) and when the folder moved', async () => {
    const dir = await setup()
    for (const f of FORMATS) await rm(join(dir, `out/r.${f}`))
    const moved = `${dir}-moved`
    await rename(dir, moved)
    const v = await runCli(['verify', join(moved, manifest), '--format', 'json'])
    expect(v.code).toBe(0)
    const out = JSON.parse(v.stdout) as { ok: boolean; checks: Array<{ what: string; status: string }> }
    expect(out.ok).toBe(true)
    expect(out.checks.filter((c) => c.what === 'output').map((c) => c.status)).toEqual(Array(5).fill('reproduced'))
  })

  it('exits 1 when the manifest records an output that the inputs do not give', async () => {
    const dir = await setup()
    const m = JSON.parse(await readFile(join(dir, manifest), 'utf8')) as { outputs: Array<{ sha256: string }> }
    m.outputs[2]!.sha256 = '0'.repeat(64)
    await writeFile(join(dir, manifest), JSON.stringify(m))
    const v = await runCli(['verify', manifest], { cwd: dir })
    expect(v.code).toBe(1)
    expect(v.stderr).toContain('out/r.xlsx')
  })

  it('exits 66 for a missing manifest and 65 for one that is not a manifest', async () => {
    const dir = await setup()
    expect((await runCli(['verify', 'nope.json'], { cwd: dir })).code).toBe(66)
    await writeFile(join(dir, 'bad.json'), '{"format":"something else"}')
    const bad = await runCli(['verify', 'bad.json'], { cwd: dir })
    expect(bad.code).toBe(65)
    expect(bad.stderr).toContain('bad.json')
  })

  it('verifies a policy file, and names it when it changed', async () => {
    const dir = await setup()
    expect((await runCli(['policy', 'init', 'local.json'], { cwd: dir })).code).toBe(0)
    const run = await runCli(['assess', ...SAMPLE_ARGS, '--policy', 'local.json', '--out', 'out/p.html', '-q'], { cwd: dir })
    expect(run.code).toBe(0)
    const m = ManifestSchema.parse(JSON.parse(await readFile(join(dir, 'out/p.html.manifest.json'), 'utf8')))
    expect(m.policy.file).toMatchObject({ path: 'local.json', fromManifest: '../local.json' })
    expect((await runCli(['verify', 'out/p.html.manifest.json'], { cwd: dir })).code).toBe(0)
    await writeFile(join(dir, 'local.json'), `${await readFile(join(dir, 'local.json'), 'utf8')}\n`)
    const v = await runCli(['verify', 'out/p.html.manifest.json'], { cwd: dir })
    expect(v.code).toBe(1)
    expect(v.stderr).toContain('local.json')
  })

  it('cannot re-read standard input: 66 with what to do', async () => {
    const dir = await workspace()
    const text = await readFile(join(dir, 'samples/votes-long.csv'))
    const child = await import('node:child_process')
    const r = child.spawnSync(process.execPath, [join(ROOT, 'bin/kaohe.js'), 'assess', '--votes', '-', '--out', 'out/s.json', '-q'], { cwd: dir, input: text })
    expect(r.status).toBe(0)
    const v = await runCli(['verify', 'out/s.json.manifest.json'], { cwd: dir })
    expect(v.code).toBe(66)
    expect(v.stderr).toContain('标准输入')
  })
})

describe('output options', () => {
  it('reproduces every byte, manifest included, under SOURCE_DATE_EPOCH', async () => {
    const a = await workspace()
    const b = await workspace()
    const env = { SOURCE_DATE_EPOCH: '1767225600' }
    for (const d of [a, b]) expect((await runCli(['assess', ...SAMPLE_ARGS, ...outArgs('out'), '-q'], { cwd: d, env })).code).toBe(0)
    for (const f of [...FORMATS.map((x) => `out/r.${x}`), 'out/r.json.manifest.json']) {
      expect((await readFile(join(a, f))).equals(await readFile(join(b, f))), f).toBe(true)
    }
    const m = ManifestSchema.parse(JSON.parse(await readFile(join(a, 'out/r.json.manifest.json'), 'utf8')))
    expect([m.time, m.timeSource]).toEqual(['2026-01-01T00:00:00.000Z', 'SOURCE_DATE_EPOCH'])
    const bad = await runCli(['assess', ...SAMPLE_ARGS, '--out', 'out/t.json'], { cwd: a, env: { SOURCE_DATE_EPOCH: 'yesterday' } })
    expect(bad.code).toBe(2)
  })

  it('--manifest elsewhere, and --manifest alone (the result only), verify too', async () => {
    const dir = await workspace()
    await mkdir(join(dir, 'audit'))
    const a = await runCli(['assess', ...SAMPLE_ARGS, '--out', 'out/m.html', '--manifest', 'audit/m.json', '-q'], { cwd: dir })
    expect(a.code).toBe(0)
    const m = ManifestSchema.parse(JSON.parse(await readFile(join(dir, 'audit/m.json'), 'utf8')))
    expect(m.outputs.map((o) => [o.path, o.fromManifest])).toEqual([['out/m.html', '../out/m.html']])
    expect(m.inputs[0]!.fromManifest).toBe('../samples/roster.csv')
    const b = await runCli(['assess', ...SAMPLE_ARGS, '--manifest', 'audit/only.json', '-q'], { cwd: dir })
    expect(b.code).toBe(0)
    expect(ManifestSchema.parse(JSON.parse(await readFile(join(dir, 'audit/only.json'), 'utf8'))).outputs).toEqual([])
    for (const f of ['audit/m.json', 'audit/only.json']) expect((await runCli(['verify', f], { cwd: dir })).code).toBe(0)
  })

  it('--fail-on still works with --out: the files are written, then exit 1', async () => {
    const dir = await workspace()
    const r = await runCli(['assess', ...SAMPLE_ARGS, '--out', 'out/f.xlsx', '--fail-on', 'adjustment', '-q'], { cwd: dir })
    expect(r.code).toBe(1)
    expect((await stat(join(dir, 'out/f.xlsx'))).size).toBeGreaterThan(1000)
    expect((await stat(join(dir, 'out/f.xlsx.manifest.json'))).size).toBeGreaterThan(100)
  })

  it.each([
    [['--out', 'out/r.txt'], 2, 'r.txt'],
    [['--out', 'out/a.json', '--out', 'out/./a.json'], 2, 'a.json'],
    [['--out', 'out/a.json', '--manifest', 'out/a.json'], 2, 'a.json'],
    [['--out', 'samples/roster.csv', '--force'], 2, 'samples/roster.csv'],
    [['--out', 'missing/a.json'], 73, 'missing/a.json'],
    [['--out', 'samples/roster.csv/a.json'], 73, 'a.json'],
    [['--out', 'out/a.csv', '--out-encoding', 'latin1'], 2, 'latin1'],
  ])('%j → exit %i naming %s, nothing written', async (args, code, named) => {
    const dir = await workspace()
    const r = await runCli(['assess', ...SAMPLE_ARGS, ...args], { cwd: dir })
    expect(r.code).toBe(code)
    expect(r.stderr).toContain(named)
    expect(r.stdout).toBe('')
    const { readdir } = await import('node:fs/promises')
    expect(await readdir(join(dir, 'out'))).toEqual([])
  })

  it('writes GB18030 CSV with --out-encoding gb18030, and with --encoding gb18030 (SPEC §4)', async () => {
    const dir = await workspace()
    const utf = await runCli(['assess', ...SAMPLE_ARGS, '--out', 'out/u.csv', '-q'], { cwd: dir })
    const gb = await runCli(['assess', ...SAMPLE_ARGS, '--out', 'out/g.csv', '--out-encoding', 'gb18030', '-q'], { cwd: dir })
    expect([utf.code, gb.code]).toEqual([0, 0])
    const u = (await readFile(join(dir, 'out/u.csv'))).subarray(3).toString('utf8')
    const g = await readFile(join(dir, 'out/g.csv'))
    expect([...g.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder('gb18030', { fatal: true }).decode(g)).toBe(u)
    expect(g.equals(Buffer.from(u, 'utf8'))).toBe(false)
    // --encoding gb18030 (inputs and CSV exports) on the GB18030 sample alone
    const wide = await runCli(['assess', '--votes', 'samples/votes-wide-gb18030.csv', '--encoding', 'gb18030', '--out', 'out/w.csv', '-q'], { cwd: dir })
    expect(wide.code).toBe(0)
    const w = await readFile(join(dir, 'out/w.csv'))
    expect(new TextDecoder('gb18030', { fatal: true }).decode(w)).toContain('董亚军')
    expect((await runCli(['verify', 'out/w.csv.manifest.json'], { cwd: dir })).code).toBe(0)
    expect((await runCli(['verify', 'out/g.csv.manifest.json'], { cwd: dir })).code).toBe(0)
  })

  it('a character GB18030 cannot carry: exit 73 naming the file and line, nothing left behind', async () => {
    const dir = await workspace()
    await writeFile(join(dir, 'pua.csv'), '票号,干部编号,姓名,测评等次\nP1,A1,张\ue5e5,优秀\nP1,A2,李四,称职\n')
    const r = await runCli(['assess', '--votes', 'pua.csv', '--out', 'out/p.csv', '--out-encoding', 'gb18030', '-q'], { cwd: dir })
    expect(r.code).toBe(73)
    expect(r.stderr).toContain('out/p.csv')
    expect(r.stderr).toContain('U+E5E5')
    expect(r.stderr).toContain('第 2 行')
    const { readdir } = await import('node:fs/promises')
    expect(await readdir(join(dir, 'out'))).toEqual([])
  })

  it('tally --out writes and verifies too', async () => {
    const dir = await workspace()
    const r = await runCli(['tally', 'samples/votes-long.csv', 'samples/votes-counts.csv', '--out', 'out/t.xlsx', '--out', 'out/t.md', '--lang', 'en', '-q'], { cwd: dir })
    expect(r.code).toBe(0)
    const md = await readFile(join(dir, 'out/t.md'), 'utf8')
    expect(md).toContain('# Cadre evaluation: tally')
    const v = await runCli(['verify', 'out/t.xlsx.manifest.json'], { cwd: dir })
    expect(v.code).toBe(0)
  })

  it('strict mode: a data error stops the run before anything is written', async () => {
    const dir = await workspace()
    await writeFile(join(dir, 'bad.csv'), '票号,干部编号,姓名,测评等次\nP1,A1,张三,良\n')
    const r = await runCli(['assess', '--votes', 'bad.csv', '--out', 'out/x.json'], { cwd: dir })
    expect(r.code).toBe(65)
    const { readdir } = await import('node:fs/promises')
    expect(await readdir(join(dir, 'out'))).toEqual([])
  })

  it('loads the XLSX writer and the HTML renderer only when they are asked for', async () => {
    const nodeArgs = ['--import', join(ROOT, 'test/fixtures/log-imports.mjs')]
    const version = await runCli(['--version'], { nodeArgs })
    expect(version.code).toBe(0)
    expect(version.stderr).toContain('[load] ') // the hook works
    const dir = await workspace()
    const json = await runCli(['assess', ...SAMPLE_ARGS, '--out', 'out/a.json', '-q'], { cwd: dir, nodeArgs })
    const xlsx = await runCli(['assess', ...SAMPLE_ARGS, '--out', 'out/a.xlsx', '-q'], { cwd: dir, nodeArgs })
    for (const r of [version, json]) {
      expect(r.stderr).not.toContain('write-excel-file')
      expect(r.stderr).not.toContain('dist/output/html.js')
    }
    expect(xlsx.stderr).toContain('write-excel-file')
    expect(xlsx.stderr).not.toContain('dist/output/html.js')
  })
})
