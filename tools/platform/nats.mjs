import { spawnNatsServer, tcpAnswers } from '@dangjian/testing';

/**
 * NATS for the platform: NATS_URL if given; else nats://127.0.0.1:4222 if it answers; else
 * `nats-server -js` from PATH; else one clear line saying how to get one.
 */
export async function resolveNats({ natsUrl, logFile } = {}) {
  if (natsUrl) return { url: natsUrl, stop: async () => {} };
  if (await tcpAnswers('127.0.0.1', 4222)) return { url: 'nats://127.0.0.1:4222', stop: async () => {} };
  const spawned = await spawnNatsServer({ logFile }).catch(() => undefined);
  if (spawned) return spawned;
  throw new Error('no NATS: set NATS_URL, start one on 127.0.0.1:4222, or install nats-server (apt-get install nats-server) so it can be spawned');
}

export { spawnNatsServer };
