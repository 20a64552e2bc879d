import { Module, type DynamicModule } from '@nestjs/common';
import { OrganisationDatabase } from './db/organisation-database.js';
import { OrganisationController } from './organisation.controller.js';
import { PositionsUseCases } from './positions/positions.use-cases.js';
import { OrganisationsUseCases } from './tree/organisations.use-cases.js';

@Module({})
export class OrganisationModule {
  static register(db: OrganisationDatabase): DynamicModule {
    return {
      module: OrganisationModule,
      controllers: [OrganisationController],
      providers: [
        { provide: OrganisationDatabase, useValue: db },
        { provide: OrganisationsUseCases, useValue: new OrganisationsUseCases(db) },
        { provide: PositionsUseCases, useValue: new PositionsUseCases(db) },
      ],
    };
  }
}
