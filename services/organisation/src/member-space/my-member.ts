import { requirePrincipal, RuleViolatedError } from '@dangjian/kit';
import type { OrganisationTx } from '../db/organisation-database.js';

/**
 * The caller's own member record in the request's tenant, found by their login and never by an id
 * they name: everything in the member's space starts here. A person without one is told how to get
 * it linked (a login is linked to a record by the secretary, or by a transfer that moved it).
 */
export async function myMember(tx: OrganisationTx) {
  const { member, userId } = await findMyMember(tx);
  if (!member) throw new RuleViolatedError('no-member-record');
  return { member, userId };
}

/** The caller's own record, or none (the home page says how to get one linked). */
export async function findMyMember(tx: OrganisationTx) {
  const principal = requirePrincipal();
  const member = await tx.member.findFirst({
    where: { userId: principal.userId, status: { not: 'removed' } },
    include: { organisation: { select: { id: true, name: true, path: true } } },
    // One login, one record per tenant in practice; were there two, the newer is the one in use.
    orderBy: { createdAt: 'desc' },
  });
  return { member: member ?? undefined, userId: principal.userId };
}

export type MyMemberRow = NonNullable<Awaited<ReturnType<typeof findMyMember>>['member']>;
