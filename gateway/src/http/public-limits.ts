import { addressMatcher, clientAddress, RateLimiter } from '@dangjian/kit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayRequest } from '../auth/access.guard.js';
import { routeConfigOf } from './body-limits.js';
import { problemOf } from './edge.js';
import { messagePage } from '../resources/portal/render.js';

/*
 * Requests no login stands behind (issue 20, item 5; decision 0038): a citizen's portal pages and
 * forms, the invitation and payment-notification routes, the console's configuration, and any call
 * that comes without a token. Each is counted against its address and against its tenant, before any
 * body is read or any service asked, so one address cannot take a service's time from everyone and a
 * flood on one tenant's pages cannot take the platform from the others. Health probes and the
 * console's static files are not counted (no service is asked for them).
 */
export interface PublicLimitSettings {
  /** Requests one address may make a minute (and at once). */
  perAddressPerMinute: number;
  /** Requests all addresses together may make of one tenant (or of the platform's own routes). */
  perTenantPerMinute: number;
  /** Addresses not counted: comma-separated addresses and IPv4 prefixes. */
  exempt: string;
}

export class PublicLimits {
  private readonly addresses: RateLimiter;
  private readonly tenants: RateLimiter;
  private readonly exempt: (address: string) => boolean;

  constructor(settings: PublicLimitSettings) {
    this.addresses = new RateLimiter(settings.perAddressPerMinute, settings.perAddressPerMinute);
    this.tenants = new RateLimiter(settings.perTenantPerMinute, settings.perTenantPerMinute);
    this.exempt = addressMatcher(settings.exempt);
  }

  /** Counts one request; the seconds to wait when a limit is reached, 0 when it may go on. */
  take(address: string, tenant: string): number {
    if (this.exempt(address)) return 0;
    if (!this.addresses.take(address)) return this.addresses.retryAfter(address);
    if (!this.tenants.take(tenant)) return this.tenants.retryAfter(tenant);
    return 0;
  }
}

/** Where a request came from, as every per-address limit of the gateway counts it. */
export function addressOf(request: FastifyRequest): string {
  return clientAddress(request.socket.remoteAddress, request.headers['x-forwarded-for']);
}

/** Counts every request without a login at the edge; over a limit it is answered 429 at once. */
export function installPublicLimits(fastify: FastifyInstance, limits: PublicLimits): void {
  fastify.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (path.startsWith('/health') || path.startsWith('/console')) return;
    // A token on a public route changes nothing: the route is counted all the same.
    if (request.headers.authorization && !routeConfigOf(request).public && !path.startsWith('/public'))
      return;
    const slug = (request as GatewayRequest).tenantSlug ?? '';
    const wait = limits.take(addressOf(request), slug);
    if (wait > 0) return tooMany(request, reply, wait);
  });
}

function tooMany(request: FastifyRequest, reply: FastifyReply, wait: number) {
  reply.header('retry-after', String(wait)).header('cache-control', 'no-store').status(429);
  if (request.url.startsWith('/public'))
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .send(messagePage('', '访问过于频繁', `请 ${wait} 秒后再试。`, './'));
  return reply
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send(problemOf(429, `too many requests without a login from this address; try again in ${wait} s`));
}
