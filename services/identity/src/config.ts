import { databaseConfig, env, sharedConfig } from '@dangjian/kit/config';

export const identityConfigSpec = {
  ...sharedConfig,
  ...databaseConfig,
  HEALTH_PORT: env.int({ default: 3101, min: 0, max: 65535 }),
  /** Which directory holds logins: the embedded OpenID provider or Keycloak's admin API. */
  IDENTITY_PROVIDER: env.oneOf(['embedded', 'keycloak'] as const, { default: 'embedded' }),
  OIDC_PORT: env.int({ default: 8080, min: 0, max: 65535 }),
  OIDC_ISSUER: env.url({ default: 'http://localhost:8080/realms/dangjian', protocols: ['http', 'https'] }),
  /** Where the console may be sent back after login (comma-separated). */
  CONSOLE_REDIRECT_URIS: env.string({ default: 'http://localhost:5173/,http://localhost:3000/console/' }),
  /** Keys that sign the provider's cookies (comma-separated); random per start if not given. */
  OIDC_COOKIE_KEYS: env.optionalString(),
  KEYCLOAK_URL: env.optionalString(),
  KEYCLOAK_ADMIN_CLIENT_ID: env.optionalString(),
  KEYCLOAK_ADMIN_CLIENT_SECRET: env.optionalString(),
};
