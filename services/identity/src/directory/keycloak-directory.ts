import type { Tenant } from '@dangjian/contracts';
import type { IdentityDirectory } from './identity-directory.js';

export interface KeycloakDirectoryOptions {
  baseUrl: string;
  realm: string;
  clientId: string;
  clientSecret: string;
}

/**
 * Production directory: the same operations through Keycloak's admin API (tenant = Organization,
 * alias = slug). Thin on purpose. NOT run against a real Keycloak on these machines (none can be
 * installed): it is type-checked against @keycloak/keycloak-admin-client only. See README.
 */
export class KeycloakDirectory implements IdentityDirectory {
  readonly kind = 'keycloak' as const;
  private clientPromise: Promise<import('@keycloak/keycloak-admin-client').default> | undefined;

  constructor(private readonly options: KeycloakDirectoryOptions) {}

  private async admin() {
    this.clientPromise ??= (async () => {
      const { default: KeycloakAdminClient } = await import('@keycloak/keycloak-admin-client');
      const client = new KeycloakAdminClient({
        baseUrl: this.options.baseUrl,
        realmName: this.options.realm,
      });
      await client.auth({
        grantType: 'client_credentials',
        clientId: this.options.clientId,
        clientSecret: this.options.clientSecret,
      });
      return client;
    })();
    return this.clientPromise;
  }

  async tenantCreated(tenant: Tenant): Promise<void> {
    const admin = await this.admin();
    await admin.organizations.create({ name: tenant.name, alias: tenant.slug, enabled: true, domains: [] });
  }

  async personCreated(person: {
    id: string;
    username: string;
    displayName: string;
    email: string;
    password: string;
  }): Promise<void> {
    const admin = await this.admin();
    await admin.users.create({
      username: person.username,
      email: person.email || undefined,
      firstName: person.displayName,
      enabled: true,
      attributes: { dangjian_person_id: [person.id] },
      credentials: [{ type: 'password', value: person.password, temporary: true }],
    });
  }

  async membershipChanged(change: { tenantSlug: string; username: string; member: boolean }): Promise<void> {
    const admin = await this.admin();
    const [organization] = await admin.organizations.find({ search: change.tenantSlug, exact: true });
    const [user] = await admin.users.find({ username: change.username, exact: true });
    if (!organization?.id || !user?.id)
      throw new Error(`keycloak: organization ${change.tenantSlug} or user ${change.username} missing`);
    if (change.member) await admin.organizations.addMember({ orgId: organization.id, userId: user.id });
    else await admin.organizations.delMember({ orgId: organization.id, userId: user.id });
  }
}
