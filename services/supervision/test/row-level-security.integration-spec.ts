import { describeRowLevelSecurity, testPlatform } from '@dangjian/testing';
import { randomUUID } from 'node:crypto';
import pg from 'pg';

/*
 * The supervision database's isolation (issue 18): appeals and their history, reports with their
 * messages and the audit of reads, the settings and the tenant keys — no tenant reads or writes
 * another's, whatever the public pages or the console ask.
 */
const urls = testPlatform().databases['supervision']!;
const tenantA = randomUUID();
// Tenant A's parents, made first by the owner; the factories' rows hang from them.
const appeal = randomUUID();
const report = randomUUID();
const ballot = randomUUID();

const code = () => String(Math.floor(Math.random() * 1e16)).padStart(16, '0');
const appealInsert = `insert into appeals (id, tenant_id, code, category, title, content, channel, citizen_name_sealed,
  citizen_phone_sealed, citizen_phone_masked, citizen_phone_index, first_receiver_id, first_receiver_name, responsible_id,
  responsible_name, responsible_path_ids, responsible_path_names, status, received_on, due_on, limit_on)
  values ($1, $2, $3, 'complaint', 'RLS', 'RLS', 'online', 'x', 'x', 'x', 'x', $4, 'RLS', $4, 'RLS', array[$4]::uuid[],
  '{RLS}', 'received', '2026-12-01', '2026-12-18', '2027-01-30')`;
const ballotInsert = `insert into ballots (id, tenant_id, organisation_id, organisation_name, organisation_path_ids, subject,
  kind, status, created_by) values ($1, $2, $3, 'RLS', array[$3]::uuid[], 'RLS', 'cadre', 'draft', 'rls')`;
// Attachments are numbered 1–3 per report: each insert of the suite takes the next.
let attachmentNumber = 0;
const reportInsert = `insert into reports (id, tenant_id, receipt_code, secret_hash, content, status, filed_on)
  values ($1, $2, $3, 'x', 'RLS', 'received', '2026-12-01')`;

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: urls.admin });
  await admin.connect();
  await admin.query(appealInsert, [appeal, tenantA, code(), randomUUID()]);
  await admin.query(reportInsert, [report, tenantA, code()]);
  await admin.query(ballotInsert, [ballot, tenantA, randomUUID()]);
  await admin.end();
});

describeRowLevelSecurity({
  service: 'supervision',
  urls,
  tenantA,
  tenantB: randomUUID(),
  factories: {
    tenant_keys: (tenantId) => ({
      sql: "insert into tenant_keys (tenant_id, wrapped_data_key, wrapped_index_key) values ($1, 'x', 'x')",
      values: [tenantId],
    }),
    appeal_settings: (tenantId) => ({
      sql: "insert into appeal_settings (tenant_id, categories) values ($1, '[]')",
      values: [tenantId],
    }),
    appeals: (tenantId) => ({ sql: appealInsert, values: [randomUUID(), tenantId, code(), randomUUID()] }),
    appeal_steps: (tenantId) => ({
      sql: "insert into appeal_steps (id, tenant_id, appeal_id, action) values ($1, $2, $3, 'filed')",
      values: [randomUUID(), tenantId, appeal],
    }),
    appeal_notices: (tenantId) => ({
      sql: "insert into appeal_notices (tenant_id, appeal_id, kind, level, noticed_on) values ($1, $2, 'escalated', $3, '2026-12-01')",
      values: [tenantId, appeal, Math.floor(Math.random() * 1e9)],
    }),
    sentiment_alerts: (tenantId) => ({
      sql: "insert into sentiment_alerts (id, tenant_id, kind, category, category_label, organisation_id, organisation_name, organisation_path_ids, count, raised_on) values ($1, $2, 'spike', 'complaint', '投诉', $3, '网格', array[$3]::uuid[], 5, '2026-12-01')",
      values: [randomUUID(), tenantId, randomUUID()],
    }),
    report_settings: (tenantId) => ({
      sql: 'insert into report_settings (tenant_id) values ($1)',
      values: [tenantId],
    }),
    reports: (tenantId) => ({ sql: reportInsert, values: [randomUUID(), tenantId, code()] }),
    report_messages: (tenantId) => ({
      sql: "insert into report_messages (id, tenant_id, report_id, seq, author, body, sent_on) values ($1, $2, $3, $4, 'reporter', 'RLS', '2026-12-01')",
      values: [randomUUID(), tenantId, report, Math.floor(Math.random() * 1e9)],
    }),
    report_attachments: (tenantId) => ({
      sql: "insert into report_attachments (id, tenant_id, report_id, number, content_type, size, data) values ($1, $2, $3, $4, 'image/png', 1, '\\x00')",
      values: [randomUUID(), tenantId, report, (attachmentNumber++ % 3) + 1],
    }),
    report_reads: (tenantId) => ({
      sql: "insert into report_reads (id, tenant_id, report_id, receipt_code, reader_user_id, action) values ($1, $2, $3, 'x', 'rls', 'read')",
      values: [randomUUID(), tenantId, report],
    }),
    micro_wishes: (tenantId) => ({
      sql: `insert into micro_wishes (id, tenant_id, code, organisation_id, organisation_name, organisation_path_ids, title,
        content, wisher_name_sealed, wisher_phone_sealed, wisher_phone_masked, status)
        values ($1, $2, $3, $4, 'RLS', array[$4]::uuid[], 'RLS', 'RLS', 'x', 'x', 'x', 'submitted')`,
      values: [randomUUID(), tenantId, code(), randomUUID()],
    }),
    ballots: (tenantId) => ({ sql: ballotInsert, values: [randomUUID(), tenantId, randomUUID()] }),
    ballot_voters: (tenantId) => ({
      sql: "insert into ballot_voters (id, tenant_id, ballot_id, member_id, organisation_id, organisation_name) values ($1, $2, $3, $4, $5, 'RLS')",
      values: [randomUUID(), tenantId, ballot, randomUUID(), randomUUID()],
    }),
    ballot_papers: (tenantId) => ({
      sql: "insert into ballot_papers (id, tenant_id, ballot_id, grades) values ($1, $2, $3, '{}')",
      values: [randomUUID(), tenantId, ballot],
    }),
    outbox: (tenantId) => ({
      sql: "insert into outbox (id, tenant_id, subject, payload) values ($1, $2, 'events.supervision.test.rls', '\\x00')",
      values: [randomUUID(), tenantId],
    }),
    processed_events: (tenantId) => ({
      sql: "insert into processed_events (consumer, event_id, tenant_id) values ('rls-test', $1, $2)",
      values: [randomUUID(), tenantId],
    }),
  },
});
