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
  /** Form posts and token requests one address may send the embedded provider a minute (decision 0038). */
  OIDC_POSTS_PER_MINUTE: env.int({ default: 300, min: 1, max: 1_000_000 }),
  /** Addresses that limit does not count (addresses, IPv4 prefixes). */
  RATE_LIMIT_EXEMPT: env.string({ default: '' }),
  KEYCLOAK_URL: env.optionalString(),
  KEYCLOAK_ADMIN_CLIENT_ID: env.optionalString(),
  KEYCLOAK_ADMIN_CLIENT_SECRET: env.optionalString(),
  /** How often due notifications are sent, and the first retry's delay (doubling after each failure). */
  NOTIFY_DELIVERY_EVERY_MS: env.int({ default: 5000, min: 100, max: 3_600_000 }),
  NOTIFY_RETRY_BASE_MS: env.int({ default: 30_000, min: 100, max: 3_600_000 }),
  /**
   * Whether a tenant's mail relay or webhook may be inside the platform's own network (loopback,
   * private addresses): on a single machine and in tests yes; in production no, unless the operator
   * says so.
   */
  NOTIFY_ALLOW_PRIVATE_TARGETS: env.oneOf(['auto', 'true', 'false'] as const, { default: 'auto' }),
  /** WeChat subscription messages (decision 0025): all three, or none. Templates: JSON, per kind. */
  WECHAT_APP_ID: env.optionalString(),
  WECHAT_APP_SECRET: env.optionalString(),
  WECHAT_TEMPLATES: env.optionalString(),
  WECHAT_API_BASE: env.optionalString(),
  WECHAT_PAGE: env.optionalString(),
  /** Text messages through Tencent Cloud SMS: all of these, or none; NOTIFY_CONTACT_KEY seals the numbers. */
  SMS_SECRET_ID: env.optionalString(),
  SMS_SECRET_KEY: env.optionalString(),
  SMS_SDK_APP_ID: env.optionalString(),
  SMS_SIGN_NAME: env.optionalString(),
  SMS_TEMPLATES: env.optionalString(),
  SMS_REGION: env.optionalString(),
  SMS_API_BASE: env.optionalString(),
  NOTIFY_CONTACT_KEY: env.optionalString(),
};
