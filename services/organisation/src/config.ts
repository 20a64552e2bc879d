import { databaseConfig, env, piiConfig, sharedConfig } from '@dangjian/kit/config';

export const organisationConfigSpec = {
  ...sharedConfig,
  ...databaseConfig,
  HEALTH_PORT: env.int({ default: 3102, min: 0, max: 65535 }),
  // ID-card numbers and phones are sealed under tenant keys wrapped by the master key (decision 0041).
  ...piiConfig,
  /** How often interrupted import jobs are looked for and resumed (tests shorten it). */
  IMPORT_RESUME_EVERY_MS: env.int({ default: 60_000, min: 1_000, max: 3_600_000 }),
  // The daily jobs (self-withdrawal check, letter reminders) first run this long after start, the dues
  // month run after half of it: a restart loop does not hammer them, and a test run sets it beyond its end.
  SCHEDULED_JOBS_FIRST_AFTER_MS: env.int({ default: 600_000, min: 1_000, max: 86_400_000 }),
};
