import { fromBinary } from '@bufbuild/protobuf';
import { PublicityOpenedSchema } from '@dangjian/contracts';
import { dateColumn, DurableConsumer, type Bus } from '@dangjian/kit';
import type { DisclosureDatabase, DisclosureTx } from '../db/disclosure-database.js';

/**
 * 公示: a publicity period the organisation service opened before a development step is announced on
 * the portal for its working-day window (issue 17). Once per period (its id); what the period
 * decides stays with the organisation service.
 */
export function publicityOpenedConsumer(bus: Bus, db: DisclosureDatabase) {
  return new DurableConsumer<DisclosureTx>({
    bus,
    sourceService: 'organisation',
    durable: 'disclosure-publicity-opened',
    filterSubject: 'events.organisation.publicity.opened',
    database: db.database,
    handle: async (tx, event) => {
      const period = fromBinary(PublicityOpenedSchema, event.data).publicityPeriod!;
      await tx.publicityNotice.upsert({
        where: { id: period.id },
        create: {
          id: period.id,
          tenantId: event.tenantId!,
          organisationId: period.organisationId,
          organisationName: period.organisationName,
          memberName: period.memberName,
          stage: period.stage,
          startsOn: dateColumn(period.startsOn),
          endsOn: dateColumn(period.endsOn),
        },
        update: {},
      });
    },
  });
}
