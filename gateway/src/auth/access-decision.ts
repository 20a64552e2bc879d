import { PLATFORM_OPERATOR } from '@dangjian/contracts';
import { ForbiddenError, NotFoundError, ValidationError } from '@dangjian/kit';
import type { RouteAccess } from './access.decorators.js';
import type { VerifiedToken } from './token-verifier.js';

export interface TenantAccess {
  tenantId: string;
  slug: string;
  suspended: boolean;
  modules: string[];
  member: boolean;
  roles: string[];
  organisationScope: string[];
}

/**
 * The gateway's access rules in one pure function, so each can be tested on its own:
 * platform routes need the realm role; tenant routes need a known, active tenant with the module
 * enabled, a token that names the tenant, membership, and one of the route's roles.
 */
export function decideAccess(
  access: RouteAccess,
  token: VerifiedToken,
  tenant: TenantAccess | undefined,
): { roles: string[] } {
  const operator = token.realmRoles.includes(PLATFORM_OPERATOR);
  if (access.kind === 'platform' && !operator) throw new ForbiddenError('needs the platform-operator role');
  if (access.kind !== 'tenant') return { roles: [] };
  if (!tenant) throw ValidationError.of('tenant', 'no_tenant');
  if (tenant.suspended) throw new ForbiddenError(`tenant ${tenant.slug} is suspended`);
  if (access.module && !tenant.modules.includes(access.module))
    throw new NotFoundError('module', access.module);
  if (operator) return { roles: tenant.roles };
  if (!token.organizations.includes(tenant.slug) || !tenant.member) {
    throw new ForbiddenError(`not a member of tenant ${tenant.slug}`);
  }
  if (!tenant.roles.some((role) => (access.roles as readonly string[]).includes(role))) {
    throw new ForbiddenError(`needs one of the roles ${access.roles.join(', ')} in ${tenant.slug}`);
  }
  return { roles: tenant.roles };
}
