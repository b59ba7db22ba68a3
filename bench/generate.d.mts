// Types of bench/generate.mjs, for the tests that use the generator.
export const LONG_HEADER: string[]
export const CADRE_COLUMN: string
export const GRADE_COLUMN: string
export const GRADES: string[]
export const GRADE_KEYS: string[]
export function mulberry32(seed: number): () => number
export function csvField(s: string): string
export function makeCadres(count: number, seed?: number): Array<{ id: string; name: string; unit: string; w: number[] }>
export function writeLong(path: string, rows: number, opts?: { cadres?: number; seed?: number }): { rows: number; ballots: number; bytes: number }
export function writeWide(path: string, marks: number, opts?: { columns?: number; seed?: number }): { rows: number; marks: number; bytes: number }
export function writeCounts(path: string, cadres: number, opts?: { seed?: number }): { rows: number; bytes: number }
export function transcodeGb18030(fromText: Iterable<string>, toPath: string): number
export function readUtf8Chunks(path: string): Generator<string>
