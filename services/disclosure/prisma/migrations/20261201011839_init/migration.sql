-- Disclosure service: the outbox and the inbox of processed events, from the platform's shared SQL
-- (libs/kit/src/db/platform-migrations.ts). Roles disclosure_app and disclosure_outbox are provisioned outside migrations.
select platform.outbox('disclosure');
