import { newTenantKeys, parseMasterKey, unwrapTenantKeys, type TenantKeys } from './field-encryption.js';

interface RawQueries {
  $queryRawUnsafe(query: string, ...values: unknown[]): Promise<unknown>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<unknown>;
}

/**
 * Each tenant's keys for personal data in one service's `tenant_keys` table: created on first use,
 * stored wrapped under the master key, kept unwrapped in memory only. Each service that holds
 * personal data has its own keys (no service reads another's database).
 */
export class TenantKeyRing {
  private readonly masterKey: Buffer;
  private readonly cache = new Map<string, TenantKeys>();

  constructor(masterKeyBase64: string) {
    this.masterKey = parseMasterKey(masterKeyBase64);
  }

  async keysFor(tx: RawQueries, tenantId: string): Promise<TenantKeys> {
    const cached = this.cache.get(tenantId);
    if (cached) return cached;
    const read = async () =>
      (
        (await tx.$queryRawUnsafe(
          'select wrapped_data_key, wrapped_index_key from tenant_keys where tenant_id = $1::uuid',
          tenantId,
        )) as { wrapped_data_key: string; wrapped_index_key: string }[]
      )[0];
    let row = await read();
    if (!row) {
      const { wrapped } = newTenantKeys(this.masterKey, tenantId);
      // Two requests may race to create them: the first insert wins, both use what is stored.
      await tx.$executeRawUnsafe(
        'insert into tenant_keys (tenant_id, wrapped_data_key, wrapped_index_key) values ($1::uuid, $2, $3) on conflict (tenant_id) do nothing',
        tenantId,
        wrapped.wrappedDataKey,
        wrapped.wrappedIndexKey,
      );
      row = (await read())!;
    }
    const keys = unwrapTenantKeys(this.masterKey, tenantId, {
      wrappedDataKey: row.wrapped_data_key,
      wrappedIndexKey: row.wrapped_index_key,
    });
    this.cache.set(tenantId, keys);
    return keys;
  }
}
