/**
 * Which tenant a request is for, from the host `<slug>.<base domain>`, the `X-Tenant` header or the
 * path prefix `/t/<slug>/`. Any of them may be given; when two name different tenants the request is
 * refused rather than served as one of them (issue 11).
 */
const SLUG = /^[a-z][a-z0-9-]{1,38}[a-z0-9]$/;
const PATH_PREFIX = /^\/t\/([^/]+)(\/.*)?$/;

export interface TenantRequestParts {
  host: string | undefined;
  headerSlug: string | undefined;
  pathSlug: string | undefined;
}

export type TenantResolution =
  { slug?: string; conflict?: undefined } | { slug?: undefined; conflict: string[] };

export function tenantSlugFromRequest(parts: TenantRequestParts, baseDomain: string): TenantResolution {
  const hostname = (parts.host ?? '').split(':')[0]!.toLowerCase();
  const suffix = `.${baseDomain.toLowerCase()}`;
  const fromHost =
    hostname.endsWith(suffix) && SLUG.test(hostname.slice(0, -suffix.length))
      ? hostname.slice(0, -suffix.length)
      : undefined;
  const named = [fromHost, parts.headerSlug?.trim().toLowerCase() || undefined, parts.pathSlug].filter(
    (s): s is string => !!s,
  );
  const distinct = [...new Set(named)];
  if (distinct.length > 1) return { conflict: distinct };
  return distinct.length === 1 ? { slug: distinct[0] } : {};
}

/** `/t/acme-corp/api/v1/users` → slug `acme-corp`, url `/api/v1/users`. */
export function splitTenantPath(url: string): { slug?: string; url: string } {
  const match = PATH_PREFIX.exec(url);
  if (!match) return { url };
  return { slug: decodeURIComponent(match[1]!).toLowerCase(), url: match[2] || '/' };
}
