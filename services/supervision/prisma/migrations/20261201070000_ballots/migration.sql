-- Issue 18: appraisal ballots (民主测评). The roll (who may vote, and whether they did) and the papers
-- (what was marked) are two tables with nothing in common but the ballot: a paper has a random id and
-- no time, so no one can tell whose it is.
create table ballots (
  id uuid primary key,
  tenant_id uuid not null,
  organisation_id uuid not null,
  organisation_name text not null,
  organisation_path_ids uuid[] not null,
  subject text not null,
  kind text not null check (kind in ('member_appraisal', 'cadre', 'commitment')),
  status text not null check (status in ('draft', 'open', 'closed')),
  candidates jsonb not null default '[]',
  roll_size integer not null default 0,
  created_by text not null,
  opened_at timestamptz(3),
  closed_at timestamptz(3),
  version integer not null default 1,
  created_at timestamptz(3) not null default now()
);
create index ballots_status_idx on ballots (tenant_id, status, created_at);
select platform.tenant_table('ballots', 'supervision_app', 'select, insert, update');

create table ballot_voters (
  id uuid primary key,
  tenant_id uuid not null,
  ballot_id uuid not null references ballots (id),
  user_id text,
  member_id uuid not null,
  organisation_id uuid not null,
  organisation_name text not null,
  voted boolean not null default false
);
create unique index ballot_voters_member_key on ballot_voters (ballot_id, member_id);
create index ballot_voters_user_idx on ballot_voters (tenant_id, user_id);
select platform.tenant_table('ballot_voters', 'supervision_app', 'select, insert, update');

create table ballot_papers (
  id uuid primary key,
  tenant_id uuid not null,
  ballot_id uuid not null references ballots (id),
  grades jsonb not null
);
create index ballot_papers_ballot_idx on ballot_papers (ballot_id);
select platform.tenant_table('ballot_papers', 'supervision_app', 'select, insert');
