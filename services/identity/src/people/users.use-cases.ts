import {
  SortOrder,
  type CreateUserRequest,
  type ListUsersRequest,
  type UpdateUserRequest,
  type User,
} from '@dangjian/contracts';
import {
  NotFoundError,
  RuleViolatedError,
  Validator,
  ValidationError,
  pageWindow,
  requirePlatformOperator,
  requireRole,
  requireTenant,
  type TenantId,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { IdentityDatabase } from '../db/identity-database.js';
import type { IdentityDirectory } from '../directory/identity-directory.js';
import { hashPassword } from './password-hash.js';
import { checkNewLogin } from './new-login.js';
import { checkRoleGrant } from './role-grants.js';
import { writeMembershipChanged } from './membership-events.js';
import { PeopleRepository } from './people.repository.js';
import { toUserMessage } from './user-mapper.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SORTABLE = ['username', 'displayName', 'createdAt'] as const;

/** Tenant admins see the people of their tenant and manage their roles there (decision 0016). */
export class UsersUseCases {
  private readonly people = new PeopleRepository();

  constructor(
    private readonly db: IdentityDatabase,
    private readonly directory: IdentityDirectory,
    private readonly production: boolean,
  ) {}

  async list(request: ListUsersRequest): Promise<{ users: User[]; total: number }> {
    requireRole('tenant-admin');
    const sortField = (request.page?.sortField || 'username') as (typeof SORTABLE)[number];
    // The filter was validated at the edge; the sort is this query's own.
    new Validator()
      .check(SORTABLE.includes(sortField), 'sort', 'not_one_of', { allowed: SORTABLE.join(', ') })
      .throwIfInvalid();
    const { rows, total } = await this.people.listMembers(this.db.database, {
      offset: pageWindow(request.page).skip,
      limit: pageWindow(request.page).take,
      sortField,
      descending: request.page?.sortOrder === SortOrder.DESC,
      text: request.query?.trim() || undefined,
      role: request.role,
    });
    return { users: rows.map((row) => toUserMessage(row, row.roles, row.organisationScope)), total };
  }

  async get(id: string): Promise<User> {
    requireRole('tenant-admin');
    const tenantId = requireTenant();
    const member = await this.db.database.inTenant(tenantId, (tx) =>
      this.people.findMember(tx, tenantId, id),
    );
    if (!member) throw new NotFoundError('user', id);
    return toUserMessage(member, member.roles, member.organisationScope);
  }

  /**
   * Platform operators only (scripts, a tenant's first admin): a person new to the platform, with an
   * initial password. Tenants add people by invitation, which tells them nothing about other logins.
   */
  async create(request: CreateUserRequest): Promise<User> {
    const principal = requirePlatformOperator();
    const tenantId = requireTenant();
    const roles = [...new Set(request.roles.length > 0 ? request.roles : ['member'])];
    const scope = [...new Set(request.organisationScope)];
    checkNewLogin(
      { username: request.username, password: request.password, displayName: request.displayName },
      this.production,
    );
    new Validator()
      .check(!request.email || EMAIL.test(request.email), 'email', 'not_an_email')
      .throwIfInvalid();
    checkRoleGrant({ grantor: principal, roles, organisationScope: scope });
    const person = {
      id: randomUUID(),
      username: request.username,
      displayName: request.displayName.trim(),
      email: request.email,
      passwordHash: await hashPassword(request.password),
      platformOperator: false,
    };
    const user = await this.db.database.inTenant(tenantId, async (tx) => {
      if (await this.people.findByUsername(tx, request.username)) {
        throw ValidationError.of('username', 'taken');
      }
      const inserted = await this.people.insert(tx, person);
      await this.people.upsertMembership(tx, tenantId, inserted.id, roles, scope);
      await writeMembershipChanged(tx, tenantId, inserted.id, roles);
      return toUserMessage(inserted, roles, scope);
    });
    await this.directory.personCreated({ ...person, password: request.password });
    await this.directory.membershipChanged({
      tenantSlug: await this.tenantSlug(tenantId),
      username: user.username,
      member: true,
    });
    return user;
  }

  /**
   * A tenant changes only what is the tenant's: the person's roles and secretary scope there. Name
   * and e-mail belong to the person, who may be a member of other tenants too: a change is refused.
   */
  async update(request: UpdateUserRequest): Promise<User> {
    const principal = requireRole('tenant-admin');
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const member = await this.people.findMember(tx, tenantId, request.id);
      if (!member) throw new NotFoundError('user', request.id);
      new Validator()
        .check(
          request.displayName === undefined || request.displayName.trim() === member.displayName,
          'displayName',
          'person_owned',
        )
        .check(request.email === undefined || request.email === member.email, 'email', 'person_owned')
        .throwIfInvalid();
      if (!request.rolesSet && !request.organisationScopeSet)
        return toUserMessage(member, member.roles, member.organisationScope);
      const roles = request.rolesSet ? [...new Set(request.roles)] : member.roles;
      // A person who stops being a secretary keeps no scope unless one is given.
      const scope = request.organisationScopeSet
        ? [...new Set(request.organisationScope)]
        : roles.includes('secretary')
          ? member.organisationScope
          : [];
      checkRoleGrant({ grantor: principal, granteeId: member.id, roles, organisationScope: scope });
      await this.people.upsertMembership(tx, tenantId, member.id, roles, scope);
      await writeMembershipChanged(tx, tenantId, member.id, roles);
      return toUserMessage(member, roles, scope);
    });
  }

  async remove(id: string): Promise<{ id: string }> {
    const principal = requireRole('tenant-admin');
    const tenantId = requireTenant();
    if (principal.userId === id)
      throw new RuleViolatedError('self-removal', 'a tenant admin cannot remove their own membership');
    const username = await this.db.database.inTenant(tenantId, async (tx) => {
      const member = await this.people.findMember(tx, tenantId, id);
      if (!member) throw new NotFoundError('user', id);
      await this.people.deleteMembership(tx, tenantId, id);
      await writeMembershipChanged(tx, tenantId, id, []);
      return member.username;
    });
    await this.directory.membershipChanged({
      tenantSlug: await this.tenantSlug(tenantId),
      username,
      member: false,
    });
    return { id };
  }

  private async tenantSlug(tenantId: TenantId): Promise<string> {
    const tenant = await this.db.database.platform((tx) => tx.tenant.findUnique({ where: { id: tenantId } }));
    return tenant?.slug ?? '';
  }
}
