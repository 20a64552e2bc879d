-- Issue 18: photos attached to reports, kept only after their metadata is taken out (EXIF, XMP,
-- comments). Like the report itself: no time, no address, no browser, and no file name (a file's name
-- may name its maker) — a number. Erased with the report (cascade) and when it is forwarded.
create table report_attachments (
  id uuid primary key,
  tenant_id uuid not null,
  report_id uuid not null references reports (id) on delete cascade,
  number integer not null check (number between 1 and 3),
  content_type text not null check (content_type in ('image/jpeg', 'image/png')),
  size integer not null,
  data bytea not null,
  complete boolean not null default false
);
create unique index report_attachments_number_key on report_attachments (report_id, number);
select platform.tenant_table('report_attachments', 'supervision_app', 'select, insert, update, delete');
