-- Party dues (党费, rules.md §1): assessments kept as history, a monthly ledger per member, payments.
-- Money is integer fen (分) throughout.

-- A farmer's monthly dues within ¥0.2–1.0, chosen per tenant (default ¥0.2, the national floor).
alter table organisation_settings add column farmer_monthly_dues_fen integer not null default 20;

create table dues_assessments (
  id uuid primary key,
  tenant_id uuid not null,
  member_id uuid not null references members (id),
  -- The first month it applies to: the year's assessment from January (or joining), a pay change from
  -- the month the new pay is received. Never updated: a new row supersedes.
  effective_from date not null,
  occupation text not null,
  base_fen bigint,
  basis_points integer not null default 0,
  standard_fen integer not null,
  monthly_fen integer not null,
  reduction text not null default 'none',
  branch_decided_on date,
  higher_approved_on date,
  reason text not null default '',
  recorded_by text not null,
  created_at timestamptz(3) not null default now()
);
create index dues_assessments_tenant_id_member_id_effective_from_idx on dues_assessments (tenant_id, member_id, effective_from);

create table dues_ledger (
  tenant_id uuid not null,
  member_id uuid not null references members (id),
  -- The first day of the month the row is for.
  month date not null,
  organisation_id uuid not null references organisations (id),
  due_fen integer not null,
  paid_fen integer not null default 0,
  assessment_id uuid references dues_assessments (id),
  paid_on date,
  payment_id uuid,
  created_at timestamptz(3) not null default now(),
  constraint dues_ledger_pkey primary key (tenant_id, member_id, month)
);
create index dues_ledger_tenant_id_organisation_id_month_idx on dues_ledger (tenant_id, organisation_id, month);

create table dues_payments (
  id uuid primary key,
  tenant_id uuid not null,
  member_id uuid not null references members (id),
  -- First days of the months it pays (may reach back 6 months and ahead 12).
  months date[] not null,
  dues_fen integer not null,
  voluntary_fen integer not null default 0,
  -- A single voluntary payment of ¥1,000 or more is passed up in full.
  large_voluntary boolean not null default false,
  provider text not null,
  provider_reference text not null default '',
  paid_on date not null,
  -- Paid by a relative or another member on the member's behalf: who.
  paid_by_name text not null default '',
  recorded_by text not null,
  created_at timestamptz(3) not null default now()
);
create index dues_payments_tenant_id_member_id_paid_on_idx on dues_payments (tenant_id, member_id, paid_on);

alter table dues_assessments enable row level security;
alter table dues_assessments force row level security;
create policy dues_assessments_isolation on dues_assessments
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
alter table dues_ledger enable row level security;
alter table dues_ledger force row level security;
create policy dues_ledger_isolation on dues_ledger
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
alter table dues_payments enable row level security;
alter table dues_payments force row level security;
create policy dues_payments_isolation on dues_payments
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- Assessments and payments are records: the service may add them, never change or remove them.
grant select, insert on dues_assessments to organisation_app;
grant select, insert, update on dues_ledger to organisation_app;
grant select, insert on dues_payments to organisation_app;
