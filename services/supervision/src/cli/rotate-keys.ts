import { keyRotationMain, type SealedTable } from '@dangjian/kit';

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

if (process.argv[1]?.endsWith('rotate-keys.js')) await keyRotationMain('supervision', SEALED_TABLES);
