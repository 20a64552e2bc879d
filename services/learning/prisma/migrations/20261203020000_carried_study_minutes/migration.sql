-- Issue 16: a member who transfers to another tenant keeps the study hours earned before (requirements:
-- "the hours earned are part of the member's record"). When the organisation service moves a login to
-- the receiving tenant, the minutes it earned in the sending tenant, by year, are written here in the
-- receiving tenant, once per transfer (the earlier tenants' carried minutes travel on with them).
create table carried_study_minutes (
  transfer_id uuid not null,
  year integer not null,
  tenant_id uuid not null,
  user_id uuid not null,
  minutes integer not null check (minutes >= 0),
  from_tenant_id uuid not null,
  carried_at timestamptz(3) not null default now(),
  primary key (transfer_id, year)
);
create index carried_study_minutes_tenant_id_user_id_idx on carried_study_minutes (tenant_id, user_id);
select platform.tenant_table('carried_study_minutes', 'learning_app', 'select, insert');
