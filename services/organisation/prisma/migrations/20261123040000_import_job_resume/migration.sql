-- Import jobs interrupted by a restart are resumed by the service itself (decision 0011). It resumes
-- a job as the person who last started it, with the roles and organisation scope they had then:
-- their principal is kept with the job. Jobs started before this column existed are resumed by hand.
alter table import_jobs add column started_as jsonb;
