-- Issue 17: objections to a publicity period received through the disclosure service's public portal.
-- They are the data of the organisation that decides on them, so they live here; the contact a person
-- leaves is personal data and is stored sealed under the tenant's key (decision 0009).
create table publicity_objections (
  id uuid primary key,
  tenant_id uuid not null,
  publicity_period_id uuid not null references publicity_periods (id),
  content text not null,
  name text not null default '',
  contact_cipher text not null default '',
  received_at timestamptz(3) not null default now()
);
create index publicity_objections_period_idx on publicity_objections (tenant_id, publicity_period_id, received_at);
select platform.tenant_table('publicity_objections', 'organisation_app', 'select, insert');
