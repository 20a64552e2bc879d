import { create } from '@bufbuild/protobuf';
import {
  ErrorCode,
  TenantContextSchema,
  TenantService,
  TenantStatus,
  type Tenant,
} from '@dangjian/contracts';
import { RemoteError, type RequestContext, type RpcClient } from '@dangjian/kit';
import type { FastifyReply } from 'fastify';
import { TtlCache } from '../auth/access-cache.js';
import type { GatewayRequest } from '../auth/access.guard.js';

/**
 * What a tenant's public pages (the disclosure portal, supervision's forms) share: the tenant they
 * belong to, the context a page's calls carry (a tenant, no principal), and an HTML answer.
 */
export class PublicTenants {
  private readonly tenants = new TtlCache<Tenant | null>(30_000);

  constructor(
    private readonly rpc: RpcClient,
    private readonly module: string,
  ) {}

  /** The tenant whose pages these are: active, with the module on; null otherwise. */
  async of(request: GatewayRequest): Promise<Tenant | null> {
    const slug = request.tenantSlug;
    if (!slug || request.tenantConflict) return null;
    return this.tenants.getOrLoad(slug, {}, async () => {
      try {
        const { tenant } = await this.rpc.call(TenantService.method.findTenantBySlug, { slug });
        return tenant && tenant.status === TenantStatus.ACTIVE && tenant.modules.includes(this.module)
          ? tenant
          : null;
      } catch (error) {
        if (error instanceof RemoteError && error.code === ErrorCode.NOT_FOUND) return null;
        throw error;
      }
    });
  }
}

/** A public page's calls: the tenant, and no one. */
export function publicContext(request: GatewayRequest, tenant: Tenant): RequestContext {
  return {
    requestId: String(request.id),
    tenant: create(TenantContextSchema, { tenantId: tenant.id, slug: tenant.slug }),
  };
}

export function htmlReply(reply: FastifyReply, status: number, html: string | Buffer, cacheable = false) {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', cacheable ? 'public, max-age=10' : 'no-store')
    .send(html);
}
