// The personal-data scan of a test run (issue 20): the logs of every process and the spans they
// exported must hold no ID-card number, no mobile number and no name of a person the run created.
// Names come from the test platform's own databases (members, people), after the run.
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { idCardProblem, withDatabase } from '@dangjian/kit';

const ID_CARD = /(?<![0-9A-Za-z])[1-9]\d{16}[\dXx](?![0-9A-Za-z])/g;
const MOBILE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;
// Where a Chinese name can stand: a run of Han characters (and the middle dot of minority names).
const HAN_RUN = /[\p{Script=Han}·]{2,}/gu;
const LONGEST_NAME = 12;
// The hundred-odd commonest surnames (and compound ones): a test's account called 党员 or 测试 is a
// word, not a person, and a word of an error message must not count as a leaked name.
const SURNAMES = new Set(
  '王李张刘陈杨黄赵吴周徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文付韦闫严覃莫向'.split(
    '',
  ),
);
const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐'];

/** Whether a recorded name looks like a person's: a common surname and 2–4 characters, or one with ·. */
export function looksLikeName(name) {
  if (name.includes('·')) return name.length >= 3 && name.length <= LONGEST_NAME;
  if (!/^\p{Script=Han}{2,4}$/u.test(name)) return false;
  return (
    SURNAMES.has(name[0]) ||
    COMPOUND_SURNAMES.some((surname) => name.startsWith(surname) && name.length > surname.length)
  );
}

/**
 * Personal data in a text: valid ID-card numbers (check character and date), mainland mobile numbers,
 * and any of `names` (two characters or more) inside a run of Han characters.
 * @param {string} text
 * @param {Set<string>} names
 * @returns {{ kind: 'id-card' | 'mobile' | 'name'; value: string; at: number }[]}
 */
export function findPersonalData(text, names) {
  const hits = [];
  for (const match of text.matchAll(ID_CARD))
    if (idCardProblem(match[0]) === undefined)
      hits.push({ kind: 'id-card', value: match[0], at: match.index });
  for (const match of text.matchAll(MOBILE)) hits.push({ kind: 'mobile', value: match[0], at: match.index });
  if (names.size > 0)
    for (const match of text.matchAll(HAN_RUN)) {
      const run = match[0];
      for (let start = 0; start < run.length - 1; start++)
        for (let end = start + 2; end <= Math.min(run.length, start + LONGEST_NAME); end++) {
          const candidate = run.slice(start, end);
          if (names.has(candidate)) hits.push({ kind: 'name', value: candidate, at: match.index + start });
        }
    }
  return hits;
}

/** Files below `dir` (recursively), or none. */
function filesBelow(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesBelow(path) : [path];
  });
}

/** The names of the people the test platform holds (members, accounts) that look like a person's. */
export async function namesOf(adminUrl, databasePrefix) {
  const names = new Set();
  const read = async (service, sql) => {
    const client = new pg.Client({
      connectionString: withDatabase(adminUrl, `${databasePrefix}_${service}`),
    });
    await client.connect();
    try {
      for (const row of (await client.query(sql)).rows)
        if (row.name && looksLikeName(row.name)) names.add(row.name);
    } finally {
      await client.end();
    }
  };
  await read('organisation', 'select distinct name from members');
  await read('identity', 'select distinct display_name as name from people');
  return names;
}

/**
 * Scans every file in `dirs` (logs, exported spans). Returns the hits with their file and a little of
 * what surrounds them, so a reader can see where the value came from.
 * @param {string[]} dirs
 * @param {Set<string>} names
 */
export function scanFiles(dirs, names) {
  const files = dirs.flatMap(filesBelow);
  const hits = [];
  for (const file of files)
    for (const text of linesOf(file))
      for (const hit of findPersonalData(text, names))
        hits.push({
          file,
          kind: hit.kind,
          value: hit.value,
          context: text.slice(Math.max(0, hit.at - 120), hit.at + 40),
        });
  return { files: files.length, hits };
}

/** A file as pieces of whole lines, 8 MB or so each: the spans of a full run exceed a string's size. */
function* linesOf(file) {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(8 * 1024 * 1024);
    let rest = Buffer.alloc(0);
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      const data = Buffer.concat([rest, buffer.subarray(0, read)]);
      const end = data.lastIndexOf(10) + 1;
      // A line longer than the buffer is taken as it is (an ID-card number may be cut there, rarely).
      const cut = end > 0 ? end : data.length;
      yield data.subarray(0, cut).toString('utf8');
      rest = Buffer.from(data.subarray(cut));
    }
    if (rest.length > 0) yield rest.toString('utf8');
  } finally {
    closeSync(fd);
  }
}
