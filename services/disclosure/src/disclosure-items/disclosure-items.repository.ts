import type { DisclosureTx } from '../db/disclosure-database.js';
import type { DisclosureItem as ItemRow, Prisma } from '../generated/prisma/client.js';

export type ItemWithHistory = ItemRow & {
  events: { action: string; byName: string; note: string; at: Date }[];
};

const withHistory = {
  events: { select: { action: true, byName: true, note: true, at: true }, orderBy: { at: 'asc' } },
} as const;

/** Published to a reader, now: approved and inside the window. */
export function publishedNow(now: Date): Prisma.DisclosureItemWhereInput {
  return { state: 'approved', startsAt: { lte: now }, OR: [{ endsAt: null }, { endsAt: { gt: now } }] };
}

/** Withdrawn after it had been published: its title and reason stay where it was read. */
export const withdrawnAfterPublication: Prisma.DisclosureItemWhereInput = {
  state: 'withdrawn',
  approvedAt: { not: null },
};

/** The only code that touches the disclosure items' tables. */
export class DisclosureItemsRepository {
  find(tx: DisclosureTx, id: string): Promise<ItemWithHistory | null> {
    return tx.disclosureItem.findUnique({ where: { id }, include: withHistory });
  }

  async list(
    tx: DisclosureTx,
    where: Prisma.DisclosureItemWhereInput,
    window: { skip: number; take: number },
    orderBy: Prisma.DisclosureItemOrderByWithRelationInput[] = [{ createdAt: 'desc' }, { id: 'asc' }],
  ): Promise<{ rows: ItemWithHistory[]; total: number }> {
    const [rows, total] = await Promise.all([
      tx.disclosureItem.findMany({ where, include: withHistory, orderBy, ...window }),
      tx.disclosureItem.count({ where }),
    ]);
    return { rows, total };
  }

  async insert(tx: DisclosureTx, data: Prisma.DisclosureItemUncheckedCreateInput): Promise<void> {
    await tx.disclosureItem.create({ data });
  }

  /** Changes an item only at the version read; false when someone changed it in between. */
  async update(
    tx: DisclosureTx,
    id: string,
    version: number,
    data: Prisma.DisclosureItemUncheckedUpdateInput,
  ): Promise<boolean> {
    const { count } = await tx.disclosureItem.updateMany({
      where: { id, version },
      data: { ...data, version: { increment: 1 }, updatedAt: new Date() },
    });
    return count === 1;
  }

  async addEvent(
    tx: DisclosureTx,
    event: {
      id: string;
      tenantId: string;
      itemId: string;
      action: string;
      byUserId: string;
      byName: string;
      note?: string;
    },
  ): Promise<void> {
    await tx.disclosureItemEvent.create({ data: { ...event, note: event.note ?? '' } });
  }
}
