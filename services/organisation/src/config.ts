import { databaseConfig, env, sharedConfig } from '@dangjian/kit/config';

export const organisationConfigSpec = {
  ...sharedConfig,
  ...databaseConfig,
  HEALTH_PORT: env.int({ default: 3102, min: 0, max: 65535 }),
  /** Wraps each tenant's keys for personal data (ID-card numbers, phones). Keep it out of the database. */
  PII_MASTER_KEY: env.base64Key(32),
};
