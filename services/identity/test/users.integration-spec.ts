import { create } from '@bufbuild/protobuf';
import { CreateUserRequestSchema, PrincipalSchema, TenantContextSchema } from '@dangjian/contracts';
import { RuleViolatedError, runInContext } from '@dangjian/kit';
import { testPlatform } from '@dangjian/testing';
import { IdentityDatabase } from '../src/db/identity-database.js';
import { EmbeddedDirectory } from '../src/directory/identity-directory.js';
import { UsersUseCases } from '../src/people/users.use-cases.js';

/* The middle tier: use cases on the real test database, without the transport. */
describe('users use cases', () => {
  const db = new IdentityDatabase(testPlatform().databases['identity']!.app);
  afterAll(() => db.close());

  async function inAcmeAsAdmin<T>(fn: () => Promise<T>): Promise<T> {
    const tenant = await db.database.platform((tx) => tx.tenant.findUniqueOrThrow({ where: { slug: 'acme-corp' } }));
    return runInContext(
      {
        requestId: 'test',
        tenant: create(TenantContextSchema, { tenantId: tenant.id, slug: tenant.slug }),
        principal: create(PrincipalSchema, { userId: '00000000-0000-4000-8000-00000000000a', roles: ['tenant-admin'] }),
      },
      fn,
    );
  }

  const request = (username: string) =>
    create(CreateUserRequestSchema, { username, displayName: '测试', password: 'Passw0rd!', roles: ['member'] });

  it('refuses the demo password for a new person in production', async () => {
    const production = new UsersUseCases(db, new EmbeddedDirectory(), true);
    const error = await inAcmeAsAdmin(() => production.create(request(`prod-${Date.now()}`))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuleViolatedError);
    expect((error as RuleViolatedError).rule).toBe('demo-password');
  });

  it('accepts it in development (the demo platform)', async () => {
    const development = new UsersUseCases(db, new EmbeddedDirectory(), false);
    const user = await inAcmeAsAdmin(() => development.create(request(`dev-${Date.now()}`)));
    expect(user.roles).toEqual(['member']);
  });

  it('stores the password as a scrypt hash, never in clear', async () => {
    const row = await db.database.platform((tx) => tx.person.findUniqueOrThrow({ where: { username: 'acme-admin' } }));
    expect(row.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.passwordHash).not.toContain('Passw0rd!');
  });
});
