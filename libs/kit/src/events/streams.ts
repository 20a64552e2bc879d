import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

/** The stream that holds one service's events: `EVENTS_<SERVICE>` over `events.<service>.>`. */
export function streamOf(service: string): { name: string; subjects: string[] } {
  return { name: `EVENTS_${service.toUpperCase()}`, subjects: [`events.${service}.>`] };
}

export async function ensureStream(nc: NatsConnection, service: string): Promise<JetStreamManager> {
  const jsm = await jetstreamManager(nc);
  const { name, subjects } = streamOf(service);
  try {
    await jsm.streams.info(name);
  } catch {
    // Two minutes of publish de-duplication by Nats-Msg-Id covers relay retries.
    await jsm.streams.add({ name, subjects, duplicate_window: 120_000_000_000 }).catch(async (error: unknown) => {
      if (!/already in use|exists/i.test(String(error))) throw error;
    });
  }
  return jsm;
}
