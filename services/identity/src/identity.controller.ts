import { IdentityService } from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import type {
  CreateTenantRequest, CreateUserRequest, FindTenantBySlugRequest, GetMeRequest, GetTenantRequest, GetUserRequest,
  HealthRequest, ListTenantsRequest, ListUsersRequest, RemoveUserRequest, ResolveAccessRequest, UpdateTenantRequest, UpdateUserRequest,
} from '@dangjian/contracts';
import { AccessUseCases } from './access/access.use-cases.js';
import { IdentityDatabase } from './db/identity-database.js';
import { UsersUseCases } from './people/users.use-cases.js';
import { TenantsUseCases } from './tenants/tenants.use-cases.js';

/** One line per method: decode is done by @RpcMethod, the use case does the work. */
@Controller()
export class IdentityController implements RpcHandlers<typeof IdentityService> {
  constructor(
    @Inject(TenantsUseCases) private readonly tenants: TenantsUseCases,
    @Inject(UsersUseCases) private readonly users: UsersUseCases,
    @Inject(AccessUseCases) private readonly access: AccessUseCases,
    @Inject(IdentityDatabase) private readonly db: IdentityDatabase,
  ) {}

  @RpcMethod(IdentityService.method.listTenants)
  listTenants(request: ListTenantsRequest) {
    return this.tenants.list(request);
  }

  @RpcMethod(IdentityService.method.getTenant)
  async getTenant(request: GetTenantRequest) {
    return { tenant: await this.tenants.get(request.id) };
  }

  @RpcMethod(IdentityService.method.findTenantBySlug)
  async findTenantBySlug(request: FindTenantBySlugRequest) {
    return { tenant: await this.tenants.findBySlug(request.slug) };
  }

  @RpcMethod(IdentityService.method.createTenant)
  async createTenant(request: CreateTenantRequest) {
    return { tenant: await this.tenants.create(request) };
  }

  @RpcMethod(IdentityService.method.updateTenant)
  async updateTenant(request: UpdateTenantRequest) {
    return { tenant: await this.tenants.update(request) };
  }

  @RpcMethod(IdentityService.method.listUsers)
  listUsers(request: ListUsersRequest) {
    return this.users.list(request);
  }

  @RpcMethod(IdentityService.method.getUser)
  async getUser(request: GetUserRequest) {
    return { user: await this.users.get(request.id) };
  }

  @RpcMethod(IdentityService.method.createUser)
  async createUser(request: CreateUserRequest) {
    return { user: await this.users.create(request) };
  }

  @RpcMethod(IdentityService.method.updateUser)
  async updateUser(request: UpdateUserRequest) {
    return { user: await this.users.update(request) };
  }

  @RpcMethod(IdentityService.method.removeUser)
  removeUser(request: RemoveUserRequest) {
    return this.users.remove(request.id);
  }

  @RpcMethod(IdentityService.method.getMe)
  getMe(_request: GetMeRequest) {
    return this.access.me();
  }

  @RpcMethod(IdentityService.method.health)
  async health(_request: HealthRequest) {
    const database = await this.db.ping().catch(() => false);
    return { status: database ? 'ok' : 'degraded', database };
  }

  @RpcMethod(IdentityService.method.resolveAccess)
  resolveAccess(request: ResolveAccessRequest) {
    return this.access.resolve(request.tenantSlug);
  }
}
