// Backup and restore of a whole platform (issue 20, item 7; decision 0042): each service's database
// dumped with pg_dump, restored with pg_restore into freshly provisioned databases, and the events of the
// last hours sent again from the outboxes, so the JetStream streams need no backup of their own.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { provisionServiceDatabase, withDatabase } from '@dangjian/kit';
import { SERVICES } from '../platform/services.mjs';

const MANIFEST = 'manifest.json';

function run(command, args) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolveRun() : reject(new Error(`${command} exited ${code}: ${stderr.trim()}`)),
    );
  });
}

async function one(url, sql, values = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows;
  } finally {
    await client.end();
  }
}

const bin = (name) => (process.env.PG_BIN ? join(process.env.PG_BIN, name) : name);

/**
 * Dumps every service's database (`<prefix>_<service>`) into `dir`, one custom-format file each, and a
 * manifest with the moment each dump began (its snapshot): restore sends again the events sent after the
 * earliest of them, less the replay window.
 */
export async function backupPlatform({ adminDatabaseUrl, databasePrefix, dir, say = () => {} }) {
  mkdirSync(dir, { recursive: true });
  const manifest = { format: 1, databasePrefix, createdAt: new Date().toISOString(), services: [] };
  for (const { name } of SERVICES) {
    const url = withDatabase(adminDatabaseUrl, `${databasePrefix}_${name}`);
    const [{ now }] = await one(url, 'select now() as now');
    const file = `${name}.dump`;
    const started = performance.now();
    await run(bin('pg_dump'), ['--format=custom', `--file=${join(dir, file)}`, `--dbname=${url}`]);
    const bytes = statSync(join(dir, file)).size;
    manifest.services.push({ name, file, bytes, startedAt: new Date(now).toISOString() });
    say(`${name}: ${(bytes / 1024 / 1024).toFixed(1)} MB in ${(performance.now() - started).toFixed(0)} ms`);
  }
  writeFileSync(join(dir, MANIFEST), JSON.stringify(manifest, null, 2));
  return manifest;
}

/**
 * Restores a backup into new databases `<prefix>_<service>` (refused if one already holds tables),
 * each in one transaction; then marks unsent every outbox event sent since the earliest dump began less
 * `replayHours`, so the relay publishes them again once the platform starts: a consumer that had not
 * handled one when its database was dumped handles it now, one that had finds it in processed_events.
 */
export async function restorePlatform({
  adminDatabaseUrl,
  databasePrefix,
  dir,
  replayHours = 24,
  // Where the server wants passwords (embedded Postgres), service roles share the admin's (as npm start).
  rolePassword = decodeURIComponent(new URL(adminDatabaseUrl).password) || undefined,
  say = () => {},
}) {
  const manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));
  const since = new Date(
    Math.min(...manifest.services.map((s) => Date.parse(s.startedAt))) - replayHours * 3_600_000,
  );
  const restored = {};
  for (const entry of manifest.services) {
    const urls = await provisionServiceDatabase(
      adminDatabaseUrl,
      entry.name,
      `${databasePrefix}_${entry.name}`,
      rolePassword,
    );
    const [{ tables }] = await one(
      urls.admin,
      "select count(*)::int as tables from pg_tables where schemaname = 'public'",
    );
    if (tables > 0)
      throw new Error(`${databasePrefix}_${entry.name} is not empty: restore into a new prefix`);
    const started = performance.now();
    await run(bin('pg_restore'), [
      '--exit-on-error',
      '--single-transaction',
      `--dbname=${urls.admin}`,
      join(dir, entry.file),
    ]);
    // The relay's role sees every tenant's outbox rows (the owner is held to none).
    const [{ replayed }] = await one(
      urls.outbox,
      `with again as (update outbox set sent_at = null where sent_at >= $1 returning 1)
       select count(*)::int as replayed from again`,
      [since],
    );
    restored[entry.name] = urls;
    say(
      `${entry.name}: restored in ${(performance.now() - started).toFixed(0)} ms, ${replayed} event(s) to send again`,
    );
  }
  return { manifest, databases: restored, replaySince: since };
}

const USAGE = `usage: npm run backup -- <directory> [--prefix dangjian]
       npm run restore -- <directory> --prefix <new prefix> [--replay-hours 24]
environment: DATABASE_URL (a role that can create databases; default the machine's Postgres), PG_BIN`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, directory, ...rest] = process.argv.slice(2);
  const option = (name, fallback) => {
    const at = rest.indexOf(name);
    return at < 0 ? fallback : rest[at + 1];
  };
  const adminDatabaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const say = (line) => process.stdout.write(`${line}\n`);
  if (command === 'backup' && directory) {
    await backupPlatform({
      adminDatabaseUrl,
      databasePrefix: option('--prefix', 'dangjian'),
      dir: resolve(directory),
      say,
    });
    say('done. The dumps hold personal data only encrypted: keep PII_MASTER_KEY apart from them.');
  } else if (command === 'restore' && directory && option('--prefix')) {
    await restorePlatform({
      adminDatabaseUrl,
      databasePrefix: option('--prefix'),
      dir: resolve(directory),
      replayHours: Number(option('--replay-hours', '24')),
      say,
    });
    say('done. Start the platform on this prefix with the same PII_MASTER_KEY.');
  } else {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
  }
}
