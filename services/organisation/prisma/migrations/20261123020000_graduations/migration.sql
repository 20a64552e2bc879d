-- Graduates (rules.md §5): a student member's graduation date and where they go, so that the
-- university sees who has not transferred 3 months after graduating and who has been held, without
-- a job, for more than 2 years.
create table graduations (
  tenant_id uuid not null,
  member_id uuid not null references members (id),
  graduates_on date not null,
  -- employed (transfer to the employer's organisation, or the local street / township or talent
  -- service organisation) | further_study | unemployed (may stay up to 2 years) | unknown
  destination text not null default 'unknown',
  employer text not null default '',
  recorded_by text not null,
  updated_at timestamptz(3) not null default now(),
  constraint graduations_pkey primary key (tenant_id, member_id),
  constraint graduations_destination_check check (destination in ('employed', 'further_study', 'unemployed', 'unknown'))
);
create index graduations_tenant_id_graduates_on_idx on graduations (tenant_id, graduates_on);

alter table graduations enable row level security;
alter table graduations force row level security;
create policy graduations_isolation on graduations
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update on graduations to organisation_app;
create unique index graduations_member_id_key on graduations (member_id);
