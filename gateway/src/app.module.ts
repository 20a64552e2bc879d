import { RpcClient, type ConfigOf } from '@dangjian/kit';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TtlCache } from './auth/access-cache.js';
import { ACCESS_CACHE, AccessGuard } from './auth/access.guard.js';
import { TOKEN_VERIFIER, type TokenVerifier } from './auth/token-verifier.js';
import type { gatewayConfigSpec } from './config.js';
import { HealthController } from './health/health.controller.js';
import { ContextInterceptor } from './http/context.interceptor.js';
import { ProblemFilter } from './http/problem.filter.js';
import { CONSOLE_SETTINGS, ConsoleConfigController } from './resources/console/console-config.controller.js';
import { DevelopmentController, DevelopmentOverdueController } from './resources/development/development.controller.js';
import { DuesAssessmentsController, DuesLedgerController, DuesPaymentsController, DuesReportsController } from './resources/dues/dues.controller.js';
import { TransferOverdueController, TransfersController } from './resources/transfers/transfers.controller.js';
import { AttendanceController, MeetingComplianceController, MeetingsController } from './resources/meetings/meetings.controller.js';
import { WithdrawalCasesController } from './resources/withdrawal-cases/withdrawal-cases.controller.js';
import { GraduateOverdueController, GraduationsController } from './resources/graduations/graduations.controller.js';
import { ImportJobErrorsController, ImportJobsController, ImportTemplatesController } from './resources/import-jobs/import-jobs.controller.js';
import { MeController } from './resources/me/me.controller.js';
import { MemberExportController } from './resources/members/member-export.controller.js';
import { OrganisationExportController } from './resources/organisations/organisation-export.controller.js';
import { OrganisationSettingsController } from './resources/organisation-settings/organisation-settings.controller.js';
import { PublicityPeriodsController } from './resources/publicity-periods/publicity-periods.controller.js';
import { MembersController } from './resources/members/members.controller.js';
import { OrganisationsController } from './resources/organisations/organisations.controller.js';
import { PositionsController } from './resources/positions/positions.controller.js';
import { StatisticsController } from './resources/statistics/statistics.controller.js';
import { OverdueThoughtReportsController, ThoughtReportsController } from './resources/thought-reports/thought-reports.controller.js';
import { TenantsController } from './resources/tenants/tenants.controller.js';
import { UsersController } from './resources/users/users.controller.js';

@Module({})
export class GatewayModule {
  static register(config: ConfigOf<typeof gatewayConfigSpec>, rpc: RpcClient, verifier: TokenVerifier): DynamicModule {
    return {
      module: GatewayModule,
      controllers: [HealthController, ConsoleConfigController, MeController, MembersController, OrganisationsController, PositionsController, StatisticsController, ThoughtReportsController, OverdueThoughtReportsController, DevelopmentController, DevelopmentOverdueController, PublicityPeriodsController, OrganisationSettingsController, ImportJobsController, ImportJobErrorsController, ImportTemplatesController, MemberExportController, OrganisationExportController, DuesAssessmentsController, DuesLedgerController, DuesPaymentsController, DuesReportsController, TransfersController, TransferOverdueController, MeetingsController, AttendanceController, MeetingComplianceController, WithdrawalCasesController, GraduationsController, GraduateOverdueController, TenantsController, UsersController],
      providers: [
        { provide: RpcClient, useValue: rpc },
        { provide: CONSOLE_SETTINGS, useValue: { issuer: config.OIDC_ISSUER, clientId: config.CONSOLE_CLIENT_ID } },
        { provide: TOKEN_VERIFIER, useValue: verifier },
        { provide: ACCESS_CACHE, useValue: new TtlCache(config.ACCESS_CACHE_TTL_MS) },
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_INTERCEPTOR, useClass: ContextInterceptor },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
