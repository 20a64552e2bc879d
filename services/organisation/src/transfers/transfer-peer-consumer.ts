import { fromBinary } from '@bufbuild/protobuf';
import { TransferPeerEventSchema } from '@dangjian/contracts';
import { DurableConsumer, type Bus } from '@dangjian/kit';
import type { OrganisationDatabase, OrganisationTx } from '../db/organisation-database.js';
import type { TransfersUseCases } from './transfers.use-cases.js';

/**
 * Cross-tenant transfers over the bus: the organisation service reads its own transfer events and
 * applies each in the tenant it is addressed to, so neither tenant's request ever opens the other's rows.
 */
export function transferPeerConsumer(bus: Bus, db: OrganisationDatabase, transfers: TransfersUseCases) {
  const decode = (data: Uint8Array) => fromBinary(TransferPeerEventSchema, data);
  return new DurableConsumer<OrganisationTx>({
    bus,
    sourceService: 'organisation',
    durable: 'organisation-transfer-peers',
    filterSubject: 'events.organisation.transfer.>',
    database: db.database,
    tenantOf: (event) => decode(event.data).addressedTenantId,
    handle: (tx, event) => {
      const message = decode(event.data);
      return transfers.applyPeerEvent(tx, message.addressedTenantId, message);
    },
  });
}
