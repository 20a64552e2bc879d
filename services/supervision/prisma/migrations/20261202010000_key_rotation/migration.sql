-- Decision 0041: rotating the keys of personal data. A tenant's data and index keys have generations;
-- while one pair is being replaced the previous pair stays (wrapped) and is still read and searched,
-- until every record of the tenant has been re-encrypted under the new pair.
alter table tenant_keys add column generation integer not null default 1;
alter table tenant_keys add column previous_wrapped_data_key text;
alter table tenant_keys add column previous_wrapped_index_key text;
alter table tenant_keys add column rotation_started_at timestamptz(3);
alter table tenant_keys add constraint tenant_keys_rotation_check check (
  (previous_wrapped_data_key is null) = (previous_wrapped_index_key is null)
  and (previous_wrapped_data_key is null) = (rotation_started_at is null)
);

-- The rotation runs as the owner (the role that applies these migrations, never the service's): it
-- must find every tenant's row to re-wrap it under a new master key.
do $$
begin
  execute format(
    'create policy tenant_keys_rotation on tenant_keys to %I using (true) with check (true)',
    current_user
  );
end
$$;
