import type { ManagedProcess } from './processes.mjs';

export interface StartPlatformOptions {
  adminDatabaseUrl: string;
  natsUrl: string;
  /** The platform's namespace on NATS; `dangjian` when not given. */
  namespace?: string;
  databasePrefix: string;
  gatewayPort?: number;
  oidcPort?: number;
  seed?: boolean;
  env?: Record<string, string>;
  logDir: string;
  echo?: boolean;
  consoleDist?: string;
  nodeEnv?: string;
  extraRedirects?: string[];
  /** base64 of 32 bytes; a fresh one per start when not given */
  piiMasterKey?: string;
  /** Node flags for every service and the gateway (`npm start` keeps V8's young generation small). */
  nodeArgs?: string[];
}

export interface RunningPlatform {
  gatewayUrl: string;
  issuer: string;
  namespace: string;
  databases: Record<string, { admin: string; app: string; outbox: string }>;
  processes: (ManagedProcess & { env: Record<string, string>; healthUrl?: string; metricsUrl?: string })[];
  stop(): Promise<void>;
}

export function startPlatform(options: StartPlatformOptions): Promise<RunningPlatform>;
