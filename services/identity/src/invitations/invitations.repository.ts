import type { IdentityTx } from '../db/identity-database.js';
import type { Invitation } from '../generated/prisma/client.js';

export type InvitationRow = Invitation;

/** Invitations of a tenant; the only code that touches the `invitations` table. */
export class InvitationsRepository {
  insert(
    tx: IdentityTx,
    row: Omit<
      Invitation,
      'createdAt' | 'updatedAt' | 'failedAttempts' | 'acceptedBy' | 'acceptedAt' | 'status'
    >,
  ) {
    return tx.invitation.create({ data: row });
  }

  /** In the transaction's tenant (row-level security scopes it). */
  findById(tx: IdentityTx, id: string): Promise<InvitationRow | null> {
    return tx.invitation.findUnique({ where: { id } });
  }

  /** Needs `app.invitation_code_hash` set to this hash when no tenant is known yet. */
  findByCodeHash(tx: IdentityTx, codeHash: string) {
    return tx.invitation.findUnique({ where: { codeHash }, include: { tenant: true } });
  }

  async list(
    tx: IdentityTx,
    query: {
      offset: number;
      limit: number;
      descending: boolean;
      status?: 'pending' | 'accepted' | 'revoked' | 'expired';
    },
  ) {
    const now = new Date();
    const where =
      query.status === 'expired'
        ? { status: 'pending', expiresAt: { lte: now } }
        : query.status === 'pending'
          ? { status: 'pending', expiresAt: { gt: now } }
          : query.status
            ? { status: query.status }
            : {};
    const [rows, total] = await Promise.all([
      tx.invitation.findMany({
        where,
        orderBy: [{ createdAt: query.descending ? 'desc' : 'asc' }, { id: 'asc' }],
        skip: query.offset,
        take: query.limit,
      }),
      tx.invitation.count({ where }),
    ]);
    return { rows, total };
  }

  /** Claims a pending, unexpired invitation for a person; false when someone else was first. */
  async markAccepted(tx: IdentityTx, id: string, personId: string): Promise<boolean> {
    const now = new Date();
    const { count } = await tx.invitation.updateMany({
      where: { id, status: 'pending', expiresAt: { gt: now } },
      data: { status: 'accepted', acceptedBy: personId, acceptedAt: now, updatedAt: now },
    });
    return count === 1;
  }

  markRevoked(tx: IdentityTx, id: string) {
    return tx.invitation.update({ where: { id }, data: { status: 'revoked', updatedAt: new Date() } });
  }

  /** One more failed activation; the code stops working after `limit`. */
  countFailure(tx: IdentityTx, id: string, limit: number) {
    return tx.$executeRaw`update invitations set failed_attempts = failed_attempts + 1,
      status = case when failed_attempts + 1 >= ${limit} then 'revoked' else status end, updated_at = now()
      where id = ${id}::uuid`;
  }
}
