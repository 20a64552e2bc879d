-- Issue 18: the appeal watch. Reminders (催办) and escalations (督办) are raised once per appeal and
-- level (appeal_notices); sentiment alerts (舆情预警) are kept for staff to read, with how many
-- secretaries were told. The tenant's alert words live with the appeal settings; an appeal is read
-- for them once (keywords_checked).
alter table appeal_settings add column alert_keywords text[] not null default '{}';
alter table appeals add column keywords_checked boolean not null default false;
create index appeals_keywords_unchecked_idx on appeals (tenant_id) where not keywords_checked;

create table appeal_notices (
  tenant_id uuid not null,
  appeal_id uuid not null references appeals (id),
  kind text not null check (kind in ('due_soon', 'escalated')),
  level integer not null,
  noticed_on date not null,
  primary key (tenant_id, appeal_id, kind, level)
);
select platform.tenant_table('appeal_notices', 'supervision_app', 'select, insert');

create table sentiment_alerts (
  id uuid primary key,
  tenant_id uuid not null,
  kind text not null check (kind in ('keyword', 'spike')),
  category text not null,
  category_label text not null,
  organisation_id uuid not null,
  organisation_name text not null,
  organisation_path_ids uuid[] not null,
  keyword text not null default '',
  appeal_id uuid references appeals (id),
  count integer not null,
  baseline double precision not null default 0,
  raised_on date not null,
  told integer not null default 0,
  created_at timestamptz(3) not null default now()
);
create index sentiment_alerts_raised_idx on sentiment_alerts (tenant_id, raised_on desc);
create index sentiment_alerts_spike_idx on sentiment_alerts (tenant_id, category, organisation_id, raised_on)
  where kind = 'spike';
select platform.tenant_table('sentiment_alerts', 'supervision_app', 'select, insert');
