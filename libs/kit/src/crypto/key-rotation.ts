import pg from 'pg';
import { env, loadConfigOrExit, piiConfig } from '../config/config.js';
import {
  blindIndex,
  ciphertextPrefix,
  decryptField,
  encryptField,
  newTenantKeysOfGeneration,
  wrapTenantKeys,
  type TenantKeys,
} from './field-encryption.js';
import {
  masterKeysOf,
  TENANT_KEY_COLUMNS,
  unwrapTenantKeyRow,
  type TenantKeyRow,
} from './tenant-key-ring.js';

/*
 * Rotating the keys of personal data without downtime (issue 20, item 8; decision 0041). Both jobs run
 * as the database owner, in batches of one transaction each, and can be stopped at any moment and run
 * again: each batch picks only what is not yet done.
 */

/** A sealed value and, where there is one, the blind index computed from the same plaintext. */
export interface SealedValue {
  /** The column, or for a value inside a JSON column the key in it. */
  name: string;
  /** The field name bound into the ciphertext. */
  field: string;
  index?: { column: string; field: string; normalise?: (plaintext: string) => string };
}

/** A table of one service that holds values sealed under its tenants' data keys. */
export interface SealedTable {
  table: string;
  /** The column that names the record in the ciphertext's authenticated data (default `id`). */
  recordColumn?: string;
  columns: SealedValue[];
  /** Values sealed inside a JSON object column. */
  json?: { column: string; values: SealedValue[] };
}

export interface RotationOptions {
  /** The owner's connection (the one migrations use). */
  ownerUrl: string;
  /** The current master key first, then any still accepted. */
  masterKeys: Buffer[];
  batchSize?: number;
  /** A pause between batches, to spare a busy database. */
  pauseMs?: number;
  progress?: (line: string) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withOwner<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function inTransaction<T>(client: pg.Client, tenantId: string | null, work: () => Promise<T>) {
  await client.query('begin');
  try {
    if (tenantId) await client.query("select set_config('app.tenant_id', $1, true)", [tenantId]);
    const result = await work();
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}

/**
 * Re-wraps every tenant's keys (current and, mid-rotation, previous) under the first master key. Rows
 * that the first key already opens are left alone, so a second run after an interruption finishes the
 * rest. Returns how many rows it re-wrapped.
 */
export async function rewrapUnderMasterKey(options: RotationOptions): Promise<{ rewrapped: number }> {
  const [current] = options.masterKeys;
  if (!current) throw new Error('no master key');
  const batchSize = options.batchSize ?? 200;
  let rewrapped = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  await withOwner(options.ownerUrl, async (client) => {
    for (;;) {
      const done = await inTransaction(client, null, async () => {
        const { rows } = await client.query<TenantKeyRow & { tenant_id: string }>(
          `select tenant_id, ${TENANT_KEY_COLUMNS} from tenant_keys where tenant_id > $1
           order by tenant_id limit $2 for update`,
          [after, batchSize],
        );
        for (const row of rows) {
          after = row.tenant_id;
          // Already under the current key: nothing to do (this is what makes a second run resume).
          try {
            unwrapTenantKeyRow([current], row.tenant_id, row);
            continue;
          } catch {
            /* wrapped under an older key: re-wrap below */
          }
          const keys = unwrapTenantKeyRow(options.masterKeys, row.tenant_id, row);
          const wrapped = wrapTenantKeys(current, row.tenant_id, keys);
          const previous = keys.previous && wrapTenantKeys(current, row.tenant_id, keys.previous);
          await client.query(
            `update tenant_keys set wrapped_data_key = $2, wrapped_index_key = $3,
               previous_wrapped_data_key = $4, previous_wrapped_index_key = $5
             where tenant_id = $1`,
            [
              row.tenant_id,
              wrapped.wrappedDataKey,
              wrapped.wrappedIndexKey,
              previous?.wrappedDataKey ?? null,
              previous?.wrappedIndexKey ?? null,
            ],
          );
          rewrapped += 1;
        }
        return rows.length < batchSize;
      });
      options.progress?.(`tenant keys: ${rewrapped} re-wrapped (up to tenant ${after})`);
      if (done) return;
      if (options.pauseMs) await sleep(options.pauseMs);
    }
  });
  return { rewrapped };
}

export interface TenantRotation extends RotationOptions {
  tenantId: string;
  tables: SealedTable[];
  /** How long services keep a tenant's keys: re-encryption waits this long after the start. */
  keyCacheMs: number;
}

/**
 * Replaces one tenant's data and index keys: a new generation is made (the previous kept and still
 * read), then, once every service instance has had time to load it, each sealed value still under the
 * previous key is re-encrypted and its blind index recomputed, a batch per transaction; when none is
 * left the previous keys are dropped. Run again after an interruption, it carries on where it stopped.
 */
export async function rotateTenantDataKey(
  options: TenantRotation,
): Promise<{ generation: number; reencrypted: number }> {
  const { tenantId } = options;
  const [master] = options.masterKeys;
  if (!master) throw new Error('no master key');
  return withOwner(options.ownerUrl, async (client) => {
    const started = await inTransaction(client, tenantId, async () => {
      const { rows } = await client.query<TenantKeyRow & { waited_ms: number }>(
        `select ${TENANT_KEY_COLUMNS},
           coalesce(extract(epoch from now() - rotation_started_at) * 1000, 0)::float8 as waited_ms
         from tenant_keys where tenant_id = $1 for update`,
        [tenantId],
      );
      const row = rows[0];
      if (!row) return undefined;
      if (row.previous_wrapped_data_key) {
        options.progress?.(`generation ${row.generation}: resuming a rotation already started`);
        return { keys: unwrapTenantKeyRow(options.masterKeys, tenantId, row), waitedMs: row.waited_ms };
      }
      const generation = row.generation + 1;
      const { keys, wrapped } = newTenantKeysOfGeneration(master, tenantId, generation);
      await client.query(
        `update tenant_keys set generation = $2, wrapped_data_key = $3, wrapped_index_key = $4,
           previous_wrapped_data_key = wrapped_data_key, previous_wrapped_index_key = wrapped_index_key,
           rotation_started_at = now()
         where tenant_id = $1`,
        [tenantId, generation, wrapped.wrappedDataKey, wrapped.wrappedIndexKey],
      );
      options.progress?.(`generation ${generation}: new keys made, the previous ones still read`);
      return {
        keys: { ...keys, previous: unwrapTenantKeyRow(options.masterKeys, tenantId, row) },
        waitedMs: 0,
      };
    });
    if (!started) {
      options.progress?.('this tenant has no keys here: nothing sealed to rotate');
      return { generation: 0, reencrypted: 0 };
    }
    const { keys, waitedMs } = started;
    // An instance that loaded the keys just before the start may seal under the previous ones until its
    // copy expires; re-encrypting before then could leave such a value behind.
    const wait = options.keyCacheMs + 1_000 - waitedMs;
    if (wait > 0) {
      options.progress?.(`waiting ${Math.ceil(wait / 1000)} s for every instance to load the new keys`);
      await sleep(wait);
    }
    let reencrypted = 0;
    for (const table of options.tables) reencrypted += await reencryptTable(client, options, keys, table);
    await inTransaction(client, tenantId, () =>
      client.query(
        `update tenant_keys set previous_wrapped_data_key = null, previous_wrapped_index_key = null,
           rotation_started_at = null
         where tenant_id = $1`,
        [tenantId],
      ),
    );
    options.progress?.(`generation ${keys.generation}: done, the previous keys dropped`);
    return { generation: keys.generation ?? 1, reencrypted };
  });
}

const quote = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad column name ${name}`);
  return `"${name}"`;
};

/** One table, in batches: rows with any value not yet sealed under the current generation. */
async function reencryptTable(
  client: pg.Client,
  options: TenantRotation,
  keys: TenantKeys,
  table: SealedTable,
): Promise<number> {
  const prefix = ciphertextPrefix(keys.generation ?? 1);
  const recordColumn = table.recordColumn ?? 'id';
  const json = table.json;
  const stale = [
    ...table.columns.map(
      (c) => `(coalesce(${quote(c.name)}, '') not in ('') and ${quote(c.name)} not like $2)`,
    ),
    ...(json?.values ?? []).map(
      (v) =>
        `(coalesce(${quote(json!.column)} ->> '${v.name}', '') <> '' and ${quote(json!.column)} ->> '${v.name}' not like $2)`,
    ),
  ].join(' or ');
  const selected = [
    `${quote(recordColumn)}::text as record`,
    ...table.columns.map((c) => quote(c.name)),
    ...(json ? [quote(json.column)] : []),
  ].join(', ');
  // Every column the update may write: the sealed ones, their indexes, the JSON column.
  const written = [
    ...table.columns.flatMap((c) => [c.name, ...(c.index ? [c.index.column] : [])]),
    ...(json ? [json.column, ...json.values.flatMap((v) => (v.index ? [v.index.column] : []))] : []),
  ];
  const cast = (column: string) => (column === json?.column ? '::jsonb' : '');
  // One statement a batch: the tables' statement-level triggers run once, not once a row.
  const update = `update ${quote(table.table)} t set ${written
    .map((c) => `${quote(c)} = coalesce(v.${quote(c)}${cast(c)}, t.${quote(c)})`)
    .join(', ')}
    from unnest($1::text[], ${written.map((_, i) => `$${i + 2}::text[]`).join(', ')})
      as v(record, ${written.map(quote).join(', ')})
    where t.${quote(recordColumn)} = v.record::uuid`;
  const batchSize = options.batchSize ?? 500;
  const from = `from ${quote(table.table)} where tenant_id = $1 and (${stale})`;
  const cursor = quote(`rotation_${table.table}`);
  let done = 0;
  // The rows to do, listed once: a cursor held across the batches' transactions (Postgres keeps its
  // rows from the declaring commit, while the tenant setting is still in force), so each batch fetches
  // on. A keyset query per batch re-read and re-sorted the tenant whenever the planner took the tenant
  // index: 330,000 members took 383 s, growing with the square of the tenant's size.
  await inTransaction(client, options.tenantId, () =>
    client.query(
      `declare ${cursor} cursor with hold for
         select ${quote(recordColumn)} as record ${from} order by ${quote(recordColumn)}`,
      [options.tenantId, `${prefix}%`],
    ),
  );
  try {
    for (;;) {
      const fetched = await inTransaction(client, options.tenantId, async () => {
        const { rows: listed } = await client.query<{ record: string }>(`fetch ${batchSize} from ${cursor}`);
        if (listed.length === 0) return 0;
        // Locked, so a user's change made meanwhile is neither overwritten nor lost: it waits, or
        // went first (and, sealed under the new generation, is no longer stale).
        const { rows } = await client.query<Record<string, unknown> & { record: string }>(
          `select ${selected} ${from} and ${quote(recordColumn)} = any($3::uuid[])
           order by ${quote(recordColumn)} for update`,
          [options.tenantId, `${prefix}%`, listed.map((r) => r.record)],
        );
        const columns = new Map<string, (string | null)[]>(written.map((c) => [c, []]));
        for (const row of rows) {
          const changed = new Map<string, string>();
          const reseal = (value: SealedValue, sealed: string) => {
            const plaintext = decryptField(keys, value.field, row.record, sealed);
            if (value.index) {
              const normalised = value.index.normalise ? value.index.normalise(plaintext) : plaintext;
              changed.set(value.index.column, blindIndex(keys, value.index.field, normalised));
            }
            return encryptField(keys, value.field, row.record, plaintext);
          };
          for (const column of table.columns) {
            const sealed = row[column.name];
            if (typeof sealed === 'string' && sealed && !sealed.startsWith(prefix))
              changed.set(column.name, reseal(column, sealed));
          }
          if (json) {
            const object = { ...(row[json.column] as Record<string, unknown>) };
            for (const value of json.values) {
              const sealed = object[value.name];
              if (typeof sealed === 'string' && sealed && !sealed.startsWith(prefix))
                object[value.name] = reseal(value, sealed);
            }
            changed.set(json.column, JSON.stringify(object));
          }
          for (const [column, values] of columns) values.push(changed.get(column) ?? null);
        }
        if (rows.length > 0)
          await client.query(update, [rows.map((r) => r.record), ...written.map((c) => columns.get(c)!)]);
        done += rows.length;
        return listed.length;
      });
      if (fetched === 0) break;
      options.progress?.(`${table.table}: ${done} re-encrypted`);
      if (options.pauseMs) await sleep(options.pauseMs);
    }
  } finally {
    await client.query(`close ${cursor}`).catch(() => undefined);
  }
  return done;
}

const USAGE = `usage: rotate-keys master [--batch N] [--pause-ms N]
       rotate-keys tenant <tenant id> [--batch N] [--pause-ms N]
environment: MIGRATION_DATABASE_URL (the owner), PII_MASTER_KEY (the new or current key),
             PII_ACCEPTED_MASTER_KEYS (older keys), PII_KEY_CACHE_MS (as the services have it)`;

/** The command line of one service's `rotate-keys`: its sealed tables, the rest from the environment. */
export async function runKeyRotationCli(
  service: string,
  tables: SealedTable[],
  argv: string[],
  config: { ownerUrl: string; masterKeys: Buffer[]; keyCacheMs: number },
): Promise<number> {
  const [command, ...rest] = argv;
  const option = (name: string) => {
    const at = rest.indexOf(name);
    if (at < 0) return undefined;
    const value = Number(rest[at + 1]);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} needs a whole number`);
    return value;
  };
  const progress = (line: string) => process.stdout.write(`${service}: ${line}\n`);
  const common = {
    ownerUrl: config.ownerUrl,
    masterKeys: config.masterKeys,
    batchSize: option('--batch') || undefined,
    pauseMs: option('--pause-ms'),
    progress,
  };
  if (command === 'master') {
    const { rewrapped } = await rewrapUnderMasterKey(common);
    progress(`every tenant's keys are under the current master key (${rewrapped} re-wrapped now)`);
    return 0;
  }
  const tenantId = rest[0];
  if (command === 'tenant' && tenantId && /^[0-9a-f-]{36}$/i.test(tenantId)) {
    const result = await rotateTenantDataKey({ ...common, tenantId, tables, keyCacheMs: config.keyCacheMs });
    progress(
      `tenant ${tenantId}: keys of generation ${result.generation}, ${result.reencrypted} rows re-encrypted`,
    );
    return 0;
  }
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

/** A service's `rotate-keys` command: its configuration from the environment, then the job. */
export async function keyRotationMain(service: string, tables: SealedTable[]): Promise<void> {
  const config = loadConfigOrExit(
    { MIGRATION_DATABASE_URL: env.url({ protocols: ['postgres', 'postgresql'] }), ...piiConfig },
    `${service} rotate-keys`,
  );
  process.exitCode = await runKeyRotationCli(service, tables, process.argv.slice(2), {
    ownerUrl: config.MIGRATION_DATABASE_URL,
    masterKeys: masterKeysOf(config.PII_MASTER_KEY, config.PII_ACCEPTED_MASTER_KEYS),
    keyCacheMs: config.PII_KEY_CACHE_MS,
  });
}
