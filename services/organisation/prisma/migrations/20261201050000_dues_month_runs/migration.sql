-- The monthly dues run, visible (issue 14, part 3): each tenant's last completed run of each month,
-- by the schedule or by a person, so the console says whether the month's ledger is there and when
-- it was made.
create table dues_month_runs (
  tenant_id uuid not null,
  month date not null,
  completed_at timestamptz(3) not null,
  -- Ledger rows this run added (0: the month was complete already).
  created_rows integer not null,
  -- 'schedule', or the user who started it.
  ran_by text not null,
  constraint dues_month_runs_pkey primary key (tenant_id, month)
);
select platform.tenant_table('dues_month_runs', 'organisation_app', 'select, insert, update');
