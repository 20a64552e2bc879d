import { describeRowLevelSecurity, testPlatform } from '@dangjian/testing';
import { randomUUID } from 'node:crypto';
import pg from 'pg';

/*
 * The learning database's isolation (issue 16): every tenant table, including the roster copy and the
 * platform catalogue's extra read policies (decision 0031), which open catalogue rows only — never one
 * tenant's rows to another.
 */
const urls = testPlatform().databases['learning']!;
const tenantA = randomUUID();
// Tenant A's parents, made first by the owner; the factories' rows hang from them.
const course = randomUUID();
const lesson = randomUUID();
const media = randomUUID();
const upload = randomUUID();
const bank = randomUUID();
const question = randomUUID();
const exam = randomUUID();
const attempt = randomUUID();
const topic = randomUUID();
const post = randomUUID();
let counter = 0;
const next = () => ++counter;

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: urls.admin });
  await admin.connect();
  const run = (sql: string, values: unknown[]) => admin.query(sql, values);
  await run("insert into courses (id, tenant_id, name, created_by) values ($1, $2, 'RLS', 'rls')", [
    course,
    tenantA,
  ]);
  await run(
    "insert into lessons (id, tenant_id, course_id, position, kind, title, created_by) values ($1, $2, $3, 1, 'article', 'RLS', 'rls')",
    [lesson, tenantA, course],
  );
  await run(
    "insert into media (id, tenant_id, sha256, content_type, size_bytes, chunk_bytes) values ($1, $2, $3, 'video/mp4', 1, 1)",
    [media, tenantA, randomUUID()],
  );
  await run(
    "insert into media_uploads (id, tenant_id, kind, file_name, size_bytes, chunk_bytes, created_by) values ($1, $2, 'video', 'a.mp4', 1, 1, 'rls')",
    [upload, tenantA],
  );
  await run("insert into question_banks (id, tenant_id, name, created_by) values ($1, $2, 'RLS', 'rls')", [
    bank,
    tenantA,
  ]);
  await run(
    "insert into questions (id, tenant_id, bank_id, category, kind, stem, points, created_by) values ($1, $2, $3, 'RLS', 'true_false', 'RLS', 1, 'rls')",
    [question, tenantA, bank],
  );
  await run(
    `insert into exams (id, tenant_id, name, bank_id, paper_kind, time_limit_minutes, passing_score, max_attempts, opens_at, closes_at, created_by)
     values ($1, $2, 'RLS', $3, 'fixed', 10, 1, 1, now(), now() + interval '1 day', 'rls')`,
    [exam, tenantA, bank],
  );
  await run(
    "insert into exam_attempts (id, tenant_id, exam_id, user_id, number, paper, deadline, max_score) values ($1, $2, $3, $4, 1, '[]', now(), 1)",
    [attempt, tenantA, exam, randomUUID()],
  );
  await run(
    "insert into discussion_topics (id, tenant_id, course_id, title, author_id, author_name) values ($1, $2, $3, 'RLS', $4, 'RLS')",
    [topic, tenantA, course, randomUUID()],
  );
  await run(
    "insert into discussion_posts (id, tenant_id, topic_id, body, author_id, author_name) values ($1, $2, $3, 'RLS', $4, 'RLS')",
    [post, tenantA, topic, randomUUID()],
  );
  await admin.end();
});

describeRowLevelSecurity({
  service: 'learning',
  urls,
  tenantA,
  tenantB: randomUUID(),
  factories: {
    courses: (tenantId) => ({
      sql: "insert into courses (id, tenant_id, name, created_by) values ($1, $2, $3, 'rls')",
      values: [randomUUID(), tenantId, `RLS ${next()}`],
    }),
    lessons: (tenantId) => ({
      sql: "insert into lessons (id, tenant_id, course_id, position, kind, title, created_by) values ($1, $2, $3, $4, 'article', 'RLS', 'rls')",
      values: [randomUUID(), tenantId, course, 1 + next()],
    }),
    media: (tenantId) => ({
      sql: "insert into media (id, tenant_id, sha256, content_type, size_bytes, chunk_bytes) values ($1, $2, $3, 'video/mp4', 1, 1)",
      values: [randomUUID(), tenantId, randomUUID()],
    }),
    media_chunks: (tenantId) => ({
      sql: "insert into media_chunks (media_id, tenant_id, index, content) values ($1, $2, $3, '\\x00')",
      values: [media, tenantId, next()],
    }),
    media_uploads: (tenantId) => ({
      sql: "insert into media_uploads (id, tenant_id, kind, file_name, size_bytes, chunk_bytes, created_by) values ($1, $2, 'video', 'a.mp4', 1, 1, 'rls')",
      values: [randomUUID(), tenantId],
    }),
    media_upload_chunks: (tenantId) => ({
      sql: "insert into media_upload_chunks (upload_id, tenant_id, index, content) values ($1, $2, $3, '\\x00')",
      values: [upload, tenantId, next()],
    }),
    lesson_progress: (tenantId) => ({
      sql: 'insert into lesson_progress (tenant_id, lesson_id, course_id, user_id) values ($1, $2, $3, $4)',
      values: [tenantId, lesson, course, randomUUID()],
    }),
    daily_study_seconds: (tenantId) => ({
      sql: "insert into daily_study_seconds (tenant_id, user_id, day, kind) values ($1, $2, '2026-11-30', 'reading')",
      values: [tenantId, randomUUID()],
    }),
    carried_study_minutes: (tenantId) => ({
      sql: 'insert into carried_study_minutes (transfer_id, year, tenant_id, user_id, minutes, from_tenant_id) values ($1, 2026, $2, $3, 30, $4)',
      values: [randomUUID(), tenantId, randomUUID(), randomUUID()],
    }),
    question_banks: (tenantId) => ({
      sql: "insert into question_banks (id, tenant_id, name, created_by) values ($1, $2, $3, 'rls')",
      values: [randomUUID(), tenantId, `RLS ${next()}`],
    }),
    questions: (tenantId) => ({
      sql: "insert into questions (id, tenant_id, bank_id, category, kind, stem, points, created_by) values ($1, $2, $3, 'RLS', 'true_false', 'RLS', 1, 'rls')",
      values: [randomUUID(), tenantId, bank],
    }),
    exams: (tenantId) => ({
      sql: `insert into exams (id, tenant_id, name, bank_id, paper_kind, time_limit_minutes, passing_score, max_attempts, opens_at, closes_at, created_by)
            values ($1, $2, $4, $3, 'fixed', 10, 1, 1, now(), now() + interval '1 day', 'rls')`,
      values: [randomUUID(), tenantId, bank, `RLS ${next()}`],
    }),
    exam_attempts: (tenantId) => ({
      sql: "insert into exam_attempts (id, tenant_id, exam_id, user_id, number, paper, deadline, max_score) values ($1, $2, $3, $4, 1, '[]', now(), 1)",
      values: [randomUUID(), tenantId, exam, randomUUID()],
    }),
    exam_answers: (tenantId) => ({
      sql: 'insert into exam_answers (attempt_id, tenant_id, question_id) values ($1, $2, $3)',
      values: [attempt, tenantId, randomUUID()],
    }),
    study_plans: (tenantId) => ({
      sql: `insert into study_plans (id, tenant_id, name, organisation_id, audience, starts_on, ends_on, required_minutes, created_by)
            values ($1, $2, $4, $3, 'all', '2026-01-01', '2026-12-31', 60, 'rls')`,
      values: [randomUUID(), tenantId, randomUUID(), `RLS ${next()}`],
    }),
    points_rule_tables: (tenantId) => ({
      sql: "insert into points_rule_tables (tenant_id, version, enabled, ranking_enabled, rules, windows, created_by) values ($1, $2, false, false, '[]', '[]', 'rls')",
      values: [tenantId, next()],
    }),
    points_awards: (tenantId) => ({
      sql: "insert into points_awards (id, tenant_id, user_id, action, source, day, points, rule_version) values ($1, $2, $3, 'lesson_read', $4, '2026-11-30', 1, 1)",
      values: [randomUUID(), tenantId, randomUUID(), randomUUID()],
    }),
    discussion_topics: (tenantId) => ({
      sql: "insert into discussion_topics (id, tenant_id, course_id, title, author_id, author_name) values ($1, $2, $3, 'RLS', $4, 'RLS')",
      values: [randomUUID(), tenantId, course, randomUUID()],
    }),
    discussion_posts: (tenantId) => ({
      sql: "insert into discussion_posts (id, tenant_id, topic_id, body, author_id, author_name) values ($1, $2, $3, 'RLS', $4, 'RLS')",
      values: [randomUUID(), tenantId, topic, randomUUID()],
    }),
    discussion_reports: (tenantId) => ({
      sql: 'insert into discussion_reports (post_id, tenant_id, reporter_id) values ($1, $2, $3)',
      values: [post, tenantId, randomUUID()],
    }),
    discussion_settings: (tenantId) => ({
      sql: "insert into discussion_settings (tenant_id, hide_after_reports, updated_by) values ($1, 3, 'rls')",
      values: [tenantId],
    }),
    moderation_log: (tenantId) => ({
      sql: "insert into moderation_log (id, tenant_id, post_id, action) values ($1, $2, $3, 'restored')",
      values: [randomUUID(), tenantId, post],
    }),
    roster_members: (tenantId) => ({
      sql: "insert into roster_members (member_id, tenant_id, name, organisation_id, development_stage, status) values ($1, $2, 'RLS', $3, 'full', 'active')",
      values: [randomUUID(), tenantId, randomUUID()],
    }),
    roster_organisations: (tenantId) => ({
      sql: "insert into roster_organisations (organisation_id, tenant_id, path, name) values ($1, $2, '/x/', 'RLS')",
      values: [randomUUID(), tenantId],
    }),
    roster_committee_terms: (tenantId) => ({
      sql: "insert into roster_committee_terms (tenant_id, member_id, starts_on, ends_on) values ($1, $2, '2026-01-01', '2027-01-01')",
      values: [tenantId, randomUUID()],
    }),
    roster_cursors: (tenantId) => ({
      sql: 'insert into roster_cursors (tenant_id) values ($1)',
      values: [tenantId],
    }),
    outbox: (tenantId) => ({
      sql: "insert into outbox (id, tenant_id, subject, payload) values ($1, $2, 'events.learning.test.rls', '\\x00')",
      values: [randomUUID(), tenantId],
    }),
    processed_events: (tenantId) => ({
      sql: "insert into processed_events (consumer, event_id, tenant_id) values ('rls-test', $1, $2)",
      values: [randomUUID(), tenantId],
    }),
  },
});
