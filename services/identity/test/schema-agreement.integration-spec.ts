import { dropDatabase, migrate, provisionServiceDatabase } from '@dangjian/kit';
import { migrationsVersusSchema, schemaDifferences, testPlatform } from '@dangjian/testing';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const schema = readFileSync(fileURLToPath(new URL('../prisma/schema.prisma', import.meta.url)), 'utf8');
const migrationsDir = fileURLToPath(new URL('../prisma/migrations', import.meta.url));

describe('identity migrations and Prisma schema', () => {
  let checked: Awaited<ReturnType<typeof migrationsVersusSchema>>;
  beforeAll(async () => {
    checked = await migrationsVersusSchema({
      adminUrl: testPlatform().adminDatabaseUrl,
      service: 'identity',
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

  it('would be caught disagreeing (the check can fail)', async () => {
    const drifted = schema
      .replace('model Tenant {', 'model Tenant {\n  motto String @default("")')
      .replace('email            String   @default("")', 'email            String?');
    expect(await schemaDifferences(drifted, checked.databaseUrl)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('tenants.motto'),
        expect.stringContaining('people.email is not nullable in the database'),
      ]),
    );
  });
});
