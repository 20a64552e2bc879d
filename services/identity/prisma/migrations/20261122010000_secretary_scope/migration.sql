-- A secretary manages the subtrees of these organisations (ids in the organisation service).
alter table memberships add column organisation_scope uuid[] not null default '{}';
