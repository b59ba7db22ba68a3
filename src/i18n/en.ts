import type { Dict } from './index.js'
import { historyMessage } from './history-words.js'
import { columnLetter, fill, isXlsx, joinLists } from './index.js'

const MESSAGES: Record<string, string> = {
  'unknown-grade': "unrecognised grade '{value}': use one of 优秀/称职/基本称职/不称职/弃权/无效 (excellent/competent/basically-competent/incompetent/abstain/invalid), or map it in the policy's gradeSynonyms",
  'unknown-grade-set': "unrecognised grade '{value}': it belongs to another set of grades ({set}): add --policy {policy}; or use one of 优秀/称职/基本称职/不称职/弃权/无效",
  'missing-grade': 'the grade is empty: a long-ballot row needs one grade (delete the row if the voter did not grade this cadre)',
  'missing-value': 'this column must not be empty: fill it in',
  'missing-cadre': 'the row names no cadre id or name: fill one in',
  'duplicate-mark': "this ballot's same grade for cadre '{cadre}' is already counted (an exact duplicate row): delete the duplicate",
  'group-mismatch': "ballot {ballot} was first seen with voter group '{first}', here another: check it",
  'not-on-roster': "cadre '{id}' is not on the roster: check the id or name, or add the cadre to the roster",
  'not-on-roster-zeros': "cadre '{id}' is not on the roster, but '{near}' is: Excel most likely read the id as a number and dropped its leading zeros. Format the id column as Text and fill it in or export it again (the templates of kaohe template are formatted so)",
  'template-example': "'{example}' is the template's example, not real data: delete the example row (in a wide ballot, the example columns), fill in real data and run again",
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
  'formula-error': 'the cell holds a formula error, {value}, not data: fix the formula in Excel/WPS (or copy the column and paste it as values), then export again',
  'extra-cells': 'the row has content beyond column {width}, where the header has no column: delete it or add a header',
  'bad-flag': "'{value}' should be 是 (yes) or 否 (no)",
  'bad-annual-grade': "annual grade '{value}' should be one of 优秀/称职/基本称职/不称职",
  'duplicate-header': 'the header repeats column {first}: delete or rename one',
  'unknown-column': 'unknown column, ignored',
  'unnamed-column': 'this column has no heading but holds something (rows with it: {rows}); not read: if it is data, give it a heading',
  'unnamed-vote-column': 'this column has no heading, but what it holds may be votes (a count, a √ or a grade): give it a heading, or clear it',
  'unknown-report-column': "this column is not one of the policy's personal-matter categories and is ignored: if it is one, name it as the policy does (see kaohe policy show)",
  'missing-category-columns': 'the report file lacks the category columns {categories} (policy {policy}): unless another report file answers them, they count as unanswered',
  'unknown-category': "unrecognised category '{value}': use one of {known}",
  'bad-date': "unrecognised date '{value}': write it as 2025-01-31, 2025/1/31 or 2025年1月31日",
  'duplicate-report-category': "the category '{category}' is already answered at {first}: answer each category once per cadre, merge the rows",
  'duplicate-finding': 'the same finding as at {first} (a duplicate row): delete the duplicate',
  // real sheets (SPEC §2.0, issue 12)
  'unmapped-header': "unrecognised header '{value}', which looks like a count, a grade or a person: dropping it could change results, so it is not ignored. Rename it to a header kaohe knows ({accepted}), or delete the column",
  'outcome-column': 'this column is the evaluation result, which kaohe works out from the counts itself: ignored',
  'column-for-other-input': 'this column belongs in the {input} file: ignored here',
  'unchecked-column': 'cannot tell which grade this share or total column is of: not checked, ignored',
  'skipped-above-header': 'a row above the header (a title, 填报单位, a date): skipped',
  'skipped-info': 'an info line (eligible {eligible}, participated {participated}): read, not a data row',
  'skipped-footnote': 'a footnote (注, 说明, 填表人, 审核人 …): skipped',
  'skipped-total': 'a 合计/小计 row, not a cadre: skipped; its counts were checked against the {rows} rows it totals',
  'skipped-total-unchecked': 'a 合计/小计 row, not data: skipped (this kind of file has no counts to check it against)',
  'skipped-share-row': "a 比例 row (the shares of the cadre above): skipped; its shares were checked against the counts",
  'skipped-repeated-header': 'the header repeated: skipped',
  'skipped-section': 'a section heading (such as 一、正职): skipped',
  'total-mismatch': 'total does not add up: the {rows} rows it totals sum to {expected}, the cell says {value}: check the total row or the rows',
  'share-mismatch': 'share {value} does not match the counts ({num}/{den} gives {expected}): check the share or the counts',
  'row-total-mismatch': "the row's total {value} does not match its grades (valid {valid}; with abstentions and spoilt marks {returned}): check it",
  'mark-in-count-sheet': "'{value}' is a tick, not a count: this looks like a paper ballot (a tick under the chosen grade on each row): use --votes-format paper; if it is a count sheet, write the counts",
  'bad-paper-mark': "'{value}' is not a mark: on a paper ballot each row has a tick (√, or ✓ ○ ● 1 x) under the grade chosen and nothing elsewhere",
  'paper-cadre-twice': 'this cadre is already on this ballot (line {first}; the ballot starts on line {ballot}): separate the ballots by a blank row, a repeated header or a 票号 column',
  'paper-info-differs': 'eligible {eligible}, participated {participated} here differ from {first}: one set of ballots has one count of voters; check them',
  'paper-more-ballots': '{ballots} ballots read, more than the {participated} voters present (实到): check for ballots entered twice, or correct 实到',
  'paper-fewer-ballots': '{ballots} ballots read, fewer than the {participated} voters present (实到): if ballots were not entered, the results would differ',
  'duplicate-roster-name': 'the roster already has a cadre of this name and unit ({id}): a roster without ids tells cadres apart by name + unit; add a unit or cadre id column',
  'ambiguous-header-row': '{file}: lines {lines} all look like a header, and which one heads the table is not for kaohe to guess: give --header-row (two tables on one sheet: put them on two sheets or in two files)',
  'header-row-blank': '{file} line {line} is blank or missing and cannot be the header: check --header-row',
  'sheet-empty': 'an empty sheet: skipped',
  'sheet-skipped': 'this sheet holds no table to read as {kind} (instructions such as 填表说明, or another kind of file): skipped; to read it, name it as file.xlsx#SHEET',
  'unknown-shape-grade-set': '{file} line {line}: the header grades are not 优秀/称职/基本称职/不称职 but look like those of policy {hint}: add --policy {hint}',
  'file-unreadable': 'cannot read input file {file} ({reason}): check the path and permissions',
  'empty-file': '{file} is empty or blank: export the data with its header row',
  'bad-encoding': '{file} near line {line} (byte {byte}) is not valid {encoding}: give the right --encoding (utf-8 or gb18030), or export again',
  'csv-malformed': '{file} line {line}: malformed CSV ({detail}), usually an unclosed quote: check the quotes on that line',
  'unsupported-format': '{file}: this file format (.xls/.et/.ods) is not supported; save it from Excel/WPS as .xlsx or as CSV (UTF-8 or GB18030)',
  'xlsx-too-large': '{file} is {size} MB, above the {limit} MB limit for XLSX input: split it or save it as CSV',
  'xlsx-zip-bomb': '{file} decompresses out of all proportion to its size ({detail}), like a zip bomb, and was not read: export it again from its source, or save it as CSV',
  'xlsx-beyond-limits': '{file}, sheet "{sheet}": cell {cell} lies beyond what Excel allows ({columns} columns, up to XFD; {rows} rows): no Excel or WPS saved it this way; open it in Excel/WPS and save it again as .xlsx, or as CSV',
  'xlsx-invalid': '{file} is not a valid XLSX file ({detail}): open it in Excel/WPS and save it again as .xlsx, or as CSV',
  'sheet-not-found': "{file} has no sheet named '{sheet}' (its sheets: {sheets}): check --sheet",
  // robustness (issue 6): located file-level errors
  'line-too-long': '{file} line {line} is longer than {max} characters, not a text table (a binary file?): save it as CSV (UTF-8 or GB18030)',
  'nul-character': '{file} line {line} column {column} holds a NUL character, which no text table does: the file may be binary, UTF-16 or damaged; save it as CSV (UTF-8 or GB18030)',
  'utf16-file': "{file} is {variant} (such as Excel's \"Unicode text\"): save it as CSV (UTF-8 or GB18030)",
  'csv-quote-not-closed': '{file} line {line} column {column}: the quote that opens here is not closed before the end of the file: close it, or remove the stray quote',
  'csv-bad-quote': '{file} line {line} column {column}: misplaced quote: a cell with quotes must be quoted as a whole, with each quote inside doubled ("")',
  'ambiguous-header': "header '{value}' is the id of cadre {id} and the name of cadre {other}: head the column with the cadre id",
  'same-content': 'the file {file} has the same content as {other} (a copy of one file?): read each set of ballots once',
  'lang-env-invalid': 'the environment variable KAOHE_LANG is {value}, not zh or en, so the output is in Chinese: set it to zh or en, or unset it',
  'stdout-failed': 'cannot write to standard output: {reason}',
  'no-vote-data': '{count} cadre(s) have no vote data at all ({ids}): shown as "no vote data", no item-9 finding made. Check whether a ballot or count file is missing (--fail-on no-data makes a batch job exit 1)',
  'policy-too-large': 'policy file {file} is larger than {max} bytes, not a policy: check the path',
  'unknown-shape': '{file} line {line}: cannot tell the vote shape from the header (long: ballot id + cadre id/name + grade; wide: ballot id + one column per cadre; counts: excellent, competent, basically competent, incompetent columns): check the header or give --votes-format',
  'missing-columns': '{file} line {line}: the {shape} shape lacks columns: {missing}',
  'bad-header': '{file}: the header is wrong',
  'no-category-columns': "{file} line {line}: the report file has no category column kaohe knows. Policy {policy} lists: {categories} (a long file needs 事项 and 内容 columns); for the other list of categories use --policy {other}",
  'no-cadre-columns': '{file} line {line}: the wide ballot file has no cadre columns besides the ballot id',
  'file-given-twice': 'the file {file} is given twice',
  'data-errors': 'the input data has {count} error(s); no result was produced (--strict). Correct them and run again, or use --lenient to leave the bad rows out',
  'unknown-policy': "unknown policy '{name}' (built in: {known}); for a file, give its path (e.g. ./{name}.json)",
  'policy-not-json': 'policy file {file} is not valid JSON: {detail}',
  'policy-invalid': 'policy file {file} does not fit the schema: {detail}',
  'output-exists': 'output file {file} exists: add --force to overwrite it',
  'output-failed': 'cannot write {file}: {reason}',
  'leftover-removed': 'removed {file}, a temporary file left by a run that was killed (it may hold personal data)',
  'backup-removed': 'removed {file}, a backup of an earlier output left by a run killed while it put its outputs in place (it may hold personal data; this run\'s outputs are all in place)',
  'output-busy': 'another kaohe run (process {pid}) is writing {file}: run again when it has finished (its lock file: {lock})',
  'output-busy-elsewhere': 'kaohe on the computer {host} (process {pid}) is writing {file}: run again when it has finished; once it surely has, delete the lock file {lock}',
  'output-locked': '{file} is locked by {lock}, a lock file whose content is not understood: once no kaohe is writing it, delete the lock file',
  interrupted: 'interrupted ({signal}): its temporary files are removed',
  'bad-out-extension': 'cannot tell the format of output file {file} from its extension: use one of .json .csv .xlsx .md .html',
  'out-given-twice': 'the output file {file} is named twice (--out or --manifest)',
  'out-is-input': 'the output file {file} is also an input; writing it would destroy the input: choose another output path',
  'output-not-encodable': '{file}: the character {char} on line {line} has no GB18030 code: write UTF-8 instead (--out-encoding utf-8)',
  'manifest-invalid': '{file} is not a valid kaohe manifest: {detail}',
  'manifest-unknown-kind': 'the manifest {file} names an input kind {kind} this version does not know: verify with the kaohe version that wrote it ({version})',
  'verify-stdin': 'the manifest records an input read from standard input (-), which cannot be read again: save the data to a file, then run again with a manifest',
  'verify-input-missing': 'the {what} {file} in the manifest is missing or unreadable (looked up beside the manifest: {location}; {reason})',
  'manifest-too-large': '{file} is larger than {max} bytes: not a kaohe manifest; check the path',
  'verify-field-differs': 'the {what} {file} differs from the manifest: {field} is recorded as {expected}, the re-run gives {actual}',
  'verify-output-unreadable': 'the output file {file} cannot be compared with the re-run ({reason}): check the manifest and that path',
  'verify-differs': 'the {what} {file} differs from the manifest: SHA-256 {actual}, recorded {expected}',
  'verify-output-changed': 'the output file {file} has been changed: it differs from the re-run (SHA-256 {actual}, recorded {expected})',
  'verify-version': 'the manifest was written by kaohe {recorded}, this is {current}: outputs may differ between versions',
  'no-votes': 'give at least one vote file with --votes',
  'no-reports': 'give at least one personal-matter report file',
  'format-unsupported': '{command} cannot print --format {format}: only {formats}',
  'bad-option': 'option {option}: invalid value {value}: {hint}',
  'stdin-twice': 'standard input (-) can be used only once',
  internal: 'internal error (a bug): {detail}. Run again with KAOHE_DEBUG=1 and report it',
}

/** Why a file cannot be read (Node's error codes), in words a clerk can act on. */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EISDIR: 'a directory, not a file',
  'is-directory': 'a directory, not a file',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'a symbolic link loop',
  ENXIO: 'not a readable file (a socket?)',
  'not-regular': 'not a regular file (a device, FIFO or socket)',
  'too-large': 'too large',
  ENAMETOOLONG: 'path too long',
  EIO: 'read error',
}
const reasonText = (r: string | number | undefined): string | number | undefined =>
  typeof r === 'string' && Object.hasOwn(REASONS, r) ? (/^E[A-Z]+$/.test(r) ? `${REASONS[r]}, ${r}` : REASONS[r]) : r

/** Why a file cannot be written, and what to do (never the reading words above). */
const WRITE_REASONS: Readonly<Record<string, string>> = {
  EACCES: 'no permission to write there (EACCES): write to a folder you may write to, or have its permissions changed',
  EPERM: 'writing is not permitted (EPERM): the file or folder may be made unchangeable; write elsewhere',
  EROFS: 'a read-only file system (EROFS): write elsewhere',
  ENOSPC: 'the disk is full (ENOSPC): free some space, or write to another disk',
  EDQUOT: 'the disk quota is exceeded (EDQUOT): free some space, or write elsewhere',
  EFBIG: 'the file is larger than allowed (EFBIG): write elsewhere, or raise the file size limit',
  ENOENT: 'the folder does not exist (ENOENT): create it first',
  ENOTDIR: 'a part of the path is not a folder (ENOTDIR): check the path',
  EISDIR: 'it is a folder (EISDIR): give a file name',
  ELOOP: 'a symbolic link loop in the path (ELOOP): check the path',
  ENAMETOOLONG: 'the path or name is too long (ENAMETOOLONG): use a shorter one',
  EIO: 'a write error (EIO): check the disk',
}
/** The messages whose `reason` is a write's. */
const WRITE_CODES = new Set(['output-failed', 'stdout-failed'])
const reasonFor = (code: string, r: string | number | undefined): string | number | undefined =>
  WRITE_CODES.has(code) ? (typeof r === 'string' && Object.hasOwn(WRITE_REASONS, r) ? WRITE_REASONS[r] : r) : reasonText(r)

const SYM = { below: '<', atOrBelow: '≤', above: '>', atOrAbove: '≥' } as const
const NOT = { below: '≥', atOrBelow: '>', above: '≤', atOrAbove: '<' } as const

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

export const en: Dict = {
  lang: 'en',
  punct: { colon: ': ', semicolon: '; ', paren: (s) => ` (${s})` },
  disposition: {
    dismissal: 'removal, ordered resignation or demotion',
    adjustment: 'organizational adjustment',
    'organizational-handling': 'organizational handling',
    admonishment: 'admonishment',
    none: 'no measure',
    withheld: 'withheld',
    'data-incomplete': 'data incomplete',
    'no-data': 'no vote data',
  },
  rule: {
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
    'name-ambiguous': 'a name given without an id may also mean another cadre: which of the counted votes are this cadre\'s is not certain',
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
  share: {
    fractions: { '2/3': 'two thirds', '1/3': 'one third' },
    comparison: { below: 'short of', atOrBelow: 'at most', above: 'above', atOrAbove: 'at least' },
    holds: SYM,
    fails: NOT,
    markShort: { excellent: 'Exc', competent: 'Comp', basicallyCompetent: 'Basic', incompetent: 'Incompetent', abstain: 'Abstain', invalid: 'Invalid' },
    marks: {
      sentence: (xs) => xs.join(' + '),
      either: (xs) => xs.join('/'),
      column: (xs) => xs.join('+'),
      line: (xs) => xs.join(' + '),
      heading: (xs) => capital(xs.join(' + ')),
    },
    items: (items) => (items.length === 0 ? '' : items.length === 1 ? `item ${items[0]}` : `items ${items.join(', ')}`),
    lead: 'Item {item}: ',
    leadLabelled: 'Item {item} ({label}): ',
    share: '{marks} share {percent}% ({num}/{den}, of {basis}) {sym} {share}',
    words: ', {cmp} {words}',
    item9: {
      adjustment: '; if, after hearing the supervising leader and the organization department, the cadre is found unfit for the post, an organizational adjustment is due',
      dismissal: '; if, after hearing the supervising leader and the organization department, the cadre is found incompetent, removal, ordered resignation or demotion is due, by circumstances',
    },
    consequence: '; under the policy: {measure}',
    notFired: ': not triggered',
    labelWords: '{marks} share {cmp} {words}',
    labelShare: '{marks} share {cmp} {share}',
    names: { 'item9-unfit': 'Unfit', 'item9-incompetent': 'Incompetent' },
    more: '{m} more {marks} {votes}',
    fewer: '{m} fewer {marks} {votes}',
    clears: ' would clear it',
    triggers: ' would trigger it',
    never: 'no change of votes can flip this',
    vote: ['vote', 'votes'],
  },
  ruleText: (rule, fired, p) => {
    switch (rule) {
      case 'item3-basic-grade':
        return fired
          ? 'Item 3: annual grade basically competent: admonishment by talk or in writing, by the Party committee’s principal leader or the organization department on its behalf'
          : fill('Item 3: annual grade {grade}: not triggered', p)
      case 'item5-report-missing':
        return fired
          ? 'Item 5: a personal-matter report was due and not filed; "where … what should be reported is not reported, the Party committee shall admonish the cadre by talk (诫勉谈话)"'
          : p.required
            ? 'Item 5: the personal-matter report was filed: not triggered'
            : 'Item 5: the roster says no personal-matter report is due: not triggered'
      case 'item5-report-incomplete':
        return fired
          ? fill('Item 5: the personal-matter report leaves {categories} unanswered ({answered} of {required} categories answered); "where the reporting system is not strictly followed … admonishment by talk"', p)
          : fill('Item 5: all {required} categories of the personal-matter report answered: not triggered', p)
      case 'item5-report-late':
        return fired
          ? fill('Item 5: the personal-matter report is dated {date}, after the deadline {deadline}; "where the reporting system is not strictly followed … admonishment by talk"', p)
          : fill('Item 5: the personal-matter report is dated {date}, not after the deadline {deadline}: not triggered', p)
      case 'item5-unreported-finding':
        return fired
          ? fill('Item 5: verification found matters that should have been reported and were not: {findings}; "where what should be reported is not reported … admonishment by talk"', p)
          : 'Item 5: verification found no unreported matter: not triggered'
      case 'item5-serious':
        return fired
          ? fill('Item 5: serious: {findings}; "where the case is serious, organizational handling is due" — the Party committee decides whether it is serious', p)
          : p.total
            ? fill('Item 5: none of the {total} verification findings is serious: not triggered', p)
            : 'Item 5: verification found nothing serious: not triggered'
      case 'item5-duty-statement':
        return fired
          ? 'Item 5: the roster says the cadre gave no annual duty and integrity statement (述职述廉); "where the reporting system is not strictly followed … admonishment by talk"'
          : 'Item 5: the duty and integrity statement was given: not triggered'
    }
  },
  // Earlier years' messages live in their own catalog (history-words.ts).
  message: (code, given) => {
    const p = joinLists(given, ', ')
    return historyMessage('en', code, p) ?? fill(MESSAGES[code] ?? code, 'reason' in p ? { ...p, reason: reasonFor(code, p.reason)! } : p)
  },
  list: (items) => items.join('; '),
  category: (c) => `${c.label} (${c.key.replaceAll('_', ' ')})`,
  findingText: (f) => {
    const tags = [f.type, f.seriousBy === 'marked' ? 'marked serious' : f.seriousBy === 'policy-type' ? 'serious under the policy' : null].filter(Boolean)
    return `${f.category || '(no category)'}${f.detail ? `: ${f.detail}` : ''}${tags.length > 0 ? ` (${tags.join(', ')})` : ''}`
  },
  occurrences: (count, rows) =>
    rows.length === 0 ? ` (${count} times)` : ` (${count} times: lines ${rows.join(', ')}${count > rows.length ? ', …' : ''})`,
  where: (file, row, column, columnName) => {
    let s = file === '-' ? 'stdin' : file
    if (row !== null) s += ` line ${row}`
    if (column !== null) s += isXlsx(file) ? ` column ${columnLetter(column)}` : ` column ${column}`
    if (columnName) s += ` (${columnName})`
    return s
  },
  ui: {
    id: 'ID',
    name: 'Name',
    unit: 'Unit',
    post: 'Post',
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
    rowsSkipped: 'rows skipped as not data (titles, totals, notes: see the issues)',
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
