import { idCardCheckCharacter } from '@dangjian/kit';
import { listQuery, passwordLogin } from '@dangjian/testing';
import pg from 'pg';
import { gateway, invite, platform, tokenFor, uniqueSlug } from './support.js';

/** A fictitious but valid ID-card number (GB 11643 check character), unique per call. */
let serial = Math.floor(Math.random() * 800) + 100;
function idCard(birth = '19900307'): string {
  const first17 = `110105${birth}${String(serial++ % 1000).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
}

describe('member records with protected personal data', () => {
  let admin: string;
  let branchId: string;

  beforeAll(async () => {
    admin = await tokenFor('acme-admin');
    const roots = (
      await gateway('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`, {
        token: admin,
        tenant: 'acme-corp',
      })
    ).body;
    branchId = (
      await gateway('POST', '/api/v1/organisations', {
        token: admin,
        tenant: 'acme-corp',
        body: { name: '党员测试党支部', code: uniqueSlug('MEM'), kind: 'branch', parentId: roots[0].id },
      })
    ).body.id;
  });

  const newMember = (overrides: object = {}) =>
    gateway('POST', '/api/v1/members', {
      token: admin,
      tenant: 'acme-corp',
      body: {
        organisationId: branchId,
        name: '张伟',
        ethnicity: '汉族',
        idCardNumber: idCard(),
        phone: '13812345678',
        occupation: 'salaried',
        developmentStage: 'full',
        joinedOn: '2015-07-01',
        ...overrides,
      },
    });

  it('stores ciphertext, answers masked, and reads gender and birth date from the number', async () => {
    const number = idCard('19880229');
    const created = await newMember({ idCardNumber: number });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      idCardNumberMasked: `${number.slice(0, 3)}***********${number.slice(-4)}`,
      phoneMasked: '138****5678',
      birthDate: '1988-02-29',
      gender: Number(number[16]) % 2 ? 'male' : 'female',
    });
    expect(JSON.stringify(created.body)).not.toContain(number);
    expect(JSON.stringify(created.body)).not.toContain('13812345678');

    const db = new pg.Client({ connectionString: platform.databases['organisation']!.admin });
    await db.connect();
    const { rows } = await db.query('select * from members where id = $1', [created.body.id]);
    await db.end();
    const stored = JSON.stringify(rows[0]);
    expect(stored).not.toContain(number);
    expect(stored).not.toContain('13812345678');
    expect(rows[0].id_card_cipher).toMatch(/^v1:/);

    const listed = await gateway(
      'GET',
      `/api/v1/members?${listQuery(['name', 'ASC'], [0, 99], { withinId: branchId })}`,
      { token: admin, tenant: 'acme-corp' },
    );
    expect(JSON.stringify(listed.body)).not.toContain(number);
  });

  it('finds a member by exact ID-card number through the blind index, and refuses a duplicate in the tenant', async () => {
    const number = idCard();
    const created = await newMember({ idCardNumber: number, name: '李娜' });
    const found = await gateway(
      'GET',
      `/api/v1/members?${listQuery(['name', 'ASC'], [0, 9], { idCardNumber: number.toLowerCase() })}`,
      { token: admin, tenant: 'acme-corp' },
    );
    expect(found.body.map((m: { id: string }) => m.id)).toEqual([created.body.id]);
    expect((await newMember({ idCardNumber: number })).status).toBe(409);
    // The same person may be on record in another tenant (e.g. after a cross-tenant transfer).
    const univ = await tokenFor('univ-admin');
    const euRoot = (
      await gateway('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`, {
        token: univ,
        tenant: 'east-univ',
      })
    ).body[0];
    const elsewhere = await gateway('POST', '/api/v1/members', {
      token: univ,
      tenant: 'east-univ',
      body: {
        organisationId: euRoot.id,
        name: '李娜',
        idCardNumber: number,
        occupation: 'student',
        developmentStage: 'probationary',
        joinedOn: '2026-06-30',
      },
    });
    expect(elsewhere.status).toBe(201);
    expect(
      (await gateway('GET', `/api/v1/members/${created.body.id}`, { token: univ, tenant: 'east-univ' }))
        .status,
    ).toBe(404);
  });

  it('unmasks only for a tenant admin who gives a reason, and audits every unmasking', async () => {
    const number = idCard();
    const member = (await newMember({ idCardNumber: number })).body;
    const noReason = await gateway('POST', `/api/v1/members/${member.id}/unmask`, {
      token: admin,
      tenant: 'acme-corp',
      body: { reason: '' },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    const revealed = await gateway('POST', `/api/v1/members/${member.id}/unmask`, {
      token: admin,
      tenant: 'acme-corp',
      body: { reason: '办理组织关系转接' },
    });
    expect(revealed.body).toEqual({ idCardNumber: number, phone: '13812345678' });

    const db = new pg.Client({ connectionString: platform.databases['organisation']!.admin });
    await db.connect();
    const { rows } = await db.query(
      'select accessed_by, reason, fields from pii_access_log where member_id = $1',
      [member.id],
    );
    await db.end();
    expect(rows).toEqual([
      { accessed_by: expect.any(String), reason: '办理组织关系转接', fields: ['idCardNumber', 'phone'] },
    ]);

    // A secretary may read the masked record in their subtree, not unmask it; an operator neither.
    const username = uniqueSlug('sec');
    await invite(admin, 'acme-corp', {
      username,
      displayName: '支部书记',
      password: 'Secret-123',
      roles: ['secretary'],
      organisationScope: [branchId],
    });
    const secretary = await passwordLogin(platform.issuer, username, 'Secret-123');
    expect(
      (await gateway('GET', `/api/v1/members/${member.id}`, { token: secretary, tenant: 'acme-corp' }))
        .status,
    ).toBe(200);
    expect(
      (
        await gateway('POST', `/api/v1/members/${member.id}/unmask`, {
          token: secretary,
          tenant: 'acme-corp',
          body: { reason: 'x' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await gateway('POST', `/api/v1/members/${member.id}/unmask`, {
          token: await tokenFor('operator'),
          tenant: 'acme-corp',
          body: { reason: '运营排查' },
        })
      ).status,
    ).toBe(403);
  });

  it('keeps every change with who, when, which fields and why — never the values', async () => {
    const member = (await newMember()).body;
    const updated = await gateway('PUT', `/api/v1/members/${member.id}`, {
      token: admin,
      tenant: 'acme-corp',
      body: { reason: '本人更换手机号码', phone: '13987654321', workUnit: '研发中心' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.phoneMasked).toBe('139****4321');
    const history = (
      await gateway('GET', `/api/v1/members/${member.id}/history`, { token: admin, tenant: 'acme-corp' })
    ).body;
    expect(history.map((c: { reason: string; fields: string[] }) => [c.reason, c.fields])).toEqual([
      ['created', ['*']],
      ['本人更换手机号码', ['workUnit', 'phone']],
    ]);
    // Why, as a code the console says in the person's language; and who, by name.
    expect(
      history.map((c: { reasonCode: string; changedByName: string }) => [c.reasonCode, c.changedByName]),
    ).toEqual([
      ['created', '艾克米党务管理员'],
      ['edited', '艾克米党务管理员'],
    ]);
    expect(JSON.stringify(history)).not.toContain('13987654321');
    const noReason = await gateway('PUT', `/api/v1/members/${member.id}`, {
      token: admin,
      tenant: 'acme-corp',
      body: { workUnit: 'x' },
    });
    expect(noReason.status).toBe(400);
  });

  it.each([
    [{ idCardNumber: '110105199003071230' }, 'idCardNumber'],
    [{ idCardNumber: '11010519900230123X' }, 'idCardNumber'],
    [{ phone: '1381234567' }, 'phone'],
    [{ occupation: 'astronaut' }, 'occupation'],
    [{ developmentStage: 'veteran' }, 'developmentStage'],
  ])('refuses %j with 400 naming %s', async (overrides, field) => {
    const response = await newMember(overrides);
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});
