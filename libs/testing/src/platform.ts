import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface TestPlatform {
  gatewayUrl: string;
  issuer: string;
  natsUrl: string;
  /** The test platform's namespace on NATS (PLATFORM_NAMESPACE). */
  namespace: string;
  adminDatabaseUrl: string;
  databases: Record<string, { admin: string; app: string; outbox: string }>;
  /** Prometheus scrape address of each process, by name (gateway, identity, …). */
  metricsUrls: Record<string, string>;
}

/** What the global setup started for this run (test-output/platform.json). */
export function testPlatform(): TestPlatform {
  if (process.env['DJ_TEST_PLATFORM']) return JSON.parse(process.env['DJ_TEST_PLATFORM']) as TestPlatform;
  const file = fileURLToPath(new URL('../../../test-output/platform.json', import.meta.url));
  return JSON.parse(readFileSync(file, 'utf8')) as TestPlatform;
}
