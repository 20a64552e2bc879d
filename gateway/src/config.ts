import { env, sharedConfig } from '@dangjian/kit/config';

export const gatewayConfigSpec = {
  ...sharedConfig,
  PORT: env.int({ default: 3000, min: 0, max: 65535 }),
  HOST: env.string({ default: '0.0.0.0' }),
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
  /** Origins allowed to call the API from a browser (comma-separated). */
  CORS_ORIGINS: env.string({ default: 'http://localhost:5173,http://localhost:3000' }),
};
