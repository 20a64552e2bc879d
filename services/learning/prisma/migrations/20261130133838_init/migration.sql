-- Learning service: the outbox and the inbox of processed events, from the platform's shared SQL
-- (libs/kit/src/db/platform-migrations.ts). Roles learning_app and learning_outbox are provisioned outside migrations.
select platform.outbox('learning');
