/** Exit codes, exactly as SPEC §3. */
export const EXIT = {
  ok: 0,
  failOn: 1,
  usage: 2,
  data: 65,
  noInput: 66,
  internal: 70,
  cantCreate: 73,
} as const
export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

/** A message a user can act on: a code for i18n plus its parameters. */
export interface Message {
  code: string
  params: Record<string, string | number>
}

/**
 * A list inside a message parameter (ids, sheet names, years): its items joined by a control
 * character that each language's `message` (i18n) turns into its own separator, 、 or ", ". A
 * parameter is only ever read through `message`, so the mark never reaches output.
 */
export const listParam = (items: readonly string[]): string => items.join(LIST_MARK)
export const LIST_MARK = '\u001f'

/** Where a problem is: file, line (1-based, as an editor counts), column (1-based) and the cell's text. */
export interface Location {
  file: string
  row: number | null
  column: number | null
  /** Header of the column, where known. */
  columnName: string | null
  value: string | null
}

export type Severity = 'error' | 'notice'

/** One problem in the input data. */
export interface Issue extends Location, Message {
  severity: Severity
}

/** Base of every user-fixable error: carries an exit code and i18n message(s). */
export class KaoheError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    readonly msg: Message,
    readonly issues: Issue[] = [],
    options?: { cause?: unknown },
  ) {
    super(msg.code, options)
  }
}

export class UsageError extends KaoheError {
  constructor(code: string, params: Record<string, string | number> = {}) {
    super(EXIT.usage, { code, params })
  }
}

/** Data errors: exit 65, listing every issue. */
export class InputError extends KaoheError {
  constructor(msg: Message, issues: Issue[] = [], options?: { cause?: unknown }) {
    super(EXIT.data, msg, issues, options)
  }
}

/** A file that is missing or cannot be read: exit 66. */
export class MissingInputError extends KaoheError {
  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super(EXIT.noInput, { code: 'file-unreadable', params: { file, reason } }, [], options)
  }
}

export class PolicyError extends KaoheError {
  constructor(msg: Message, options?: { cause?: unknown }) {
    super(EXIT.data, msg, [], options)
  }
}

export class OutputError extends KaoheError {
  constructor(msg: Message, options?: { cause?: unknown }) {
    super(EXIT.cantCreate, msg, [], options)
  }
}
