import { describeRowLevelSecurity, testPlatform } from '@dangjian/testing';
import { randomUUID } from 'node:crypto';
import pg from 'pg';

const urls = testPlatform().databases['organisation']!;
const tenantA = randomUUID();
const organisationOfA = randomUUID();
const memberOfA = randomUUID();
const publicityOfA = randomUUID();
const importJobOfA = randomUUID();
const transferOfA = randomUUID();
let serialYear = 2000;
let chunkSequence = 0;
let ledgerDay = 0;

const memberInsert =
  "insert into members (id, tenant_id, organisation_id, name, gender, birth_date, id_card_cipher, id_card_index, id_card_masked, occupation, development_stage) values ($1, $2, $3, 'RLS', 'male', '1990-01-01', 'v1:x', $4, '110***', 'salaried', 'full')";

const transferInsert =
  "insert into transfers (id, tenant_id, direction, destination, state, member_name, sending_tenant_id, sending_organisation_name, applied_by, applied_on) values ($1, $2, 'outgoing', 'outside_platform', 'applied', 'RLS', $2, 'RLS', 'rls', '2026-01-05')";

const meetingOfA = randomUUID();
const assessmentOfA = randomUUID();
const meetingInsert =
  "insert into meetings (id, tenant_id, organisation_id, kind, title, scheduled_at, created_by) values ($1, $2, $3, 'theme_day', 'RLS', '2026-01-05T02:00:00Z', 'rls')";

// Positions and members reference an organisation: tenant A's is made first, by the owner.
beforeAll(async () => {
  const admin = new pg.Client({ connectionString: urls.admin });
  await admin.connect();
  await admin.query(
    "insert into organisations (id, tenant_id, path, depth, kind, name, code) values ($1, $2, $3, 0, 'committee', 'RLS', $4)",
    [organisationOfA, tenantA, `/${organisationOfA}/`, `RLSP-${organisationOfA.slice(0, 8)}`],
  );
  await admin.query(memberInsert, [memberOfA, tenantA, organisationOfA, `idx-${memberOfA}`]);
  await admin.query(
    "insert into publicity_periods (id, tenant_id, member_id, stage, starts_on, ends_on, working_days, created_by) values ($1, $2, $3, 'activist', '2026-01-05', '2026-01-09', 5, 'rls')",
    [publicityOfA, tenantA, memberOfA],
  );
  await admin.query(
    "insert into import_jobs (id, tenant_id, kind, format, file_name, size_bytes, created_by) values ($1, $2, 'members', 'csv', 'rls.csv', 1, 'rls')",
    [importJobOfA, tenantA],
  );
  await admin.query(transferInsert, [transferOfA, tenantA]);
  await admin.query(meetingInsert, [meetingOfA, tenantA, organisationOfA]);
  await admin.query(
    "insert into dues_assessments (id, tenant_id, member_id, effective_from, occupation, standard_fen, monthly_fen, recorded_by) values ($1, $2, $3, '2026-01-01', 'student', 20, 20, 'rls')",
    [assessmentOfA, tenantA, memberOfA],
  );
  await admin.end();
});

describeRowLevelSecurity({
  service: 'organisation',
  urls,
  tenantA,
  tenantB: randomUUID(),
  factories: {
    organisations: (tenantId) => {
      const id = randomUUID();
      return {
        sql: "insert into organisations (id, tenant_id, path, depth, kind, name, code) values ($1, $2, $3, 0, 'committee', 'RLS', $4)",
        values: [id, tenantId, `/${id}/`, `RLS-${id.slice(0, 8)}`],
      };
    },
    positions: (tenantId) => ({
      sql: "insert into positions (id, tenant_id, organisation_id, kind, holder_name, term_start, term_end, created_by) values ($1, $2, $3, 'secretary', 'RLS', '2024-01-01', '2027-01-01', 'rls')",
      values: [randomUUID(), tenantId, organisationOfA],
    }),
    members: (tenantId) => ({
      sql: memberInsert,
      values: [randomUUID(), tenantId, organisationOfA, `idx-${randomUUID()}`],
    }),
    member_changes: (tenantId) => ({
      sql: "insert into member_changes (id, tenant_id, member_id, changed_by, reason, fields) values ($1, $2, $3, 'rls', 'rls', '{name}')",
      values: [randomUUID(), tenantId, memberOfA],
    }),
    pii_access_log: (tenantId) => ({
      sql: "insert into pii_access_log (id, tenant_id, member_id, accessed_by, fields, reason) values ($1, $2, $3, 'rls', '{phone}', 'rls')",
      values: [randomUUID(), tenantId, memberOfA],
    }),
    thought_reports: (tenantId) => ({
      sql: "insert into thought_reports (id, tenant_id, member_id, submitted_on, title, content, recorded_by) values ($1, $2, $3, '2026-01-01', 'rls', 'rls', 'rls')",
      values: [randomUUID(), tenantId, memberOfA],
    }),
    publicity_objections: (tenantId) => ({
      sql: "insert into publicity_objections (id, tenant_id, publicity_period_id, content) values ($1, $2, $3, 'RLS')",
      values: [randomUUID(), tenantId, publicityOfA],
    }),
    publicity_periods: (tenantId) => ({
      sql: "insert into publicity_periods (id, tenant_id, member_id, stage, starts_on, ends_on, working_days, created_by) values ($1, $2, $3, 'activist', '2026-01-05', '2026-01-09', 5, 'rls')",
      values: [randomUUID(), tenantId, memberOfA],
    }),
    development_steps: (tenantId) => ({
      sql: "insert into development_steps (id, tenant_id, member_id, kind, from_stage, to_stage, decided_on, recorded_by) values ($1, $2, $3, 'application_talk', 'applicant', 'applicant', '2026-01-05', 'rls')",
      values: [randomUUID(), tenantId, memberOfA],
    }),
    import_jobs: (tenantId) => ({
      sql: "insert into import_jobs (id, tenant_id, kind, format, file_name, size_bytes, created_by) values ($1, $2, 'members', 'csv', 'rls.csv', 1, 'rls')",
      values: [randomUUID(), tenantId],
    }),
    import_job_chunks: (tenantId) => ({
      sql: "insert into import_job_chunks (job_id, sequence, tenant_id, data) values ($1, $2, $3, '\\x00')",
      values: [importJobOfA, chunkSequence++, tenantId],
    }),
    import_job_errors: (tenantId) => ({
      sql: "insert into import_job_errors (id, tenant_id, job_id, row_number, column_name, reason) values ($1, $2, $3, 2, '姓名', 'rls')",
      values: [randomUUID(), tenantId, importJobOfA],
    }),
    organisation_settings: (tenantId) => ({
      sql: 'insert into organisation_settings (tenant_id, thought_report_cadence_months) values ($1, 3)',
      values: [tenantId],
    }),
    tenant_keys: (tenantId) => ({
      sql: "insert into tenant_keys (tenant_id, wrapped_data_key, wrapped_index_key) values ($1, 'v1:x', 'v1:y')",
      values: [tenantId],
    }),
    organisation_changes: (tenantId) => ({
      sql: "insert into organisation_changes (id, tenant_id, organisation_id, changed_by, change, detail) values ($1, $2, $3, 'rls', 'created', '{}')",
      values: [randomUUID(), tenantId, randomUUID()],
    }),
    outbox: (tenantId) => ({
      sql: "insert into outbox (id, tenant_id, subject, payload) values ($1, $2, 'events.organisation.test.rls', '\\x00')",
      values: [randomUUID(), tenantId],
    }),
    roster_changes: (tenantId) => ({
      sql: "insert into roster_changes (tenant_id, kind, entity_id) values ($1, 'member', $2)",
      values: [tenantId, randomUUID()],
    }),
    member_tallies: (tenantId) => ({
      sql: "insert into member_tallies (tenant_id, organisation_id, dimension, key, count) values ($1, $2, 'gender', $3, 1)",
      values: [tenantId, randomUUID(), randomUUID()],
    }),
    dues_assessments: (tenantId) => ({
      sql: "insert into dues_assessments (id, tenant_id, member_id, effective_from, occupation, standard_fen, monthly_fen, recorded_by) values ($1, $2, $3, '2026-01-01', 'student', 20, 20, 'rls')",
      values: [randomUUID(), tenantId, memberOfA],
    }),
    dues_ledger: (tenantId) => ({
      sql: "insert into dues_ledger (tenant_id, member_id, month, organisation_id, due_fen) values ($1, $2, date '2000-01-01' + $4::int, $3, 20)",
      values: [tenantId, memberOfA, organisationOfA, ledgerDay++],
    }),
    dues_payments: (tenantId) => ({
      sql: "insert into dues_payments (id, tenant_id, member_id, months, dues_fen, provider, paid_on, recorded_by) values ($1, $2, $3, '{2026-01-01}', 20, 'treasurer', '2026-01-05', 'rls')",
      values: [randomUUID(), tenantId, memberOfA],
    }),
    dues_differences: (tenantId) => ({
      sql: "insert into dues_differences (id, tenant_id, member_id, month, assessment_id, paid_fen, assessed_fen, difference_fen, created_by) values ($1, $2, $3, '2026-01-01', $4, 20, 40, 20, 'rls')",
      values: [randomUUID(), tenantId, memberOfA, assessmentOfA],
    }),
    transfers: (tenantId) => ({ sql: transferInsert, values: [randomUUID(), tenantId] }),
    transfer_actions: (tenantId) => ({
      sql: "insert into transfer_actions (id, tenant_id, transfer_id, action, from_state, to_state, acted_by, acted_on) values ($1, $2, $3, 'apply', 'applied', 'applied', 'rls', '2026-01-05')",
      values: [randomUUID(), tenantId, transferOfA],
    }),
    meetings: (tenantId) => ({ sql: meetingInsert, values: [randomUUID(), tenantId, organisationOfA] }),
    meeting_attendance: (tenantId) => ({
      sql: `with g as (${meetingInsert} returning id) insert into meeting_attendance (tenant_id, meeting_id, member_id, status, mode, recorded_by) select $2, g.id, $4, 'present', 'recorded', 'rls' from g`,
      values: [randomUUID(), tenantId, organisationOfA, memberOfA],
    }),
    dues_month_runs: (tenantId) => ({
      sql: "insert into dues_month_runs (tenant_id, month, completed_at, created_rows, ran_by) values ($1, '2026-01-01', now(), 0, 'rls')",
      values: [tenantId],
    }),
    meeting_votes: (tenantId) => ({
      sql: "insert into meeting_votes (id, tenant_id, meeting_id, member_id, subject, eligible, present, in_favour, against, abstained, recorded_by) values ($1, $2, $3, $4, 'confirmation', 3, 2, 2, 0, 0, 'rls')",
      values: [randomUUID(), tenantId, meetingOfA, memberOfA],
    }),
    meeting_leave_requests: (tenantId) => ({
      sql: `with m as (${meetingInsert} returning id) insert into meeting_leave_requests (id, tenant_id, meeting_id, member_id, reason) select gen_random_uuid(), $2, m.id, $4, 'rls' from m`,
      values: [randomUUID(), tenantId, organisationOfA, memberOfA],
    }),
    payment_settings: (tenantId) => ({
      sql: "insert into payment_settings (tenant_id, merchant_id, app_id, merchant_serial, merchant_key_cipher, api_v3_key_cipher, platform_public_key, platform_serial, base_url, notify_base_url, updated_by) values ($1, '1900000109', 'wx1', 's', 'c', 'c', 'k', 'p', 'https://example.com', 'https://example.com', 'rls')",
      values: [tenantId],
    }),
    dues_orders: (tenantId) => ({
      sql: "insert into dues_orders (id, tenant_id, member_id, months, amount_fen, provider, created_by, expires_at) values ($1, $2, $3, '{2026-01-01}', 100, 'wechat_pay', 'rls', now())",
      values: [randomUUID(), tenantId, memberOfA],
    }),
    thought_report_attachments: (tenantId) => ({
      sql: `with r as (insert into thought_reports (id, tenant_id, member_id, submitted_on, title, content, recorded_by)
              values (gen_random_uuid(), $2, $3, '2026-01-05', 'RLS', 'RLS', 'rls') returning id)
            insert into thought_report_attachments (id, tenant_id, thought_report_id, file_name, content_type, size_bytes, content)
            select $1, $2, r.id, 'rls.pdf', 'application/pdf', 1, '\\x41' from r`,
      values: [randomUUID(), tenantId, memberOfA],
    }),
    meeting_attachments: (tenantId) => ({
      sql: "insert into meeting_attachments (id, tenant_id, meeting_id, file_name, content_type, size_bytes, content, uploaded_by) values ($1, $2, $3, 'rls.txt', 'text/plain', 1, '\\x41', 'rls')",
      values: [randomUUID(), tenantId, meetingOfA],
    }),
    appraisal_grades: (tenantId) => ({
      sql: `with g as (${meetingInsert} returning id) insert into appraisal_grades (tenant_id, meeting_id, member_id, grade, recorded_by) select $2, g.id, $4, 'qualified', 'rls' from g`,
      values: [randomUUID(), tenantId, organisationOfA, memberOfA],
    }),
    withdrawal_cases: (tenantId) => ({
      sql: "insert into withdrawal_cases (id, tenant_id, member_id, organisation_id, state, months_without_dues, months_without_life, counted_to, warned_on) values ($1, $2, $3, $4, 'closed', 3, 0, '2026-01-01', '2026-02-01')",
      values: [randomUUID(), tenantId, memberOfA, organisationOfA],
    }),
    graduations: (tenantId) => {
      const member = randomUUID();
      return {
        sql: `with m as (insert into members (id, tenant_id, organisation_id, name, gender, birth_date, id_card_cipher, id_card_index, id_card_masked, occupation, development_stage)
                values ($1, $2, $3, 'RLS', 'male', '1990-01-01', 'v1:x', $4, '110***', 'student', 'full') returning id, tenant_id)
              insert into graduations (tenant_id, member_id, graduates_on, recorded_by) select tenant_id, id, '2026-06-30', 'rls' from m`,
        values: [member, tenantId, organisationOfA, `idx-${member}`],
      };
    },
    transfer_serials: (tenantId) => ({
      sql: 'insert into transfer_serials (tenant_id, year, last_number) values ($1, $2, 1)',
      values: [tenantId, serialYear++],
    }),
    processed_events: (tenantId) => ({
      sql: "insert into processed_events (consumer, event_id, tenant_id) values ('rls-test', $1, $2)",
      values: [randomUUID(), tenantId],
    }),
  },
});
