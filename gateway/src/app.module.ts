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
import { CONSOLE_SETTINGS } from './resources/console/console-config.controller.js';
import { RESOURCE_CONTROLLERS } from './resources/index.js';
import { PORTAL_CACHE, PORTAL_SETTINGS } from './resources/portal/portal.controller.js';
import { PortalCache } from './resources/portal/portal-cache.js';
import { SUPERVISION_PUBLIC_SETTINGS } from './resources/supervision-public/supervision-public.controller.js';

@Module({})
export class GatewayModule {
  static register(
    config: ConfigOf<typeof gatewayConfigSpec>,
    rpc: RpcClient,
    verifier: TokenVerifier,
  ): DynamicModule {
    return {
      module: GatewayModule,
      // The gateway's own health, then every resource (derived: tools/derive/derive.mjs).
      controllers: [HealthController, ...RESOURCE_CONTROLLERS],
      providers: [
        { provide: RpcClient, useValue: rpc },
        {
          provide: CONSOLE_SETTINGS,
          useValue: { issuer: config.OIDC_ISSUER, clientId: config.CONSOLE_CLIENT_ID },
        },
        { provide: TOKEN_VERIFIER, useValue: verifier },
        { provide: PORTAL_CACHE, useValue: new PortalCache(config.PORTAL_CACHE_MS) },
        {
          provide: PORTAL_SETTINGS,
          useValue: {
            cacheMs: config.PORTAL_CACHE_MS,
            missesPerMinute: config.PORTAL_MISSES_PER_MINUTE,
            submissionsPerHour: config.PORTAL_SUBMISSIONS_PER_HOUR,
          },
        },
        {
          provide: SUPERVISION_PUBLIC_SETTINGS,
          useValue: {
            filingsPerHour: config.PUBLIC_FILINGS_PER_HOUR,
            lookupsPerMinute: config.PUBLIC_LOOKUPS_PER_MINUTE,
          },
        },
        { provide: ACCESS_CACHE, useValue: new TtlCache(config.ACCESS_CACHE_TTL_MS) },
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_INTERCEPTOR, useClass: ContextInterceptor },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
