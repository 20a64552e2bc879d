/**
 * Which tenant a request is for, in the architecture's order: the host `<slug>.<base domain>`,
 * then the `X-Tenant` header, then the path prefix `/t/<slug>/`.
 */
const SLUG = /^[a-z][a-z0-9-]{1,38}[a-z0-9]$/;
const PATH_PREFIX = /^\/t\/([^/]+)(\/.*)?$/;

export interface TenantRequestParts {
  host: string | undefined;
  headerSlug: string | undefined;
  pathSlug: string | undefined;
}

export function tenantSlugFromRequest(parts: TenantRequestParts, baseDomain: string): string | undefined {
  const hostname = (parts.host ?? '').split(':')[0]!.toLowerCase();
  const suffix = `.${baseDomain.toLowerCase()}`;
  if (hostname.endsWith(suffix)) {
    const candidate = hostname.slice(0, -suffix.length);
    if (SLUG.test(candidate)) return candidate;
  }
  const header = parts.headerSlug?.trim().toLowerCase();
  if (header) return header;
  return parts.pathSlug;
}

/** `/t/acme-corp/api/v1/users` → slug `acme-corp`, url `/api/v1/users`. */
export function splitTenantPath(url: string): { slug?: string; url: string } {
  const match = PATH_PREFIX.exec(url);
  if (!match) return { url };
  return { slug: decodeURIComponent(match[1]!).toLowerCase(), url: match[2] || '/' };
}
