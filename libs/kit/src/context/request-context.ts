import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal, TenantContext } from '@dangjian/contracts';
import { ForbiddenError } from '../errors/domain-errors.js';

/** A tenant id that has been checked to come from the request context (see requireTenant). */
export type TenantId = string & { readonly __brand: 'TenantId' };

export interface RequestContext {
  readonly requestId: string;
  readonly tenant?: TenantContext;
  readonly principal?: Principal;
  readonly traceparent?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runInContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/** The tenant of the request; fails closed when there is none. */
export function requireTenant(): TenantId {
  const tenantId = storage.getStore()?.tenant?.tenantId;
  if (!tenantId) throw new ForbiddenError('this operation needs a tenant');
  return tenantId as TenantId;
}

export function requirePrincipal(): Principal {
  const principal = storage.getStore()?.principal;
  if (!principal?.userId) throw new ForbiddenError('this operation needs an authenticated principal');
  return principal;
}

/** Only for ids that come from the store itself (e.g. a tenant just created). */
export function asTenantId(id: string): TenantId {
  return id as TenantId;
}

/** Access check before any data is touched: the caller must hold one of the roles in this tenant. */
export function requireRole(...roles: string[]): Principal {
  const principal = requirePrincipal();
  if (principal.platformOperator) return principal;
  if (!principal.roles.some((role) => roles.includes(role))) {
    throw new ForbiddenError(`needs one of the roles ${roles.join(', ')}`);
  }
  return principal;
}

export function requirePlatformOperator(): Principal {
  const principal = requirePrincipal();
  if (!principal.platformOperator) throw new ForbiddenError('needs the platform-operator role');
  return principal;
}
