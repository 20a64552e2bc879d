-- Issue 18: micro-wishes (微心愿), posted by residents, reviewed, claimed by members, fulfilled and
-- confirmed by the resident; the wisher's name and phone sealed under the tenant key.
create table micro_wishes (
  id uuid primary key,
  tenant_id uuid not null,
  code text not null,
  organisation_id uuid not null,
  organisation_name text not null,
  organisation_path_ids uuid[] not null,
  title text not null,
  content text not null,
  wisher_name_sealed text not null,
  wisher_phone_sealed text not null,
  wisher_phone_masked text not null,
  status text not null check (status in ('submitted', 'rejected', 'published', 'claimed', 'fulfilled', 'confirmed')),
  review_note text not null default '',
  claimed_by_user_id text,
  claimed_by_name text not null default '',
  fulfilment_note text not null default '',
  fulfilled_at timestamptz(3),
  confirmed_at timestamptz(3),
  version integer not null default 1,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now()
);
create unique index micro_wishes_code_key on micro_wishes (tenant_id, code);
create index micro_wishes_status_idx on micro_wishes (tenant_id, status, created_at);
create index micro_wishes_claimer_idx on micro_wishes (tenant_id, claimed_by_user_id, status);
select platform.tenant_table('micro_wishes', 'supervision_app', 'select, insert, update');
