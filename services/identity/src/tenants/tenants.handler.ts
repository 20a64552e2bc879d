import { TenantService } from '@dangjian/contracts';
import type {
  CreateTenantRequest,
  FindTenantBySlugRequest,
  GetTenantRequest,
  ListTenantsRequest,
  UpdateTenantRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { TenantsUseCases } from './tenants.use-cases.js';

/** Tenants' RPCs. */
@Controller()
export class TenantsHandler implements RpcHandlers<typeof TenantService> {
  constructor(@Inject(TenantsUseCases) private readonly tenants: TenantsUseCases) {}

  @RpcMethod(TenantService.method.listTenants)
  listTenants(request: ListTenantsRequest) {
    return this.tenants.list(request);
  }

  @RpcMethod(TenantService.method.getTenant)
  async getTenant(request: GetTenantRequest) {
    return { tenant: await this.tenants.get(request.id) };
  }

  @RpcMethod(TenantService.method.findTenantBySlug)
  async findTenantBySlug(request: FindTenantBySlugRequest) {
    return { tenant: await this.tenants.findBySlug(request.slug) };
  }

  @RpcMethod(TenantService.method.createTenant)
  async createTenant(request: CreateTenantRequest) {
    return { tenant: await this.tenants.create(request) };
  }

  @RpcMethod(TenantService.method.updateTenant)
  async updateTenant(request: UpdateTenantRequest) {
    return { tenant: await this.tenants.update(request) };
  }
}
