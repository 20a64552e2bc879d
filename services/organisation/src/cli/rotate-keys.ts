import { keyRotationMain, type SealedTable } from '@dangjian/kit';

/**
 * `npm run keys:rotate -w services/organisation -- master | tenant <id>` (decision 0041): every value
 * this service seals under a tenant's data key. A new sealed column must be listed here; the key
 * rotation test fails on one that is not.
 */
export const SEALED_TABLES: SealedTable[] = [
  {
    table: 'members',
    columns: [
      {
        name: 'id_card_cipher',
        field: 'idCardNumber',
        index: { column: 'id_card_index', field: 'idCardNumber' },
      },
      { name: 'phone_cipher', field: 'phone', index: { column: 'phone_index', field: 'phone' } },
    ],
  },
  {
    table: 'transfers',
    columns: [],
    json: {
      column: 'letter_member',
      values: [
        {
          name: 'idCardCipher',
          field: 'idCardNumber',
          index: { column: 'id_card_index', field: 'idCardNumber' },
        },
        { name: 'phoneCipher', field: 'phone' },
        { name: 'developmentCipher', field: 'development' },
      ],
    },
  },
  {
    table: 'payment_settings',
    recordColumn: 'tenant_id',
    columns: [
      { name: 'merchant_key_cipher', field: 'merchantPrivateKey' },
      { name: 'api_v3_key_cipher', field: 'apiV3Key' },
    ],
  },
  {
    table: 'publicity_objections',
    columns: [{ name: 'contact_cipher', field: 'publicity_objection.contact' }],
  },
];

if (process.argv[1]?.endsWith('rotate-keys.js')) await keyRotationMain('organisation', SEALED_TABLES);
