import type { ModuleName } from '@dangjian/contracts';

export type TenantTypeName = 'enterprise' | 'university' | 'county';

/**
 * What a new tenant of each type gets (architecture.md, Tenancy: type presets). Modules are the
 * four services; feature flags (`feature:*`) switch on type-specific workflows inside them.
 * Operators change both per tenant afterwards.
 */
export const TENANT_TYPE_PRESETS: Record<TenantTypeName, readonly string[]> = {
  enterprise: ['organisation', 'learning', 'disclosure', 'supervision', 'feature:dues-by-salary'],
  university: [
    'organisation',
    'learning',
    'disclosure',
    'feature:student-pipeline',
    'feature:graduation-transfers',
  ],
  county: [
    'organisation',
    'learning',
    'disclosure',
    'supervision',
    'feature:appeals',
    'feature:micro-wishes',
    'feature:grid-branches',
  ],
} satisfies Record<TenantTypeName, readonly (ModuleName | `feature:${string}`)[]>;

export const KNOWN_MODULES: readonly string[] = [
  ...new Set(Object.values(TENANT_TYPE_PRESETS).flat()),
].sort();
