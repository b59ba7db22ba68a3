/** --help texts, with examples, per language. */
export const HELP = {
  zh: {
    program: '考核：依据《关于进一步从严管理干部的意见》（2009）从测评票和个人有关事项报告得出逐人处置建议（只建议，不决定）',
    version: '显示版本',
    help: '显示帮助',
    lang: '界面语言 zh|en',
    format: '标准输出格式 table|json|csv',
    policy: '政策：内置名称（opinion-2009）或 JSON 文件',
    encoding: '输入编码 auto|utf-8|gb18030（默认自动识别）',
    delimiter: 'CSV 分隔符（默认自动识别 , ; tab）',
    sheet: 'XLSX 工作表名（默认第一个）',
    strict: '有任何数据错误即停止（默认）',
    lenient: '跳过有错误的行，逐条列入 issues，相关干部标为数据不完整',
    quiet: '不输出提示信息（也不显示读取进度）',
    noColor: '不使用颜色（也可设 NO_COLOR）',
    assess: '测评票（+名册）→ 逐人处置建议及理由',
    votes: '测评票文件（长表、宽表或汇总表；CSV/TSV；- 为标准输入），可重复',
    roster: '干部名册文件',
    votesFormat: '强制指定测评票格式 long|wide|counts（默认按表头识别）',
    sumCounts: '多个汇总表是不同测评人群体，同一干部的票数相加',
    failOn: '任一干部的处置达到此级别时以代码 1 退出（admonishment|organizational-handling|adjustment|dismissal|withheld|data-incomplete）',
    tally: '只统计票数、得票率和边距（不需名册，不给处置）',
    tallyFiles: '测评票文件',
    policyCmd: '查看或导出政策',
    policyShow: '显示政策（默认 opinion-2009）及其 SHA-256',
    policyName: '内置政策名或政策文件',
    policyInit: '写出一份内置政策的副本以便修改',
    policyFile: '要写入的文件',
    policyFrom: '以哪份内置政策为底稿',
    force: '覆盖已存在的文件',
    programExamples: `
示例：
  kaohe assess --votes samples/votes-long.csv --roster samples/roster.csv
  kaohe assess --votes 票据.csv --votes 汇总.csv --roster 名册.csv --format json > 结果.json
  kaohe tally samples/votes-wide-gb18030.csv
  kaohe policy show

退出代码：0 完成；1 达到 --fail-on 级别；2 用法错误；65 数据错误；66 输入文件不存在或不可读；70 内部错误；73 无法写出文件`,
    assessExamples: `
示例：
  kaohe assess --votes samples/votes-long.csv --votes samples/votes-wide-gb18030.csv \\
               --votes samples/votes-counts.csv --roster samples/roster.csv
  kaohe assess --votes 票据.csv --roster 名册.csv --lenient --format json
  kaohe assess --votes 票据.csv --fail-on adjustment   # 有人需组织调整或更重时退出代码 1
  cat 票据.csv | kaohe assess --votes - --lang en`,
    tallyExamples: `
示例：
  kaohe tally samples/votes-long.csv
  kaohe tally 票据.csv --encoding gb18030 --format csv > 统计.csv`,
    policyExamples: `
示例：
  kaohe policy show
  kaohe policy init 本地政策.json && kaohe assess --votes 票据.csv --policy 本地政策.json`,
  },
  en: {
    program: 'kaohe: cadre-by-cadre recommendations from evaluation ballots and personal-matter reports under the 2009 Opinion (it recommends; people decide)',
    version: 'show the version',
    help: 'show help',
    lang: 'language zh|en',
    format: 'stdout format table|json|csv',
    policy: 'policy: a built-in name (opinion-2009) or a JSON file',
    encoding: 'input encoding auto|utf-8|gb18030 (detected by default)',
    delimiter: 'CSV delimiter (detected by default: , ; tab)',
    sheet: 'XLSX sheet name (default: the first)',
    strict: 'stop on any data error (the default)',
    lenient: 'leave rows with errors out, list each in issues, mark the cadres data-incomplete',
    quiet: 'no notices (and no reading progress)',
    noColor: 'no colour (NO_COLOR works too)',
    assess: 'ballots (+ roster) → one recommendation per cadre, with its rationale',
    votes: 'vote file (long, wide or counts; CSV/TSV; - for stdin), repeatable',
    roster: 'the cadre roster',
    votesFormat: 'force the vote shape long|wide|counts (detected from the header by default)',
    sumCounts: 'count files are disjoint voter groups: add their counts per cadre',
    failOn: 'exit 1 when any cadre reaches this level (admonishment|organizational-handling|adjustment|dismissal|withheld|data-incomplete)',
    tally: 'counts, shares and margins only (no roster, no recommendations)',
    tallyFiles: 'vote files',
    policyCmd: 'show or export a policy',
    policyShow: 'print a policy (default opinion-2009) and its SHA-256',
    policyName: 'a built-in policy name or a policy file',
    policyInit: 'write a copy of a built-in policy to edit',
    policyFile: 'the file to write',
    policyFrom: 'the built-in policy to copy',
    force: 'overwrite an existing file',
    programExamples: `
Examples:
  kaohe assess --votes samples/votes-long.csv --roster samples/roster.csv --lang en
  kaohe assess --votes ballots.csv --votes counts.csv --roster roster.csv --format json > result.json
  kaohe tally samples/votes-wide-gb18030.csv
  kaohe policy show

Exit codes: 0 done; 1 --fail-on level reached; 2 usage error; 65 data error; 66 input missing or unreadable; 70 internal error; 73 output cannot be written`,
    assessExamples: `
Examples:
  kaohe assess --votes samples/votes-long.csv --votes samples/votes-wide-gb18030.csv \\
               --votes samples/votes-counts.csv --roster samples/roster.csv --lang en
  kaohe assess --votes ballots.csv --roster roster.csv --lenient --format json
  kaohe assess --votes ballots.csv --fail-on adjustment   # exit 1 if anyone needs adjustment or more
  cat ballots.csv | kaohe assess --votes - --lang en`,
    tallyExamples: `
Examples:
  kaohe tally samples/votes-long.csv --lang en
  kaohe tally ballots.csv --encoding gb18030 --format csv > tally.csv`,
    policyExamples: `
Examples:
  kaohe policy show
  kaohe policy init local.json && kaohe assess --votes ballots.csv --policy local.json`,
  },
} as const
