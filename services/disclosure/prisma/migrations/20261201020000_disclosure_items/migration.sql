-- Issue 17: disclosure items and their workflow, the tenant's categories, the publicity periods
-- announced by the organisation service, and commitments with their progress and appraisals.
create table disclosure_items (
  id uuid primary key,
  tenant_id uuid not null,
  organisation_id uuid not null,
  organisation_name text not null,
  organisation_path_ids uuid[] not null,
  approval_organisation_id uuid not null,
  approval_organisation_name text not null,
  escalated boolean not null default false,
  category text not null,
  title text not null,
  body text not null,
  audience text not null check (audience in ('organisation', 'subtree', 'tenant', 'public')),
  channels text[] not null,
  starts_at timestamptz(3) not null,
  ends_at timestamptz(3),
  state text not null check (state in ('proposed', 'returned', 'awaiting_approval', 'approved', 'withdrawn')),
  findings jsonb not null default '[]',
  proposed_by text not null,
  proposed_by_name text not null,
  reviewed_by text,
  approved_by text,
  approved_by_name text not null default '',
  approved_at timestamptz(3),
  return_note text not null default '',
  withdrawn_reason text not null default '',
  withdrawn_at timestamptz(3),
  version integer not null default 1,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now()
);
create index disclosure_items_published_idx on disclosure_items (tenant_id, state, audience, starts_at);
select platform.tenant_table('disclosure_items', 'disclosure_app', 'select, insert, update');

create table disclosure_item_events (
  id uuid primary key,
  tenant_id uuid not null,
  item_id uuid not null references disclosure_items (id),
  action text not null,
  by_user_id text not null,
  by_name text not null,
  note text not null default '',
  at timestamptz(3) not null default now()
);
create index disclosure_item_events_item_idx on disclosure_item_events (tenant_id, item_id, at);
select platform.tenant_table('disclosure_item_events', 'disclosure_app', 'select, insert');

create table disclosure_settings (
  tenant_id uuid primary key,
  categories jsonb not null,
  progress_cadence text not null default 'quarterly' check (progress_cadence in ('quarterly', 'monthly')),
  version integer not null default 1,
  updated_at timestamptz(3) not null default now()
);
select platform.tenant_table('disclosure_settings', 'disclosure_app', 'select, insert, update');

create table publicity_notices (
  id uuid primary key,
  tenant_id uuid not null,
  organisation_id uuid not null,
  organisation_name text not null,
  member_name text not null,
  stage text not null,
  starts_on date not null,
  ends_on date not null,
  created_at timestamptz(3) not null default now()
);
create index publicity_notices_ends_idx on publicity_notices (tenant_id, ends_on);
select platform.tenant_table('publicity_notices', 'disclosure_app', 'select, insert, update');

create table commitments (
  id uuid primary key,
  tenant_id uuid not null,
  organisation_id uuid not null,
  organisation_name text not null,
  organisation_path_ids uuid[] not null,
  committer_kind text not null check (committer_kind in ('organisation', 'secretary')),
  committer_name text not null,
  year integer not null,
  title text not null,
  targets jsonb not null,
  audience text not null check (audience in ('tenant', 'public')),
  weight double precision not null default 1 check (weight > 0),
  state text not null check (state in ('proposed', 'returned', 'published', 'met', 'unmet')),
  return_note text not null default '',
  explanation text not null default '',
  proposed_by text not null,
  proposed_by_name text not null,
  reviewed_by text,
  version integer not null default 1,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now()
);
create index commitments_year_idx on commitments (tenant_id, year, state);
select platform.tenant_table('commitments', 'disclosure_app', 'select, insert, update');

-- Every entry is kept (a correction is a later entry for the same period); the latest counts.
create table commitment_progress (
  id uuid primary key,
  tenant_id uuid not null,
  commitment_id uuid not null references commitments (id),
  period text not null,
  achieved jsonb not null,
  evidence text not null,
  -- Facts the platform holds, linked as evidence: [{kind, text, value}] as they stood when recorded.
  facts jsonb not null default '[]',
  recorded_by text not null,
  recorded_by_name text not null,
  recorded_at timestamptz(3) not null default now()
);
create index commitment_progress_commitment_idx on commitment_progress (tenant_id, commitment_id, recorded_at);
select platform.tenant_table('commitment_progress', 'disclosure_app', 'select, insert');

-- One appraisal per member (voter_key: their user id); the public's are counted, not named.
create table commitment_appraisals (
  id uuid primary key,
  tenant_id uuid not null,
  commitment_id uuid not null references commitments (id),
  source text not null check (source in ('member', 'public')),
  voter_key text,
  grade text not null check (grade in ('satisfied', 'fair', 'unsatisfied')),
  at timestamptz(3) not null default now()
);
create unique index commitment_appraisals_voter_idx on commitment_appraisals (commitment_id, voter_key);
select platform.tenant_table('commitment_appraisals', 'disclosure_app', 'select, insert');
