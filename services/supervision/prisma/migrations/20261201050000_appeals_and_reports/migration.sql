-- Issue 18: citizens' appeals with their categories and history, and whistle-blowing reports whose
-- rows hold no account, address, browser or time of day (only dates), with the inspectors' reads.
create table tenant_keys (
  tenant_id uuid primary key,
  wrapped_data_key text not null,
  wrapped_index_key text not null,
  created_at timestamptz(3) not null default now()
);
select platform.tenant_table('tenant_keys', 'supervision_app', 'select, insert');

create table appeal_settings (
  tenant_id uuid primary key,
  categories jsonb not null,
  close_after_days integer not null default 7,
  duplicate_window_days integer not null default 30,
  version integer not null default 1,
  updated_at timestamptz(3) not null default now()
);
select platform.tenant_table('appeal_settings', 'supervision_app', 'select, insert, update');

create table appeals (
  id uuid primary key,
  tenant_id uuid not null,
  code text not null,
  category text not null,
  title text not null,
  content text not null,
  channel text not null check (channel in ('online', 'phone', 'visit', 'letter')),
  citizen_name_sealed text not null,
  citizen_phone_sealed text not null,
  citizen_phone_masked text not null,
  citizen_phone_index text not null,
  place_organisation_id uuid,
  place_name text not null default '',
  first_receiver_id uuid not null,
  first_receiver_name text not null,
  responsible_id uuid not null,
  responsible_name text not null,
  -- the responsible organisation and those above it, root first: the escalation ladder
  responsible_path_ids uuid[] not null,
  responsible_path_names text[] not null,
  status text not null check (status in ('received', 'handling', 'resolved', 'closed', 'not_accepted')),
  received_on date not null,
  due_on date not null,
  limit_on date not null,
  extended_days integer not null default 0,
  extension_reason text not null default '',
  reply text not null default '',
  resolved_at timestamptz(3),
  closed_at timestamptz(3),
  satisfaction text check (satisfaction in ('satisfied', 'basically_satisfied', 'dissatisfied')),
  duplicate_of_id uuid,
  publish_consent boolean not null default false,
  version integer not null default 1,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now()
);
create unique index appeals_code_key on appeals (tenant_id, code);
create index appeals_status_idx on appeals (tenant_id, status, due_on);
create index appeals_phone_idx on appeals (tenant_id, citizen_phone_index, received_on);
create index appeals_place_idx on appeals (tenant_id, place_organisation_id, category, received_on);
select platform.tenant_table('appeals', 'supervision_app', 'select, insert, update');

create table appeal_steps (
  id uuid primary key,
  tenant_id uuid not null,
  appeal_id uuid not null references appeals (id) on delete cascade,
  action text not null,
  organisation_id uuid,
  organisation_name text not null default '',
  note text not null default '',
  public boolean not null default true,
  actor_user_id text,
  at timestamptz(3) not null default now()
);
create index appeal_steps_appeal_idx on appeal_steps (appeal_id, at);
select platform.tenant_table('appeal_steps', 'supervision_app', 'select, insert');

create table report_settings (
  tenant_id uuid primary key,
  acknowledge_days integer not null default 7,
  feedback_days integer not null default 90,
  forward_working_days integer not null default 5,
  retention_days integer not null default 365,
  small_organisation_size integer not null default 10,
  version integer not null default 1
);
select platform.tenant_table('report_settings', 'supervision_app', 'select, insert, update');

-- No created_at/updated_at on purpose: a report's rows carry days, never times (anonymity).
create table reports (
  id uuid primary key,
  tenant_id uuid not null,
  receipt_code text not null,
  secret_hash text not null,
  organisation_id uuid,
  organisation_name text not null default '',
  organisation_path_ids uuid[] not null default '{}',
  subject_names text[] not null default '{}',
  content text not null,
  reporter_name_sealed text,
  reporter_contact_sealed text,
  status text not null check (status in ('received', 'acknowledged', 'answered', 'closed', 'forwarded')),
  filed_on date not null,
  acknowledged_on date,
  answered_on date,
  closed_on date,
  forwarded_on date,
  forwarded_to text not null default '',
  version integer not null default 1
);
create unique index reports_receipt_code_key on reports (tenant_id, receipt_code);
create index reports_status_idx on reports (tenant_id, status, filed_on);
select platform.tenant_table('reports', 'supervision_app', 'select, insert, update, delete');

create table report_messages (
  id uuid primary key,
  tenant_id uuid not null,
  report_id uuid not null references reports (id) on delete cascade,
  seq integer not null,
  author text not null check (author in ('reporter', 'inspector')),
  body text not null,
  sent_on date not null
);
create unique index report_messages_seq_key on report_messages (report_id, seq);
select platform.tenant_table('report_messages', 'supervision_app', 'select, insert, delete');

-- The inspectors' reads (the audit): kept after a report is erased, holding its receipt code only.
create table report_reads (
  id uuid primary key,
  tenant_id uuid not null,
  report_id uuid not null,
  receipt_code text not null,
  reader_user_id text not null,
  action text not null,
  at timestamptz(3) not null default now()
);
create index report_reads_at_idx on report_reads (tenant_id, at);
select platform.tenant_table('report_reads', 'supervision_app', 'select, insert');

-- The daily jobs (closing appeals the citizen left unanswered, erasing reports past retention) visit
-- every tenant: a transaction that sets app.tenant_directory reads which tenants those are.
create policy appeals_tenant_directory on appeals for select
  using (current_setting('app.tenant_directory', true) = 'on');
create policy reports_tenant_directory on reports for select
  using (current_setting('app.tenant_directory', true) = 'on');
