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
  };
}
