import { create } from '@bufbuild/protobuf';
import {
  InvitationSchema,
  InvitationStatus,
  SortOrder,
  type ActivateInvitationRequest,
  type CreateInvitationRequest,
  type Invitation,
  type ListInvitationsRequest,
} from '@dangjian/contracts';
import {
  asTenantId,
  NotFoundError,
  pageWindow,
  requirePrincipal,
  requireRole,
  requireTenant,
  Validator,
  ValidationError,
} from '@dangjian/kit';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IdentityDatabase, IdentityTx } from '../db/identity-database.js';
import type { IdentityDirectory } from '../directory/identity-directory.js';
import { writeMembershipChanged } from '../people/membership-events.js';
import { hashPassword } from '../people/password-hash.js';
import { PeopleRepository } from '../people/people.repository.js';
import { checkNewLogin } from '../people/new-login.js';
import { checkRoleGrant } from '../people/role-grants.js';
import { InvitationsRepository, type InvitationRow } from './invitations.repository.js';

/** How long a code works (configurable later per tenant if anyone asks). */
export const INVITATION_DAYS = 14;
/** Failed activations (a taken username, a refused password) after which a code stops working. */
export const MAX_FAILED_ACTIVATIONS = 10;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Crockford's base32 without I, L, O, U: read aloud or typed from paper without confusion.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A fresh one-time code: 20 characters (100 bits), shown as XXXXX-XXXXX-XXXXX-XXXXX. */
export function newInvitationCode(): string {
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b & 31]).join('');
  return chars.match(/.{5}/g)!.join('-');
}

/** Codes are compared by hash, so typing them in lower case or without dashes works too. */
export function invitationCodeHash(code: string): string {
  const normal = code.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return createHash('sha256').update(normal).digest('hex');
}

function statusOf(row: InvitationRow, now = new Date()): InvitationStatus {
  if (row.status === 'accepted') return InvitationStatus.ACCEPTED;
  if (row.status === 'revoked') return InvitationStatus.REVOKED;
  return row.expiresAt <= now ? InvitationStatus.EXPIRED : InvitationStatus.PENDING;
}

function toInvitationMessage(row: InvitationRow): Invitation {
  return create(InvitationSchema, {
    id: row.id,
    displayName: row.displayName,
    email: row.email,
    roles: row.roles,
    organisationScope: row.organisationScope,
    status: statusOf(row),
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    createdByUsername: row.createdByUsername,
    ...(row.acceptedBy ? { acceptedByUserId: row.acceptedBy } : {}),
    ...(row.acceptedAt ? { acceptedAt: row.acceptedAt.toISOString() } : {}),
  });
}

const STATUS_NAMES: Partial<Record<InvitationStatus, 'pending' | 'accepted' | 'revoked' | 'expired'>> = {
  [InvitationStatus.PENDING]: 'pending',
  [InvitationStatus.ACCEPTED]: 'accepted',
  [InvitationStatus.REVOKED]: 'revoked',
  [InvitationStatus.EXPIRED]: 'expired',
};

/**
 * How a tenant adds a person (decision 0016). The inviting side never learns whether the person has
 * a login: it gets a code to hand over, and sees the person in its user list once they accept.
 */
export class InvitationsUseCases {
  private readonly invitations = new InvitationsRepository();
  private readonly people = new PeopleRepository();

  constructor(
    private readonly db: IdentityDatabase,
    private readonly directory: IdentityDirectory,
    private readonly production: boolean,
  ) {}

  async create(request: CreateInvitationRequest): Promise<{ invitation: Invitation; code: string }> {
    const principal = requireRole('tenant-admin');
    const tenantId = requireTenant();
    const roles = [...new Set(request.roles.length > 0 ? request.roles : ['member'])];
    const scope = [...new Set(request.organisationScope)];
    new Validator()
      .check(request.displayName.trim().length > 0, 'displayName', 'required')
      .check(!request.email || EMAIL.test(request.email), 'email', 'not_an_email')
      .throwIfInvalid();
    checkRoleGrant({ grantor: principal, roles, organisationScope: scope });
    const code = newInvitationCode();
    const row = await this.db.database.inTenant(tenantId, (tx) =>
      this.invitations.insert(tx, {
        id: randomUUID(),
        tenantId,
        codeHash: invitationCodeHash(code),
        displayName: request.displayName.trim(),
        email: request.email ?? '',
        roles,
        organisationScope: scope,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000),
        createdBy: principal.userId,
        createdByUsername: principal.username,
      }),
    );
    return { invitation: toInvitationMessage(row), code };
  }

  async list(request: ListInvitationsRequest): Promise<{ invitations: Invitation[]; total: number }> {
    requireRole('tenant-admin');
    const window = pageWindow(request.page);
    const status = request.status === undefined ? undefined : STATUS_NAMES[request.status];
    const { rows, total } = await this.db.database.inRequestTenant((tx) =>
      this.invitations.list(tx, {
        offset: window.skip,
        limit: window.take,
        descending: request.page?.sortOrder !== SortOrder.ASC,
        status,
      }),
    );
    return { invitations: rows.map(toInvitationMessage), total };
  }

  async revoke(id: string): Promise<Invitation> {
    requireRole('tenant-admin');
    return this.db.database.inRequestTenant(async (tx) => {
      const row = await this.invitations.findById(tx, id);
      if (!row) throw new NotFoundError('invitation', id);
      if (statusOf(row) !== InvitationStatus.PENDING) return toInvitationMessage(row);
      return toInvitationMessage(await this.invitations.markRevoked(tx, id));
    });
  }

  /** What a code holder sees before accepting. An unknown, used, revoked or expired code: not found. */
  async preview(code: string) {
    const row = await this.usable(code);
    return {
      tenantName: row.tenant.name,
      displayName: row.displayName,
      roles: row.roles,
      expiresAt: row.expiresAt.toISOString(),
    };
  }

  /** A person new to the platform creates their login with the code. */
  async activate(
    request: ActivateInvitationRequest,
  ): Promise<{ userId: string; username: string; tenantSlug: string; tenantName: string }> {
    const row = await this.usable(request.code);
    const displayName = (request.displayName ?? row.displayName).trim();
    try {
      checkNewLogin({ username: request.username, password: request.password, displayName }, this.production);
      const taken = await this.db.database.platform((tx) => this.people.findByUsername(tx, request.username));
      if (taken) throw ValidationError.of('username', 'taken');
    } catch (error) {
      // Counted in a transaction of its own (the refusal must not roll it back): a code cannot be
      // used to probe many usernames.
      await this.db.database.inTenant(asTenantId(row.tenantId), (tx) =>
        this.invitations.countFailure(tx, row.id, MAX_FAILED_ACTIVATIONS),
      );
      throw error;
    }
    const person = {
      id: randomUUID(),
      username: request.username,
      displayName,
      email: row.email,
      passwordHash: await hashPassword(request.password),
      platformOperator: false,
    };
    await this.db.database.inTenant(
      asTenantId(row.tenantId),
      async (tx) => {
        await this.people.insert(tx, person);
        await this.join(tx, row, person.id, { roles: [], organisationScope: [] });
      },
      { 'app.invitation_code_hash': row.codeHash },
    );
    await this.directory.personCreated({ ...person, password: request.password });
    await this.directory.membershipChanged({
      tenantSlug: row.tenant.slug,
      username: person.username,
      member: true,
    });
    return {
      userId: person.id,
      username: person.username,
      tenantSlug: row.tenant.slug,
      tenantName: row.tenant.name,
    };
  }

  /** The person of the request, who has a login, joins the inviting tenant. */
  accept(code: string): Promise<{ tenantSlug: string; roles: string[] }> {
    return this.acceptFor(requirePrincipal().userId, code);
  }

  /** A person who has a login joins the inviting tenant (their roles there are the union). */
  async acceptFor(
    personId: string,
    code: string,
  ): Promise<{ tenantSlug: string; tenantName: string; roles: string[] }> {
    const row = await this.usable(code);
    const { roles, username } = await this.db.database.inTenant(
      asTenantId(row.tenantId),
      async (tx) => {
        const person = await this.people.findById(tx, personId);
        if (!person) throw new NotFoundError('person', personId);
        const current = await this.people.findMember(tx, row.tenantId, person.id);
        return {
          roles: await this.join(tx, row, person.id, current ?? { roles: [], organisationScope: [] }),
          username: person.username,
        };
      },
      { 'app.invitation_code_hash': row.codeHash },
    );
    await this.directory.membershipChanged({ tenantSlug: row.tenant.slug, username, member: true });
    return { tenantSlug: row.tenant.slug, tenantName: row.tenant.name, roles };
  }

  /** The membership the invitation gives, granted as the inviter (who may not be the invitee). */
  private async join(
    tx: IdentityTx,
    row: InvitationRow,
    personId: string,
    current: { roles: string[]; organisationScope: string[] },
  ): Promise<string[]> {
    const inviter = await this.people.findMember(tx, row.tenantId, row.createdBy);
    const inviterPerson = inviter ?? (await this.people.findById(tx, row.createdBy));
    checkRoleGrant({
      grantor: {
        userId: row.createdBy,
        roles: inviter?.roles ?? [],
        platformOperator: inviterPerson?.platformOperator ?? false,
      },
      granteeId: personId,
      roles: row.roles,
      organisationScope: row.organisationScope,
    });
    // Claimed first, so two people (or two clicks) racing for one code cannot both join.
    if (!(await this.invitations.markAccepted(tx, row.id, personId)))
      throw new NotFoundError('invitation', 'with this code');
    const roles = [...new Set([...current.roles, ...row.roles])];
    const scope = [...new Set([...current.organisationScope, ...row.organisationScope])];
    await this.people.upsertMembership(tx, row.tenantId, personId, roles, scope);
    await writeMembershipChanged(tx, row.tenantId, personId, roles);
    return roles;
  }

  private async usable(code: string) {
    const codeHash = invitationCodeHash(code);
    const row = await this.db.database.platform((tx) => this.invitations.findByCodeHash(tx, codeHash), {
      'app.invitation_code_hash': codeHash,
    });
    if (!row || statusOf(row) !== InvitationStatus.PENDING)
      throw new NotFoundError('invitation', 'with this code');
    return row;
  }
}
