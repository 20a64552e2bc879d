-- Issue 16: media lessons (a resumable upload, content-addressed media in chunks), progress from
-- heartbeats, question banks, exams with attempts and answers, study plans.
alter table lessons add column media_id uuid;
alter table lessons add column study_minutes integer not null default 0 check (study_minutes >= 0);
alter table lessons add column min_dwell_seconds integer not null default 0 check (min_dwell_seconds >= 0);

create table media_uploads (
  id uuid primary key,
  tenant_id uuid not null,
  kind text not null check (kind in ('video', 'audio', 'document')),
  file_name text not null,
  size_bytes bigint not null check (size_bytes > 0),
  chunk_bytes integer not null check (chunk_bytes > 0),
  content_type text,
  media_id uuid,
  created_by text not null,
  created_at timestamptz(3) not null default now(),
  completed_at timestamptz(3)
);
create index media_uploads_tenant_id_created_at_idx on media_uploads (tenant_id, created_at);
select platform.tenant_table('media_uploads', 'learning_app', 'select, insert, update, delete');

create table media_upload_chunks (
  upload_id uuid not null references media_uploads (id) on delete cascade,
  tenant_id uuid not null,
  index integer not null check (index >= 0),
  content bytea not null,
  primary key (upload_id, index)
);
select platform.tenant_table('media_upload_chunks', 'learning_app', 'select, insert, update, delete');

create table media (
  id uuid primary key,
  tenant_id uuid not null,
  sha256 text not null,
  content_type text not null,
  size_bytes bigint not null,
  chunk_bytes integer not null,
  created_at timestamptz(3) not null default now(),
  constraint media_tenant_id_sha256_key unique (tenant_id, sha256)
);
select platform.tenant_table('media', 'learning_app', 'select, insert');

create table media_chunks (
  media_id uuid not null references media (id) on delete cascade,
  tenant_id uuid not null,
  index integer not null check (index >= 0),
  content bytea not null,
  primary key (media_id, index)
);
select platform.tenant_table('media_chunks', 'learning_app', 'select, insert');

create table lesson_progress (
  tenant_id uuid not null,
  lesson_id uuid not null references lessons (id),
  course_id uuid not null,
  user_id uuid not null,
  position_seconds double precision not null default 0,
  dwell_seconds double precision not null default 0,
  session_id text not null default '',
  last_beat_at timestamptz(3),
  started_at timestamptz(3) not null default now(),
  completed_at timestamptz(3),
  primary key (lesson_id, user_id)
);
create index lesson_progress_tenant_id_user_id_completed_at_idx on lesson_progress (tenant_id, user_id, completed_at);
select platform.tenant_table('lesson_progress', 'learning_app', 'select, insert, update');

create table question_banks (
  id uuid primary key,
  tenant_id uuid not null,
  name text not null,
  created_by text not null,
  created_at timestamptz(3) not null default now(),
  constraint question_banks_tenant_id_name_key unique (tenant_id, name)
);
select platform.tenant_table('question_banks', 'learning_app', 'select, insert, update');

create table questions (
  id uuid primary key,
  tenant_id uuid not null,
  bank_id uuid not null references question_banks (id),
  category text not null,
  kind text not null
    check (kind in ('single_choice', 'multiple_choice', 'true_false', 'fill_blank', 'short_answer')),
  stem text not null,
  options text[] not null default '{}',
  answer text[] not null default '{}',
  rubric text not null default '',
  points integer not null check (points between 1 and 100),
  created_by text not null,
  created_at timestamptz(3) not null default now()
);
create index questions_tenant_id_bank_id_category_idx on questions (tenant_id, bank_id, category);
select platform.tenant_table('questions', 'learning_app', 'select, insert, update');

create table exams (
  id uuid primary key,
  tenant_id uuid not null,
  name text not null,
  bank_id uuid not null,
  paper_kind text not null check (paper_kind in ('fixed', 'random')),
  question_ids text[] not null default '{}',
  draw jsonb not null default '[]',
  shuffle_options boolean not null default true,
  time_limit_minutes integer not null check (time_limit_minutes between 1 and 600),
  passing_score integer not null check (passing_score >= 0),
  max_attempts integer not null check (max_attempts between 1 and 20),
  retake_delay_minutes integer not null default 0 check (retake_delay_minutes >= 0),
  opens_at timestamptz(3) not null,
  closes_at timestamptz(3) not null,
  created_by text not null,
  created_at timestamptz(3) not null default now(),
  constraint exams_tenant_id_name_key unique (tenant_id, name),
  check (closes_at > opens_at)
);
select platform.tenant_table('exams', 'learning_app', 'select, insert, update');

create table exam_attempts (
  id uuid primary key,
  tenant_id uuid not null,
  exam_id uuid not null references exams (id),
  user_id uuid not null,
  person_name text not null default '',
  number integer not null check (number >= 1),
  paper jsonb not null,
  started_at timestamptz(3) not null default now(),
  deadline timestamptz(3) not null,
  submitted_at timestamptz(3),
  auto_submitted boolean not null default false,
  status text not null default 'in_progress' check (status in ('in_progress', 'grading', 'graded')),
  score integer,
  max_score integer not null,
  passed boolean,
  focus_lost integer not null default 0,
  graded_by text
);
create index exam_attempts_tenant_id_exam_id_status_idx on exam_attempts (tenant_id, exam_id, status);
create index exam_attempts_tenant_id_user_id_idx on exam_attempts (tenant_id, user_id);
-- One sitting at a time: a second start while one is open is refused by the database itself.
create unique index exam_attempts_one_open on exam_attempts (exam_id, user_id) where submitted_at is null;
create unique index exam_attempts_number on exam_attempts (exam_id, user_id, number);
select platform.tenant_table('exam_attempts', 'learning_app', 'select, insert, update');

create table exam_answers (
  attempt_id uuid not null references exam_attempts (id) on delete cascade,
  tenant_id uuid not null,
  question_id uuid not null,
  response text[] not null default '{}',
  saved_at timestamptz(3) not null default now(),
  correct boolean,
  points integer,
  comment text not null default '',
  primary key (attempt_id, question_id)
);
select platform.tenant_table('exam_answers', 'learning_app', 'select, insert, update');

create table study_plans (
  id uuid primary key,
  tenant_id uuid not null,
  name text not null,
  organisation_id uuid not null,
  audience text not null check (audience in ('all', 'committee', 'activists', 'candidates')),
  starts_on date not null,
  ends_on date not null,
  required_minutes integer not null check (required_minutes >= 0),
  course_ids text[] not null default '{}',
  exam_id uuid,
  created_by text not null,
  created_at timestamptz(3) not null default now(),
  constraint study_plans_tenant_id_name_key unique (tenant_id, name),
  check (ends_on >= starts_on)
);
select platform.tenant_table('study_plans', 'learning_app', 'select, insert, update');

-- The job that hands in attempts whose time is up visits every tenant with one open: a transaction that
-- sets app.tenant_directory reads which tenants those are (it selects tenant ids only).
create policy exam_attempts_tenant_directory on exam_attempts for select
  using (current_setting('app.tenant_directory', true) = 'on');
