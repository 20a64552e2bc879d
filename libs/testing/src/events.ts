import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { offNamespace, onNamespace, streamOf } from '@dangjian/contracts';

export interface StreamedEvent {
  subject: string;
  data: Uint8Array;
  headers: Record<string, string>;
}

/**
 * The events published so far on a JetStream subject of a platform (named without its namespace) (read from the stream's start with an ordered
 * consumer), polled until `until` holds or the time is up: the outbox relay publishes a moment after
 * the transaction commits.
 */
export async function streamEvents(
  bus: { natsUrl: string; namespace: string },
  subject: string,
  until: (events: StreamedEvent[]) => boolean,
  timeoutMs = 10_000,
): Promise<StreamedEvent[]> {
  const service = subject.split('.')[1]!;
  const nc = await connect({ servers: bus.natsUrl });
  try {
    const js = jetstream(nc);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { name } = streamOf(bus.namespace, service);
      const consumer = await js.consumers.get(name, { filter_subjects: onNamespace(bus.namespace, subject) });
      const events: StreamedEvent[] = [];
      for (;;) {
        const message = await consumer.next({ expires: 1000 });
        if (!message) break;
        const headers: Record<string, string> = {};
        for (const [key, values] of message.headers ?? []) headers[key] = values[0] ?? '';
        events.push({ subject: offNamespace(bus.namespace, message.subject), data: message.data, headers });
      }
      if (until(events) || Date.now() > deadline) return events;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await nc.close();
  }
}
