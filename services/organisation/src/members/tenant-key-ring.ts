import { newTenantKeys, parseMasterKey, unwrapTenantKeys, type TenantKeys } from '@dangjian/kit';
import type { OrganisationTx } from '../db/organisation-database.js';

/**
 * Each tenant's keys for personal data: created on first use, stored wrapped under the master key,
 * kept unwrapped in memory only.
 */
export class TenantKeyRing {
  private readonly masterKey: Buffer;
  private readonly cache = new Map<string, TenantKeys>();

  constructor(masterKeyBase64: string) {
    this.masterKey = parseMasterKey(masterKeyBase64);
  }

  async keysFor(tx: OrganisationTx, tenantId: string): Promise<TenantKeys> {
    const cached = this.cache.get(tenantId);
    if (cached) return cached;
    let row = await tx.tenantKey.findUnique({ where: { tenantId } });
    if (!row) {
      const { wrapped } = newTenantKeys(this.masterKey, tenantId);
      // Two requests may race to create them: the first insert wins, both use what is stored.
      await tx.$executeRawUnsafe(
        'insert into tenant_keys (tenant_id, wrapped_data_key, wrapped_index_key) values ($1::uuid, $2, $3) on conflict (tenant_id) do nothing',
        tenantId,
        wrapped.wrappedDataKey,
        wrapped.wrappedIndexKey,
      );
      row = await tx.tenantKey.findUniqueOrThrow({ where: { tenantId } });
    }
    const keys = unwrapTenantKeys(this.masterKey, tenantId, {
      wrappedDataKey: row.wrappedDataKey,
      wrappedIndexKey: row.wrappedIndexKey,
    });
    this.cache.set(tenantId, keys);
    return keys;
  }
}
