import { Module, type DynamicModule } from '@nestjs/common';
import type { ConfigOf } from '@dangjian/kit';
import { AccessUseCases } from './access/access.use-cases.js';
import type { identityConfigSpec } from './config.js';
import { IdentityDatabase } from './db/identity-database.js';
import type { IdentityDirectory } from './directory/identity-directory.js';
import { AccessHandler } from './access/access.handler.js';
import { HealthHandler } from './health/health.handler.js';
import { UsersHandler } from './people/users.handler.js';
import { TenantsHandler } from './tenants/tenants.handler.js';
import { InvitationsHandler } from './invitations/invitations.handler.js';
import { InvitationsUseCases } from './invitations/invitations.use-cases.js';
import { UsersUseCases } from './people/users.use-cases.js';
import { TenantsUseCases } from './tenants/tenants.use-cases.js';
import { NotificationsHandler } from './notifications/notifications.handler.js';
import { NotificationsUseCases } from './notifications/notifications.use-cases.js';
import type { OptionalChannels } from './notifications/channel-config.js';

@Module({})
export class IdentityModule {
  static register(
    config: ConfigOf<typeof identityConfigSpec>,
    db: IdentityDatabase,
    directory: IdentityDirectory,
    channels: OptionalChannels = {},
  ): DynamicModule {
    return {
      module: IdentityModule,
      // One handler class per resource (and the service's health).
      controllers: [
        TenantsHandler,
        UsersHandler,
        AccessHandler,
        InvitationsHandler,
        NotificationsHandler,
        HealthHandler,
      ],
      providers: [
        { provide: IdentityDatabase, useValue: db },
        { provide: TenantsUseCases, useValue: new TenantsUseCases(db, directory) },
        {
          provide: UsersUseCases,
          useValue: new UsersUseCases(db, directory, config.NODE_ENV === 'production'),
        },
        { provide: AccessUseCases, useValue: new AccessUseCases(db) },
        {
          provide: InvitationsUseCases,
          useValue: new InvitationsUseCases(db, directory, config.NODE_ENV === 'production'),
        },
        {
          provide: NotificationsUseCases,
          useValue: new NotificationsUseCases(
            db,
            config.NOTIFY_ALLOW_PRIVATE_TARGETS === 'auto'
              ? config.NODE_ENV !== 'production'
              : config.NOTIFY_ALLOW_PRIVATE_TARGETS === 'true',
            channels,
          ),
        },
      ],
    };
  }
}
