import type { Access } from '../http/resource.js';

/** Tenant admins and secretaries (a secretary within their organisations), where the organisation module is on. */
export const ORGANISATION_STAFF = {
  tenant: ['tenant-admin', 'secretary'],
  module: 'organisation',
} as const satisfies Access;

/** Tenant admins only, where the organisation module is on. */
export const ORGANISATION_ADMINS = {
  tenant: ['tenant-admin'],
  module: 'organisation',
} as const satisfies Access;

/** A tenant's admins, whatever modules it has. */
export const TENANT_ADMINS = { tenant: ['tenant-admin'] } as const satisfies Access;

/**
 * Everyone with a role in the tenant, in their own space (党员e家): what they reach there is their own
 * member record, found by their login, so the role only decides that they are a person of the tenant.
 */
export const MEMBER_SPACE = {
  tenant: ['tenant-admin', 'secretary', 'inspector', 'member'],
  module: 'organisation',
} as const satisfies Access;

/** Those who build courses, question banks, exams and plans, where the learning module is on. */
export const LEARNING_STAFF = {
  tenant: ['tenant-admin', 'secretary'],
  module: 'learning',
} as const satisfies Access;

/** Tenant admins only, where the learning module is on: the tenant's learning policies (points, discussion). */
export const LEARNING_ADMINS = {
  tenant: ['tenant-admin'],
  module: 'learning',
} as const satisfies Access;

/** Everyone of the tenant studying in their own space (党员e家 · 学习), where the learning module is on. */
export const MY_LEARNING = {
  tenant: ['tenant-admin', 'secretary', 'inspector', 'member'],
  module: 'learning',
} as const satisfies Access;

/** Tenant admins and secretaries (a secretary within their organisations), where disclosure is on. */
export const DISCLOSURE_STAFF = {
  tenant: ['tenant-admin', 'secretary'],
  module: 'disclosure',
} as const satisfies Access;

/** Tenant admins only, where disclosure is on: the tenant's categories. */
export const DISCLOSURE_ADMINS = {
  tenant: ['tenant-admin'],
  module: 'disclosure',
} as const satisfies Access;

/** Everyone of the tenant reading what is published to them (党员e家 · 党务公开). */
export const MY_DISCLOSURES = {
  tenant: ['tenant-admin', 'secretary', 'inspector', 'member'],
  module: 'disclosure',
} as const satisfies Access;
