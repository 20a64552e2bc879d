import type { Prisma, Tenant as TenantRow } from '../generated/prisma/client.js';
import type { IdentityTx } from '../db/identity-database.js';

export interface TenantListQuery {
  offset: number;
  limit: number;
  sortField: 'slug' | 'name' | 'type' | 'status' | 'createdAt';
  descending: boolean;
  text?: string;
  status?: string;
  type?: string;
}

/** The tenant registry (a platform table: no tenant_id, no row-level security). */
export class TenantsRepository {
  async list(tx: IdentityTx, query: TenantListQuery): Promise<{ rows: TenantRow[]; total: number }> {
    const where: Prisma.TenantWhereInput = {
      ...(query.status ? { status: query.status } : {}),
      ...(query.type ? { type: query.type } : {}),
      ...(query.text
        ? {
            OR: [
              { slug: { contains: query.text, mode: 'insensitive' } },
              { name: { contains: query.text, mode: 'insensitive' } },
            ],
          }
        : {}),
    };
    const [rows, total] = await Promise.all([
      tx.tenant.findMany({
        where,
        orderBy: [{ [query.sortField]: query.descending ? 'desc' : 'asc' }, { id: 'asc' }],
        skip: query.offset,
        take: query.limit,
      }),
      tx.tenant.count({ where }),
    ]);
    return { rows, total };
  }

  findById(tx: IdentityTx, id: string): Promise<TenantRow | null> {
    return tx.tenant.findUnique({ where: { id } });
  }

  findBySlug(tx: IdentityTx, slug: string): Promise<TenantRow | null> {
    return tx.tenant.findUnique({ where: { slug } });
  }

  insert(tx: IdentityTx, data: Prisma.TenantCreateInput): Promise<TenantRow> {
    return tx.tenant.create({ data });
  }

  update(tx: IdentityTx, id: string, data: Prisma.TenantUpdateInput): Promise<TenantRow> {
    return tx.tenant.update({ where: { id }, data: { ...data, updatedAt: new Date() } });
  }
}
