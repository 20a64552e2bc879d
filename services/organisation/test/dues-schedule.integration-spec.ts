import { asTenantId, chinaToday, addMonths } from '@dangjian/kit';
import { testPlatform } from '@dangjian/testing';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { OrganisationDatabase } from '../src/db/organisation-database.js';
import { DuesUseCases } from '../src/dues/dues.use-cases.js';

/*
 * Issue 14 (3): the dues month is run on a schedule for every tenant, so the ledger — the evidence
 * the self-withdrawal check reads — exists without anyone pressing 核算. The run is the scheduled job's
 * work (`runAllTenants`), here for one fresh tenant only, so other suites' tenants are left alone.
 */
const urls = testPlatform().databases['organisation']!;
const tenant = randomUUID();
const organisation = randomUUID();
const member = randomUUID();
const month = (offset: number) => addMonths(`${chinaToday().slice(0, 7)}-01`, offset);

describe('the scheduled dues month run', () => {
  const db = new OrganisationDatabase(urls.app);
  const admin = new pg.Client({ connectionString: urls.admin });

  beforeAll(async () => {
    await admin.connect();
    await admin.query(
      "insert into organisations (id, tenant_id, path, depth, kind, name, code) values ($1, $2, $3, 0, 'branch', '定时核算', $4)",
      [organisation, tenant, `/${organisation}/`, `SCHED-${organisation.slice(0, 8)}`],
    );
    await admin.query(
      `insert into members (id, tenant_id, organisation_id, name, gender, birth_date, id_card_cipher, id_card_index, id_card_masked, occupation, development_stage, joined_on, confirmed_on)
       values ($1, $2, $3, '定时核算', 'male', '1990-01-01', 'v1:x', $4, '110***', 'salaried', 'full', '2015-07-01', '2016-07-01')`,
      [member, tenant, organisation, `idx-${member}`],
    );
    await admin.query(
      `insert into dues_assessments (id, tenant_id, member_id, effective_from, occupation, base_fen, basis_points, standard_fen, monthly_fen, recorded_by)
       values ($1, $2, $3, $4::date, 'salaried', 650000, 150, 9750, 9750, 'test')`,
      [randomUUID(), tenant, member, month(-3)],
    );
  });
  afterAll(async () => {
    await admin.end();
    await db.close();
  });

  it('runs the current and the previous month once, and a second run changes nothing', async () => {
    const first = await new DuesUseCases(db).runAllTenants([asTenantId(tenant)]);
    expect(first).toEqual({ tenants: 1, created: 2 });
    const { rows } = await admin.query<{ month: string; due_fen: number }>(
      "select to_char(month, 'YYYY-MM-DD') as month, due_fen from dues_ledger where member_id = $1 order by month",
      [member],
    );
    expect(rows).toEqual([
      { month: month(-1), due_fen: 9750 },
      { month: month(0), due_fen: 9750 },
    ]);
    expect(await new DuesUseCases(db).runAllTenants([asTenantId(tenant)])).toEqual({
      tenants: 1,
      created: 0,
    });
    // Visible in the console: each month's last completed run, by the schedule (the second run's 0).
    const runs = await admin.query<{ month: string; created_rows: number; ran_by: string }>(
      "select to_char(month, 'YYYY-MM-DD') as month, created_rows, ran_by from dues_month_runs where tenant_id = $1 order by month",
      [tenant],
    );
    expect(runs.rows).toEqual([
      { month: month(-1), created_rows: 0, ran_by: 'schedule' },
      { month: month(0), created_rows: 0, ran_by: 'schedule' },
    ]);
  });
});
