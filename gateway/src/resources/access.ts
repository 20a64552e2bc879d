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

/** Tenant admins and secretaries handling citizens' appeals, where supervision is on. */
export const SUPERVISION_STAFF = {
  tenant: ['tenant-admin', 'secretary'],
  module: 'supervision',
} as const satisfies Access;

/** Tenant admins only, where supervision is on: the appeal categories and their deadlines. */
export const SUPERVISION_ADMINS = {
  tenant: ['tenant-admin'],
  module: 'supervision',
} as const satisfies Access;

/**
 * The tenant's inspectors (纪检委员), the only ones who read whistle-blowing reports (rules.md §7).
 * A platform operator passes this gate as every tenant route's; the supervision service refuses them.
 */
export const INSPECTORS = {
  tenant: ['inspector'],
  module: 'supervision',
} as const satisfies Access;

/** Inspectors and tenant admins: the audit of who read which report (not the reports). */
export const REPORT_AUDITORS = {
  tenant: ['tenant-admin', 'inspector'],
  module: 'supervision',
} as const satisfies Access;

/** Everyone of the tenant, where supervision is on: micro-wishes to claim, and their rankings. */
export const SUPERVISION_EVERYONE = {
  tenant: ['tenant-admin', 'secretary', 'inspector', 'member'],
  module: 'supervision',
} as const satisfies Access;
