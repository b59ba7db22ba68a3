import { compareIds } from './order.js'
import { listParam } from '../errors.js'

/**
 * Who a row is about (SPEC §2.1, §2.2): a cadre id, else a name (+ unit or 单位及职务), with
 * or without a roster. Pure: the cadres known so far come in through `CadreLookup`; what
 * to do with the answer (make the cadre, report the row) is the reader's.
 */

/** How a row names a cadre. */
export interface CadreRef {
  id: string
  name: string
  unit: string
  /** 单位及职务 in one cell (SPEC §2.0), where the row gives that instead of a unit. */
  unitPost?: string
}

/** What identity needs of a cadre known so far. */
export interface KnownCadre {
  key: string
  id: string
  name: string
  unit: string
  post: string
}

/** The cadres known so far, as identity asks about them. */
export interface CadreLookup<C extends KnownCadre> {
  /** The cadre with this key (an id, or a name key: `nameKey`). */
  byKey(key: string): C | undefined
  /** The cadres a roster names so (with a roster only). */
  byName(name: string): readonly C[]
  hasRoster: boolean
  /** The roster names its cadres by name (+ unit), without ids. */
  rosterByName: boolean
  /**
   * The roster id that `key` becomes once leading zeros are put back (1 → 001, as Excel
   * drops them), if exactly one does.
   */
  zeroTwin(key: string): string | undefined
  /** Does a cell name a template's example (张三（示例）)? Such a cadre is refused wherever it appears. */
  isExample(cell: string): boolean
}

export type Resolved<C> =
  | { ok: true; key: string; entry: C | undefined }
  /** `key`: the cadre the row still names (a known id under another name), to mark it. */
  | { ok: false; code: string; params: Record<string, string | number>; key?: string }

/** Does a cadre's unit fit what a row says of it (its unit, or its 单位及职务)? */
export const unitFits = (ref: CadreRef, c: KnownCadre): boolean => {
  if (ref.unit) return !c.unit || c.unit === ref.unit
  const up = ref.unitPost ?? ''
  if (!up || !c.unit) return true
  return up.startsWith(c.unit) || up === `${c.unit}${c.post}`
}

/** The key of a cadre named by name alone: name, and unit (or 单位及职务) where given. */
export const nameKey = (ref: CadreRef): string => {
  const unit = ref.unit || ref.unitPost || ''
  return unit ? `${ref.name}/${unit}` : ref.name
}

/**
 * The cadre a row names: by id; else by name (+ unit), where a name shared by two cadres
 * is an error. Without a roster a new cadre is allowed (`entry` undefined: the reader
 * makes it).
 */
export const resolveCadre = <C extends KnownCadre>(ref: CadreRef, look: CadreLookup<C>): Resolved<C> => {
  if (look.isExample(ref.name) || look.isExample(ref.id)) return { ok: false, code: 'template-example', params: { example: ref.name || ref.id } }
  // A roster of names: a vote file's ids name no one; its names (+ unit) do (SPEC §2.2).
  if (ref.id && look.rosterByName && look.byKey(ref.id) === undefined && ref.name) ref = { ...ref, id: '' }
  if (ref.id) {
    const e = look.byKey(ref.id)
    if (e === undefined) {
      if (!look.hasRoster) return { ok: true, key: ref.id, entry: undefined }
      const near = look.zeroTwin(ref.id)
      return near === undefined ? { ok: false, code: 'not-on-roster', params: { id: ref.id } } : { ok: false, code: 'not-on-roster-zeros', params: { id: ref.id, near } }
    }
    if (ref.name && e.name && ref.name !== e.name) {
      return { ok: false, code: 'name-mismatch', params: { id: ref.id, name: ref.name, expected: e.name }, key: e.key }
    }
    return { ok: true, key: e.key, entry: e }
  }
  if (!ref.name) return { ok: false, code: 'missing-cadre', params: {} }
  if (!look.hasRoster) {
    // Without a roster a name names the cadre with exactly this name (and unit). Matching
    // it to a cadre known by id, or a unit-less name to one with a unit, would depend on
    // which row came first; the readers settle such names once every file is read.
    const key = nameKey(ref)
    return { ok: true, key, entry: look.byKey(key) }
  }
  const candidates = look.byName(ref.name).filter((c) => unitFits(ref, c))
  if (candidates.length > 1) {
    return { ok: false, code: 'ambiguous-name', params: { name: ref.name, ids: listParam(candidates.map((c) => c.id).sort(compareIds)) } }
  }
  if (candidates.length === 1) return { ok: true, key: candidates[0]!.key, entry: candidates[0]! }
  // A wide ballot's column headed 1 where the roster has 001: the same hint as for an id.
  const near = /^\d+$/.test(ref.name) ? look.zeroTwin(ref.name) : undefined
  if (near !== undefined) return { ok: false, code: 'not-on-roster-zeros', params: { id: ref.name, near } }
  const unit = ref.unit || ref.unitPost
  return { ok: false, code: 'not-on-roster', params: { id: unit ? `${ref.name}（${unit}）` : ref.name } }
}
