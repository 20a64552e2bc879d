-- Notifications (issue 15, decision 0025): stored before any channel sends them (the inbox), one row
-- per person and event (a redelivered event adds nothing), one delivery per channel and target,
-- retried with backoff until sent, never sent twice.
create table notifications (
  id uuid primary key,
  tenant_id uuid not null references tenants (id),
  user_id uuid not null references people (id),
  kind text not null,
  params jsonb not null default '{}',
  urgent boolean not null default false,
  ref_id text,
  source_event_id uuid not null,
  created_at timestamptz(3) not null default now(),
  read_at timestamptz(3)
);
create unique index notifications_source_event_id_user_id_key on notifications (source_event_id, user_id);
create index notifications_tenant_id_user_id_created_at_idx on notifications (tenant_id, user_id, created_at);
select platform.tenant_table('notifications', 'identity_app', 'select, insert, update');

create table notification_deliveries (
  id uuid primary key,
  tenant_id uuid not null references tenants (id),
  notification_id uuid not null references notifications (id),
  -- email | webhook | wechat | sms
  channel text not null check (channel in ('email', 'webhook', 'wechat', 'sms')),
  -- An e-mail address, or a webhook endpoint's id.
  target text not null,
  -- pending (to send at next_attempt_at) | sent | failed (gave up) | skipped (channel not configured)
  state text not null default 'pending' check (state in ('pending', 'sent', 'failed', 'skipped')),
  -- Held for the person's daily digest rather than sent on its own.
  digest boolean not null default false,
  attempts integer not null default 0,
  next_attempt_at timestamptz(3) not null default now(),
  last_error text not null default '',
  sent_at timestamptz(3),
  created_at timestamptz(3) not null default now()
);
create unique index notification_deliveries_notification_id_channel_target_key
  on notification_deliveries (notification_id, channel, target);
create index notification_deliveries_state_next_attempt_at_idx on notification_deliveries (tenant_id, state, next_attempt_at);
select platform.tenant_table('notification_deliveries', 'identity_app', 'select, insert, update');

create table notification_preferences (
  tenant_id uuid not null references tenants (id),
  user_id uuid not null references people (id),
  channels jsonb not null default '{}',
  quiet_from text,
  quiet_until text,
  daily_digest boolean not null default false,
  updated_at timestamptz(3) not null default now(),
  primary key (tenant_id, user_id)
);
select platform.tenant_table('notification_preferences', 'identity_app', 'select, insert, update');

create table notification_settings (
  tenant_id uuid primary key references tenants (id),
  smtp_host text,
  smtp_port integer not null default 25,
  smtp_tls boolean not null default false,
  smtp_from text not null default '',
  updated_at timestamptz(3) not null default now()
);
select platform.tenant_table('notification_settings', 'identity_app', 'select, insert, update');

create table webhook_endpoints (
  id uuid primary key,
  tenant_id uuid not null references tenants (id),
  url text not null,
  secret text not null,
  kinds text[] not null,
  active boolean not null default true,
  created_by uuid not null,
  created_at timestamptz(3) not null default now()
);
select platform.tenant_table('webhook_endpoints', 'identity_app', 'select, insert, update');
