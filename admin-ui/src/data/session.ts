import type { ConsoleConfig } from '../auth/oidc';
import { accessToken } from '../auth/oidc';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  platformOperator: boolean;
  tenants: { id: string; slug: string; name: string; roles: string[]; status: string; modules?: string[] }[];
}

const TENANT = 'dj.tenant';
export const apiBase = `${window.location.origin}/api/v1`;

export function currentTenantSlug(me: Me | null): string | undefined {
  const chosen = localStorage.getItem(TENANT);
  if (chosen && (me?.platformOperator || me?.tenants.some((t) => t.slug === chosen))) return chosen;
  // An operator works on the platform until they pick a tenant (the platform catalogue, decision 0031).
  if (me?.platformOperator) return undefined;
  return me?.tenants[0]?.slug;
}

/** The tenant to act for from now on; '' is none (an operator back at the platform's pages). */
export function chooseTenant(slug: string): void {
  if (slug) localStorage.setItem(TENANT, slug);
  else localStorage.removeItem(TENANT);
}

let me: Me | null = null;
export function cachedMe(): Me | null {
  return me;
}

export async function loadMe(config: ConsoleConfig): Promise<Me | null> {
  const token = await accessToken(config);
  if (!token) return (me = null);
  const response = await fetch(`${apiBase}/me`, { headers: { authorization: `Bearer ${token}` } });
  me = response.ok ? ((await response.json()) as Me) : null;
  return me;
}
