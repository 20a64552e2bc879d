import { databaseConfig, env, sharedConfig } from '@dangjian/kit/config';

export const learningConfigSpec = {
  ...sharedConfig,
  ...databaseConfig,
  HEALTH_PORT: env.int({ default: 3103, min: 0, max: 65535 }),
};
