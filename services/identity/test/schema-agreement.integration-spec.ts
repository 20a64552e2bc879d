import { dropDatabase, migrate, provisionServiceDatabase } from '@dangjian/kit';
import { schemaDifferences, testPlatform } from '@dangjian/testing';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const schemaFile = fileURLToPath(new URL('../prisma/schema.prisma', import.meta.url));
const migrationsDir = fileURLToPath(new URL('../prisma/migrations', import.meta.url));
const scratch = `dangjian_scratch_identity_${process.pid}`;

describe('identity migrations and Prisma schema', () => {
  let databaseUrl: string;
  beforeAll(async () => {
    const { adminDatabaseUrl } = testPlatform();
    await dropDatabase(adminDatabaseUrl, scratch);
    databaseUrl = (await provisionServiceDatabase(adminDatabaseUrl, 'identity', scratch)).admin;
    await migrate(databaseUrl, migrationsDir);
  });
  afterAll(async () => {
    await dropDatabase(testPlatform().adminDatabaseUrl, scratch);
  });

  it('agree table by table, column by column', async () => {
    expect(await schemaDifferences(readFileSync(schemaFile, 'utf8'), databaseUrl)).toEqual([]);
  });

  it('would be caught disagreeing (the check can fail)', async () => {
    const drifted = readFileSync(schemaFile, 'utf8')
      .replace('model Tenant {', 'model Tenant {\n  motto String @default("")')
      .replace('email            String   @default("")', 'email            String?');
    const problems = await schemaDifferences(drifted, databaseUrl);
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringContaining('tenants.motto'),
      expect.stringContaining('people.email is not nullable in the database'),
    ]));
  });
});
