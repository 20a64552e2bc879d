import { dropDatabase, migrate, provisionServiceDatabase } from '@dangjian/kit';
import { migrationsVersusSchema, testPlatform } from '@dangjian/testing';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const schema = readFileSync(fileURLToPath(new URL('../prisma/schema.prisma', import.meta.url)), 'utf8');
const migrationsDir = fileURLToPath(new URL('../prisma/migrations', import.meta.url));

describe('supervision migrations and Prisma schema', () => {
  let checked: Awaited<ReturnType<typeof migrationsVersusSchema>>;
  beforeAll(async () => {
    checked = await migrationsVersusSchema({
      adminUrl: testPlatform().adminDatabaseUrl,
      service: 'supervision',
      schema,
      migrationsDir,
      migrate,
      provision: provisionServiceDatabase,
      drop: dropDatabase,
    });
  });
  afterAll(() => checked?.dispose());

  it('agree table by table, column by column', () => {
    expect(checked.differences).toEqual([]);
  });
});
