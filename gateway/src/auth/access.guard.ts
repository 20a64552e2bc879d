import { create } from '@bufbuild/protobuf';
import {
  ErrorCode,
  PLATFORM_OPERATOR,
  PrincipalSchema,
  TenantContextSchema,
  TenantStatus,
  AccessService,
} from '@dangjian/contracts';
import {
  NotFoundError,
  RemoteError,
  RpcClient,
  UnauthenticatedError,
  ValidationError,
  type RequestContext,
} from '@dangjian/kit';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { TtlCache } from './access-cache.js';
import { decideAccess, type TenantAccess } from './access-decision.js';
import { ROUTE_ACCESS, type RouteAccess } from './access.decorators.js';
import { TOKEN_VERIFIER, type TokenVerifier, type VerifiedToken } from './token-verifier.js';

export const ACCESS_CACHE = Symbol('ACCESS_CACHE');

export type GatewayRequest = FastifyRequest & {
  tenantSlug?: string;
  /** Host, header and path named different tenants: refused on tenant routes. */
  tenantConflict?: string[];
  requestContext?: RequestContext;
  /** Set when the token was checked before the body was read (file uploads). */
  verifiedToken?: VerifiedToken;
};

/** Methods that change nothing: only these may be decided on cached access. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Authentication, tenant and role checks for every route, before any controller runs. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(ACCESS_CACHE) private readonly cache: TtlCache<TenantAccess>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    // Fail closed: a route that declares nothing is refused (lint keeps this from happening).
    if (!access) throw new Error(`route ${request.url} declares no access`);
    const requestId = String(request.id);
    if (access.kind === 'public') {
      request.requestContext = { requestId };
      return true;
    }
    const token = request.verifiedToken ?? (await this.verifier.verify(bearerToken(request)));
    const operator = token.realmRoles.includes(PLATFORM_OPERATOR);
    if (access.kind === 'tenant' && request.tenantConflict) {
      const named = request.tenantConflict.join(', ');
      throw ValidationError.of('tenant', 'tenant_conflict', { named });
    }
    // A change is never decided on cached access: a role taken away stops writes at once (issue 11).
    const fresh = !SAFE_METHODS.has(request.method);
    const tenant =
      access.kind === 'tenant' && request.tenantSlug
        ? await this.tenantAccess(requestId, token.subject, request.tenantSlug, fresh)
        : undefined;
    const { roles } = decideAccess(access, token, tenant);
    request.requestContext = {
      requestId,
      ...(tenant
        ? { tenant: create(TenantContextSchema, { tenantId: tenant.tenantId, slug: tenant.slug }) }
        : {}),
      principal: create(PrincipalSchema, {
        userId: token.subject,
        username: token.username,
        displayName: token.displayName,
        roles,
        platformOperator: operator,
        organisationScope: tenant?.organisationScope ?? [],
      }),
    };
    return true;
  }

  /** The tenant and the caller's roles there, from the identity service (cached ≤ 1 minute for reads). */
  private tenantAccess(
    requestId: string,
    subject: string,
    slug: string,
    fresh: boolean,
  ): Promise<TenantAccess> {
    return this.cache.getOrLoad(`${subject}\u0000${slug}`, { fresh }, async () => {
      try {
        const answer = await this.rpc.call(
          AccessService.method.resolveAccess,
          { tenantSlug: slug },
          {
            context: { requestId, principal: create(PrincipalSchema, { userId: subject }) },
          },
        );
        const t = answer.tenant!;
        return {
          tenantId: t.id,
          slug: t.slug,
          suspended: t.status === TenantStatus.SUSPENDED,
          modules: t.modules,
          member: answer.member,
          roles: answer.roles,
          organisationScope: answer.organisationScope,
        };
      } catch (error) {
        if (error instanceof RemoteError && error.code === ErrorCode.NOT_FOUND)
          throw new NotFoundError('tenant', slug);
        throw error;
      }
    });
  }
}

export function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (match) return match[1]!;
  const query = (request.query ?? {}) as Record<string, unknown>;
  if (request.method === 'GET' && TOKEN_IN_QUERY_ROUTES.has(request.routeOptions.url ?? '')) {
    if (typeof query['access_token'] === 'string') return query['access_token'];
  }
  throw new UnauthenticatedError('a bearer token is required');
}

/**
 * Routes a media element reads (`<video src>`, `<audio src>`, a PDF viewer), which cannot send a
 * header: the token may come as `access_token` in the query (RFC 6750 §2.3), there and nowhere
 * else. Logs carry the route pattern, never the URL with its query.
 */
const TOKEN_IN_QUERY_ROUTES = new Set(['/api/v1/media/:id']);
