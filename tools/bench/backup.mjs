// Issue 20, item 7 (decision 0042): the whole platform backed up and restored with the statistics
// bench's million members in it, against the floor of reading and writing those members' rows alone
// (COPY out of the members table, and COPY of that into an empty copy of it) in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { dropDatabase } from '@dangjian/kit';
import { backupPlatform, restorePlatform } from '../backup/backup.mjs';
import { SERVICES } from '../platform/services.mjs';
import { copyIn, copyOut } from './copy.mjs';

const say = (line) => process.stdout.write(`${line}\n`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

export async function benchBackup(platform, admin, prefix) {
  const restoredPrefix = `${prefix}_restored`;
  for (const { name } of SERVICES) await dropDatabase(admin, `${restoredPrefix}_${name}`);
  const dir = mkdtempSync(join(tmpdir(), 'dangjian-bench-backup-'));
  try {
    const organisation = new pg.Client({ connectionString: platform.databases.organisation.admin });
    await organisation.connect();
    let members;
    let floorOutMs;
    let floorInMs;
    try {
      members = (await organisation.query('select count(*)::int as n from members')).rows[0].n;
      // The floor: the members' rows out through COPY, and back into an empty table of the same shape.
      let bytes = [];
      let begin = performance.now();
      bytes = await copyOut(organisation, 'copy members to stdout');
      floorOutMs = performance.now() - begin;
      await organisation.query('create temporary table members_floor (like members)');
      begin = performance.now();
      await copyIn(organisation, 'copy members_floor from stdin', bytes);
      floorInMs = performance.now() - begin;
      bytes = [];
    } finally {
      await organisation.end();
    }
    say(`backup and restore: the whole platform, ${members.toLocaleString('en')} members in it`);
    let begin = performance.now();
    const manifest = await backupPlatform({ adminDatabaseUrl: admin, databasePrefix: prefix, dir });
    const backupMs = performance.now() - begin;
    const size = manifest.services.reduce((sum, s) => sum + s.bytes, 0);
    begin = performance.now();
    await restorePlatform({ adminDatabaseUrl: admin, databasePrefix: restoredPrefix, dir });
    const restoreMs = performance.now() - begin;
    say(
      `${'backup (pg_dump of every service)'.padEnd(52)} ${seconds(backupMs).padStart(10)}   ${(size / 1024 / 1024).toFixed(0)} MB`,
    );
    say(`${'restore (pg_restore, outbox replay marked)'.padEnd(52)} ${seconds(restoreMs).padStart(10)}`);
    say(`${'COPY of the members out (floor)'.padEnd(52)} ${seconds(floorOutMs).padStart(10)}`);
    say(`${'COPY of the members in, no index (floor)'.padEnd(52)} ${seconds(floorInMs).padStart(10)}`);
    say(
      `ratio backup/COPY out: ${(backupMs / floorOutMs).toFixed(1)}×, restore/COPY in: ${(restoreMs / floorInMs).toFixed(1)}×`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    for (const { name } of SERVICES) await dropDatabase(admin, `${restoredPrefix}_${name}`);
  }
}
