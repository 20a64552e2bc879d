import { create } from '@bufbuild/protobuf';
import {
  CreateMemberRequestSchema,
  OpenPublicityPeriodRequestSchema,
  RecordDevelopmentStepRequestSchema,
  PrincipalSchema,
  TenantContextSchema,
  TenantService,
} from '@dangjian/contracts';
import {
  addDays,
  asTenantId,
  chinaToday,
  databaseConfig,
  env,
  loadConfigOrExit,
  RpcClient,
  runInContext,
  sharedConfig,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import { OrganisationDatabase, type OrganisationTx } from '../db/organisation-database.js';
import { DevelopmentUseCases } from '../development/development.use-cases.js';
import { MembersUseCases } from '../members/members.use-cases.js';
import { PublicityUseCases } from '../publicity/publicity.use-cases.js';
import { TenantKeyRing } from '@dangjian/kit';
import { demoMembers } from '../seed/demo-members.js';
import { DEMO_TREES, type DemoNode } from '../seed/demo-tree.js';

const MEMBERS_PER_TENANT = 300;

// The demo trees, for the demo tenants that identity knows (asked over NATS: data lives once).
// Idempotent (by organisation code); refused in production.
const config = loadConfigOrExit(
  {
    DATABASE_URL: databaseConfig.DATABASE_URL,
    NATS_URL: sharedConfig.NATS_URL,
    PLATFORM_NAMESPACE: sharedConfig.PLATFORM_NAMESPACE,
    PII_MASTER_KEY: env.base64Key(32),
    NODE_ENV: env.oneOf(['development', 'test', 'production'] as const, { default: 'development' }),
  },
  'organisation seed',
);
if (config.NODE_ENV === 'production') {
  process.stderr.write('organisation seed: the demo seed is refused in production\n');
  process.exit(1);
}
const db = new OrganisationDatabase(config.DATABASE_URL);
const rpc = new RpcClient({ url: config.NATS_URL, namespace: config.PLATFORM_NAMESPACE }, 5000);
try {
  await rpc.connect();
  for (const [slug, tree] of Object.entries(DEMO_TREES)) {
    const { tenant } = await rpc.call(TenantService.method.findTenantBySlug, { slug });
    await db.database.inTenant(asTenantId(tenant!.id), (tx) => plant(tx, tenant!.id, tree, null));
    await seedMembers(tenant!.id, slug);
  }
  process.stdout.write('organisation: demo trees and members in place\n');
} finally {
  await rpc.close();
  await db.close();
}

async function plant(
  tx: OrganisationTx,
  tenantId: string,
  node: DemoNode,
  parent: { id: string; path: string; depth: number } | null,
): Promise<void> {
  let row = await tx.organisation.findFirst({ where: { code: node.code } });
  if (!row) {
    const id = randomUUID();
    row = await tx.organisation.create({
      data: {
        id,
        tenantId,
        parentId: parent?.id ?? null,
        path: `${parent?.path ?? '/'}${id}/`,
        depth: (parent?.depth ?? -1) + 1,
        kind: node.kind,
        name: node.name,
        code: node.code,
        gridLabel: node.gridLabel ?? '',
        joint: node.joint ?? false,
      },
    });
  }
  for (const child of node.children ?? []) await plant(tx, tenantId, child, row);
}

/** Members go through the same use case as the API: encrypted, masked, with their history. */
async function seedMembers(tenantId: string, slug: string): Promise<void> {
  const existing = await db.database.inTenant(asTenantId(tenantId), (tx) => tx.member.count());
  if (existing > 0) return;
  const branches = await db.database.inTenant(asTenantId(tenantId), (tx) =>
    tx.organisation.findMany({ where: { kind: 'branch' }, orderBy: { code: 'asc' }, select: { id: true } }),
  );
  const keyRing = new TenantKeyRing(config.PII_MASTER_KEY);
  const members = new MembersUseCases(db, keyRing);
  const context = {
    requestId: 'demo-seed',
    tenant: create(TenantContextSchema, { tenantId, slug }),
    principal: create(PrincipalSchema, { userId: 'demo-seed', roles: ['tenant-admin'] }),
  };
  const specs = demoMembers(slug, MEMBERS_PER_TENANT, chinaToday());
  const today = chinaToday();
  const development = new DevelopmentUseCases(db);
  const publicity = new PublicityUseCases(db, keyRing);
  await runInContext(context, async () => {
    const created = [];
    for (const [i, spec] of specs.entries()) {
      created.push(
        await members.create(
          create(CreateMemberRequestSchema, { ...spec, organisationId: branches[i % branches.length]!.id }),
        ),
      );
    }
    // A living pipeline: most applicants have had their talk, a few activists are in publicity.
    const applicants = created.filter((m) => m.developmentStage === 'applicant');
    for (const member of applicants.slice(0, Math.ceil(applicants.length * 0.7))) {
      const talkedOn = addDays(member.stageSince, 14) < today ? addDays(member.stageSince, 14) : today;
      await development.record(
        create(RecordDevelopmentStepRequestSchema, {
          memberId: member.id,
          kind: 'application_talk',
          decidedOn: talkedOn,
          note: '党支部委员谈话',
        }),
      );
    }
    for (const member of created.filter((m) => m.developmentStage === 'activist').slice(0, 3)) {
      await publicity.open(
        create(OpenPublicityPeriodRequestSchema, {
          memberId: member.id,
          stage: 'candidate',
          startsOn: today,
        }),
      );
    }
  });
}
