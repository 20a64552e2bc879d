import {
  create,
  fromBinary,
  toBinary,
  type DescMethodUnary,
  type MessageInitShape,
  type MessageShape,
} from '@bufbuild/protobuf';
import { RpcReplySchema, subjectOf } from '@dangjian/contracts';
import { Ctx, MessagePattern, Payload, type NatsContext } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import { runInContext } from '../context/request-context.js';
import { fromDatabaseError } from '../errors/database-errors.js';
import { toErrorDetail, DomainError } from '../errors/domain-errors.js';
import { logger } from '../logging/logger.js';
import { withIncomingSpan } from '../telemetry/spans.js';
import { recordRpcServed } from '../telemetry/metrics.js';
import { readContextHeaders, type HeaderCarrier } from './headers.js';

/** What a handler for a method must look like: decoded request in, message (init shape) out. */
export type RpcHandlerFn<M extends DescMethodUnary> = (
  request: MessageShape<M['input']>,
) => Promise<MessageInitShape<M['output']>>;

/** Handlers for every method of a service: a controller `implements RpcHandlers<typeof X>`. */
export type RpcHandlers<S extends { method: Record<string, DescMethodUnary> }> = {
  [K in keyof S['method']]: RpcHandlerFn<S['method'][K]>;
};

/**
 * Marks a controller method as the handler of one proto method: subscribes to its subject,
 * restores the request context from the headers, decodes and encodes with the method's schemas,
 * and turns every thrown error into an RpcReply error (unexpected ones logged with a correlation id).
 */
export function RpcMethod(method: DescMethodUnary): MethodDecorator {
  const subject = subjectOf(method);
  return (target, key, descriptor) => {
    const handler = descriptor.value as unknown as (request: unknown) => Promise<unknown>;
    const wrapped = async function (
      this: unknown,
      data: Uint8Array,
      natsContext: NatsContext,
    ): Promise<Uint8Array> {
      const headers = natsContext.getHeaders() as HeaderCarrier | undefined;
      const context = readContextHeaders(headers);
      return runInContext(context, () =>
        withIncomingSpan(subject, headers, async () => {
          const started = performance.now();
          const seconds = () => (performance.now() - started) / 1000;
          try {
            const request = fromBinary(method.input, data);
            const result = (await handler.call(this, request)) as MessageInitShape<typeof method.output>;
            const payload = toBinary(method.output, create(method.output, result));
            recordRpcServed(subject, 'ok', seconds());
            return toBinary(
              RpcReplySchema,
              create(RpcReplySchema, { result: { case: 'payload', value: payload } }),
            );
          } catch (thrown) {
            const correlationId = randomUUID();
            // A unique key hit by concurrent creates, or text the database refuses: the caller's doing.
            const error = thrown instanceof DomainError ? thrown : (fromDatabaseError(thrown) ?? thrown);
            if (error instanceof DomainError) {
              logger.info({ subject, err: error.message, code: error.code }, 'request refused');
            } else {
              logger.error({ subject, err: error, correlationId }, 'request failed');
            }
            recordRpcServed(subject, error instanceof DomainError ? 'refused' : 'error', seconds());
            const detail = toErrorDetail(error, correlationId);
            return toBinary(
              RpcReplySchema,
              create(RpcReplySchema, { result: { case: 'error', value: detail } }),
            );
          }
        }),
      );
    };
    Object.defineProperty(wrapped, 'name', { value: String(key) });
    descriptor.value = wrapped as never;
    // Nest passes a handler only the arguments it has parameter metadata for.
    Payload()(target, key, 0);
    Ctx()(target, key, 1);
    MessagePattern(subject)(target, key, descriptor);
    return descriptor;
  };
}
