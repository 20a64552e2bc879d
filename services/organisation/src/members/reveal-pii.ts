import { decryptField, type TenantKeys } from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { OrganisationTx } from '../db/organisation-database.js';
import type { Member } from '../generated/prisma/client.js';

/** A member's ID-card number and phone in full, with the unmasking written to the audit log first. */
export async function revealPii(
  tx: OrganisationTx,
  keys: TenantKeys,
  member: Pick<Member, 'id' | 'tenantId' | 'idCardCipher' | 'phoneCipher'>,
  accessedBy: string,
  reason: string,
): Promise<{ idCardNumber: string; phone: string }> {
  await tx.piiAccess.create({
    data: {
      id: randomUUID(),
      tenantId: member.tenantId,
      memberId: member.id,
      accessedBy,
      fields: ['idCardNumber', 'phone'],
      reason,
    },
  });
  return {
    idCardNumber: decryptField(keys, 'idCardNumber', member.id, member.idCardCipher),
    phone: member.phoneCipher ? decryptField(keys, 'phone', member.id, member.phoneCipher) : '',
  };
}
