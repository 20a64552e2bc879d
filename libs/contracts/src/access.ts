/** Role and module names are part of the contract between the gateway, the services and the console. */
export const TENANT_ROLES = ['tenant-admin', 'secretary', 'inspector', 'member'] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

/** Realm role of the people who run the platform (not a tenant role). */
export const PLATFORM_OPERATOR = 'platform-operator';

export const MODULES = ['organisation', 'learning', 'disclosure', 'supervision'] as const;
export type ModuleName = (typeof MODULES)[number];

export function isTenantRole(value: string): value is TenantRole {
  return (TENANT_ROLES as readonly string[]).includes(value);
}
