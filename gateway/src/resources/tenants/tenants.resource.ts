import { TenantService } from '@dangjian/contracts';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { CreateTenantDto, TENANT_STATUSES, TENANT_TYPES, TenantView, UpdateTenantDto } from './tenant.dto.js';
import { toTenantView } from './tenant-view.js';

/** Platform operators administer tenants: list, create, edit, suspend, modules. */
export const TenantsResource = bindResource({
  path: 'tenants',
  routes: {
    list: list({
      rpc: TenantService.method.listTenants,
      summary: 'Every tenant on the platform',
      access: 'platform',
      sort: ['createdAt', 'slug', 'name', 'type', 'status'],
      filters: {
        q: filterOf.text,
        status: filterOf.oneOf(TENANT_STATUSES),
        type: filterOf.oneOf(TENANT_TYPES),
      },
      request: ({ q, ...rest }: { q?: string; status?: string; type?: string }) => ({ ...rest, query: q }),
      items: 'tenants',
      view: toTenantView,
      filterExample: '{"q":"acme","status":"active","type":"enterprise"}',
    }),
    get: call({
      rpc: TenantService.method.getTenant,
      method: 'GET',
      path: ':id',
      summary: 'One tenant',
      access: 'platform',
      reply: 'tenant',
      view: toTenantView,
      response: TenantView,
    }),
    create: call({
      rpc: TenantService.method.createTenant,
      method: 'POST',
      summary: 'Onboard a tenant (its first admin is invited separately)',
      access: 'platform',
      body: CreateTenantDto,
      reply: 'tenant',
      view: toTenantView,
      response: TenantView,
    }),
    update: call({
      rpc: TenantService.method.updateTenant,
      method: 'PUT',
      path: ':id',
      summary: 'Change a tenant: its name, branding, modules; suspend or reactivate it',
      access: 'platform',
      body: UpdateTenantDto,
      // PUT carries the whole branding (an absent field is cleared); modules change only when sent.
      request: ({ params, body: { name, status, modules, branding } }) => ({
        id: params['id'],
        name,
        status,
        modules,
        modulesSet: modules !== undefined,
        branding,
      }),
      reply: 'tenant',
      view: toTenantView,
      response: TenantView,
    }),
  },
});
