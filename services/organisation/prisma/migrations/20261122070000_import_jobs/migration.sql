-- Bulk import jobs: the uploaded file (in chunks, so nothing submitted is lost before it is read),
-- progress, and every bad row with its column and reason.
create table import_jobs (
  id uuid primary key,
  tenant_id uuid not null,
  kind text not null,
  format text not null,
  file_name text not null,
  size_bytes integer not null,
  status text not null default 'receiving',
  total_rows integer not null default 0,
  rows_done integer not null default 0,
  created_count integer not null default 0,
  skipped_count integer not null default 0,
  failed_count integer not null default 0,
  failure text not null default '',
  created_by text not null,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now(),
  finished_at timestamptz(3)
);
create index import_jobs_tenant_id_created_at_idx on import_jobs (tenant_id, created_at);

create table import_job_chunks (
  job_id uuid not null references import_jobs (id),
  sequence integer not null,
  tenant_id uuid not null,
  data bytea not null,
  primary key (job_id, sequence)
);

create table import_job_errors (
  id uuid primary key,
  tenant_id uuid not null,
  job_id uuid not null references import_jobs (id),
  row_number integer not null,
  column_name text not null,
  reason text not null
);
create index import_job_errors_tenant_id_job_id_row_number_idx on import_job_errors (tenant_id, job_id, row_number);

alter table import_jobs enable row level security;
alter table import_jobs force row level security;
create policy import_jobs_isolation on import_jobs
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table import_job_chunks enable row level security;
alter table import_job_chunks force row level security;
create policy import_job_chunks_isolation on import_job_chunks
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table import_job_errors enable row level security;
alter table import_job_errors force row level security;
create policy import_job_errors_isolation on import_job_errors
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

grant select, insert, update on import_jobs to organisation_app;
grant select, insert on import_job_chunks to organisation_app;
grant select, insert on import_job_errors to organisation_app;
