import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { IdentityDatabase } from '../db/identity-database.js';

/**
 * The provider's RS256 signing key, kept in the database so that tokens survive a restart and
 * every replica signs with the same key. Created on first start.
 */
export async function loadSigningKeys(db: IdentityDatabase): Promise<Record<string, unknown>[]> {
  const existing = await db.database.platform((tx) =>
    tx.signingKey.findMany({ orderBy: { createdAt: 'asc' } }),
  );
  if (existing.length > 0) return existing.map((row) => row.jwk as Record<string, unknown>);
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
  await db.database.platform((tx) =>
    tx.$executeRawUnsafe(
      'insert into signing_keys (kid, jwk) values ($1, $2::jsonb) on conflict do nothing',
      jwk.kid,
      JSON.stringify(jwk),
    ),
  );
  // Another replica may have won the race: use whatever is stored.
  const stored = await db.database.platform((tx) =>
    tx.signingKey.findMany({ orderBy: { createdAt: 'asc' } }),
  );
  return stored.map((row) => row.jwk as Record<string, unknown>);
}
