import { create } from '@bufbuild/protobuf';
import { BrandingSchema, TenantSchema, TenantStatus, TenantType, type Tenant } from '@dangjian/contracts';
import type { Tenant as TenantRow } from '../generated/prisma/client.js';
import type { TenantTypeName } from './tenant-presets.js';

const typeToProto: Record<string, TenantType> = {
  enterprise: TenantType.ENTERPRISE,
  university: TenantType.UNIVERSITY,
  county: TenantType.COUNTY,
};

export function tenantTypeName(type: TenantType): TenantTypeName | undefined {
  return (Object.entries(typeToProto).find(([, value]) => value === type)?.[0] as TenantTypeName) ?? undefined;
}

export function tenantStatusName(status: TenantStatus): 'active' | 'suspended' | undefined {
  if (status === TenantStatus.ACTIVE) return 'active';
  if (status === TenantStatus.SUSPENDED) return 'suspended';
  return undefined;
}

export function toTenantMessage(row: TenantRow): Tenant {
  return create(TenantSchema, {
    id: row.id,
    slug: row.slug,
    name: row.name,
    type: typeToProto[row.type] ?? TenantType.UNSPECIFIED,
    status: row.status === 'suspended' ? TenantStatus.SUSPENDED : TenantStatus.ACTIVE,
    modules: row.modules,
    branding: create(BrandingSchema, {
      displayName: row.displayName,
      logoUrl: row.logoUrl,
      primaryColour: row.primaryColour,
    }),
    realm: row.realm,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  });
}
