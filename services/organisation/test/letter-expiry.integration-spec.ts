import { addDays, asTenantId, chinaToday } from '@dangjian/kit';
import { testPlatform } from '@dangjian/testing';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { OrganisationDatabase } from '../src/db/organisation-database.js';
import { LetterExpiryReminders } from '../src/transfers/letter-expiry-reminders.js';

/*
 * Issue 15: a member whose transfer letter expires within a week is reminded once — not a member
 * whose letter has longer to run, nor one without a login, and not twice.
 */
const urls = testPlatform().databases['organisation']!;
const tenant = randomUUID();
const organisation = randomUUID();
const today = chinaToday();

describe('letter expiry reminders', () => {
  const db = new OrganisationDatabase(urls.app);
  const admin = new pg.Client({ connectionString: urls.admin });
  const transfer = async (name: string, userId: string | null, validUntil: string) => {
    const member = randomUUID();
    await admin.query(
      `insert into members (id, tenant_id, organisation_id, name, gender, birth_date, id_card_cipher, id_card_index, id_card_masked, occupation, development_stage, joined_on, confirmed_on, user_id, status)
       values ($1, $2, $3, $4, 'male', '1990-01-01', 'v1:x', $5, '110***', 'salaried', 'full', '2015-07-01', '2016-07-01', $6, 'in_transfer')`,
      [member, tenant, organisation, name, `idx-${member}`, userId],
    );
    const id = randomUUID();
    await admin.query(
      `insert into transfers (id, tenant_id, direction, destination, state, member_id, member_name, sending_tenant_id,
                              sending_organisation_id, sending_organisation_name, receiving_organisation_name,
                              applied_by, applied_on, issued_on, valid_until, serial_number)
       values ($1, $2, 'outgoing', 'outside_platform', 'letter_issued', $3, $4, $2, $5, '提醒支部', '外地党组织',
               'test', $6::date, $6::date, $7::date, $8)`,
      [id, tenant, member, name, organisation, addDays(today, -80), validUntil, `2026-${id.slice(0, 6)}`],
    );
    return id;
  };

  beforeAll(async () => {
    await admin.connect();
    await admin.query(
      "insert into organisations (id, tenant_id, path, depth, kind, name, code) values ($1, $2, $3, 0, 'branch', '提醒支部', $4)",
      [organisation, tenant, `/${organisation}/`, `EXP-${organisation.slice(0, 8)}`],
    );
  });
  afterAll(async () => {
    await admin.end();
    await db.close();
  });

  it('reminds once, within the week before the last valid day, members who have a login', async () => {
    const soon = await transfer('即将过期', randomUUID(), addDays(today, 3));
    await transfer('还有一月', randomUUID(), addDays(today, 30));
    await transfer('没有账号', null, addDays(today, 2));
    const reminders = new LetterExpiryReminders(db);
    expect(await reminders.runAllTenants([asTenantId(tenant)])).toEqual({ tenants: 1, reminded: 1 });
    expect(await reminders.runAllTenants([asTenantId(tenant)])).toEqual({ tenants: 1, reminded: 0 });
    const { rows } = await admin.query<{ subject: string }>(
      `select subject from outbox where tenant_id = $1 and subject like '%transfer_step.letter_expiring'`,
      [tenant],
    );
    expect(rows).toHaveLength(1);
    const marked = await admin.query<{ id: string }>(
      'select id::text from transfers where tenant_id = $1 and expiry_reminded_on is not null',
      [tenant],
    );
    expect(marked.rows.map((r) => r.id)).toEqual([soon]);
  });
});
