import type { Dict } from './index.js'
import { historyMessage } from './history-words.js'
import { columnLetter, fill, isXlsx, joinLists } from './index.js'

const MESSAGES: Record<string, string> = {
  // data rows
  'unknown-grade': "无法识别的等次 '{value}'：请改为 优秀/称职/基本称职/不称职/弃权/无效 之一，或在政策的 gradeSynonyms 中映射",
  'unknown-grade-set': "无法识别的等次 '{value}'：这是另一套等次（{set}）的写法，请加 --policy {policy}；或改为 优秀/称职/基本称职/不称职/弃权/无效 之一",
  'missing-grade': '测评等次为空：长表每行须有一个等次（不评价某人请删去该行）',
  'missing-value': '此列不能为空：请补填',
  'missing-cadre': '此行没有干部编号或姓名：请补填',
  'duplicate-mark': '票号与干部「{cadre}」的同一等次已计入（完全重复的行）：请删除重复行',
  'group-mismatch': "票号 {ballot} 此前的测评人类别为 '{first}'，此处不同：请核对",
  'not-on-roster': '干部「{id}」不在干部名册中：请核对编号/姓名，或补入名册',
  'not-on-roster-zeros': '干部「{id}」不在干部名册中，但名册中有「{near}」：多半是 Excel 把编号当成数字、去掉了开头的 0。请把编号列设为“文本”格式后重新填写或导出（kaohe template 生成的模板已如此设置）',
  'template-example': '「{example}」是模板中的示例，不是真实数据：请删除示例行（宽表则删除示例列），填入真实数据后再运行',
  'name-mismatch': "干部编号 {id} 的姓名 '{name}' 与 '{expected}' 不一致：请核对编号",
  'ambiguous-name': '姓名「{name}」对应多名干部（{ids}）：请改用干部编号，或加单位列',
  'mixed-sources': '干部「{id}」既有选票又有汇总票数：同一干部只能用一种形式',
  'duplicate-cadre': '干部「{id}」在同一文件中重复出现：请合并为一行',
  'cadre-in-two-count-files': '干部「{id}」已出现在汇总文件 {other} 中：若两文件是不同测评人群体，请加 --sum-counts',
  'not-integer': "票数 '{value}' 不是非负整数：请填写整数（如 12）",
  'negative-count': "票数 '{value}' 为负数：请更正",
  'count-too-large': "票数 '{value}' 过大：请核对",
  'counts-dont-add-up': '各等次及弃权、无效之和为 {sum}，与实参加人数 {value} 不符：请核对',
  'participated-exceeds-eligible': '实参加人数 {participated} 超过应参加人数 {value}：请核对',
  'formula-error': '单元格是公式错误 {value}，不是数据：请在 Excel/WPS 中修正公式（或把该列复制后“选择性粘贴为数值”），再重新导出',
  'extra-cells': '此行在第 {width} 列之后还有内容，表头没有对应列：请删除或补表头',
  'bad-flag': "'{value}' 应为 是 或 否",
  'bad-annual-grade': "年度考核等次 '{value}' 应为 优秀/称职/基本称职/不称职 之一",
  'duplicate-header': '表头重复（与第 {first} 列相同）：请删除或改名',
  'unknown-column': '未知列，已忽略',
  'unnamed-column': '此列没有表头，共 {rows} 行在此列有内容，未读入：如是数据，请补上表头',
  'unnamed-vote-column': '此列没有表头，但其中的内容可能是测评票数或等次：请补上表头，或删去此列的内容',
  'unknown-report-column': '此列不是政策中的个人事项类别，已忽略：若是事项，请按政策的写法改列名（kaohe policy show 可查看）',
  'missing-category-columns': '报告表缺少事项列：{categories}（政策 {policy}）：除非另有报告文件填报，这些事项视为未填报',
  'unknown-category': "无法识别的事项 '{value}'：应为 {known} 之一",
  'bad-date': "无法识别的日期 '{value}'：请写成 2025-01-31、2025/1/31 或 2025年1月31日",
  'duplicate-report-category': '事项「{category}」已在 {first} 填报：同一干部的同一事项只能填报一次，请合并',
  'duplicate-finding': '与 {first} 的查核结果完全相同（重复行）：请删除重复行',
  // real sheets (SPEC §2.0, issue 12)
  'unmapped-header': "无法识别的表头「{value}」，但它像是票数、等次或人员信息：丢掉它可能改变结果，因此不予忽略。请改为可识别的列名（{accepted}），或删去此列",
  'outcome-column': '此列是测评结果，kaohe 根据票数自行计算，已忽略',
  'column-for-other-input': '此列属于 {input} 文件，在这里已忽略',
  'unchecked-column': '无法判断此比例/合计列对应哪一等次，未核对，已忽略',
  'skipped-above-header': '表头以上的行（标题、填报单位、日期等），已跳过',
  'skipped-info': '信息行（应到 {eligible}、实到 {participated}），已读取，不作为数据行',
  'skipped-footnote': '脚注或说明行（注、说明、填表人、审核人等），已跳过',
  'skipped-total': '合计/小计行，不是干部：已跳过，其中各数已与所合计的 {rows} 行核对',
  'skipped-total-unchecked': '合计/小计行，不是数据：已跳过（此类文件没有可核对的票数）',
  'skipped-share-row': '比例行（上一行干部的得票比例），已跳过，比例已与票数核对',
  'skipped-repeated-header': '重复的表头行，已跳过',
  'skipped-section': '分组标题行（如“一、正职”），已跳过',
  'total-mismatch': '合计不符：所合计的 {rows} 行之和为 {expected}，此处为 {value}：请核对合计行或各行的数',
  'share-mismatch': '比例 {value} 与票数不符（按票数 {num}/{den} 应为 {expected}）：请核对比例或票数',
  'row-total-mismatch': '本行合计 {value} 与各等次之和不符（有效票 {valid}，含弃权、无效共 {returned}）：请核对',
  'mark-in-count-sheet': "'{value}' 是勾选标记，不是票数：这像是纸质测评票（每行在所选等次下打 √），请用 --votes-format paper；若是汇总表，请填写票数",
  'bad-paper-mark': "'{value}' 不是勾选标记：测评票每行在所选等次下打 √（或 ✓ ○ ● 1 x），其余留空",
  'paper-cadre-twice': '此人在同一张测评票上已出现过（第 {first} 行，该票从第 {ballot} 行开始）：各张票之间请用空行、重复的表头或“票号”列分开',
  'paper-info-differs': '本处的应到 {eligible}、实到 {participated} 与 {first} 不同：同一批测评票的人数应一致，请核对',
  'paper-more-ballots': '读到 {ballots} 张测评票，多于实到人数 {participated}：请核对是否重复录入，或更正实到人数',
  'paper-fewer-ballots': '读到 {ballots} 张测评票，少于实到人数 {participated}：若有测评票未录入，结果会不同',
  'duplicate-roster-name': '名册中已有同名同单位的干部「{id}」：名册没有干部编号时，以姓名+单位区分干部，请加单位或干部编号列',
  'ambiguous-header-row': '{file}：第 {lines} 行都像表头，无法确定哪一行是表头：请用 --header-row 指定（若是两张表，请分成两个工作表或文件）',
  'header-row-blank': '{file} 第 {line} 行是空行或不存在，不能作为表头：请核对 --header-row',
  'sheet-empty': '空工作表，已跳过',
  'sheet-skipped': '此工作表中没有可作为 {kind} 读取的表格（如填表说明，或另一种文件），已跳过；若要读它，请写成 文件.xlsx#工作表名',
  'unknown-shape-grade-set': '{file} 第 {line} 行：表头的等次不是 优秀/称职/基本称职/不称职，而像是政策 {hint} 所用的等次：请加 --policy {hint}',
  // files
  'file-unreadable': '无法读取输入文件 {file}（{reason}）：请检查路径和权限',
  'empty-file': '{file} 是空文件或只有空白：请导出含表头的数据',
  'bad-encoding': '{file} 第 {line} 行附近（第 {byte} 字节）不是有效的 {encoding} 编码：请用 --encoding 指定正确编码（utf-8 或 gb18030），或重新导出',
  'csv-malformed': '{file} 第 {line} 行：CSV 格式错误（{detail}），多为引号未闭合：请检查该行的引号',
  'unsupported-format': '{file}：不支持此文件格式（.xls/.et/.ods），请在 Excel/WPS 中另存为 .xlsx 或 CSV（UTF-8 或 GB18030）',
  'xlsx-too-large': '{file} 大小为 {size} MB，超过 XLSX 输入上限 {limit} MB：请拆分文件或另存为 CSV',
  'xlsx-zip-bomb': '{file} 解压后的大小与文件大小极不相称（{detail}），疑为压缩炸弹，已拒绝读取：请从原系统重新导出，或另存为 CSV',
  'xlsx-beyond-limits': '{file} 工作表“{sheet}”的单元格 {cell} 超出 Excel 的范围（最多 {columns} 列，即到 XFD 列；{rows} 行）：这不是 Excel/WPS 保存的表格，请在 Excel/WPS 中打开后另存为 .xlsx，或另存为 CSV',
  'xlsx-invalid': '{file} 不是有效的 XLSX 文件（{detail}）：请在 Excel/WPS 中打开后重新另存为 .xlsx，或另存为 CSV',
  'sheet-not-found': "{file} 中没有名为 '{sheet}' 的工作表（现有：{sheets}）：请核对 --sheet",
  // robustness (issue 6): located file-level errors
  'line-too-long': '{file} 第 {line} 行超过 {max} 个字符，不像文本表格（二进制文件？）：请另存为 CSV（UTF-8 或 GB18030）',
  'nul-character': '{file} 第 {line} 行 第 {column} 列含有 NUL（空）字符，文本表格中不会有：文件可能是二进制文件、UTF-16 编码或已损坏，请另存为 CSV（UTF-8 或 GB18030）',
  'utf16-file': '{file} 是 {variant} 编码（如 Excel 的“Unicode 文本”）：请另存为 CSV（UTF-8 或 GB18030）',
  'csv-quote-not-closed': '{file} 第 {line} 行 第 {column} 列：此处开始的引号直到文件末尾都没有闭合：请补上闭合的引号，或删去多余的引号',
  'csv-bad-quote': '{file} 第 {line} 行 第 {column} 列：引号用法不对：含引号的单元格须整格用引号括起，格内的引号写成两个（""）',
  'ambiguous-header': "表头 '{value}' 既是干部 {id} 的编号，又是干部 {other} 的姓名：请改用干部编号作表头",
  'same-content': '文件 {file} 与 {other} 内容完全相同（同一文件的副本？）：同一批选票只能读入一次',
  'lang-env-invalid': '环境变量 KAOHE_LANG 的值 {value} 不是 zh 或 en，已按中文输出：请改为 zh 或 en，或删去该变量',
  'stdout-failed': '无法写入标准输出：{reason}',
  'no-vote-data': '{count} 名干部没有任何测评数据（{ids}），处置为“无测评数据”，未作第9项认定：请核对是否漏了测评票或汇总表（--fail-on no-data 可使批处理以代码 1 退出）',
  'policy-too-large': '政策文件 {file} 超过 {max} 字节，不是政策文件：请检查路径',
  'unknown-shape': '{file} 第 {line} 行：无法从表头识别测评票格式（长表需 票号+干部编号/姓名+测评等次；宽表需 票号+各干部列；汇总表需 优秀、称职、基本称职、不称职 列）：请核对表头或用 --votes-format 指定',
  'missing-columns': '{file} 第 {line} 行：{shape} 格式缺少列：{missing}',
  'bad-header': '{file}：表头有误',
  'no-category-columns': '{file} 第 {line} 行：报告表没有可识别的事项列。政策 {policy} 的事项为：{categories}（长表则需 事项、内容 两列）；若按另一份清单填报，请改用 --policy {other}',
  'no-cadre-columns': '{file} 第 {line} 行：宽表除票号外没有干部列',
  'file-given-twice': '文件 {file} 被指定了两次',
  'data-errors': '输入数据有 {count} 处错误，未生成结果（--strict）。请更正后重试，或用 --lenient 跳过有误的行',
  'unknown-policy': "未知的政策 '{name}'（内置：{known}）；若是文件，请写出路径（如 ./{name}.json）",
  'policy-not-json': '政策文件 {file} 不是有效的 JSON：{detail}',
  'policy-invalid': '政策文件 {file} 不符合格式：{detail}',
  'output-exists': '输出文件 {file} 已存在：加 --force 覆盖',
  'output-failed': '无法写入 {file}：{reason}',
  'leftover-removed': '已删除上次被强行终止的运行留下的临时文件 {file}（其中可能有个人信息）',
  'backup-removed': '已删除上次在提交输出时被强行终止的运行留下的备份 {file}（旧的输出文件，其中可能有个人信息；本次的输出已全部就位）',
  'output-busy': '另一个 kaohe 运行（进程号 {pid}）正在写 {file}：请等它结束后再运行（它的锁文件：{lock}）',
  'output-busy-elsewhere': '计算机 {host} 上的 kaohe（进程号 {pid}）正在写 {file}：请等它结束后再运行；确认它已结束后，删除锁文件 {lock}',
  'output-locked': '{file} 被锁文件 {lock} 锁定，但锁文件的内容无法识别：确认没有 kaohe 正在写它之后，删除该锁文件',
  interrupted: '已中断（{signal}），临时文件已删除',
  'bad-out-extension': '无法从扩展名判断输出文件 {file} 的格式：请用 .json .csv .xlsx .md .html 之一',
  'out-given-twice': '输出文件 {file} 被指定了两次（--out 或 --manifest）',
  'out-is-input': '输出文件 {file} 也是输入文件，写出会毁掉输入：请换一个输出路径',
  'output-not-encodable': '{file}：第 {line} 行的字符 {char} 无法以 GB18030 编码：请改用 UTF-8（--out-encoding utf-8）',
  'manifest-invalid': '{file} 不是有效的 kaohe 清单：{detail}',
  'manifest-unknown-kind': '清单 {file} 中的输入类型 {kind} 本版本不认识：请用生成该清单的 kaohe 版本（{version}）核验',
  'verify-stdin': '清单记录的输入来自标准输入（-），无法重新读取：请把数据保存为文件后重新运行并生成清单',
  'verify-input-missing': '清单中的{what} {file} 找不到或无法读取（按清单所在目录查找：{location}；{reason}）',
  'manifest-too-large': '{file} 超过 {max} 字节，不是 kaohe 清单：请检查路径',
  'verify-field-differs': '{what} {file} 与清单不一致：清单记录 {field} 为 {expected}，重新运行得到 {actual}',
  'verify-output-unreadable': '输出文件 {file} 无法与重新运行的结果核对（{reason}）：请检查清单和该路径',
  'verify-differs': '{what} {file} 与清单不一致：SHA-256 为 {actual}，清单记录为 {expected}',
  'verify-output-changed': '输出文件 {file} 已被改动：与重新运行的结果不一致（SHA-256 {actual}，清单记录 {expected}）',
  'verify-version': '清单由 kaohe {recorded} 生成，当前为 {current}：版本不同，输出可能随之不同',
  // usage
  'no-votes': '请用 --votes 指定至少一个测评票文件',
  'no-reports': '请指定至少一个个人有关事项报告文件',
  'format-unsupported': '{command} 不能输出 --format {format}：只能用 {formats}',
  'bad-option': '选项 {option} 的值 {value} 无效：{hint}',
  'stdin-twice': '标准输入（-）只能使用一次',
  internal: '内部错误（程序缺陷）：{detail}。请设置 KAOHE_DEBUG=1 重新运行并报告',
}

/** Why a file cannot be read (Node's error codes), in words a clerk can act on. */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: '文件不存在',
  EACCES: '没有读取权限',
  EPERM: '不允许访问',
  EISDIR: '这是目录，不是文件',
  'is-directory': '这是目录，不是文件',
  ENOTDIR: '路径中有一段不是目录',
  ELOOP: '符号链接循环',
  ENXIO: '不是可读取的文件（如套接字）',
  'not-regular': '不是普通文件（设备、管道或套接字）',
  'too-large': '文件过大',
  ENAMETOOLONG: '路径过长',
  EIO: '读取时出错',
}
const reasonText = (r: string | number | undefined): string | number | undefined =>
  typeof r === 'string' && Object.hasOwn(REASONS, r) ? (/^E[A-Z]+$/.test(r) ? `${REASONS[r]}，${r}` : REASONS[r]) : r

/** Why a file cannot be written, and what to do (never the reading words above). */
const WRITE_REASONS: Readonly<Record<string, string>> = {
  EACCES: '没有写入权限（EACCES）：请写到自己有写入权限的目录，或请管理员开放该目录的写入权限',
  EPERM: '不允许写入（EPERM）：文件或目录可能被设为不可更改：请换一个位置',
  EROFS: '这是只读的文件系统（EROFS）：请写到别处',
  ENOSPC: '磁盘空间已满（ENOSPC）：请腾出空间，或写到别的磁盘',
  EDQUOT: '超出磁盘配额（EDQUOT）：请腾出空间，或写到别处',
  EFBIG: '文件超出允许的大小（EFBIG）：请写到别处，或放宽文件大小限制',
  ENOENT: '目录不存在（ENOENT）：请先创建该目录',
  ENOTDIR: '路径中有一段不是目录（ENOTDIR）：请检查路径',
  EISDIR: '这是一个目录（EISDIR）：请给出文件名',
  ELOOP: '路径中的符号链接循环（ELOOP）：请检查路径',
  ENAMETOOLONG: '路径或文件名过长（ENAMETOOLONG）：请用短一些的名字',
  EIO: '写入时出错（EIO）：请检查磁盘',
}
/** The messages whose `reason` is a write's. */
const WRITE_CODES = new Set(['output-failed', 'stdout-failed'])
const reasonFor = (code: string, r: string | number | undefined): string | number | undefined =>
  WRITE_CODES.has(code) ? (typeof r === 'string' && Object.hasOwn(WRITE_REASONS, r) ? WRITE_REASONS[r] : r) : reasonText(r)

const SYM = { below: '<', atOrBelow: '≤', above: '>', atOrAbove: '≥' } as const
const NOT = { below: '≥', atOrBelow: '>', above: '≤', atOrAbove: '<' } as const

/** 优秀、称职和基本称职: a list in a sentence. */
const andList = (xs: string[]): string => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join('、')}和${xs[xs.length - 1]}`)
const orList = (xs: string[]): string => (xs.length <= 2 ? xs.join('或') : `${xs.slice(0, -1).join('、')}或${xs[xs.length - 1]}`)

export const zh: Dict = {
  lang: 'zh',
  punct: { colon: '：', semicolon: '；', paren: (s) => `（${s}）` },
  disposition: {
    dismissal: '免职、责令辞职或降职',
    adjustment: '组织调整',
    'organizational-handling': '组织处理',
    admonishment: '诫勉',
    none: '无需处置',
    withheld: '暂不认定',
    'data-incomplete': '数据不完整',
    'no-data': '无测评数据',
  },
  rule: {
    'item3-basic-grade': '年度考核被定为基本称职',
    'item5-report-missing': '应报告而未报告个人有关事项',
    'item5-report-incomplete': '个人有关事项报告不完整',
    'item5-report-late': '个人有关事项报告逾期',
    'item5-unreported-finding': '查核发现应报告而未报告的事项',
    'item5-serious': '漏报瞒报情节严重',
    'item5-duty-statement': '未按要求述职述廉',
  },
  option: {
    removal: '免职',
    'ordered-resignation': '责令辞职',
    demotion: '降职',
    'deputy-post': '改任副职',
    'non-leading-post': '改任非领导职务',
    training: '离职培训',
    'suitable-post': '调整到适合其锻炼成长的岗位',
    'professional-post': '改任专业技术部门领导职务或从事专业技术工作',
    'admonish-talk': '谈话诫勉',
    'admonish-written': '书面诫勉',
  },
  prerequisite: {
    recount: '结果处于临界（差 1 票以内），建议先复核计票',
    'hear-opinions': '第9项：须在听取其分管领导、组织（人事）部门等方面意见的基础上认定',
    'appointment-procedure': '第10项：按照干部任免程序和有关法律规定办理',
    resettle: '第10项：对调整的干部应妥善予以安置，及时合理安排岗位',
    'committee-decides': '第5项：情节是否严重由党委（党组）认定',
  },
  note: {
    'no-evaluation-data': '无测评数据',
    'not-on-roster-checks': '不在名册，未作名册相关检查',
    'rows-left-out': '有数据行因错误被跳过',
    'name-ambiguous': '未给编号的姓名也可能指另一名干部，已计的票中哪些属于该干部无法确定',
    'quorum-not-met': '参加测评人数未达到政策规定的比例',
    'no-eligible-count': '政策以应参加人数为分母，但数据未给出应参加人数',
    'no-valid-votes': '没有有效票',
  },
  mark: {
    excellent: '优秀',
    competent: '称职',
    basicallyCompetent: '基本称职',
    incompetent: '不称职',
    abstain: '弃权',
    invalid: '无效',
  },
  basis: { valid: '有效票', returned: '收回票', eligible: '应参加人数' },
  comparison: SYM,
  share: {
    fractions: { '2/3': '三分之二', '1/3': '三分之一' },
    comparison: { below: '达不到', atOrBelow: '不超过', above: '超过', atOrAbove: '达到' },
    holds: SYM,
    fails: NOT,
    markShort: { excellent: '优秀', competent: '称职', basicallyCompetent: '基本称职', incompetent: '不称职', abstain: '弃权', invalid: '无效' },
    marks: {
      sentence: andList,
      either: orList,
      column: (xs) => xs.join('+'),
      line: (xs) => xs.join('+'),
      heading: (xs) => xs.join('+'),
    },
    items: (items) => (items.length === 0 ? '' : `第${items.join('、')}项`),
    lead: '第{item}项：',
    leadLabelled: '第{item}项（{label}）：',
    share: '{marks}得票率 {percent}%（{num}/{den}，分母为{basis}）{sym} {share}',
    words: '，{cmp}{words}',
    item9: {
      adjustment: '；在听取其分管领导、组织（人事）部门等方面意见的基础上认定为不胜任现职岗位的，应当对其进行组织调整',
      dismissal: '；在听取其分管领导、组织（人事）部门等方面意见的基础上认定为不称职的，应当视具体情况分别作出免职、责令辞职、降职等组织处理',
    },
    consequence: '；按政策应予{measure}',
    notFired: '，未触发',
    labelWords: '{marks}得票率{cmp}{words}',
    labelShare: '{marks}得票率{cmp} {share}',
    names: { 'item9-unfit': '不胜任', 'item9-incompetent': '不称职' },
    more: '再多 {m} 票{marks}',
    fewer: '再少 {m} 票{marks}',
    clears: '即不触发',
    triggers: '即触发',
    never: '无论票数如何变动都不会改变结果',
    vote: ['', ''],
  },
  ruleText: (rule, fired, p) => {
    switch (rule) {
      case 'item3-basic-grade':
        return fired
          ? '第3项：年度考核被定为基本称职等次，由党委（党组）主要负责同志或委托组织（人事）部门通过谈话或者书面形式对其进行诫勉'
          : fill('第3项：年度考核等次为{grade}，未触发', p)
      case 'item5-report-missing':
        return fired
          ? '第5项：应报告个人有关事项而未报告；“对…应报告而未报告…的，党委（党组）应对…有关领导干部进行诫勉谈话”'
          : p.required
            ? '第5项：已报告个人有关事项，未触发'
            : '第5项：名册载明无需报告个人有关事项，未触发'
      case 'item5-report-incomplete':
        return fired
          ? fill('第5项：个人有关事项报告中{categories}未填报（应报 {required} 项，已填 {answered} 项）；“对不严格执行上述报告制度的…进行诫勉谈话”', p)
          : fill('第5项：个人有关事项报告 {required} 项均已填报，未触发', p)
      case 'item5-report-late':
        return fired
          ? fill('第5项：个人有关事项报告日期 {date} 晚于截止日期 {deadline}；“对不严格执行上述报告制度的…进行诫勉谈话”', p)
          : fill('第5项：个人有关事项报告日期 {date} 未晚于截止日期 {deadline}，未触发', p)
      case 'item5-unreported-finding':
        return fired
          ? fill('第5项：查核发现应报告而未报告的事项：{findings}；“对…应报告而未报告…的，党委（党组）应对…有关领导干部进行诫勉谈话”', p)
          : '第5项：查核未发现应报告而未报告的事项，未触发'
      case 'item5-serious':
        return fired
          ? fill('第5项：情节严重：{findings}；“情节严重的要给予组织处理”，是否严重由党委（党组）认定', p)
          : p.total
            ? fill('第5项：查核结果（{total} 项）均未标为情节严重，未触发', p)
            : '第5项：查核未发现情节严重的情形，未触发'
      case 'item5-duty-statement':
        return fired
          ? '第5项：名册载明本年度未述职述廉；“要求领导干部述职述廉”，“对不严格执行上述报告制度的…进行诫勉谈话”'
          : '第5项：已述职述廉，未触发'
    }
  },
  // Earlier years' messages live in their own catalog (history-words.ts).
  message: (code, given) => {
    const p = joinLists(given, '、')
    return historyMessage('zh', code, p) ?? fill(MESSAGES[code] ?? code, 'reason' in p ? { ...p, reason: reasonFor(code, p.reason)! } : p)
  },
  // Labels hold 、 themselves (子女与外国人、港澳台居民通婚情况): each item in 「」.
  category: (c) => c.label,
  list: (items) => items.map((i) => `「${i}」`).join(''),
  findingText: (f) => {
    const tags = [f.type, f.seriousBy === 'marked' ? '标为情节严重' : f.seriousBy === 'policy-type' ? '政策视为情节严重' : null].filter(Boolean)
    return `${f.category || '（未列事项）'}${f.detail ? `：${f.detail}` : ''}${tags.length > 0 ? `（${tags.join('，')}）` : ''}`
  },
  occurrences: (count, rows) =>
    rows.length === 0 ? `（共 ${count} 处）` : `（共 ${count} 处：第 ${rows.join('、')} 行${count > rows.length ? '等' : ''}）`,
  where: (file, row, column, columnName) => {
    let s = file === '-' ? '标准输入' : file
    if (row !== null) s += ` 第 ${row} 行`
    if (column !== null) s += isXlsx(file) ? ` ${columnLetter(column)} 列` : ` 第 ${column} 列`
    if (columnName) s += `（${columnName}）`
    return s
  },
  ui: {
    id: '编号',
    name: '姓名',
    unit: '单位',
    post: '职务',
    denominator: '分母',
    margin: '边距',
    disposition: '处置建议',
    basis: '依据',
    rationale: '理由',
    options: '可选措施',
    prerequisites: '决定前须',
    summary: '汇总',
    cadres: '名干部',
    rowsRead: '读入行',
    rowsCounted: '计入行',
    rowsInIssues: '问题行',
    blankRows: '空行',
    rowsSkipped: '跳过的非数据行（标题、合计、注等，见数据问题）',
    issues: '数据问题',
    issuesOmitted: '另有 {n} 条问题未列出',
    needsAction: '需要处置的干部',
    borderline: '临界',
    noData: '无测评数据',
    policy: '政策',
    disclaimer: '以上为依据《关于进一步从严管理干部的意见》的建议，不是决定；决定须由党委（党组）按程序作出。',
    andMore: '……另有 {n} 处',
    errorHeader: '错误',
    notice: '提示',
    progress: '读取 {file}：{rows} 行 · {mb}/{total} MB · {rate} MB/秒 · 约剩 {eta} 秒',
    progressNoTotal: '读取 {file}：{rows} 行 · {mb} MB · {rate} MB/秒',
  },
}
