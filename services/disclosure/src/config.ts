import { databaseConfig, env, sharedConfig } from '@dangjian/kit/config';

export const disclosureConfigSpec = {
  ...sharedConfig,
  ...databaseConfig,
  HEALTH_PORT: env.int({ default: 3104, min: 0, max: 65535 }),
};
