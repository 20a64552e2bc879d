import type { TenantDatabase } from '@dangjian/kit';
import type { Person } from '../generated/prisma/client.js';
import type { IdentityTx } from '../db/identity-database.js';
import type { UserFields } from './user-mapper.js';

export type PersonWithRoles = Person & { roles: string[]; organisationScope: string[] };
/** What a list shows of a member: no password hash, no WeChat binding. */
export type ListedMember = UserFields & { roles: string[]; organisationScope: string[] };

/** The columns a sort names (the only text put into the list's SQL). */
const SORT_COLUMNS = { username: 'p.username', displayName: 'p.display_name', createdAt: 'p.created_at' };

interface MemberRow {
  id: string;
  username: string;
  display_name: string;
  email: string;
  platform_operator: boolean;
  created_at: Date;
  roles: string[];
  organisation_scope: string[];
  total: number;
}

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

  /**
   * Members of the request's tenant (row-level security does the scoping): the page and the total in
   * one statement, the person joined in, sent with its transaction in one round trip where Prisma's
   * `findMany` + `include` + `count` in an interactive transaction took five (decision 0040). The
   * total is a scalar subquery, which Postgres runs once: a window count (`count(*) over ()`) kept
   * every matching row, all columns, before the page was cut, and cost Postgres half as much again as
   * the page and a count.
   */
  async listMembers(
    db: TenantDatabase<IdentityTx>,
    query: {
      offset: number;
      limit: number;
      sortField: 'username' | 'displayName' | 'createdAt';
      descending: boolean;
      text?: string;
      role?: string;
    },
  ): Promise<{ rows: ListedMember[]; total: number }> {
    const parameters: unknown[] = [];
    const conditions: string[] = [];
    if (query.role) {
      parameters.push(query.role);
      conditions.push(`$${parameters.length} = any(m.roles)`);
    }
    if (query.text) {
      // A literal match: the user's % and _ are not wildcards.
      parameters.push(`%${query.text.replace(/[\\%_]/g, '\\$&')}%`);
      conditions.push(
        `(p.username ilike $${parameters.length} or p.display_name ilike $${parameters.length})`,
      );
    }
    const where = conditions.length > 0 ? `where ${conditions.join(' and ')}` : '';
    // Every membership has its person (a foreign key): without a text filter the count needs no join.
    const count = countSql(where, Boolean(query.text));
    parameters.push(query.limit, query.offset);
    const rows = await db.readInRequestTenant<MemberRow>(
      `select p.id, p.username, p.display_name, p.email, p.platform_operator, p.created_at, m.roles,
              m.organisation_scope, (${count}) as total
         from memberships m join people p on p.id = m.person_id
         ${where}
        order by ${SORT_COLUMNS[query.sortField]} ${query.descending ? 'desc' : 'asc'}, m.person_id
        limit $${parameters.length - 1} offset $${parameters.length}`,
      parameters,
    );
    // A page past the end has no row to carry the total.
    const total =
      rows[0]?.total ?? (query.offset > 0 ? await countMembers(db, count, parameters.slice(0, -2)) : 0);
    return {
      rows: rows.map((row) => ({
        id: row.id,
        username: row.username,
        displayName: row.display_name,
        email: row.email,
        platformOperator: row.platform_operator,
        createdAt: row.created_at,
        roles: row.roles,
        organisationScope: row.organisation_scope,
      })),
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

const countSql = (where: string, byPerson: boolean) =>
  `select count(*)::int as total from memberships m
     ${byPerson ? 'join people p on p.id = m.person_id' : ''} ${where}`;

async function countMembers(
  db: TenantDatabase<IdentityTx>,
  sql: string,
  parameters: unknown[],
): Promise<number> {
  const [row] = await db.readInRequestTenant<{ total: number }>(sql, parameters);
  return row?.total ?? 0;
}
