import { gateway } from './support.js';

/** One operation of the gateway's OpenAPI document, as the generated suites read it. */
export interface RouteOperation {
  method: string;
  /** The path with its `{…}` parameters, as documented. */
  template: string;
  secured: boolean;
  tenantScoped: boolean;
  hasBody: boolean;
  /** A file upload (CSV / .xlsx body) rather than a JSON document. */
  fileBody: boolean;
  /** The tenant roles that may call it (`x-roles`), for tenant routes. */
  roles: string[];
}

/** Every operation the gateway documents: what the route-table suites are generated from. */
export async function routeOperations(): Promise<RouteOperation[]> {
  const doc = (await gateway('GET', '/api/docs-json')).body as {
    paths: Record<
      string,
      Record<
        string,
        {
          security?: unknown[];
          parameters?: { name: string; in: string }[];
          requestBody?: { content?: Record<string, unknown> };
          'x-roles'?: string[];
        }
      >
    >;
  };
  return Object.entries(doc.paths).flatMap(([template, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      template,
      secured: (op.security ?? []).length > 0,
      tenantScoped: (op.parameters ?? []).some((p) => p.in === 'header' && p.name === 'X-Tenant'),
      hasBody: op.requestBody !== undefined,
      fileBody: op.requestBody !== undefined && !('application/json' in (op.requestBody.content ?? {})),
      roles: op['x-roles'] ?? [],
    })),
  );
}
