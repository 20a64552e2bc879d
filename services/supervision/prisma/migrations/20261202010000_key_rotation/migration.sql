-- Decision 0041: generations of the tenant's keys for personal data (the shared SQL: platform-migrations.ts).
select platform.tenant_key_generations();
