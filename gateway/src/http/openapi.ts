import type { OpenAPIObject } from '@nestjs/swagger';

/*
 * The API description clients can use (issue 13): every operation says its problem+json errors and
 * its security. Routes declare their access with one decorator each (lint rule `dangjian/route-access`);
 * those that need a token carry the bearer scheme, so an operation without it is public and says so
 * with `security: []`. `redocly lint` (recommended rules) checks the result in the test suite.
 */

type Operation = {
  security?: Record<string, string[]>[];
  parameters?: { in: string }[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
};

const PROBLEM_SCHEMA = {
  type: 'object',
  description:
    'RFC 9457 problem details. `errors[]` names each field with a stable code and its params; `rule` names the domain rule that refused.',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', example: 'about:blank' },
    title: { type: 'string', example: 'Bad Request' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'code', 'description'],
        properties: {
          field: { type: 'string', example: 'filter.withinId' },
          code: { type: 'string', example: 'not_an_id' },
          params: {
            type: 'object',
            additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
          },
          description: { type: 'string' },
        },
      },
    },
    rule: { type: 'string' },
    ruleParams: { type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] } },
    correlationId: { type: 'string' },
  },
};

const PROBLEMS: Record<string, string> = {
  '400': 'The request is malformed; `errors[]` names each field and its problem.',
  '401': 'No valid access token.',
  '403': 'The caller’s roles, tenant, modules or organisations do not allow this.',
  '404': 'Not found in the caller’s tenant.',
  '409': 'A conflict with the current state (a taken code, a concurrent change).',
  '422': 'A rule of the domain refused it; `rule` names it.',
  '429': 'Too many attempts; try again later.',
  '503': 'A service behind the gateway is unavailable.',
  '504': 'A service behind the gateway did not answer in time.',
};

const problemRef = (status: string) => ({ $ref: `#/components/responses/Problem${status}` });

/** The document with errors, security, servers and licence filled in. */
export function describeApi(document: OpenAPIObject): OpenAPIObject {
  document.servers = [{ url: '/', description: 'this deployment (the gateway)' }];
  // Licensed to each operator by contract: no public licence URL (redocly.yaml says why).
  document.info.license = { name: 'Proprietary' };
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, Problem: PROBLEM_SCHEMA as never };
  document.components.responses = Object.fromEntries(
    Object.entries(PROBLEMS).map(([status, description]) => [
      `Problem${status}`,
      {
        description,
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      },
    ]),
  );
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, value] of Object.entries(item)) {
      if (!['get', 'put', 'post', 'delete', 'patch'].includes(method)) continue;
      const operation = value as Operation;
      const secured = (operation.security ?? []).length > 0;
      if (!secured) operation.security = [];
      const statuses = ['400'];
      if (secured) statuses.push('401', '403');
      if (path.includes('{')) statuses.push('404');
      if (method !== 'get') statuses.push('409', '422');
      if (path.includes('/login') || path.includes('/invitations/')) statuses.push('429');
      if (!path.startsWith('/health')) statuses.push('503', '504');
      operation.responses ??= {};
      for (const status of statuses) operation.responses[status] ??= problemRef(status);
    }
  }
  return document;
}
