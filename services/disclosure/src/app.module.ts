import type { Bus, RpcClient } from '@dangjian/kit';
import { Module, type DynamicModule } from '@nestjs/common';
import { CommitmentsHandler } from './commitments/commitments.handler.js';
import { CommitmentsUseCases } from './commitments/commitments.use-cases.js';
import { DisclosureDatabase } from './db/disclosure-database.js';
import { DisclosureItemsHandler } from './disclosure-items/disclosure-items.handler.js';
import { DisclosureItemsUseCases } from './disclosure-items/disclosure-items.use-cases.js';
import { Tree } from './disclosure-items/tree.js';
import { DisclosureSettingsHandler } from './disclosure-settings/disclosure-settings.handler.js';
import { DisclosureSettingsUseCases } from './disclosure-settings/disclosure-settings.use-cases.js';
import { HealthHandler } from './health/health.handler.js';
import { PortalHandler } from './portal/portal.handler.js';
import { PortalUseCases } from './portal/portal.use-cases.js';
import { publicityOpenedConsumer } from './publicity-notices/publicity-opened-consumer.js';

type Worker = { start(): Promise<void>; stop(): Promise<void> };

@Module({})
export class DisclosureModule {
  /** The module and the service's consumers, sharing one set of use cases. */
  static register(
    db: DisclosureDatabase,
    rpc: RpcClient,
  ): { module: DynamicModule; consumers: (bus: Bus) => Worker[] } {
    const tree = new Tree(rpc);
    const module: DynamicModule = {
      module: DisclosureModule,
      // One handler class per resource (and the service's health).
      controllers: [
        DisclosureItemsHandler,
        CommitmentsHandler,
        DisclosureSettingsHandler,
        PortalHandler,
        HealthHandler,
      ],
      providers: [
        { provide: DisclosureItemsUseCases, useValue: new DisclosureItemsUseCases(db, tree) },
        { provide: CommitmentsUseCases, useValue: new CommitmentsUseCases(db, tree, rpc) },
        { provide: DisclosureSettingsUseCases, useValue: new DisclosureSettingsUseCases(db) },
        { provide: PortalUseCases, useValue: new PortalUseCases(db, rpc) },
        { provide: DisclosureDatabase, useValue: db },
      ],
    };
    return { module, consumers: (bus) => [publicityOpenedConsumer(bus, db)] };
  }
}
