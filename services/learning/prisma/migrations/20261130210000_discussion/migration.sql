-- Issue 16: discussion — topics per course or organisation, posts and replies, members' reports (a post
-- is hidden at the tenant's threshold until a moderator decides) and the moderators' log.
create table discussion_topics (
  id uuid primary key,
  tenant_id uuid not null,
  course_id uuid references courses (id),
  organisation_id uuid,
  title text not null,
  body text not null default '',
  author_id uuid not null,
  author_name text not null,
  post_count integer not null default 0,
  last_post_at timestamptz(3),
  created_at timestamptz(3) not null default now(),
  check ((course_id is null) <> (organisation_id is null))
);
create index discussion_topics_tenant_id_course_id_idx on discussion_topics (tenant_id, course_id);
create index discussion_topics_tenant_id_organisation_id_idx on discussion_topics (tenant_id, organisation_id);
select platform.tenant_table('discussion_topics', 'learning_app', 'select, insert, update');

create table discussion_posts (
  id uuid primary key,
  tenant_id uuid not null,
  topic_id uuid not null references discussion_topics (id),
  parent_id uuid references discussion_posts (id),
  body text not null,
  author_id uuid not null,
  author_name text not null,
  state text not null default 'visible' check (state in ('visible', 'hidden', 'removed')),
  report_count integer not null default 0,
  created_at timestamptz(3) not null default now()
);
create index discussion_posts_topic_id_created_at_idx on discussion_posts (topic_id, created_at);
create index discussion_posts_tenant_id_state_idx on discussion_posts (tenant_id, state);
select platform.tenant_table('discussion_posts', 'learning_app', 'select, insert, update');

-- One report per person and post.
create table discussion_reports (
  post_id uuid not null references discussion_posts (id),
  tenant_id uuid not null,
  reporter_id uuid not null,
  reason text not null default '',
  created_at timestamptz(3) not null default now(),
  primary key (post_id, reporter_id)
);
select platform.tenant_table('discussion_reports', 'learning_app', 'select, insert');

create table moderation_log (
  id uuid primary key,
  tenant_id uuid not null,
  post_id uuid not null references discussion_posts (id),
  action text not null check (action in ('hidden_by_reports', 'restored', 'removed')),
  moderator_id uuid,
  moderator_name text not null default '',
  note text not null default '',
  created_at timestamptz(3) not null default now()
);
create index moderation_log_tenant_id_created_at_idx on moderation_log (tenant_id, created_at);
select platform.tenant_table('moderation_log', 'learning_app', 'select, insert');

create table discussion_settings (
  tenant_id uuid primary key,
  hide_after_reports integer not null check (hide_after_reports between 1 and 100),
  updated_by text not null,
  updated_at timestamptz(3) not null default now()
);
select platform.tenant_table('discussion_settings', 'learning_app', 'select, insert, update');
