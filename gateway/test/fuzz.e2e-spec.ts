import { passwordLogin } from '@dangjian/testing';
import { gateway, invite, platform, tokenFor, uniqueSlug } from './support.js';

/*
 * A fuzz pass of every JSON write route, generated from the gateway's OpenAPI document (issue 11):
 * a plausible body built from each route's schema, then one property at a time replaced by what an
 * attacker or a broken client sends — NUL characters, nulls, numbers at the edges, wrong types,
 * huge strings — plus deep nesting. No answer may be a 5xx; text problems are 400s naming the field.
 * A new route is covered without anyone writing a test for it. It runs in a tenant of its own, so
 * whatever the plausible bodies create disturbs no other test.
 */
type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  example?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  readOnly?: boolean;
};
interface Doc {
  paths: Record<
    string,
    Record<
      string,
      {
        security?: unknown[];
        parameters?: { name: string; in: string }[];
        requestBody?: { content?: Record<string, { schema: Schema }> };
      }
    >
  >;
  components: { schemas: Record<string, Schema> };
}

const RANDOM_ID = '00000000-0000-4000-8000-000000000001';
const FIXED_SEED = 20261130;

/** A small deterministic generator: the same pass every CI run. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function resolve(doc: Doc, schema: Schema): Schema {
  if (schema.$ref) return resolve(doc, doc.components.schemas[schema.$ref.split('/').pop()!]!);
  if (schema.allOf) return resolve(doc, schema.allOf[0]!);
  return schema;
}

/** A plausible value for a property, from its schema and name. */
function plausible(doc: Doc, name: string, raw: Schema): unknown {
  const schema = resolve(doc, raw);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type) {
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return bodyOf(doc, schema);
  }
  if (/Id$/.test(name)) return RANDOM_ID;
  if (/On$/.test(name)) return '2026-11-30';
  if (/At$/.test(name)) return '2026-11-30T09:00:00+08:00';
  return 'x';
}

function bodyOf(doc: Doc, raw: Schema): Record<string, unknown> {
  const schema = resolve(doc, raw);
  const body: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (!(schema.required ?? []).includes(name) || property.readOnly) continue;
    body[name] = plausible(doc, name, property);
  }
  return body;
}

/** Every (path, schema) of string properties, nested objects included. */
function stringFields(doc: Doc, raw: Schema, prefix = ''): string[] {
  const schema = resolve(doc, raw);
  return Object.entries(schema.properties ?? {}).flatMap(([name, property]) => {
    const resolved = resolve(doc, property);
    if (property.readOnly) return [];
    if (resolved.type === 'object' || resolved.properties)
      return stringFields(doc, resolved, `${prefix}${name}.`);
    return resolved.type === 'string' ? [`${prefix}${name}`] : [];
  });
}

function withValue(body: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let target = copy;
  for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
  target[keys[keys.length - 1]!] = value;
  return copy;
}

describe('a fuzz pass of every JSON write route', () => {
  let doc: Doc;
  let tenantAdmin: string;
  let operator: string;
  let tenant: string;

  beforeAll(async () => {
    doc = (await gateway('GET', '/api/docs-json')).body as Doc;
    operator = await tokenFor('operator');
    tenant = uniqueSlug('fuzz');
    const created = await gateway('POST', '/api/v1/tenants', {
      token: operator,
      body: {
        slug: tenant,
        name: '模糊测试',
        type: 'county',
        modules: ['organisation', 'learning', 'disclosure', 'supervision'],
      },
    });
    expect(created.status).toBe(201);
    const username = uniqueSlug('fuzz-admin');
    await invite(operator, tenant, {
      username,
      displayName: '模糊测试管理员',
      password: 'Secret-123',
      roles: ['tenant-admin'],
    });
    tenantAdmin = await passwordLogin(platform.issuer, username, 'Secret-123');
  });

  it('answers no 5xx, and names the field of every text problem, on every JSON write route', async () => {
    const next = random(FIXED_SEED);
    const writes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => op.requestBody?.content?.['application/json'])
        .map(([method, op]) => ({
          method: method.toUpperCase(),
          path: path.replace(/\{[^}]+\}/g, RANDOM_ID),
          schema: op.requestBody!.content!['application/json']!.schema,
          auth: (op.parameters ?? []).some((p) => p.in === 'header' && p.name === 'X-Tenant')
            ? { token: tenantAdmin, tenant }
            : { token: operator },
        })),
    );
    expect(writes.length).toBeGreaterThan(25);
    const failures: string[] = [];
    let requests = 0;
    const send = async (
      route: (typeof writes)[number],
      body: unknown,
      expectation: (status: number, errors: { field: string }[]) => string | undefined,
    ) => {
      requests++;
      let response = await gateway(route.method, route.path, { ...route.auth, body });
      // A timeout under the whole suite's load is the machine being busy, not the route failing on
      // this input: once more, and then any 5xx counts.
      if (response.status === 503 || response.status === 504)
        response = await gateway(route.method, route.path, { ...route.auth, body });
      const problem =
        response.status >= 500
          ? `answered ${response.status}`
          : expectation(response.status, response.body?.errors ?? []);
      if (problem)
        failures.push(`${route.method} ${route.path} ${JSON.stringify(body).slice(0, 160)}: ${problem}`);
    };
    const noFiveHundred = () => undefined;

    for (const route of writes) {
      const base = bodyOf(doc, route.schema);
      await send(route, base, noFiveHundred);
      await send(route, `{"a":${'['.repeat(3000)}${']'.repeat(3000)}}`, (status) =>
        status === 400 ? undefined : `deep JSON answered ${status}`,
      );
      for (const field of stringFields(doc, route.schema)) {
        await send(
          route,
          withValue(base, field, `a\u0000${'x'.repeat(Math.floor(next() * 20))}`),
          (status, errors) =>
            status === 400 && errors.some((e) => e.field === field)
              ? undefined
              : `NUL in ${field} answered ${status} ${JSON.stringify(errors)}`,
        );
        await send(route, withValue(base, field, 'x'.repeat(100_000)), noFiveHundred);
      }
      const properties = Object.entries(resolve(doc, route.schema).properties ?? {}).filter(
        ([, p]) => !p.readOnly,
      );
      for (const [name, property] of properties) {
        const resolved = resolve(doc, property);
        // '~无此值~' is no enum member and no valid slug or code: nothing real (a tenant other suites
        // see) is created by it.
        const values: unknown[] = [null, {}, [], true, '~无此值~', ''];
        if (resolved.type === 'integer' || resolved.type === 'number')
          values.push(1e308, -1, 2 ** 53 + 1, 0.5, -0, Math.floor(next() * 1e12));
        for (const value of values) await send(route, withValue(base, name, value), noFiveHundred);
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(300);
  }, 300_000);
});
