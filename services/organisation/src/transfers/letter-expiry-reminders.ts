import { create } from '@bufbuild/protobuf';
import { eventSubject, TransferStepRecordedSchema } from '@dangjian/contracts';
import { addDays, chinaToday, dateOnly, writeOutboxEvent, type TenantId } from '@dangjian/kit';
import type { OrganisationDatabase } from '../db/organisation-database.js';

/** How many days before its last valid day a member is reminded of their letter. */
export const LETTER_REMINDER_DAYS = 7;

/**
 * Members whose transfer letter expires within a week and who have not reported in are reminded,
 * once (issue 15): an event for the member's login, marked on the transfer so a second run, or a
 * second replica, reminds nobody twice.
 */
export class LetterExpiryReminders {
  constructor(
    private readonly db: OrganisationDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async runAllTenants(tenants?: TenantId[]): Promise<{ tenants: number; reminded: number }> {
    const ids = tenants ?? (await this.db.tenantIds());
    let reminded = 0;
    for (const tenantId of ids) reminded += await this.runTenant(tenantId);
    return { tenants: ids.length, reminded };
  }

  private runTenant(tenantId: TenantId): Promise<number> {
    const today = chinaToday(this.now());
    return this.db.database.inTenant(tenantId, async (tx) => {
      const due = (await tx.$queryRawUnsafe(
        `update transfers t set expiry_reminded_on = $1::date
           from members m
          where m.id = t.member_id and m.user_id is not null
            and t.direction = 'outgoing' and t.state = 'letter_issued' and t.expiry_reminded_on is null
            and t.valid_until between $1::date and $2::date
         returning t.id::text, m.user_id::text, t.receiving_organisation_name, t.valid_until`,
        today,
        addDays(today, LETTER_REMINDER_DAYS),
      )) as { id: string; user_id: string; receiving_organisation_name: string; valid_until: Date }[];
      for (const row of due)
        await writeOutboxEvent(tx, {
          subject: eventSubject('organisation', 'transfer_step', 'letter_expiring'),
          schema: TransferStepRecordedSchema,
          message: create(TransferStepRecordedSchema, {
            transferId: row.id,
            memberUserId: row.user_id,
            action: 'letter_expiring',
            state: 'letter_issued',
            receivingOrganisationName: row.receiving_organisation_name,
            validUntil: dateOnly(row.valid_until),
          }),
          tenantId,
        });
      return due.length;
    });
  }
}
