-- 表决 (issue 14, part 6): the branch general meeting's vote on a member's admission, probation
-- extension or confirmation (rules.md §3), recorded once with the meeting; a development step reads
-- its figures from here (and names the vote) instead of having them typed a second time.
create table meeting_votes (
  id uuid primary key,
  tenant_id uuid not null,
  meeting_id uuid not null references meetings (id),
  member_id uuid not null references members (id),
  subject text not null check (subject in ('to_probationary', 'probation_extension', 'confirmation')),
  -- From the meeting as held: voting members, and how many of them were present.
  eligible integer not null check (eligible >= 1),
  present integer not null check (present between 0 and eligible),
  in_favour integer not null check (in_favour >= 0),
  against integer not null check (against >= 0),
  abstained integer not null check (abstained >= 0),
  recorded_by text not null,
  created_at timestamptz(3) not null default now(),
  constraint meeting_votes_within_present check (in_favour + against + abstained <= present)
);
create unique index meeting_votes_meeting_id_member_id_subject_key on meeting_votes (meeting_id, member_id, subject);
create index meeting_votes_tenant_id_member_id_idx on meeting_votes (tenant_id, member_id);
select platform.tenant_table('meeting_votes', 'organisation_app', 'select, insert');

alter table development_steps add column meeting_vote_id uuid references meeting_votes (id);
