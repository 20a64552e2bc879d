/*
 * The SQL every service database shares, in one place (issue 13): row-level security by tenant, the
 * transactional outbox and the inbox of processed events, and the grants that go with them. The kit's
 * migration runner applies these before a service's own migrations, recorded like any other, so a
 * service's migration says `select platform.tenant_table('courses', 'select, insert, update')`
 * instead of copying fifteen lines of policy SQL. Migrations already applied stay as they are; a
 * change here is a new entry, never an edit (the runner refuses a changed checksum).
 */
export interface PlatformMigration {
  name: string;
  sql: string;
}

const TENANT_OF_SESSION = `nullif(current_setting('app.tenant_id', true), '')::uuid`;

export const PLATFORM_MIGRATIONS: readonly PlatformMigration[] = [
  {
    name: '00000000000000_platform',
    sql: `
create schema if not exists platform;
revoke all on schema platform from public;

-- A table of tenant rows: visible and writable only in its tenant's session (app.tenant_id), and the
-- service role may do exactly what is granted.
create or replace function platform.tenant_table(tbl text, app_role text, privileges text)
returns void language plpgsql as $fn$
begin
  execute format('alter table %I enable row level security', tbl);
  execute format('alter table %I force row level security', tbl);
  execute format(
    'create policy %I on %I using (tenant_id = ${TENANT_OF_SESSION.replaceAll("'", "''")}) with check (tenant_id = ${TENANT_OF_SESSION.replaceAll("'", "''")})',
    tbl || '_isolation', tbl);
  execute format('grant %s on %I to %I', privileges, tbl, app_role);
end
$fn$;

-- The outbox (events written in the same transaction as the change, sent by the relay role) and the
-- inbox of processed events (a consumer handles each event once), for the service named.
create or replace function platform.outbox(service text)
returns void language plpgsql as $fn$
declare
  app_role text := service || '_app';
  relay_role text := service || '_outbox';
begin
  create table outbox (
    id uuid primary key,
    tenant_id uuid,
    subject text not null,
    payload bytea not null,
    traceparent text not null default '',
    created_at timestamptz(3) not null default now(),
    sent_at timestamptz(3)
  );
  create index outbox_sent_at_created_at_idx on outbox (sent_at, created_at);
  create table processed_events (
    consumer text not null,
    event_id uuid not null,
    tenant_id uuid,
    processed_at timestamptz(3) not null default now(),
    primary key (consumer, event_id)
  );
  alter table outbox enable row level security;
  alter table outbox force row level security;
  execute format(
    'create policy outbox_isolation on outbox to %I using (tenant_id is not distinct from ${TENANT_OF_SESSION.replaceAll("'", "''")}) with check (tenant_id is not distinct from ${TENANT_OF_SESSION.replaceAll("'", "''")})',
    app_role);
  execute format('create policy outbox_relay on outbox to %I using (true) with check (true)', relay_role);
  alter table processed_events enable row level security;
  alter table processed_events force row level security;
  create policy processed_events_isolation on processed_events
    using (tenant_id is not distinct from ${TENANT_OF_SESSION})
    with check (tenant_id is not distinct from ${TENANT_OF_SESSION});
  execute format('grant usage on schema public to %I, %I', app_role, relay_role);
  execute format('grant select, insert on outbox to %I', app_role);
  execute format('grant select, insert on processed_events to %I', app_role);
  execute format('grant select, update on outbox to %I', relay_role);
end
$fn$;
`,
  },
  {
    // Decision 0041: a tenant's keys have generations; while one pair is being replaced the previous
    // pair stays (wrapped), still read and searched, until every record is re-encrypted. The rotation
    // runs as the owner (the role applying migrations, never the service's), which must see every
    // tenant's row to re-wrap it under a new master key. Called by each service holding tenant_keys.
    name: '00000000000000_platform_tenant_key_generations',
    sql: `
create or replace function platform.tenant_key_generations()
returns void language plpgsql as $fn$
begin
  alter table tenant_keys add column generation integer not null default 1;
  alter table tenant_keys add column previous_wrapped_data_key text;
  alter table tenant_keys add column previous_wrapped_index_key text;
  alter table tenant_keys add column rotation_started_at timestamptz(3);
  alter table tenant_keys add constraint tenant_keys_rotation_check check (
    (previous_wrapped_data_key is null) = (previous_wrapped_index_key is null)
    and (previous_wrapped_data_key is null) = (rotation_started_at is null)
  );
  execute format(
    'create policy tenant_keys_rotation on tenant_keys to %I using (true) with check (true)',
    current_user
  );
end
$fn$;
`,
  },
];
