import { create } from '@bufbuild/protobuf';
import {
  BrandingSchema,
  TENANT_TYPE,
  TenantSchema,
  TenantStatus,
  TenantType,
  type Tenant,
} from '@dangjian/contracts';
import type { Tenant as TenantRow } from '../generated/prisma/client.js';

export function toTenantMessage(row: TenantRow): Tenant {
  return create(TenantSchema, {
    id: row.id,
    slug: row.slug,
    name: row.name,
    type: TENANT_TYPE.valueOf(row.type) ?? TenantType.UNSPECIFIED,
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
