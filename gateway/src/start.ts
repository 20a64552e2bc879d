import {
  logger,
  recordHttpRequest,
  RpcClient,
  serveScrape,
  stopOnSignals,
  type ConfigOf,
} from '@dangjian/kit';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { describeApi } from './http/openapi.js';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { GatewayModule } from './app.module.js';
import type { GatewayRequest } from './auth/access.guard.js';
import { KeycloakConnectVerifier } from './auth/token-verifier.js';
import { CachingTokenVerifier } from './auth/verified-token-cache.js';
import type { gatewayConfigSpec } from './config.js';
import { createValidationPipe } from './http/validation.pipe.js';
import { clientErrorHandler, frameworkErrors, installEdge } from './http/edge.js';
import { installPublicLimits, PublicLimits } from './http/public-limits.js';
import { splitTenantPath, tenantSlugFromRequest } from './tenancy/tenant-resolution.js';
import { PORTAL_CACHE } from './resources/portal/portal.controller.js';
import { PortalCache } from './resources/portal/portal-cache.js';

export async function createGateway(
  config: ConfigOf<typeof gatewayConfigSpec>,
  rpc: RpcClient,
): Promise<NestFastifyApplication> {
  const pathSlugs = new WeakMap<object, string>();
  const adapter = new FastifyAdapter({
    genReqId: (req: import('node:http').IncomingMessage) =>
      typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].length <= 64
        ? req.headers['x-request-id']
        : randomUUID(),
    // `/t/<slug>/api/v1/...` is routed as `/api/v1/...` with the slug kept for tenant resolution.
    rewriteUrl: (req: import('node:http').IncomingMessage) => {
      const { slug, url } = splitTenantPath(req.url ?? '/');
      if (slug) pathSlugs.set(req, slug);
      // The portal's home is `/public/` (its pages link relative to it); the router has no route
      // with a trailing slash, so it is answered as `/public/index`.
      return /^\/public\/(\?|$)/.test(url) ? url.replace('/public/', '/public/index') : url;
    },
    bodyLimit: 1024 * 1024,
    frameworkErrors,
    clientErrorHandler,
  });
  const verifier = new CachingTokenVerifier(new KeycloakConnectVerifier(config.OIDC_ISSUER));
  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayModule.register(config, rpc, verifier),
    adapter,
    {
      logger: ['error', 'warn'],
      // Bodies are parsed by the edge (http/edge.ts), not by Nest's defaults.
      bodyParser: false,
    },
  );
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request) => {
    const header = request.headers['x-tenant'];
    const resolved = tenantSlugFromRequest(
      {
        host: request.headers.host,
        headerSlug: typeof header === 'string' ? header : undefined,
        pathSlug: pathSlugs.get(request.raw),
      },
      config.BASE_DOMAIN,
    );
    (request as GatewayRequest).tenantSlug = resolved.slug;
    (request as GatewayRequest).tenantConflict = resolved.conflict;
  });
  installEdge(fastify, { verifier, issuerOrigin: new URL(config.OIDC_ISSUER).origin });
  installPublicLimits(
    fastify,
    new PublicLimits({
      perAddressPerMinute: config.PUBLIC_REQUESTS_PER_MINUTE,
      perTenantPerMinute: config.PUBLIC_TENANT_REQUESTS_PER_MINUTE,
      exempt: config.RATE_LIMIT_EXEMPT,
    }),
  );
  // A portal page in the cache is answered here, before Nest's routing, guards and interceptors: a
  // burst of readers of one notice costs a map lookup each (issue 17). Misses go on to the controller.
  const portalPages = app.get<PortalCache>(PORTAL_CACHE);
  fastify.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' || !request.url.startsWith('/public/')) return;
    const slug = (request as GatewayRequest).tenantSlug;
    if (!slug || (request as GatewayRequest).tenantConflict) return;
    const page = portalPages.get(PortalCache.key(slug, request.url.slice('/public/'.length).split('?')[0]!));
    if (!page) return;
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'public, max-age=10')
      .send(page);
  });
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', String(request.id));
  });
  // One access line per request; the route pattern, never the raw URL (filters may hold names).
  fastify.addHook('onResponse', async (request, reply) => {
    logger.info(
      {
        requestId: String(request.id),
        tenant: (request as GatewayRequest).tenantSlug,
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
    recordHttpRequest(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
  });
  app.useGlobalPipes(createValidationPipe());
  app.enableCors({
    origin: config.CORS_ORIGINS.split(',').map((o) => o.trim()),
    exposedHeaders: [
      'Content-Range',
      'X-Request-Id',
      'X-Not-Started',
      'X-Behind',
      'X-On-Track',
      'X-Finished',
      'X-Roster-Pending',
      'X-My-Organisation',
    ],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Tenant', 'X-Request-Id'],
  });

  const document = describeApi(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('党建云 Dangjian Cloud API')
        .setDescription(
          'Multi-tenant Internet + Party Building platform. Lists follow react-admin simple REST (sort, range, filter; Content-Range). Errors are application/problem+json (RFC 9457).',
        )
        .setVersion('v1')
        .addBearerAuth()
        .build(),
    ),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  if (config.CONSOLE_DIST && existsSync(config.CONSOLE_DIST)) {
    const { default: fastifyStatic } = await import('@fastify/static');
    await fastify.register(fastifyStatic, {
      root: resolve(config.CONSOLE_DIST),
      prefix: '/console/',
      decorateReply: false,
    });
    fastify.get('/', (_request, reply) => reply.redirect('/console/'));
    fastify.get('/console', (_request, reply) => reply.redirect('/console/'));
  }
  return app;
}

export async function startGateway(
  config: ConfigOf<typeof gatewayConfigSpec>,
  stopTelemetry: () => Promise<void>,
): Promise<void> {
  const rpc = new RpcClient(
    { url: config.NATS_URL, namespace: config.PLATFORM_NAMESPACE },
    config.RPC_TIMEOUT_MS,
  );
  await rpc.connect();
  const app = await createGateway(config, rpc);
  await app.listen(config.PORT, config.HOST);
  // Metrics on a port of their own: the public port (behind the ingress) never serves them.
  const metricsServer = createServer((req, res) =>
    req.url === '/metrics' ? serveScrape(req, res) : res.writeHead(404).end(),
  );
  await new Promise<void>((resolve) => metricsServer.listen(config.METRICS_PORT, config.HOST, resolve));
  logger.info({ port: config.PORT, metricsPort: config.METRICS_PORT }, 'gateway ready');
  stopOnSignals('gateway', [
    () => app.close(),
    () => new Promise((resolve) => metricsServer.close(resolve)),
    () => rpc.close(),
    stopTelemetry,
  ]);
}
