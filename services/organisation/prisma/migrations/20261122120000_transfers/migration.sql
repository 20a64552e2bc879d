-- Relationship transfers (组织关系转接, rules.md §5). A transfer is one row per tenant that sees it:
-- the sending tenant's outgoing row, and for a transfer to another tenant of the platform an
-- incoming row in the receiving tenant, made from the letter alone (the bus carries it).

-- A member whose letter was taken in elsewhere stays on record here, as transferred out.
alter table members drop constraint members_status_check;
alter table members add constraint members_status_check check (status in ('active', 'in_transfer', 'transferred_out', 'suspended', 'removed'));

alter table organisation_settings add column transfer_approval_levels integer not null default 1;
alter table organisation_settings add column letter_validity_days integer not null default 90;

create table transfers (
  id uuid primary key,
  tenant_id uuid not null,
  direction text not null,
  destination text not null,
  state text not null,
  approval_levels integer not null default 1,
  member_id uuid references members (id),
  member_name text not null,
  -- Incoming: the letter's member facts (personal numbers sealed under this tenant's keys) and the
  -- blind index that stops the same person being added by hand while the letter is open.
  letter_member jsonb not null default '{}',
  id_card_index text,
  reason text not null default '',
  sending_tenant_id uuid not null,
  sending_tenant_name text not null default '',
  sending_organisation_id uuid,
  sending_organisation_name text not null,
  receiving_tenant_id uuid,
  receiving_tenant_name text not null default '',
  receiving_organisation_id uuid references organisations (id),
  receiving_organisation_name text not null default '',
  receiving_organisation_code text not null default '',
  -- The same transfer's outgoing row id, on an incoming row.
  peer_transfer_id uuid,
  serial_number text,
  issued_on date,
  valid_until date,
  expired_on date,
  dues_paid_up_to text not null default '',
  first_approved_by text,
  reported_in_on date,
  receipt_returned_on date,
  last_reason text not null default '',
  applied_by text not null,
  applied_on date not null,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now()
);
-- A member has at most one open transfer (rules.md §5), even under concurrent applications.
create unique index transfers_one_open_per_member on transfers (tenant_id, member_id)
  where direction = 'outgoing' and state in ('applied', 'first_approved', 'approved', 'letter_issued', 'expired');
-- Serial numbers are the sending tenant's: unique among its outgoing letters (an incoming row keeps
-- another tenant's serial, which may equal one of ours).
create unique index transfers_outgoing_serial_number_key on transfers (tenant_id, serial_number) where direction = 'outgoing';
create unique index transfers_tenant_id_peer_transfer_id_key on transfers (tenant_id, peer_transfer_id);
create index transfers_tenant_id_state_idx on transfers (tenant_id, state);
create index transfers_tenant_id_id_card_index_idx on transfers (tenant_id, id_card_index);

create table transfer_actions (
  id uuid primary key,
  tenant_id uuid not null,
  transfer_id uuid not null references transfers (id),
  action text not null,
  from_state text not null,
  to_state text not null,
  reason text not null default '',
  acted_by text not null,
  acted_on date not null,
  created_at timestamptz(3) not null default now()
);
create index transfer_actions_tenant_id_transfer_id_created_at_idx on transfer_actions (tenant_id, transfer_id, created_at);

-- Letter serial numbers: one sequence per tenant and year.
create table transfer_serials (
  tenant_id uuid not null,
  year integer not null,
  last_number integer not null,
  constraint transfer_serials_pkey primary key (tenant_id, year)
);

alter table transfers enable row level security;
alter table transfers force row level security;
create policy transfers_isolation on transfers
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
alter table transfer_actions enable row level security;
alter table transfer_actions force row level security;
create policy transfer_actions_isolation on transfer_actions
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
alter table transfer_serials enable row level security;
alter table transfer_serials force row level security;
create policy transfer_serials_isolation on transfer_serials
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

grant select, insert, update on transfers to organisation_app;
grant select, insert on transfer_actions to organisation_app;
grant select, insert, update on transfer_serials to organisation_app;
