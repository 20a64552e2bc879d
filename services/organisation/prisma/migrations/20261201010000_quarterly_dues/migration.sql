-- Dues paid quarterly only with the branch's consent (rules.md §1; issue 14): the schedule and the
-- day the branch consented travel with the assessment, whose history is never overwritten.
alter table dues_assessments
  add column payment_schedule text not null default 'monthly' check (payment_schedule in ('monthly', 'quarterly')),
  add column quarterly_consented_on date,
  add constraint dues_assessments_quarterly_consent check (payment_schedule = 'monthly' or quarterly_consented_on is not null);
