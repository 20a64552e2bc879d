import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { PrincipalSchema, TenantContextSchema } from '@dangjian/contracts';
import type { RequestContext } from '../context/request-context.js';

/** The only place that names the NATS headers carrying who asks, for which tenant, in which trace. */
export const RpcHeader = {
  tenant: 'dj-tenant',
  principal: 'dj-principal',
  requestId: 'dj-request-id',
  traceparent: 'traceparent',
  tracestate: 'tracestate',
} as const;

export interface HeaderCarrier {
  get(key: string): string;
  set(key: string, value: string): void;
  has(key: string): boolean;
}

export function writeContextHeaders(context: RequestContext, headers: HeaderCarrier): void {
  headers.set(RpcHeader.requestId, context.requestId);
  if (context.tenant?.tenantId) {
    headers.set(
      RpcHeader.tenant,
      Buffer.from(toBinary(TenantContextSchema, context.tenant)).toString('base64'),
    );
  }
  if (context.principal?.userId) {
    headers.set(
      RpcHeader.principal,
      Buffer.from(toBinary(PrincipalSchema, context.principal)).toString('base64'),
    );
  }
}

export function readContextHeaders(headers: HeaderCarrier | undefined): RequestContext {
  const get = (key: string) => (headers?.has(key) ? headers.get(key) : '');
  const tenantRaw = get(RpcHeader.tenant);
  const principalRaw = get(RpcHeader.principal);
  const traceparent = get(RpcHeader.traceparent);
  return {
    requestId: get(RpcHeader.requestId) || 'unknown',
    ...(tenantRaw ? { tenant: fromBinary(TenantContextSchema, Buffer.from(tenantRaw, 'base64')) } : {}),
    ...(principalRaw ? { principal: fromBinary(PrincipalSchema, Buffer.from(principalRaw, 'base64')) } : {}),
    ...(traceparent ? { traceparent } : {}),
  };
}
