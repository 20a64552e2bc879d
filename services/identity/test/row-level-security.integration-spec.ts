import { describeRowLevelSecurity, testPlatform } from '@dangjian/testing';
import { randomUUID } from 'node:crypto';
import pg from 'pg';

const urls = testPlatform().databases['identity']!;
const tenantA = randomUUID();
const tenantB = randomUUID();
const person = randomUUID();

// memberships reference tenants and people: make both first.
beforeAll(async () => {
  const admin = new pg.Client({ connectionString: urls.admin });
  await admin.connect();
  for (const id of [tenantA, tenantB]) {
    await admin.query(
      "insert into tenants (id, slug, name, type, modules) values ($1, $2, 'RLS', 'enterprise', '{}')",
      [id, `rls-${id.slice(0, 8)}`],
    );
  }
  await admin.query(
    "insert into people (id, username, display_name, password_hash) values ($1, $2, 'RLS', 'x')",
    [person, `rls-${person.slice(0, 8)}`],
  );
  await admin.end();
});

describeRowLevelSecurity({
  service: 'identity',
  urls,
  tenantA,
  tenantB,
  factories: {
    memberships: (tenantId) => ({
      sql: 'insert into memberships (tenant_id, person_id, roles) values ($1, $2, $3)',
      values: [tenantId, person, ['member']],
    }),
    outbox: (tenantId) => ({
      sql: "insert into outbox (id, tenant_id, subject, payload) values ($1, $2, 'events.identity.test.rls', '\\x00')",
      values: [randomUUID(), tenantId],
    }),
    invitations: (tenantId) => ({
      sql: "insert into invitations (id, tenant_id, code_hash, display_name, roles, expires_at, created_by, created_by_username) values ($1, $2, $3, 'RLS', '{member}', now() + interval '1 day', $4, 'rls')",
      values: [randomUUID(), tenantId, randomUUID(), person],
    }),
    notifications: (tenantId) => ({
      sql: "insert into notifications (id, tenant_id, user_id, kind, source_event_id) values ($1, $2, $3, 'meeting_notified', $4)",
      values: [randomUUID(), tenantId, person, randomUUID()],
    }),
    notification_deliveries: (tenantId) => ({
      sql: `with n as (insert into notifications (id, tenant_id, user_id, kind, source_event_id)
              values ($1, $2, $3, 'meeting_notified', $4) returning id)
            insert into notification_deliveries (id, tenant_id, notification_id, channel, target)
            select $5, $2, n.id, 'email', 'rls@example.com' from n`,
      values: [randomUUID(), tenantId, person, randomUUID(), randomUUID()],
    }),
    notification_preferences: (tenantId) => ({
      sql: 'insert into notification_preferences (tenant_id, user_id) values ($1, $2)',
      values: [tenantId, person],
    }),
    notification_settings: (tenantId) => ({
      sql: "insert into notification_settings (tenant_id, smtp_host) values ($1, 'smtp.example.com')",
      values: [tenantId],
    }),
    webhook_endpoints: (tenantId) => ({
      sql: "insert into webhook_endpoints (id, tenant_id, url, secret, kinds, created_by) values ($1, $2, 'https://example.com/h', 's', '{meeting_notified}', $3)",
      values: [randomUUID(), tenantId, person],
    }),
    processed_events: (tenantId) => ({
      sql: "insert into processed_events (consumer, event_id, tenant_id) values ('rls-test', $1, $2)",
      values: [randomUUID(), tenantId],
    }),
  },
});
