-- 课程 (courses): tenant isolation and the service role's grants from the platform's shared SQL.
create table courses (
  id uuid primary key,
  tenant_id uuid not null,
  name text not null,
  note text,
  created_by text not null,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now(),
  constraint courses_tenant_id_name_key unique (tenant_id, name)
);
select platform.tenant_table('courses', 'learning_app', 'select, insert, update');
