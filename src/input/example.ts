/**
 * The marker of a template's example (SPEC §3 `kaohe template`): the example cadre is named
 * 张三（示例） / Zhang San (example), the example ballot P001（示例）, so that a template fed
 * back unchanged — or a copy of its example row left in — is refused, never assessed.
 */
const EXAMPLE = /[（(]\s*(?:示例|example)\s*[)）]\s*$/i

/** Does a cell carry the example marker? (Two character tests for any other cell.) */
export const isTemplateExample = (cell: string): boolean => {
  const t = cell.trimEnd()
  const last = t.charCodeAt(t.length - 1)
  return (last === 0xff09 || last === 0x29) && EXAMPLE.test(t)
}
