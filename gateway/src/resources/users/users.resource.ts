import { TENANT_ROLES, UserService } from '@dangjian/contracts';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { TENANT_ADMINS } from '../access.js';
import { checkOrganisationScope } from './organisation-scope.js';
import { UpdateUserDto, UserView } from './user.dto.js';

/**
 * Tenant admins: the people of their tenant and their roles there. People join by invitation
 * (the invitations resource); nobody is added here by username (issue 11).
 */
export const UsersResource = bindResource({
  path: 'users',
  routes: {
    list: list({
      rpc: UserService.method.listUsers,
      summary: 'The people of the tenant and their roles',
      access: TENANT_ADMINS,
      sort: ['username', 'displayName', 'createdAt'],
      filters: { q: filterOf.text, role: filterOf.oneOf(TENANT_ROLES) },
      request: ({ q, ...rest }: { q?: string; role?: string }) => ({ ...rest, query: q }),
      items: 'users',
      filterExample: '{"q":"zhang","role":"secretary"}',
    }),
    get: call({
      rpc: UserService.method.getUser,
      method: 'GET',
      path: ':id',
      summary: 'One person of the tenant',
      access: TENANT_ADMINS,
      reply: 'user',
      response: UserView,
    }),
    update: call({
      rpc: UserService.method.updateUser,
      method: 'PUT',
      path: ':id',
      summary: 'Change a person’s name, e-mail, roles or (for a secretary) organisation scope',
      access: TENANT_ADMINS,
      body: UpdateUserDto,
      // A secretary's scope names organisations of this tenant only (issue 11).
      before: async (rpc, { body }) => checkOrganisationScope(rpc, body.organisationScope),
      request: ({ params, body }) => ({
        id: params['id'],
        displayName: body.displayName,
        email: body.email,
        roles: body.roles,
        rolesSet: body.roles !== undefined,
        organisationScope: body.organisationScope,
        organisationScopeSet: body.organisationScope !== undefined,
      }),
      reply: 'user',
      response: UserView,
    }),
    remove: call({
      rpc: UserService.method.removeUser,
      method: 'DELETE',
      path: ':id',
      summary: 'End a person’s membership of this tenant (their login and other memberships stay)',
      access: TENANT_ADMINS,
      reply: ({ id }) => ({ id }),
    }),
  },
});
