-- Supervision service: the outbox and the inbox of processed events, from the platform's shared SQL
-- (libs/kit/src/db/platform-migrations.ts). Roles supervision_app and supervision_outbox are provisioned outside migrations.
select platform.outbox('supervision');
