/**
 * The hand-made hostile corpus (test/fixtures/hostile/): each file with the exact message
 * (zh, the default) and exit code the built CLI gives. A message names file, line and
 * column wherever the problem has one. Run in the fixtures folder, so paths are as given.
 * Every case runs in this process (test/support/in-process.ts: the same run() as bin/kaohe.js);
 * every fifteenth also as the built CLI, so that the bytes a shell sees are checked as well.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { kaoheInProcess } from '../support/in-process.js'
import { ROOT, runInProcess, runSpawned } from './harness.js'
import { checkOutcome, checkPrototypes, checkRowIdentity, type ReportJson, snapshotPrototypes } from './invariants.js'

const DIR = join(ROOT, 'test', 'fixtures', 'hostile')
const GRADES = '请改为 优秀/称职/基本称职/不称职/弃权/无效 之一，或在政策的 gradeSynonyms 中映射'
const STRICT = (n: number) => `kaohe: 输入数据有 ${n} 处错误，未生成结果（--strict）。请更正后重试，或用 --lenient 跳过有误的行\n`

interface Case {
  /** What the file shows. */
  what: string
  args: string[]
  exit: number
  /** stderr, exactly. */
  stderr: string
  /** For exit 0 with --format json: what the report must say. */
  json?: (doc: ReportJson) => void
}

const rows = (read: number, counted: number, inIssues: number) => (doc: ReportJson) => {
  expect(checkRowIdentity(doc)).toEqual([])
  expect([doc.summary.rowsRead, doc.summary.rowsCounted, doc.summary.rowsInIssues]).toEqual([read, counted, inIssues])
}

const CASES: Case[] = [
  { what: 'an empty file', args: ['tally', 'empty.csv'], exit: 65, stderr: 'kaohe: empty.csv 是空文件或只有空白：请导出含表头的数据\n' },
  { what: 'a BOM and nothing else', args: ['tally', 'bom-only.csv'], exit: 65, stderr: 'kaohe: bom-only.csv 是空文件或只有空白：请导出含表头的数据\n' },
  { what: 'blank lines only (spaces, tabs, U+3000)', args: ['tally', 'blank-lines-only.csv'], exit: 65, stderr: 'kaohe: blank-lines-only.csv 是空文件或只有空白：请导出含表头的数据\n' },
  { what: 'a header and no rows', args: ['tally', 'header-only.csv', '--format', 'json'], exit: 0, stderr: '', json: rows(0, 0, 0) },
  {
    what: 'blank lines before a semicolon header (the delimiter comes from the header)',
    args: ['tally', 'blank-lines-before-header.csv', '--format', 'json'],
    exit: 0,
    stderr: '',
    json: rows(1, 1, 0),
  },
  {
    what: 'a quote never closed: where it opens, not the end of the file',
    args: ['tally', 'unclosed-quote.csv'],
    exit: 65,
    stderr: 'kaohe: unclosed-quote.csv 第 3 行 第 2 列：此处开始的引号直到文件末尾都没有闭合：请补上闭合的引号，或删去多余的引号\n',
  },
  {
    what: 'a stray quote inside a cell',
    args: ['tally', 'stray-quote.csv'],
    exit: 65,
    stderr: 'kaohe: stray-quote.csv 第 3 行 第 3 列：引号用法不对：含引号的单元格须整格用引号括起，格内的引号写成两个（""）\n',
  },
  {
    what: 'a NUL byte in a cell',
    args: ['tally', 'nul-byte.csv'],
    exit: 65,
    stderr: 'kaohe: nul-byte.csv 第 2 行 第 3 列含有 NUL（空）字符，文本表格中不会有：文件可能是二进制文件、UTF-16 编码或已损坏，请另存为 CSV（UTF-8 或 GB18030）\n',
  },
  {
    what: 'UTF-16 (Excel "Unicode text")',
    args: ['tally', 'utf16le.csv'],
    exit: 65,
    stderr: 'kaohe: utf16le.csv 是 UTF-16LE 编码（如 Excel 的“Unicode 文本”）：请另存为 CSV（UTF-8 或 GB18030）\n',
  },
  {
    what: 'half UTF-8, half GB18030: the line and byte where UTF-8 stops',
    args: ['tally', 'utf8-then-gb18030.csv'],
    exit: 65,
    stderr: 'kaohe: utf8-then-gb18030.csv 第 4 行附近（第 96 字节）不是有效的 utf-8 编码：请用 --encoding 指定正确编码（utf-8 或 gb18030），或重新导出\n',
  },
  {
    what: 'half GB18030, half UTF-8: read as GB18030, the UTF-8 grade is not a grade (never silently)',
    args: ['tally', 'gb18030-then-utf8.csv'],
    exit: 65,
    stderr: `${STRICT(1)}  gb18030-then-utf8.csv 第 3 行 第 4 列（测评等次）: 无法识别的等次 '绉拌亴'：${GRADES}\n`,
  },
  {
    what: 'ragged rows: content beyond the header, a short row',
    args: ['tally', 'ragged-rows.csv'],
    exit: 65,
    stderr:
      `${STRICT(2)}  ragged-rows.csv 第 2 行 第 5 列: 此行在第 4 列之后还有内容，表头没有对应列：请删除或补表头\n` +
      '  ragged-rows.csv 第 3 行 第 4 列（测评等次）: 测评等次为空：长表每行须有一个等次（不评价某人请删去该行）\n',
  },
  {
    what: 'ragged rows in --lenient: each left out and counted',
    args: ['tally', 'ragged-rows.csv', '--lenient', '--format', 'json'],
    exit: 0,
    stderr: '提示: 问题行 2\n',
    json: rows(3, 1, 2),
  },
  {
    what: 'the same header twice',
    args: ['tally', 'duplicate-headers.csv'],
    exit: 65,
    stderr: 'kaohe: duplicate-headers.csv：表头有误\n  duplicate-headers.csv 第 1 行 第 3 列（干部编号）: 表头重复（与第 2 列相同）：请删除或改名\n',
  },
  {
    what: 'two names of one column (was: no file, line 0)',
    args: ['tally', 'alias-duplicate-headers.csv'],
    exit: 65,
    stderr: 'kaohe: alias-duplicate-headers.csv：表头有误\n  alias-duplicate-headers.csv 第 1 行 第 3 列（cadre_id）: 表头重复（与第 2 列相同）：请删除或改名\n',
  },
  {
    what: '__proto__, constructor, prototype, toString as wide headers: plain cadres',
    args: ['tally', 'prototype-headers-wide.csv', '--format', 'json'],
    exit: 0,
    stderr: '',
    json: (doc) => {
      rows(2, 2, 0)(doc)
      expect(doc.cadres.map((c) => c.id)).toEqual(['__proto__', 'constructor', 'prototype', 'toString'])
      expect(doc.cadres.map((c) => (c.tally as { returned: number }).returned)).toEqual([2, 2, 1, 2])
    },
  },
  {
    what: '__proto__, constructor, hasOwnProperty as cadre ids',
    args: ['tally', 'prototype-ids-long.csv', '--format', 'json'],
    exit: 0,
    stderr: '',
    json: (doc) => {
      rows(4, 4, 0)(doc)
      expect(doc.cadres.map((c) => [c.id, c.name])).toEqual([
        ['__proto__', '甲'],
        ['constructor', '乙'],
        ['hasOwnProperty', '丙'],
      ])
    },
  },
  {
    what: 'negative, fractional, exponent, beyond 2^53, non-ASCII counts (full-width １２ and " 4 " are fine)',
    args: ['tally', 'bad-counts.csv'],
    exit: 65,
    stderr:
      STRICT(8) +
      [
        "bad-counts.csv 第 2 行 第 3 列（优秀）: 票数 '-1' 为负数：请更正",
        "bad-counts.csv 第 2 行 第 4 列（称职）: 票数 '1.5' 不是非负整数：请填写整数（如 12）",
        "bad-counts.csv 第 2 行 第 5 列（基本称职）: 票数 '1e3' 不是非负整数：请填写整数（如 12）",
        "bad-counts.csv 第 2 行 第 6 列（不称职）: 票数 '9007199254740993' 过大：请核对",
        "bad-counts.csv 第 3 行 第 3 列（优秀）: 票数 '十' 不是非负整数：请填写整数（如 12）",
        "bad-counts.csv 第 3 行 第 4 列（称职）: 票数 '0x10' 不是非负整数：请填写整数（如 12）",
        "bad-counts.csv 第 3 行 第 5 列（基本称职）: 票数 '1000000001' 过大：请核对",
        "bad-counts.csv 第 3 行 第 6 列（不称职）: 票数 '- 2' 为负数：请更正",
      ]
        .map((l) => `  ${l}\n`)
        .join(''),
  },
  {
    what: 'counts that do not add up; more participants than eligible voters',
    args: ['tally', 'counts-dont-add-up.csv'],
    exit: 65,
    stderr:
      `${STRICT(2)}  counts-dont-add-up.csv 第 2 行 第 10 列（实参加人数）: 各等次及弃权、无效之和为 25，与实参加人数 26 不符：请核对\n` +
      '  counts-dont-add-up.csv 第 3 行 第 9 列（应参加人数）: 实参加人数 30 超过应参加人数 20：请核对\n',
  },
  {
    what: 'unknown grade tokens and an empty grade',
    args: ['tally', 'unknown-grades.csv'],
    exit: 65,
    stderr:
      `${STRICT(3)}  unknown-grades.csv 第 2 行 第 4 列（测评等次）: 无法识别的等次 '良'：${GRADES}\n` +
      `  unknown-grades.csv 第 3 行 第 4 列（测评等次）: 无法识别的等次 'A'：${GRADES}\n` +
      '  unknown-grades.csv 第 5 行 第 4 列（测评等次）: 测评等次为空：长表每行须有一个等次（不评价某人请删去该行）\n',
  },
  {
    what: 'unknown grades in --lenient: rows read = counted + in issues, the cadre marked',
    args: ['tally', 'unknown-grades.csv', '--lenient', '--format', 'json'],
    exit: 0,
    stderr: '提示: 问题行 3\n',
    json: rows(4, 1, 3),
  },
  {
    what: 'CR, LF and CRLF in one file: three rows, not two',
    args: ['tally', 'mixed-line-endings.csv', '--format', 'json'],
    exit: 0,
    stderr: '',
    json: (doc) => {
      rows(3, 3, 0)(doc)
      expect(doc.cadres[0]!.tally).toMatchObject({ excellent: 1, competent: 2 })
    },
  },
  {
    what: 'an escape sequence and a forged line in cells: shown escaped, never raw',
    args: ['tally', 'control-characters.csv'],
    exit: 65,
    stderr:
      `${STRICT(2)}  control-characters.csv 第 2 行 第 4 列（测评等次）: 无法识别的等次 '\\x1B[2J'：${GRADES}\n` +
      `  control-characters.csv 第 3 行 第 4 列（测评等次）: 无法识别的等次 '优秀\\r\\n  XJ999 第 9 行: 伪造的一行'：${GRADES}\n`,
  },
  {
    what: 'a record over two lines: the line it starts on',
    args: ['tally', 'multiline-record.csv'],
    exit: 65,
    stderr: `${STRICT(1)}  multiline-record.csv 第 4 行 第 4 列（测评等次）: 无法识别的等次 '良'：${GRADES}\n`,
  },
  {
    what: 'an exact duplicate row (two different grades on one ballot are one spoilt mark)',
    args: ['tally', 'duplicate-row.csv'],
    exit: 65,
    stderr: `${STRICT(1)}  duplicate-row.csv 第 3 行 第 1 列（票号）: 票号与干部「XJ001」的同一等次已计入（完全重复的行）：请删除重复行\n`,
  },
  {
    what: 'cells that a spreadsheet would run as formulas, as ids',
    args: ['tally', 'formula-ids.csv'],
    exit: 65,
    stderr: `${STRICT(1)}  formula-ids.csv 第 5 行 第 4 列（测评等次）: 无法识别的等次 '良'：${GRADES}\n`,
  },
  {
    what: 'a tab file with a semicolon row: one cell, located errors in column order',
    args: ['tally', 'semicolon-tab-mix.tsv'],
    exit: 65,
    stderr:
      `${STRICT(2)}  semicolon-tab-mix.tsv 第 3 行 第 2 列（干部编号）: 此行没有干部编号或姓名：请补填\n` +
      '  semicolon-tab-mix.tsv 第 3 行 第 3 列（测评等次）: 测评等次为空：长表每行须有一个等次（不评价某人请删去该行）\n',
  },
  { what: 'the same file twice', args: ['tally', 'long-a.csv', './long-a.csv'], exit: 65, stderr: 'kaohe: 文件 ./long-a.csv 被指定了两次\n' },
  {
    what: 'a copy of a file given with it',
    args: ['tally', 'long-a.csv', 'long-a-copy.csv'],
    exit: 65,
    stderr: 'kaohe: 文件 long-a-copy.csv 与 long-a.csv 内容完全相同（同一文件的副本？）：同一批选票只能读入一次\n',
  },
  {
    what: 'one cadre in two count files',
    args: ['tally', 'counts-a.csv', 'counts-b.csv'],
    exit: 65,
    stderr: `${STRICT(1)}  counts-b.csv 第 2 行 第 1 列（干部编号）: 干部「XJ001」已出现在汇总文件 counts-a.csv 中：若两文件是不同测评人群体，请加 --sum-counts\n`,
  },
  {
    what: 'one cadre with ballots and counts',
    args: ['tally', 'counts-a.csv', 'long-a.csv'],
    exit: 65,
    stderr: `${STRICT(1)}  long-a.csv 第 2 行 第 2 列（干部编号）: 干部「XJ001」既有选票又有汇总票数：同一干部只能用一种形式\n`,
  },
  {
    what: 'a roster with a bad flag, a bad grade, a duplicate id, a missing id',
    args: ['assess', '--votes', 'long-a.csv', '--roster', 'roster-bad.csv'],
    exit: 65,
    stderr:
      STRICT(4) +
      [
        "roster-bad.csv 第 2 行 第 3 列（是否正职）: '也许' 应为 是 或 否",
        "roster-bad.csv 第 2 行 第 4 列（年度考核等次）: 年度考核等次 '良好' 应为 优秀/称职/基本称职/不称职 之一",
        'roster-bad.csv 第 3 行 第 1 列（干部编号）: 干部「XJ001」在同一文件中重复出现：请合并为一行',
        'roster-bad.csv 第 4 行 第 1 列（干部编号）: 此列不能为空：请补填',
      ]
        .map((l) => `  ${l}\n`)
        .join(''),
  },
  {
    what: 'that roster in --lenient: the cadre of the left-out rows is data-incomplete, its votes still read',
    args: ['assess', '--votes', 'long-a.csv', '--roster', 'roster-bad.csv', '--lenient', '--format', 'json'],
    exit: 0,
    stderr: '提示: 问题行 3\n',
    json: (doc) => {
      rows(4, 1, 3)(doc)
      expect(doc.cadres.map((c) => [c.id, c.disposition?.code, (c.tally as { excellent: number } | null)?.excellent])).toEqual([['XJ001', 'data-incomplete', 1]])
    },
  },
  {
    what: "a wide header that is one cadre's id and another's name",
    args: ['assess', '--votes', 'wide-ambiguous-header.csv', '--roster', 'roster.csv'],
    exit: 65,
    stderr:
      'kaohe: wide-ambiguous-header.csv：表头有误\n' +
      "  wide-ambiguous-header.csv 第 1 行 第 2 列（XJ001）: 表头 'XJ001' 既是干部 XJ001 的编号，又是干部 XJ003 的姓名：请改用干部编号作表头\n",
  },
  ...(['by-id-and-name.csv', 'by-name-only.csv'].map((first, i, all) => ({
    what: `no roster, one name by id and by name alone (${first} first): ambiguous in either order`,
    args: ['tally', first, all[1 - i]!],
    exit: 65,
    stderr:
      STRICT(2) +
      "  by-id-and-name.csv 第 3 行 第 2 列（干部编号）: 干部编号 XJ001 的姓名 '张叁' 与 '张三' 不一致：请核对编号\n" +
      '  by-name-only.csv 第 2 行 第 2 列（姓名）: 姓名「张三」对应多名干部（XJ001、张三）：请改用干部编号，或加单位列\n',
  })) satisfies Case[]),
  {
    what: 'the same in --lenient: both cadres data-incomplete; the mismatched row left out',
    args: ['assess', '--votes', 'by-name-only.csv', '--votes', 'by-id-and-name.csv', '--lenient', '--format', 'json'],
    exit: 0,
    stderr: '提示: 问题行 1\n',
    json: (doc) => {
      rows(3, 2, 1)(doc)
      expect(doc.cadres.map((c) => [c.id, c.disposition?.code])).toEqual([
        ['XJ001', 'data-incomplete'],
        ['张三', 'data-incomplete'],
      ])
    },
  },
  ...([
    ['tally', 'long-a.csv', '--policy', 'constructor'],
    ['policy', 'show', '__proto__'],
    ['policy', 'init', 'never-written.json', '--from', 'toString'],
  ].map((args) => {
    const name = args.at(-1)!
    return {
      what: `a prototype key as a policy name (${args.slice(0, 2).join(' ')} … ${name}): unknown, not Object's (was exit 70)`,
      args,
      exit: 65,
      stderr: `kaohe: 未知的政策 '${name}'（内置：opinion-2009, cadre-report-2017, opinion-2009-hege, opinion-2009-haohuai）；若是文件，请写出路径（如 ./${name}.json）\n`,
    }
  }) satisfies Case[]),
  {
    what: 'a policy with a "__proto__" key',
    args: ['tally', 'long-a.csv', '--policy', './policy-proto.json'],
    exit: 65,
    stderr: 'kaohe: 政策文件 ./policy-proto.json 不符合格式："__proto__" is not allowed as a key; (root): Unrecognized key: "__proto__"\n',
  },
  {
    what: 'a "__proto__" grade synonym (zod would drop it without a word)',
    args: ['tally', 'long-a.csv', '--policy', './policy-proto-synonym.json'],
    exit: 65,
    stderr: 'kaohe: 政策文件 ./policy-proto-synonym.json 不符合格式："__proto__" is not allowed as a key\n',
  },
  {
    what: 'grade synonyms that redefine 不称职, are blank, or read as another',
    args: ['tally', 'long-a.csv', '--policy', './policy-bad-synonyms.json'],
    exit: 65,
    stderr:
      'kaohe: 政策文件 ./policy-bad-synonyms.json 不符合格式：gradeSynonyms "不称职": already means incompetent; a policy may add tokens, not change built-in ones; ' +
      'gradeSynonyms " ": empty once spaces are removed; gradeSynonyms "Ａ": reads as "A" (excellent), not competent\n',
  },
  {
    what: 'a policy that is not JSON',
    args: ['tally', 'long-a.csv', '--policy', './policy-not-json.json'],
    exit: 65,
    stderr: 'kaohe: 政策文件 ./policy-not-json.json 不是有效的 JSON：Expected double-quoted property name in JSON at position 12\n',
  },
  {
    what: 'constructor and toString as local grade tokens work; __proto__ is no token',
    args: ['tally', 'local-tokens.csv', '--policy', './policy-local-tokens.json'],
    exit: 65,
    stderr: `${STRICT(1)}  local-tokens.csv 第 6 行 第 4 列（测评等次）: 无法识别的等次 '__proto__'：${GRADES}\n`,
  },
  {
    what: 'local tokens in --lenient',
    args: ['tally', 'local-tokens.csv', '--policy', './policy-local-tokens.json', '--lenient', '--format', 'json'],
    exit: 0,
    stderr: '提示: 问题行 1\n',
    json: (doc) => {
      rows(5, 4, 1)(doc)
      expect(doc.cadres[0]!.tally).toMatchObject({ excellent: 1, competent: 1, invalid: 1, abstain: 1 })
    },
  },
]

const expectCase = (c: (typeof CASES)[number], o: { code: number; stdout: string; stderr: string }): void => {
  expect(checkOutcome(o)).toEqual([])
  expect(o.stderr).toBe(c.stderr)
  expect(o.code).toBe(c.exit)
  if (c.json) c.json(JSON.parse(o.stdout) as ReportJson)
}
/** The environment of a spawned case (harness.ts runSpawned: PATH and NO_COLOR only): no language set. */
const BARE = { KAOHE_LANG: undefined, LANG: undefined, LC_ALL: undefined, LC_MESSAGES: undefined }

describe('hostile corpus (exact messages)', () => {
  it.each(CASES)('$what', async (c) => {
    expectCase(c, await kaoheInProcess(c.args, { cwd: DIR, env: BARE }))
  })

  it.each(CASES.filter((_, i) => i % 15 === 0))('built CLI, spawned: $what', async (c) => {
    expectCase(c, await runSpawned(c.args, { cwd: DIR }))
  })

  it('every corpus file is used by a case', () => {
    const used = new Set(CASES.flatMap((c) => c.args).map((a) => a.replace(/^\.\//, '')))
    expect(existsSync(join(DIR, 'never-written.json'))).toBe(false)
    const listed = readFileSync(join(DIR, 'README.md'), 'utf8')
      .split('\n')
      .flatMap((l) => /^\| `([^`]+)`/.exec(l)?.[1] ?? [])
    expect(listed.filter((f) => !used.has(f))).toEqual([])
    expect(readdirSync(DIR).filter((f) => f !== 'README.md' && !listed.includes(f))).toEqual([])
  })

  it('prototype keys as headers, ids and grade tokens leave every shared prototype alone (in-process)', async () => {
    const before = snapshotPrototypes()
    for (const args of [
      ['tally', 'prototype-headers-wide.csv', '--format', 'json'],
      ['tally', 'prototype-ids-long.csv', '--format', 'json'],
      ['tally', 'local-tokens.csv', '--policy', './policy-local-tokens.json', '--lenient', '--format', 'json'],
      ['tally', 'long-a.csv', '--policy', './policy-proto.json'],
      ['tally', 'long-a.csv', '--policy', './policy-proto-synonym.json'],
    ]) {
      const cwd = process.cwd()
      process.chdir(DIR)
      try {
        const o = await runInProcess(args)
        expect(checkOutcome(o)).toEqual([])
      } finally {
        process.chdir(cwd)
      }
    }
    expect(checkPrototypes(before)).toEqual([])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
