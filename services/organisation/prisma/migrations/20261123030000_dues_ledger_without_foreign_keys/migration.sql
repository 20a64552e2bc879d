-- The dues ledger keeps no foreign keys (decision 0012). Its rows are written only by the monthly
-- run's INSERT … SELECT from members joined to their assessment in force, so every id comes from an
-- existing row, and members, organisations and assessments are never deleted (the service role has no
-- DELETE on them). The key checks locked each referenced row FOR KEY SHARE, so every month's run
-- wrote a lock into every member and assessment row (dirtying both tables) and took about half the
-- run's time (benchmark, 1,000,000 members). A test checks that no ledger row lacks its member,
-- organisation or assessment.
alter table dues_ledger
  drop constraint dues_ledger_member_id_fkey,
  drop constraint dues_ledger_organisation_id_fkey,
  drop constraint dues_ledger_assessment_id_fkey;
