import { isUuid, NotFoundError } from '@dangjian/kit';
import type { OrganisationTx } from '../db/organisation-database.js';
import type { Member } from '../generated/prisma/client.js';
import type { TreeAccess } from '../access/tree-access.js';

/** A member the caller may see: 404 when unknown (or not an id), 403 outside the caller's subtree. */
export async function readableMember(
  tx: OrganisationTx,
  access: TreeAccess,
  id: string,
): Promise<Member & { organisation: { path: string } }> {
  if (!isUuid(id)) throw new NotFoundError('member', id);
  const row = await tx.member.findUnique({
    where: { id },
    include: { organisation: { select: { path: true } } },
  });
  if (!row) throw new NotFoundError('member', id);
  await access.requireWithin(tx, row.organisation.path);
  return row;
}
