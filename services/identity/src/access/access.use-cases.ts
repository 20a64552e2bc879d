import { create } from '@bufbuild/protobuf';
import {
  TenantMembershipSchema,
  TenantStatus,
  type GetMeResponse,
  type ResolveAccessResponse,
} from '@dangjian/contracts';
import { NotFoundError, requirePrincipal, UnauthenticatedError } from '@dangjian/kit';
import type { IdentityDatabase } from '../db/identity-database.js';
import { PeopleRepository } from '../people/people.repository.js';
import { toUserMessage } from '../people/user-mapper.js';
import { toTenantMessage } from '../tenants/tenant-mapper.js';

/** Who the caller is and what they may do: the gateway's source of per-tenant roles. */
export class AccessUseCases {
  private readonly people = new PeopleRepository();

  constructor(private readonly db: IdentityDatabase) {}

  async me(): Promise<Omit<GetMeResponse, '$typeName'>> {
    const principal = requirePrincipal();
    return this.db.database.platform(
      async (tx) => {
        const person = await this.people.findById(tx, principal.userId);
        if (!person) throw new UnauthenticatedError('unknown person');
        const memberships = await this.people.myMemberships(tx, person.id);
        return {
          user: toUserMessage(person, principal.roles),
          memberships: memberships.map((m) =>
            create(TenantMembershipSchema, {
              tenantId: m.tenantId,
              slug: m.tenant.slug,
              name: m.tenant.name,
              roles: m.roles,
              status: m.tenant.status === 'suspended' ? TenantStatus.SUSPENDED : TenantStatus.ACTIVE,
              modules: m.tenant.modules,
            }),
          ),
        };
      },
      { 'app.person_id': principal.userId },
    );
  }

  /** The tenant behind a slug and the caller's roles in it (none if not a member). */
  async resolve(tenantSlug: string): Promise<Omit<ResolveAccessResponse, '$typeName'>> {
    const principal = requirePrincipal();
    return this.db.database.platform(
      async (tx) => {
        const tenant = await tx.tenant.findUnique({ where: { slug: tenantSlug } });
        if (!tenant) throw new NotFoundError('tenant', tenantSlug);
        const membership = await tx.membership.findUnique({
          where: { tenantId_personId: { tenantId: tenant.id, personId: principal.userId } },
        });
        return {
          tenant: toTenantMessage(tenant),
          member: membership !== null,
          roles: membership?.roles ?? [],
          organisationScope: membership?.organisationScope ?? [],
        };
      },
      { 'app.person_id': principal.userId },
    );
  }

  /** Claims for tokens: realm roles and the tenants (Keycloak organizations) the person belongs to. */
  async tokenClaims(personId: string): Promise<{
    username: string;
    name: string;
    email: string;
    realmRoles: string[];
    organizations: string[];
  } | null> {
    return this.db.database.platform(
      async (tx) => {
        const person = await this.people.findById(tx, personId);
        if (!person) return null;
        const memberships = await this.people.myMemberships(tx, personId);
        return {
          username: person.username,
          name: person.displayName,
          email: person.email,
          realmRoles: person.platformOperator ? ['platform-operator'] : [],
          organizations: memberships.map((m) => m.tenant.slug),
        };
      },
      { 'app.person_id': personId },
    );
  }
}
