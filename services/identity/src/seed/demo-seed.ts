import { PLATFORM_CATALOGUE } from '@dangjian/contracts';
import { asTenantId } from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { IdentityDatabase } from '../db/identity-database.js';
import { hashPassword } from '../people/password-hash.js';
import { TENANT_TYPE_PRESETS } from '../tenants/tenant-presets.js';
import { DEMO_OPERATOR, DEMO_PASSWORD, DEMO_TENANTS } from './demo-data.js';

/** Idempotent: running it twice changes nothing. Refused in production. */
export async function seedDemo(db: IdentityDatabase, production: boolean): Promise<void> {
  if (production) throw new Error('the demo seed is refused in production');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const operatorId = await ensurePerson(
    db,
    DEMO_OPERATOR.username,
    DEMO_OPERATOR.displayName,
    passwordHash,
    true,
  );
  // The demo operator authors the platform catalogue (its tenant comes with the migrations).
  const catalogue = asTenantId(PLATFORM_CATALOGUE.tenantId);
  await db.database.inTenant(catalogue, (tx) =>
    tx.membership.upsert({
      where: { tenantId_personId: { tenantId: catalogue, personId: operatorId } },
      create: { tenantId: catalogue, personId: operatorId, roles: ['tenant-admin'] },
      update: {},
    }),
  );
  for (const demo of DEMO_TENANTS) {
    const existing = await db.database.platform((tx) => tx.tenant.findUnique({ where: { slug: demo.slug } }));
    const tenantId = existing?.id ?? randomUUID();
    const adminId = await ensurePerson(db, demo.admin.username, demo.admin.displayName, passwordHash, false);
    await db.database.inTenant(asTenantId(tenantId), async (tx) => {
      if (!existing) {
        await tx.tenant.create({
          data: {
            id: tenantId,
            slug: demo.slug,
            name: demo.name,
            type: demo.type,
            modules: [...TENANT_TYPE_PRESETS[demo.type]],
            displayName: demo.name,
            primaryColour: demo.primaryColour,
          },
        });
      }
      await tx.membership.upsert({
        where: { tenantId_personId: { tenantId, personId: adminId } },
        create: { tenantId, personId: adminId, roles: ['tenant-admin', 'member'] },
        update: {},
      });
    });
    if (demo.inspector) {
      const inspectorId = await ensurePerson(
        db,
        demo.inspector.username,
        demo.inspector.displayName,
        passwordHash,
        false,
      );
      await db.database.inTenant(asTenantId(tenantId), (tx) =>
        tx.membership.upsert({
          where: { tenantId_personId: { tenantId, personId: inspectorId } },
          create: { tenantId, personId: inspectorId, roles: ['inspector', 'member'] },
          update: {},
        }),
      );
    }
  }
}

async function ensurePerson(
  db: IdentityDatabase,
  username: string,
  displayName: string,
  passwordHash: string,
  platformOperator: boolean,
): Promise<string> {
  return db.database.platform(async (tx) => {
    const person = await tx.person.findUnique({ where: { username } });
    if (person) return person.id;
    const id = randomUUID();
    await tx.person.create({
      data: { id, username, displayName, passwordHash, platformOperator, email: `${username}@example.cn` },
    });
    return id;
  });
}
