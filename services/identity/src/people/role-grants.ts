import { TENANT_ROLES, isTenantRole, type Principal } from '@dangjian/contracts';
import { ForbiddenError, RuleViolatedError, Validator, isUuid } from '@dangjian/kit';

/*
 * Who may give which tenant roles to whom: the one place that decides (decision 0016). Every path
 * that writes a membership's roles — editing a user, inviting, accepting an invitation — asks here.
 */

export interface RoleGrant {
  /** Who grants: the principal of the request (or, on acceptance, the inviter recorded then). */
  grantor: Pick<Principal, 'userId' | 'roles' | 'platformOperator'>;
  /** Whose roles change; unknown yet for an invitation nobody has accepted. */
  granteeId?: string;
  roles: readonly string[];
  organisationScope: readonly string[];
}

export function checkRoleGrant(grant: RoleGrant): void {
  const { grantor, granteeId, roles, organisationScope } = grant;
  if (!grantor.platformOperator && !grantor.roles.includes('tenant-admin')) {
    throw new ForbiddenError('only a tenant admin gives roles in a tenant');
  }
  // Nobody changes their own roles: a demoted or removed admin cannot restore itself, and an admin
  // cannot accept their own invitation.
  if (granteeId !== undefined && granteeId === grantor.userId) {
    throw new RuleViolatedError(
      'self-grant',
      'nobody gives or changes roles of their own; ask another tenant admin',
    );
  }
  const secretary = roles.includes('secretary');
  new Validator()
    .check(roles.length > 0, 'roles', 'roles_required')
    .check(roles.every(isTenantRole), 'roles', 'not_one_of', { allowed: TENANT_ROLES.join(', ') })
    .check(organisationScope.every(isUuid), 'organisationScope', 'not_ids')
    .check(!secretary || organisationScope.length > 0, 'organisationScope', 'secretary_scope_required')
    .check(secretary || organisationScope.length === 0, 'organisationScope', 'scope_only_for_secretaries')
    .throwIfInvalid();
}
