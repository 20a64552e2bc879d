import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startProcess, tcpAnswers } from './processes.mjs';

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

/** A private nats-server with JetStream on a free port (tests that must not share the machine's). */
export async function spawnNatsServer({ logFile } = {}) {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'dj-nats-'));
  const proc = startProcess('nats', 'nats-server', ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir], { logFile });
  const deadline = Date.now() + 10_000;
  while (!(await tcpAnswers('127.0.0.1', port))) {
    if (proc.child.exitCode !== null || Date.now() > deadline) {
      await proc.stop();
      throw new Error(`nats-server did not start: ${proc.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `nats://127.0.0.1:${port}`, port, stop: () => proc.stop(), process: proc };
}
