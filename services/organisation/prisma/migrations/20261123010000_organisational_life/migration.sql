-- Organisational life (组织生活, rules.md §4): meetings with attendance, attachments and appraisal
-- grades; and self-withdrawal cases (自行脱党, rules.md §2) opened by the monthly check.

-- Party lectures every N months (default quarterly; 12 = the national floor of once a year), and the
-- month count at which the self-withdrawal check warns (the case opens at 6, the national rule).
alter table organisation_settings add column party_lecture_months integer not null default 3;
alter table organisation_settings add column withdrawal_warning_months integer not null default 3;

create table meetings (
  id uuid primary key,
  tenant_id uuid not null,
  organisation_id uuid not null references organisations (id),
  kind text not null,
  title text not null,
  scheduled_at timestamptz(3) not null,
  place text not null default '',
  -- Mobile members (流动党员) may sign in online when this is on.
  online_allowed boolean not null default false,
  -- scheduled | held | cancelled
  state text not null default 'scheduled',
  notified_at timestamptz(3),
  held_on date,
  minutes text not null default '',
  -- Quorum as counted when the meeting was recorded as held: the voters (full members of the branch,
  -- or committee members), those present, and whether more than half were there. Null for kinds
  -- without a quorum.
  quorum_voters integer,
  quorum_present integer,
  quorum_met boolean,
  cancel_reason text not null default '',
  created_by text not null,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now(),
  constraint meetings_state_check check (state in ('scheduled', 'held', 'cancelled'))
);
create index meetings_tenant_id_organisation_id_scheduled_at_idx on meetings (tenant_id, organisation_id, scheduled_at);
create index meetings_tenant_id_scheduled_at_idx on meetings (tenant_id, scheduled_at);

create table meeting_attendance (
  tenant_id uuid not null,
  meeting_id uuid not null references meetings (id),
  member_id uuid not null references members (id),
  -- present | excused (请假, a valid reason) | absent
  status text not null,
  -- in_person | online | recorded (entered by the secretary)
  mode text not null,
  signed_in_at timestamptz(3),
  recorded_by text not null,
  updated_at timestamptz(3) not null default now(),
  constraint meeting_attendance_pkey primary key (tenant_id, meeting_id, member_id),
  constraint meeting_attendance_status_check check (status in ('present', 'excused', 'absent'))
);
create index meeting_attendance_tenant_id_member_id_idx on meeting_attendance (tenant_id, member_id);

create table meeting_attachments (
  id uuid primary key,
  tenant_id uuid not null,
  meeting_id uuid not null references meetings (id),
  file_name text not null,
  content_type text not null,
  size_bytes integer not null,
  content bytea not null,
  uploaded_by text not null,
  created_at timestamptz(3) not null default now()
);
create index meeting_attachments_tenant_id_meeting_id_idx on meeting_attachments (tenant_id, meeting_id);

-- 民主评议党员: one grade per full member per appraisal meeting.
create table appraisal_grades (
  tenant_id uuid not null,
  meeting_id uuid not null references meetings (id),
  member_id uuid not null references members (id),
  -- excellent 优秀 | qualified 合格 | basically_qualified 基本合格 | unqualified 不合格
  grade text not null,
  recorded_by text not null,
  updated_at timestamptz(3) not null default now(),
  constraint appraisal_grades_pkey primary key (tenant_id, meeting_id, member_id)
);

create table withdrawal_cases (
  id uuid primary key,
  tenant_id uuid not null,
  member_id uuid not null references members (id),
  organisation_id uuid not null references organisations (id),
  -- warning (the configured threshold reached) | open (6 months: for the branch) | closed
  state text not null,
  months_without_dues integer not null,
  months_without_life integer not null,
  -- The last completed month the counts were taken up to (first day).
  counted_to date not null,
  warned_on date not null,
  opened_on date,
  closed_on date,
  -- resumed (the check saw dues or life again) | valid_reason | removed_by_branch (the branch
  -- general meeting's decision, recorded; the platform changes nothing by itself)
  resolution text not null default '',
  resolution_note text not null default '',
  closed_by text not null default '',
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now(),
  constraint withdrawal_cases_state_check check (state in ('warning', 'open', 'closed'))
);
create index withdrawal_cases_tenant_id_state_idx on withdrawal_cases (tenant_id, state);
-- One case in progress per member: two checks at once cannot both open one.
create unique index withdrawal_cases_one_in_progress on withdrawal_cases (tenant_id, member_id) where state <> 'closed';

alter table meetings enable row level security;
alter table meetings force row level security;
create policy meetings_isolation on meetings
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
alter table meeting_attendance enable row level security;
alter table meeting_attendance force row level security;
create policy meeting_attendance_isolation on meeting_attendance
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
alter table meeting_attachments enable row level security;
alter table meeting_attachments force row level security;
create policy meeting_attachments_isolation on meeting_attachments
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
alter table appraisal_grades enable row level security;
alter table appraisal_grades force row level security;
create policy appraisal_grades_isolation on appraisal_grades
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
alter table withdrawal_cases enable row level security;
alter table withdrawal_cases force row level security;
create policy withdrawal_cases_isolation on withdrawal_cases
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- Attachments are records: added, never changed or removed by the service.
grant select, insert, update on meetings to organisation_app;
grant select, insert, update on meeting_attendance to organisation_app;
grant select, insert on meeting_attachments to organisation_app;
grant select, insert, update, delete on appraisal_grades to organisation_app;
grant select, insert, update on withdrawal_cases to organisation_app;

-- The daily self-withdrawal check visits every tenant: a transaction that sets app.tenant_directory
-- may list which tenants have an organisation tree (it reads tenant ids only; the service decides
-- when to set it, as it decides app.tenant_id).
create policy organisations_tenant_directory on organisations for select
  using (current_setting('app.tenant_directory', true) = 'on');
