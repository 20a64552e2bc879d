import { create } from '@bufbuild/protobuf';
import {
  AppealNoticedSchema,
  SentimentAlertSchema,
  SentimentAlertedSchema,
  SortOrder,
  TenantContextSchema,
  type ListSentimentAlertsRequest,
  type SentimentAlert,
} from '@dangjian/contracts';
import {
  addDays,
  chinaToday,
  dateColumn,
  dateOnly,
  isChinaWorkingDay,
  logger,
  pageWindow,
  requireRole,
  requireTenant,
  runInContext,
  Validator,
  writeOutboxEvent,
  type TenantId,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import { timing } from '../appeals/appeal-rules.js';
import { appealSettingsOf, categoryLabel } from '../appeals/appeal-settings.js';
import type { SupervisionDatabase, SupervisionTx } from '../db/supervision-database.js';
import type { Prisma, SentimentAlert as AlertRow } from '../generated/prisma/client.js';
import type { Tree } from '../shared/tree.js';
import { pathsInScope } from '../shared/staff-scope.js';
import { keywordsIn, RECENT_DAYS, spike, TRAILING_WEEKS } from './watch-rules.js';

const KINDS = ['keyword', 'spike'];
const BATCH = 1_000;

export interface WatchCounts {
  reminded: number;
  escalated: number;
  alerted: number;
}
const OPEN = ['received', 'handling'];

/** One thing to tell: raised in the store once (the key), then told to the secretaries of `tell`. */
interface Pending {
  tell: string[];
  raise(tx: SupervisionTx, told: (orgId: string) => string[]): Promise<'raised' | 'already'>;
  kind: 'reminded' | 'escalated' | 'alerted';
}

/**
 * The appeal watch (every hour, and on demand): reminds the responsible organisation of appeals due
 * soon (催办), escalates overdue ones to the organisation they climbed to (督办), and raises sentiment
 * alerts (舆情预警) for alert words and spikes; the secretaries concerned are told through the
 * identity service's notifications. Each reminder, level of escalation and alert is raised once.
 */
export class AppealWatchUseCases {
  constructor(
    private readonly db: SupervisionDatabase,
    private readonly tree: Tree,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(request: ListSentimentAlertsRequest): Promise<{ alerts: SentimentAlert[]; total: number }> {
    const principal = requireRole('tenant-admin', 'secretary');
    const tenantId = requireTenant();
    new Validator()
      .check(!request.kind || KINDS.includes(request.kind), 'kind', 'not_one_of', {
        allowed: KINDS.join(', '),
      })
      .throwIfInvalid();
    const where: Prisma.SentimentAlertWhereInput = {
      ...pathsInScope(principal),
      ...(request.kind ? { kind: request.kind } : {}),
    };
    return this.db.database.inTenant(tenantId, async (tx) => {
      const [rows, total] = await Promise.all([
        tx.sentimentAlert.findMany({
          where,
          orderBy:
            request.page?.sortOrder === SortOrder.ASC
              ? [{ raisedOn: 'asc' }, { createdAt: 'asc' }]
              : [{ raisedOn: 'desc' }, { createdAt: 'desc' }],
          ...pageWindow(request.page),
        }),
        tx.sentimentAlert.count({ where }),
      ]);
      return { alerts: rows.map(toMessage), total };
    });
  }

  /** The watch now, for the caller's tenant (tenant admins; it also runs every hour). */
  async runNow(): Promise<WatchCounts> {
    requireRole('tenant-admin');
    return this.watch(requireTenant());
  }

  async watchAllTenants(): Promise<void> {
    for (const tenantId of await this.db.tenantIds())
      await runInContext(
        { requestId: 'appeal-watch', tenant: create(TenantContextSchema, { tenantId }) },
        () => this.watch(tenantId),
      ).catch((error: unknown) => logger.error({ err: error, tenantId }, 'appeal watch failed'));
  }

  /** Reads what is due, asks who the secretaries are, then raises and tells each thing once. */
  async watch(tenantId: TenantId): Promise<WatchCounts> {
    const today = chinaToday(this.now());
    const { pending, read } = await this.db.database.inTenant(tenantId, async (tx) => {
      const worded = await this.keywords(tx, tenantId, today);
      return {
        pending: [
          ...(await this.deadlines(tx, tenantId, today)),
          ...worded.pending,
          ...(await this.spikes(tx, tenantId, today)),
        ],
        read: worded.read,
      };
    });
    const counts = { reminded: 0, escalated: 0, alerted: 0 };
    if (pending.length > 0) {
      const secretaries = await this.tree.secretaries(pending.flatMap((p) => p.tell));
      const told = (orgId: string) => secretaries.get(orgId) ?? [];
      // One at a time: two replicas watching together raise each thing once (the keys decide).
      for (const item of pending)
        if ((await this.db.database.inTenant(tenantId, (tx) => item.raise(tx, told))) === 'raised')
          counts[item.kind] += 1;
    }
    // Appeals are read for the alert words once, after their alerts are raised (a failed run reads
    // them again; the alerts stay once). A word added later applies to appeals filed from then on.
    if (read.length > 0)
      await this.db.database.inTenant(tenantId, (tx) =>
        tx.appeal.updateMany({ where: { id: { in: read } }, data: { keywordsChecked: true } }),
      );
    return counts;
  }

  /** Open appeals due soon (reminded once) and overdue (told once per level they climbed). */
  private async deadlines(tx: SupervisionTx, tenantId: TenantId, today: string): Promise<Pending[]> {
    let next = addDays(today, 1);
    while (!isChinaWorkingDay(next)) next = addDays(next, 1);
    // Every open appeal due by then, a thousand at a time in id order: however many stay overdue at
    // the top of the tree (told already), none further on is starved.
    const rows = [];
    for (let after: string | undefined; ;) {
      const batch = await tx.appeal.findMany({
        where: {
          status: { in: OPEN },
          dueOn: { lte: dateColumn(next) },
          ...(after ? { id: { gt: after } } : {}),
        },
        select: {
          id: true,
          title: true,
          category: true,
          status: true,
          dueOn: true,
          responsibleId: true,
          responsibleName: true,
          responsiblePathIds: true,
          responsiblePathNames: true,
          notices: { select: { kind: true, level: true } },
        },
        orderBy: { id: 'asc' },
        take: BATCH,
      });
      rows.push(...batch);
      if (batch.length < BATCH) break;
      after = batch.at(-1)!.id;
    }
    const { categories } = await appealSettingsOf(tx, tenantId);
    const pending: Pending[] = [];
    for (const row of rows) {
      const due = dateOnly(row.dueOn);
      const t = timing(row.status, due, today, row.responsiblePathIds.length - 1);
      const kind = t.overdue ? 'escalated' : t.dueSoon ? 'due_soon' : undefined;
      if (!kind) continue;
      const level = t.overdue ? t.escalationLevel : 0;
      if (row.notices.some((n) => n.kind === kind && n.level === level)) continue;
      const overseerAt = row.responsiblePathIds.length - 1 - level;
      const overseerId = row.responsiblePathIds[overseerAt] ?? row.responsibleId;
      const tell = [...new Set([row.responsibleId, ...(t.overdue ? [overseerId] : [])])];
      pending.push({
        kind: t.overdue ? 'escalated' : 'reminded',
        tell,
        raise: async (tx, told) => {
          const inserted = await tx.$executeRaw`
            insert into appeal_notices (tenant_id, appeal_id, kind, level, noticed_on)
            values (${tenantId}::uuid, ${row.id}::uuid, ${kind}, ${level}, ${today}::date)
            on conflict do nothing`;
          if (inserted === 0) return 'already';
          const userIds = [...new Set(tell.flatMap(told))];
          if (userIds.length > 0)
            await writeOutboxEvent(tx, {
              subject: `events.supervision.appeal.${kind}`,
              schema: AppealNoticedSchema,
              message: create(AppealNoticedSchema, {
                appealId: row.id,
                title: row.title,
                categoryLabel: categoryLabel(categories, row.category),
                organisationName: row.responsibleName,
                dueOn: due,
                escalationLevel: level,
                overseerName: t.overdue ? (row.responsiblePathNames[overseerAt] ?? row.responsibleName) : '',
                userIds,
              }),
              tenantId,
            });
          return 'raised';
        },
      });
    }
    return pending;
  }

  /** Appeals not yet read for the tenant's alert words: one alert per word found, to the responsible. */
  private async keywords(
    tx: SupervisionTx,
    tenantId: TenantId,
    today: string,
  ): Promise<{ pending: Pending[]; read: string[] }> {
    const { alertKeywords, categories } = await appealSettingsOf(tx, tenantId);
    const rows = await tx.appeal.findMany({
      where: { keywordsChecked: false },
      select: {
        id: true,
        title: true,
        content: true,
        category: true,
        responsibleId: true,
        responsibleName: true,
        responsiblePathIds: true,
      },
      // The rest are read by the next run (these are marked read once told).
      take: 5_000,
    });
    const pending: Pending[] = [];
    for (const row of rows)
      for (const keyword of keywordsIn(`${row.title}\n${row.content}`, alertKeywords)) {
        pending.push(
          this.alert(tenantId, 'keyword', {
            category: row.category,
            categoryLabel: categoryLabel(categories, row.category),
            organisationId: row.responsibleId,
            organisationName: row.responsibleName,
            organisationPathIds: row.responsiblePathIds,
            keyword,
            appealId: row.id,
            count: 1,
            baseline: 0,
            raisedOn: dateColumn(today),
          }),
        );
      }
    return { pending, read: rows.map((r) => r.id) };
  }

  /** Category and place with a spike in the last 7 days, not alerted in those 7 days. */
  private async spikes(tx: SupervisionTx, tenantId: TenantId, today: string): Promise<Pending[]> {
    const recentFrom = addDays(today, -(RECENT_DAYS - 1));
    const trailingFrom = addDays(recentFrom, -7 * TRAILING_WEEKS);
    // Citizens, not filings: one person filing five times is not five voices (their filings are
    // linked as duplicates); five people about one outage are, though their appeals are linked too.
    const groups = (await tx.$queryRaw`
      select a.category, a.place_organisation_id::text as place_id, max(a.place_name) as place_name,
             count(distinct a.citizen_phone_index) filter (where a.received_on >= ${recentFrom}::date)::int as recent,
             count(distinct a.citizen_phone_index) filter (where a.received_on < ${recentFrom}::date)::int as trailing
        from appeals a
       where a.place_organisation_id is not null and a.received_on >= ${trailingFrom}::date
         and a.received_on <= ${today}::date
       group by a.category, a.place_organisation_id
      having count(*) filter (where a.received_on >= ${recentFrom}::date) > 0`) as {
      category: string;
      place_id: string;
      place_name: string;
      recent: number;
      trailing: number;
    }[];
    const { categories } = await appealSettingsOf(tx, tenantId);
    const pending: Pending[] = [];
    for (const group of groups) {
      const found = spike(group.recent, group.trailing);
      if (!found) continue;
      const ladder = await this.tree.ladder(group.place_id).catch(() => undefined);
      pending.push(
        this.alert(tenantId, 'spike', {
          category: group.category,
          categoryLabel: categoryLabel(categories, group.category),
          organisationId: group.place_id,
          organisationName: ladder?.name ?? group.place_name,
          organisationPathIds: ladder?.pathIds ?? [group.place_id],
          keyword: '',
          appealId: null,
          count: found.count,
          baseline: found.baseline,
          raisedOn: dateColumn(today),
        }),
      );
    }
    return pending;
  }

  private alert(
    tenantId: TenantId,
    kind: 'keyword' | 'spike',
    fields: Omit<Prisma.SentimentAlertUncheckedCreateInput, 'id' | 'tenantId' | 'kind' | 'told'>,
  ): Pending {
    const raisedOn = dateOnly(fields.raisedOn as Date);
    return {
      kind: 'alerted',
      tell: [fields.organisationId],
      raise: async (tx, told) => {
        // Within the transaction, under the tenant's watch lock: raised once however many replicas.
        await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`appeal-watch:${tenantId}`}))`;
        const earlier = await tx.sentimentAlert.findFirst({
          where:
            kind === 'spike'
              ? {
                  kind,
                  category: fields.category,
                  organisationId: fields.organisationId,
                  raisedOn: { gt: dateColumn(addDays(raisedOn, -RECENT_DAYS)) },
                }
              : { kind, appealId: fields.appealId!, keyword: fields.keyword! },
          select: { id: true },
        });
        if (earlier) return 'already';
        const userIds = told(fields.organisationId);
        const saved = await tx.sentimentAlert.create({
          data: { id: randomUUID(), tenantId, kind, ...fields, told: userIds.length },
        });
        if (userIds.length > 0)
          await writeOutboxEvent(tx, {
            subject: 'events.supervision.sentiment.alerted',
            schema: SentimentAlertedSchema,
            message: create(SentimentAlertedSchema, {
              alertId: saved.id,
              kind,
              categoryLabel: saved.categoryLabel,
              organisationName: saved.organisationName,
              keyword: saved.keyword,
              count: saved.count,
              baseline: saved.baseline,
              userIds,
            }),
            tenantId,
          });
        return 'raised';
      },
    };
  }
}

const toMessage = (row: AlertRow): SentimentAlert =>
  create(SentimentAlertSchema, {
    id: row.id,
    kind: row.kind,
    category: row.category,
    categoryLabel: row.categoryLabel,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    keyword: row.keyword,
    appealId: row.appealId ?? undefined,
    count: row.count,
    baseline: row.baseline,
    raisedOn: dateOnly(row.raisedOn),
    told: row.told,
  });
