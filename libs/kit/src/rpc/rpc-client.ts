import {
  create,
  fromBinary,
  toBinary,
  type DescMethodUnary,
  type MessageInitShape,
  type MessageShape,
} from '@bufbuild/protobuf';
import { onNamespace, RpcReplySchema, subjectOf } from '@dangjian/contracts';
import { ClientNats } from '@nestjs/microservices';
import { headers as natsHeaders, TimeoutError, type Msg, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { BUS_CONNECTION, type BusAddress } from '../bus/namespace.js';
import { currentContext, type RequestContext } from '../context/request-context.js';
import { RemoteError } from '../errors/domain-errors.js';
import { withOutgoingSpan } from '../telemetry/spans.js';
import { recordRpcCall, type RpcOutcome } from '../telemetry/metrics.js';
import { writeContextHeaders } from './headers.js';

/** No process answers the subject (NATS "no responders"). */
export class ServiceUnavailableError extends Error {
  constructor(readonly subject: string) {
    super(`no service answers ${subject}`);
  }
}

/** The service did not answer within the timeout. */
export class ServiceTimeoutError extends Error {
  constructor(
    readonly subject: string,
    readonly timeoutMs: number,
  ) {
    super(`${subject} did not answer within ${timeoutMs} ms`);
  }
}

export interface RpcCallOptions {
  /** Defaults to the current request context. */
  context?: RequestContext;
  timeoutMs?: number;
}

/**
 * The one way to call a service: encodes with the method's schema, sets tenant, principal, request
 * id and traceparent headers, bounds the wait, and decodes the reply or rethrows its error.
 *
 * Nest's client keeps the connection (reconnects, status); requests go through the connection's own
 * multiplexed `request`, one reply subscription for all of them. Nest's `send` subscribed and
 * unsubscribed an inbox for every request: two more protocol messages, and the server's interest
 * changed twice a request (decision 0040).
 */
export class RpcClient {
  private readonly proxy: ClientNats;
  private readonly namespace: string;
  private busUp = true;

  constructor(
    bus: BusAddress,
    private readonly defaultTimeoutMs: number,
  ) {
    this.namespace = bus.namespace;
    this.proxy = new ClientNats({ servers: bus.url, ...BUS_CONNECTION });
    // While the bus is away a call is answered at once as unavailable, not queued until its timeout.
    this.proxy.status.subscribe((status) => (this.busUp = status === 'connected'));
  }

  connect(): Promise<unknown> {
    return this.proxy.connect();
  }

  close(): Promise<unknown> {
    return this.proxy.close();
  }

  /** The open connection, or none (not yet connected, or closed). */
  private connection(): NatsConnection | undefined {
    try {
      const connection = this.proxy.unwrap<NatsConnection>();
      return connection.isClosed() ? undefined : connection;
    } catch {
      return undefined;
    }
  }

  async call<M extends DescMethodUnary>(
    method: M,
    input: MessageInitShape<M['input']>,
    options: RpcCallOptions = {},
  ): Promise<MessageShape<M['output']>> {
    const subject = subjectOf(method);
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
    const context = options.context ?? currentContext() ?? { requestId: randomUUID() };
    const body = toBinary(method.input, create(method.input, input));
    const started = performance.now();
    const done = (outcome: RpcOutcome) =>
      recordRpcCall(subject, outcome, (performance.now() - started) / 1000);
    return withOutgoingSpan(subject, async (carrier) => {
      const headers = natsHeaders();
      writeContextHeaders(context, headers);
      carrier.inject(headers);
      const connection = this.busUp ? this.connection() : undefined;
      if (!connection) {
        done('unavailable');
        throw new ServiceUnavailableError(subject);
      }
      let answer: Msg;
      try {
        answer = await connection.request(onNamespace(this.namespace, subject), body, {
          timeout: timeoutMs,
          headers,
        });
      } catch (error) {
        if (error instanceof TimeoutError) {
          done('timeout');
          throw new ServiceTimeoutError(subject, timeoutMs);
        }
        if (isNoResponders(error) || isBusAway(error)) {
          done('unavailable');
          throw new ServiceUnavailableError(subject);
        }
        done('error');
        throw error;
      }
      const raw = answer.data;
      if (raw.length === 0) {
        done('unavailable');
        throw new ServiceUnavailableError(subject);
      }
      const reply = fromBinary(RpcReplySchema, raw);
      done(reply.result.case === 'error' ? 'refused' : 'ok');
      if (reply.result.case === 'error') throw new RemoteError(reply.result.value);
      if (reply.result.case !== 'payload') throw new Error(`${subject} sent an empty reply`);
      return fromBinary(method.output, reply.result.value) as MessageShape<M['output']>;
    });
  }
}

/** The connection to NATS is lost, closed or draining. */
function isBusAway(error: unknown): boolean {
  const text = String((error as { message?: unknown })?.message ?? error);
  return /connection (lost|closed|refused|disconnected|draining)|closed connection|disconnect|CONNECTION_REFUSED/i.test(
    text,
  );
}

function isNoResponders(error: unknown): boolean {
  const text = String((error as { message?: unknown })?.message ?? error);
  return /no responders|503/i.test(text);
}
