import type { Principal } from '@dangjian/contracts';

/**
 * Whose supervision records a member of staff reads: a tenant admin (or an operator) all of the
 * tenant's; a secretary those of their organisations and the ones below them — a record keeps the
 * path of its organisation, root first, so "below" is "the path names one of mine".
 */
export const isTenantAdmin = (p: Principal): boolean =>
  p.platformOperator || p.roles.includes('tenant-admin');

/** Whether the principal is staff of the organisation at the end of this path. */
export const isStaffOf = (p: Principal, pathIds: readonly string[]): boolean =>
  isTenantAdmin(p) || (p.roles.includes('secretary') && pathIds.some((o) => p.organisationScope.includes(o)));

/** The same as a filter on a table with `organisationPathIds`: nothing for admins. */
export const pathsInScope = (p: Principal): { organisationPathIds?: { hasSome: string[] } } =>
  isTenantAdmin(p) ? {} : { organisationPathIds: { hasSome: p.organisationScope } };
