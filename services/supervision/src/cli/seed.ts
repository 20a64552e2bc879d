import { create } from '@bufbuild/protobuf';
import {
  ActOnAppealRequestSchema,
  ActOnBallotRequestSchema,
  CreateBallotRequestSchema,
  PostMicroWishRequestSchema,
  AnswerAppealRequestSchema,
  EnterAppealRequestSchema,
  OrganisationTreeService,
  PrincipalSchema,
  TenantContextSchema,
  TenantService,
  UpdateAppealSettingsRequestSchema,
  type Organisation,
  type Tenant,
} from '@dangjian/contracts';
import {
  addDays,
  chinaToday,
  databaseConfig,
  env,
  loadConfigOrExit,
  RpcClient,
  runInContext,
  sharedConfig,
  TenantKeyRing,
  type RequestContext,
} from '@dangjian/kit';
import { AppealSettingsUseCases, DEFAULT_CATEGORIES, KeptCategories } from '../appeals/appeal-settings.js';
import { AppealsUseCases } from '../appeals/appeals.use-cases.js';
import { BallotsUseCases } from '../ballots/ballots.use-cases.js';
import { SupervisionDatabase } from '../db/supervision-database.js';
import { MicroWishesUseCases } from '../micro-wishes/micro-wishes.use-cases.js';
import { AppealWatchUseCases } from '../sentiment-alerts/appeal-watch.use-cases.js';
import { Tree } from '../shared/tree.js';

// The demo's appeals (issue 18): in every tenant with the supervision module and the appeals feature
// (the county), appeals in different states — one closed and called back, one being handled, one
// received online today, and a letter received weeks ago that is overdue and escalated up the tree —
// a micro-wish to claim, and a closed members' appraisal of a grid branch (its roll taken from the
// member records; the demo members have no logins, so it has no papers).
// Through the same use cases as the API; idempotent (a tenant with appeals is left alone); refused in
// production. The inspector's login comes from the identity seed.
const config = loadConfigOrExit(
  {
    DATABASE_URL: databaseConfig.DATABASE_URL,
    NATS_URL: sharedConfig.NATS_URL,
    PLATFORM_NAMESPACE: sharedConfig.PLATFORM_NAMESPACE,
    PII_MASTER_KEY: env.base64Key(32),
    NODE_ENV: env.oneOf(['development', 'test', 'production'] as const, { default: 'development' }),
  },
  'supervision seed',
);
if (config.NODE_ENV === 'production') {
  process.stderr.write('supervision seed: the demo seed is refused in production\n');
  process.exit(1);
}
const db = new SupervisionDatabase(config.DATABASE_URL);
const rpc = new RpcClient({ url: config.NATS_URL, namespace: config.PLATFORM_NAMESPACE }, 10_000);
const tree = new Tree(rpc);
const keyRing = new TenantKeyRing(config.PII_MASTER_KEY);
const kept = new KeptCategories();
const appeals = new AppealsUseCases(db, tree, keyRing, kept);
const appealSettings = new AppealSettingsUseCases(db, kept);
const watch = new AppealWatchUseCases(db, tree);
const wishes = new MicroWishesUseCases(db, tree, keyRing);
const ballots = new BallotsUseCases(db, tree, rpc);

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
  for (const tenant of tenants.filter(
    (t) => t.modules.includes('supervision') && t.modules.includes('feature:appeals'),
  )) {
    if (await seedTenant(tenant)) seeded++;
  }
  process.stdout.write(`supervision: demo appeals in place (${seeded} tenants seeded now)\n`);
} finally {
  await rpc.close();
  await db.close();
}

function asAdmin<T>(tenant: Tenant, work: () => Promise<T>): Promise<T> {
  return runInContext(
    {
      requestId: 'demo-seed',
      tenant: create(TenantContextSchema, { tenantId: tenant.id, slug: tenant.slug }),
      principal: create(PrincipalSchema, {
        userId: 'demo-seed',
        username: 'demo-seed',
        displayName: '信访干事',
        roles: ['tenant-admin'],
      }),
    },
    work,
  );
}

async function seedTenant(tenant: Tenant): Promise<boolean> {
  const existing = await asAdmin(tenant, () => appeals.list({ page: { offset: 0, limit: 1 } } as never));
  if (existing.total > 0) return false;
  const organisations = async (request: object): Promise<Organisation[]> =>
    (await asAdmin(tenant, () => rpc.call(OrganisationTreeService.method.listOrganisations, request)))
      .organisations;
  const root = (await organisations({ rootsOnly: true, page: { offset: 0, limit: 1 } }))[0];
  if (!root) return false;
  const [grid = root, otherGrid = root] = await organisations({
    parentId: root.id,
    page: { offset: 0, limit: 2 },
  });
  const today = chinaToday();
  // Alert words (舆情预警), before the appeals: the watch below reads them.
  await asAdmin(tenant, () =>
    appealSettings.update(
      create(UpdateAppealSettingsRequestSchema, {
        categories: DEFAULT_CATEGORIES,
        closeAfterDays: 7,
        duplicateWindowDays: 30,
        alertKeywords: ['上访', '停水', '塌方', '群体'],
        version: 0,
      }),
    ),
  );
  const enter = (fields: Record<string, unknown>) =>
    asAdmin(tenant, () =>
      appeals.enter(
        create(EnterAppealRequestSchema, {
          organisationId: grid.id,
          placeOrganisationId: grid.id,
          channel: 'phone',
          ...fields,
        }),
      ),
    );
  const act = async (appeal: { id: string; version: number }, fields: Record<string, unknown>) =>
    asAdmin(tenant, () =>
      appeals.act(
        create(ActOnAppealRequestSchema, { id: appeal.id, version: appeal.version, note: '', ...fields }),
      ),
    );

  // Closed and called back.
  let done = await enter({
    category: 'complaint',
    title: '小区门口占道经营',
    content: '小区南门早市摊贩占用人行道，行人只能走机动车道。',
    citizenName: '周桂兰',
    citizenPhone: '13800001001',
    receivedOn: addDays(today, -12),
  });
  done = await act(done, { action: 'receive' });
  done = await act(done, { action: 'resolve', note: '已会同城管划定早市摊位，人行道已清理。' });
  // The citizen confirms with the code; then the call-back.
  await asAdmin(tenant, () =>
    appeals.answer(create(AnswerAppealRequestSchema, { code: done.code, answer: 'confirm', note: '' })),
  );
  const closed = await asAdmin(tenant, () => appeals.get(done.id));
  await act(closed, { action: 'call_back', satisfaction: 'satisfied', note: '电话回访，群众满意' });
  // Being handled.
  const handling = await enter({
    category: 'suggestion',
    title: '建议增设老年人助餐点',
    content: '社区老人多，建议在活动中心设助餐点。',
    citizenName: '吴志强',
    citizenPhone: '13800001002',
    channel: 'visit',
    placeOrganisationId: otherGrid.id,
  });
  await act(handling, { action: 'receive' });
  // A letter of three weeks ago, never answered: overdue and escalated up the tree.
  await enter({
    category: 'consultation',
    title: '咨询低保申请条件',
    content: '来信咨询家庭低保的申请条件和所需材料。',
    citizenName: '郑红梅',
    citizenPhone: '0571-86001003',
    channel: 'letter',
    receivedOn: addDays(today, -21),
  });
  // Received today.
  await enter({
    category: 'urgent',
    title: '独居老人家中漏水',
    content: '3号楼独居老人家中水管破裂，整栋楼已停水，需要帮助。',
    citizenName: '钱立新',
    citizenPhone: '13800001004',
  });
  // A micro-wish waiting to be claimed, and last year's appraisal of the grid's members, closed.
  await asAdmin(tenant, () =>
    wishes.post(
      create(PostMicroWishRequestSchema, {
        organisationId: grid.id,
        title: '想要几本大字版的书',
        content: '眼睛不好，想看大字版的小说或历史书。',
        wisherName: '孙秀兰',
        wisherPhone: '13800001005',
      }),
    ),
  );
  const ballot = await asAdmin(tenant, () =>
    ballots.create(
      create(CreateBallotRequestSchema, {
        organisationId: grid.id,
        subject: '上年度民主评议党员',
        kind: 'member_appraisal',
        subjectName: '',
      }),
    ),
  );
  const opened = await asAdmin(tenant, () =>
    ballots
      .act(create(ActOnBallotRequestSchema, { id: ballot.id, version: ballot.version, action: 'open' }))
      .catch(() => undefined),
  );
  if (opened)
    await asAdmin(tenant, () =>
      ballots.act(
        create(ActOnBallotRequestSchema, { id: opened.id, version: opened.version, action: 'close' }),
      ),
    );
  // The appeal watch once now (it runs every hour): the reminder, the escalation, the alert word.
  await asAdmin(tenant, () => watch.runNow());
  return true;
}
