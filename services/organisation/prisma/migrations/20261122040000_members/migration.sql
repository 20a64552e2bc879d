-- Member records. ID-card numbers and phones are stored only encrypted (AES-256-GCM under a key per
-- tenant) with a keyed blind index for exact lookup; every change and every unmasking is recorded.

create table tenant_keys (
  tenant_id uuid primary key,
  wrapped_data_key text not null,
  wrapped_index_key text not null,
  created_at timestamptz(3) not null default now()
);

create table members (
  id uuid primary key,
  tenant_id uuid not null,
  organisation_id uuid not null references organisations (id),
  name text not null,
  gender text not null check (gender in ('male', 'female')),
  ethnicity text not null default '',
  birth_date date not null,
  id_card_cipher text not null,
  id_card_index text not null,
  id_card_masked text not null,
  phone_cipher text,
  phone_index text,
  phone_masked text not null default '',
  education text not null default '',
  occupation text not null check (occupation in ('salaried', 'retired', 'annual_salary', 'self_employed', 'farmer', 'student', 'unemployed')),
  work_unit text not null default '',
  address text not null default '',
  development_stage text not null check (development_stage in ('applicant', 'activist', 'candidate', 'probationary', 'full')),
  joined_on date,
  confirmed_on date,
  status text not null default 'active' check (status in ('active', 'in_transfer', 'suspended', 'removed')),
  mobile boolean not null default false,
  lost_contact boolean not null default false,
  user_id uuid,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now(),
  constraint members_tenant_id_id_card_index_key unique (tenant_id, id_card_index)
);
create index members_tenant_id_organisation_id_idx on members (tenant_id, organisation_id);

create table member_changes (
  id uuid primary key,
  tenant_id uuid not null,
  member_id uuid not null references members (id),
  changed_by text not null,
  changed_at timestamptz(3) not null default now(),
  reason text not null,
  fields text[] not null
);
create index member_changes_tenant_id_member_id_changed_at_idx on member_changes (tenant_id, member_id, changed_at);

create table pii_access_log (
  id uuid primary key,
  tenant_id uuid not null,
  member_id uuid not null references members (id),
  accessed_by text not null,
  accessed_at timestamptz(3) not null default now(),
  fields text[] not null,
  reason text not null
);
create index pii_access_log_tenant_id_member_id_idx on pii_access_log (tenant_id, member_id);

alter table tenant_keys enable row level security;
alter table tenant_keys force row level security;
create policy tenant_keys_isolation on tenant_keys
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table members enable row level security;
alter table members force row level security;
create policy members_isolation on members
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table member_changes enable row level security;
alter table member_changes force row level security;
create policy member_changes_isolation on member_changes
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table pii_access_log enable row level security;
alter table pii_access_log force row level security;
create policy pii_access_log_isolation on pii_access_log
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

grant select, insert on tenant_keys to organisation_app;
grant select, insert, update on members to organisation_app;
grant select, insert on member_changes to organisation_app;
grant select, insert on pii_access_log to organisation_app;
