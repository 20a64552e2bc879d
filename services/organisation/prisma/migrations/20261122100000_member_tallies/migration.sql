-- Subtree statistics from running tallies (decision 0011): for every organisation, the active members
-- of its whole subtree counted per dimension and key, kept current by triggers on members and on
-- organisation moves, so a committee's statistics read a few thousand tally rows instead of its
-- million member rows. Triggers rather than application code: every write path (forms, imports,
-- development steps, merges, moves, and SQL run by an operator) keeps the tallies right.

-- The dates the pipeline's next step hangs on, kept on the member so that the step due is a function
-- of the member row alone (the tally trigger sees only that row).
alter table members add column talked_on date;
alter table members add column reviewed_on date;
update members m set talked_on = s.talked_on, reviewed_on = s.reviewed_on
  from (select member_id,
               max(decided_on) filter (where kind = 'application_talk') as talked_on,
               max(decided_on) filter (where kind = 'activist_review') as reviewed_on
        from development_steps group by member_id) s
  where s.member_id = m.id;

-- The pipeline step a member is waiting for and when it falls due (rules.md §3): the talk within a
-- month of applying, an activist's review every six months, confirmation at the end of probation.
-- One definition for the overdue lists and the tallies.
-- (A set-returning SQL function so the planner inlines it: with OUT parameters it ran once per row, 10× slower.)
create function pipeline_step_due(stage text, stage_since date, joined_on date, extension_months int, talked_on date, reviewed_on date)
returns table (step text, due_on date) language sql immutable as $$
  select case
           when stage = 'applicant' and talked_on is null then 'application_talk'
           when stage = 'activist' then 'activist_review'
           when stage = 'probationary' and joined_on is not null then 'confirmation'
         end,
         case
           when stage = 'applicant' and talked_on is null then (stage_since + interval '1 month')::date
           when stage = 'activist' then (greatest(stage_since, coalesce(reviewed_on, stage_since)) + interval '6 months')::date
           when stage = 'probationary' and joined_on is not null then (joined_on + make_interval(months => 12 + extension_months))::date
         end
$$;

create table member_tallies (
  tenant_id uuid not null,
  organisation_id uuid not null,
  dimension text not null,
  key text not null,
  count integer not null,
  constraint member_tallies_pkey primary key (tenant_id, organisation_id, dimension, key)
);

alter table member_tallies enable row level security;
alter table member_tallies force row level security;
create policy member_tallies_isolation on member_tallies
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update on member_tallies to organisation_app;

-- The statement that adds the signed member rows of the query `source` (columns of members plus
-- `delta`) to the tallies of their organisation and every ancestor. Rows are aggregated first and
-- upserted in key order, so two statements never take the same tally rows' locks in opposite orders.
-- (The trigger functions execute it themselves: a trigger's transition tables are visible only to
-- the statements of the trigger function, not to functions it calls.)
create function member_tally_statement(source text) returns text language sql immutable as $$
  select format($sql$
    insert into member_tallies as t (tenant_id, organisation_id, dimension, key, count)
    select d.tenant_id, ancestor::uuid, dims.dimension, dims.key, sum(d.delta)::int
    from (%s) d
    join organisations o on o.id = d.organisation_id
    cross join lateral unnest(string_to_array(trim(both '/' from o.path), '/')) ancestor
    cross join lateral pipeline_step_due(d.development_stage, d.stage_since, d.joined_on, d.probation_extension_months, d.talked_on, d.reviewed_on) due
    cross join lateral (values ('development_stage', d.development_stage), ('gender', d.gender), ('ethnicity', d.ethnicity),
                               ('education', d.education), ('occupation', d.occupation), ('birth_date', d.birth_date::text),
                               ('step_due', due.step || ' ' || due.due_on::text)) dims(dimension, key)
    where dims.key is not null
    group by 1, 2, 3, 4
    having sum(d.delta) <> 0
    order by 1, 2, 3, 4
    on conflict (tenant_id, organisation_id, dimension, key) do update set count = t.count + excluded.count
  $sql$, source)
$$;

create function tally_inserted_members() returns trigger language plpgsql as $$
begin
  execute member_tally_statement('select *, 1 as delta from inserted_members where status = ''active''');
  return null;
end
$$;
create function tally_updated_members() returns trigger language plpgsql as $$
begin
  -- Unchanged rows cancel out in the aggregate (having sum <> 0).
  execute member_tally_statement('select *, -1 as delta from members_before where status = ''active''
                                     union all select *, 1 as delta from members_after where status = ''active''');
  return null;
end
$$;
create function tally_deleted_members() returns trigger language plpgsql as $$
begin
  execute member_tally_statement('select *, -1 as delta from deleted_members where status = ''active''');
  return null;
end
$$;
create trigger members_tally_insert after insert on members referencing new table as inserted_members
  for each statement execute function tally_inserted_members();
create trigger members_tally_update after update on members referencing old table as members_before new table as members_after
  for each statement execute function tally_updated_members();
create trigger members_tally_delete after delete on members referencing old table as deleted_members
  for each statement execute function tally_deleted_members();

-- A moved subtree takes its tallies with it: the moved root's own tallies (its whole subtree) leave
-- the old ancestors and join the new ones. A moved root is a re-pathed organisation whose parent was
-- not re-pathed in the same statement.
create function tally_moved_organisations() returns trigger language plpgsql as $$
begin
  insert into member_tallies as t (tenant_id, organisation_id, dimension, key, count)
  select moved.tenant_id, ancestor::uuid, tally.dimension, tally.key, sum(moved.sign * tally.count)::int
  from (select b.id, b.tenant_id, x.path, x.sign
        from organisations_before b join organisations_after a on a.id = b.id
        cross join lateral (values (b.path, -1), (a.path, 1)) x(path, sign)
        where a.path <> b.path
          and not exists (select 1 from organisations_before pb join organisations_after pa on pa.id = pb.id
                          where pb.id = b.parent_id and pa.path <> pb.path)) moved
  join member_tallies tally on tally.tenant_id = moved.tenant_id and tally.organisation_id = moved.id
  cross join lateral unnest(string_to_array(trim(both '/' from moved.path), '/')) ancestor
  where ancestor <> moved.id::text
  group by 1, 2, 3, 4
  having sum(moved.sign * tally.count) <> 0
  order by 1, 2, 3, 4
  on conflict (tenant_id, organisation_id, dimension, key) do update set count = t.count + excluded.count;
  return null;
end
$$;
create trigger organisations_tally_move after update on organisations referencing old table as organisations_before new table as organisations_after
  for each statement execute function tally_moved_organisations();

-- The tallies of the members already here.
do $$ begin execute member_tally_statement('select *, 1 as delta from members where status = ''active'''); end $$;
