import { testPlatform, unlistedSealedColumns } from '@dangjian/testing';
import { SEALED_TABLES } from '../src/cli/rotate-keys.js';

describe('the supervision values a key rotation re-encrypts (decision 0041)', () => {
  it('lists every sealed column of its tenant tables, and only columns that exist', async () => {
    const url = testPlatform().databases['supervision']!.admin;
    expect(await unlistedSealedColumns(url, SEALED_TABLES)).toEqual({ unlisted: [], missing: [] });
  });
});
