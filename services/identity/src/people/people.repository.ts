import type { Person } from '../generated/prisma/client.js';
import type { IdentityTx } from '../db/identity-database.js';

export type PersonWithRoles = Person & { roles: string[]; organisationScope: string[] };

/** People (logins) and their per-tenant memberships. Membership rows are under row-level security. */
export class PeopleRepository {
  findByUsername(tx: IdentityTx, username: string): Promise<Person | null> {
    return tx.person.findUnique({ where: { username } });
  }

  findById(tx: IdentityTx, id: string): Promise<Person | null> {
    return tx.person.findUnique({ where: { id } });
  }

  insert(tx: IdentityTx, person: Omit<Person, 'createdAt' | 'wechatOpenid'>): Promise<Person> {
    return tx.person.create({ data: person });
  }

  update(tx: IdentityTx, id: string, data: { displayName?: string; email?: string }): Promise<Person> {
    return tx.person.update({ where: { id }, data });
  }

  /** Members of the transaction's tenant (row-level security does the scoping). */
  async listMembers(
    tx: IdentityTx,
    query: {
      offset: number;
      limit: number;
      sortField: 'username' | 'displayName' | 'createdAt';
      descending: boolean;
      text?: string;
      role?: string;
    },
  ): Promise<{ rows: PersonWithRoles[]; total: number }> {
    const where = {
      ...(query.role ? { roles: { has: query.role } } : {}),
      ...(query.text
        ? {
            person: {
              OR: [
                { username: { contains: query.text, mode: 'insensitive' as const } },
                { displayName: { contains: query.text, mode: 'insensitive' as const } },
              ],
            },
          }
        : {}),
    };
    const [rows, total] = await Promise.all([
      tx.membership.findMany({
        where,
        include: { person: true },
        orderBy: [{ person: { [query.sortField]: query.descending ? 'desc' : 'asc' } }, { personId: 'asc' }],
        skip: query.offset,
        take: query.limit,
      }),
      tx.membership.count({ where }),
    ]);
    return {
      rows: rows.map((m) => ({ ...m.person, roles: m.roles, organisationScope: m.organisationScope })),
      total,
    };
  }

  async findMember(tx: IdentityTx, tenantId: string, personId: string): Promise<PersonWithRoles | null> {
    const membership = await tx.membership.findUnique({
      where: { tenantId_personId: { tenantId, personId } },
      include: { person: true },
    });
    return membership
      ? { ...membership.person, roles: membership.roles, organisationScope: membership.organisationScope }
      : null;
  }

  upsertMembership(
    tx: IdentityTx,
    tenantId: string,
    personId: string,
    roles: string[],
    organisationScope: string[],
  ) {
    return tx.membership.upsert({
      where: { tenantId_personId: { tenantId, personId } },
      create: { tenantId, personId, roles, organisationScope },
      update: { roles, organisationScope, updatedAt: new Date() },
    });
  }

  deleteMembership(tx: IdentityTx, tenantId: string, personId: string) {
    return tx.membership.delete({ where: { tenantId_personId: { tenantId, personId } } });
  }

  /** A person's memberships in every tenant: needs `app.person_id` set to that person. */
  myMemberships(tx: IdentityTx, personId: string) {
    return tx.membership.findMany({
      where: { personId },
      include: { tenant: true },
      orderBy: { tenant: { slug: 'asc' } },
    });
  }
}
