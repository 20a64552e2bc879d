-- A member's thought report may carry files (a scanned handwritten report, photos), issue 15.
create table thought_report_attachments (
  id uuid primary key,
  tenant_id uuid not null,
  thought_report_id uuid not null references thought_reports (id),
  file_name text not null,
  content_type text not null,
  size_bytes integer not null check (size_bytes > 0),
  content bytea not null,
  created_at timestamptz(3) not null default now()
);
create index thought_report_attachments_tenant_id_thought_report_id_idx on thought_report_attachments (tenant_id, thought_report_id);
select platform.tenant_table('thought_report_attachments', 'organisation_app', 'select, insert');
