import { describeRowLevelSecurity, testPlatform } from '@dangjian/testing';
import { randomUUID } from 'node:crypto';
import pg from 'pg';

/*
 * The disclosure database's isolation (issue 17): items and their history, the tenant's settings,
 * publicity notices, commitments with their progress and appraisals — no tenant reads or writes
 * another's, whatever the portal or the console asks.
 */
const urls = testPlatform().databases['disclosure']!;
const tenantA = randomUUID();
// Tenant A's parents, made first by the owner; the factories' rows hang from them.
const item = randomUUID();
const commitment = randomUUID();

const itemInsert = `insert into disclosure_items (id, tenant_id, organisation_id, organisation_name, organisation_path_ids,
  approval_organisation_id, approval_organisation_name, category, title, body, audience, channels, starts_at, state,
  proposed_by, proposed_by_name)
  values ($1, $2, $3, 'RLS', array[$3]::uuid[], $3, 'RLS', 'work', 'RLS', 'RLS', 'public', '{platform}', now(), 'approved', 'rls', 'RLS')`;
const commitmentInsert = `insert into commitments (id, tenant_id, organisation_id, organisation_name, organisation_path_ids,
  committer_kind, committer_name, year, title, targets, audience, state, proposed_by, proposed_by_name)
  values ($1, $2, $3, 'RLS', array[$3]::uuid[], 'organisation', 'RLS', 2027, 'RLS', '[]', 'public', 'published', 'rls', 'RLS')`;

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: urls.admin });
  await admin.connect();
  await admin.query(itemInsert, [item, tenantA, randomUUID()]);
  await admin.query(commitmentInsert, [commitment, tenantA, randomUUID()]);
  await admin.end();
});

describeRowLevelSecurity({
  service: 'disclosure',
  urls,
  tenantA,
  tenantB: randomUUID(),
  factories: {
    disclosure_items: (tenantId) => ({ sql: itemInsert, values: [randomUUID(), tenantId, randomUUID()] }),
    disclosure_item_events: (tenantId) => ({
      sql: "insert into disclosure_item_events (id, tenant_id, item_id, action, by_user_id, by_name) values ($1, $2, $3, 'proposed', 'rls', 'RLS')",
      values: [randomUUID(), tenantId, item],
    }),
    disclosure_settings: (tenantId) => ({
      sql: "insert into disclosure_settings (tenant_id, categories) values ($1, '[]')",
      values: [tenantId],
    }),
    publicity_notices: (tenantId) => ({
      sql: "insert into publicity_notices (id, tenant_id, organisation_id, organisation_name, member_name, stage, starts_on, ends_on) values ($1, $2, $3, 'RLS', 'RLS', 'activist', '2026-12-01', '2026-12-07')",
      values: [randomUUID(), tenantId, randomUUID()],
    }),
    commitments: (tenantId) => ({ sql: commitmentInsert, values: [randomUUID(), tenantId, randomUUID()] }),
    commitment_progress: (tenantId) => ({
      sql: "insert into commitment_progress (id, tenant_id, commitment_id, period, achieved, evidence, recorded_by, recorded_by_name) values ($1, $2, $3, 'Q1', '[1]', 'RLS', 'rls', 'RLS')",
      values: [randomUUID(), tenantId, commitment],
    }),
    commitment_appraisals: (tenantId) => ({
      sql: "insert into commitment_appraisals (id, tenant_id, commitment_id, source, grade) values ($1, $2, $3, 'public', 'fair')",
      values: [randomUUID(), tenantId, commitment],
    }),
    outbox: (tenantId) => ({
      sql: "insert into outbox (id, tenant_id, subject, payload) values ($1, $2, 'events.disclosure.test.rls', '\\x00')",
      values: [randomUUID(), tenantId],
    }),
    processed_events: (tenantId) => ({
      sql: "insert into processed_events (consumer, event_id, tenant_id) values ('rls-test', $1, $2)",
      values: [randomUUID(), tenantId],
    }),
  },
});
