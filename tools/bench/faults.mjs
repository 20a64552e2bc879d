// Faults under load (issue 20, item 3): a platform of its own (its own nats-server and an embedded
// Postgres cluster) with writers creating organisations through the gateway all along, while the bus
// restarts, the database restarts, the organisation service is killed (and started again, as
// Kubernetes would) and frozen for 5 s. Counted for each fault: writes accepted, refused (503, the
// writer retries the same write), hung (no answer within the RPC timeout + 5 s), lost (accepted but not
// in the database), events not sent (outbox rows still unsent after the drain), the time from the
// fault's end to the next accepted write (a killed service's restart is part of the fault), and the
// time the outbox took to drain afterwards.
import { spawnNatsServer, startProcess, waitForHttp } from '@dangjian/processes';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { accessToken } from '../platform/login.mjs';
import { startPlatform } from '../platform/platform.mjs';
import { privatePostgres } from '../platform/postgres.mjs';
import { root, SERVICES } from '../platform/services.mjs';

const say = (line) => process.stdout.write(`${line}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const RPC_TIMEOUT_MS = 3000;
const HUNG_AFTER_MS = RPC_TIMEOUT_MS + 5000;
const WRITERS = Number(process.env.BENCH_FAULT_WRITERS ?? 4);

/** Writers that create organisations until stopped; a refused or unanswered write is sent again. */
function startWriters(gatewayUrl, token, parentId, tally, tag) {
  let running = true;
  let serial = 0;
  const post = async (code) => {
    const started = performance.now();
    try {
      const response = await fetch(`${gatewayUrl}/api/v1/organisations`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'x-tenant': 'acme-corp',
          'content-type': 'application/json',
        },
        body: JSON.stringify({ name: `故障演练支部${code}`, code, kind: 'branch', parentId }),
        signal: AbortSignal.timeout(HUNG_AFTER_MS),
      });
      await response.arrayBuffer();
      return { status: response.status, ms: performance.now() - started };
    } catch (error) {
      return { status: error.name === 'TimeoutError' ? -1 : 0, ms: performance.now() - started };
    }
  };
  const writer = async (w) => {
    while (running) {
      const code = `FAULT-${tag}-${w}-${++serial}`;
      let ambiguous = false;
      for (;;) {
        const { status } = await post(code);
        tally.attempts += 1;
        if (status === -1) tally.hung += 1;
        if (status === 201 || (status === 409 && ambiguous)) {
          // A 409 after an unanswered attempt: that attempt was written (the code is taken).
          tally.accepted.push(code);
          tally.lastAccepted = performance.now();
          break;
        }
        if ([502, 503, 504, 0, -1].includes(status)) {
          tally.refused += 1;
          ambiguous = ambiguous || status !== 503;
          await sleep(200);
          continue;
        }
        tally.other.push(status);
        break;
      }
    }
  };
  const done = Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
  return async () => {
    running = false;
    await done;
  };
}

export async function benchFaults() {
  const postgres = await privatePostgres();
  const nats = await spawnNatsServer();
  let platform;
  let stopWriters;
  try {
    platform = await startPlatform({
      adminDatabaseUrl: postgres.adminUrl,
      natsUrl: nats.url,
      databasePrefix: 'dangjian_faults',
      seed: true,
      nodeEnv: 'test',
      logDir: join(root, 'test-output', 'logs', 'bench-faults'),
      env: {
        LOG_LEVEL: 'warn',
        RPC_TIMEOUT_MS: String(RPC_TIMEOUT_MS),
        RATE_LIMIT_EXEMPT: '127.0.0.1,::1',
      },
    });
    const gatewayUrl = platform.gatewayUrl.replace('localhost', '127.0.0.1');
    const token = await accessToken(platform.issuer);
    const rootOrg = await (
      await fetch(`${gatewayUrl}/api/v1/organisations`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'x-tenant': 'acme-corp',
          'content-type': 'application/json',
        },
        body: JSON.stringify({ name: '故障演练党委', code: `FAULT-ROOT-${Date.now()}`, kind: 'committee' }),
      })
    ).json();
    // One connection for the counts, made again when the database it was on restarted.
    let organisationDb;
    const database = async () => {
      if (!organisationDb) {
        const client = new pg.Client({ connectionString: platform.databases.organisation.admin });
        client.on('error', () => undefined);
        await client.connect();
        organisationDb = client;
      }
      return organisationDb;
    };
    const ask = async (sql, values) => {
      for (let attempt = 0; ; attempt++) {
        try {
          return (await (await database()).query(sql, values)).rows[0].n;
        } catch (error) {
          if (attempt > 100) throw error;
          await organisationDb?.end().catch(() => undefined);
          organisationDb = undefined;
          await sleep(200);
        }
      }
    };
    const unsent = () => ask('select count(*)::int as n from outbox where sent_at is null');

    const organisation = () => platform.processes.find((p) => p.name === 'organisation');
    const service = SERVICES.find((s) => s.name === 'organisation');
    const restartOrganisation = async () => {
      const old = organisation();
      const proc = startProcess('organisation', 'node', [join(root, service.main)], {
        env: old.env,
        logFile: join(root, 'test-output', 'logs', 'bench-faults', 'organisation.log'),
      });
      Object.assign(proc, { env: old.env, healthUrl: old.healthUrl });
      platform.processes[platform.processes.indexOf(old)] = proc;
      await waitForHttp(`${old.healthUrl}/ready`, {
        process: proc,
        accept: (s) => s === 200,
        timeoutMs: 120_000,
      });
    };
    const faults = [
      [
        'NATS restarted (down 2 s)',
        async () => {
          await nats.kill();
          await sleep(2000);
          await nats.restart();
        },
      ],
      [
        'Postgres restarted (down 2 s)',
        async () => {
          await postgres.stop();
          await sleep(2000);
          await postgres.start();
        },
      ],
      [
        'organisation killed, started again',
        async () => {
          organisation().child.kill('SIGKILL');
          await organisation().exited;
          await restartOrganisation();
        },
      ],
      [
        'organisation frozen 5 s',
        async () => {
          organisation().child.kill('SIGSTOP');
          await sleep(5000);
          organisation().child.kill('SIGCONT');
        },
      ],
    ];

    say(
      `faults: ${WRITERS} writers creating organisations through the gateway, RPC timeout ${RPC_TIMEOUT_MS} ms …`,
    );
    say(
      `${'fault'.padEnd(36)} ${'accepted'.padStart(8)} ${'refused'.padStart(8)} ${'hung'.padStart(5)} ${'lost'.padStart(5)} ${'unsent'.padStart(7)} ${'fault took'.padStart(10)} ${'recovered'.padStart(10)} ${'drained'.padStart(8)}`,
    );
    for (const [index, [name, fault]] of faults.entries()) {
      const tally = { attempts: 0, refused: 0, hung: 0, accepted: [], other: [], lastAccepted: 0 };
      stopWriters = startWriters(gatewayUrl, token, rootOrg.id, tally, `${Date.now().toString(36)}${index}`);
      await sleep(3000);
      const began = performance.now();
      await fault();
      const ended = performance.now();
      while (tally.lastAccepted < ended && performance.now() - ended < 60_000) await sleep(50);
      const recoveredMs = tally.lastAccepted >= ended ? tally.lastAccepted - ended : NaN;
      await sleep(3000);
      await stopWriters();
      stopWriters = undefined;
      const drainStarted = performance.now();
      let left = await unsent();
      while (left > 0 && performance.now() - drainStarted < 30_000) {
        await sleep(100);
        left = await unsent();
      }
      const drainedMs = performance.now() - drainStarted;
      const found = await ask('select count(*)::int as n from organisations where code = any($1)', [
        tally.accepted,
      ]);
      const lost = tally.accepted.length - found;
      say(
        `${name.padEnd(36)} ${String(tally.accepted.length).padStart(8)} ${String(tally.refused).padStart(8)} ${String(tally.hung).padStart(5)} ${String(lost).padStart(5)} ${String(left).padStart(7)} ${`${((ended - began) / 1000).toFixed(1)} s`.padStart(10)} ${`${(recoveredMs / 1000).toFixed(1)} s`.padStart(10)} ${`${(drainedMs / 1000).toFixed(1)} s`.padStart(8)}${tally.other.length ? `  other answers: ${[...new Set(tally.other)].join(', ')}` : ''}`,
      );
    }
    await organisationDb?.end().catch(() => undefined);
  } finally {
    await stopWriters?.();
    await platform?.stop();
    await nats.stop();
    await postgres.remove();
  }
}
