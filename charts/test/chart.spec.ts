// The charts as an operator meets them: linted strictly, rendered for a trial, the defaults and a
// province's production, every object valid for Kubernetes and for the operators' CRDs, and the
// rendered workloads agreeing with what the code reads.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig, serviceRoles, type ConfigSpec } from '@dangjian/kit';
import { SERVICES } from '@dangjian/tools/services';
import { parse } from 'yaml';
import { deployableConfigSpecs } from './config-specs.js';
import {
  chartsDir,
  component,
  helm,
  INFRA_CHART,
  ofKind,
  PLATFORM_CHART,
  podSpec,
  render,
  resolveEnv,
  VALUE_SETS,
  valuesFile,
  type Container,
  type K8sObject,
} from './helm.js';
import { allows } from './network-policy.js';
import { validateObjects } from './validate.js';

const CHARTS = [PLATFORM_CHART, INFRA_CHART];
const rendered = (chart: string, set: (typeof VALUE_SETS)[number]) =>
  render(chart, { values: [valuesFile(chart, set)] });

/** The platform's own processes (not the OpenTelemetry Collector the chart may add). */
const platformDeployments = (objects: K8sObject[]) =>
  ofKind(objects, 'Deployment').filter((d) => component(d) !== 'otel-collector');

const env = (container: Container) => new Map((container.env ?? []).map((e) => [e.name, e]));

describe.each(CHARTS.map((chart) => [chart.slice(chartsDir.length), chart]))('chart %s', (_name, chart) => {
  it.each(VALUE_SETS)('passes helm lint --strict with the %s values', (set) => {
    const result = helm(['lint', '--strict', chart, '-f', valuesFile(chart, set)]);
    expect(`${result.stdout}${result.stderr}`).toContain('0 chart(s) failed');
    expect(result.status).toBe(0);
  });

  it.each(VALUE_SETS)(
    'renders the %s values into objects Kubernetes and the operators accept',
    async (set) => {
      const objects = rendered(chart, set);
      expect(objects.length).toBeGreaterThan(0);
      expect(await validateObjects(objects)).toEqual([]);
    },
  );
});

describe('the platform chart', () => {
  const all = Object.fromEntries(VALUE_SETS.map((set) => [set, rendered(PLATFORM_CHART, set)]));

  it('deploys every service the code has, with the command the build produces', () => {
    for (const objects of Object.values(all)) {
      const deployments = platformDeployments(objects);
      expect(deployments.map(component).sort()).toEqual(['gateway', ...SERVICES.map((s) => s.name)].sort());
      for (const service of SERVICES) {
        const container = podSpec(deployments.find((d) => component(d) === service.name)!).containers[0]!;
        expect(container.command).toEqual(['node', service.main]);
      }
    }
  });

  it.each(VALUE_SETS)(
    'gives every pod probes, limits and a non-root, read-only security context (%s)',
    (set) => {
      const objects = all[set]!;
      const pods = [...ofKind(objects, 'Deployment'), ...ofKind(objects, 'Job')];
      expect(pods.length).toBeGreaterThanOrEqual(11);
      for (const object of pods) {
        const spec = podSpec(object);
        expect(spec.securityContext).toMatchObject({
          runAsNonRoot: true,
          seccompProfile: { type: 'RuntimeDefault' },
        });
        expect(spec.automountServiceAccountToken).toBe(false);
        for (const container of spec.containers) {
          const where = `${object.kind} ${object.metadata.name}`;
          expect({ where, ...container.securityContext }).toEqual({
            where,
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
          });
          for (const bound of ['requests', 'limits'] as const)
            expect(Object.keys(container.resources?.[bound] ?? {}).sort()).toEqual(['cpu', 'memory']);
          if (object.kind === 'Deployment')
            for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe'] as const) {
              const port = container[probe]?.httpGet.port;
              expect({ where, probe, port: container.ports?.some((p) => p.name === port) }).toEqual({
                where,
                probe,
                port: true,
              });
            }
        }
      }
    },
  );

  it.each(VALUE_SETS)(
    'sets every variable each process requires, and none it does not read (%s)',
    async (set) => {
      const specs = await deployableConfigSpecs();
      for (const deployment of platformDeployments(all[set]!)) {
        const container = podSpec(deployment).containers[0]!;
        const spec: ConfigSpec = specs[component(deployment)]!;
        const source = resolveForConfig(container);
        // The logger's SERVICE_NAME and the $(PG_…) helpers that URLs are composed of are not config.
        const unknown = [...source.keys()].filter(
          (name) =>
            !(name in spec) && name !== 'SERVICE_NAME' && !/^PG_[A-Z]+_(APP|OUTBOX)_PASSWORD$/.test(name),
        );
        expect({ deployment: deployment.metadata.name, unknown }).toEqual({
          deployment: deployment.metadata.name,
          unknown: [],
        });
        expect(() => parseConfig(spec, Object.fromEntries(source))).not.toThrow();
      }
    },
  );

  it('runs each service migration as a Job before the Deployments roll, with the owner role only there', () => {
    for (const objects of Object.values(all)) {
      const jobs = ofKind(objects, 'Job');
      expect(jobs.map((j) => j.metadata.name.replace(/^dj-dangjian-|-migrate$/g, '')).sort()).toEqual(
        SERVICES.map((s) => s.name).sort(),
      );
      for (const job of jobs) {
        expect(job.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
        const container = podSpec(job).containers[0]!;
        const service = SERVICES.find((s) => job.metadata.name === `dj-dangjian-${s.name}-migrate`)!;
        expect(container.command).toEqual(['node', service.migrate]);
        const names = [...env(container).keys()];
        expect(names).toContain('MIGRATION_DATABASE_URL');
        expect(names).not.toContain('DATABASE_URL');
      }
      for (const deployment of platformDeployments(objects)) {
        expect(deployment.metadata.annotations?.['helm.sh/hook']).toBeUndefined();
        const names = [...env(podSpec(deployment).containers[0]!).keys()];
        expect(names.filter((n) => /MIGRATION|OWNER/.test(n))).toEqual([]);
      }
    }
  });

  it('references exactly the Secrets the operator makes, and the infra chart makes the roles they log in as', () => {
    const platform = all['default']!;
    const infra = rendered(INFRA_CHART, 'default');
    const refs = new Set<string>();
    for (const object of [...ofKind(platform, 'Deployment'), ...ofKind(platform, 'Job')])
      for (const e of podSpec(object).containers[0]!.env ?? [])
        if (e.valueFrom?.secretKeyRef)
          refs.add(`${e.valueFrom.secretKeyRef.name}/${e.valueFrom.secretKeyRef.key}`);
    const expected = new Set([
      'dangjian-pii/master-key',
      // Optional: only while the master key changes (decision 0041).
      'dangjian-pii/accepted-master-keys',
      'dangjian-keycloak-admin/client-secret',
      ...SERVICES.flatMap((s) =>
        ['owner', 'app', 'outbox'].map((r) => `dangjian-pg-${s.name}-${r}/password`),
      ),
    ]);
    expect([...refs].sort()).toEqual([...expected].sort());

    const cluster = ofKind(infra, 'Cluster')[0]!;
    const roles = (
      cluster.spec as { managed: { roles: { name: string; passwordSecret: { name: string } }[] } }
    ).managed.roles;
    for (const service of SERVICES) {
      const { app, outbox } = serviceRoles(service.name);
      for (const [role, suffix] of [
        [app, 'app'],
        [outbox, 'outbox'],
        [`${service.name}_owner`, 'owner'],
      ] as const) {
        expect(roles.find((r) => r.name === role)?.passwordSecret.name).toBe(
          `dangjian-pg-${service.name}-${suffix}`,
        );
      }
      const database = ofKind(infra, 'Database').find(
        (d) => (d.spec as { name: string }).name === `dangjian_${service.name}`,
      );
      expect(database?.spec).toMatchObject({
        owner: `${service.name}_owner`,
        databaseReclaimPolicy: 'retain',
      });
      // The platform's URLs name the same role, database and read-write Service.
      const deployment = ofKind(platform, 'Deployment').find((d) => component(d) === service.name)!;
      expect(env(podSpec(deployment).containers[0]!).get('DATABASE_URL')?.value).toBe(
        `postgresql://${app}:$(PG_${service.name.toUpperCase()}_APP_PASSWORD)@dangjian-pg-rw:5432/dangjian_${service.name}`,
      );
    }
    for (const role of roles) expect(role).toMatchObject({ superuser: false, bypassrls: false, login: true });
  });

  it('lets pods talk only along the platform paths', () => {
    const ns = 'dangjian';
    for (const [set, controller] of [
      ['production', 'ingress-nginx'],
      ['small', 'ingress-nginx'],
    ] as const) {
      const objects = all[set]!;
      const policies = ofKind(objects, 'NetworkPolicy');
      const labels = (name: string) => ({
        ...ofKind(objects, name.endsWith('migrate') ? 'Job' : 'Deployment')
          .map((o) => (o.spec as { template: { metadata: { labels: Record<string, string> } } }).template)
          .find((t) => t.metadata.labels['app.kubernetes.io/component'] === name)!.metadata.labels,
      });
      const natsNs = set === 'production' ? 'nats' : ns;
      const nats = { pod: { 'app.kubernetes.io/name': 'nats' }, namespace: natsNs };
      const postgres =
        set === 'production'
          ? { pod: { 'cnpg.io/cluster': 'dangjian-pg' }, namespace: ns }
          : { ip: '10.96.4.5' };
      const dns = { pod: { 'k8s-app': 'kube-dns' }, namespace: 'kube-system' };
      const ingress = { pod: { 'app.kubernetes.io/name': 'ingress-nginx' }, namespace: controller };
      const internet = { ip: '203.0.113.7' };
      const out = (from: string, to: Parameters<typeof allows>[4], port: number) =>
        allows(policies, ns, 'Egress', labels(from), to, port);
      const into = (to: string, from: Parameters<typeof allows>[4], port: number) =>
        allows(policies, ns, 'Ingress', labels(to), from, port);

      for (const service of SERVICES.map((s) => s.name)) {
        const where = `${set} ${service}`;
        expect([
          where,
          out(service, nats, 4222),
          out(service, postgres, 5432),
          out(service, dns, 53),
        ]).toEqual([where, true, true, true]);
        expect([
          where,
          out(`${service}-migrate`, postgres, 5432),
          out(`${service}-migrate`, nats, 4222),
        ]).toEqual([where, true, false]);
        expect([
          where,
          into(service, ingress, 8081),
          into(service, { pod: labels('gateway'), namespace: ns }, 8081),
        ])
          // The embedded provider alone is reached from the ingress, on its own port.
          .toEqual([where, false, false]);
        const notifies = service === 'identity';
        expect([where, out(service, internet, 443), out(service, internet, 587)]).toEqual([
          where,
          notifies,
          notifies,
        ]);
        // Never into the cluster's private ranges on the notification ports (a tenant's webhook URL).
        expect([where, out(service, { ip: '10.1.2.3' }, 443)]).toEqual([where, false]);
      }
      expect(into('gateway', ingress, 3000)).toBe(true);
      expect(into('gateway', { pod: labels('organisation'), namespace: ns }, 3000)).toBe(false);
      expect(into('gateway', ingress, 8081)).toBe(false);
      expect(out('gateway', nats, 4222)).toBe(true);
      expect(out('gateway', postgres, 5432)).toBe(false);
      expect(out('gateway', internet, 443)).toBe(false);
      expect(into('identity', ingress, 8080)).toBe(set === 'small');
      // Prometheus reads /metrics from its namespace only: the gateway's metrics port, the services' health port.
      const prometheus = { pod: { 'app.kubernetes.io/name': 'prometheus' }, namespace: 'monitoring' };
      expect(into('gateway', prometheus, 9464)).toBe(true);
      expect(into('gateway', ingress, 9464)).toBe(false);
      expect(into('organisation', prometheus, 8081)).toBe(true);
      expect(into('organisation', prometheus, 5432)).toBe(false);
      // Traces and metrics go to the chart's collector where it runs (production), nowhere else.
      const collector = {
        pod: {
          'app.kubernetes.io/instance': 'dj',
          'app.kubernetes.io/name': 'dangjian',
          'app.kubernetes.io/component': 'otel-collector',
        },
        namespace: ns,
      };
      expect(out('organisation', collector, 4318)).toBe(set === 'production');
      expect(out('gateway', collector, 4318)).toBe(set === 'production');
    }
  });

  it('refuses wrong values at install with a message naming the value', () => {
    const refused = (set: Record<string, string>) => {
      try {
        render(PLATFORM_CHART, { set });
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(refused({ baseDomain: 'https://dangjian.example.cn' })).toContain("at '/baseDomain'");
    expect(refused({ 'services.audit.replicas': '1' })).toMatch(/\/services.*'audit' not allowed/);
    expect(refused({ 'postgres.mode': 'sqlite' })).toContain("at '/postgres/mode'");
    expect(refused({ 'nats.url': 'http://nats:4222' })).toContain("at '/nats/url'");
    expect(refused({ 'podSecurityContext.runAsNonRoot': 'false' })).toContain(
      "at '/podSecurityContext/runAsNonRoot'",
    );
    expect(refused({ 'identityProvider.kind': 'embedded' })).toContain('services.identity.replicas to 1');
    expect(refused({ 'identityProvider.kind': 'embedded', 'services.identity.replicas': '1' })).toBe('');
  });

  it('runs each deployable from the Dockerfile target of its name, laid out as the chart expects', () => {
    const dockerfile = readFileSync(join(chartsDir, '..', 'Dockerfile'), 'utf8');
    const targets = new Map<string, string>();
    for (const part of dockerfile.split(/^(?=FROM )/m)) {
      const name = /^FROM \S+ AS (\S+)/.exec(part)?.[1];
      if (name) targets.set(name, part);
    }
    const runtime = targets.get('runtime')!;
    expect(runtime).toMatch(/^WORKDIR \/app$/m);
    expect(runtime).toMatch(/^USER 10001$/m);
    const objects = all['production']!;
    const pod = podSpec(platformDeployments(objects)[0]!);
    expect(pod.securityContext?.['runAsUser']).toBe(10001);
    for (const object of [...platformDeployments(objects), ...ofKind(objects, 'Job')]) {
      const container = podSpec(object).containers[0]!;
      const name = /\/([a-z]+):[^/]+$/.exec(container.image)![1]!;
      const target = targets.get(name);
      expect({ image: container.image, target: Boolean(target) }).toEqual({
        image: container.image,
        target: true,
      });
      expect(container.workingDir).toBe('/app');
      // The file the container runs is copied into its image (dist of the deployable).
      const dist = container.command[1]!.replace(/\/dist\/.*$/, '/dist');
      expect(target).toContain(`COPY --from=build /src/${dist} ${dist}`);
      if (object.kind === 'Deployment')
        expect(target).toContain(`CMD ${JSON.stringify(container.command).replace(/,/g, ', ')}`);
      else expect(target).toContain(`COPY --from=build /src/services/${name}/prisma/migrations`);
    }
  });

  it('has stream replicas that match the NATS cluster it documents', () => {
    const nats = parse(readFileSync(join(chartsDir, 'nats-values.yaml'), 'utf8')) as {
      config: { cluster: { enabled: boolean; replicas: number }; jetstream: { enabled: boolean } };
    };
    expect(nats.config.cluster).toMatchObject({ enabled: true, replicas: 3 });
    expect(nats.config.jetstream.enabled).toBe(true);
    for (const deployment of platformDeployments(all['default']!))
      expect(env(podSpec(deployment).containers[0]!).get('JETSTREAM_REPLICAS')?.value).toBe('3');
  });
});

describe('the infra chart', () => {
  const realm = (objects: K8sObject[]) =>
    (ofKind(objects, 'KeycloakRealmImport')[0]!.spec as { realm: KeycloakRealm }).realm;

  it('imports the realm the embedded provider imitates', () => {
    const spec = realm(rendered(INFRA_CHART, 'production'));
    expect(spec).toMatchObject({ realm: 'dangjian', enabled: true, organizationsEnabled: true });
    expect(spec.roles.realm.map((r) => r.name)).toContain('platform-operator');
    const client = (id: string) => spec.clients.find((c) => c.clientId === id)!;
    expect(client('dangjian-console')).toMatchObject({
      publicClient: true,
      standardFlowEnabled: true,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: false,
      redirectUris: ['https://dangjian.gov.example.cn/console/*'],
      attributes: { 'pkce.code.challenge.method': 'S256' },
    });
    expect(client('dangjian-cli')).toMatchObject({ publicClient: true, directAccessGrantsEnabled: true });
    expect(client('dangjian-admin')).toMatchObject({ publicClient: false, serviceAccountsEnabled: true });
    // Its secret comes from a Secret through the operator's placeholder, never from the chart.
    expect(client('dangjian-admin').secret).toBe('${ADMIN_CLIENT_SECRET}');
    for (const id of ['dangjian-console', 'dangjian-cli']) {
      const claims = client(id).protocolMappers!.map((m) => [m.protocolMapper, m.config['claim.name']]);
      expect(claims).toEqual(
        expect.arrayContaining([
          ['oidc-usermodel-realm-role-mapper', 'realm_access.roles'],
          ['oidc-organization-membership-mapper', 'organization'],
        ]),
      );
    }
  });

  it('renders no Keycloak where the trial uses the embedded provider', () => {
    const objects = rendered(INFRA_CHART, 'small');
    expect(ofKind(objects, 'Keycloak')).toEqual([]);
    expect(ofKind(objects, 'Database').map((d) => (d.spec as { name: string }).name)).not.toContain(
      'keycloak',
    );
  });
});

interface KeycloakRealm {
  realm: string;
  roles: { realm: { name: string }[] };
  clients: {
    clientId: string;
    secret?: string;
    protocolMappers?: { protocolMapper: string; config: Record<string, string> }[];
    [key: string]: unknown;
  }[];
}

/** The environment as the configuration parser gets it, Secrets by plausible stand-ins of the right shape. */
function resolveForConfig(container: Container): Map<string, string> {
  return resolveEnv(container, (ref) =>
    ref.key.endsWith('_URL')
      ? 'postgresql://role:secret@postgres:5432/db'
      : ref.key === 'master-key' || ref.key === 'accepted-master-keys'
        ? Buffer.alloc(32, 7).toString('base64')
        : 'stand-in',
  );
}
