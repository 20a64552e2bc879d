import { databaseConfig, env, sharedConfig } from '@dangjian/kit/config';

export const organisationConfigSpec = {
  ...sharedConfig,
  ...databaseConfig,
  HEALTH_PORT: env.int({ default: 3102, min: 0, max: 65535 }),
};
