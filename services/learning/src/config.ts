import { databaseConfig, env, sharedConfig } from '@dangjian/kit/config';

export const learningConfigSpec = {
  ...sharedConfig,
  ...databaseConfig,
  HEALTH_PORT: env.int({ default: 3103, min: 0, max: 65535 }),
  // A heartbeat later than this after the last credits nothing (the tab slept or the person left).
  LEARNING_HEARTBEAT_MAX_GAP_SECONDS: env.int({ default: 30, min: 2, max: 600 }),
  // How often attempts whose time is up are handed in by the server.
  LEARNING_HAND_IN_EVERY_MS: env.int({ default: 30_000, min: 200, max: 3_600_000 }),
};
