import { newTenantKeys, parseMasterKey, unwrapTenantKeys, type TenantKeys } from './field-encryption.js';

interface RawQueries {
  $queryRawUnsafe(query: string, ...values: unknown[]): Promise<unknown>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<unknown>;
}

export interface TenantKeyRow {
  wrapped_data_key: string;
  wrapped_index_key: string;
  generation: number;
  previous_wrapped_data_key: string | null;
  previous_wrapped_index_key: string | null;
}

export const TENANT_KEY_COLUMNS =
  'wrapped_data_key, wrapped_index_key, generation, previous_wrapped_data_key, previous_wrapped_index_key';

/** How long a service keeps a tenant's unwrapped keys: a data-key rotation waits this long before it
 * re-encrypts, so every instance has read the new key by then (decision 0041). */
export const TENANT_KEY_CACHE_MS = 60_000;

/** The current keys and, while a rotation of the tenant's data key runs, the previous ones. */
export function unwrapTenantKeyRow(masterKeys: Buffer[], tenantId: string, row: TenantKeyRow): TenantKeys {
  const current = unwrapTenantKeys(
    masterKeys,
    tenantId,
    { wrappedDataKey: row.wrapped_data_key, wrappedIndexKey: row.wrapped_index_key },
    row.generation,
  );
  if (!row.previous_wrapped_data_key || !row.previous_wrapped_index_key) return current;
  const previous = unwrapTenantKeys(
    masterKeys,
    tenantId,
    { wrappedDataKey: row.previous_wrapped_data_key, wrappedIndexKey: row.previous_wrapped_index_key },
    row.generation - 1,
  );
  return { ...current, previous };
}

/** The master key that wraps, then those only accepted for unwrapping (comma-separated, base64). */
export function masterKeysOf(masterKeyBase64: string, acceptedBase64 = ''): Buffer[] {
  return [masterKeyBase64, ...acceptedBase64.split(',')]
    .map((k) => k.trim())
    .filter(Boolean)
    .map(parseMasterKey);
}

/**
 * Each tenant's keys for personal data in one service's `tenant_keys` table: created on first use,
 * stored wrapped under the master key, kept unwrapped in memory only, for a minute (a rotation of the
 * tenant's data key reaches every instance within it). Each service that holds personal data has its
 * own keys (no service reads another's database).
 */
export class TenantKeyRing {
  readonly masterKeys: Buffer[];
  private readonly cache = new Map<string, { keys: TenantKeys; until: number }>();

  /** @param acceptedMasterKeys older (or next) master keys still accepted while the master key changes */
  constructor(
    masterKeyBase64: string,
    acceptedMasterKeys = '',
    private readonly cacheMs = TENANT_KEY_CACHE_MS,
  ) {
    this.masterKeys = masterKeysOf(masterKeyBase64, acceptedMasterKeys);
  }

  async keysFor(tx: RawQueries, tenantId: string): Promise<TenantKeys> {
    const cached = this.cache.get(tenantId);
    if (cached && cached.until > Date.now()) return cached.keys;
    const read = async () =>
      (
        (await tx.$queryRawUnsafe(
          `select ${TENANT_KEY_COLUMNS} from tenant_keys where tenant_id = $1::uuid`,
          tenantId,
        )) as TenantKeyRow[]
      )[0];
    let row = await read();
    if (!row) {
      const { wrapped } = newTenantKeys(this.masterKeys[0]!, tenantId);
      // Two requests may race to create them: the first insert wins, both use what is stored.
      await tx.$executeRawUnsafe(
        'insert into tenant_keys (tenant_id, wrapped_data_key, wrapped_index_key) values ($1::uuid, $2, $3) on conflict (tenant_id) do nothing',
        tenantId,
        wrapped.wrappedDataKey,
        wrapped.wrappedIndexKey,
      );
      row = (await read())!;
    }
    const keys = unwrapTenantKeyRow(this.masterKeys, tenantId, row);
    this.cache.set(tenantId, { keys, until: Date.now() + this.cacheMs });
    return keys;
  }
}
