import { create } from '@bufbuild/protobuf';
import { eventSubject, MembershipChangedSchema } from '@dangjian/contracts';
import { writeOutboxEvent } from '@dangjian/kit';
import type { IdentityTx } from '../db/identity-database.js';

/** events.identity.membership.changed, in the same transaction as the change (empty roles: removed). */
export function writeMembershipChanged(tx: IdentityTx, tenantId: string, userId: string, roles: string[]) {
  return writeOutboxEvent(tx, {
    subject: eventSubject('identity', 'membership', 'changed'),
    schema: MembershipChangedSchema,
    message: create(MembershipChangedSchema, { tenantId, userId, roles }),
    tenantId,
  });
}
