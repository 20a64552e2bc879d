-- Positions held in organisations for a term of office (书记, 副书记, 委员); history is kept.
create table positions (
  id uuid primary key,
  tenant_id uuid not null,
  organisation_id uuid not null references organisations (id),
  kind text not null check (kind in ('secretary', 'deputy_secretary', 'committee_member')),
  holder_name text not null,
  holder_user_id uuid,
  term_start date not null,
  term_end date not null,
  ended_on date,
  created_by text not null,
  created_at timestamptz(3) not null default now(),
  constraint positions_term check (term_end > term_start),
  constraint positions_ended check (ended_on is null or ended_on >= term_start)
);
create index positions_tenant_id_organisation_id_idx on positions (tenant_id, organisation_id);
create index positions_tenant_id_term_end_idx on positions (tenant_id, term_end);

alter table positions enable row level security;
alter table positions force row level security;
create policy positions_isolation on positions
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

grant select, insert, update on positions to organisation_app;
