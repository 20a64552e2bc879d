-- Dissolving (撤销) and merging (合并) organisations: the row stays, with its successor, so history
-- and references keep working; its members and child organisations move to the successor first.
alter table organisations add column status text not null default 'active';
alter table organisations add column dissolved_on date;
alter table organisations add column successor_id uuid references organisations (id);
