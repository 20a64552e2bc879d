import { IdentityService } from '@dangjian/contracts';
import { asTenantId, databaseConfig, env, loadConfigOrExit, RpcClient, sharedConfig } from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import { OrganisationDatabase, type OrganisationTx } from '../db/organisation-database.js';
import { DEMO_TREES, type DemoNode } from '../seed/demo-tree.js';

// The demo trees, for the demo tenants that identity knows (asked over NATS: data lives once).
// Idempotent (by organisation code); refused in production.
const config = loadConfigOrExit(
  { DATABASE_URL: databaseConfig.DATABASE_URL, NATS_URL: sharedConfig.NATS_URL, NODE_ENV: env.oneOf(['development', 'test', 'production'] as const, { default: 'development' }) },
  'organisation seed',
);
if (config.NODE_ENV === 'production') {
  process.stderr.write('organisation seed: the demo seed is refused in production\n');
  process.exit(1);
}
const db = new OrganisationDatabase(config.DATABASE_URL);
const rpc = new RpcClient(config.NATS_URL, 5000);
try {
  await rpc.connect();
  for (const [slug, tree] of Object.entries(DEMO_TREES)) {
    const { tenant } = await rpc.call(IdentityService.method.findTenantBySlug, { slug });
    await db.database.inTenant(asTenantId(tenant!.id), (tx) => plant(tx, tenant!.id, tree, null));
  }
  process.stdout.write('organisation: demo trees in place\n');
} finally {
  await rpc.close();
  await db.close();
}

async function plant(tx: OrganisationTx, tenantId: string, node: DemoNode, parent: { id: string; path: string; depth: number } | null): Promise<void> {
  let row = await tx.organisation.findFirst({ where: { code: node.code } });
  if (!row) {
    const id = randomUUID();
    row = await tx.organisation.create({
      data: {
        id, tenantId, parentId: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/`, depth: (parent?.depth ?? -1) + 1,
        kind: node.kind, name: node.name, code: node.code, gridLabel: node.gridLabel ?? '', joint: node.joint ?? false,
      },
    });
  }
  for (const child of node.children ?? []) await plant(tx, tenantId, child, row);
}
