// The rendered chart boots the platform on this machine: each migration Job's and each Deployment's
// command and environment (Secrets resolved, $(VAR) expanded as the kubelet does) run as processes
// against the local Postgres and NATS, with the Ingress played by a small proxy that routes as the
// rendered Ingress says. A variable renamed in the code or the chart fails here, not at an install.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { join } from 'node:path';
import pg from 'pg';
import { dropDatabase, provisionServiceDatabase, withDatabase } from '@dangjian/kit';
import { dropNamespaceStreams } from '@dangjian/tools/nats';
import { freePort, run, startProcess, waitForHttp, type ManagedProcess } from '@dangjian/tools/processes';
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
} from './helm.js';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.TEST_NATS_URL ?? process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const NAMESPACE = 'dangjian-chart-boot';
const PREFIX = 'dangjian_chart_boot';
const APP_ROOT = '/app';
const logDir = join(root, 'test-output', 'logs', 'chart-boot');

let objects: K8sObject[];
let publicUrl: string;
let ingress: Server;
const processes: ManagedProcess[] = [];
const migrationOutput: string[] = [];

/** What the operator puts in the Secrets the chart names (charts/README.md), for this machine. */
async function makeSecrets(): Promise<Map<string, Record<string, string>>> {
  const secrets = new Map<string, Record<string, string>>();
  for (const service of SERVICES) {
    const database = `${PREFIX}_${service.name}`;
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
  // Paths inside the image (the app root) are the repository here.
  for (const [name, value] of Object.entries(resolved))
    if (value.startsWith(`${APP_ROOT}/`)) resolved[name] = join(root, value.slice(APP_ROOT.length));
  for (const source of container.envFrom ?? [])
    if (source.secretRef) Object.assign(resolved, secrets.get(source.secretRef.name) ?? {});
  return resolved;
}

/** Where the container runs here: its working directory under the image's app root is the repository. */
function localCwd(container: Container): string {
  const dir = container.workingDir ?? APP_ROOT;
  if (!dir.startsWith(APP_ROOT)) throw new Error(`workingDir ${dir} is outside ${APP_ROOT}`);
  return join(root, dir.slice(APP_ROOT.length));
}

/** The Ingress, played locally: the longest matching path of the rule for the base domain wins. */
function startIngress(ports: Map<string, number>, port: number): Promise<Server> {
  const rule = (ofKind(objects, 'Ingress')[0]!.spec as unknown as IngressSpec).rules.find(
    (r) => r.host === 'localhost',
  )!;
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
    const containerPort = podSpec(deployment).containers[0]!.ports!.find(
      (p) => p.name === target,
    )!.containerPort;
    return ports.get(`${component(deployment)}:${containerPort}`) ?? containerPort;
  };
  const paths = [...rule.http.paths].sort((a, b) => b.path.length - a.path.length);
  const server = createServer((req, res) => {
    const path = paths.find((p) => (req.url ?? '/').startsWith(p.path))!;
    const port = serviceTarget(path.backend.service.name, path.backend.service.port.name);
    const upstream = request(
      { host: '127.0.0.1', port, path: req.url, method: req.method, headers: req.headers },
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

beforeAll(async () => {
  mkdirSync(logDir, { recursive: true });
  await dropNamespaceStreams(NATS_URL, NAMESPACE);
  // Every container listens on its own port here (in a cluster each pod has its own address).
  const gatewayPort = await freePort();
  const proxyPort = await freePort();
  const set: Record<string, string> = {
    baseDomain: 'localhost',
    publicUrl: `http://localhost:${proxyPort}`,
    platformNamespace: NAMESPACE,
    'nats.url': NATS_URL,
    'gateway.port': String(gatewayPort),
    'gateway.metricsPort': String(await freePort()),
    'services.identity.oidcPort': String(await freePort()),
  };
  for (const service of SERVICES) set[`services.${service.name}.healthPort`] = String(await freePort());
  objects = render(PLATFORM_CHART, { values: [valuesFile(PLATFORM_CHART, 'small')], set });
  const secrets = await makeSecrets();

  // Helm runs the hook Jobs first; each must end well (twice: a second run finds nothing to do).
  for (const round of [1, 2])
    for (const job of ofKind(objects, 'Job')) {
      const container = podSpec(job).containers[0]!;
      const [command, ...args] = container.command;
      const output = await run(command!, args, {
        cwd: localCwd(container),
        env: containerEnv(container, secrets),
      });
      migrationOutput.push(`${round} ${job.metadata.name}: ${output.trim()}`);
    }

  // Then the Deployments, all at once as the cluster starts them; ready when their readiness probe says so.
  const ports = new Map<string, number>();
  const deployments = ofKind(objects, 'Deployment');
  for (const deployment of deployments) {
    const container = podSpec(deployment).containers[0]!;
    const [command, ...args] = container.command;
    const proc = startProcess(component(deployment), command!, args, {
      cwd: localCwd(container),
      env: containerEnv(container, secrets),
      logFile: join(logDir, `${component(deployment)}.log`),
    });
    processes.push(proc);
    for (const port of container.ports ?? [])
      ports.set(`${component(deployment)}:${port.containerPort}`, port.containerPort);
  }
  await Promise.all(
    deployments.map((deployment, i) => {
      const container = podSpec(deployment).containers[0]!;
      const probe = container.readinessProbe!.httpGet;
      const port = container.ports!.find((p) => p.name === probe.port)!.containerPort;
      return waitForHttp(`http://127.0.0.1:${port}${probe.path}`, {
        process: processes[i],
        accept: (status) => status === 200,
        timeoutMs: 120_000,
      });
    }),
  );
  ingress = await startIngress(ports, proxyPort);
  publicUrl = `http://localhost:${proxyPort}`;
}, 240_000);

afterAll(async () => {
  ingress?.close();
  for (const proc of processes.reverse()) await proc.stop();
  for (const service of SERVICES) await dropDatabase(ADMIN_URL, `${PREFIX}_${service.name}`);
  await dropNamespaceStreams(NATS_URL, NAMESPACE);
}, 60_000);

describe('the rendered chart, booted here', () => {
  it('migrates every service as its owner role, and a second run finds nothing to do', () => {
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
    const response = await fetch(`${publicUrl}/health`);
    const body = (await response.json()) as { status: string; services: Record<string, string> };
    expect(body.services).toEqual(Object.fromEntries(SERVICES.map((s) => [s.name, 'ok'])));
    expect(response.status).toBe(200);
  });

  it('serves the embedded provider at the issuer the gateway trusts, and refuses the API without a token', async () => {
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
    for (const deployment of ofKind(objects, 'Deployment')) {
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
    const page = await fetch(`${publicUrl}/console/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });
});
