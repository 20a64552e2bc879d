-- A joint branch (联合党支部) covers at most five units (rules.md §4; issue 14): how many it joins.
alter table organisations add column joint_units integer check (joint_units between 2 and 5);
