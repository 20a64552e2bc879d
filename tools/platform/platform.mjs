// Brings up the whole platform on one machine: databases provisioned and migrated, demo seeded,
// every service and the gateway spawned and ready. Used by `npm start` and by the test setup.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrate, provisionServiceDatabase } from '@dangjian/kit';
import { freePort, run, startProcess, waitForHttp } from './processes.mjs';

// How long a process may take to become ready. A loaded two-CPU machine (CI runs the suite beside a
// whole quick-start platform) has taken over 30 s to boot the gateway; a broken one still fails, later.
const START_WAIT_MS = Number(process.env.PLATFORM_START_WAIT_MS ?? 120_000);
import { root, SERVICES } from './services.mjs';

/**
 * @param {object} options
 * @param {string} options.adminDatabaseUrl  a role that can create databases and roles
 * @param {string} options.natsUrl
 * @param {string} [options.namespace]     the platform's namespace on NATS (default `dangjian`)
 * @param {string} options.databasePrefix    e.g. dangjian_dev → dangjian_dev_identity
 * @param {number} [options.gatewayPort]     0 = a free port
 * @param {number} [options.oidcPort]        0 = a free port
 * @param {boolean} [options.seed]
 * @param {Record<string,string>} [options.env] extra environment for every process
 * @param {string} options.logDir
 * @param {boolean} [options.echo]           copy process output to stdout
 * @param {string[]} [options.nodeArgs]       Node flags for every service and the gateway
 */
export async function startPlatform(options) {
  mkdirSync(options.logDir, { recursive: true });
  const gatewayPort = options.gatewayPort || (await freePort());
  const oidcPort = options.oidcPort || (await freePort());
  const issuer = `http://localhost:${oidcPort}/realms/dangjian`;
  const namespace = options.namespace ?? 'dangjian';
  const common = {
    NATS_URL: options.natsUrl,
    PLATFORM_NAMESPACE: namespace,
    NODE_ENV: options.nodeEnv ?? 'development',
    LOG_LEVEL: 'info',
    ...options.env,
  };
  // Personal data is encrypted under this key: a fresh one unless the caller keeps one (npm start does).
  const piiMasterKey = options.piiMasterKey ?? randomBytes(32).toString('base64');

  const databases = {};
  for (const service of SERVICES) {
    // Local only: where the server wants passwords (embedded Postgres), service roles share the admin's.
    const rolePassword = decodeURIComponent(new URL(options.adminDatabaseUrl).password) || undefined;
    const urls = await provisionServiceDatabase(
      options.adminDatabaseUrl,
      service.name,
      `${options.databasePrefix}_${service.name}`,
      rolePassword,
    );
    await migrate(urls.admin, join(root, service.migrations));
    databases[service.name] = urls;
  }

  const processes = [];
  const stopAll = async () => {
    for (const proc of [...processes].reverse()) await proc.stop();
  };
  try {
    for (const service of SERVICES) {
      const healthPort = await freePort();
      const env = {
        ...common,
        SERVICE_NAME: service.name,
        DATABASE_URL: databases[service.name].app,
        OUTBOX_DATABASE_URL: databases[service.name].outbox,
        HEALTH_PORT: String(healthPort),
        ...(service.name === 'identity'
          ? {
              OIDC_PORT: String(oidcPort),
              OIDC_ISSUER: issuer,
              CONSOLE_REDIRECT_URIS: consoleRedirects(gatewayPort, options),
            }
          : {}),
        ...(['organisation', 'supervision'].includes(service.name) ? { PII_MASTER_KEY: piiMasterKey } : {}),
      };
      const proc = startProcess(
        service.name,
        'node',
        [...(options.nodeArgs ?? []), join(root, service.main)],
        {
          env,
          logFile: join(options.logDir, `${service.name}.log`),
          echo: options.echo,
        },
      );
      processes.push(proc);
      await waitForHttp(`http://127.0.0.1:${healthPort}/ready`, {
        process: proc,
        accept: (s) => s === 200,
        timeoutMs: START_WAIT_MS,
      });
      Object.assign(proc, { healthUrl: `http://127.0.0.1:${healthPort}`, env });
      // Seeds run once their service is up: a service's seed may ask the ones started before it.
      if (options.seed && existsSync(join(root, service.seed)))
        await run('node', [join(root, service.seed)], { env });
    }
    const metricsPort = await freePort();
    const gatewayEnv = {
      ...common,
      SERVICE_NAME: 'gateway',
      PORT: String(gatewayPort),
      METRICS_PORT: String(metricsPort),
      OIDC_ISSUER: issuer,
      CORS_ORIGINS: `http://localhost:${gatewayPort},http://localhost:5173`,
      ...(options.consoleDist ? { CONSOLE_DIST: options.consoleDist } : {}),
    };
    const gateway = startProcess(
      'gateway',
      'node',
      [...(options.nodeArgs ?? []), join(root, 'gateway/dist/main.js')],
      {
        env: gatewayEnv,
        logFile: join(options.logDir, 'gateway.log'),
        echo: options.echo,
      },
    );
    processes.push(gateway);
    await waitForHttp(`http://127.0.0.1:${gatewayPort}/health/ready`, {
      process: gateway,
      accept: (s) => s === 200,
      timeoutMs: START_WAIT_MS,
    });
    Object.assign(gateway, { env: gatewayEnv, metricsUrl: `http://127.0.0.1:${metricsPort}/metrics` });
  } catch (error) {
    await stopAll();
    throw error;
  }
  return {
    gatewayUrl: `http://localhost:${gatewayPort}`,
    issuer,
    namespace,
    databases,
    processes,
    stop: stopAll,
  };
}

function consoleRedirects(gatewayPort, options) {
  return [
    `http://localhost:${gatewayPort}/console/`,
    'http://localhost:5173/',
    ...(options.extraRedirects ?? []),
  ].join(',');
}
