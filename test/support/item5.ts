import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CadreInput, FindingInput, ReportInput } from '../../src/core/model.js'
import { builtinPolicy } from '../../src/policy/load.js'
import { kaoheInProcess } from './in-process.js'
import type { Policy } from '../../src/policy/schema.js'

export const ROOT = new URL('../..', import.meta.url).pathname
export const BIN = join(ROOT, 'bin/kaohe.js')

export const policyNamed = (name = 'opinion-2009'): Policy => builtinPolicy(name)!.policy

/** A rostered cadre, no votes; item-5 fields as given. */
export const rostered = (patch: Partial<CadreInput> = {}): CadreInput => ({
  id: 'C1',
  name: '张三',
  unit: '县财政局',
  post: '局长',
  principal: true,
  annualGrade: null,
  dutyStatement: null,
  mustReport: true,
  onRoster: true,
  tally: null,
  participated: null,
  groups: [],
  incomplete: false,
  ...patch,
})

/** A report answering the given category keys (all of the policy's by default). */
export const reportOf = (answered: string[] | Policy, patch: Partial<ReportInput> = {}): ReportInput => ({
  answered: Array.isArray(answered) ? answered : answered.reports.categories.map((c) => c.key),
  date: null,
  roundYear: null,
  ...patch,
})

export const finding = (patch: Partial<FindingInput> = {}): FindingInput => ({
  category: '投资',
  categoryKey: 'investment',
  detail: '持有某公司股份未报告',
  type: null,
  markedSerious: false,
  source: 'findings.csv:2',
  ...patch,
})

/** Write files into a fresh temp dir; returns their paths by name. */
export const inTemp = (files: Record<string, string | Uint8Array>): Record<string, string> & { dir: string } => {
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-item5-'))
  const paths: Record<string, string> = {}
  for (const [name, content] of Object.entries(files)) {
    paths[name] = join(dir, name)
    writeFileSync(paths[name]!, content)
  }
  return Object.assign(paths, { dir })
}

export interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** The built CLI, colour off, as a batch job runs it. */
export const cli = (args: string[], cwd = ROOT): Run => {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', KAOHE_DEBUG: '' },
    maxBuffer: 64 << 20,
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** The nine 2009 category labels, in order: the header of a wide report. */
export const LABELS_2009 = policyNamed().reports.categories.map((c) => c.label)

/** The same run in this process (test/support/in-process.ts): for everything but what only a real process shows. */
export const cliIn = (args: string[], cwd = ROOT): Promise<Run> => kaoheInProcess(args, { cwd })
