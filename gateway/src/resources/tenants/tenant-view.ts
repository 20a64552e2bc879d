import { TENANT_TYPE, TenantStatus, type Tenant } from '@dangjian/contracts';
import type { TenantView } from './tenant.dto.js';

export function toTenantView(tenant: Tenant): TenantView {
  return {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    type: TENANT_TYPE.nameOf(tenant.type) ?? 'unspecified',
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
