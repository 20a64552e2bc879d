import { create } from '@bufbuild/protobuf';
import {
  ApproveDisclosureItemRequestSchema,
  OrganisationTreeService,
  PrincipalSchema,
  ProposeCommitmentRequestSchema,
  ProposeDisclosureItemRequestSchema,
  RecordCommitmentProgressRequestSchema,
  ReviewCommitmentRequestSchema,
  ReviewDisclosureItemRequestSchema,
  TenantContextSchema,
  TenantService,
  type Organisation,
  type Tenant,
} from '@dangjian/contracts';
import {
  databaseConfig,
  env,
  loadConfigOrExit,
  RpcClient,
  runInContext,
  sharedConfig,
  type RequestContext,
} from '@dangjian/kit';
import { CommitmentsUseCases } from '../commitments/commitments.use-cases.js';
import { DisclosureDatabase } from '../db/disclosure-database.js';
import { DisclosureItemsUseCases } from '../disclosure-items/disclosure-items.use-cases.js';
import { Tree } from '../disclosure-items/tree.js';

// The demo's disclosure (issue 17): in every tenant with the disclosure module and a tree, items that
// went through the whole workflow (three people: proposer, reviewer, approver), a branch's item to its
// own members, and commitments with progress — so each tenant's portal shows something at once. The
// publicity periods come from the organisation seed's development pipeline, over the bus. Through the
// same use cases as the API; idempotent (a tenant with items is left alone); refused in production.
const config = loadConfigOrExit(
  {
    DATABASE_URL: databaseConfig.DATABASE_URL,
    NATS_URL: sharedConfig.NATS_URL,
    PLATFORM_NAMESPACE: sharedConfig.PLATFORM_NAMESPACE,
    NODE_ENV: env.oneOf(['development', 'test', 'production'] as const, { default: 'development' }),
  },
  'disclosure seed',
);
if (config.NODE_ENV === 'production') {
  process.stderr.write('disclosure seed: the demo seed is refused in production\n');
  process.exit(1);
}
const db = new DisclosureDatabase(config.DATABASE_URL);
const rpc = new RpcClient({ url: config.NATS_URL, namespace: config.PLATFORM_NAMESPACE }, 10_000);
const tree = new Tree(rpc);
const items = new DisclosureItemsUseCases(db, tree);
const commitments = new CommitmentsUseCases(db, tree, rpc);
const year = Number(
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
);
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

try {
  await rpc.connect();
  const operator: RequestContext = {
    requestId: 'demo-seed',
    principal: create(PrincipalSchema, { userId: 'demo-seed', platformOperator: true }),
  };
  const { tenants } = await runInContext(operator, () =>
    rpc.call(TenantService.method.listTenants, { page: { offset: 0, limit: 100 } }),
  );
  let seeded = 0;
  for (const tenant of tenants.filter((t) => t.modules.includes('disclosure'))) {
    if (await seedTenant(tenant)) seeded++;
  }
  process.stdout.write(`disclosure: demo items and commitments in place (${seeded} tenants seeded now)\n`);
} finally {
  await rpc.close();
  await db.close();
}

/** Three demo people of the tenant, so no one takes two steps of one item. */
function as<T>(
  tenant: Tenant,
  who: 'proposer' | 'reviewer' | 'approver',
  work: () => Promise<T>,
): Promise<T> {
  const names = { proposer: '党务干事', reviewer: '纪检委员', approver: '党委书记' };
  return runInContext(
    {
      requestId: 'demo-seed',
      tenant: create(TenantContextSchema, { tenantId: tenant.id, slug: tenant.slug }),
      principal: create(PrincipalSchema, {
        userId: `demo-seed-${who}`,
        username: `demo-seed-${who}`,
        displayName: names[who],
        roles: ['tenant-admin'],
      }),
    },
    work,
  );
}

async function seedTenant(tenant: Tenant): Promise<boolean> {
  const existing = await as(tenant, 'proposer', () => items.list({ page: { offset: 0, limit: 1 } } as never));
  if (existing.total > 0) return false;
  const organisations = async (request: object): Promise<Organisation[]> =>
    (await as(tenant, 'proposer', () => rpc.call(OrganisationTreeService.method.listOrganisations, request)))
      .organisations;
  const root = (await organisations({ rootsOnly: true, page: { offset: 0, limit: 1 } }))[0];
  if (!root) return false;
  const branches = await organisations({ parentId: root.id, page: { offset: 0, limit: 2 } });

  const publish = async (fields: Record<string, unknown>) => {
    const proposed = await as(tenant, 'proposer', () =>
      items.propose(
        create(ProposeDisclosureItemRequestSchema, { channels: ['platform', 'noticeboard'], ...fields }),
      ),
    );
    const reviewed = await as(tenant, 'reviewer', () =>
      items.review(
        create(ReviewDisclosureItemRequestSchema, {
          id: proposed.id,
          version: proposed.version,
          decision: 'pass',
          acknowledgements: proposed.findings.map((_, index) => ({ index, note: '经本人同意公开' })),
        }),
      ),
    );
    await as(tenant, 'approver', () =>
      items.approve(
        create(ApproveDisclosureItemRequestSchema, {
          id: reviewed.id,
          version: reviewed.version,
          decision: 'approve',
        }),
      ),
    );
  };
  await publish({
    organisationId: root.id,
    category: 'finance',
    title: `${year}年第三季度党费收缴、使用和管理情况`,
    body: `${root.name}本季度应交党费党员全部按时足额交纳，党费全额上缴上级党委，用于党员教育培训和慰问困难党员。具体收支明细见党务公开栏。`,
    audience: 'public',
    startsAt: daysAgo(20),
  });
  await publish({
    organisationId: root.id,
    category: 'work',
    title: `${year}年党建工作要点`,
    body: '一、加强政治理论学习，每月开展主题党日活动；二、规范“三会一课”；三、做好发展党员工作；四、推进党务公开。',
    audience: 'public',
    startsAt: daysAgo(60),
  });
  if (branches[0]) {
    await publish({
      organisationId: branches[0].id,
      category: 'organisation',
      title: '本月主题党日活动安排',
      body: '本月主题党日活动安排在第三周周五下午，内容为学习党章，请全体党员准时参加。',
      audience: 'organisation',
      startsAt: daysAgo(3),
    });
  }

  // Commitments: the committee's and its branches', published, with two quarters' progress.
  const commit = async (
    organisation: Organisation,
    title: string,
    targets: [string, string, number][],
    done: number[][],
  ) => {
    const proposed = await as(tenant, 'proposer', () =>
      commitments.propose(
        create(ProposeCommitmentRequestSchema, {
          organisationId: organisation.id,
          committerKind: 'organisation',
          year,
          title,
          audience: 'public',
          targets: targets.map(([description, unit, target]) => ({ description, unit, target })),
        }),
      ),
    );
    await as(tenant, 'reviewer', () =>
      commitments.review(
        create(ReviewCommitmentRequestSchema, {
          id: proposed.id,
          version: proposed.version,
          decision: 'publish',
        }),
      ),
    );
    for (const [i, achieved] of done.entries()) {
      await as(tenant, 'proposer', () =>
        commitments.recordProgress(
          create(RecordCommitmentProgressRequestSchema, {
            commitmentId: proposed.id,
            period: `Q${i + 1}`,
            achieved,
            evidence: `第${'一二三四'[i]}季度：按计划推进，活动记录和照片已存档备查。`,
          }),
        ),
      );
    }
  };
  await commit(
    root,
    `${year}年党委党建工作承诺`,
    [
      ['开展主题党日活动', '次', 12],
      ['专题党课', '次', 4],
    ],
    [
      [3, 1],
      [6, 2],
      [9, 3],
    ],
  );
  for (const branch of branches) {
    await commit(branch, `${year}年${branch.name}公开承诺`, [['为群众办实事', '件', 10]], [[2], [5]]);
  }
  return true;
}
