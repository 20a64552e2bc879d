-- Organisation service: the party organisation tree of each tenant, its change history, outbox.
-- Roles organisation_app and organisation_outbox are provisioned outside migrations.

create table organisations (
  id uuid primary key,
  tenant_id uuid not null,
  parent_id uuid references organisations (id),
  path text not null,
  depth integer not null,
  kind text not null check (kind in ('committee', 'general_branch', 'branch', 'group')),
  name text not null,
  code text not null,
  joint boolean not null default false,
  grid_label text not null default '' check (grid_label in ('', 'community', 'industry', 'building')),
  contact text not null default '',
  founded_on date,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now(),
  constraint organisations_tenant_id_code_key unique (tenant_id, code)
);
create index organisations_tenant_id_parent_id_idx on organisations (tenant_id, parent_id);
-- Subtree queries: path LIKE '<prefix>%' uses this index.
create index organisations_tenant_path_idx on organisations (tenant_id, path text_pattern_ops);

create table organisation_changes (
  id uuid primary key,
  tenant_id uuid not null,
  organisation_id uuid not null,
  changed_by text not null,
  changed_at timestamptz(3) not null default now(),
  change text not null,
  detail jsonb not null
);
create index organisation_changes_tenant_id_organisation_id_changed_at_idx on organisation_changes (tenant_id, organisation_id, changed_at);

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

alter table organisations enable row level security;
alter table organisations force row level security;
create policy organisations_isolation on organisations
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table organisation_changes enable row level security;
alter table organisation_changes force row level security;
create policy organisation_changes_isolation on organisation_changes
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table outbox enable row level security;
alter table outbox force row level security;
create policy outbox_isolation on outbox to organisation_app
  using (tenant_id is not distinct from nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id is not distinct from nullif(current_setting('app.tenant_id', true), '')::uuid);
create policy outbox_relay on outbox to organisation_outbox using (true) with check (true);

alter table processed_events enable row level security;
alter table processed_events force row level security;
create policy processed_events_isolation on processed_events
  using (tenant_id is not distinct from nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id is not distinct from nullif(current_setting('app.tenant_id', true), '')::uuid);

grant usage on schema public to organisation_app, organisation_outbox;
grant select, insert, update on organisations to organisation_app;
grant select, insert on organisation_changes to organisation_app;
grant select, insert on outbox to organisation_app;
grant select, insert on processed_events to organisation_app;
grant select, update on outbox to organisation_outbox;
