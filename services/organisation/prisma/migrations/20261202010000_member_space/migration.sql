-- 党员e家 (issue 15): the member's own space. A member submits a thought report themselves and reads
-- the secretary's reply; a member asks for leave from a meeting and the organiser grants it (请假).

alter table thought_reports
  -- recorded: a secretary typed in what the member handed in; member: the member submitted it here.
  add column source text not null default 'recorded' check (source in ('recorded', 'member')),
  add column reply text not null default '',
  add column replied_by text,
  add column replied_at timestamptz(3);
-- The reply is written onto the report.
grant update on thought_reports to organisation_app;

create table meeting_leave_requests (
  id uuid primary key,
  tenant_id uuid not null,
  meeting_id uuid not null references meetings (id),
  member_id uuid not null references members (id),
  reason text not null,
  -- requested | granted | refused
  state text not null default 'requested' check (state in ('requested', 'granted', 'refused')),
  requested_at timestamptz(3) not null default now(),
  decided_by text,
  decided_at timestamptz(3),
  decision_note text not null default ''
);
create unique index meeting_leave_requests_meeting_id_member_id_key on meeting_leave_requests (meeting_id, member_id);
create index meeting_leave_requests_tenant_id_member_id_idx on meeting_leave_requests (tenant_id, member_id);
select platform.tenant_table('meeting_leave_requests', 'organisation_app', 'select, insert, update');
