-- Dues paid online (issue 15, decision 0026): the tenant's merchant account with its keys sealed under
-- the tenant's data key, and the orders members place. A provider's transaction settles one payment
-- once: the same reference cannot be recorded twice.
create table payment_settings (
  tenant_id uuid primary key,
  provider text not null default 'wechat_pay' check (provider in ('wechat_pay')),
  merchant_id text not null,
  app_id text not null,
  merchant_serial text not null,
  merchant_key_cipher text not null,
  api_v3_key_cipher text not null,
  platform_public_key text not null,
  platform_serial text not null,
  base_url text not null,
  -- The gateway's public address WeChat Pay sends notifications to.
  notify_base_url text not null,
  updated_by text not null,
  updated_at timestamptz(3) not null default now()
);
select platform.tenant_table('payment_settings', 'organisation_app', 'select, insert, update');

create table dues_orders (
  id uuid primary key,
  tenant_id uuid not null,
  member_id uuid not null references members (id),
  months date[] not null,
  amount_fen integer not null check (amount_fen > 0),
  provider text not null,
  -- created (waiting for the member to pay) | paid | failed (closed, expired or refused by the provider)
  state text not null default 'created' check (state in ('created', 'paid', 'failed')),
  code_url text not null default '',
  provider_transaction_id text,
  payment_id uuid references dues_payments (id),
  failure text not null default '',
  created_by text not null,
  created_at timestamptz(3) not null default now(),
  expires_at timestamptz(3) not null,
  paid_at timestamptz(3),
  updated_at timestamptz(3) not null default now()
);
create index dues_orders_tenant_id_member_id_created_at_idx on dues_orders (tenant_id, member_id, created_at);
select platform.tenant_table('dues_orders', 'organisation_app', 'select, insert, update');

create unique index dues_payments_tenant_id_provider_reference_key
  on dues_payments (tenant_id, provider, provider_reference) where provider_reference <> '';
