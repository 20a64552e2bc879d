import {
  SortOrder,
  TENANT_ROLES,
  isTenantRole,
  type CreateUserRequest,
  type ListUsersRequest,
  type UpdateUserRequest,
  type User,
} from '@dangjian/contracts';
import { NotFoundError, RuleViolatedError, Validator, isUuid, pageWindow, requireRole, requireTenant, type TenantId } from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { IdentityDatabase } from '../db/identity-database.js';
import type { IdentityDirectory } from '../directory/identity-directory.js';
import { DEMO_PASSWORDS, hashPassword } from './password-hash.js';
import { writeMembershipChanged } from './membership-events.js';
import { PeopleRepository } from './people.repository.js';
import { toUserMessage } from './user-mapper.js';

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,62}[a-z0-9]$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SORTABLE = ['username', 'displayName', 'createdAt'] as const;

/** Tenant admins manage the people of their tenant and their roles there. */
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
    new Validator()
      .check(SORTABLE.includes(sortField), 'sort', `must be one of ${SORTABLE.join(', ')}`)
      .check(!request.role || isTenantRole(request.role), 'filter.role', `must be one of ${TENANT_ROLES.join(', ')}`)
      .throwIfInvalid();
    const { rows, total } = await this.db.database.inRequestTenant((tx) =>
      this.people.listMembers(tx, {
        offset: pageWindow(request.page).skip,
        limit: pageWindow(request.page).take,
        sortField,
        descending: request.page?.sortOrder === SortOrder.DESC,
        text: request.query.trim() || undefined,
        role: request.role || undefined,
      }),
    );
    return { users: rows.map((row) => toUserMessage(row, row.roles, row.organisationScope)), total };
  }

  async get(id: string): Promise<User> {
    requireRole('tenant-admin');
    const tenantId = requireTenant();
    const member = await this.db.database.inTenant(tenantId, (tx) => this.people.findMember(tx, tenantId, id));
    if (!member) throw new NotFoundError('user', id);
    return toUserMessage(member, member.roles, member.organisationScope);
  }

  async create(request: CreateUserRequest): Promise<User> {
    requireRole('tenant-admin');
    const tenantId = requireTenant();
    this.validateCommon(request.roles, request.email, request.organisationScope);
    new Validator()
      .check(USERNAME.test(request.username), 'username', 'must be 3–64 lowercase letters, digits, dots, hyphens or underscores')
      .throwIfInvalid();
    const { user, created } = await this.db.database.inTenant(tenantId, async (tx) => {
      let person = await this.people.findByUsername(tx, request.username);
      let created = false;
      if (!person) {
        new Validator()
          .check(request.displayName.trim().length > 0, 'displayName', 'is required for a new person')
          .check(request.password.length >= 8, 'password', 'must be at least 8 characters')
          .throwIfInvalid();
        this.refuseDemoPassword(request.password);
        person = await this.people.insert(tx, {
          id: randomUUID(),
          username: request.username,
          displayName: request.displayName.trim(),
          email: request.email,
          passwordHash: await hashPassword(request.password),
          platformOperator: false,
        });
        created = true;
      }
      const roles = request.roles.length > 0 ? [...new Set(request.roles)] : ['member'];
      const scope = [...new Set(request.organisationScope)];
      await this.people.upsertMembership(tx, tenantId, person.id, roles, scope);
      await writeMembershipChanged(tx, tenantId, person.id, roles);
      return { user: toUserMessage(person, roles, scope), created };
    });
    const slug = await this.tenantSlug(tenantId);
    if (created) await this.directory.personCreated({ ...user, password: request.password });
    await this.directory.membershipChanged({ tenantSlug: slug, username: user.username, member: true });
    return user;
  }

  async update(request: UpdateUserRequest): Promise<User> {
    requireRole('tenant-admin');
    const tenantId = requireTenant();
    this.validateCommon(request.rolesSet ? request.roles : [], request.email ?? '', request.organisationScopeSet ? request.organisationScope : []);
    new Validator()
      .check(request.displayName === undefined || request.displayName.trim().length > 0, 'displayName', 'must not be empty')
      .check(!request.rolesSet || request.roles.length > 0, 'roles', 'must hold at least one role')
      .throwIfInvalid();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const member = await this.people.findMember(tx, tenantId, request.id);
      if (!member) throw new NotFoundError('user', request.id);
      const person =
        request.displayName !== undefined || request.email !== undefined
          ? await this.people.update(tx, member.id, {
              ...(request.displayName !== undefined ? { displayName: request.displayName.trim() } : {}),
              ...(request.email !== undefined ? { email: request.email } : {}),
            })
          : member;
      const roles = request.rolesSet ? [...new Set(request.roles)] : member.roles;
      const scope = request.organisationScopeSet ? [...new Set(request.organisationScope)] : member.organisationScope;
      if (request.rolesSet || request.organisationScopeSet) {
        await this.people.upsertMembership(tx, tenantId, member.id, roles, scope);
        await writeMembershipChanged(tx, tenantId, member.id, roles);
      }
      return toUserMessage(person, roles, scope);
    });
  }

  async remove(id: string): Promise<{ id: string }> {
    const principal = requireRole('tenant-admin');
    const tenantId = requireTenant();
    if (principal.userId === id) throw new RuleViolatedError('self-removal', 'a tenant admin cannot remove their own membership');
    const username = await this.db.database.inTenant(tenantId, async (tx) => {
      const member = await this.people.findMember(tx, tenantId, id);
      if (!member) throw new NotFoundError('user', id);
      await this.people.deleteMembership(tx, tenantId, id);
      await writeMembershipChanged(tx, tenantId, id, []);
      return member.username;
    });
    await this.directory.membershipChanged({ tenantSlug: await this.tenantSlug(tenantId), username, member: false });
    return { id };
  }

  private validateCommon(roles: string[], email: string, organisationScope: string[]): void {
    new Validator()
      .check(roles.every(isTenantRole), 'roles', `must be among ${TENANT_ROLES.join(', ')}`)
      .check(organisationScope.every((id) => isUuid(id)), 'organisationScope', 'must hold organisation ids')
      .check(!email || EMAIL.test(email), 'email', 'must be an e-mail address')
      .throwIfInvalid();
  }

  private refuseDemoPassword(password: string): void {
    if (this.production && DEMO_PASSWORDS.includes(password)) {
      throw new RuleViolatedError('demo-password', 'the demo password is refused in production');
    }
  }


  private async tenantSlug(tenantId: TenantId): Promise<string> {
    const tenant = await this.db.database.platform((tx) => tx.tenant.findUnique({ where: { id: tenantId } }));
    return tenant?.slug ?? '';
  }
}
