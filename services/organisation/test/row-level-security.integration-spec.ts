import { describeRowLevelSecurity, testPlatform } from '@dangjian/testing';
import { randomUUID } from 'node:crypto';

describeRowLevelSecurity({
  service: 'organisation',
  urls: testPlatform().databases['organisation']!,
  tenantA: randomUUID(),
  tenantB: randomUUID(),
  factories: {
    organisations: (tenantId) => {
      const id = randomUUID();
      return { sql: "insert into organisations (id, tenant_id, path, depth, kind, name, code) values ($1, $2, $3, 0, 'committee', 'RLS', $4)", values: [id, tenantId, `/${id}/`, `RLS-${id.slice(0, 8)}`] };
    },
    organisation_changes: (tenantId) => ({ sql: "insert into organisation_changes (id, tenant_id, organisation_id, changed_by, change, detail) values ($1, $2, $3, 'rls', 'created', '{}')", values: [randomUUID(), tenantId, randomUUID()] }),
    outbox: (tenantId) => ({ sql: "insert into outbox (id, tenant_id, subject, payload) values ($1, $2, 'events.organisation.test.rls', '\\x00')", values: [randomUUID(), tenantId] }),
    processed_events: (tenantId) => ({ sql: "insert into processed_events (consumer, event_id, tenant_id) values ('rls-test', $1, $2)", values: [randomUUID(), tenantId] }),
  },
});
