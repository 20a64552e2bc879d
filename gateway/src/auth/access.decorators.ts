import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader } from '@nestjs/swagger';
import type { ModuleName, TenantRole } from '@dangjian/contracts';
import { EdgeRoute } from '../http/body-limits.js';

/** What a route needs. Every route declares one (the lint rule `dangjian/route-access` enforces it). */
export type RouteAccess =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'platform' }
  | { kind: 'tenant'; roles: readonly TenantRole[]; module?: ModuleName };

export const ROUTE_ACCESS = 'dangjian:route-access';

/**
 * No login: only what citizens do, and health. Fastify's route configuration says so too, so the
 * edge counts such a request against its address's limit even when it carries a token.
 */
export const Public = () =>
  applyDecorators(
    SetMetadata(ROUTE_ACCESS, { kind: 'public' } satisfies RouteAccess),
    EdgeRoute({ public: true }),
  );

/** Any valid token, no tenant (e.g. who am I). */
export const Authenticated = () =>
  applyDecorators(
    SetMetadata(ROUTE_ACCESS, { kind: 'authenticated' } satisfies RouteAccess),
    ApiBearerAuth(),
  );

/** Platform operators only; no tenant. */
export const PlatformOperatorOnly = () =>
  applyDecorators(SetMetadata(ROUTE_ACCESS, { kind: 'platform' } satisfies RouteAccess), ApiBearerAuth());

/** A tenant's route: the caller must hold one of the roles there (platform operators pass). */
export const TenantRoles = (roles: readonly TenantRole[], options: { module?: ModuleName } = {}) =>
  applyDecorators(
    SetMetadata(ROUTE_ACCESS, { kind: 'tenant', roles, ...options } satisfies RouteAccess),
    ApiBearerAuth(),
    ApiHeader({
      name: 'X-Tenant',
      required: false,
      description: 'tenant slug (or host <slug>.<base domain>, or path /t/<slug>/)',
    }),
  );
