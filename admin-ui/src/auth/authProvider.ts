import type { AuthProvider } from 'react-admin';
import { accessToken, logoutUrl, startLogin, type ConsoleConfig } from './oidc';
import { cachedMe, currentTenantSlug, loadMe } from '../data/session';

export interface Permissions {
  platformOperator: boolean;
  tenant?: string;
  roles: string[];
  /** The tenant's modules; absent when not known (an operator in a tenant they do not belong to). */
  modules?: string[];
}

/** Whether the console shows a module's pages: the tenant has it (or no module, or modules not known). */
export const hasModule = (permissions: Permissions | undefined, module: string | undefined): boolean =>
  !module || !permissions?.modules || permissions.modules.includes(module);

/** react-admin's auth contract on top of the OpenID provider. */
export function createAuthProvider(config: ConsoleConfig, locale: () => string): AuthProvider {
  return {
    async login(params?: { returnTo?: unknown }) {
      await startLogin(config, locale(), typeof params?.returnTo === 'string' ? params.returnTo : undefined);
    },
    async logout() {
      const hadSession = (await accessToken(config)) !== null;
      if (hadSession) {
        window.location.assign(logoutUrl(config));
        return false;
      }
      return undefined;
    },
    async checkAuth() {
      if (!(await accessToken(config))) throw new Error('not logged in');
    },
    async checkError(error: { status?: number }) {
      if (error?.status === 401) throw new Error('session expired');
    },
    async getIdentity() {
      const me = cachedMe() ?? (await loadMe(config));
      if (!me) throw new Error('not logged in');
      return { id: me.id, fullName: me.displayName || me.username };
    },
    async getPermissions(): Promise<Permissions> {
      const me = cachedMe() ?? (await loadMe(config));
      const tenant = currentTenantSlug(me);
      const membership = me?.tenants.find((t) => t.slug === tenant);
      return {
        platformOperator: me?.platformOperator ?? false,
        ...(tenant ? { tenant } : {}),
        roles: membership?.roles ?? [],
        ...(membership?.modules ? { modules: membership.modules } : {}),
      };
    },
    async handleCallback() {
      return undefined;
    },
    // Login happens at the provider: react-admin's login page only sends people there.
    async checkUser() {
      return undefined;
    },
  } as AuthProvider;
}
