-- 补交差额 (issue 14): a re-assessment that raises the dues of months already paid in full leaves
-- those months paid and records what is still owed for each as a difference of its own, settled by
-- the treasurer. Tenant isolation and grants from the platform's shared SQL (decision 0018).
create table dues_differences (
  id uuid primary key,
  tenant_id uuid not null,
  member_id uuid not null references members (id),
  month date not null,
  assessment_id uuid not null references dues_assessments (id),
  -- What the month was paid at (the ledger's due when paid, plus differences settled before).
  paid_fen integer not null,
  -- What the new assessment asks for the month, and the gap.
  assessed_fen integer not null,
  difference_fen integer not null check (difference_fen > 0),
  state text not null default 'open' check (state in ('open', 'settled', 'superseded')),
  settled_on date,
  settled_by text,
  created_by text not null,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now()
);
create index dues_differences_tenant_id_member_id_month_idx on dues_differences (tenant_id, member_id, month);
select platform.tenant_table('dues_differences', 'organisation_app', 'select, insert, update');
