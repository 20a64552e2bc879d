import {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type TextMapGetter,
  type TextMapSetter,
} from '@opentelemetry/api';
import type { HeaderCarrier } from '../rpc/headers.js';

/*
 * Nest does not carry trace context across NATS: this is the one place that injects `traceparent`
 * into message headers on send and extracts it on receive.
 */
const tracer = trace.getTracer('@dangjian/kit');

const setter: TextMapSetter<HeaderCarrier> = { set: (carrier, key, value) => carrier.set(key, value) };
const getter: TextMapGetter<HeaderCarrier | undefined> = {
  keys: () => ['traceparent', 'tracestate'],
  get: (carrier, key) => (carrier?.has(key) ? carrier.get(key) : undefined),
};

export interface TraceCarrier {
  inject(headers: HeaderCarrier): void;
}

/** A CLIENT span around a NATS request; `fn` gets a carrier to inject the span into headers. */
export async function withOutgoingSpan<T>(
  subject: string,
  fn: (carrier: TraceCarrier) => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(
    `${subject} send`,
    {
      kind: SpanKind.CLIENT,
      attributes: { 'messaging.system': 'nats', 'messaging.destination.name': subject },
    },
    async (span) => {
      try {
        return await fn({ inject: (headers) => propagation.inject(context.active(), headers, setter) });
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: String((error as Error).message) });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** A SERVER span for a received NATS request, child of the sender's span. */
export async function withIncomingSpan<T>(
  subject: string,
  headers: HeaderCarrier | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  const parent = propagation.extract(context.active(), headers, getter);
  return context.with(parent, () =>
    tracer.startActiveSpan(
      `${subject} process`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'messaging.system': 'nats', 'messaging.destination.name': subject },
      },
      async (span) => {
        try {
          return await fn();
        } finally {
          span.end();
        }
      },
    ),
  );
}

/** The W3C traceparent of the active span, for storing with an outbox row. */
export function activeTraceparent(): string {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier['traceparent'] ?? '';
}

export function currentTraceId(): string | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && spanContext.traceId !== '00000000000000000000000000000000'
    ? spanContext.traceId
    : undefined;
}
