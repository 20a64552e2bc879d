// The rendered chart, booted on this machine: each migration Job's and each Deployment's command and
// environment (Secrets resolved, $(VAR) expanded as the kubelet does) run against the local Postgres and
// NATS, with the Ingress played by a small proxy that routes as the rendered Ingress says. How a
// container runs is the launcher's: as a process of the repository (boot.e2e-spec.ts) or as the built
// image under podman (boot.image-spec.ts). The checks are the same for both.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { join } from 'node:path';
import pg from 'pg';
import { dropDatabase, provisionServiceDatabase, withDatabase } from '@dangjian/kit';
import { dropNamespaceStreams } from '@dangjian/tools/nats';
import { freePort, waitForHttp, type ManagedProcess } from '@dangjian/tools/processes';
import { root, SERVICES } from '@dangjian/tools/services';
import {
  component,
  ofKind,
  PLATFORM_CHART,
  podSpec,
  render,
  resolveEnv,
  valuesFile,
  type Container,
  type K8sObject,
  type PodSpec,
} from './helm.js';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.TEST_NATS_URL ?? process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/** How one container of the rendered chart runs here. */
export interface Launcher {
  /** Runs a Job's container to its end and gives its output (throws if it fails). */
  runJob(name: string, pod: PodSpec, container: Container, env: Record<string, string>): Promise<string>;
  /** Starts a Deployment's container. */
  start(
    name: string,
    pod: PodSpec,
    container: Container,
    env: Record<string, string>,
    logFile: string,
  ): ManagedProcess;
  /** Removes what a stopped container may leave behind. */
  cleanup?(): Promise<void>;
}

export interface Booted {
  objects: K8sObject[];
  publicUrl: string;
  migrationOutput: string[];
  stop(): Promise<void>;
}

/** What the operator puts in the Secrets the chart names (charts/README.md), for this machine. */
async function makeSecrets(prefix: string): Promise<Map<string, Record<string, string>>> {
  const secrets = new Map<string, Record<string, string>>();
  for (const service of SERVICES) {
    const database = `${prefix}_${service.name}`;
    await dropDatabase(ADMIN_URL, database);
    const urls = await provisionServiceDatabase(ADMIN_URL, service.name, database);
    // As on CloudNativePG: the database belongs to <service>_owner, neither superuser nor able to make
    // roles; the migrations run as that role, not as the machine's superuser.
    const owner = `${service.name}_owner`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    try {
      await admin
        .query(`create role ${owner} login nosuperuser nocreatedb nocreaterole nobypassrls`)
        .catch((error: { code?: string }) => {
          if (error.code !== '42710' && error.code !== '23505') throw error;
        });
      await admin.query(`alter database ${database} owner to ${owner}`);
    } finally {
      await admin.end();
    }
    secrets.set(`dangjian-database-${service.name}`, {
      DATABASE_URL: urls.app,
      OUTBOX_DATABASE_URL: urls.outbox,
      MIGRATION_DATABASE_URL: withDatabase(ADMIN_URL, database, owner),
    });
  }
  secrets.set('dangjian-pii', { 'master-key': randomBytes(32).toString('base64') });
  secrets.set('dangjian-oidc', { 'cookie-keys': randomBytes(32).toString('hex') });
  return secrets;
}

/** The container's environment as the kubelet would give it, from the operator's Secrets above. */
function containerEnv(
  container: Container,
  secrets: Map<string, Record<string, string>>,
): Record<string, string> {
  const resolved = Object.fromEntries(
    resolveEnv(container, (ref) => {
      const value = secrets.get(ref.name)?.[ref.key];
      if (value === undefined) throw new Error(`no Secret ${ref.name} with key ${ref.key}`);
      return value;
    }),
  );
  for (const source of container.envFrom ?? [])
    if (source.secretRef) Object.assign(resolved, secrets.get(source.secretRef.name) ?? {});
  return resolved;
}

/** The Ingress, played locally: the longest matching path of the rule for the base domain wins. */
function startIngress(objects: K8sObject[], port: number): Promise<Server> {
  const rule = (ofKind(objects, 'Ingress')[0]!.spec as unknown as IngressSpec).rules.find(
    (r) => r.host === 'localhost',
  )!;
  // Every container listens on its own port here (in a cluster each pod has its own address).
  const serviceTarget = (name: string, portName: string) => {
    const service = ofKind(objects, 'Service').find((s) => s.metadata.name === name)!;
    const spec = service.spec as {
      selector: Record<string, string>;
      ports: { name: string; targetPort: string }[];
    };
    const target = spec.ports.find((p) => p.name === portName)!.targetPort;
    const deployment = ofKind(objects, 'Deployment').find(
      (d) => component(d) === spec.selector['app.kubernetes.io/component'],
    )!;
    return podSpec(deployment).containers[0]!.ports!.find((p) => p.name === target)!.containerPort;
  };
  const paths = [...rule.http.paths].sort((a, b) => b.path.length - a.path.length);
  const server = createServer((req, res) => {
    const path = paths.find((p) => (req.url ?? '/').startsWith(p.path))!;
    const upstreamPort = serviceTarget(path.backend.service.name, path.backend.service.port.name);
    const upstream = request(
      { host: '127.0.0.1', port: upstreamPort, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

interface IngressSpec {
  rules: {
    host: string;
    http: { paths: { path: string; backend: { service: { name: string; port: { name: string } } } }[] };
  }[];
}

/**
 * Renders the chart with the trial ("small") values and this machine's addresses, runs the hook Jobs
 * (twice: a second run finds nothing to do), then every Deployment, and waits for their readiness.
 */
export async function bootChart(options: {
  launcher: Launcher;
  namespace: string;
  databasePrefix: string;
  logDir: string;
  set?: Record<string, string>;
}): Promise<Booted> {
  const { launcher, namespace, databasePrefix } = options;
  const logDir = join(root, 'test-output', 'logs', options.logDir);
  mkdirSync(logDir, { recursive: true });
  await dropNamespaceStreams(NATS_URL, namespace);
  const proxyPort = await freePort();
  const set: Record<string, string> = {
    baseDomain: 'localhost',
    publicUrl: `http://localhost:${proxyPort}`,
    platformNamespace: namespace,
    'nats.url': NATS_URL,
    'gateway.port': String(await freePort()),
    'gateway.metricsPort': String(await freePort()),
    'services.identity.oidcPort': String(await freePort()),
    ...options.set,
  };
  for (const service of SERVICES) set[`services.${service.name}.healthPort`] = String(await freePort());
  const objects = render(PLATFORM_CHART, { values: [valuesFile(PLATFORM_CHART, 'small')], set });
  const secrets = await makeSecrets(databasePrefix);
  const processes: ManagedProcess[] = [];
  let ingress: Server | undefined;
  const stop = async () => {
    ingress?.close();
    for (const proc of processes.reverse()) await proc.stop();
    await launcher.cleanup?.();
    for (const service of SERVICES) await dropDatabase(ADMIN_URL, `${databasePrefix}_${service.name}`);
    await dropNamespaceStreams(NATS_URL, namespace);
  };

  try {
    const migrationOutput: string[] = [];
    // Helm runs the hook Jobs first; each must end well.
    for (const round of [1, 2])
      for (const job of ofKind(objects, 'Job')) {
        const pod = podSpec(job);
        const container = pod.containers[0]!;
        const output = await launcher.runJob(
          `${job.metadata.name}-${round}`,
          pod,
          container,
          containerEnv(container, secrets),
        );
        migrationOutput.push(`${round} ${job.metadata.name}: ${output.trim()}`);
      }

    // Then the Deployments, all at once as the cluster starts them; ready when their readiness probe says so.
    const deployments = ofKind(objects, 'Deployment');
    for (const deployment of deployments) {
      const pod = podSpec(deployment);
      const container = pod.containers[0]!;
      processes.push(
        launcher.start(
          component(deployment),
          pod,
          container,
          containerEnv(container, secrets),
          join(logDir, `${component(deployment)}.log`),
        ),
      );
    }
    await Promise.all(
      deployments.map((deployment, i) => {
        const container = podSpec(deployment).containers[0]!;
        const probe = container.readinessProbe!.httpGet;
        const port = container.ports!.find((p) => p.name === probe.port)!.containerPort;
        return waitForHttp(`http://127.0.0.1:${port}${probe.path}`, {
          process: processes[i],
          accept: (status) => status === 200,
          timeoutMs: 180_000,
        });
      }),
    );
    ingress = await startIngress(objects, proxyPort);
    return { objects, publicUrl: `http://localhost:${proxyPort}`, migrationOutput, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The checks every boot must pass, whatever runs the containers. */
export function describeBootedChart(booted: () => Booted): void {
  it('migrates every service as its owner role, and a second run finds nothing to do', () => {
    const { migrationOutput } = booted();
    for (const service of SERVICES) {
      expect(migrationOutput).toContainEqual(
        expect.stringMatching(
          new RegExp(`^1 .*-${service.name}-migrate: ${service.name}: \\d+ migration\\(s\\) applied`),
        ),
      );
      expect(migrationOutput).toContainEqual(
        expect.stringContaining(
          `2 dj-dangjian-${service.name}-migrate: ${service.name}: 0 migration(s) applied`,
        ),
      );
    }
  });

  it('answers through the ingress: every service reachable over NATS', async () => {
    const response = await fetch(`${booted().publicUrl}/health`);
    const body = (await response.json()) as { status: string; services: Record<string, string> };
    expect(body.services).toEqual(Object.fromEntries(SERVICES.map((s) => [s.name, 'ok'])));
    expect(response.status).toBe(200);
  });

  it('serves the embedded provider at the issuer the gateway trusts, and refuses the API without a token', async () => {
    const { publicUrl } = booted();
    const discovery = await fetch(`${publicUrl}/realms/dangjian/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
    const metadata = (await discovery.json()) as { issuer: string; jwks_uri: string };
    expect(metadata.issuer).toBe(`${publicUrl}/realms/dangjian`);
    expect((await fetch(metadata.jwks_uri)).status).toBe(200);
    const refused = await fetch(`${publicUrl}/api/v1/organisations`, { headers: { 'x-tenant': 'demo' } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers the Prometheus scrape on the ports the chart annotates', async () => {
    for (const deployment of ofKind(booted().objects, 'Deployment')) {
      const template = (
        deployment.spec as { template: { metadata: { annotations: Record<string, string> } } }
      ).template;
      const port = template.metadata.annotations['prometheus.io/port'];
      const scrape = await fetch(
        `http://127.0.0.1:${port}${template.metadata.annotations['prometheus.io/path']}`,
      );
      expect([component(deployment), scrape.status]).toEqual([component(deployment), 200]);
      expect(await scrape.text()).toContain('dangjian_');
    }
  });

  it('serves the console from the gateway image', async () => {
    const page = await fetch(`${booted().publicUrl}/console/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });
}
