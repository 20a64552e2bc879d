import { create } from '@bufbuild/protobuf';
import { TransferDestinationSchema, type PageRequest } from '@dangjian/contracts';
import { pageWindow, Validator } from '@dangjian/kit';
import type { OrganisationTx } from '../db/organisation-database.js';
import type { MyMemberRow } from './my-member.js';

/** Kinds a member's relationship sits in. */
const MEMBER_KINDS = ['branch', 'general_branch'];

/**
 * The branches of the tenant a member may ask to move to (names only: what a member would read on a
 * letter), other than their own; the secretary still approves the move.
 */
export async function myTransferDestinations(
  tx: OrganisationTx,
  member: MyMemberRow,
  request: { page?: PageRequest; query?: string },
) {
  const query = request.query?.trim() ?? '';
  new Validator().check(query.length <= 50, 'filter.q', 'too_long', { max: 50 }).throwIfInvalid();
  const where = {
    status: 'active',
    kind: { in: MEMBER_KINDS },
    id: { not: member.organisationId },
    ...(query ? { name: { contains: query } } : {}),
  };
  const [rows, total] = await Promise.all([
    tx.organisation.findMany({
      where,
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      ...pageWindow(request.page),
    }),
    tx.organisation.count({ where }),
  ]);
  const ancestorIds = [...new Set(rows.flatMap((row) => row.path.split('/').filter(Boolean)))];
  const names = new Map(
    (
      await tx.organisation.findMany({ where: { id: { in: ancestorIds } }, select: { id: true, name: true } })
    ).map((row) => [row.id, row.name]),
  );
  return {
    destinations: rows.map((row) =>
      create(TransferDestinationSchema, {
        id: row.id,
        name: row.name,
        pathNames: row.path
          .split('/')
          .filter(Boolean)
          .map((id) => names.get(id) ?? ''),
      }),
    ),
    total,
  };
}
