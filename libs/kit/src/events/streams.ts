import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { streamOf } from '@dangjian/contracts';
import type { Bus } from '../bus/namespace.js';

/** Creates the stream of a service's events (streamOf) if it does not exist yet. */
export async function ensureStream(bus: Bus, service: string): Promise<JetStreamManager> {
  const jsm = await jetstreamManager(bus.nats);
  const { name, subjects } = streamOf(bus.namespace, service);
  try {
    await jsm.streams.info(name);
  } catch {
    // Two minutes of publish de-duplication by Nats-Msg-Id covers relay retries.
    await jsm.streams
      .add({ name, subjects, duplicate_window: 120_000_000_000, num_replicas: bus.streamReplicas ?? 1 })
      .catch(async (error: unknown) => {
        if (!/already in use|exists/i.test(String(error))) throw error;
      });
  }
  return jsm;
}
