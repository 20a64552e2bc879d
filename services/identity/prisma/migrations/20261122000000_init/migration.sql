-- Identity service: tenants, people, memberships, outbox. Roles identity_app and identity_outbox
-- are provisioned outside migrations (cluster-level); they own nothing here.

create table tenants (
  id uuid primary key,
  slug text not null unique,
  name text not null,
  type text not null check (type in ('enterprise', 'university', 'county')),
  status text not null default 'active' check (status in ('active', 'suspended')),
  modules text[] not null,
  display_name text not null default '',
  logo_url text not null default '',
  primary_colour text not null default '',
  realm text not null default 'dangjian',
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now()
);

create table people (
  id uuid primary key,
  username text not null unique,
  display_name text not null,
  email text not null default '',
  password_hash text not null,
  platform_operator boolean not null default false,
  created_at timestamptz(3) not null default now()
);

create table memberships (
  tenant_id uuid not null references tenants (id),
  person_id uuid not null references people (id),
  roles text[] not null,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now(),
  primary key (tenant_id, person_id)
);
create index memberships_person_id_idx on memberships (person_id);

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

create table signing_keys (
  kid text primary key,
  jwk jsonb not null,
  created_at timestamptz(3) not null default now()
);

-- Row-level security on every table with tenant_id. No tenant set: nothing visible.
alter table memberships enable row level security;
alter table memberships force row level security;
-- A person also sees their own memberships in every tenant (to pick a tenant, to build token claims).
create policy memberships_isolation on memberships
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
         or person_id = nullif(current_setting('app.person_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table outbox enable row level security;
alter table outbox force row level security;
create policy outbox_isolation on outbox to identity_app
  using (tenant_id is not distinct from nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id is not distinct from nullif(current_setting('app.tenant_id', true), '')::uuid);
-- The relay publishes every tenant's events and does nothing else.
create policy outbox_relay on outbox to identity_outbox using (true) with check (true);

alter table processed_events enable row level security;
alter table processed_events force row level security;
create policy processed_events_isolation on processed_events
  using (tenant_id is not distinct from nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id is not distinct from nullif(current_setting('app.tenant_id', true), '')::uuid);

grant usage on schema public to identity_app, identity_outbox;
grant select, insert, update on tenants to identity_app;
grant select, insert, update on people to identity_app;
grant select, insert, update, delete on memberships to identity_app;
grant select, insert on outbox to identity_app;
grant select, insert on processed_events to identity_app;
grant select, insert on signing_keys to identity_app;
grant select, update on outbox to identity_outbox;
