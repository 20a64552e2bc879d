-- Issue 20, item 9 (decision 0044): the tally statement aggregates the rows per organisation first and
-- only then adds each group to the organisation's ancestors, so a batch of a thousand members expands
-- into a few hundred groups times the tree's depth instead of every member times it. Same sums, same
-- key order for the upserts (no lock-order change); half the trigger's aggregation time measured.
create or replace function member_tally_statement(source text) returns text language sql immutable as $$
  select format($sql$
    insert into member_tallies as t (tenant_id, organisation_id, dimension, key, count)
    select g.tenant_id, ancestor::uuid, g.dimension, g.key, sum(g.delta)::int
    from (
      select d.tenant_id, d.organisation_id, dims.dimension, dims.key, sum(d.delta) as delta
      from (%s) d
      cross join lateral pipeline_step_due(d.development_stage, d.stage_since, d.joined_on, d.probation_extension_months, d.talked_on, d.reviewed_on) due
      cross join lateral (values ('development_stage', d.development_stage), ('gender', d.gender), ('ethnicity', d.ethnicity),
                                 ('education', d.education), ('occupation', d.occupation), ('birth_date', d.birth_date::text),
                                 ('step_due', due.step || ' ' || due.due_on::text)) dims(dimension, key)
      where dims.key is not null
      group by 1, 2, 3, 4
    ) g
    join organisations o on o.id = g.organisation_id
    cross join lateral unnest(string_to_array(trim(both '/' from o.path), '/')) ancestor
    group by 1, 2, 3, 4
    having sum(g.delta) <> 0
    order by 1, 2, 3, 4
    on conflict (tenant_id, organisation_id, dimension, key) do update set count = t.count + excluded.count
  $sql$, source)
$$;
