-- 议程: what a meeting will take up, for those called to it (issue 15).
alter table meetings add column agenda text not null default '';
