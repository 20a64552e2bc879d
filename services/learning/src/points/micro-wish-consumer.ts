import { fromBinary } from '@bufbuild/protobuf';
import { MicroWishConfirmedSchema } from '@dangjian/contracts';
import { DurableConsumer, type Bus } from '@dangjian/kit';
import type { LearningDatabase, LearningTx } from '../db/learning-database.js';
import { grantForMicroWish } from './points-ledger.js';

/**
 * Micro-wishes fulfilled, from the supervision service's confirmations: points where the tenant has
 * them on, once per wish (the award's source is the wish). Each event is handled once, in its tenant.
 */
export function microWishConsumer(bus: Bus, db: LearningDatabase) {
  return new DurableConsumer<LearningTx>({
    bus,
    sourceService: 'supervision',
    durable: 'learning-micro-wish-points',
    filterSubject: 'events.supervision.micro_wish.confirmed',
    database: db.database,
    handle: async (tx, event) => {
      const confirmed = fromBinary(MicroWishConfirmedSchema, event.data);
      await grantForMicroWish(
        tx,
        { tenantId: event.tenantId!, userId: confirmed.userId },
        { wishId: confirmed.wishId, confirmedOn: confirmed.confirmedOn },
      );
    },
  });
}
