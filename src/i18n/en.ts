import type { Dict } from './index.js'
import { fill } from './index.js'

const MESSAGES: Record<string, string> = {
  'unknown-grade': "unrecognised grade '{value}': use one of 优秀/称职/基本称职/不称职/弃权/无效 (excellent/competent/basically-competent/incompetent/abstain/invalid), or map it in the policy's gradeSynonyms",
  'missing-grade': 'the grade is empty: a long-ballot row needs one grade (delete the row if the voter did not grade this cadre)',
  'missing-value': 'this column must not be empty: fill it in',
  'missing-cadre': 'the row names no cadre id or name: fill one in',
  'duplicate-mark': "this ballot's same grade for cadre '{cadre}' is already counted (an exact duplicate row): delete the duplicate",
  'group-mismatch': "ballot {ballot} was first seen with voter group '{first}', here another: check it",
  'not-on-roster': "cadre '{id}' is not on the roster: check the id or name, or add the cadre to the roster",
  'name-mismatch': "cadre id {id} is named '{name}' here but '{expected}' before: check the id",
  'ambiguous-name': "the name '{name}' belongs to several cadres ({ids}): use the cadre id, or add a unit column",
  'mixed-sources': "cadre '{id}' has both ballots and counted votes: use one form per cadre",
  'duplicate-cadre': "cadre '{id}' appears twice in this file: merge the rows",
  'cadre-in-two-count-files': "cadre '{id}' is already in the count file {other}: if the files are disjoint voter groups, add --sum-counts",
  'not-integer': "count '{value}' is not a whole number ≥ 0: write an integer such as 12",
  'negative-count': "count '{value}' is negative: correct it",
  'count-too-large': "count '{value}' is too large: check it",
  'counts-dont-add-up': 'the grades, abstentions and spoilt ballots add up to {sum}, not the participants {value}: check them',
  'participated-exceeds-eligible': 'participants {participated} exceed the eligible voters {value}: check them',
  'extra-cells': 'the row has content beyond column {width}, where the header has no column: delete it or add a header',
  'bad-flag': "'{value}' should be 是 (yes) or 否 (no)",
  'bad-annual-grade': "annual grade '{value}' should be one of 优秀/称职/基本称职/不称职",
  'duplicate-header': 'the header repeats column {first}: delete or rename one',
  'unknown-column': 'unknown column, ignored',
  'file-unreadable': 'cannot read input file {file} ({reason}): check the path and permissions',
  'empty-file': '{file} is empty or blank: export the data with its header row',
  'bad-encoding': '{file} near line {line} (byte {byte}) is not valid {encoding}: give the right --encoding (utf-8 or gb18030), or export again',
  'csv-malformed': '{file} line {line}: malformed CSV ({detail}), usually an unclosed quote: check the quotes on that line',
  'unsupported-format': '{file}: this file format is not supported yet; save it as CSV (UTF-8 or GB18030)',
  'unknown-shape': '{file} line {line}: cannot tell the vote shape from the header (long: ballot id + cadre id/name + grade; wide: ballot id + one column per cadre; counts: excellent, competent, basically competent, incompetent columns): check the header or give --votes-format',
  'missing-columns': '{file} line {line}: the {shape} shape lacks columns: {missing}',
  'bad-header': '{file}: the header is wrong',
  'no-cadre-columns': '{file} line {line}: the wide ballot file has no cadre columns besides the ballot id',
  'file-given-twice': 'the file {file} is given twice',
  'data-errors': 'the input data has {count} error(s); no result was produced (--strict). Correct them and run again, or use --lenient to leave the bad rows out',
  'unknown-policy': "unknown policy '{name}' (built in: {known}); for a file, give its path (e.g. ./{name}.json)",
  'policy-not-json': 'policy file {file} is not valid JSON: {detail}',
  'policy-invalid': 'policy file {file} does not fit the schema: {detail}',
  'output-exists': 'output file {file} exists: add --force to overwrite it',
  'output-failed': 'cannot write {file} ({reason})',
  'no-votes': 'give at least one vote file with --votes',
  'bad-option': 'option {option}: invalid value {value}: {hint}',
  'stdin-twice': 'standard input (-) can be used only once',
  internal: 'internal error (a bug): {detail}. Run again with KAOHE_DEBUG=1 and report it',
}

const SYM = { below: '<', atOrBelow: '≤', above: '>', atOrAbove: '≥' } as const
const NOT = { below: '≥', atOrBelow: '>', above: '≤', atOrAbove: '<' } as const

export const en: Dict = {
  disposition: {
    dismissal: 'removal, ordered resignation or demotion',
    adjustment: 'organizational adjustment',
    'organizational-handling': 'organizational handling',
    admonishment: 'admonishment',
    none: 'no measure',
    withheld: 'withheld',
    'data-incomplete': 'data incomplete',
  },
  rule: {
    'item9-incompetent': 'incompetent votes above one third',
    'item9-unfit': 'excellent + competent votes below two thirds',
    'item3-basic-grade': 'annual grade basically competent',
    'item5-report-missing': 'personal-matter report not filed',
    'item5-report-incomplete': 'personal-matter report incomplete',
    'item5-report-late': 'personal-matter report late',
    'item5-unreported-finding': 'verification found an unreported matter',
    'item5-serious': 'serious omission or concealment',
    'item5-duty-statement': 'no annual duty and integrity statement',
  },
  option: {
    removal: 'removal from post (免职)',
    'ordered-resignation': 'ordered resignation (责令辞职)',
    demotion: 'demotion (降职)',
    'deputy-post': 'move to a deputy post (改任副职)',
    'non-leading-post': 'move to a non-leading post (改任非领导职务)',
    training: 'off-post training (离职培训)',
    'suitable-post': 'a post suited to growth (调整到适合其锻炼成长的岗位)',
    'professional-post': 'professional or technical post (改任专业技术部门领导职务或从事专业技术工作)',
    'admonish-talk': 'admonishment by talk',
    'admonish-written': 'admonishment in writing',
  },
  prerequisite: {
    recount: 'borderline (within the recount margin): recount the votes first',
    'hear-opinions': 'item 9: decide only after hearing the supervising leader and the organization (personnel) department',
    'appointment-procedure': 'item 10: follow the cadre appointment-and-removal procedure and the law',
    resettle: 'item 10: resettle the adjusted cadre properly and assign a post in time',
    'committee-decides': 'item 5: the Party committee decides whether the case is serious',
  },
  note: {
    'no-evaluation-data': 'no evaluation data',
    'not-on-roster-checks': 'not on the roster; roster checks not made',
    'rows-left-out': 'rows with errors were left out',
    'quorum-not-met': "participation below the policy's minimum",
    'no-eligible-count': 'the policy divides by eligible voters, but the data gives none',
    'no-valid-votes': 'no valid votes',
  },
  mark: {
    excellent: 'excellent',
    competent: 'competent',
    basicallyCompetent: 'basically competent',
    incompetent: 'incompetent',
    abstain: 'abstain',
    invalid: 'invalid',
  },
  basis: { valid: 'valid ballots', returned: 'returned ballots', eligible: 'eligible voters' },
  comparison: SYM,
  ruleText: (rule, fired, p) => {
    switch (rule) {
      case 'item9-unfit':
        return fired
          ? fill('Item 9: excellent + competent share {percent}% ({num}/{den}, of {basis}) {sym} {threshold}, short of two thirds; if, after hearing the supervising leader and the organization department, the cadre is found unfit for the post, an organizational adjustment is due', Object.assign({}, p, { sym: SYM[p.comparison as keyof typeof SYM] }))
          : fill('Item 9: excellent + competent share {percent}% ({num}/{den}, of {basis}) {sym} {threshold}: not triggered', Object.assign({}, p, { sym: NOT[p.comparison as keyof typeof NOT] }))
      case 'item9-incompetent':
        return fired
          ? fill('Item 9: incompetent share {percent}% ({num}/{den}, of {basis}) {sym} {threshold}, above one third; if, after hearing the supervising leader and the organization department, the cadre is found incompetent, removal, ordered resignation or demotion is due, by circumstances', Object.assign({}, p, { sym: SYM[p.comparison as keyof typeof SYM] }))
          : fill('Item 9: incompetent share {percent}% ({num}/{den}, of {basis}) {sym} {threshold}: not triggered', Object.assign({}, p, { sym: NOT[p.comparison as keyof typeof NOT] }))
      case 'item3-basic-grade':
        return fired
          ? 'Item 3: annual grade basically competent: admonishment by talk or in writing, by the Party committee’s principal leader or the organization department on its behalf'
          : fill('Item 3: annual grade {grade}: not triggered', p)
      default:
        return fill('Item 5: {detail}', p)
    }
  },
  marginText: (rule, fired, m) => {
    if (m === null) return 'no change of votes can flip this'
    const v = m === 1 ? 'vote' : 'votes'
    if (rule === 'item9-unfit') return fired ? `${m} more excellent/competent ${v} would clear it` : `${m} fewer excellent/competent ${v} would trigger it`
    return fired ? `${m} fewer incompetent ${v} would clear it` : `${m} more incompetent ${v} would trigger it`
  },
  message: (code, p) => fill(MESSAGES[code] ?? code, p),
  where: (file, row, column, columnName) => {
    let s = file === '-' ? 'stdin' : file
    if (row !== null) s += ` line ${row}`
    if (column !== null) s += ` column ${column}`
    if (columnName) s += ` (${columnName})`
    return s
  },
  ui: {
    id: 'ID',
    name: 'Name',
    unit: 'Unit',
    post: 'Post',
    unfitShare: 'Exc+Comp',
    incompetentShare: 'Incompetent',
    denominator: 'Denominator',
    margin: 'Margin',
    disposition: 'Recommendation',
    basis: 'Basis',
    rationale: 'Rationale',
    options: 'Options',
    prerequisites: 'Before deciding',
    summary: 'Summary',
    cadres: 'cadres',
    rowsRead: 'rows read',
    rowsCounted: 'rows counted',
    rowsInIssues: 'rows in issues',
    blankRows: 'blank rows',
    issues: 'Data issues',
    issuesOmitted: '{n} more issues not listed',
    needsAction: 'Cadres needing action',
    borderline: 'borderline',
    noData: 'no evaluation data',
    policy: 'Policy',
    disclaimer: 'These are recommendations under the 2009 Opinion, not decisions; the Party committee decides, following procedure.',
    andMore: '… and {n} more',
    errorHeader: 'error',
    notice: 'notice',
    progress: 'reading {file}: {rows} rows · {mb}/{total} MB · {rate} MB/s · about {eta} s left',
    progressNoTotal: 'reading {file}: {rows} rows · {mb} MB · {rate} MB/s',
  },
}
