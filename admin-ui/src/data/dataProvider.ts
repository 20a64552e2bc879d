import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils, HttpError, type DataProvider } from 'react-admin';
import { accessToken, type ConsoleConfig } from '../auth/oidc';
import { describeProblem, type ProblemBody } from './problems';
import { apiBase, cachedMe, currentTenantSlug } from './session';

/**
 * react-admin's pickers sort by `id` unless told otherwise, and no list of the API sorts by an id
 * (meaningless to a person): such a request asks for the list's own default order instead.
 */
export function withoutIdSort(url: string): string {
  const parsed = new URL(url);
  const sort = parsed.searchParams.get('sort');
  if (sort && /^\["id",/.test(sort)) parsed.searchParams.delete('sort');
  return parsed.toString();
}

/** `…/api/v1/members/123?…` → `members`. */
const resourceOf = (url: string) => url.slice(apiBase.length + 1).split(/[/?]/)[0];

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
    if (tenant && !url.startsWith(`${apiBase}/tenants`) && !headers.has('X-Tenant'))
      headers.set('X-Tenant', tenant);
    try {
      return await fetchUtils.fetchJson(url, { ...options, headers });
    } catch (error) {
      if (error instanceof HttpError) {
        // Said in the person's language from the problem's codes, never the API's English.
        const problem = (error.body && typeof error.body === 'object' ? error.body : {}) as ProblemBody;
        const { message, fieldErrors } = describeProblem(error.status, problem, resourceOf(url));
        // A form marks the fields it shows; its notification says the whole refusal (react-admin's
        // `root.serverError`), so a field off the screen, or not on the form at all, is still named.
        const errors = Object.keys(fieldErrors).length
          ? { ...fieldErrors, root: { serverError: message } }
          : fieldErrors;
        throw new HttpError(message, error.status, { ...problem, errors });
      }
      throw error;
    }
  };
  const rest = simpleRestProvider(apiBase, (url, options) => httpClient(withoutIdSort(url), options));
  return {
    ...rest,
    /** Audited: the service records who unmasked which member, when and why. */
    unmask: async (id: string, reason: string) =>
      (
        await httpClient(`${apiBase}/members/${id}/unmask`, {
          method: 'POST',
          body: JSON.stringify({ reason }),
        })
      ).json as { idCardNumber: string; phone: string },
    history: async (id: string) =>
      (await httpClient(`${apiBase}/members/${id}/history`)).json as {
        changedBy: string;
        changedAt: string;
        reason: string;
        fields: string[];
      }[],
    /** Runs a development step's checks without recording it. */
    checkStep: async (step: Record<string, unknown>) =>
      (await httpClient(`${apiBase}/development/check`, { method: 'POST', body: JSON.stringify(step) }))
        .json as {
        allowed: boolean;
        brokenRules: { rule: string; field: string; message: string; params?: Record<string, string> }[];
      },
    /** Sends a file (a spreadsheet to import) as the request body: the JSON answer. */
    postFile: async <T>(path: string, file: File) =>
      (
        await httpClient(
          `${apiBase}${path}${path.includes('?') ? '&' : '?'}fileName=${encodeURIComponent(file.name)}`,
          {
            method: 'POST',
            body: file,
            headers: new Headers({
              Accept: 'application/json',
              'Content-Type': file.type || 'application/octet-stream',
            }),
          },
        )
      ).json as T,
    send: async <T>(
      method: 'GET' | 'POST' | 'PUT',
      path: string,
      body?: unknown,
      options: { tenant?: string } = {},
    ) =>
      (
        await httpClient(`${apiBase}${path}`, {
          method,
          ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }),
          ...(options.tenant
            ? { headers: new Headers({ Accept: 'application/json', 'X-Tenant': options.tenant }) }
            : {}),
        })
      ).json as T,
    sendWithHeaders: async (method: 'GET' | 'POST', path: string, body?: unknown) => {
      const { json, headers } = await httpClient(`${apiBase}${path}`, {
        method,
        ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }),
      });
      return { json: json as unknown, headers };
    },
    putBytes: async <T>(path: string, bytes: Blob) =>
      (
        await httpClient(`${apiBase}${path}`, {
          method: 'PUT',
          body: bytes,
          headers: new Headers({ Accept: 'application/json', 'Content-Type': 'application/octet-stream' }),
        })
      ).json as T,
    mediaUrl: async (mediaId: string) => {
      const token = await accessToken(config);
      const tenant = currentTenantSlug(cachedMe()) ?? '';
      return `${window.location.origin}/t/${encodeURIComponent(tenant)}/api/v1/media/${mediaId}?access_token=${encodeURIComponent(token ?? '')}`;
    },
    /** Fetches a file (template, export) with the session's token and hands it to the browser. */
    download: async (path: string, fileName: string) => {
      const headers = new Headers();
      const token = await accessToken(config);
      if (token) headers.set('Authorization', `Bearer ${token}`);
      const tenant = currentTenantSlug(cachedMe());
      if (tenant) headers.set('X-Tenant', tenant);
      const response = await fetch(`${apiBase}${path}`, { headers });
      if (!response.ok) {
        const problem = (await response.json().catch(() => ({}))) as ProblemBody;
        throw new HttpError(
          describeProblem(response.status, problem, resourceOf(`${apiBase}${path}`)).message,
          response.status,
          problem,
        );
      }
      const url = URL.createObjectURL(await response.blob());
      const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
      link.click();
      URL.revokeObjectURL(url);
    },
  };
}
