/** --help texts, with examples, per language. */
export const HELP = {
  zh: {
    program: '考核：依据《关于进一步从严管理干部的意见》（2009）从测评票和个人有关事项报告得出逐人处置建议（只建议，不决定）',
    version: '显示版本',
    help: '显示帮助',
    lang: '界面语言 zh|en（也可设环境变量 KAOHE_LANG）',
    format: '标准输出格式 table|json|csv',
    policy: '政策：内置名称（opinion-2009、cadre-report-2017；等次为 合格/基本合格/不合格 用 opinion-2009-hege，为 好/较好/一般/差 用 opinion-2009-haohuai）或 JSON 文件',
    encoding: '输入编码 auto|utf-8|gb18030（默认自动识别）',
    delimiter: 'CSV 分隔符（默认自动识别 , ; tab）',
    sheet: 'XLSX 工作表名或序号（默认读所有同类工作表；也可写成 文件.xlsx#工作表名 或 文件.xlsx#2）',
    headerRow: '表头所在行号（多行表头写最上一行；默认在前 20 行中自动查找）',
    strict: '有任何数据错误即停止（默认）',
    lenient: '跳过有错误的行，逐条列入 issues，相关干部标为数据不完整',
    quiet: '不输出提示信息（也不显示读取进度）',
    wide: '终端表格显示全部列、不截断。默认按终端宽度（输出到文件或管道时不限宽；可设 COLUMNS）依次收窄：分母只写票数，得票率只写百分比，省去职务、单位、分母、历年、边距，截短姓名、处置建议和得票率，最后省去得票率列',
    noColor: '不使用颜色（也可设 NO_COLOR）',
    assess: '测评票（+名册、个人事项报告、查核结果）→ 逐人处置建议及理由',
    votes: '测评票文件（长表、宽表、汇总表或纸质测评票；CSV/TSV/XLSX，可写 文件.xlsx#工作表；- 为标准输入），可重复',
    roster: '干部名册文件（有干部编号，或只有 姓名+单位）',
    votesFormat: '强制指定测评票格式 long|wide|counts|paper（默认按表头识别）',
    sumCounts: '多个汇总表是不同测评人群体，同一干部的票数相加',
    failOn: '任一干部的处置达到此级别时以代码 1 退出（admonishment|organizational-handling|adjustment|dismissal|withheld|data-incomplete|no-data；data-incomplete 也包括无测评数据的干部）',
    tally: '只统计票数、得票率和边距（不需名册，不给处置）',
    tallyFiles: '测评票文件',
    policyCmd: '查看、检查或导出政策',
    policyShow: '显示政策（默认 opinion-2009）及其 SHA-256',
    policyName: '内置政策名或政策文件',
    policyInit: '写出一份内置政策的副本以便修改',
    policyCheck: '检查政策文件是否有效，并逐条用文字说明其规则（何时触发、举例票数、措施与程序）',
    policyCheckFile: '政策文件（或内置政策名）',
    policyCheckExamples: `
示例：
  kaohe policy check 本地政策.json
  kaohe policy check 本地政策.json --lang en
  kaohe policy check opinion-2009

政策有效时退出代码 0，并说明：分母、临界票数、最低参加比例、每条得票率规则（shareRules：比较、界线、
30 票时的触发票数、可选措施、决定前须履行的程序），以及第3项、第5项各规则是否启用（disabledRules）。
无效时退出代码 65，列出每一处问题（如 shareRules.2.share、重复的规则 id、未知的 disabledRules）。`,
    policyShowPolicy: '同 [名称]：内置政策名或政策文件',
    policyShowFormat: '输出格式：只有 json（政策本身就是 JSON；table、csv 不可用）',
    policyShowQuiet: '不在标准错误上输出 SHA-256',
    policyShowExamples: `
示例：
  kaohe policy show                        # 内置 opinion-2009
  kaohe policy show opinion-2009-hege > 合格制.json
  kaohe policy show 本地政策.json -q

政策以 JSON 写到标准输出，其名称、版本和 SHA-256 写到标准错误。`,
    policyInitExamples: `
示例：
  kaohe policy init 本地政策.json
  kaohe policy init 本地政策.json --from cadre-report-2017 --force

文件已存在时须加 --force（否则退出代码 73）。`,
    tallyHistoryExamples: `
历年对比（--history）：
  kaohe tally 2026年测评票.csv --history 2025年考核结果.json --history 2024年汇总.xlsx
  kaohe tally 票据.csv --year 2026 --history 2025年考核结果.json

本年度：--year，否则为测评票文件名中的年份。往年须早于本年度、各年不重复；与本年度输入内容相同的文件不能作为往年。
往年的得票率一律按本年度政策的份额规则由记录的票数重新计算；对应不上或对应不唯一的干部列入数据问题，不作猜测。`,
    tallyOutExamples: `
导出与审计：
  kaohe tally samples/votes-long.csv --out 统计.xlsx --out 统计.csv --out 统计.json
  kaohe tally 票据.csv --out 统计.csv --out-encoding gb18030   # 旧系统用 GB18030
  kaohe verify 统计.xlsx.manifest.json

输出文件只有本人可读（0600），原子写入；已存在时须加 --force（否则退出代码 73）。
写出的文本单元格都已防公式注入（以 = + - @ 制表符 回车 开头的前加 '）。`,
    policyFile: '要写入的文件',
    policyFrom: '以哪份内置政策为底稿',
    force: '覆盖已存在的文件（改名替换，不在原处改写；符号链接替换链接本身）',
    reports: '个人有关事项报告文件（宽表：每人一行、每个事项一列；长表：事项、内容 两列；CSV/XLSX），可重复',
    findings: '查核结果文件（干部编号、事项、情况、情节严重，可选 类型：漏报/瞒报）',
    year: '本年度 YYYY：个人事项报告按该年的截止日期（政策 reports.deadline，如 01-31）判断逾期（默认取各报告日期所在年份）；使用 --history 时即“本年度”（默认取测评票文件名中的年份）',
    tallyYear: '本年度 YYYY，供 --history 使用（默认取测评票文件名中的年份）',
    history: '往年的结果：kaohe 写出的 JSON（--out 2024.json），或含“年度”列（或文件名、工作表名含年份）的往年汇总表；可重复。按编号、否则按姓名+单位对应本年度干部，给出历年得票率和第9项“长期处于落后状态”、第10项“重新任用”的提示',
    historyExamples: `
历年对比（--history）：
  kaohe assess --votes 2025年测评票.csv --roster 名册.csv --out 2025年考核结果.json   # 每年保存 JSON
  kaohe assess --votes 2026年测评票.csv --roster 名册.csv --history 2025年考核结果.json --history 2024年汇总.xlsx
  kaohe tally 票据.csv --year 2026 --history 2025年考核结果.json

本年度：--year，否则为测评票文件名中的年份。往年须早于本年度、各年不重复；与本年度输入内容相同的文件不能作为往年。
往年的得票率一律按本年度政策的份额规则由记录的票数重新计算；对应不上或对应不唯一的干部列入数据问题，不作猜测。
第9项“长期处于落后状态”：某条份额规则本年度和此前连续 N 年（政策 history.persistentYears，默认 1）都触发；
第10项“重新任用”：往年曾建议组织调整或免职，此后各年均未触发任何规则且各边距大于临界票数。两者都只是提示，不单独构成处置。`,
    reportsCmd: '只做第5项检查：个人有关事项报告（未报告、不完整、逾期）、查核结果、述职述廉 → 逐人处置建议',
    reportsFiles: '个人有关事项报告文件（CSV/XLSX）',
    templateCmd: '生成带正确表头和一行示例的空白输入文件，kaohe 可直接读取',
    templateKind: '文件种类 votes|wide|paper|counts|reports|roster|findings（长表选票、宽表选票、纸质测评票、汇总、个人事项报告、名册、查核结果）',
    templateOut: '写入文件（.csv 带 BOM 或 .xlsx）；不给则把 CSV 打印到标准输出',
    reportsExamples: `
示例：
  kaohe reports samples/reports-wide.csv --roster samples/roster.csv --findings samples/findings.csv
  kaohe reports 报告.xlsx --sheet 个人事项 --roster 名册.xlsx --policy cadre-report-2017 --year 2025
  kaohe reports 报告.csv --roster 名册.csv --format json > 个人事项.json

报告中某事项填“无”或写明情况即为已填；空白、-、/、待填 为未填。名册“应报告个人事项”为“否”的干部不检查。`,
    templateExamples: `
示例：
  kaohe template votes                        # CSV 打印到标准输出
  kaohe template wide --out 宽表选票.xlsx     # 每名干部一列
  kaohe template paper --out 纸质测评票.csv   # 纸质票录入：在等次列打 √
  kaohe template votes --lang en --out ballots.csv  # 英文表头
  kaohe template reports --out 个人事项报告.xlsx
  kaohe template reports --policy cadre-report-2017 --out 报告2017.csv
  kaohe template roster --out 名册.csv && kaohe template findings --out 查核结果.csv`,
    out: '写出结果文件，格式由扩展名决定：.json .csv .xlsx .md .html；可重复',
    manifest: '审计清单文件（默认：第一个 --out 加 .manifest.json）',
    outEncoding: 'CSV 文件编码 utf-8|gb18030（默认 UTF-8 带 BOM；指定 --encoding gb18030 时为 GB18030）',
    outForce: '覆盖已存在的输出文件和清单（整组替换；符号链接替换链接本身）',
    verify: '核验清单：重读输入、核对 SHA-256、重新运行并逐字节比较输出',
    verifyManifest: '清单文件（--out 时写出的 *.manifest.json）',
    verifyFormat: '输出格式 table|json',
    outExamples: `
导出与审计：
  kaohe assess --votes samples/votes-long.csv --votes samples/votes-wide-gb18030.csv \\
               --votes samples/votes-counts.csv --roster samples/roster.csv \\
               --out 结果.xlsx --out 结果.html --out 结果.md --out 结果.json --out 结果.csv
  kaohe assess --votes 票据.csv --out 结果.csv --out-encoding gb18030   # 旧系统用 GB18030
  kaohe assess --votes 票据.csv --out 结果.xlsx --manifest 审计/清单.json --force
  SOURCE_DATE_EPOCH=1767225600 kaohe assess --votes 票据.csv --out 结果.json   # 清单记录的时间
  kaohe verify 结果.xlsx.manifest.json

输出文件只有本人可读（0600）；全部输出和清单作为一组写出：先都写成临时文件，都写完才改名到位，
任何一个写不出（如磁盘已满，退出代码 73）则一个也不换，之前的那组文件原样保留。已存在时须加 --force
（否则 73）；--force 遇到符号链接时替换链接本身，不写它指向的文件。输出与输入是同一个文件（硬链接、
符号链接、绑定挂载）时拒绝（退出代码 2）。同一输出正被另一个 kaohe 写时拒绝（73）。Ctrl-C 等中断时
删除临时文件，退出代码 130（SIGINT）/143（SIGTERM）/129（SIGHUP）。
写出的文本单元格都已防公式注入（以 = + - @ 制表符 回车 开头的前加 '）。`,
    verifyExamples: `
示例：
  kaohe verify 结果.xlsx.manifest.json
  kaohe verify 审计/清单.json --format json

输入按清单所在目录的相对位置查找，整个文件夹移动后仍可核验。输出在内存中重新生成并比较，不写任何文件。
不信任清单：只读普通文件（设备、管道、目录一概不读），有大小上限；每个字段严格校验，政策只接受内置 id；
记录的行数、格式、编码、形态、字节数都与重新运行的结果核对；清单中的字符串转义后才打印。
退出代码：0 全部一致；1 有不一致（指出第一个，或不一致的字段）；66 输入文件已不存在或不是普通文件；65 清单无效`,
    programExamples: `
示例：
  kaohe assess --votes samples/votes-long.csv --roster samples/roster.csv
  kaohe assess --votes 票据.csv --votes 汇总.csv --roster 名册.csv --format json > 结果.json
  kaohe tally samples/votes-wide-gb18030.csv
  kaohe reports samples/reports-wide.csv --roster samples/roster.csv --findings samples/findings.csv
  kaohe template reports --out 个人事项报告.xlsx
  kaohe policy show

退出代码：0 完成；1 达到 --fail-on 级别或 verify 发现不一致；2 用法错误；65 数据错误；66 输入文件不存在或不可读；70 内部错误；73 无法写出文件`,
    assessExamples: `
示例：
  kaohe assess --votes samples/votes-long.csv --votes samples/votes-wide-gb18030.csv \\
               --votes samples/votes-counts.csv --roster samples/roster.csv
  kaohe assess --votes 票据.csv --roster 名册.csv --lenient --format json
  kaohe assess --votes 票据.csv --fail-on adjustment   # 有人需组织调整或更重时退出代码 1
  kaohe assess --votes 票据.csv --roster 名册.csv --reports 个人事项.xlsx --findings 查核结果.csv
  cat 票据.csv | kaohe assess --votes - --lang en

真实表格（标题行、两行表头、序号、合计、注 等由 kaohe 自行识别，跳过的行逐一列出）：
  kaohe assess --votes 测评结果汇总表.xlsx --roster 干部名单.xlsx      # 所有同类工作表都读
  kaohe assess --votes 测评.xlsx#正职 --votes 测评.xlsx#副职 --roster 名册.csv
  kaohe assess --votes 测评票.xlsx --votes-format paper                # 纸质测评票（打 √）
  kaohe assess --votes 汇总.csv --header-row 3 --policy opinion-2009-hege`,
    tallyExamples: `
示例：
  kaohe tally samples/votes-long.csv
  kaohe tally 票据.csv --encoding gb18030 --format csv > 统计.csv
  kaohe tally 测评结果汇总表.xlsx#2 --header-row 4`,
    policyExamples: `
示例：
  kaohe policy show
  kaohe policy init 本地政策.json                 # 写出 opinion-2009 的副本
  kaohe policy check 本地政策.json                # 修改后检查，并逐条说明规则
  kaohe assess --votes 票据.csv --policy 本地政策.json

本地政策可修改、删除或增加 shareRules 中的得票率规则，例如“基本称职+不称职 ≥ 1/2 → 组织调整”：
  {"id": "local-basic-or-worse", "marks": ["basicallyCompetent", "incompetent"],
   "comparison": "atOrAbove", "share": "1/2", "measure": "adjustment",
   "label": {"zh": "基本称职及以下过半", "en": "half or more basically competent or worse"}}
disabledRules 可停用第3项、第5项的规则，如 ["item5-report-late"]。`,
  },
  en: {
    program: 'kaohe: cadre-by-cadre recommendations from evaluation ballots and personal-matter reports under the 2009 Opinion (it recommends; people decide)',
    version: 'show the version',
    help: 'show help',
    lang: 'language zh|en (KAOHE_LANG works too)',
    format: 'stdout format table|json|csv',
    policy: 'policy: a built-in name (opinion-2009, cadre-report-2017; opinion-2009-hege for 合格/基本合格/不合格 grades, opinion-2009-haohuai for 好/较好/一般/差) or a JSON file',
    encoding: 'input encoding auto|utf-8|gb18030 (detected by default)',
    delimiter: 'CSV delimiter (detected by default: , ; tab)',
    sheet: 'XLSX sheet name or number (default: every sheet of the same kind; file.xlsx#SHEET or file.xlsx#2 names one per input)',
    headerRow: 'the line of the header row (the top one of several; default: found among the first 20 rows)',
    strict: 'stop on any data error (the default)',
    lenient: 'leave rows with errors out, list each in issues, mark the cadres data-incomplete',
    quiet: 'no notices (and no reading progress)',
    wide: 'the terminal table in full. By default it fits the terminal (no limit into a file or pipe; COLUMNS sets one), narrowed in this order: the denominator without its basis, shares as percentages only, then post, unit, denominator, trend and margin left out, names, recommendations and shares cut with …, last the share columns left out',
    noColor: 'no colour (NO_COLOR works too)',
    assess: 'ballots (+ roster, personal-matter reports, verification findings) → one recommendation per cadre, with its rationale',
    votes: 'vote file (long, wide, counts or paper ballots; CSV/TSV/XLSX, file.xlsx#SHEET; - for stdin), repeatable',
    roster: 'the cadre roster (with cadre ids, or names + units only)',
    votesFormat: 'force the vote shape long|wide|counts|paper (detected from the header by default)',
    sumCounts: 'count files are disjoint voter groups: add their counts per cadre',
    failOn: 'exit 1 when any cadre reaches this level (admonishment|organizational-handling|adjustment|dismissal|withheld|data-incomplete|no-data; data-incomplete also catches cadres without vote data)',
    tally: 'counts, shares and margins only (no roster, no recommendations)',
    tallyFiles: 'vote files',
    policyCmd: 'show, check or export a policy',
    policyShow: 'print a policy (default opinion-2009) and its SHA-256',
    policyName: 'a built-in policy name or a policy file',
    policyInit: 'write a copy of a built-in policy to edit',
    policyCheck: 'validate a policy file and explain each of its rules in words (when it fires, an example count, measure and steps)',
    policyCheckFile: 'the policy file (or a built-in policy name)',
    policyCheckExamples: `
Examples:
  kaohe policy check local.json --lang en
  kaohe policy check opinion-2009 --lang en

A valid policy exits 0 and is explained: the denominator, the borderline margin, the minimum
participation, each share rule (shareRules: comparison, share, the vote count that fires it out
of 30, options, steps before deciding) and whether each rule of items 3 and 5 is on
(disabledRules). An invalid one exits 65 naming every problem (e.g. shareRules.2.share, a
repeated rule id, an unknown id in disabledRules).`,
    policyShowPolicy: 'the same as [name]: a built-in policy name or a policy file',
    policyShowFormat: 'output format: json only (a policy is JSON; table and csv are refused)',
    policyShowQuiet: 'no SHA-256 line on stderr',
    policyShowExamples: `
Examples:
  kaohe policy show                        # the built-in opinion-2009
  kaohe policy show opinion-2009-hege > hege.json
  kaohe policy show local.json -q

The policy goes to stdout as JSON; its name, version and SHA-256 go to stderr.`,
    policyInitExamples: `
Examples:
  kaohe policy init local.json
  kaohe policy init local.json --from cadre-report-2017 --force

An existing file needs --force (else exit 73).`,
    tallyHistoryExamples: `
Earlier years (--history):
  kaohe tally 2026-votes.csv --history 2025-results.json --history 2024-counts.xlsx
  kaohe tally ballots.csv --year 2026 --history 2025-results.json

This year: --year, else the year in the vote files' names. Earlier years must be earlier and
distinct; a file with the same content as one of this year's inputs is refused. Earlier shares
are recomputed from the recorded counts under this year's share rules; records that match no
cadre, or more than one, are listed among the data issues, never guessed.`,
    tallyOutExamples: `
Exports and audit:
  kaohe tally samples/votes-long.csv --out tally.xlsx --out tally.csv --out tally.json
  kaohe tally ballots.csv --out tally.csv --out-encoding gb18030   # GB18030 for legacy systems
  kaohe verify tally.xlsx.manifest.json

Output files are readable by their owner only (0600) and written atomically; an existing
file needs --force (else exit 73). Every text cell is safe from formula injection (a cell
opening with = + - @ tab or CR gets a leading ').`,
    policyFile: 'the file to write',
    policyFrom: 'the built-in policy to copy',
    force: 'overwrite an existing file (replaced by a rename, never rewritten in place; a symbolic link is replaced itself)',
    reports: 'personal-matter report files (wide: a row per cadre, a column per category; long: category and content columns; CSV/XLSX), repeatable',
    findings: 'the verification findings file (cadre id, category, detail, serious; optional type: 漏报/瞒报)',
    year: "this year YYYY: personal-matter reports after its deadline (policy reports.deadline, e.g. 01-31) are late (default: the year of each report's date); with --history, the year assessed (default: the year in the vote files' names)",
    tallyYear: "this year YYYY, for --history (default: the year in the vote files' names)",
    history: "an earlier year's result: a JSON report kaohe wrote (--out 2024.json), or that year's count sheet with a 年度 column (or the year in its file or sheet name); repeatable. Cadres are matched by id, else name + unit; adds each cadre's shares year by year and the notes of item 9 (long behind) and item 10 (re-appointment)",
    historyExamples: `
Earlier years (--history):
  kaohe assess --votes 2025-votes.csv --roster roster.csv --out 2025-results.json   # keep each year's JSON
  kaohe assess --votes 2026-votes.csv --roster roster.csv --history 2025-results.json --history 2024-counts.xlsx
  kaohe tally ballots.csv --year 2026 --history 2025-results.json

This year: --year, else the year in the vote files' names. Earlier years must be earlier and
distinct; a file with the same content as one of this year's inputs is refused. Earlier shares
are recomputed from the recorded counts under this year's share rules; records that match no
cadre, or more than one, are listed among the data issues, never guessed.
item9-persistent: a share rule fired this year and in each of the previous N years (policy
history.persistentYears, default 1); item10-reappointment: an earlier adjustment or dismissal,
and no rule fired since with every margin above the borderline. Both are notes, never a measure.`,
    reportsCmd: 'item-5 checks only: personal-matter reports (missing, incomplete, late), verification findings, duty statements → one recommendation per cadre',
    reportsFiles: 'personal-matter report files (CSV/XLSX)',
    templateCmd: 'write a blank input file with the right headers and one example row, ready for kaohe to read',
    templateKind: 'the kind of file: votes|wide|paper|counts|reports|roster|findings (long ballots, wide ballots, paper ballots, counts, reports, roster, findings)',
    templateOut: 'the file to write (.csv with a BOM, or .xlsx); without it, CSV on stdout',
    reportsExamples: `
Examples:
  kaohe reports samples/reports-wide.csv --roster samples/roster.csv --findings samples/findings.csv --lang en
  kaohe reports reports.xlsx --sheet Sheet2 --roster roster.xlsx --policy cadre-report-2017 --year 2025
  kaohe reports reports.csv --roster roster.csv --format json > item5.json

A category is answered by 无 (none) or a description; blank, -, / and 待填 are unanswered. Cadres whose roster row says 否 to 应报告个人事项 are not checked.`,
    templateExamples: `
Examples:
  kaohe template votes                        # CSV on stdout
  kaohe template wide --out wide-ballots.xlsx  # one column per cadre
  kaohe template paper --out paper-ballots.csv  # paper ballots typed in: a √ in the grade's column
  kaohe template votes --lang en --out ballots.csv  # English headers
  kaohe template reports --out reports.xlsx
  kaohe template reports --policy cadre-report-2017 --out reports-2017.csv
  kaohe template roster --out roster.csv && kaohe template findings --out findings.csv`,
    out: 'write the result to a file, its format by extension: .json .csv .xlsx .md .html; repeatable',
    manifest: 'the audit manifest (default: the first --out + .manifest.json)',
    outEncoding: 'encoding of CSV files utf-8|gb18030 (default UTF-8 with BOM; GB18030 when --encoding gb18030)',
    outForce: 'overwrite existing output files and the manifest (as one set; a symbolic link is replaced itself)',
    verify: 'verify a manifest: re-read the inputs, check their SHA-256, re-run and compare every output byte for byte',
    verifyManifest: 'the manifest file (the *.manifest.json written with --out)',
    verifyFormat: 'output format table|json',
    outExamples: `
Exports and audit:
  kaohe assess --votes samples/votes-long.csv --votes samples/votes-wide-gb18030.csv \\
               --votes samples/votes-counts.csv --roster samples/roster.csv --lang en \\
               --out result.xlsx --out result.html --out result.md --out result.json --out result.csv
  kaohe assess --votes ballots.csv --out result.csv --out-encoding gb18030   # GB18030 for legacy systems
  kaohe assess --votes ballots.csv --out result.xlsx --manifest audit/manifest.json --force
  SOURCE_DATE_EPOCH=1767225600 kaohe assess --votes ballots.csv --out result.json   # the time the manifest records
  kaohe verify result.xlsx.manifest.json

Output files are readable by their owner only (0600). The outputs and the manifest are one
set: all are written to temporary files and moved into place only when every one is
complete; if one cannot be written (a full disk: exit 73) none is replaced and the previous
set stays as it was. An existing file needs --force (else 73); --force replaces a symbolic
link itself, never the file it points to. An output that is an input (hard link, symbolic
link, bind mount) is refused (exit 2); so is an output another kaohe run is writing (73).
Interrupted, kaohe removes its temporary files: exit 130 (SIGINT), 143 (SIGTERM), 129 (SIGHUP).
Every text cell is safe from formula injection (a cell opening with = + - @ tab or CR gets a
leading ').`,
    verifyExamples: `
Examples:
  kaohe verify result.xlsx.manifest.json
  kaohe verify audit/manifest.json --format json --lang en

Inputs are looked up relative to the manifest's folder, so a folder moved as a whole still verifies.
Outputs are rendered again in memory and compared: verify writes nothing.
It trusts no manifest: only regular files are read (no device, FIFO or folder), within size limits;
every field is checked strictly, a built-in policy only by its id; recorded rows, formats,
encodings, shapes and sizes are checked against the re-run; manifest strings are printed escaped.
Exit codes: 0 all match; 1 a difference (the first, or the field, is named); 66 an input is gone or not a regular file; 65 invalid manifest`,
    programExamples: `
Examples:
  kaohe assess --votes samples/votes-long.csv --roster samples/roster.csv --lang en
  kaohe assess --votes ballots.csv --votes counts.csv --roster roster.csv --format json > result.json
  kaohe tally samples/votes-wide-gb18030.csv
  kaohe reports samples/reports-wide.csv --roster samples/roster.csv --findings samples/findings.csv --lang en
  kaohe template reports --out reports.xlsx
  kaohe policy show

Exit codes: 0 done; 1 --fail-on level reached or verify found a difference; 2 usage error; 65 data error; 66 input missing or unreadable; 70 internal error; 73 output cannot be written`,
    assessExamples: `
Examples:
  kaohe assess --votes samples/votes-long.csv --votes samples/votes-wide-gb18030.csv \\
               --votes samples/votes-counts.csv --roster samples/roster.csv --lang en
  kaohe assess --votes ballots.csv --roster roster.csv --lenient --format json
  kaohe assess --votes ballots.csv --fail-on adjustment   # exit 1 if anyone needs adjustment or more
  kaohe assess --votes ballots.csv --roster roster.csv --reports reports.xlsx --findings findings.csv
  cat ballots.csv | kaohe assess --votes - --lang en

Real sheets (title rows, two-row headers, 序号, 合计 and 注 rows are found by kaohe; each skipped row is listed):
  kaohe assess --votes results.xlsx --roster names.xlsx --lang en       # every sheet of the same kind
  kaohe assess --votes book.xlsx#正职 --votes book.xlsx#副职 --roster roster.csv
  kaohe assess --votes ballots.xlsx --votes-format paper                # paper ballots (ticks √)
  kaohe assess --votes counts.csv --header-row 3 --policy opinion-2009-hege`,
    tallyExamples: `
Examples:
  kaohe tally samples/votes-long.csv --lang en
  kaohe tally ballots.csv --encoding gb18030 --format csv > tally.csv
  kaohe tally results.xlsx#2 --header-row 4`,
    policyExamples: `
Examples:
  kaohe policy show
  kaohe policy init local.json                   # a copy of opinion-2009
  kaohe policy check local.json --lang en        # after editing: validate and explain
  kaohe assess --votes ballots.csv --policy local.json

A local policy may change, remove or add the share rules in shareRules, e.g.
"basically competent + incompetent ≥ 1/2 → adjustment":
  {"id": "local-basic-or-worse", "marks": ["basicallyCompetent", "incompetent"],
   "comparison": "atOrAbove", "share": "1/2", "measure": "adjustment",
   "label": {"zh": "基本称职及以下过半", "en": "half or more basically competent or worse"}}
disabledRules switches rules of items 3 and 5 off, e.g. ["item5-report-late"].`,
  },
} as const
