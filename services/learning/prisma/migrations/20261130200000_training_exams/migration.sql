-- Issue 16: a training exam (培训考试) records the length of the training it closes, so a pass is the
-- evidence of training a development step needs (rules.md §3).
alter table exams add column training_class_hours integer not null default 0
  check (training_class_hours between 0 and 1000);
alter table exams add column training_days integer not null default 0 check (training_days between 0 and 365);
