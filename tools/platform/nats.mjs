import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { spawnNatsServer, tcpAnswers } from '@dangjian/processes';

/**
 * NATS for the platform: NATS_URL if given; else nats://127.0.0.1:4222 if it answers; else
 * `nats-server -js` from PATH; else one clear line saying how to get one.
 */
export async function resolveNats({ natsUrl, logFile } = {}) {
  if (natsUrl) return { url: natsUrl, stop: async () => {} };
  if (await tcpAnswers('127.0.0.1', 4222)) return { url: 'nats://127.0.0.1:4222', stop: async () => {} };
  const spawned = await spawnNatsServer({ logFile }).catch(() => undefined);
  if (spawned) return spawned;
  throw new Error(
    'no NATS: set NATS_URL, start one on 127.0.0.1:4222, or install nats-server (apt-get install nats-server) so it can be spawned',
  );
}

/**
 * Deletes the event streams (and with them their durable consumers) of one platform namespace, so a
 * platform started on fresh databases also starts with fresh streams. Other namespaces are untouched.
 */
export async function dropNamespaceStreams(natsUrl, namespace) {
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await jetstreamManager(nc);
    for await (const stream of jsm.streams.list()) {
      if (stream.config.name.startsWith(`${namespace}-events-`)) await jsm.streams.delete(stream.config.name);
    }
  } finally {
    await nc.close();
  }
}

export { spawnNatsServer };
