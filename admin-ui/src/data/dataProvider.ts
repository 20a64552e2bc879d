import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils, HttpError, type DataProvider } from 'react-admin';
import { accessToken, type ConsoleConfig } from '../auth/oidc';
import { apiBase, cachedMe, currentTenantSlug } from './session';

/**
 * The gateway's simple REST with the bearer token and the chosen tenant on every request.
 * Problem+json errors become react-admin errors whose body carries the field errors.
 */
export function createDataProvider(config: ConsoleConfig): DataProvider {
  const httpClient = async (url: string, options: fetchUtils.Options = {}) => {
    const headers = new Headers(options.headers ?? { Accept: 'application/json' });
    const token = await accessToken(config);
    if (token) headers.set('Authorization', `Bearer ${token}`);
    const tenant = currentTenantSlug(cachedMe());
    if (tenant && !url.startsWith(`${apiBase}/tenants`)) headers.set('X-Tenant', tenant);
    try {
      return await fetchUtils.fetchJson(url, { ...options, headers });
    } catch (error) {
      if (error instanceof HttpError && error.body && typeof error.body === 'object') {
        const problem = error.body as { detail?: string; errors?: { field: string; description: string }[] };
        const fieldErrors = Object.fromEntries((problem.errors ?? []).map((e) => [e.field, e.description]));
        throw new HttpError(problem.detail ?? error.message, error.status, { ...problem, errors: fieldErrors });
      }
      throw error;
    }
  };
  const rest = simpleRestProvider(apiBase, httpClient);
  return {
    ...rest,
    /** Audited: the service records who unmasked which member, when and why. */
    unmask: async (id: string, reason: string) =>
      (await httpClient(`${apiBase}/members/${id}/unmask`, { method: 'POST', body: JSON.stringify({ reason }) })).json as { idCardNumber: string; phone: string },
    history: async (id: string) => (await httpClient(`${apiBase}/members/${id}/history`)).json as { changedBy: string; changedAt: string; reason: string; fields: string[] }[],
    /** Runs a development step's checks without recording it. */
    checkStep: async (step: Record<string, unknown>) =>
      (await httpClient(`${apiBase}/development/check`, { method: 'POST', body: JSON.stringify(step) })).json as { allowed: boolean; brokenRules: { rule: string; field: string; message: string }[] },
    /** Uploads an import file as the request body; answers with the job, which then runs. */
    uploadImport: async (kind: string, file: File) =>
      (await httpClient(`${apiBase}/import-jobs?kind=${kind}&fileName=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        body: file,
        headers: new Headers({ Accept: 'application/json', 'Content-Type': file.type || 'application/octet-stream' }),
      })).json as { id: string },
    send: async <T,>(method: 'POST' | 'PUT', path: string, body?: unknown) =>
      (await httpClient(`${apiBase}${path}`, { method, body: JSON.stringify(body ?? {}) })).json as T,
    /** Fetches a file (template, export) with the session's token and hands it to the browser. */
    download: async (path: string, fileName: string) => {
      const headers = new Headers();
      const token = await accessToken(config);
      if (token) headers.set('Authorization', `Bearer ${token}`);
      const tenant = currentTenantSlug(cachedMe());
      if (tenant) headers.set('X-Tenant', tenant);
      const response = await fetch(`${apiBase}${path}`, { headers });
      if (!response.ok) throw new HttpError(((await response.json().catch(() => ({}))) as { detail?: string }).detail ?? response.statusText, response.status);
      const url = URL.createObjectURL(await response.blob());
      const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
      link.click();
      URL.revokeObjectURL(url);
    },
  };
}
