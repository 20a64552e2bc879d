import { dropDatabase, migrate, provisionServiceDatabase } from '@dangjian/kit';
import { migrationsVersusSchema, testPlatform } from '@dangjian/testing';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const schema = readFileSync(fileURLToPath(new URL('../prisma/schema.prisma', import.meta.url)), 'utf8');
const migrationsDir = fileURLToPath(new URL('../prisma/migrations', import.meta.url));

describe('organisation migrations and Prisma schema', () => {
  it('agree table by table, column by column', async () => {
    const checked = await migrationsVersusSchema({
      adminUrl: testPlatform().adminDatabaseUrl,
      service: 'organisation',
      schema,
      migrationsDir,
      migrate,
      provision: provisionServiceDatabase,
      drop: dropDatabase,
    });
    try {
      expect(checked.differences).toEqual([]);
    } finally {
      await checked.dispose();
    }
  });
});
