import { databaseConfig, env, piiConfig, sharedConfig } from '@dangjian/kit/config';

export const supervisionConfigSpec = {
  ...sharedConfig,
  ...databaseConfig,
  HEALTH_PORT: env.int({ default: 3105, min: 0, max: 65535 }),
  // Citizens' names and phones, and a reporter's name when given, are sealed under tenant keys.
  ...piiConfig,
  SCHEDULED_JOBS_FIRST_AFTER_MS: env.int({ default: 600_000, min: 1_000, max: 86_400_000 }),
};
