-- Issue 16 (decision 0031): the platform catalogue. Courses authored in the catalogue tenant (the nil
-- UUID) are listed and opened by every tenant once published. Extra select policies (permissive: either
-- policy lets a row be read); writes stay each tenant's own.
alter table courses add column published_at timestamptz(3);

create policy courses_platform_catalogue on courses for select
  using (tenant_id = '00000000-0000-0000-0000-000000000000' and published_at is not null);
-- A catalogue lesson and its media are read by id whether or not the course is still published: a
-- course taken back is no longer listed or planned, but what members studied in it keeps counting.
create policy lessons_platform_catalogue on lessons for select
  using (tenant_id = '00000000-0000-0000-0000-000000000000');
create policy media_platform_catalogue on media for select
  using (tenant_id = '00000000-0000-0000-0000-000000000000');
create policy media_chunks_platform_catalogue on media_chunks for select
  using (tenant_id = '00000000-0000-0000-0000-000000000000');
