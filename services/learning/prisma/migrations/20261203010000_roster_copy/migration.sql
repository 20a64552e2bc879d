-- Issue 16 (decision 0030): the learning service's copy of the roster, kept from the organisation
-- service's change feed, so a plan's results over a million members are one query here instead of a
-- million entries over the bus. The organisation service stays the owner: this copy is only read.
create table roster_members (
  member_id uuid primary key,
  tenant_id uuid not null,
  user_id uuid,
  name text not null,
  organisation_id uuid not null,
  development_stage text not null,
  status text not null
);
create index roster_members_tenant_id_organisation_id_idx on roster_members (tenant_id, organisation_id);
select platform.tenant_table('roster_members', 'learning_app', 'select, insert, update, delete');

create table roster_organisations (
  organisation_id uuid primary key,
  tenant_id uuid not null,
  path text not null,
  name text not null
);
create index roster_organisations_tenant_id_path_idx on roster_organisations (tenant_id, path text_pattern_ops);
select platform.tenant_table('roster_organisations', 'learning_app', 'select, insert, update, delete');

-- Committee positions held and not ended: the committee audience is whoever is within a term today.
create table roster_committee_terms (
  tenant_id uuid not null,
  member_id uuid not null,
  starts_on date not null,
  ends_on date not null,
  -- Two positions with the same term are one term for the audience.
  primary key (member_id, starts_on, ends_on)
);
select platform.tenant_table('roster_committee_terms', 'learning_app', 'select, insert, delete');

-- Where the copy stands in the feed (one row per tenant).
create table roster_cursors (
  tenant_id uuid primary key,
  after text not null default '',
  synced_at timestamptz(3) not null default now()
);
select platform.tenant_table('roster_cursors', 'learning_app', 'select, insert, update');

-- A plan's results read the progress of its courses.
create index lesson_progress_tenant_id_course_id_idx on lesson_progress (tenant_id, course_id);
