-- 课时: a course's lessons in order (issue 16); a course's tags for the catalogue.
alter table courses add column tags text[] not null default '{}';
create table lessons (
  id uuid primary key,
  tenant_id uuid not null,
  course_id uuid not null references courses (id),
  position integer not null check (position >= 1),
  kind text not null check (kind in ('article', 'video', 'audio', 'document')),
  title text not null,
  body text not null default '',
  created_by text not null,
  created_at timestamptz(3) not null default now(),
  constraint lessons_course_id_position_key unique (course_id, position)
);
create index lessons_tenant_id_course_id_idx on lessons (tenant_id, course_id);
select platform.tenant_table('lessons', 'learning_app', 'select, insert, update');
