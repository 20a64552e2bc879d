// Organisation benchmarks (issue 3), each against its floor in the same run:
//  - importing 100,000 members from CSV through the gateway (upload, checks, encryption, blind
//    index, batches) against Postgres COPY of the same CSV into a plain table;
//  - subtree statistics of a committee with ~50,000 organisations and 1,000,000 members through the
//    gateway against the service's own tally read run bare on the same database, and against the
//    bare recount of the member rows that the tallies replaced.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { accessToken } from '../platform/login.mjs';
import { copyIn, copyOut } from './copy.mjs';
import { addMonths, chinaToday, idCardCheckCharacter } from '@dangjian/kit';

const say = (line) => process.stdout.write(`${line}\n`);
const ms = (value) => `${value.toFixed(0)} ms`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const MEMBER_HEADER = [
  '姓名',
  '公民身份号码',
  '性别',
  '民族',
  '学历',
  '人员类别',
  '职业类别',
  '所在党组织编码',
  '入党日期',
  '转正日期',
  '联系电话',
  '是否流动党员',
];

function memberCsv(rows, organisationCode, from = 0) {
  const lines = [MEMBER_HEADER.join(',')];
  for (let i = from; i < from + rows; i++) {
    const first17 = `${String(520100 + Math.floor(i / 1000)).padStart(6, '0')}1971${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (Math.floor(i / 12) % 28)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`;
    lines.push(
      [
        `基准党员${i}`,
        `${first17}${idCardCheckCharacter(first17)}`,
        '',
        '汉族',
        '大学本科',
        '正式党员',
        '在岗职工',
        organisationCode,
        '2010-07-01',
        '2011-07-01',
        `139${String(i).padStart(8, '0')}`,
        '否',
      ].join(','),
    );
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

async function gatewayJson(platform, token, method, path, body, headers = {}) {
  const response = await fetch(`${platform.gatewayUrl.replace('localhost', '127.0.0.1')}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'x-tenant': 'acme-corp', ...headers },
    ...(body ? { body } : {}),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** A client of its own for the work, ended after it. */
export async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The acme-corp tenant id and a fresh root committee for the benchmark's own tree. */
async function benchRoot(platform, token, code) {
  return gatewayJson(
    platform,
    token,
    'POST',
    '/api/v1/organisations',
    JSON.stringify({ name: `基准测试党委 ${code}`, code, kind: 'committee' }),
    { 'content-type': 'application/json' },
  );
}

export async function benchImport(platform, token) {
  const root = await benchRoot(platform, token, `BENCH-IMP-${Date.now().toString(36)}`);
  const branch = await gatewayJson(
    platform,
    token,
    'POST',
    '/api/v1/organisations',
    JSON.stringify({ name: '基准导入党支部', code: `${root.code}-B`, kind: 'branch', parentId: root.id }),
    { 'content-type': 'application/json' },
  );
  const organisation = platform.processes.find((p) => p.name === 'organisation');
  let uploadMs = 0;
  const importFile = async (file) => {
    const posted = performance.now();
    const job = await gatewayJson(
      platform,
      token,
      'POST',
      `/api/v1/import-jobs?kind=members&fileName=bench.csv`,
      file,
      { 'content-type': 'text/csv' },
    );
    uploadMs = performance.now() - posted;
    let current = job;
    while (!['completed', 'failed', 'stopped'].includes(current.status)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      current = await gatewayJson(platform, token, 'GET', `/api/v1/import-jobs/${job.id}`);
    }
    return current;
  };
  // Memory flat in the file's size: the service's peak after a file a tenth the size, then after the
  // whole one (other ID-card numbers, so nothing is skipped).
  const rssStart = peakRssMb(organisation.child.pid);
  const small = await importFile(memberCsv(IMPORT_ROWS / 10, branch.code, IMPORT_ROWS));
  if (small.status !== 'completed') throw new Error(`import ended ${JSON.stringify(small)}`);
  const rssSmall = peakRssMb(organisation.child.pid);

  const file = memberCsv(IMPORT_ROWS, branch.code);
  say(`import: ${IMPORT_ROWS} rows, ${(file.length / 1024 / 1024).toFixed(1)} MB of CSV …`);
  const started = performance.now();
  const current = await importFile(file);
  const platformMs = performance.now() - started;
  const rssWhole = peakRssMb(organisation.child.pid);
  if (current.status !== 'completed' || current.createdCount !== IMPORT_ROWS)
    throw new Error(`import ended ${JSON.stringify(current)}`);

  // Floor: COPY of the same file into a plain table of text columns (no checks, no encryption, no index).
  const copyMs = await withClient(platform.databases.organisation.admin, async (client) => {
    await client.query(
      `create temporary table copy_floor (${MEMBER_HEADER.map((_, i) => `c${i} text`).join(', ')})`,
    );
    const begin = performance.now();
    await copyIn(client, 'copy copy_floor from stdin with (format csv, header true)', file);
    const elapsed = performance.now() - begin;
    const { rows } = await client.query('select count(*)::int as n from copy_floor');
    if (rows[0].n !== IMPORT_ROWS) throw new Error('COPY loaded a different number of rows');
    return elapsed;
  });
  // The tables' own cost: the imported rows (new ids and indexes) written again into members itself —
  // once by a plain COPY (the table's floor: its indexes, triggers and keys, no history; as the
  // administrator, whom row-level security does not stop — it refuses COPY FROM to the service's role),
  // once by one INSERT … SELECT into members and one into member_changes — rolled back.
  const { tableCopyMs, tablesMs } = await withClient(
    platform.databases.organisation.admin,
    async (client) => {
      await client.query('begin');
      try {
        await client.query(
          `create temporary table imported on commit drop as
           select * from members where organisation_id = $1::uuid limit $2`,
          [branch.id, IMPORT_ROWS],
        );
        const fresh = `update imported set id = gen_random_uuid(), id_card_index = md5(id_card_index),
                                         phone_index = md5(phone_index)`;
        await client.query(fresh);
        const rows = await copyOut(client, 'copy imported to stdout');
        await client.query('savepoint by_copy');
        let begin = performance.now();
        await copyIn(client, 'copy members from stdin', rows);
        const tableCopyMs = performance.now() - begin;
        const { rows: copied } = await client.query(
          'select count(*)::int as n from members where id in (select id from imported)',
        );
        if (copied[0].n !== IMPORT_ROWS)
          throw new Error('COPY into members wrote a different number of rows');
        await client.query('rollback to savepoint by_copy');
        await client.query(fresh);
        begin = performance.now();
        const inserted = await client.query('insert into members select * from imported');
        await client.query(
          `insert into member_changes (id, tenant_id, member_id, changed_by, changed_by_name, reason,
                                     reason_code, reason_params, fields)
         select gen_random_uuid(), tenant_id, id, '', '', '', 'imported', '{}', array['*'] from imported`,
        );
        const tablesMs = performance.now() - begin;
        if (inserted.rowCount !== IMPORT_ROWS)
          throw new Error('INSERT … SELECT wrote a different number of rows');
        return { tableCopyMs, tablesMs };
      } finally {
        await client.query('rollback');
        // The rolled-back rows would slow the key rotation's bench that follows.
        await client.query('vacuum members, member_changes, member_tallies, roster_changes');
      }
    },
  );
  const rate = (elapsed) => `${((IMPORT_ROWS / elapsed) * 1000).toFixed(0)} rows/s`;
  say(
    `${'import through the gateway (upload → job done)'.padEnd(52)} ${ms(platformMs).padStart(10)}   ${rate(platformMs)}`,
  );
  say(`${'  of which the upload (until the 202)'.padEnd(52)} ${ms(uploadMs).padStart(10)}`);
  say(`${'COPY into a plain table (floor)'.padEnd(52)} ${ms(copyMs).padStart(10)}   ${rate(copyMs)}`);
  say(
    `${'the same rows by COPY into members itself (floor)'.padEnd(52)} ${ms(tableCopyMs).padStart(10)}   ${rate(tableCopyMs)}`,
  );
  say(
    `${'the same rows by INSERT … SELECT, with history'.padEnd(52)} ${ms(tablesMs).padStart(10)}   ${rate(tablesMs)}`,
  );
  say(
    `ratio import/COPY: ${(platformMs / copyMs).toFixed(1)}× the time; the tables' own cost/COPY: ${(tablesMs / copyMs).toFixed(1)}×`,
  );
  say(`ratio import/COPY into members: ${(platformMs / tableCopyMs).toFixed(1)}× the time`);
  say(
    `${'organisation service peak RSS: start → 1/10 file → file'.padEnd(52)} ${rssStart.toFixed(0)} → ${rssSmall.toFixed(0)} → ${rssWhole.toFixed(0)} MB`,
  );
}

/**
 * Decision 0041: a tenant's data key replaced over the import's members — every ID-card number and phone
 * decrypted, sealed again and re-indexed, in batches — against one set-wise UPDATE rewriting the same
 * columns of the same rows unchanged (the floor of touching them at all). Nobody writes meanwhile, so
 * the services' key copies are kept only a second (PII_KEY_CACHE_MS of the bench's platform).
 */
export async function benchKeyRotation(platform, tenantId, masterKeyBase64) {
  const { masterKeysOf, rotateTenantDataKey } = await import('@dangjian/kit');
  const { root } = await import('../platform/services.mjs');
  const { SEALED_TABLES } = await import(
    pathToFileURL(`${root}/services/organisation/dist/cli/rotate-keys.js`).href
  );
  const owner = platform.databases.organisation.admin;
  const floorMs = await withClient(owner, async (client) => {
    await client.query('begin');
    await client.query("select set_config('app.tenant_id', $1, true)", [tenantId]);
    const begin = performance.now();
    await client.query(
      `update members set id_card_cipher = id_card_cipher, id_card_index = id_card_index,
         phone_cipher = phone_cipher, phone_index = phone_index where tenant_id = $1`,
      [tenantId],
    );
    const elapsed = performance.now() - begin;
    await client.query('commit');
    return elapsed;
  });
  const started = performance.now();
  const result = await rotateTenantDataKey({
    ownerUrl: owner,
    masterKeys: masterKeysOf(masterKeyBase64),
    tenantId,
    tables: SEALED_TABLES,
    keyCacheMs: 1000,
    batchSize: 500,
  });
  // The job waits out the services' key copies (1 s + 1 s here) before it re-encrypts: not its work.
  const rotationMs = performance.now() - started - 2000;
  const rate = (elapsed) => `${((result.reencrypted / elapsed) * 1000).toFixed(0)} rows/s`;
  say(
    `key rotation: ${result.reencrypted} rows of one tenant re-encrypted (generation ${result.generation})`,
  );
  say(
    `${'rotate-keys tenant (batches of 500)'.padEnd(52)} ${ms(rotationMs).padStart(10)}   ${rate(rotationMs)}`,
  );
  say(
    `${'one UPDATE of the same columns (floor)'.padEnd(52)} ${ms(floorMs).padStart(10)}   ${rate(floorMs)}`,
  );
  say(`ratio rotation/UPDATE: ${(rotationMs / floorMs).toFixed(1)}× the time`);
}

/**
 * How the service counted a subtree before the tallies (decision 0011): every combination of the
 * dimensions in one hash aggregate over the subtree's member rows. $1: the root's path; $2–$5: the
 * birth-date bounds of the age bands.
 */
const MEMBER_RECOUNT_SQL = `select m.development_stage, m.gender, m.ethnicity, m.education, m.occupation,
   case
     when m.birth_date > $2::date then '30_or_under'
     when m.birth_date > $3::date then '31_40'
     when m.birth_date > $4::date then '41_50'
     when m.birth_date > $5::date then '51_60'
     else '61_or_over'
   end as age_band,
   count(*)::int as count
 from members m join organisations o on o.id = m.organisation_id
 where o.path like $1 || '%' and m.status = 'active'
 group by 1, 2, 3, 4, 5, 6`;

/** ~50,000 organisations (1 + 50 committees + 1,000 general branches + 49,000 branches) and 1,000,000 members, in SQL. */
async function seedLargeTree(adminUrl, tenantId, rootId, rootPath) {
  await withClient(adminUrl, async (client) => {
    await client.query('begin');
    await client.query(
      `create temporary table l1 on commit drop as select gen_random_uuid() as id, g from generate_series(1, 50) g`,
    );
    await client.query(
      `insert into organisations (id, tenant_id, parent_id, path, depth, kind, name, code)
      select id, $1, $2, $3 || id || '/', 1, 'committee', '基准党委' || g, 'BENCH-C' || g || '-' || $4 from l1`,
      [tenantId, rootId, rootPath, rootId.slice(0, 8)],
    );
    await client.query(
      `create temporary table l2 on commit drop as
      select gen_random_uuid() as id, l1.id as parent, $1 || l1.id || '/' as parent_path, (l1.g - 1) * 20 + g2 as g from l1, generate_series(1, 20) g2`,
      [rootPath],
    );
    await client.query(
      `insert into organisations (id, tenant_id, parent_id, path, depth, kind, name, code)
      select id, $1, parent, parent_path || id || '/', 2, 'general_branch', '基准党总支' || g, 'BENCH-G' || g || '-' || $2 from l2`,
      [tenantId, rootId.slice(0, 8)],
    );
    await client.query(`create temporary table l3 on commit drop as
      select gen_random_uuid() as id, l2.id as parent, l2.parent_path || l2.id || '/' as parent_path, row_number() over () - 1 as n from l2, generate_series(1, 49) g3`);
    await client.query(
      `insert into organisations (id, tenant_id, parent_id, path, depth, kind, name, code)
      select id, $1, parent, parent_path || id || '/', 3, 'branch', '基准党支部' || n, 'BENCH-B' || n || '-' || $2 from l3`,
      [tenantId, rootId.slice(0, 8)],
    );
    await client.query('create index on l3 (n)');
    await client.query(
      `insert into members (id, tenant_id, organisation_id, name, gender, ethnicity, birth_date, id_card_cipher, id_card_index, id_card_masked,
        education, occupation, development_stage, stage_since, joined_on, confirmed_on)
      select gen_random_uuid(), $1, l3.id, '基准党员' || i, case when i % 2 = 0 then 'male' else 'female' end,
        (array['汉族', '汉族', '汉族', '汉族', '回族', '满族', '壮族'])[1 + i % 7], date '1950-01-01' + (i % 20000),
        'bench', 'bench-' || $2 || '-' || i, '000***********0000', (array['高中', '大专', '大学本科', '硕士研究生'])[1 + i % 4],
        (array['salaried', 'retired', 'farmer', 'student', 'self_employed'])[1 + i % 5],
        (array['full', 'full', 'full', 'full', 'full', 'probationary', 'candidate', 'activist', 'applicant'])[1 + i % 9],
        date '2020-01-01' + (i % 1800), date '2010-07-01', date '2011-07-01'
      from generate_series(0, 999999) i join l3 on l3.n = i % 49000`,
      [tenantId, rootId.slice(0, 8)],
    );
    await client.query('commit');
    // As autovacuum would after a load this size: statistics for the planner, and the visibility
    // map that lets the covering indexes answer without visiting the rows.
    await client.query('vacuum analyze organisations');
    await client.query('vacuum analyze members');
    await client.query('vacuum analyze member_tallies');
  });
}

export async function benchStatistics(platform, token, tenantId) {
  const root = await benchRoot(platform, token, `BENCH-STAT-${Date.now().toString(36)}`);
  const rootPath = `/${root.id}/`;
  say('statistics: seeding ~50,000 organisations and 1,000,000 members …');
  const seeded = performance.now();
  await seedLargeTree(platform.databases.organisation.admin, tenantId, root.id, rootPath);
  say(`seeded in ${ms(performance.now() - seeded)}`);

  const repeats = Number(process.env.BENCH_STAT_REPEATS ?? 7);
  const through = [];
  let result;
  await gatewayJson(platform, token, 'GET', `/api/v1/statistics/${root.id}`); // warm-up
  for (let i = 0; i < repeats; i++) {
    const begin = performance.now();
    result = await gatewayJson(platform, token, 'GET', `/api/v1/statistics/${root.id}`);
    through.push(performance.now() - begin);
  }
  if (result.members !== 1_000_000 || result.organisations < 50_000)
    throw new Error(
      `unexpected statistics ${JSON.stringify({ members: result.members, organisations: result.organisations })}`,
    );

  // Floors, run bare as the service's role with the tenant set, on the same database: the tally read
  // the service makes (what the request costs below the platform; the built module is loaded by path
  // so the benchmark measures that exact SQL text), and the recount of the member rows the service ran
  // before the tallies (what the tallies save).
  const sqlModule = pathToFileURL(
    fileURLToPath(new URL('../../services/organisation/dist/statistics/statistics-sql.js', import.meta.url)),
  ).href;
  const { SUBTREE_TALLIES_SQL, ageBandBounds } = await import(sqlModule);
  const today = chinaToday();
  const bareTimes = (sql, values, settings = []) =>
    withClient(platform.databases.organisation.app, async (client) => {
      const times = [];
      for (let i = 0; i <= repeats; i++) {
        await client.query('begin');
        await client.query("select set_config('app.tenant_id', $1, true)", [tenantId]);
        const begin = performance.now();
        for (const setting of settings) await client.query(setting);
        const { rows } = await client.query(sql, values);
        if (i > 0) times.push(performance.now() - begin); // the first run warms the cache
        await client.query('commit');
        if (rows.length === 0) throw new Error('bare statistics returned nothing');
      }
      return times;
    });
  const bare = await bareTimes(SUBTREE_TALLIES_SQL, [root.id]);
  const recount = await bareTimes(
    MEMBER_RECOUNT_SQL,
    [rootPath, ...ageBandBounds(today)],
    ["set local work_mem = '64MB'", 'set local parallel_setup_cost = 0', 'set local parallel_tuple_cost = 0'],
  );
  say(
    `${'statistics through the gateway (50k orgs, 1M members)'.padEnd(52)} median ${ms(median(through)).padStart(8)}   min ${ms(Math.min(...through))}   max ${ms(Math.max(...through))}`,
  );
  say(
    `${'bare tally read (floor)'.padEnd(52)} median ${ms(median(bare)).padStart(8)}   min ${ms(Math.min(...bare))}   max ${ms(Math.max(...bare))}`,
  );
  say(
    `${'bare recount of the member rows (before tallies)'.padEnd(52)} median ${ms(median(recount)).padStart(8)}   min ${ms(Math.min(...recount))}   max ${ms(Math.max(...recount))}`,
  );
  say(
    `ratio gateway/bare tally read: ${(median(through) / median(bare)).toFixed(2)}×; gateway/bare recount: ${(median(through) / median(recount)).toFixed(2)}× (medians)`,
  );
  return { rootId: root.id, rootPath };
}

/** Peak resident memory of a process (Linux), in MB. */
function peakRssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/**
 * The monthly dues run for the 1,000,000 members of the statistics tree: every member gets a salaried
 * assessment (bases spread over all four brackets), then the month is run through the gateway, against
 * one INSERT … SELECT into a plain table doing the same bracket arithmetic and the arrears sum.
 */
export async function benchDues(platform, token, tenantId, tree) {
  const month = chinaToday().slice(0, 7);
  const bracketFen = (base) =>
    `floor((${base} * (case when ${base} <= 300000 then 50 when ${base} <= 500000 then 100 when ${base} <= 1000000 then 150 else 200 end) + 5000) / 10000)::int`;
  say('dues: assessing every member of the tree …');
  await withClient(platform.databases.organisation.admin, async (client) => {
    await client.query(
      `insert into dues_assessments (id, tenant_id, member_id, effective_from, occupation, base_fen, basis_points, standard_fen, monthly_fen, recorded_by)
      select gen_random_uuid(), m.tenant_id, m.id, $2::date, 'salaried', b.base,
             case when b.base <= 300000 then 50 when b.base <= 500000 then 100 when b.base <= 1000000 then 150 else 200 end,
             ${bracketFen('b.base')}, ${bracketFen('b.base')}, 'bench'
      from members m join organisations o on o.id = m.organisation_id
      cross join lateral (select 200000 + (abs(hashtext(m.id::text)) % 1200) * 1000 as base) b
      where o.path like $1 || '%'`,
      [tree.rootPath, `${month}-01`],
    );
    await client.query('vacuum analyze dues_assessments');
    // As in production, where the month's run meets tables written long ago: vacuumed (all-visible)
    // and checkpointed, so whatever the run writes into them costs full-page images.
    await client.query('vacuum analyze members');
    await client.query('checkpoint');
  });
  const organisation = platform.processes.find((p) => p.name === 'organisation');
  const rssBefore = peakRssMb(organisation.child.pid);
  const begin = performance.now();
  const run = await gatewayJson(
    platform,
    token,
    'POST',
    '/api/v1/dues-ledger/runs',
    JSON.stringify({ month }),
    { 'content-type': 'application/json' },
  );
  const platformMs = performance.now() - begin;
  const rssAfter = peakRssMb(organisation.child.pid);

  const floor = await withClient(platform.databases.organisation.admin, async (client) => {
    await client.query(
      'create temporary table floor_ledger (tenant_id uuid, member_id uuid, month date, organisation_id uuid, due_fen int, paid_fen int default 0)',
    );
    const start = performance.now();
    const { rowCount } = await client.query(
      `insert into floor_ledger (tenant_id, member_id, month, organisation_id, due_fen)
      select m.tenant_id, m.id, $1::date, m.organisation_id, ${bracketFen('a.base_fen')}
      from members m join dues_assessments a on a.member_id = m.id
      where m.tenant_id = $2 and m.status = 'active' and m.development_stage in ('full', 'probationary')`,
      [`${month}-01`, tenantId],
    );
    const { rows } = await client.query(
      'select count(distinct member_id)::int as members, sum(due_fen - paid_fen)::bigint as fen from floor_ledger where paid_fen < due_fen',
    );
    return { ms: performance.now() - start, rows: rowCount, arrears: rows[0] };
  });
  // A second reference: the service's own statement for the whole tenant in one go, into the real
  // ledger (its primary and foreign keys, index, row-level security, write-ahead log), for the next month, rolled back.
  // The gap between the two floors is what the table itself costs; the gap above it is the service's.
  // eslint-disable-next-line @nx/enforce-module-boundaries
  const { DUES_MONTH_SQL } = await import('@dangjian/organisation/dues-run');
  const nextMonth = addMonths(`${month}-01`, 1);
  const realTable = await withClient(platform.databases.organisation.app, async (client) => {
    await client.query('begin');
    try {
      await client.query("select set_config('app.tenant_id', $1, true)", [tenantId]);
      const start = performance.now();
      const { rowCount } = await client.query(DUES_MONTH_SQL, [[nextMonth], null]);
      return { ms: performance.now() - start, rows: rowCount };
    } finally {
      await client.query('rollback');
      // The rolled-back rows would slow the key rotation's bench that follows.
      await client.query('vacuum members, member_changes, member_tallies, roster_changes');
    }
  });
  say(
    `${'dues run through the gateway (ledger rows + arrears)'.padEnd(52)} ${ms(platformMs).padStart(10)}   ${run.created} rows created, ${run.membersInArrears} members in arrears`,
  );
  say(
    `${'organisation service peak RSS before → after'.padEnd(52)} ${rssBefore.toFixed(0)} MB → ${rssAfter.toFixed(0)} MB`,
  );
  say(
    `${'one INSERT … SELECT into a plain table (floor)'.padEnd(52)} ${ms(floor.ms).padStart(10)}   ${floor.rows} rows, ${floor.arrears.members} members in arrears`,
  );
  say(
    `${'same statement, whole tenant, real ledger'.padEnd(52)} ${ms(realTable.ms).padStart(10)}   ${realTable.rows} rows (rolled back)`,
  );
  say(
    `ratio dues run/floor: ${(platformMs / floor.ms).toFixed(1)}× the time; against the real-ledger statement: ${(platformMs / realTable.ms).toFixed(1)}×`,
  );
}

/**
 * The self-withdrawal check over the same million members, through the gateway (batched, one
 * transaction per 5,000 members, cases upserted), against one SQL statement computing the same run
 * lengths for everyone into a temporary table (the floor). Before it, six past months of unpaid
 * ledger rows for a tenth of the members, so that the check has cases to open.
 */
function freshToken(platform) {
  return accessToken(platform.issuer);
}

export async function benchWithdrawal(platform, tenantId, tree) {
  // The floor must run the very statement the service runs, so the benchmark reaches into the
  // service's build (a deliberate exception to the shared-scope rule, for this measurement only).
  // eslint-disable-next-line @nx/enforce-module-boundaries
  const { STREAKS_SQL, monthsBefore } = await import('@dangjian/organisation/withdrawal-check');
  const today = chinaToday();
  say('withdrawal check: six unpaid past months for every tenth member, records dated a year back …');
  await withClient(platform.databases.organisation.admin, async (client) => {
    await client.query(`update members set created_at = now() - interval '13 months' where tenant_id = $1`, [
      tenantId,
    ]);
    await client.query(
      `insert into dues_ledger (tenant_id, member_id, month, organisation_id, due_fen)
      select m.tenant_id, m.id, months.month, m.organisation_id, 100
      from members m join organisations o on o.id = m.organisation_id
      cross join generate_series($2::date, $3::date, interval '1 month') as months(month)
      where o.path like $1 || '%' and abs(hashtext(m.id::text)) % 10 = 0
      on conflict do nothing`,
      [tree.rootPath, monthsBefore(today, 6), monthsBefore(today, 1)],
    );
    await client.query('vacuum analyze dues_ledger');
    await client.query('vacuum analyze members');
  });
  const organisation = platform.processes.find((p) => p.name === 'organisation');
  const rssBefore = peakRssMb(organisation.child.pid);
  // A fresh token per call: one run can outlast a token's five minutes.
  const runCheck = async () =>
    gatewayJson(platform, await freshToken(platform), 'POST', '/api/v1/withdrawal-cases/runs', '{}', {
      'content-type': 'application/json',
    });
  const begin = performance.now();
  const run = await runCheck();
  const platformMs = performance.now() - begin;
  const rssAfter = peakRssMb(organisation.child.pid);
  say(
    `${'withdrawal check through the gateway'.padEnd(52)} ${ms(platformMs).padStart(10)}   ${run.open} open, ${run.warnings} warnings`,
  );
  const again = performance.now();
  await runCheck();
  const repeatMs = performance.now() - again;

  const floor = await withClient(platform.databases.organisation.admin, async (client) => {
    const { rows: ids } = await client.query(
      'select array_agg(id) as ids from members where tenant_id = $1',
      [tenantId],
    );
    const start = performance.now();
    await client.query(`create temporary table floor_streaks as ${STREAKS_SQL}`, [
      monthsBefore(today, 12),
      monthsBefore(today, 1),
      ids[0].ids,
    ]);
    const { rows } = await client.query(
      'select count(*) filter (where greatest(months_without_dues, months_without_life) >= 6)::int as open from floor_streaks',
    );
    return { ms: performance.now() - start, open: rows[0].open };
  });
  say(`${'the same check again (nothing changes)'.padEnd(52)} ${ms(repeatMs).padStart(10)}`);
  say(
    `${'organisation service peak RSS before → after'.padEnd(52)} ${rssBefore.toFixed(0)} MB → ${rssAfter.toFixed(0)} MB`,
  );
  say(
    `${'one SQL statement computing every run length (floor)'.padEnd(52)} ${ms(floor.ms).padStart(10)}   ${floor.open} members at 6 months`,
  );
  say(`ratio withdrawal check/floor: ${(platformMs / floor.ms).toFixed(1)}× the time`);
}
