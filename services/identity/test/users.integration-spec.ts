import { create } from '@bufbuild/protobuf';
import {
  ActivateInvitationRequestSchema,
  CreateInvitationRequestSchema,
  CreateUserRequestSchema,
  PrincipalSchema,
  TenantContextSchema,
} from '@dangjian/contracts';
import { ForbiddenError, RuleViolatedError, runInContext } from '@dangjian/kit';
import { testPlatform } from '@dangjian/testing';
import { IdentityDatabase } from '../src/db/identity-database.js';
import { EmbeddedDirectory } from '../src/directory/identity-directory.js';
import { InvitationsUseCases } from '../src/invitations/invitations.use-cases.js';
import { UsersUseCases } from '../src/people/users.use-cases.js';

/* The middle tier: use cases on the real test database, without the transport. */
describe('users use cases', () => {
  const db = new IdentityDatabase(testPlatform().databases['identity']!.app);
  afterAll(() => db.close());

  // Creating a login with a password is a platform operator's (tenants invite: decision 0016).
  async function inAcmeAsOperator<T>(
    fn: () => Promise<T>,
    principal: { roles: string[]; platformOperator: boolean } = { roles: [], platformOperator: true },
  ): Promise<T> {
    const tenant = await db.database.platform((tx) =>
      tx.tenant.findUniqueOrThrow({ where: { slug: 'acme-corp' } }),
    );
    return runInContext(
      {
        requestId: 'test',
        tenant: create(TenantContextSchema, { tenantId: tenant.id, slug: tenant.slug }),
        principal: create(PrincipalSchema, { userId: '00000000-0000-4000-8000-00000000000a', ...principal }),
      },
      fn,
    );
  }

  const request = (username: string) =>
    create(CreateUserRequestSchema, {
      username,
      displayName: '测试',
      password: 'Passw0rd!',
      roles: ['member'],
    });

  it('refuses the demo password for a new person in production', async () => {
    const production = new UsersUseCases(db, new EmbeddedDirectory(), true);
    const error = await inAcmeAsOperator(() => production.create(request(`prod-${Date.now()}`))).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RuleViolatedError);
    expect((error as RuleViolatedError).rule).toBe('demo-password');
  });

  it('accepts it in development (the demo platform)', async () => {
    const development = new UsersUseCases(db, new EmbeddedDirectory(), false);
    const user = await inAcmeAsOperator(() => development.create(request(`dev-${Date.now()}`)));
    expect(user.roles).toEqual(['member']);
  });

  it('refuses a tenant admin creating a login by username (they invite instead)', async () => {
    const development = new UsersUseCases(db, new EmbeddedDirectory(), false);
    const error = await inAcmeAsOperator(() => development.create(request(`adm-${Date.now()}`)), {
      roles: ['tenant-admin'],
      platformOperator: false,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
  });

  it('refuses the demo password when a person activates an invitation in production', async () => {
    const invitations = new InvitationsUseCases(db, new EmbeddedDirectory(), true);
    const { code } = await inAcmeAsOperator(() =>
      invitations.create(
        create(CreateInvitationRequestSchema, { displayName: '生产环境', roles: ['member'] }),
      ),
    );
    const activation = create(ActivateInvitationRequestSchema, {
      code,
      username: `prod-inv-${Date.now()}`,
      password: 'Passw0rd!',
    });
    const error = await invitations.activate(activation).catch((e: unknown) => e);
    expect((error as RuleViolatedError).rule).toBe('demo-password');
  });

  it('stores the password as a scrypt hash, never in clear', async () => {
    const row = await db.database.platform((tx) =>
      tx.person.findUniqueOrThrow({ where: { username: 'acme-admin' } }),
    );
    expect(row.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.passwordHash).not.toContain('Passw0rd!');
  });
});
