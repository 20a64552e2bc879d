import {
  decryptField,
  dropDatabase,
  idCardCheckCharacter,
  masterKeysOf,
  unwrapTenantKeyRow,
} from '@dangjian/kit';
import {
  api,
  listQuery,
  passwordLogin,
  spawnNatsServer,
  startWechatPayStandIn,
  testPlatform,
} from '@dangjian/testing';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { startPlatform, type RunningPlatform } from '@dangjian/tools/platform';
import { freePort, startProcess, waitForHttp } from '@dangjian/tools/processes';
import { root, SERVICES } from '@dangjian/tools/services';

/*
 * Issue 20, item 8 (decision 0041): the keys of personal data change while the platform serves. A
 * private platform (own nats-server and databases) whose organisation and supervision services are
 * rolled over to new configuration, instance by instance, while a reader keeps asking; each rotation
 * job is killed half-way and run again.
 */
const KEY_CACHE_MS = 1500;
const PII = ['organisation', 'supervision'] as const;

describe('rotating the keys of personal data while the platform serves', () => {
  let nats: Awaited<ReturnType<typeof spawnNatsServer>>;
  let platform: RunningPlatform;
  const admin = testPlatform().adminDatabaseUrl;
  const prefix = 'dangjian_test_keys';
  const oldMaster = randomBytes(32).toString('base64');
  const newMaster = randomBytes(32).toString('base64');
  const tokens: Record<string, string> = {};
  const tenantIds: Record<string, string> = {};
  let branchId: string;
  let branchCode: string;

  const users: Record<string, string> = {};
  /** As the tenant's admin; a token that expired in a long, loaded run is replaced once. */
  const as = async (tenant: string, method: string, path: string, body?: unknown) => {
    const send = () =>
      api(platform.gatewayUrl, method, path, {
        token: tokens[tenant]!,
        tenant,
        ...(body === undefined ? {} : { body }),
      });
    const first = await send();
    if (first.status !== 401) return first;
    tokens[tenant] = await passwordLogin(platform.issuer, users[tenant]!, 'Passw0rd!');
    return send();
  };
  const ownerUrl = (service: string) => platform.databases[service]!.admin;
  const query = async <T extends object>(service: string, sql: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: ownerUrl(service) });
    await client.connect();
    try {
      return (await client.query<T>(sql, values)).rows;
    } finally {
      await client.end();
    }
  };

  let serial = 500;
  const idCard = () => {
    const first17 = `110105${19900307}${String(serial++ % 1000).padStart(3, '0')}`;
    return `${first17}${idCardCheckCharacter(first17)}`;
  };
  const newMember = (idCardNumber: string) =>
    as('acme-corp', 'POST', '/api/v1/members', {
      organisationId: branchId,
      name: '钥匙轮换',
      ethnicity: '汉族',
      idCardNumber,
      phone: `139${String(serial).padStart(8, '0')}`,
      occupation: 'salaried',
      developmentStage: 'full',
      joinedOn: '2015-07-01',
    });

  /** What a tenant admin reads unmasked: every acme member's numbers, every county appeal's citizen. */
  async function readable(): Promise<Record<string, unknown>> {
    const seen: Record<string, unknown> = {};
    for (let from = 0; ; from += 100) {
      const page = await as(
        'acme-corp',
        'GET',
        `/api/v1/members?${listQuery(['name', 'ASC'], [from, from + 99])}`,
      );
      expect(page.status).toBe(200);
      for (const m of page.body as { id: string }[]) {
        const unmasked = await as('acme-corp', 'POST', `/api/v1/members/${m.id}/unmask`, {
          reason: '密钥轮换核对',
        });
        expect(unmasked.status).toBe(200);
        seen[m.id] = unmasked.body;
      }
      if (page.body.length < 100) break;
    }
    const appeals = await as(
      'river-county',
      'GET',
      `/api/v1/appeals?${listQuery(['createdAt', 'DESC'], [0, 49])}`,
    );
    expect(appeals.status).toBe(200);
    for (const a of appeals.body as { id: string }[]) {
      const detail = await as('river-county', 'GET', `/api/v1/appeals/${a.id}`);
      expect(detail.status).toBe(200);
      seen[a.id] = { name: detail.body.citizenName, phone: detail.body.citizenPhone };
    }
    return seen;
  }

  /** A new instance with the changed configuration beside the old, then the old one stopped. */
  async function rollOver(name: string, change: Record<string, string>) {
    const index = platform.processes.findIndex((p) => p.name === name);
    const old = platform.processes[index]!;
    const healthPort = await freePort();
    const env = { ...old.env, ...change };
    env['HEALTH_PORT'] = String(healthPort);
    const next = startProcess(name, 'node', [join(root, `services/${name}/dist/main.js`)], {
      env,
      logFile: join(root, `test-output/logs/key-rotation/${name}-${healthPort}.log`),
    });
    // A loaded machine (the whole suite beside it) has taken over 30 s to start a service.
    await waitForHttp(`http://127.0.0.1:${healthPort}/ready`, {
      process: next,
      accept: (s) => s === 200,
      timeoutMs: 120_000,
    });
    await old.stop();
    platform.processes[index] = Object.assign(next, { env, healthUrl: `http://127.0.0.1:${healthPort}` });
  }

  /** Runs a service's `rotate-keys`; with `killAfter`, kills it (SIGKILL) at the first progress line that matches. */
  function rotateKeys(service: string, args: string[], masterKeys: string[], killAfter?: RegExp) {
    const child = spawn('node', [join(root, `services/${service}/dist/cli/rotate-keys.js`), ...args], {
      env: {
        ...process.env,
        MIGRATION_DATABASE_URL: ownerUrl(service),
        PII_MASTER_KEY: masterKeys[0],
        PII_ACCEPTED_MASTER_KEYS: masterKeys.slice(1).join(','),
        PII_KEY_CACHE_MS: String(KEY_CACHE_MS),
      },
    });
    let output = '';
    return new Promise<{ code: number | null; signal: string | null; output: string }>((resolve) => {
      const take = (chunk: Buffer) => {
        output += chunk.toString();
        if (killAfter?.test(output)) child.kill('SIGKILL');
      };
      child.stdout.on('data', take);
      child.stderr.on('data', take);
      child.on('exit', (code, signal) => resolve({ code, signal, output }));
    });
  }

  /** Keeps reading members until stopped; counts the answers that were not 200. */
  function keepReading() {
    let running = true;
    const failures: number[] = [];
    let reads = 0;
    const loop = (async () => {
      while (running) {
        const r = await as('acme-corp', 'GET', `/api/v1/members?${listQuery(['name', 'ASC'], [0, 9])}`);
        reads += 1;
        if (r.status !== 200) failures.push(r.status);
      }
    })();
    return async () => {
      running = false;
      await loop;
      return { reads, failures };
    };
  }

  beforeAll(async () => {
    for (const service of SERVICES) await dropDatabase(admin, `${prefix}_${service.name}`);
    nats = await spawnNatsServer();
    platform = await startPlatform({
      adminDatabaseUrl: admin,
      natsUrl: nats.url,
      databasePrefix: prefix,
      seed: true,
      piiMasterKey: oldMaster,
      logDir: join(root, 'test-output/logs/key-rotation'),
      nodeEnv: 'test',
      env: { PII_KEY_CACHE_MS: String(KEY_CACHE_MS), SCHEDULED_JOBS_FIRST_AFTER_MS: '86400000' },
    });
    for (const [tenant, user] of [
      ['acme-corp', 'acme-admin'],
      ['east-univ', 'univ-admin'],
      ['river-county', 'county-admin'],
    ] as const) {
      users[tenant] = user;
      tokens[tenant] = await passwordLogin(platform.issuer, user, 'Passw0rd!');
      tenantIds[tenant] = (
        await query<{ id: string }>('identity', 'select id from tenants where slug = $1', [tenant])
      )[0]!.id;
    }
    const roots = await as(
      'acme-corp',
      'GET',
      `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`,
    );
    branchCode = `KEYS${Date.now() % 100_000}`;
    branchId = (
      await as('acme-corp', 'POST', '/api/v1/organisations', {
        name: '密钥轮换党支部',
        code: branchCode,
        kind: 'branch',
        parentId: roots.body[0].id,
      })
    ).body.id;
    for (let i = 0; i < 6; i++) expect((await newMember(idCard())).status).toBe(201);
  }, 360_000);

  afterAll(async () => {
    await platform?.stop();
    await nats?.stop();
  });

  it('changes the master key instance by instance, and a re-wrap killed half-way completes when run again', async () => {
    const before = await readable();
    expect(Object.keys(before).length).toBeGreaterThan(6);
    const reading = keepReading();
    // Deploy 1: the new key accepted everywhere; deploy 2: it wraps, the old one still accepted.
    for (const service of PII) await rollOver(service, { PII_ACCEPTED_MASTER_KEYS: newMaster });
    for (const service of PII)
      await rollOver(service, { PII_MASTER_KEY: newMaster, PII_ACCEPTED_MASTER_KEYS: oldMaster });
    expect(await readable()).toEqual(before);

    const killed = await rotateKeys(
      'organisation',
      ['master', '--batch', '1', '--pause-ms', '500'],
      [newMaster, oldMaster],
      /tenant keys: 1 re-wrapped/,
    );
    expect(killed.signal).toBe('SIGKILL');
    const rows = await query<Parameters<typeof unwrapTenantKeyRow>[2] & { tenant_id: string }>(
      'organisation',
      'select * from tenant_keys',
    );
    const opensUnderNew = (row: (typeof rows)[number]) => {
      try {
        unwrapTenantKeyRow(masterKeysOf(newMaster), row.tenant_id, row);
        return true;
      } catch {
        return false;
      }
    };
    // Half-way: some tenants' keys under the new master key, some still under the old.
    expect(rows.filter(opensUnderNew).length).toBeGreaterThan(0);
    expect(rows.filter((r) => !opensUnderNew(r)).length).toBeGreaterThan(0);
    expect(await readable()).toEqual(before);

    for (const service of PII) {
      const done = await rotateKeys(service, ['master'], [newMaster, oldMaster]);
      expect({ service, code: done.code, output: done.output }).toMatchObject({ service, code: 0 });
      const all = await query<(typeof rows)[number]>(service, 'select * from tenant_keys');
      expect(all.length).toBeGreaterThan(0);
      expect(all.filter((r) => !opensUnderNew(r))).toEqual([]);
    }
    // Deploy 3: the old key is gone; everything still reads, and new records are sealed.
    for (const service of PII)
      await rollOver(service, { PII_MASTER_KEY: newMaster, PII_ACCEPTED_MASTER_KEYS: '' });
    expect(await readable()).toEqual(before);
    expect((await newMember(idCard())).status).toBe(201);
    const { reads, failures } = await reading();
    expect(reads).toBeGreaterThan(10);
    expect(failures).toEqual([]);
  }, 600_000);

  it("re-encrypts one tenant's records under a new data key, killed half-way and resumed, while both keys read", async () => {
    const acme = tenantIds['acme-corp']!;
    const kept = await newMember(idCard());
    expect(kept.status).toBe(201);
    // A graduate's letter from the university, its numbers sealed under acme's keys on arrival.
    const graduate = { idCardNumber: idCard(), phone: '13911112222' };
    const univRoots = await as(
      'east-univ',
      'GET',
      `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`,
    );
    const univBranch = await as('east-univ', 'POST', '/api/v1/organisations', {
      name: '毕业生党支部',
      code: `GRAD${Date.now() % 100_000}`,
      kind: 'branch',
      parentId: univRoots.body[0].id,
    });
    const leaving = await as('east-univ', 'POST', '/api/v1/members', {
      organisationId: univBranch.body.id,
      name: '毕业转出',
      ethnicity: '汉族',
      ...graduate,
      occupation: 'student',
      developmentStage: 'full',
      joinedOn: '2020-07-01',
    });
    expect(leaving.status).toBe(201);
    const applied = await as('east-univ', 'POST', '/api/v1/transfers', {
      memberId: leaving.body.id,
      destination: 'other_tenant',
      receivingTenant: 'acme-corp',
      receivingOrganisationName: '密钥轮换党支部',
      receivingOrganisationCode: branchCode,
      reason: '毕业到新单位工作',
    });
    expect(applied.status).toBe(201);
    for (const action of ['approve', 'issue_letter'])
      expect(
        (await as('east-univ', 'POST', `/api/v1/transfers/${applied.body.id}/actions`, { action })).status,
      ).toBe(200);
    let incoming: { id: string } | undefined;
    for (let tries = 0; !incoming && tries < 100; tries++) {
      const list = await as(
        'acme-corp',
        'GET',
        `/api/v1/transfers?${listQuery(['updatedAt', 'DESC'], [0, 9], { direction: 'incoming' })}`,
      );
      incoming = (list.body as { id: string; memberName: string }[]).find((t) => t.memberName === '毕业转出');
      if (!incoming) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(incoming).toBeDefined();
    // The tenant's WeChat Pay keys, sealed under its data key too.
    const wechatPay = await startWechatPayStandIn();
    const paymentSettings = wechatPay.settings(platform.gatewayUrl);
    const saved = await as('acme-corp', 'PUT', '/api/v1/payment-settings', paymentSettings);
    await wechatPay.close();
    expect(saved.status).toBe(200);
    const before = await readable();
    const generations = async () =>
      (
        await query<{ prefix: string; n: number }>(
          'organisation',
          `select split_part(id_card_cipher, ':', 1) as prefix, count(*)::int as n
           from members where tenant_id = $1 group by 1 order by 1`,
          [acme],
        )
      ).reduce<Record<string, number>>((all, r) => ({ ...all, [r.prefix]: r.n }), {});
    const otherTenant = await query<{ id_card_cipher: string }>(
      'organisation',
      'select id_card_cipher from members where tenant_id <> $1',
      [acme],
    );

    const killed = await rotateKeys(
      'organisation',
      ['tenant', acme, '--batch', '2', '--pause-ms', '500'],
      [newMaster],
      /members: 2 re-encrypted/,
    );
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.output).toContain('generation 2: new keys made');
    const halfway = await generations();
    expect(halfway['v1.2']).toBeGreaterThanOrEqual(2);
    expect(halfway['v1']).toBeGreaterThan(0);

    // Half-way, a member under either key is read, found by number and kept from being added twice.
    expect(await readable()).toEqual(before);
    const rotated = await query<{ id: string }>(
      'organisation',
      "select id from members where tenant_id = $1 and id_card_cipher like 'v1.2:%' limit 1",
      [acme],
    );
    const notYet = await query<{ id: string }>(
      'organisation',
      "select id from members where tenant_id = $1 and id_card_cipher like 'v1:%' limit 1",
      [acme],
    );
    for (const { id } of [...rotated, ...notYet]) {
      const number = (before[id] as { idCardNumber: string }).idCardNumber;
      const found = await as(
        'acme-corp',
        'GET',
        `/api/v1/members?${listQuery(['name', 'ASC'], [0, 9], { idCardNumber: number })}`,
      );
      expect(found.body.map((m: { id: string }) => m.id)).toEqual([id]);
      expect((await newMember(number)).status).toBe(409);
    }
    // The person on the open letter is still kept from being added by hand (the letter's index is old).
    expect((await newMember(graduate.idCardNumber)).body.rule).toBe('member-in-transfer');
    // A member added meanwhile is sealed under the new key.
    const added = await newMember(idCard());
    expect(added.status).toBe(201);
    const [addedRow] = await query<{ id_card_cipher: string }>(
      'organisation',
      'select id_card_cipher from members where id = $1',
      [added.body.id],
    );
    expect(addedRow!.id_card_cipher.startsWith('v1.2:')).toBe(true);

    const resumed = await rotateKeys('organisation', ['tenant', acme, '--batch', '2'], [newMaster]);
    expect({ code: resumed.code, output: resumed.output }).toMatchObject({ code: 0 });
    expect(resumed.output).toContain('resuming a rotation already started');
    expect(Object.keys(await generations())).toEqual(['v1.2']);
    const [keys] = await query<{ generation: number; previous_wrapped_data_key: string | null }>(
      'organisation',
      'select generation, previous_wrapped_data_key from tenant_keys where tenant_id = $1',
      [acme],
    );
    expect(keys).toEqual({ generation: 2, previous_wrapped_data_key: null });
    const sealedLeft = await query<{ n: number }>(
      'organisation',
      `select ((select count(*) from members where tenant_id = $1
                 and (id_card_cipher not like 'v1.2:%' or coalesce(phone_cipher, 'v1.2:') not like 'v1.2:%'))
            + (select count(*) from transfers where tenant_id = $1 and letter_member ? 'idCardCipher'
                 and letter_member ->> 'idCardCipher' not like 'v1.2:%')
            + (select count(*) from payment_settings where tenant_id = $1
                 and (merchant_key_cipher not like 'v1.2:%' or api_v3_key_cipher not like 'v1.2:%')))::int as n`,
      [acme],
    );
    expect(sealedLeft).toEqual([{ n: 0 }]);
    // The letter still opens: the graduate is taken in with the same numbers.
    const reported = await as('acme-corp', 'POST', `/api/v1/transfers/${incoming!.id}/actions`, {
      action: 'report_in',
    });
    expect(reported.status).toBe(200);
    const arrived = await as('acme-corp', 'POST', `/api/v1/members/${reported.body.memberId}/unmask`, {
      reason: '密钥轮换核对',
    });
    expect(arrived.body).toEqual(graduate);
    const [payment] = await query<{ key: string; api: string } & Parameters<typeof unwrapTenantKeyRow>[2]>(
      'organisation',
      `select p.merchant_key_cipher as key, p.api_v3_key_cipher as api, k.*
       from payment_settings p join tenant_keys k using (tenant_id) where p.tenant_id = $1`,
      [acme],
    );
    const acmeKeys = unwrapTenantKeyRow(masterKeysOf(newMaster), acme, payment!);
    expect(decryptField(acmeKeys, 'apiV3Key', acme, payment!.api)).toBe(paymentSettings['apiV3Key']);
    expect(decryptField(acmeKeys, 'merchantPrivateKey', acme, payment!.key)).toBe(
      paymentSettings['merchantPrivateKey']!.trim(),
    );
    // Other tenants' records are untouched.
    expect(
      await query('organisation', 'select id_card_cipher from members where tenant_id <> $1', [acme]),
    ).toEqual(expect.arrayContaining(otherTenant));

    // The county's appeals, in the other service: one run, then every citizen's name and phone reads.
    const county = await rotateKeys('supervision', ['tenant', tenantIds['river-county']!], [newMaster]);
    expect({ code: county.code, output: county.output }).toMatchObject({ code: 0 });
    const sealed = await query<{ name: string; phone: string }>(
      'supervision',
      'select citizen_name_sealed as name, citizen_phone_sealed as phone from appeals where tenant_id = $1',
      [tenantIds['river-county']],
    );
    expect(sealed.length).toBeGreaterThan(0);
    expect(sealed.filter((r) => !r.name.startsWith('v1.2:') || !r.phone.startsWith('v1.2:'))).toEqual([]);

    // Once every instance's copy of the keys has expired, only the new keys remain, and all still reads.
    await new Promise((resolve) => setTimeout(resolve, KEY_CACHE_MS + 200));
    expect(await readable()).toEqual({
      ...before,
      [added.body.id]: expect.anything(),
      [reported.body.memberId]: graduate,
    });
  }, 600_000);
});
