-- Issue 16: learning points (rules.md §8), off unless a tenant turns them on (§9). Each save of a
-- tenant's rule table is a new version, kept; every award names the version it was made under.
create table points_rule_tables (
  tenant_id uuid not null,
  version integer not null check (version >= 1),
  enabled boolean not null,
  ranking_enabled boolean not null,
  rules jsonb not null,
  windows jsonb not null,
  created_by text not null,
  created_at timestamptz(3) not null default now(),
  primary key (tenant_id, version)
);
select platform.tenant_table('points_rule_tables', 'learning_app', 'select, insert');

-- One row per grant; the source (a lesson, an exam, a block of a day's study time) makes a grant
-- happen once however often the event that earns it is seen.
create table points_awards (
  id uuid primary key,
  tenant_id uuid not null,
  user_id uuid not null,
  action text not null,
  source text not null,
  day date not null,
  points integer not null check (points > 0),
  rule_version integer not null,
  created_at timestamptz(3) not null default now()
);
create unique index points_awards_tenant_id_user_id_action_source_key
  on points_awards (tenant_id, user_id, action, source);
create index points_awards_tenant_id_user_id_day_idx on points_awards (tenant_id, user_id, day);
select platform.tenant_table('points_awards', 'learning_app', 'select, insert');

-- Active study time per person, China day and kind (reading: articles and documents; watching:
-- video and audio), for the points earned per so many minutes.
create table daily_study_seconds (
  tenant_id uuid not null,
  user_id uuid not null,
  day date not null,
  kind text not null check (kind in ('reading', 'watching')),
  seconds double precision not null default 0 check (seconds >= 0),
  primary key (tenant_id, user_id, day, kind)
);
select platform.tenant_table('daily_study_seconds', 'learning_app', 'select, insert, update');
