import type { Prisma } from '../generated/prisma/client.js';
import type { OrganisationTx } from '../db/organisation-database.js';
import type { OrganisationRowWithCount } from './organisation-mapper.js';

export interface OrganisationListQuery {
  offset: number;
  limit: number;
  sortField: 'name' | 'code' | 'kind' | 'depth' | 'createdAt';
  descending: boolean;
  text?: string;
  parentId?: string;
  /** Subtree paths the caller may see (a secretary's scope); undefined: the whole tree. */
  withinPaths?: string[];
  kind?: string;
  rootsOnly?: boolean;
  ids?: string[];
  includeDissolved?: boolean;
}

/** The paths no other path of the list contains (a scope's tops). */
export function topmostPaths(paths: string[]): string[] {
  return paths.filter((path) => !paths.some((other) => other !== path && path.startsWith(other)));
}

const withChildCount = { _count: { select: { children: { where: { status: 'active' } } } } } as const;

/** The tenant's organisation tree (row-level security scopes every query to the tenant). */
export class OrganisationsRepository {
  async list(
    tx: OrganisationTx,
    query: OrganisationListQuery,
  ): Promise<{ rows: OrganisationRowWithCount[]; total: number }> {
    const where: Prisma.OrganisationWhereInput = {
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.parentId ? { parentId: query.parentId } : {}),
      // The tops of what the caller sees: the tree's roots, or — for a secretary — their scope's organisations.
      ...(query.rootsOnly
        ? query.withinPaths
          ? { path: { in: topmostPaths(query.withinPaths) } }
          : { parentId: null }
        : {}),
      ...(query.ids ? { id: { in: query.ids } } : {}),
      ...(query.ids || query.includeDissolved ? {} : { status: 'active' }),
      ...(query.withinPaths ? { OR: query.withinPaths.map((path) => ({ path: { startsWith: path } })) } : {}),
      ...(query.text
        ? { AND: [{ OR: [{ name: { contains: query.text } }, { code: { contains: query.text } }] }] }
        : {}),
    };
    const [rows, total] = await Promise.all([
      tx.organisation.findMany({
        where,
        include: withChildCount,
        orderBy: [{ [query.sortField]: query.descending ? 'desc' : 'asc' }, { path: 'asc' }],
        skip: query.offset,
        take: query.limit,
      }),
      tx.organisation.count({ where }),
    ]);
    return { rows, total };
  }

  findById(tx: OrganisationTx, id: string): Promise<OrganisationRowWithCount | null> {
    return tx.organisation.findUnique({ where: { id }, include: withChildCount });
  }

  pathsOf(tx: OrganisationTx, ids: string[]): Promise<{ id: string; path: string }[]> {
    return tx.organisation.findMany({ where: { id: { in: ids } }, select: { id: true, path: true } });
  }

  codeTaken(tx: OrganisationTx, code: string, exceptId?: string): Promise<boolean> {
    return tx.organisation
      .count({ where: { code, ...(exceptId ? { NOT: { id: exceptId } } : {}) } })
      .then((n) => n > 0);
  }

  insert(
    tx: OrganisationTx,
    data: Prisma.OrganisationUncheckedCreateInput,
  ): Promise<OrganisationRowWithCount> {
    return tx.organisation.create({ data, include: withChildCount });
  }

  update(
    tx: OrganisationTx,
    id: string,
    data: Prisma.OrganisationUncheckedUpdateInput,
  ): Promise<OrganisationRowWithCount> {
    return tx.organisation.update({
      where: { id },
      data: { ...data, updatedAt: new Date() },
      include: withChildCount,
    });
  }

  /** Re-roots a subtree in one statement: every path under the old prefix gets the new one. */
  async moveSubtree(
    tx: OrganisationTx,
    oldPath: string,
    newPath: string,
    depthDelta: number,
  ): Promise<number> {
    return tx.$executeRawUnsafe(
      `update organisations set path = $2 || substr(path, length($1) + 1), depth = depth + $3, updated_at = now()
       where path like $1 || '%'`,
      oldPath,
      newPath,
      depthDelta,
    );
  }

  recordChange(
    tx: OrganisationTx,
    change: {
      id: string;
      tenantId: string;
      organisationId: string;
      changedBy: string;
      change: string;
      detail: object;
    },
  ) {
    return tx.organisationChange.create({ data: change });
  }
}
