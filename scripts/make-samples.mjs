#!/usr/bin/env node
// Writes the bundled sample files into samples/ and checks them.
//   node scripts/make-samples.mjs
// Deterministic: no Math.random, no Date; a seeded PRNG only decides which ballot
// carries which grade. The vote design below is the input; EXPECTED.md and
// expected.json are computed by re-reading the files that were written.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TextDecoder } from 'node:util';
import { unzipSync, zipSync } from 'fflate';
import { readSheet } from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';

const OUT = fileURLToPath(new URL('../samples/', import.meta.url));
const BALLOTS = 60;
const F = { long: 'votes-long.csv', wide: 'votes-wide-gb18030.csv', counts: 'votes-counts.csv' };

// ---------------------------------------------------------------------------
// Design. v = [优秀, 称职, 基本称职, 不称职, 弃权, 不了解, 无效]; dbl = one ballot that
// marks the cadre twice with different grades (counted as 无效). Returned ballots
// = sum(v) (+1 for dbl); the rest of the 60 ballots do not grade the cadre.
// claim = what the case is meant to show; the self-check asserts it.
// ---------------------------------------------------------------------------
const CADRES = [
  // id, name, unit, post, annual grade, file, v, extra
  ['XJ001', '周振华', '县财政局', '党组书记、局长', '优秀', 'long', [34, 23, 2, 0, 1, 0, 0]],
  ['XJ002', '李明', '县财政局', '副局长', '称职', 'long', [18, 36, 3, 1, 0, 2, 0],
    { note: '同名干部之一（另见 XJ035），仅以干部编号区分 / same-name pair, told apart by id only' }],
  ['XJ003', '陈晓燕', '县财政局', '党组成员、副局长', '称职', 'long', [12, 28, 14, 6, 0, 0, 0],
    { claim: { unfit: false, um: 1 }, note: '优秀+称职 恰为 40/60 = 2/3，不触发，再少 1 票即触发 / exactly 2/3: not fired, borderline' }],
  ['XJ004', '刘志强', '县教育局', '局长', '称职', 'long', [10, 29, 15, 6, 0, 0, 0],
    { claim: { unfit: true, um: 1 }, note: '优秀+称职 39/60 < 2/3，触发，差 1 票 / one below 2/3: fired, borderline' }],
  ['XJ005', '杨丽娟', '县教育局', '副局长', '称职', 'long', [10, 30, 0, 20, 0, 0, 0],
    { claim: { unfit: false, um: 1, inc: false, im: 1 }, note: '40/60 与 不称职 20/60 均恰在界线上，均不触发 / exactly 2/3 and exactly 1/3: neither fires' }],
  ['XJ006', '黄建军', '县教育局', '副局长', '称职', 'long', [8, 25, 6, 21, 0, 0, 0],
    { claim: { unfit: true, inc: true, im: 1 }, note: '不称职 21/60 > 1/3，触发（亦不胜任）/ one above 1/3: both rules fire' }],
  ['XJ007', '吴海涛', '县交通运输局', '局长', '称职', 'long', [14, 24, 15, 4, 3, 0, 0],
    { claim: { unfit: false, um: 1, ret: true }, note: '3 票弃权：38/57 = 2/3 不触发；若以实收票 60 为分母则 38/60 触发 / abstentions move the denominator: fires only under `returned`' }],
  ['XJ008', '赵红梅', '县交通运输局', '副局长', '称职', 'long', [3, 12, 15, 28, 2, 0, 0],
    { claim: { unfit: true, inc: true }, note: '两项第九条规则均明显触发 / both item-9 rules fire clearly' }],
  ['XJ009', '孙国庆', '县交通运输局', '副局长', '称职', 'long', [16, 20, 12, 6, 3, 2, 0],
    { dbl: ['称职', '基本称职'], claim: { unfit: false, um: 1, dblFlip: true },
      note: '一张票对其同时标 称职 与 基本称职 → 该票计无效；36/54 = 2/3 不触发。若误把两个等次都计入（37/56）或只计后一个（36/55）则会触发 / two-grade mark is spoilt; counting it any other way flips the result' }],
  ['XJ010', '马文斌', '县卫生健康局', '局长', '基本称职', 'long', [30, 27, 2, 0, 1, 0, 0],
    { note: '年度考核基本称职、测评良好 → 仅诫勉 / annual grade 基本称职 with good votes: admonishment only' }],
  ['XJ011', '胡静', '县卫生健康局', '副局长', '基本称职', 'long', [8, 30, 18, 4, 0, 0, 0],
    { claim: { unfit: true, um: 2 }, note: '基本称职 + 38/60 不胜任 → 以最重者（组织调整）为准 / headline is the most severe: adjustment over admonishment' }],
  ['XJ012', '郭永胜', '县卫生健康局', '副局长', '称职', 'long', [22, 28, 3, 1, 1, 0, 0],
    { eligible: 90, note: '应参加 90 人、实收 55 票（参测率 61%）；若策略设参测率下限则应暂缓 / low participation 55/90: `withheld` if the policy sets a quorum' }],
  ['XJ013', '何秀英', '县自然资源局', '局长', '优秀', 'long', [40, 19, 1, 0, 0, 0, 0]],
  ['XJ014', '高德明', '县自然资源局', '副局长', '称职', 'long', [21, 33, 4, 1, 0, 1, 0],
    { duty: '否', note: '名册：本年度未述职述廉 → `item5-duty-statement` 诫勉 / no duty statement: admonishment' }],
  ['XJ015', '林志远', '县自然资源局', '副局长', '称职', 'long', [17, 35, 5, 1, 1, 0, 1]],
  ['XJ016', '罗春生', '县发展和改革局', '局长', '优秀', 'long', [38, 20, 1, 0, 1, 0, 0]],
  ['XJ017', '郑玉兰', '县发展和改革局', '副局长', '称职', 'long', [19, 37, 3, 0, 0, 1, 0]],
  ['XJ018', '梁家豪', '县人力资源和社会保障局', '局长', '称职', 'long', [26, 30, 2, 1, 1, 0, 0]],
  ['XJ019', '谢卫东', '县人力资源和社会保障局', '副局长', '称职', 'long', [15, 38, 5, 0, 2, 0, 0]],
  ['XJ020', '宋立新', '县住房和城乡建设局', '局长', '称职', 'long', [20, 34, 4, 1, 0, 0, 1]],
  ['XJ021', '唐国华', '县住房和城乡建设局', '副局长', '称职', 'long', [12, 29, 15, 4, 0, 0, 0],
    { claim: { unfit: false, um: 2 }, note: '41/60 不触发，差 2 票，不属临界（默认临界为 1 票）/ margin 2: not borderline' }],
  ['XJ022', '许光辉', '县农业农村局', '局长', '称职', 'long', [24, 33, 2, 0, 0, 1, 0]],
  ['XJ023', '韩雪梅', '县农业农村局', '副局长', '称职', 'long', [16, 38, 4, 1, 1, 0, 0]],
  ['XJ024', '冯建平', '县水利局', '局长', '称职', 'long', [23, 31, 3, 1, 2, 0, 0]],
  ['XJ025', '邓小军', '县市场监督管理局', '局长', '称职', 'counts', [27, 28, 3, 0, 1, 0, 0]],
  ['XJ026', '曹金凤', '县市场监督管理局', '副局长', '称职', 'counts', [15, 38, 4, 1, 2, 0, 0]],
  ['XJ027', '彭志刚', '城关镇', '党委书记', '优秀', 'wide', [36, 21, 2, 0, 1, 0, 0]],
  ['XJ028', '曾庆丰', '城关镇', '镇长', '称职', 'wide', [11, 27, 13, 6, 0, 0, 0],
    { claim: { unfit: false, um: 1 }, note: '3 张票空白（未评）：38/57 = 2/3 不触发；空白不是弃权 / blank cells are not abstentions: 38/57 exactly 2/3' }],
  ['XJ029', '肖红', '城关镇', '副镇长', '称职', 'wide', [18, 35, 4, 1, 0, 1, 0], { report: '否' }],
  ['XJ030', '田茂林', '青石镇', '党委书记', '称职', 'wide', [25, 30, 3, 0, 1, 0, 1]],
  ['XJ031', '董亚军', '青石镇', '镇长', '称职', 'wide', [9, 27, 2, 19, 2, 0, 1],
    { claim: { unfit: true, um: 2, inc: false, im: 1 }, note: '不称职 19/57 恰为 1/3 不触发；36/57 不胜任触发 / exactly 1/3: not incompetent, but unfit' }],
  ['XJ032', '袁芳', '青石镇', '副镇长', '称职', 'wide', [7, 29, 3, 20, 0, 0, 0],
    { claim: { unfit: true, inc: true, im: 1 }, note: '1 张空白；不称职 20/59 > 1/3，触发，差 1 票 / 20 of 59 valid is above 1/3: fired by one vote' }],
  ['XJ033', '潘世杰', '河口镇', '党委书记', '称职', 'wide', [28, 29, 2, 0, 1, 0, 0]],
  ['XJ034', '蒋永红', '河口镇', '镇长', '称职', 'wide', [20, 33, 4, 1, 0, 1, 0]],
  ['XJ035', '李明', '河口镇', '副镇长', '称职', 'counts', [10, 28, 15, 5, 1, 0, 0],
    { claim: { unfit: true, um: 1 }, note: '同名干部之二（另见 XJ002）；汇总表中 38/58 < 2/3，触发，差 1 票 / same-name pair; counts-file boundary, fired by one' }],
  ['XJ036', '蔡文亮', '双河乡', '党委书记', '优秀', 'wide', [33, 23, 2, 0, 1, 0, 0]],
  ['XJ037', '余秋菊', '双河乡', '乡长', '称职', 'wide', [22, 32, 3, 1, 1, 1, 0]],
  ['XJ038', '杜春林', '双河乡', '副乡长', '称职', 'counts', [16, 37, 5, 0, 1, 0, 1], { report: '否' }],
  ['XJ039', '程建华', '白云乡', '党委书记', '称职', 'counts', [29, 27, 2, 0, 0, 0, 0]],
  ['XJ040', '魏晓东', '白云乡', '副乡长', '称职', null, null,
    { note: '年内新任，无测评数据 / appointed late in the year: no evaluation data' }],
].map(([id, name, unit, post, annual, file, v, x = {}]) => ({
  id, name, unit, post, annual, file, v, ...x,
  principal: /副/.test(post) ? '否' : '是', // 局长/书记/镇长/乡长 是; 副… 否
  eligible: x.eligible ?? BALLOTS, report: x.report ?? '是', duty: x.duty ?? '是',
}));

const GRADES = ['优秀', '称职', '基本称职', '不称职'];
const TOKENS = [...GRADES, '弃权', '不了解', '无效'];
const KEYS = ['excellent', 'competent', 'basicallyCompetent', 'incompetent'];
// Voter groups by ballot number (long file): all groups ≥ 5 ballots (policy minGroupSize).
const groupOf = (n) => (n <= 6 ? '县领导' : n <= 36 ? '本单位干部' : n <= 51 ? '服务对象' : '两代表一委员');
const ballotId = (n) => 'P' + String(n).padStart(3, '0');

// ---------------------------------------------------------------------------
// Helpers: PRNG, CSV, GB18030
// ---------------------------------------------------------------------------
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(20091);
function shuffle(xs) {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}
// One token per ballot slot: a grade, 弃权/不了解/无效, 'DBL' (two-grade mark) or null (not graded).
function ballotSlots(c, slots) {
  const marks = c.v.flatMap((n, i) => Array(n).fill(TOKENS[i]));
  if (c.dbl) marks.push('DBL');
  if (marks.length > slots) throw new Error(`${c.id}: ${marks.length} marks > ${slots} ballots`);
  return shuffle([...marks, ...Array(slots - marks.length).fill(null)]);
}
function csv(rows, eol) {
  for (const r of rows) for (const f of r) if (/[",\r\n]/.test(String(f))) throw new Error(`needs quoting: ${f}`);
  return rows.map((r) => r.join(',')).join(eol) + eol;
}
const BOM = '\uFEFF';

let gbMap; // char → [lead, trail], built from the platform's own GB18030 decoder
function encodeGb18030(text) {
  if (!gbMap) {
    gbMap = new Map();
    const dec = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = dec.decode(Uint8Array.of(lead, trail));
        if (ch.length === 1 && ch !== '\uFFFD' && !gbMap.has(ch)) gbMap.set(ch, [lead, trail]);
      }
    }
  }
  const out = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    if (cp < 0x80) out.push(cp);
    else if (gbMap.has(ch)) out.push(...gbMap.get(ch));
    else throw new Error(`no 2-byte GB18030 code for ${ch} (U+${cp.toString(16)})`);
  }
  return Uint8Array.from(out);
}

// ---------------------------------------------------------------------------
// Write the files
// ---------------------------------------------------------------------------
const inFile = (f) => CADRES.filter((c) => c.file === f);
mkdirSync(OUT, { recursive: true });
const write = (name, data) => writeFileSync(OUT + name, data);

// Roster and counts: Excel/WPS "CSV UTF-8" style (BOM, CRLF).
write('roster.csv', BOM + csv([
  ['干部编号', '姓名', '单位', '职务', '是否正职', '年度考核等次', '述职述廉', '应报告个人事项', '应参加人数'],
  ...CADRES.map((c) => [c.id, c.name, c.unit, c.post, c.principal, c.annual, c.duty, c.report, c.eligible]),
], '\r\n'));

// Long ballots: evaluation-system export (UTF-8, LF), grouped by ballot, cadres in id order.
{
  const cs = inFile('long');
  const slots = new Map(cs.map((c) => [c.id, ballotSlots(c, BALLOTS)]));
  const rows = [['票号', '干部编号', '姓名', '测评等次', '测评人类别']];
  for (let n = 1; n <= BALLOTS; n++) {
    for (const c of cs) {
      const t = slots.get(c.id)[n - 1];
      for (const g of t === 'DBL' ? c.dbl : t ? [t] : []) rows.push([ballotId(n), c.id, c.name, g, groupOf(n)]);
    }
  }
  write(F.long, csv(rows, '\n'));
}

// Wide ballots: scanner (OMR) export, columns headed by name, GB18030, CRLF.
{
  const cs = inFile('wide');
  const slots = cs.map((c) => ballotSlots(c, BALLOTS));
  const rows = [['票号', ...cs.map((c) => c.name)]];
  for (let n = 1; n <= BALLOTS; n++) rows.push([ballotId(n), ...slots.map((s) => s[n - 1] ?? '')]);
  write(F.wide, encodeGb18030(csv(rows, '\r\n')));
}

// Counts: one row per cadre; 弃权 includes 不了解.
write(F.counts, BOM + csv([
  ['干部编号', '姓名', '单位', '职务', '优秀', '称职', '基本称职', '不称职', '弃权', '无效', '应参加人数', '实参加人数'],
  ...inFile('counts').map((c) => {
    const [e, k, b, i, ab, unk, inv] = c.v;
    return [c.id, c.name, c.unit, c.post, e, k, b, i, ab + unk, inv, c.eligible, e + k + b + i + ab + unk + inv];
  }),
], '\r\n'));

// ---------------------------------------------------------------------------
// Self-check: read the files back, recount independently, derive the expectations
// ---------------------------------------------------------------------------
const fail = (msg) => { throw new Error('self-check: ' + msg); };
const check = (ok, msg) => { if (!ok) fail(msg); };

function readText(name, { bom, gb }) {
  const bytes = readFileSync(OUT + name);
  if (gb) {
    let utf8ok = true;
    try { new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch { utf8ok = false; }
    check(!utf8ok, `${name} should not be valid UTF-8 (auto-detection must pick GB18030)`);
    const text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    check(Buffer.from(encodeGb18030(text)).equals(bytes), `${name} does not round-trip`);
    return text;
  }
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  check(text.startsWith(BOM) === bom, `${name}: BOM ${bom ? 'missing' : 'unexpected'}`);
  return bom ? text.slice(1) : text;
}
function table(name, header, opts) {
  const lines = readText(name, opts).split(/\r?\n/);
  check(lines.pop() === '', `${name}: no final newline`);
  const rows = lines.map((l) => l.split(','));
  if (header) check(rows[0].join(',') === header, `${name}: header is ${rows[0].join(',')}`);
  rows.forEach((r, i) => check(r.length === rows[0].length, `${name} line ${i + 1}: ${r.length} fields`));
  return rows;
}
const blank = () => ({ excellent: 0, competent: 0, basicallyCompetent: 0, incompetent: 0, abstain: 0, invalid: 0 });
function addMark(t, g) {
  const i = GRADES.indexOf(g);
  if (i >= 0) t[KEYS[i]]++;
  else if (g === '弃权' || g === '不了解') t.abstain++;
  else if (g === '无效') t.invalid++;
  else fail(`unknown token ${g}`);
}
const tallies = new Map(); // id → { file, t, returned, eligible }
const addTally = (id, file, t, returned, eligible) => {
  check(!tallies.has(id), `${id} appears in more than one vote file`);
  tallies.set(id, { file, t, returned, eligible });
};

const roster = table('roster.csv', '干部编号,姓名,单位,职务,是否正职,年度考核等次,述职述廉,应报告个人事项,应参加人数', { bom: true }).slice(1);
const rosterById = new Map(roster.map((r) => [r[0], r]));
check(rosterById.size === roster.length, 'duplicate id in roster');
for (const r of roster) {
  check(r[4] === (/副/.test(r[3]) ? '否' : '是'), `${r[0]}: 是否正职 ${r[4]} vs ${r[3]}`);
  check(GRADES.includes(r[5]), `${r[0]}: annual grade ${r[5]}`);
}
const byName = new Map(); // Map.groupBy needs Node 21
for (const r of roster) byName.set(r[1], [...(byName.get(r[1]) ?? []), r]);
const sameName = [...byName].filter(([, rs]) => rs.length > 1);
check(sameName.length === 1 && sameName[0][1].length === 2, 'exactly one pair of same-name cadres');
check(new Set(sameName[0][1].map((r) => r[2])).size === 2, 'same-name pair in different units');

{ // long: two different grades on one ballot for one cadre = one spoilt mark
  const rows = table(F.long, '票号,干部编号,姓名,测评等次,测评人类别', { bom: false }).slice(1);
  const seen = new Set();
  const marks = new Map(); // id → Map(ballot → Set(grades))
  let lastBallot = '';
  for (const [b, id, name, g, grp] of rows) {
    check(!seen.has(`${b}|${id}|${g}`), `exact duplicate row ${b} ${id} ${g}`);
    seen.add(`${b}|${id}|${g}`);
    check(b >= lastBallot, `long file not grouped by ballot at ${b}`);
    lastBallot = b;
    check(rosterById.get(id)?.[1] === name, `${id} name ${name}`);
    check(grp === groupOf(Number(b.slice(1))), `${b} voter group`);
    if (!marks.has(id)) marks.set(id, new Map());
    const m = marks.get(id);
    if (!m.has(b)) m.set(b, new Set());
    m.get(b).add(g);
  }
  for (const [id, m] of marks) {
    const t = blank();
    for (const gs of m.values()) addMark(t, gs.size > 1 ? '无效' : [...gs][0]);
    addTally(id, F.long, t, m.size, Number(rosterById.get(id)[8]));
  }
}
{ // wide: columns by name, which must be unique in the roster; empty = not graded
  const [head, ...rows] = table(F.wide, null, { gb: true });
  check(head[0] === '票号', 'wide header');
  head.slice(1).forEach((name, j) => {
    const rs = byName.get(name);
    check(rs?.length === 1, `wide column ${name} must name exactly one rostered cadre`);
    const t = blank();
    let returned = 0;
    for (const r of rows) if (r[j + 1] !== '') { addMark(t, r[j + 1]); returned++; }
    addTally(rs[0][0], F.wide, t, returned, Number(rs[0][8]));
  });
  check(new Set(rows.map((r) => r[0])).size === rows.length, 'wide: duplicate 票号');
}
{ // counts: consistent sums
  const rows = table(F.counts, '干部编号,姓名,单位,职务,优秀,称职,基本称职,不称职,弃权,无效,应参加人数,实参加人数', { bom: true }).slice(1);
  for (const r of rows) {
    const n = r.slice(4).map(Number);
    check(n.every((x) => Number.isInteger(x) && x >= 0), `${r[0]}: bad count`);
    const [e, k, b, i, ab, inv, elig, part] = n;
    check(e + k + b + i + ab + inv === part && part <= elig, `${r[0]}: counts do not add up`);
    check(rosterById.get(r[0])?.[1] === r[1] && String(elig) === rosterById.get(r[0])[8], `${r[0]}: differs from roster`);
    addTally(r[0], F.counts, { excellent: e, competent: k, basicallyCompetent: b, incompetent: i, abstain: ab, invalid: inv }, part, elig);
  }
}

// Coverage: every voted cadre is rostered; exactly one rostered cadre has no votes;
// the same-name pair appears only in files keyed by id.
for (const id of tallies.keys()) check(rosterById.has(id), `${id} has votes but is not rostered`);
const noVotes = roster.filter((r) => !tallies.has(r[0]));
check(noVotes.length === 1, `cadres without votes: ${noVotes.map((r) => r[0])}`);
for (const r of sameName[0][1]) check(tallies.get(r[0])?.file !== F.wide, `${r[0]} (same name) in the wide file`);

// The recount must equal the design (which is how the design's intent is checked).
for (const c of CADRES.filter((c) => c.v)) {
  const [e, k, b, i, ab, unk, inv] = c.v;
  const want = { excellent: e, competent: k, basicallyCompetent: b, incompetent: i, abstain: ab + unk, invalid: inv + (c.dbl ? 1 : 0) };
  check(JSON.stringify(tallies.get(c.id).t) === JSON.stringify(want), `${c.id}: recount differs from design`);
}

// Rules of the Opinion, integer arithmetic only.
const div3 = (x) => (x - (x % 3)) / 3; // floor(x/3) for x ≥ 0
function assess(t, annual, duty) {
  const fired = [];
  let unfitMargin = null, incompetentMargin = null, valid = null;
  if (t) {
    valid = t.excellent + t.competent + t.basicallyCompetent + t.incompetent;
    check(valid > 0, 'valid > 0');
    const fav = t.excellent + t.competent, inc = t.incompetent;
    const unfit = 3 * fav < 2 * valid, incompetent = 3 * inc > valid;
    if (incompetent) fired.push('item9-incompetent');
    if (unfit) fired.push('item9-unfit');
    // unfit: largest m with 3m < 2D is floor((2D-1)/3); smallest m with 3m ≥ 2D is floor((2D+2)/3)
    unfitMargin = unfit ? div3(2 * valid + 2) - fav : fav - div3(2 * valid - 1);
    // incompetent: smallest m with 3m > D is floor(D/3)+1; largest m with 3m ≤ D is floor(D/3)
    incompetentMargin = incompetent ? inc - div3(valid) : div3(valid) + 1 - inc;
    // independent cross-check: move votes one at a time until the outcome flips
    const steps = (flips) => { let k = 0; while (!flips(k)) k++; return k; };
    check(unfitMargin === steps((k) => (3 * (unfit ? fav + k : fav - k) < 2 * valid) !== unfit), 'unfit margin');
    check(incompetentMargin === steps((k) => (3 * (incompetent ? inc - k : inc + k) > valid) !== incompetent), 'incompetent margin');
  }
  if (annual === '基本称职') fired.push('item3-basic-grade');
  if (duty === '否') fired.push('item5-duty-statement'); // 第5项 述职述廉, from the roster alone
  const disposition = fired.includes('item9-incompetent') ? 'dismissal'
    : fired.includes('item9-unfit') ? 'adjustment'
      : fired.length > 0 ? 'admonishment' : valid === null ? 'no-data' : 'none'; // SPEC §3: no votes, no other finding
  return { valid, fired, disposition, unfitMargin, incompetentMargin };
}

const expected = {};
const mdRows = [];
for (const c of CADRES) {
  const r = rosterById.get(c.id);
  const tl = tallies.get(c.id);
  const a = assess(tl?.t ?? null, r[5], r[6]);
  if (c.claim) {
    const { unfit, um, inc, im, ret, dblFlip } = c.claim;
    const unfitOver = (fav, den) => 3 * fav < 2 * den;
    const fav = tl.t.excellent + tl.t.competent;
    check(ret === undefined || unfitOver(fav, tl.returned) === ret, `${c.id}: returned-denominator claim`);
    if (dblFlip) { // the spoilt mark read as both grades, or as its second grade only, flips the result
      check(unfitOver(fav + 1, a.valid + 2) && unfitOver(fav, a.valid + 1), `${c.id}: two-grade claim`);
    }
    check(unfit === undefined || a.fired.includes('item9-unfit') === unfit, `${c.id}: unfit claim`);
    check(inc === undefined || a.fired.includes('item9-incompetent') === inc, `${c.id}: incompetent claim`);
    check(um === undefined || a.unfitMargin === um, `${c.id}: unfit margin claim`);
    check(im === undefined || a.incompetentMargin === im, `${c.id}: incompetent margin claim`);
  }
  const counts = tl ? tl.t : Object.fromEntries(Object.keys(blank()).map((k) => [k, null]));
  expected[c.id] = { ...counts, valid: a.valid, fired: a.fired, disposition: a.disposition, unfitMargin: a.unfitMargin, incompetentMargin: a.incompetentMargin };
  const t = tl?.t;
  const m = (x) => (x === null ? '—' : x <= 1 ? `**${x}**` : String(x));
  mdRows.push([c.id, r[1], tl ? '`' + tl.file + '`' : '—', ...(t ? Object.values(t) : Array(6).fill('—')),
    a.valid ?? '—', tl?.returned ?? '—', r[8], r[5], a.fired.map((f) => '`' + f + '`').join(' ') || '—',
    '`' + a.disposition + '`', m(a.unfitMargin), m(a.incompetentMargin), c.note ?? '']);
}
// Design sanity: both sides of every threshold are present.
const all = Object.values(expected);
for (const rule of ['item9-unfit', 'item9-incompetent', 'item3-basic-grade', 'item5-duty-statement']) {
  check(all.some((e) => e.fired.includes(rule)) && all.some((e) => !e.fired.includes(rule)), `${rule} on both sides`);
}
check(new Set(all.map((e) => e.disposition)).size === 5, 'all four dispositions and no-data present');

// ---------------------------------------------------------------------------
// Item 5: personal-matter reports — wide CSV for the county bureaus, long XLSX (merged
// cells, a title row, date cells) for the towns — and verification findings. Design,
// then the files, then the expectations recounted from the files as written.
// ---------------------------------------------------------------------------
const CATS = ['住房', '投资', '婚姻变化', '持有因私出国（境）证件', '因私出国（境）情况', '子女与外国人、港澳台居民通婚情况',
  '配偶子女从业情况', '配偶子女出国（境）定居情况', '配偶子女被司法机关追究刑事责任情况'];
const R5 = { wide: 'reports-wide.csv', long: 'reports-long.xlsx', findings: 'findings.csv' };
// answers: category index → cell (else 无); omit: categories missing from the long sheet; blank: a pre-filled empty row.
const REPORTS = {
  XJ017: { blank: true, note: '预填名单中的空白行 = 未报告 / a blank pre-filled row is no report' },
  XJ018: { answers: { 1: '-', 2: '待填' }, note: '投资 “-”、婚姻变化 “待填” → 报告不完整 / unanswered by - and 待填' },
  XJ019: { answers: { 0: '县城住房一套（2019年购入）', 6: '配偶在县人民医院工作' }, note: '以文字说明作答即为已填 / answered by descriptions' },
  XJ020: { answers: { 3: '/' }, note: '持有因私出国（境）证件 “/” → 报告不完整 / unanswered by /' },
  XJ023: { answers: { 6: '' }, note: '配偶子女从业情况 空白 → 报告不完整 / a blank category' },
  XJ031: { answers: { 4: '待填' }, note: '不胜任且报告不完整：以组织调整为准 / adjustment outranks the admonishment' },
  XJ033: { omit: [0], note: '长表缺 住房 一行 → 报告不完整 / the long sheet lacks a category' },
};
const FINDINGS = [
  ['XJ006', '黄建军', '投资', '查核发现持有某公司股份未报告', '瞒报', '是'],
  ['XJ013', '何秀英', '投资', '查核发现配偶持有基金未报告', '漏报', '否'],
  ['XJ016', '罗春生', '住房', '查核发现隐瞒房产两套', '瞒报', '是'],
  ['XJ024', '冯建平', '住房', '查核发现车库一处未报告', '漏报', '否'],
  ['XJ024', '冯建平', '因私出国', '查核发现一次因私出境未报告', '漏报', ''],
  ['XJ027', '彭志刚', '配偶子女从业情况', '查核发现子女在外资企业任职未报告', '漏报', '否'],
];
const FINDING_NOTES = {
  XJ006: '瞒报且情节严重，但免职等更重 / serious finding, dismissal still the headline',
  XJ013: '查核发现漏报 → 诫勉谈话 / an unreported finding',
  XJ016: '瞒报、情节严重 → 组织处理（由党委认定）/ serious: organizational handling',
  XJ024: '两项漏报，其一的事项名不在政策清单中 / two findings, one with a free-text category',
  XJ027: '乡镇干部的查核发现 / a finding for a town cadre',
};
const isTown = (c) => /[镇乡]$/.test(c.unit);
const dateText = (i) => [`2025-01-${String(10 + (i % 15)).padStart(2, '0')}`, `2025/1/${10 + (i % 15)}`, `2025年1月${10 + (i % 15)}日`][i % 3];
const cellsOf = (c) => CATS.map((_, k) => (REPORTS[c.id]?.blank ? '' : REPORTS[c.id]?.answers?.[k] ?? '无'));

// Wide CSV: the bureaus, every rostered cadre pre-filled (those who need not report are left out).
write(R5.wide, BOM + csv([
  ['干部编号', '姓名', '单位', '报告日期', ...CATS],
  ...CADRES.filter((c) => !isTown(c) && c.report === '是').map((c, i) => [c.id, c.name, c.unit, REPORTS[c.id]?.blank ? '' : dateText(i), ...cellsOf(c)]),
], '\r\n'));

// Long XLSX: the towns, one row per category, id/name/unit/date merged down each cadre's rows.
{
  const rows = [[{ value: '2025年度领导干部个人有关事项报告（乡镇）', columnSpan: 6 }, null, null, null, null, null],
    ['干部编号', '姓名', '单位', '报告日期', '事项', '内容']];
  CADRES.filter((c) => isTown(c) && c.report === '是').forEach((c, i) => {
    const cats = CATS.map((label, k) => [label, cellsOf(c)[k]]).filter((_, k) => !REPORTS[c.id]?.omit?.includes(k));
    const day = 12 + (i % 10);
    cats.forEach(([label, content], k) => {
      const span = { rowSpan: cats.length };
      rows.push(k === 0
        ? [{ value: c.id, type: String, ...span }, { value: c.name, ...span }, { value: c.unit, ...span },
          { value: new Date(Date.UTC(2025, 0, day)), type: Date, format: 'yyyy-mm-dd', ...span }, label, content]
        : [null, null, null, null, label, content]);
    });
  });
  // write-excel-file stamps each zip entry with the time of writing: re-zip with a fixed one.
  const parts = unzipSync(await writeXlsxFile(rows, { sheet: '个人事项', columns: [12, 8, 10, 12, 36, 24].map((width) => ({ width })) }).toBuffer());
  const fixed = new Date(2025, 0, 1);
  write(R5.long, zipSync(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, [v, { mtime: fixed }]])), { level: 6 }));
}

write(R5.findings, BOM + csv([['干部编号', '姓名', '事项', '情况', '类型', '情节严重'], ...FINDINGS], '\r\n'));

// Recount: the CSV by splitting, the XLSX with read-excel-file (merged cells come back empty: carry the cadre down).
const UNANSWERED = new Set(['', '-', '/', '待填']);
const reports = new Map(); // id → { answered, total }
const addReport = (id, label, cell) => {
  check(CATS.includes(label), `report category ${label}`);
  const r = reports.get(id) ?? { answered: new Set(), seen: new Set() };
  check(!r.seen.has(label), `${id}: ${label} twice`);
  r.seen.add(label);
  if (!UNANSWERED.has(cell.trim())) r.answered.add(label);
  reports.set(id, r);
};
{
  const [head, ...rows] = table(R5.wide, null, { bom: true });
  check(head.slice(4).join() === CATS.join(), 'wide report header');
  for (const r of rows) {
    check(rosterById.get(r[0])?.[1] === r[1], `${r[0]}: report name`);
    head.slice(4).forEach((label, k) => addReport(r[0], label, r[4 + k]));
  }
}
{
  const data = await readSheet(readFileSync(OUT + R5.long));
  check(data[1].join() === '干部编号,姓名,单位,报告日期,事项,内容', 'long report header');
  let id = null;
  for (const row of data.slice(2)) {
    if (row[0] !== null) {
      id = row[0];
      check(row[3] instanceof Date && row[3].getUTCFullYear() === 2025, `${id}: date cell`);
    }
    check(id !== null && rosterById.has(id), `long report row for ${id}`);
    addReport(id, row[4], row[5] ?? '');
  }
}
const findingsBy = new Map();
for (const r of table(R5.findings, '干部编号,姓名,事项,情况,类型,情节严重', { bom: true }).slice(1)) {
  check(rosterById.get(r[0])?.[1] === r[1], `${r[0]}: finding name`);
  findingsBy.set(r[0], [...(findingsBy.get(r[0]) ?? []), r]);
}

const RULE_ORDER = ['item9-incompetent', 'item9-unfit', 'item3-basic-grade', 'item5-report-missing', 'item5-report-incomplete',
  'item5-report-late', 'item5-unreported-finding', 'item5-serious', 'item5-duty-statement'];
const MEASURE = { 'item9-incompetent': 'dismissal', 'item9-unfit': 'adjustment', 'item5-serious': 'organizational-handling' };
const SEVERITY = ['none', 'admonishment', 'organizational-handling', 'adjustment', 'dismissal'];
const item5Expected = {};
const item5Rows = [];
for (const c of CADRES) {
  const r = rosterById.get(c.id);
  const rep = reports.get(c.id);
  const fired = new Set(expected[c.id].fired);
  const filed = rep !== undefined && rep.answered.size > 0;
  if (r[7] === '是' && !filed) fired.add('item5-report-missing');
  if (r[7] === '是' && filed && rep.answered.size < CATS.length) fired.add('item5-report-incomplete');
  const fs = findingsBy.get(c.id) ?? [];
  if (fs.length > 0) fired.add('item5-unreported-finding');
  if (fs.some((f) => f[5] === '是')) fired.add('item5-serious');
  const list = RULE_ORDER.filter((x) => fired.has(x));
  const measure = list.map((x) => MEASURE[x] ?? 'admonishment').reduce((a, b) => (SEVERITY.indexOf(b) > SEVERITY.indexOf(a) ? b : a), 'none');
  const disposition = measure === 'none' && !tallies.has(c.id) ? 'no-data' : measure;
  item5Expected[c.id] = { fired: list, disposition };
  const note = [REPORTS[c.id]?.note, FINDING_NOTES[c.id], c.report === '否' ? '名册：应报告个人事项 否，无报告，不检查 / must_report 否: not checked' : null, c.duty === '否' ? c.note : null].filter(Boolean).join('；');
  if (note) {
    item5Rows.push([c.id, c.name, c.unit, r[7], rep ? `${rep.answered.size}/${CATS.length}` : '—', fs.length || '—',
      list.map((x) => '`' + x + '`').join(' ') || '—', '`' + disposition + '`', note]);
  }
}
for (const rule of ['item5-report-missing', 'item5-report-incomplete', 'item5-unreported-finding', 'item5-serious', 'item5-duty-statement']) {
  check(Object.values(item5Expected).some((e) => e.fired.includes(rule)), `${rule} shown by the samples`);
}
check(new Set(Object.values(item5Expected).map((e) => e.disposition).filter((d) => d !== 'no-data')).size === 5, 'all five measures present with reports');
writeFileSync(OUT + 'expected-item5.json', JSON.stringify(item5Expected, null, 2) + '\n');

const item5Md = `
## 个人有关事项 / Item 5: reports and findings

\`expected-item5.json\` 是以下命令的逐人预期 (the expectation, cadre by cadre, of):

    kaohe assess --votes samples/${F.long} --votes samples/${F.wide} --votes samples/${F.counts} \\
      --roster samples/roster.csv --reports samples/${R5.wide} --reports samples/${R5.long} --findings samples/${R5.findings}

| 文件 file | 形态 shape | 说明 |
|---|---|---|
| \`${R5.wide}\` | 宽表 wide, UTF-8 BOM, CRLF | 县直部门 county bureaus；日期写法混用 2025-01-10 / 2025/1/11 / 2025年1月12日 |
| \`${R5.long}\` | 长表 long XLSX | 乡镇 towns；首行为合并标题，干部编号、姓名、单位、报告日期 纵向合并，日期为日期单元格 |
| \`${R5.findings}\` | 查核结果 findings, UTF-8 BOM, CRLF | ${FINDINGS.length} 行 rows |

某事项填“无”或写明情况为已填；空白、-、/、待填 为未填 (answered: 无 or a description; unanswered: blank, -, /, 待填).
其余干部报告完整、无查核发现 (all other cadres: complete reports, no findings).

| 编号 id | 姓名 | 单位 | 应报告 must report | 已填 answered | 查核 findings | 触发 fired | 处置 disposition | 说明 note |
|${'---|'.repeat(9)}
${item5Rows.map((r) => '| ' + r.join(' | ') + ' |').join('\n')}
`;

writeFileSync(OUT + 'expected.json', JSON.stringify(expected, null, 2) + '\n');

const md = `# 样例数据预期结果 / Expected results for the bundled samples

由 \`scripts/make-samples.mjs\` 生成，请勿手改 / generated, do not edit by hand —
rerun \`node scripts/make-samples.mjs\`. 数字均由生成器重新读取已写出的文件计数得出
(every number is recounted from the files as written).

## 文件 / Files

| 文件 file | 形态 shape | 编码 encoding | 说明 |
|---|---|---|---|
| \`roster.csv\` | 干部名册 roster | UTF-8 BOM, CRLF | ${roster.length} 名干部 cadres |
| \`${F.long}\` | 长表 long ballots | UTF-8, LF | ${inFile('long').length} 名干部，票号 P001–P060，按票分组 grouped by ballot |
| \`${F.wide}\` | 宽表 wide ballots (OMR) | GB18030, CRLF | ${inFile('wide').length} 名干部，列名为姓名 columns headed by name；空格 = 未评 blank = not graded |
| \`${F.counts}\` | 汇总表 counts | UTF-8 BOM, CRLF | ${inFile('counts').length} 名干部 |

测评人类别 voter groups (long file): 县领导 P001–P006, 本单位干部 P007–P036, 服务对象 P037–P051,
两代表一委员 P052–P060 (each ≥ 5 ballots).

## 口径 / Basis

- 默认策略 \`opinion-2009\`，分母 \`valid\` = 对该干部评了四个等次之一的票数 (弃权、不了解、无效不计入).
- \`item9-unfit\`: (优秀+称职)/valid **<** 2/3；\`item9-incompetent\`: 不称职/valid **>** 1/3；
  \`item3-basic-grade\`: 名册年度考核等次为 基本称职.
- 弃权 列含 不了解 (abstain includes 不了解)；一票对同一干部标两个不同等次计 无效 1 票.
- 处置 disposition = 最重者 most severe: \`dismissal\` > \`adjustment\` > \`organizational-handling\` > \`admonishment\` > \`none\`；
  名册中有、却没有任何测评数据且无其他发现的干部为 \`no-data\` (a rostered cadre with no vote data and no other finding).
  \`fired\` 按规范 §1 表中顺序列出 (spec table order; compare as a set).
- 差额 margin = 使结论翻转最少需改动的票数（分母不变）; **粗体** = 临界 borderline (≤ 1).
- 本表为只给测评票与名册时的预期 (votes + roster, no \`--reports\`/\`--findings\`): 个人事项规则中只有
  名册上的 述职述廉 (\`item5-duty-statement\`, XJ014) 起作用；不设参测率下限 (no quorum assumed; see XJ012).
  加上个人事项报告与查核结果的预期见文末 (with reports and findings: see the last section).
- 同名干部 同名 pair: ${sameName[0][1].map((r) => `${r[0]} ${r[1]}（${r[2]}）`).join('、')} — 只出现在以干部编号标识的文件中
  (only in files keyed by cadre id).

## 逐人预期 / Per cadre

| 编号 id | 姓名 | 文件 file | 优秀 | 称职 | 基本称职 | 不称职 | 弃权 | 无效 | 有效 valid | 实收 returned | 应参加 eligible | 年度等次 annual | 触发 fired | 处置 disposition | 不胜任差额 unfit margin | 不称职差额 incompetent margin | 说明 note |
|${'---|'.repeat(18)}
${mdRows.map((r) => '| ' + r.join(' | ') + ' |').join('\n')}
${item5Md}`;
writeFileSync(OUT + 'EXPECTED.md', md);

const byDisp = {};
for (const e of all) byDisp[e.disposition] = (byDisp[e.disposition] ?? 0) + 1;
console.log(`samples written to ${OUT}: ${roster.length} cadres, ${tallies.size} with votes; ${JSON.stringify(byDisp)}`);
