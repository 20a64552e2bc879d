import { env, sharedConfig } from '@dangjian/kit/config';

export const gatewayConfigSpec = {
  ...sharedConfig,
  PORT: env.int({ default: 3000, min: 0, max: 65535 }),
  HOST: env.string({ default: '0.0.0.0' }),
  /** Prometheus scrape (`/metrics`), apart from the public port. */
  METRICS_PORT: env.int({ default: 9464, min: 0, max: 65535 }),
  /** Issuer of accepted tokens: `<auth-server-url>/realms/<realm>` (Keycloak or the embedded provider). */
  OIDC_ISSUER: env.url({ default: 'http://localhost:8080/realms/dangjian', protocols: ['http', 'https'] }),
  /** Tenants are also reached as `<slug>.<BASE_DOMAIN>`. */
  BASE_DOMAIN: env.string({ default: 'localhost' }),
  /** How long a person's roles in a tenant are cached: at most a minute, so role changes apply within one. */
  ACCESS_CACHE_TTL_MS: env.int({ default: 30_000, min: 0, max: 60_000 }),
  /** The console's OpenID client (public, authorization code + PKCE). */
  CONSOLE_CLIENT_ID: env.string({ default: 'dangjian-console' }),
  /** Built console to serve at /console (optional). */
  CONSOLE_DIST: env.optionalString(),
  /** How long a rendered public portal page is served without asking again (0: never kept). */
  PORTAL_CACHE_MS: env.int({ default: 10_000, min: 0, max: 300_000 }),
  /** Portal pages not in the cache that one address may ask for a minute. */
  PORTAL_MISSES_PER_MINUTE: env.int({ default: 120, min: 1, max: 100_000 }),
  /** Objections and appraisals one address may send a tenant's portal in an hour. */
  PORTAL_SUBMISSIONS_PER_HOUR: env.int({ default: 10, min: 1, max: 10_000 }),
  /** Appeals and reports one address may file on a tenant's public pages in an hour. */
  PUBLIC_FILINGS_PER_HOUR: env.int({ default: 10, min: 1, max: 1_000_000 }),
  /** Look-ups of an appeal or a report by its code one address may make in a minute. */
  PUBLIC_LOOKUPS_PER_MINUTE: env.int({ default: 20, min: 1, max: 100_000 }),
  /** Requests without a login one address may make a minute (decision 0038). */
  PUBLIC_REQUESTS_PER_MINUTE: env.int({ default: 600, min: 1, max: 1_000_000 }),
  /** Requests without a login all addresses together may make of one tenant a minute. */
  PUBLIC_TENANT_REQUESTS_PER_MINUTE: env.int({ default: 30_000, min: 1, max: 10_000_000 }),
  /** Addresses the limits on requests without a login do not count (addresses, IPv4 prefixes). */
  RATE_LIMIT_EXEMPT: env.string({ default: '' }),
  /** Origins allowed to call the API from a browser (comma-separated). */
  CORS_ORIGINS: env.string({ default: 'http://localhost:5173,http://localhost:3000' }),
};
