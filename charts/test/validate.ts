// Validates rendered objects against the Kubernetes API schema (kubernetes-models: the OpenAPI of a
// current Kubernetes) and the operators' CRD schemas (@kubernetes-models/cloudnative-pg,
// @kubernetes-models/prometheus-operator). The Keycloak operator publishes no such package: its two
// kinds are checked here for the fields its CRDs require (charts/README.md says so).
import type { K8sObject } from './helm.js';

type ModelClass = new (data: unknown) => { validate(): void };

const MODULES: Record<string, string> = {
  'postgresql.cnpg.io/v1': '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1',
  'monitoring.coreos.com/v1': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1',
};

async function modelOf(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  const path = MODULES[apiVersion] ?? `kubernetes-models/${apiVersion}`;
  try {
    const module = (await import(path)) as Record<string, ModelClass>;
    return module[kind];
  } catch {
    return undefined;
  }
}

function keycloakProblems(object: K8sObject): string[] {
  const spec = (object.spec ?? {}) as Record<string, unknown>;
  const missing = (fields: string[]) =>
    fields.filter((f) => spec[f] === undefined).map((f) => `spec.${f} missing`);
  if (object.kind === 'Keycloak') return missing(['instances', 'db', 'hostname', 'http']);
  if (object.kind === 'KeycloakRealmImport') {
    const realm = spec['realm'] as { realm?: unknown } | undefined;
    return [...missing(['keycloakCRName', 'realm']), ...(realm?.realm ? [] : ['spec.realm.realm missing'])];
  }
  return [`unknown kind ${object.kind}`];
}

/** One line per problem: "<Kind> <name>: <what is wrong>"; empty when every object is valid. */
export async function validateObjects(objects: K8sObject[]): Promise<string[]> {
  const problems: string[] = [];
  for (const object of objects) {
    const where = `${object.kind} ${object.metadata?.name}`;
    if (!object.metadata?.name || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(object.metadata.name)) {
      problems.push(`${where}: not a valid name`);
      continue;
    }
    if (object.apiVersion === 'k8s.keycloak.org/v2alpha1') {
      problems.push(...keycloakProblems(object).map((p) => `${where}: ${p}`));
      continue;
    }
    const Model = await modelOf(object.apiVersion, object.kind);
    if (!Model) {
      problems.push(`${where}: no schema for ${object.apiVersion}`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (error) {
      problems.push(`${where}: ${(error as Error).message}`);
    }
  }
  return problems;
}
