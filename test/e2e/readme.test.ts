import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../helpers.js'

/** The README is complete in both languages and self-contained (issue 15): docs stay true. */
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
const at = readme.indexOf('\n# kaohe (English)\n')
const zh = readme.slice(0, at)
const en = readme.slice(at)

describe('README', () => {
  it('has a Chinese half and an English half', () => {
    expect(at).toBeGreaterThan(0)
  })
  // The same topics in each half, by the words each uses.
  const topics: Array<[string, RegExp, RegExp]> = [
    ['set-up', /## 两条命令/, /## Two commands/],
    ['the terminal table', /### 终端表格[\s\S]*COLUMNS[\s\S]*--wide/, /### The terminal table[\s\S]*COLUMNS[\s\S]*--wide/],
    ['input formats', /## 输入文件[\s\S]*长表[\s\S]*宽表[\s\S]*汇总表[\s\S]*纸质测评票/, /## Input files[\s\S]*Long[\s\S]*Wide[\s\S]*Counts[\s\S]*Paper ballots/],
    ['roster columns', /干部编号,姓名,单位,职务,是否正职,年度考核等次,述职述廉,应报告个人事项/, /cadre_id, name, unit, post, principal, annual_grade, duty_statement,\s+must_report/],
    ['real sheets', /## 真实表格/, /## Real sheets/],
    ['rules', /## 规则[\s\S]*`item9-incompetent`[\s\S]*`item9-unfit`[\s\S]*`item3-basic-grade`/, /## Rules[\s\S]*`item9-incompetent`[\s\S]*`item9-unfit`[\s\S]*`item3-basic-grade`/],
    ['quorum', /`quorum`[\s\S]*`withheld`/, /`quorum\.minParticipation`[\s\S]*`withheld`/],
    ['local policies', /### 本地政策/, /### Local policies/],
    ['item 5', /## 个人有关事项报告与查核结果[\s\S]*`item5-serious`[\s\S]*`cadre-report-2017`/, /## Personal-matter reports and findings[\s\S]*`item5-serious`[\s\S]*`cadre-report-2017`/],
    ['XLSX input', /## XLSX 输入[\s\S]*64 MB/, /## XLSX input[\s\S]*64 MB/],
    ['templates', /## 空白模板[\s\S]*kaohe template/, /## Templates[\s\S]*kaohe template/],
    ['earlier years', /## 历年对比/, /## Earlier years/],
    ['exports and verify', /## 导出、审计清单与核验[\s\S]*`kaohe verify/, /## Exports, the manifest and `kaohe verify`/],
    ['CSV columns', /## CSV 列/, /## CSV columns/],
    ['JSON', /## JSON[\s\S]*schema\/report\.schema\.json/, /## JSON[\s\S]*schema\/report\.schema\.json/],
    ['exit codes', /## 退出代码[\s\S]*\| 73 \|/, /## Exit codes[\s\S]*\| 73 \|/],
    ['robustness', /## 稳健性与模糊测试/, /## Robustness and fuzzing/],
    ['performance', /## 大文件与性能/, /## Large files and performance/],
    ['license', /## 许可[\s\S]*LICENSE/, /## License[\s\S]*LICENSE/],
  ]
  it.each(topics)('%s: in both halves', (_name, z, e) => {
    expect(zh).toMatch(z)
    expect(en).toMatch(e)
  })

  it('links only to files of the repository, each of which exists (no SPEC outside it)', () => {
    expect(readme).not.toMatch(/\.\.\/shared|SPEC\.md/)
    const links = [...readme.matchAll(/\]\(([^)#]+)(#[^)]*)?\)/g)].map((m) => m[1]!).filter((l) => !/^https?:/.test(l))
    expect(links.length).toBeGreaterThan(0)
    for (const l of links) expect(existsSync(join(ROOT, l)), l).toBe(true)
  })

  it('states the CSV column sets the goldens hold', () => {
    const head = (f: string) => readFileSync(join(ROOT, 'test/golden', f), 'utf8').split('\r\n')[0]!
    expect(zh).toContain(`\n${head('csv-assess.zh.csv')}\n`)
    expect(en).toContain(`\n${head('csv-assess.en.csv')}\n`)
    expect(zh).toContain(`\`${head('csv-reports.zh.csv')}\``)
    expect(en).toContain(`\`${head('csv-reports.en.csv')}\``)
  })

  it('says that a global install needs no install script', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
    expect(zh).toContain(`npm install -g ./kaohe-${pkg.version}.tgz`)
    expect(en).toContain(`npm install -g ./kaohe-${pkg.version}.tgz`)
  })
})
