-- Thought reports (思想汇报) and the tenant's settings of this service (cadence: rules.md §3, configurable).
create table organisation_settings (
  tenant_id uuid primary key,
  thought_report_cadence_months integer not null default 3 check (thought_report_cadence_months between 1 and 12),
  updated_at timestamptz(3) not null default now()
);

create table thought_reports (
  id uuid primary key,
  tenant_id uuid not null,
  member_id uuid not null references members (id),
  submitted_on date not null,
  title text not null,
  content text not null,
  recorded_by text not null,
  created_at timestamptz(3) not null default now()
);
create index thought_reports_tenant_id_member_id_submitted_on_idx on thought_reports (tenant_id, member_id, submitted_on);

alter table organisation_settings enable row level security;
alter table organisation_settings force row level security;
create policy organisation_settings_isolation on organisation_settings
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table thought_reports enable row level security;
alter table thought_reports force row level security;
create policy thought_reports_isolation on thought_reports
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

grant select, insert, update on organisation_settings to organisation_app;
grant select, insert on thought_reports to organisation_app;
