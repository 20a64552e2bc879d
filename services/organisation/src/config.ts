import { databaseConfig, env, sharedConfig } from '@dangjian/kit/config';

export const organisationConfigSpec = {
  ...sharedConfig,
  ...databaseConfig,
  HEALTH_PORT: env.int({ default: 3102, min: 0, max: 65535 }),
  /** Wraps each tenant's keys for personal data (ID-card numbers, phones). Keep it out of the database. */
  PII_MASTER_KEY: env.base64Key(32),
  /** While the master key changes: older (or next) master keys, comma-separated, that still unwrap but
   * never wrap (decision 0041). Empty once `rotate-keys master` has re-wrapped every tenant's keys. */
  PII_ACCEPTED_MASTER_KEYS: env.matching(
    /^$|^[A-Za-z0-9+/]{43}=(,[A-Za-z0-9+/]{43}=)*$/,
    'comma-separated 32-byte keys, base64',
    { default: '' },
  ),
  /** How long a tenant's unwrapped keys are kept in memory; `rotate-keys tenant` waits as long. */
  PII_KEY_CACHE_MS: env.int({ default: 60_000, min: 0, max: 3_600_000 }),
  /** How often interrupted import jobs are looked for and resumed (tests shorten it). */
  IMPORT_RESUME_EVERY_MS: env.int({ default: 60_000, min: 1_000, max: 3_600_000 }),
  // The daily jobs (self-withdrawal check, letter reminders) first run this long after start, the dues
  // month run after half of it: a restart loop does not hammer them, and a test run sets it beyond its end.
  SCHEDULED_JOBS_FIRST_AFTER_MS: env.int({ default: 600_000, min: 1_000, max: 86_400_000 }),
};
