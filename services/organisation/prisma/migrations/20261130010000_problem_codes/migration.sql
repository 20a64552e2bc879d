-- Import row errors carry a stable code and its params (decision 0017), so the console says them in
-- the person's language. Rows written before keep their English reason under a generic code.
alter table import_job_errors add column code text not null default 'bad_format';
alter table import_job_errors add column params jsonb not null default '{}';
-- And a job refused as a whole says why by code too.
alter table import_jobs add column failure_code text not null default '';
alter table import_jobs add column failure_params jsonb not null default '{}';
-- A member's history names who changed the record (username then) and why, as a code with params.
alter table member_changes add column changed_by_name text not null default '';
alter table member_changes add column reason_code text not null default 'edited';
alter table member_changes add column reason_params jsonb not null default '{}';
