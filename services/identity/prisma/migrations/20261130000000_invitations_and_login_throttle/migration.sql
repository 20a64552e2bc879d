-- Invitations: how a tenant adds a person (decision 0016). The code is a secret: only its hash is kept.
create table invitations (
  id uuid primary key,
  tenant_id uuid not null references tenants (id),
  code_hash text not null unique,
  display_name text not null,
  email text not null default '',
  roles text[] not null,
  organisation_scope uuid[] not null default '{}',
  status text not null default 'pending' check (status in ('pending', 'accepted', 'revoked')),
  expires_at timestamptz(3) not null,
  created_by uuid not null,
  created_by_username text not null,
  -- Failed activations with this code (a taken username, a weak password): void after a few.
  failed_attempts integer not null default 0,
  accepted_by uuid references people (id),
  accepted_at timestamptz(3),
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now()
);
create index invitations_tenant_id_created_at_idx on invitations (tenant_id, created_at);

alter table invitations enable row level security;
alter table invitations force row level security;
-- The tenant's own invitations; and the one invitation whose code the caller holds (to preview,
-- activate or accept it before any tenant is known). Writes only in the invitation's tenant.
create policy invitations_isolation on invitations
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
         or code_hash = nullif(current_setting('app.invitation_code_hash', true), ''))
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

grant select, insert, update on invitations to identity_app;

-- Log-in throttling (decision 0016): failures per account, per address and per pair, with backoff.
-- Keys are what was typed, known account or not, so throttling itself reveals no account.
create table login_failures (
  key text primary key,
  failures integer not null,
  last_failure_at timestamptz(3) not null,
  blocked_until timestamptz(3)
);
-- Where an account last logged in successfully: the account-wide block spares these addresses,
-- so an attacker elsewhere cannot lock the real person out.
create table login_known_addresses (
  username text not null,
  address text not null,
  last_success_at timestamptz(3) not null,
  primary key (username, address)
);
grant select, insert, update, delete on login_failures to identity_app;
grant select, insert, update, delete on login_known_addresses to identity_app;
