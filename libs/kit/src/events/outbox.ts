import { toBinary, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import { randomUUID } from 'node:crypto';
import { activeTraceparent } from '../telemetry/spans.js';

interface RawExecutor {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

export interface DomainEvent<S extends DescMessage> {
  subject: string;
  schema: S;
  message: MessageShape<S>;
  /** Tenant the event belongs to; null for platform events (a tenant created). */
  tenantId: string | null;
}

/**
 * Writes a domain event into the outbox inside the caller's business transaction: the change and
 * its event commit together or not at all. The relay publishes it later with Nats-Msg-Id = id.
 */
export async function writeOutboxEvent<S extends DescMessage>(
  tx: RawExecutor,
  event: DomainEvent<S>,
): Promise<string> {
  const id = randomUUID();
  await tx.$executeRawUnsafe(
    'insert into outbox (id, tenant_id, subject, payload, traceparent) values ($1::uuid, $2::uuid, $3, $4, $5)',
    id,
    event.tenantId,
    event.subject,
    Buffer.from(toBinary(event.schema, event.message)),
    activeTraceparent(),
  );
  return id;
}
