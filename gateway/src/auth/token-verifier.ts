import { logger, UnauthenticatedError } from '@dangjian/kit';
import { createRequire } from 'node:module';

/** What the gateway knows about a caller after checking their bearer token. */
export interface VerifiedToken {
  subject: string;
  username: string;
  /** The full name (`name` claim), empty when the provider sends none. */
  displayName: string;
  realmRoles: string[];
  /** Tenant slugs (Keycloak organizations) the token says the person belongs to. */
  organizations: string[];
}

/**
 * The gateway's own interface for token checks. keycloak-connect is deprecated upstream (security
 * fixes only): a plain JWKS verifier can replace it behind this interface.
 */
export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

const INVALID_TOKEN = 'the token is invalid or has expired; log in again';

export interface TokenVerifier {
  verify(bearerToken: string): Promise<VerifiedToken>;
}

interface KeycloakGrant {
  access_token?: { content: Record<string, unknown> };
}

interface KeycloakInstance {
  grantManager: { createGrant(raw: { access_token: string }): Promise<KeycloakGrant> };
}

/**
 * Validates with keycloak-connect's grant manager: RS256 signature against the realm's certs route,
 * issuer, `typ: Bearer`, expiry. Only the configured issuer is ever fetched.
 */
export class KeycloakConnectVerifier implements TokenVerifier {
  private readonly keycloak: KeycloakInstance;

  constructor(issuer: string) {
    const url = new URL(issuer);
    const match = /^(.*)\/realms\/([^/]+)\/?$/.exec(url.pathname);
    if (!match) throw new Error(`OIDC_ISSUER ${issuer} is not <server>/realms/<realm>`);
    const require = createRequire(import.meta.url);
    const Keycloak = require('keycloak-connect') as new (options: object, config: object) => KeycloakInstance;
    this.keycloak = new Keycloak(
      {},
      {
        realm: match[2],
        'auth-server-url': `${url.origin}${match[1]}/`,
        resource: 'dangjian-gateway',
        'bearer-only': true,
        'ssl-required': 'external',
        'confidential-port': 0,
      },
    );
  }

  async verify(bearerToken: string): Promise<VerifiedToken> {
    let grant: KeycloakGrant;
    try {
      grant = await this.keycloak.grantManager.createGrant({ access_token: bearerToken });
    } catch (error) {
      // The verifier's reason stays in the log: the caller learns only that the token was refused.
      logger.debug({ reason: (error as Error).message }, 'token refused');
      throw new UnauthenticatedError(INVALID_TOKEN);
    }
    const content = grant.access_token?.content;
    if (!content || typeof content['sub'] !== 'string') throw new UnauthenticatedError(INVALID_TOKEN);
    const realmAccess = content['realm_access'] as { roles?: unknown } | undefined;
    const organization = content['organization'];
    return {
      subject: content['sub'],
      username: typeof content['preferred_username'] === 'string' ? content['preferred_username'] : '',
      displayName: typeof content['name'] === 'string' ? content['name'] : '',
      realmRoles: Array.isArray(realmAccess?.roles)
        ? realmAccess.roles.filter((r): r is string => typeof r === 'string')
        : [],
      // Keycloak sends a list of aliases, or a map alias → attributes when configured so.
      organizations: Array.isArray(organization)
        ? organization.filter((o): o is string => typeof o === 'string')
        : organization && typeof organization === 'object'
          ? Object.keys(organization)
          : [],
    };
  }
}
