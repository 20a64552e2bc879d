import { dropDatabase, idCardCheckCharacter, withDatabase } from '@dangjian/kit';
import { api, listQuery, passwordLogin, spawnNatsServer, testPlatform } from '@dangjian/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { backupPlatform, restorePlatform } from '@dangjian/tools/backup';
import { startPlatform, type RunningPlatform } from '@dangjian/tools/platform';
import { root, SERVICES } from '@dangjian/tools/services';

/*
 * Issue 20, item 7 (decision 0042): a running platform with data in every service is backed up while
 * one consumer (identity's, held on a lock) has not yet handled an event already on the bus; the backup is
 * restored into a fresh platform — new databases, a new namespace on NATS, the same master key — which
 * finds every row, handles that event, and reads every sealed number.
 */
describe('a backup of a running platform, restored into a fresh one', () => {
  let nats: Awaited<ReturnType<typeof spawnNatsServer>>;
  let source: RunningPlatform;
  let restored: RunningPlatform | undefined;
  const admin = testPlatform().adminDatabaseUrl;
  const piiMasterKey = randomBytes(32).toString('base64');
  const dir = join(root, 'test-output', 'backup');

  const query = async <T extends object>(url: string, sql: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(sql, values)).rows;
    } finally {
      await client.end();
    }
  };
  const database = (prefix: string, service: string) => withDatabase(admin, `${prefix}_${service}`);
  /** Every table's row count in every service's database. */
  const counts = async (prefix: string) => {
    const all: Record<string, number> = {};
    for (const { name } of SERVICES) {
      const url = database(prefix, name);
      const tables = await query<{ tablename: string }>(
        url,
        "select tablename from pg_tables where schemaname = 'public' order by 1",
      );
      for (const { tablename } of tables) {
        const [row] = await query<{ n: number }>(url, `select count(*)::int as n from "${tablename}"`);
        all[`${name}.${tablename}`] = row!.n;
      }
    }
    return all;
  };
  const matches = (filter: string, subject: string) => {
    const f = filter.split('.');
    const s = subject.split('.');
    return (
      f.every((part, i) => part === '>' || (i < s.length && (part === '*' || part === s[i]))) &&
      (f.at(-1) === '>' ? s.length >= f.length : s.length === f.length)
    );
  };

  beforeAll(async () => {
    for (const prefix of ['dangjian_test_backup_a', 'dangjian_test_backup_b'])
      for (const { name } of SERVICES) await dropDatabase(admin, `${prefix}_${name}`);
    rmSync(dir, { recursive: true, force: true });
    nats = await spawnNatsServer();
    source = await startPlatform({
      adminDatabaseUrl: admin,
      natsUrl: nats.url,
      namespace: 'source',
      databasePrefix: 'dangjian_test_backup_a',
      seed: true,
      piiMasterKey,
      logDir: join(root, 'test-output/logs/backup-source'),
      nodeEnv: 'test',
      env: { SCHEDULED_JOBS_FIRST_AFTER_MS: '86400000' },
    });
  }, 360_000);

  afterAll(async () => {
    await restored?.stop();
    await source?.stop();
    await nats?.stop();
  });

  it('finds every row, handles the event a consumer had not, and reads every sealed number', async () => {
    const token = await passwordLogin(source.issuer, 'acme-admin', 'Passw0rd!');
    const at = (platform: RunningPlatform, as: string) => (method: string, path: string, body?: unknown) =>
      api(platform.gatewayUrl, method, path, {
        token: as,
        tenant: 'acme-corp',
        ...(body === undefined ? {} : { body }),
      });
    const acme = at(source, token);
    const roots = await acme(
      'GET',
      `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`,
    );
    const branch = await acme('POST', '/api/v1/organisations', {
      name: '备份恢复党支部',
      code: `BAK${Date.now() % 100_000}`,
      kind: 'branch',
      parentId: roots.body[0].id,
    });
    const first17 = `11010519880808${String(Date.now() % 1000).padStart(3, '0')}`;
    const numbers = { idCardNumber: `${first17}${idCardCheckCharacter(first17)}`, phone: '13700001111' };
    const member = await acme('POST', '/api/v1/members', {
      organisationId: branch.body.id,
      name: '备份恢复',
      ethnicity: '汉族',
      ...numbers,
      occupation: 'salaried',
      developmentStage: 'full',
      joinedOn: '2015-07-01',
    });
    expect(member.status).toBe(201);
    // Every service holds rows.
    const before = await counts('dangjian_test_backup_a');
    for (const { name } of SERVICES)
      expect({
        name,
        rows: Object.entries(before).some(([t, n]) => t.startsWith(`${name}.`) && n > 0),
      }).toEqual({
        name,
        rows: true,
      });

    // Identity cannot record a handled event: its consumer takes the meeting's notice off the bus and
    // waits on this lock (its access checks, which writes need, go on); the dumps read past it.
    const held = new pg.Client({ connectionString: database('dangjian_test_backup_a', 'identity') });
    await held.connect();
    await held.query('begin');
    await held.query('lock table processed_events in exclusive mode');
    let pending: string[] = [];
    let atBackup: Record<string, number> = {};
    try {
      const meeting = await acme('POST', '/api/v1/meetings', {
        organisationId: branch.body.id,
        kind: 'branch_general_meeting',
        title: '备份前的党员大会',
        scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
      expect(meeting.status).toBe(201);
      expect(
        (await acme('POST', `/api/v1/meetings/${meeting.body.id}/actions`, { action: 'notify' })).status,
      ).toBe(200);
      const organisationDb = database('dangjian_test_backup_a', 'organisation');
      for (let tries = 0; pending.length === 0 && tries < 100; tries++) {
        pending = (
          await query<{ id: string }>(
            organisationDb,
            "select id from outbox where subject = 'events.organisation.meeting.notified' and sent_at is not null",
          )
        ).map((r) => r.id);
        if (pending.length === 0) await new Promise((r) => setTimeout(r, 100));
      }
      expect(pending).toHaveLength(1);
      // Quiet first (background work, such as the learning service's copy of the roster, settled), so
      // the counts around the dumps are the counts in them.
      let quiet = await counts('dangjian_test_backup_a');
      for (let tries = 0; tries < 20; tries++) {
        await new Promise((r) => setTimeout(r, 500));
        const again = await counts('dangjian_test_backup_a');
        if (JSON.stringify(again) === JSON.stringify(quiet)) break;
        quiet = again;
      }
      const manifest = await backupPlatform({
        adminDatabaseUrl: admin,
        databasePrefix: 'dangjian_test_backup_a',
        dir,
      });
      expect(manifest.services.map((s) => s.name)).toEqual(SERVICES.map((s) => s.name));
      atBackup = await counts('dangjian_test_backup_a');
      expect(atBackup).toEqual(quiet);
    } finally {
      await held.query('rollback');
      await held.end();
    }

    // A fresh platform from the backup: its own databases and namespace, the same master key.
    await restorePlatform({ adminDatabaseUrl: admin, databasePrefix: 'dangjian_test_backup_b', dir });
    expect(await counts('dangjian_test_backup_b')).toEqual(atBackup);
    const restoredIdentity = database('dangjian_test_backup_b', 'identity');
    const handled = async () =>
      (
        await query<{ event_id: string }>(
          restoredIdentity,
          'select event_id from processed_events where event_id = any($1::uuid[])',
          [pending],
        )
      ).length;
    expect(await handled()).toBe(0);

    restored = await startPlatform({
      adminDatabaseUrl: admin,
      natsUrl: nats.url,
      namespace: 'restored',
      databasePrefix: 'dangjian_test_backup_b',
      seed: false,
      piiMasterKey,
      logDir: join(root, 'test-output/logs/backup-restored'),
      nodeEnv: 'test',
      env: { SCHEDULED_JOBS_FIRST_AFTER_MS: '86400000' },
    });
    for (let tries = 0; (await handled()) < pending.length && tries < 150; tries++)
      await new Promise((r) => setTimeout(r, 200));
    expect(await handled()).toBe(pending.length);

    // Every event in the restored outboxes that a consumer of the restored platform takes has been
    // handled by that consumer (the ones handled before the backup were found in processed_events).
    const nc = await connect({ servers: nats.url });
    try {
      const jsm = await jetstreamManager(nc);
      const consumers: { durable: string; filter: string }[] = [];
      for await (const stream of jsm.streams.list())
        if (stream.config.name.startsWith('restored-events-'))
          for await (const c of jsm.consumers.list(stream.config.name))
            consumers.push({
              durable: c.name,
              filter: (c.config.filter_subject ?? '').replace(/^restored\./, ''),
            });
      expect(consumers.length).toBeGreaterThan(5);
      const missing = async () => {
        const left: string[] = [];
        for (const { name } of SERVICES) {
          const events = await query<{ id: string; subject: string }>(
            database('dangjian_test_backup_b', name),
            'select id, subject from outbox',
          );
          for (const consumer of consumers) {
            const wanted = events.filter((e) => matches(consumer.filter, e.subject)).map((e) => e.id);
            if (wanted.length === 0) continue;
            const service = consumer.durable.split('-')[0]!;
            const done = await query<{ event_id: string }>(
              database('dangjian_test_backup_b', service),
              'select event_id from processed_events where consumer = $1 and event_id = any($2::uuid[])',
              [consumer.durable, wanted],
            );
            if (done.length < wanted.length) left.push(`${consumer.durable}: ${wanted.length - done.length}`);
          }
        }
        return left;
      };
      let left = await missing();
      for (let tries = 0; left.length > 0 && tries < 50; tries++) {
        await new Promise((r) => setTimeout(r, 200));
        left = await missing();
      }
      expect(left).toEqual([]);
    } finally {
      await nc.close();
    }

    // The same people log in, and the sealed numbers open with the same master key.
    const restoredAcme = at(restored, await passwordLogin(restored.issuer, 'acme-admin', 'Passw0rd!'));
    const unmasked = await restoredAcme('POST', `/api/v1/members/${member.body.id}/unmask`, {
      reason: '恢复核对',
    });
    expect(unmasked.body).toEqual(numbers);
    const appeals = await api(
      restored.gatewayUrl,
      'GET',
      `/api/v1/appeals?${listQuery(['createdAt', 'DESC'], [0, 9])}`,
      { token: await passwordLogin(restored.issuer, 'county-admin', 'Passw0rd!'), tenant: 'river-county' },
    );
    expect(appeals.body.length).toBeGreaterThan(0);
  }, 600_000);
});
