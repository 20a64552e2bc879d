-- Membership development (发展党员, rules.md §3): recorded steps, publicity periods (公示期) and
-- the tenant's configurable durations.
alter table members add column stage_since date not null default current_date;
alter table members add column probation_extension_months integer not null default 0
  check (probation_extension_months = 0 or probation_extension_months between 6 and 12);
-- Members recorded before this migration: the best date we hold for entering their stage.
update members set stage_since = coalesce(
  case development_stage when 'probationary' then joined_on when 'full' then confirmed_on end,
  created_at::date);

alter table organisation_settings add column min_applicant_months integer not null default 6
  check (min_applicant_months between 0 and 36);
alter table organisation_settings add column publicity_working_days integer not null default 5
  check (publicity_working_days between 1 and 30);

create table publicity_periods (
  id uuid primary key,
  tenant_id uuid not null,
  member_id uuid not null references members (id),
  stage text not null,
  starts_on date not null,
  ends_on date not null,
  working_days integer not null,
  calendar_provisional boolean not null default false,
  objection_status text not null default 'none',
  objection_note text not null default '',
  created_by text not null,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now()
);
create index publicity_periods_tenant_id_member_id_stage_idx on publicity_periods (tenant_id, member_id, stage);

create table development_steps (
  id uuid primary key,
  tenant_id uuid not null,
  member_id uuid not null references members (id),
  kind text not null,
  from_stage text not null,
  to_stage text not null,
  decided_on date not null,
  effective_on date,
  sponsor_ids uuid[] not null default '{}',
  introducer_ids uuid[] not null default '{}',
  training_hours integer not null default 0,
  training_days integer not null default 0,
  political_review_concluded_on date,
  pre_reviewed_on date,
  vote_eligible integer,
  vote_present integer,
  vote_in_favour integer,
  higher_approved_on date,
  late_approval_reason text not null default '',
  applied_on date,
  extension_months integer not null default 0,
  publicity_period_id uuid references publicity_periods (id),
  note text not null default '',
  recorded_by text not null,
  created_at timestamptz(3) not null default now()
);
create index development_steps_tenant_id_member_id_decided_on_idx on development_steps (tenant_id, member_id, decided_on);

alter table publicity_periods enable row level security;
alter table publicity_periods force row level security;
create policy publicity_periods_isolation on publicity_periods
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table development_steps enable row level security;
alter table development_steps force row level security;
create policy development_steps_isolation on development_steps
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

grant select, insert, update on publicity_periods to organisation_app;
-- Steps are a record: never updated or deleted.
grant select, insert on development_steps to organisation_app;
