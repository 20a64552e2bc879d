import type { Tenant } from '@dangjian/contracts';

/**
 * Where logins live. Embedded: this service's own database is the directory, nothing to do.
 * Keycloak: tenants become Organizations and people become users of the `dangjian` realm.
 */
export interface IdentityDirectory {
  readonly kind: 'embedded' | 'keycloak';
  tenantCreated(tenant: Tenant): Promise<void>;
  personCreated(person: {
    id: string;
    username: string;
    displayName: string;
    email: string;
    password: string;
  }): Promise<void>;
  membershipChanged(change: { tenantSlug: string; username: string; member: boolean }): Promise<void>;
}

export class EmbeddedDirectory implements IdentityDirectory {
  readonly kind = 'embedded' as const;
  async tenantCreated(): Promise<void> {}
  async personCreated(): Promise<void> {}
  async membershipChanged(): Promise<void> {}
}
