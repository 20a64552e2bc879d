-- Issue 16 (decision 0030): the roster's change feed. A service that keeps its own copy of the roster
-- (the learning service, for plan results over a million members) reads what changed since its
-- cursor. Triggers rather than application code, as for the tallies: every write path (forms,
-- imports, development steps, transfers, merges, moves, positions) is seen.
--
-- The cursor is (xact, seq): a row is handed out only once every transaction that began before it
-- has ended (xact below the oldest running one), so a change committed late is never skipped.
create table roster_changes (
  tenant_id uuid not null,
  xact bigint not null default (pg_current_xact_id()::text::bigint),
  seq bigint generated always as identity,
  -- member | organisation
  kind text not null,
  entity_id uuid not null,
  constraint roster_changes_pkey primary key (tenant_id, xact, seq)
);

alter table roster_changes enable row level security;
alter table roster_changes force row level security;
create policy roster_changes_isolation on roster_changes
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert on roster_changes to organisation_app;

create function roster_members_changed() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into roster_changes (tenant_id, kind, entity_id) select tenant_id, 'member', id from roster_new;
  elsif tg_op = 'DELETE' then
    insert into roster_changes (tenant_id, kind, entity_id) select tenant_id, 'member', id from roster_old;
  else
    -- Only what a roster shows: a phone number or a dues base changing is not a roster change.
    insert into roster_changes (tenant_id, kind, entity_id)
    select n.tenant_id, 'member', n.id from roster_new n join roster_old o on o.id = n.id
     where (n.user_id, n.name, n.organisation_id, n.development_stage, n.status)
           is distinct from (o.user_id, o.name, o.organisation_id, o.development_stage, o.status);
  end if;
  return null;
end
$$;
create trigger members_roster_insert after insert on members referencing new table as roster_new
  for each statement execute function roster_members_changed();
create trigger members_roster_update after update on members referencing old table as roster_old new table as roster_new
  for each statement execute function roster_members_changed();
create trigger members_roster_delete after delete on members referencing old table as roster_old
  for each statement execute function roster_members_changed();

create function roster_organisations_changed() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into roster_changes (tenant_id, kind, entity_id) select tenant_id, 'organisation', id from roster_new;
  elsif tg_op = 'DELETE' then
    insert into roster_changes (tenant_id, kind, entity_id) select tenant_id, 'organisation', id from roster_old;
  else
    insert into roster_changes (tenant_id, kind, entity_id)
    select n.tenant_id, 'organisation', n.id from roster_new n join roster_old o on o.id = n.id
     where (n.path, n.name) is distinct from (o.path, o.name);
  end if;
  return null;
end
$$;
create trigger organisations_roster_insert after insert on organisations referencing new table as roster_new
  for each statement execute function roster_organisations_changed();
create trigger organisations_roster_update after update on organisations referencing old table as roster_old new table as roster_new
  for each statement execute function roster_organisations_changed();
create trigger organisations_roster_delete after delete on organisations referencing old table as roster_old
  for each statement execute function roster_organisations_changed();

-- A position names its holder's member record: the committee audience changes with it.
create function roster_positions_changed() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    insert into roster_changes (tenant_id, kind, entity_id)
    select distinct tenant_id, 'member', holder_member_id from roster_old where holder_member_id is not null;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into roster_changes (tenant_id, kind, entity_id)
    select distinct tenant_id, 'member', holder_member_id from roster_new where holder_member_id is not null;
  end if;
  return null;
end
$$;
create trigger positions_roster_insert after insert on positions referencing new table as roster_new
  for each statement execute function roster_positions_changed();
create trigger positions_roster_update after update on positions referencing old table as roster_old new table as roster_new
  for each statement execute function roster_positions_changed();
create trigger positions_roster_delete after delete on positions referencing old table as roster_old
  for each statement execute function roster_positions_changed();

-- A member's snapshot reads the positions they hold.
create index positions_holder_member_id_idx on positions (holder_member_id);

-- What is already there is the feed's beginning.
insert into roster_changes (tenant_id, kind, entity_id) select tenant_id, 'organisation', id from organisations;
insert into roster_changes (tenant_id, kind, entity_id) select tenant_id, 'member', id from members;
