import { databaseConfig, env, sharedConfig } from '@dangjian/kit/config';

export const supervisionConfigSpec = {
  ...sharedConfig,
  ...databaseConfig,
  HEALTH_PORT: env.int({ default: 3105, min: 0, max: 65535 }),
  // Citizens' names and phones, and a reporter's name when given, are sealed under tenant keys.
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
  SCHEDULED_JOBS_FIRST_AFTER_MS: env.int({ default: 600_000, min: 1_000, max: 86_400_000 }),
};
