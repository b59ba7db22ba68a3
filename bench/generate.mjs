// Deterministic ballot data for `npm run bench` and the scale tests.
//
// Long ballots: one row per ballot × cadre, over 100,000 cadres with Chinese names. Cadres
// sit in evaluation panels of 15–25; a ballot grades every cadre of one panel, so each mark
// on a ballot names a distinct cadre (no duplicates, no spoilt pairs: strict mode passes).
// About 2% of all fields are quoted: units holding an ASCII comma or a double quote.
// Wide ballots: one row per ballot, one column per cadre (headed by a unique name).
// A GB18030 copy is made by transcoding, with a table built from the platform's own
// GB18030 decoder (Node has no GB18030 encoder).
//
// No Math.random, no clock: a seeded PRNG (mulberry32) decides everything, so the same
// arguments always give the same bytes.
import { closeSync, openSync, readSync, writeSync } from 'node:fs'
import { StringDecoder } from 'node:string_decoder'
import { TextDecoder } from 'node:util'

export const LONG_HEADER = ['票号', '干部编号', '姓名', '单位', '测评等次', '测评人类别']
/** The column names Miller groups by: the file's own header texts. */
export const CADRE_COLUMN = '干部编号'
export const GRADE_COLUMN = '测评等次'

export const GRADES = ['优秀', '称职', '基本称职', '不称职', '弃权', '无效']
/** Grade token → the key kaohe's JSON `tally` uses. */
export const GRADE_KEYS = ['excellent', 'competent', 'basicallyCompetent', 'incompetent', 'abstain', 'invalid']
const GROUPS = ['县领导', '中层干部', '一般干部', '两代表一委员', '服务对象']
const GROUP_WEIGHTS = [0.05, 0.3, 0.45, 0.1, 0.1]

export function mulberry32(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'].concat(['欧阳', '司马', '上官', '诸葛', '东方'])
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅文斌海波春生德明光辉卫东立新雪梅家豪振华晓燕永胜国庆小军宏伟丽娟建平海燕秋菊红霞晓东宇航子涵浩然欣怡思远']
const PLACES = [...'青山 白水 东湖 西岭 南坪 北川 临江 安宁 永丰 长乐 新城 丰泽 清河 云溪 石门 桃源 金沙 龙泉'.split(' ')]
const OFFICES = '财政局 教育局 交通运输局 卫生健康局 自然资源局 发展和改革局 人力资源和社会保障局 住房和城乡建设局 农业农村局 水利局 市场监督管理局 审计局 统计局 民政局 司法局 文化和旅游局 应急管理局 生态环境局 商务局 科学技术局'.split(' ')
const SECTIONS = '办公室 财务科 人事科 法规科 综合科 规划科'.split(' ')

/** Grade weights per cadre profile: most are well regarded, a few trigger item 9. */
const PROFILES = [
  { share: 0.9, w: [0.4, 0.45, 0.08, 0.03, 0.02, 0.02] },
  { share: 0.07, w: [0.12, 0.4, 0.28, 0.14, 0.03, 0.03] },
  { share: 0.03, w: [0.05, 0.2, 0.25, 0.44, 0.03, 0.03] },
]

const pick = (rand, weights) => {
  let x = rand()
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]
    if (x < 0) return i
  }
  return weights.length - 1
}

/** Quote a CSV field where it needs it (RFC 4180). */
export const csvField = (s) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)

/** The cadres: id, name, unit (some needing quotes), profile weights; all from `seed`. */
export function makeCadres(count, seed = 2009) {
  const rand = mulberry32(seed)
  const cadres = []
  for (let i = 0; i < count; i++) {
    const name =
      SURNAMES[Math.floor(rand() * SURNAMES.length)] +
      GIVEN[Math.floor(rand() * GIVEN.length)] +
      (rand() < 0.6 ? GIVEN[Math.floor(rand() * GIVEN.length)] : '')
    let unit = `${PLACES[Math.floor(rand() * PLACES.length)]}县${OFFICES[Math.floor(rand() * OFFICES.length)]}`
    const q = rand()
    // ~12% of units hold a comma and ~0.5% a double quote: 1 field in 6 → ~2% quoted fields.
    if (q < 0.12) unit += `,${SECTIONS[Math.floor(rand() * SECTIONS.length)]}`
    else if (q < 0.125) unit = unit.replace('县', '县"三农"')
    const p = rand()
    const profile = p < PROFILES[0].share ? 0 : p < PROFILES[0].share + PROFILES[1].share ? 1 : 2
    cadres.push({ id: `C${String(i + 1).padStart(6, '0')}`, name, unit, w: PROFILES[profile].w })
  }
  return cadres
}

/** Panels of 15–25 consecutive cadres: a ballot grades one whole panel. */
function makePanels(count, rand) {
  const panels = []
  for (let start = 0; start < count; ) {
    const size = Math.min(count - start, 15 + Math.floor(rand() * 11))
    panels.push([start, size])
    start += size
  }
  return panels
}

class Writer {
  constructor(path) {
    this.fd = openSync(path, 'w')
    this.parts = []
    this.size = 0
    this.bytes = 0
  }
  write(s) {
    this.parts.push(s)
    this.size += s.length
    if (this.size > 1 << 19) this.flush()
  }
  flush() {
    const buf = Buffer.from(this.parts.join(''), 'utf8')
    writeSync(this.fd, buf)
    this.bytes += buf.length
    this.parts = []
    this.size = 0
  }
  close() {
    this.flush()
    closeSync(this.fd)
    return this.bytes
  }
}

/**
 * Write `rows` long-ballot rows to `path`. Returns { rows, ballots, bytes }.
 * Rows come grouped by ballot, as an evaluation system exports them.
 */
export function writeLong(path, rows, { cadres = 100_000, seed = 2009 } = {}) {
  const cs = makeCadres(cadres, seed)
  const rand = mulberry32(seed ^ 0x5eed)
  const panels = makePanels(cs.length, rand)
  const quoted = cs.map((c) => `${c.id},${csvField(c.name)},${csvField(c.unit)},`)
  const w = new Writer(path)
  w.write(LONG_HEADER.join(',') + '\n')
  let n = 0
  let ballot = 0
  while (n < rows) {
    ballot++
    const id = `P${String(ballot).padStart(8, '0')}`
    const group = GROUPS[pick(rand, GROUP_WEIGHTS)]
    const [start, size] = panels[Math.floor(rand() * panels.length)]
    for (let k = 0; k < size && n < rows; k++, n++) {
      const c = cs[start + k]
      w.write(`${id},${quoted[start + k]}${GRADES[pick(rand, c.w)]},${group}\n`)
    }
  }
  return { rows: n, ballots: ballot, bytes: w.close() }
}

/**
 * Write a wide-ballot file with about `marks` marks: one row per ballot, `columns` cadre
 * columns headed by distinct names, 95% of cells graded. Returns { rows, marks, bytes }.
 */
export function writeWide(path, marks, { columns = 100, seed = 2009 } = {}) {
  const rand = mulberry32(seed ^ 0x31de)
  const names = []
  const seen = new Set()
  for (const c of makeCadres(columns * 4, seed)) {
    if (names.length === columns) break
    if (seen.has(c.name)) continue
    seen.add(c.name)
    names.push({ name: c.name, w: c.w })
  }
  const w = new Writer(path)
  w.write(['票号', '测评人类别', ...names.map((c) => c.name)].join(',') + '\n')
  let m = 0
  let ballot = 0
  while (m < marks) {
    ballot++
    const cells = [`W${String(ballot).padStart(8, '0')}`, GROUPS[pick(rand, GROUP_WEIGHTS)]]
    for (const c of names) {
      if (rand() < 0.05) cells.push('')
      else {
        cells.push(GRADES[pick(rand, c.w)])
        m++
      }
    }
    w.write(cells.join(',') + '\n')
  }
  return { rows: ballot, marks: m, bytes: w.close() }
}

/**
 * Write a count sheet of `cadres` cadres (one row each, SPEC §2.1 shape 3): 55–65 voters
 * per cadre, split over the grades by the cadre's profile, 应参加人数 a few above. For the
 * benchmark of `--out` on a very large report. Returns { rows, bytes }.
 */
export function writeCounts(path, cadres, { seed = 2009 } = {}) {
  const cs = makeCadres(cadres, seed)
  const rand = mulberry32(seed ^ 0xc0de)
  const w = new Writer(path)
  w.write('干部编号,姓名,单位,优秀,称职,基本称职,不称职,弃权,无效,应参加人数,实参加人数\n')
  for (const c of cs) {
    const voters = 55 + Math.floor(rand() * 11)
    const counts = [0, 0, 0, 0, 0, 0]
    for (let k = 0; k < voters; k++) counts[pick(rand, c.w)]++
    w.write(`${c.id},${csvField(c.name)},${csvField(c.unit)},${counts.join(',')},${voters + Math.floor(rand() * 4)},${voters}\n`)
  }
  return { rows: cs.length, bytes: w.close() }
}

let gbMap
/** UTF-8 file → GB18030 file (ASCII and 2-byte GBK characters, which is all we generate). */
export function transcodeGb18030(fromText, toPath) {
  if (!gbMap) {
    gbMap = new Map()
    const dec = new TextDecoder('gb18030')
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue
        const ch = dec.decode(Uint8Array.of(lead, trail))
        if (ch.length === 1 && ch !== '\uFFFD' && !gbMap.has(ch)) gbMap.set(ch, (lead << 8) | trail)
      }
    }
  }
  const fd = openSync(toPath, 'w')
  let bytes = 0
  const out = Buffer.allocUnsafe(1 << 20)
  let o = 0
  const flush = () => {
    writeSync(fd, out, 0, o)
    bytes += o
    o = 0
  }
  for (const text of fromText) {
    for (let i = 0; i < text.length; i++) {
      if (o > out.length - 4) flush()
      const cp = text.charCodeAt(i)
      if (cp < 0x80) out[o++] = cp
      else {
        const gb = gbMap.get(text[i])
        if (gb === undefined) throw new Error(`no 2-byte GB18030 code for U+${cp.toString(16)}`)
        out[o++] = gb >> 8
        out[o++] = gb & 0xff
      }
    }
  }
  flush()
  closeSync(fd)
  return bytes
}

/** Read a UTF-8 file as a sequence of text chunks (for transcoding). */
export function* readUtf8Chunks(path) {
  const fd = openSync(path, 'r')
  const buf = Buffer.allocUnsafe(1 << 20)
  const dec = new StringDecoder('utf8')
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null)
      if (n === 0) break
      yield dec.write(buf.subarray(0, n))
    }
    const rest = dec.end()
    if (rest) yield rest
  } finally {
    closeSync(fd)
  }
}
