import { env, loadConfigOrExit, masterKeysOf, runKeyRotationCli, type SealedTable } from '@dangjian/kit';
import { supervisionConfigSpec } from '../config.js';

/**
 * `npm run keys:rotate -w services/supervision -- master | tenant <id>` (decision 0041): every value
 * this service seals under a tenant's data key. A new sealed column must be listed here; the key
 * rotation test fails on one that is not.
 */
export const SEALED_TABLES: SealedTable[] = [
  {
    table: 'appeals',
    columns: [
      { name: 'citizen_name_sealed', field: 'appeal.citizenName' },
      {
        name: 'citizen_phone_sealed',
        field: 'appeal.citizenPhone',
        // The index is of the number without its dash, as the appeal's form makes it.
        index: {
          column: 'citizen_phone_index',
          field: 'appeal.citizenPhone',
          normalise: (phone) => phone.replace('-', ''),
        },
      },
    ],
  },
  {
    table: 'reports',
    columns: [
      { name: 'reporter_name_sealed', field: 'report.reporterName' },
      { name: 'reporter_contact_sealed', field: 'report.reporterContact' },
    ],
  },
  {
    table: 'micro_wishes',
    columns: [
      { name: 'wisher_name_sealed', field: 'microWish.wisherName' },
      { name: 'wisher_phone_sealed', field: 'microWish.wisherPhone' },
    ],
  },
];

if (process.argv[1]?.endsWith('rotate-keys.js')) {
  const config = loadConfigOrExit(
    {
      MIGRATION_DATABASE_URL: env.url({ protocols: ['postgres', 'postgresql'] }),
      PII_MASTER_KEY: supervisionConfigSpec.PII_MASTER_KEY,
      PII_ACCEPTED_MASTER_KEYS: supervisionConfigSpec.PII_ACCEPTED_MASTER_KEYS,
      PII_KEY_CACHE_MS: supervisionConfigSpec.PII_KEY_CACHE_MS,
    },
    'supervision rotate-keys',
  );
  process.exitCode = await runKeyRotationCli('supervision', SEALED_TABLES, process.argv.slice(2), {
    ownerUrl: config.MIGRATION_DATABASE_URL,
    masterKeys: masterKeysOf(config.PII_MASTER_KEY, config.PII_ACCEPTED_MASTER_KEYS),
    keyCacheMs: config.PII_KEY_CACHE_MS,
  });
}
