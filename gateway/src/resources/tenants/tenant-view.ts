import { TenantStatus, TenantType, type Tenant } from '@dangjian/contracts';
import type { TenantView } from './tenant.dto.js';

const TYPE_NAMES: Record<TenantType, string> = {
  [TenantType.UNSPECIFIED]: 'unspecified',
  [TenantType.ENTERPRISE]: 'enterprise',
  [TenantType.UNIVERSITY]: 'university',
  [TenantType.COUNTY]: 'county',
};

export const TENANT_TYPE_OF_NAME: Record<string, TenantType> = {
  enterprise: TenantType.ENTERPRISE,
  university: TenantType.UNIVERSITY,
  county: TenantType.COUNTY,
};

export const TENANT_STATUS_OF_NAME: Record<string, TenantStatus> = {
  active: TenantStatus.ACTIVE,
  suspended: TenantStatus.SUSPENDED,
};

export function toTenantView(tenant: Tenant): TenantView {
  return {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    type: TYPE_NAMES[tenant.type],
    status: tenant.status === TenantStatus.SUSPENDED ? 'suspended' : 'active',
    modules: tenant.modules,
    branding: {
      displayName: tenant.branding?.displayName ?? '',
      logoUrl: tenant.branding?.logoUrl ?? '',
      primaryColour: tenant.branding?.primaryColour ?? '',
    },
    realm: tenant.realm,
    createdAt: tenant.createdAt,
    updatedAt: tenant.updatedAt,
  };
}
