import { create } from '@bufbuild/protobuf';
import {
  GetPortalResponseSchema,
  PublicCommitmentSchema,
  type AppraisePublicCommitmentRequest,
  type PublicCommitment,
  PublicityService,
  PublicItemSchema,
  PublicityNoticeSchema,
  type FilePublicityObjectionRequest,
  type GetPortalResponse,
  type PublicItem,
  type PublicityNotice,
} from '@dangjian/contracts';
import {
  chinaToday,
  dateColumn,
  dateOnly,
  isUuid,
  NotFoundError,
  requireTenant,
  RuleViolatedError,
  Validator,
  type RpcClient,
} from '@dangjian/kit';
import type { DisclosureDatabase } from '../db/disclosure-database.js';
import type {
  DisclosureItem as ItemRow,
  Prisma,
  PublicityNotice as NoticeRow,
} from '../generated/prisma/client.js';
import { progressOf, type Target } from '../commitments/commitment-progress.js';
import { GRADES, latestAchieved } from '../commitments/commitments.use-cases.js';
import { randomUUID } from 'node:crypto';
import { publishedNow, withdrawnAfterPublication } from '../disclosure-items/disclosure-items.repository.js';
import { categoriesOf, type Category } from '../disclosure-settings/disclosure-settings.use-cases.js';

const ON_PORTAL = 50;

/**
 * The public portal's data (no login; the tenant from the request): items approved for the public in
 * their window, those withdrawn after publication (title and reason only), and the publicity periods
 * running now. Nothing else about anyone: a notice names the person as the organisation announced.
 */
export class PortalUseCases {
  constructor(
    private readonly db: DisclosureDatabase,
    private readonly rpc: RpcClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async portal(): Promise<GetPortalResponse> {
    const tenantId = requireTenant();
    const now = this.now();
    const today = chinaToday(now);
    return this.db.database.inTenant(tenantId, async (tx) => {
      const [items, notices, { categories }, commitments] = await Promise.all([
        tx.disclosureItem.findMany({
          where: { audience: 'public', OR: [publishedNow(now), withdrawnAfterPublication] },
          orderBy: [{ startsAt: 'desc' }, { id: 'asc' }],
          take: ON_PORTAL,
        }),
        tx.publicityNotice.findMany({
          where: { startsOn: { lte: dateColumn(today) }, endsOn: { gte: dateColumn(today) } },
          orderBy: [{ endsOn: 'asc' }, { id: 'asc' }],
          take: ON_PORTAL,
        }),
        categoriesOf(tx, tenantId),
        tx.commitment.findMany({
          where: { audience: 'public', state: { in: ['published', 'met', 'unmet'] } },
          include: { progress: { orderBy: { recordedAt: 'asc' } } },
          orderBy: [{ year: 'desc' }, { organisationName: 'asc' }, { id: 'asc' }],
          take: ON_PORTAL,
        }),
      ]);
      return create(GetPortalResponseSchema, {
        items: items.map((row) => toPublicItem(row, categories)),
        publicityNotices: notices.map((n) => toNotice(n, today)),
        commitments: commitments.map(toPublicCommitment),
      });
    });
  }

  async item(id: string): Promise<PublicItem> {
    const tenantId = requireTenant();
    const now = this.now();
    const found = isUuid(id)
      ? await this.db.database.inTenant(tenantId, async (tx) => ({
          row: await tx.disclosureItem.findFirst({
            where: { id, audience: 'public', OR: [publishedNow(now), withdrawnAfterPublication] },
          }),
          categories: (await categoriesOf(tx, tenantId)).categories,
        }))
      : null;
    if (!found?.row) throw new NotFoundError('disclosure item', id);
    return toPublicItem(found.row, found.categories);
  }

  async notice(id: string): Promise<PublicityNotice> {
    const tenantId = requireTenant();
    const row = isUuid(id)
      ? await this.db.database.inTenant(tenantId, (tx) => tx.publicityNotice.findUnique({ where: { id } }))
      : null;
    if (!row) throw new NotFoundError('publicity notice', id);
    return toNotice(row, chinaToday(this.now()));
  }

  async commitment(id: string): Promise<PublicCommitment> {
    const tenantId = requireTenant();
    const row = isUuid(id)
      ? await this.db.database.inTenant(tenantId, (tx) =>
          tx.commitment.findFirst({
            where: { id, audience: 'public', state: { in: ['published', 'met', 'unmet'] } },
            include: { progress: { orderBy: { recordedAt: 'asc' } } },
          }),
        )
      : null;
    if (!row) throw new NotFoundError('commitment', id);
    return toPublicCommitment(row);
  }

  /** The public's appraisal: counted, never named (the gateway limits how often an address may). */
  async appraise(request: AppraisePublicCommitmentRequest): Promise<void> {
    new Validator()
      .check((GRADES as readonly string[]).includes(request.grade), 'grade', 'not_one_of', {
        allowed: GRADES.join(', '),
      })
      .throwIfInvalid();
    const found = await this.commitment(request.id);
    const tenantId = requireTenant();
    await this.db.database.inTenant(tenantId, (tx) =>
      tx.commitmentAppraisal.create({
        data: { id: randomUUID(), tenantId, commitmentId: found.id, source: 'public', grade: request.grade },
      }),
    );
  }

  /** An objection goes to the organisation service, which keeps it and holds the step until decided. */
  async fileObjection(request: FilePublicityObjectionRequest): Promise<{ reference: string }> {
    new Validator()
      .check(
        request.content.trim().length > 0 && request.content.length <= 2000,
        'content',
        'length_between',
        { min: 1, max: 2000 },
      )
      .check((request.name ?? '').length <= 50, 'name', 'length_between', { min: 0, max: 50 })
      .check((request.contact ?? '').length <= 100, 'contact', 'length_between', { min: 0, max: 100 })
      .throwIfInvalid();
    const notice = await this.notice(request.publicityId);
    if (!notice.open) throw new RuleViolatedError('publicity-closed');
    const { id } = await this.rpc.call(PublicityService.method.receivePublicityObjection, {
      publicityPeriodId: notice.id,
      content: request.content,
      name: request.name?.trim() || undefined,
      contact: request.contact?.trim() || undefined,
    });
    return { reference: id.slice(0, 8).toUpperCase() };
  }
}

function toPublicItem(row: ItemRow, categories: Category[]): PublicItem {
  const withdrawn = row.state === 'withdrawn';
  return create(PublicItemSchema, {
    categoryLabel: categories.find((c) => c.key === row.category)?.label ?? '',
    id: row.id,
    organisationName: row.organisationName,
    category: row.category,
    title: row.title,
    body: withdrawn ? '' : row.body,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt?.toISOString() ?? '',
    status: withdrawn ? 'withdrawn' : 'published',
    withdrawnReason: row.withdrawnReason,
    withdrawnAt: row.withdrawnAt?.toISOString() ?? '',
  });
}

function toPublicCommitment(
  row: Prisma.CommitmentGetPayload<{ include: { progress: true } }>,
): PublicCommitment {
  const targets = row.targets as unknown as Target[];
  const last = row.progress.at(-1);
  return create(PublicCommitmentSchema, {
    id: row.id,
    organisationName: row.organisationName,
    committerName: row.committerName,
    year: row.year,
    title: row.title,
    targets: targets.map((t) => `${t.description}（${t.target}${t.unit}）`),
    progress: progressOf(targets, latestAchieved(row)),
    status: row.state,
    explanation: row.explanation,
    lastPeriod: last?.period ?? '',
    lastEvidence: last?.evidence ?? '',
    lastFacts: ((last?.facts ?? []) as unknown as { text: string }[]).map((f) => f.text),
  });
}

function toNotice(row: NoticeRow, today: string): PublicityNotice {
  const startsOn = dateOnly(row.startsOn);
  const endsOn = dateOnly(row.endsOn);
  return create(PublicityNoticeSchema, {
    id: row.id,
    organisationName: row.organisationName,
    memberName: row.memberName,
    stage: row.stage,
    startsOn,
    endsOn,
    open: startsOn <= today && today <= endsOn,
  });
}
