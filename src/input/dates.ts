/**
 * Dates in input cells, as clerks and spreadsheets write them, normalised to YYYY-MM-DD:
 * 2025-01-31, 2025/1/31, 2025.1.31, 2025年1月31日, 20250131 (each optionally followed by a
 * time, which is dropped), full-width digits, and a five-digit Excel serial (a date cell
 * whose format was lost on export: 45688 → 2025-01-31, 1900 date system).
 */
export const parseDate = (cell: string): string | null | undefined => {
  const s = cell.normalize('NFKC').trim()
  if (s === '') return null
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(s)
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(s)
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]))
  const serial = /^(\d{5})(?:\.\d+)?$/.exec(s)
  if (serial) return fromExcelSerial(Number(serial[1]))
  return undefined
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0')

const ymd = (y: number, mo: number, d: number): string | undefined => {
  if (y < 1900 || mo < 1 || mo > 12 || d < 1) return undefined
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!
  if (d > days) return undefined
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}`
}

/** Excel's 1900 system counts 1900-02-29 (a day that never was), so day 61 on is 1899-12-30 + n. */
const fromExcelSerial = (n: number): string => {
  const t = new Date(Date.UTC(1899, 11, 30) + n * 86_400_000)
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`
}
