import { create } from '@bufbuild/protobuf';
import {
  AppealCategorySchema,
  AppealPlaceSchema,
  ErrorCode,
  GetAppealFormResponseSchema,
  type GetAppealFormResponse,
  AppealSchema,
  AppealStepSchema,
  PublicAppealSchema,
  PublishedAppealSchema,
  type ListPublishedAppealsRequest,
  type PublishedAppeal,
  type ActOnAppealRequest,
  type Appeal,
  type AnswerAppealRequest,
  type EnterAppealRequest,
  type FileAppealRequest,
  type ListAppealsRequest,
  type Principal,
  type PublicAppeal,
} from '@dangjian/contracts';
import {
  addDays,
  blindIndex,
  blindIndexes,
  chinaToday,
  ConflictError,
  dateColumn,
  dateOnly,
  decryptField,
  encryptField,
  ForbiddenError,
  isChinaWorkingDay,
  isUuid,
  maskPhone,
  NotFoundError,
  pageWindow,
  requireRole,
  requireTenant,
  RemoteError,
  RuleViolatedError,
  ValidationError,
  Validator,
  type TenantId,
  type TenantKeyRing,
  type TenantKeys,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { SupervisionDatabase, SupervisionTx } from '../db/supervision-database.js';
import type { Prisma } from '../generated/prisma/client.js';
import { newReceiptCode, readReceiptCode } from '../shared/receipt.js';
import type { Ladder, Tree } from '../shared/tree.js';
import { isTenantAdmin } from '../shared/staff-scope.js';
import {
  afterStaffAction,
  APPEAL_STATUSES,
  citizenActions,
  dueOn,
  limitOn,
  MAX_EXTENSION_DAYS,
  SATISFACTIONS,
  similarTitles,
  staffActions,
  STAFF_ACTIONS,
  timing,
  type StaffAction,
} from './appeal-rules.js';
import { appealSettingsOf, categoryLabel, type Category, type KeptCategories } from './appeal-settings.js';

const STAFF = ['tenant-admin', 'secretary'] as const;
const ATTENTIONS = ['overdue', 'due_soon', 'escalated_to_me'];
type Row = Prisma.AppealGetPayload<{ include: { steps: true } }>;

/** Mainland mobile numbers and landlines with their area code. */
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

interface NewAppeal {
  category: Category;
  title: string;
  content: string;
  channel: string;
  citizenName: string;
  citizenPhone: string;
  place?: Ladder;
  receiver: Ladder;
  receivedOn: string;
  publishConsent: boolean;
  actorUserId?: string;
}

/**
 * 诉求 (rules.md §7): filed by citizens on the public pages or entered by staff from a call, a visit
 * or a letter; the organisation that receives it is responsible until it hands it on with a record;
 * due in its category's working days, escalated one organisation up for each working day overdue;
 * resolved by staff, closed by the citizen's confirmation (or their silence), called back afterwards.
 */
export class AppealsUseCases {
  constructor(
    private readonly db: SupervisionDatabase,
    private readonly tree: Tree,
    private readonly keyRing: TenantKeyRing,
    private readonly keptCategories: KeptCategories,
    private readonly now: () => Date = () => new Date(),
  ) {}

  // ---- staff ----

  async list(request: ListAppealsRequest): Promise<{ appeals: Appeal[]; total: number }> {
    const principal = requireRole(...STAFF);
    const tenantId = requireTenant();
    new Validator()
      .check(
        !request.status || (APPEAL_STATUSES as readonly string[]).includes(request.status),
        'status',
        'not_one_of',
        {
          allowed: APPEAL_STATUSES.join(', '),
        },
      )
      .check(!request.attention || ATTENTIONS.includes(request.attention), 'attention', 'not_one_of', {
        allowed: ATTENTIONS.join(', '),
      })
      .throwIfInvalid();
    const today = chinaToday(this.now());
    const where: Prisma.AppealWhereInput[] = [this.inScope(principal)];
    if (request.status) where.push({ status: request.status });
    if (request.category) where.push({ category: request.category });
    if (request.code) where.push({ code: readReceiptCode(request.code) ?? '-' });
    const open = { status: { in: ['received', 'handling'] } };
    if (request.attention === 'overdue' || request.attention === 'escalated_to_me')
      where.push({ ...open, dueOn: { lt: dateColumn(today) } });
    if (request.attention === 'due_soon') {
      let next = addDays(today, 1);
      while (!isChinaWorkingDay(next)) next = addDays(next, 1);
      where.push({ ...open, dueOn: { gte: dateColumn(today), lte: dateColumn(next) } });
    }
    const window = pageWindow(request.page);
    const orderBy: Prisma.AppealOrderByWithRelationInput =
      request.page?.sortField === 'dueOn'
        ? { dueOn: request.page.sortOrder === 1 ? 'asc' : 'desc' }
        : { createdAt: request.page?.sortOrder === 1 ? 'asc' : 'desc' };
    return this.db.database.inTenant(tenantId, async (tx) => {
      const keys = await this.keyRing.keysFor(tx, tenantId);
      const { closeAfterDays } = await appealSettingsOf(tx, tenantId);
      const view = (row: Row) => this.toMessage(row, keys, today, closeAfterDays, false);
      if (request.attention === 'escalated_to_me') {
        // Those overdue whose overseer, up the ladder, is one of the caller's organisations.
        const rows = await tx.appeal.findMany({
          where: { AND: where },
          orderBy,
          take: 2000,
          include: { steps: true },
        });
        const mine = rows
          .map(view)
          .filter(
            (a) =>
              a.escalationLevel > 0 &&
              (isTenantAdmin(principal) || principal.organisationScope.includes(a.overseerId)),
          );
        return { appeals: mine.slice(window.skip, window.skip + window.take), total: mine.length };
      }
      const [rows, total] = await Promise.all([
        tx.appeal.findMany({
          where: { AND: where },
          orderBy,
          skip: window.skip,
          take: window.take,
          include: { steps: true },
        }),
        tx.appeal.count({ where: { AND: where } }),
      ]);
      return { appeals: rows.map(view), total };
    });
  }

  async get(id: string): Promise<Appeal> {
    const principal = requireRole(...STAFF);
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const row = await this.readable(tx, principal, id);
      const { closeAfterDays } = await appealSettingsOf(tx, tenantId);
      const keys = await this.keyRing.keysFor(tx, tenantId);
      return this.toMessage(row, keys, chinaToday(this.now()), closeAfterDays, true);
    });
  }

  async enter(request: EnterAppealRequest): Promise<Appeal> {
    const principal = requireRole(...STAFF);
    const tenantId = requireTenant();
    const today = chinaToday(this.now());
    const category = await this.categoryOf(tenantId, request.category);
    const validator = this.validateCitizenFields(request, category)
      .check(isUuid(request.organisationId), 'organisationId', 'not_an_id')
      .check(['phone', 'visit', 'letter'].includes(request.channel), 'channel', 'not_one_of', {
        allowed: 'phone, visit, letter',
      })
      .check(
        request.placeOrganisationId === undefined || isUuid(request.placeOrganisationId),
        'placeOrganisationId',
        'not_an_id',
      )
      .check(
        request.receivedOn === undefined ||
          (/^\d{4}-\d{2}-\d{2}$/.test(request.receivedOn) &&
            request.receivedOn <= today &&
            request.receivedOn >= addDays(today, -60)),
        'receivedOn',
        'not_a_past_date',
      );
    validator.throwIfInvalid();
    // The member of staff enters what their own organisation received (checked by the tree).
    await this.tree.checkCallerMayName(request.organisationId);
    const receiver = await this.tree.ladder(request.organisationId);
    const place = request.placeOrganisationId
      ? await this.tree.ladder(request.placeOrganisationId)
      : undefined;
    const { id } = await this.insert(tenantId, {
      category: category!,
      title: request.title.trim(),
      content: request.content.trim(),
      channel: request.channel,
      citizenName: request.citizenName.trim(),
      citizenPhone: request.citizenPhone.trim(),
      place,
      receiver,
      receivedOn: request.receivedOn ?? today,
      publishConsent: request.publishConsent,
      actorUserId: principal.userId,
    });
    return this.get(id);
  }

  async act(request: ActOnAppealRequest): Promise<Appeal> {
    const principal = requireRole(...STAFF);
    const tenantId = requireTenant();
    const action = request.action as StaffAction;
    const note = request.note.trim();
    const validator = new Validator()
      .check((STAFF_ACTIONS as readonly string[]).includes(request.action), 'action', 'not_one_of', {
        allowed: STAFF_ACTIONS.join(', '),
      })
      .check(note.length <= 2000, 'note', 'too_long', { max: 2000 });
    if (['hand_over', 'extend', 'resolve', 'not_accept'].includes(action))
      validator.check(note.length > 0, 'note', 'required');
    if (action === 'hand_over')
      validator.check(isUuid(request.organisationId ?? ''), 'organisationId', 'not_an_id');
    if (action === 'extend')
      validator.check(
        Number.isInteger(request.days) && request.days! >= 1 && request.days! <= MAX_EXTENSION_DAYS,
        'days',
        'number_between',
        { min: 1, max: MAX_EXTENSION_DAYS },
      );
    if (action === 'call_back')
      validator.check(
        (SATISFACTIONS as readonly string[]).includes(request.satisfaction ?? ''),
        'satisfaction',
        'not_one_of',
        {
          allowed: SATISFACTIONS.join(', '),
        },
      );
    validator.throwIfInvalid();
    const target = action === 'hand_over' ? await this.tree.ladder(request.organisationId!) : undefined;
    // One transaction: the step, and the appeal as it now stands for the caller.
    return this.db.database.inTenant(tenantId, async (tx) => {
      const settings = await appealSettingsOf(tx, tenantId);
      const row = await this.readable(tx, principal, request.id);
      if (row.version !== request.version) throw new ConflictError('the appeal was changed by someone else');
      const allowed = staffActions(this.stateOf(row, settings.closeAfterDays));
      if (!allowed.includes(action)) throw new RuleViolatedError('appeal-state');
      if (target && target.id === row.responsibleId) throw new RuleViolatedError('appeal-hand-over-same');
      const now = this.now();
      const data: Prisma.AppealUpdateInput = {
        status: afterStaffAction(row.status, action),
        version: { increment: 1 },
        updatedAt: now,
      };
      let step = {
        action: action as string,
        organisationId: row.responsibleId,
        organisationName: row.responsibleName,
        note,
        public: true,
      };
      if (target) {
        Object.assign(data, {
          responsibleId: target.id,
          responsibleName: target.name,
          responsiblePathIds: target.pathIds,
          responsiblePathNames: target.pathNames,
        });
        step = { ...step, action: 'handed_over', organisationId: target.id, organisationName: target.name };
      }
      if (action === 'receive') step.action = 'received';
      if (action === 'extend') {
        const days = request.days!;
        Object.assign(data, {
          extendedDays: days,
          extensionReason: note,
          dueOn: dateColumn(addDays(dateOnly(row.dueOn), days)),
          limitOn: dateColumn(addDays(dateOnly(row.limitOn), days)),
        });
        step.action = 'extended';
      }
      // What each step writes besides the status, and its name in the history.
      const writes: Partial<Record<StaffAction, [Prisma.AppealUpdateInput, string]>> = {
        resolve: [{ reply: note, resolvedAt: now }, 'resolved'],
        not_accept: [{ reply: note }, 'not_accepted'],
        close: [{ closedAt: now }, 'closed'],
      };
      const write = writes[action];
      if (write) {
        Object.assign(data, write[0]);
        step.action = write[1];
      }
      if (action === 'call_back') {
        data.satisfaction = request.satisfaction!;
        step = { ...step, action: 'called_back', public: false, note: note || request.satisfaction! };
      }
      await tx.appeal.update({ where: { id: row.id }, data });
      await tx.appealStep.create({
        data: {
          id: randomUUID(),
          tenantId,
          appealId: row.id,
          actorUserId: principal.userId,
          at: now,
          ...step,
        },
      });
      const saved = await this.readable(tx, principal, row.id);
      const keys = await this.keyRing.keysFor(tx, tenantId);
      return this.toMessage(saved, keys, chinaToday(now), settings.closeAfterDays, true);
    });
  }

  /** Closes resolved appeals whose citizen did not answer in the tenant's days (the daily job). */
  async closeUnanswered(tenantId: TenantId): Promise<number> {
    const now = this.now();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const { closeAfterDays } = await appealSettingsOf(tx, tenantId);
      const rows = await tx.appeal.findMany({
        where: {
          status: 'resolved',
          resolvedAt: { lte: new Date(now.getTime() - closeAfterDays * 86_400_000) },
        },
        select: { id: true, responsibleId: true, responsibleName: true },
      });
      for (const row of rows) {
        await tx.appeal.update({
          where: { id: row.id },
          data: { status: 'closed', closedAt: now, version: { increment: 1 }, updatedAt: now },
        });
        await tx.appealStep.create({
          data: {
            id: randomUUID(),
            tenantId,
            appealId: row.id,
            action: 'closed',
            organisationId: row.responsibleId,
            organisationName: row.responsibleName,
            note: `no_answer:${closeAfterDays}`,
            public: true,
            at: now,
          },
        });
      }
      return rows.length;
    });
  }

  async closeUnansweredInAllTenants(): Promise<void> {
    for (const tenantId of await this.db.tenantIds()) await this.closeUnanswered(tenantId);
  }

  // ---- the citizen ----

  async form(): Promise<GetAppealFormResponse> {
    const tenantId = requireTenant();
    const settings = await this.db.database.inTenant(tenantId, (tx) => appealSettingsOf(tx, tenantId));
    const organisations = await this.tree.all();
    return create(GetAppealFormResponseSchema, {
      categories: settings.categories.map((c) =>
        create(AppealCategorySchema, {
          key: c.key,
          label: c.label,
          deadlineWorkingDays: c.deadlineWorkingDays,
        }),
      ),
      places: organisations.map((o) => create(AppealPlaceSchema, { id: o.id, name: o.name })),
    });
  }

  async file(request: FileAppealRequest): Promise<{ code: string; dueOn: string }> {
    const tenantId = requireTenant();
    const category = await this.categoryOf(tenantId, request.category, true);
    this.validateCitizenFields(request, category)
      .check(isUuid(request.placeOrganisationId), 'placeOrganisationId', 'not_an_id')
      .throwIfInvalid();
    const place = await this.tree.ladder(request.placeOrganisationId).catch((error: unknown) => {
      // A place that is not the tenant's is a wrong field, not a missing page.
      if (error instanceof RemoteError && error.code === ErrorCode.NOT_FOUND)
        throw ValidationError.of('placeOrganisationId', 'not_an_id');
      throw error;
    });
    // Routed to the organisation that handles the category, or to the place's own organisation.
    const receiver = category!.handlingOrganisationId
      ? await this.tree.ladder(category!.handlingOrganisationId)
      : place;
    const filed = await this.insert(tenantId, {
      category: category!,
      title: request.title.trim(),
      content: request.content.trim(),
      channel: 'online',
      citizenName: request.citizenName.trim(),
      citizenPhone: request.citizenPhone.trim(),
      place,
      receiver,
      receivedOn: chinaToday(this.now()),
      publishConsent: request.publishConsent,
    });
    return { code: filed.code, dueOn: filed.dueOn };
  }

  /**
   * 诉求办理公开: closed appeals whose citizen agreed to publish, newest first — the topic, the place
   * and the reply, never who filed it nor what they wrote beyond the title.
   */
  async published(
    request: ListPublishedAppealsRequest,
  ): Promise<{ appeals: PublishedAppeal[]; total: number }> {
    const tenantId = requireTenant();
    const window = pageWindow(request.page);
    const where: Prisma.AppealWhereInput = { status: 'closed', publishConsent: true };
    return this.db.database.inTenant(tenantId, async (tx) => {
      const { categories } = await appealSettingsOf(tx, tenantId);
      const [rows, total] = await Promise.all([
        tx.appeal.findMany({
          where,
          orderBy: { closedAt: 'desc' },
          skip: window.skip,
          take: Math.min(window.take, 50),
          select: {
            id: true,
            title: true,
            category: true,
            placeName: true,
            responsibleName: true,
            receivedOn: true,
            closedAt: true,
            reply: true,
          },
        }),
        tx.appeal.count({ where }),
      ]);
      return {
        appeals: rows.map((r) =>
          create(PublishedAppealSchema, {
            id: r.id,
            title: r.title,
            categoryLabel: categoryLabel(categories, r.category),
            placeName: r.placeName || r.responsibleName,
            responsibleName: r.responsibleName,
            receivedOn: dateOnly(r.receivedOn),
            closedOn: r.closedAt ? chinaToday(r.closedAt) : '',
            reply: r.reply,
          }),
        ),
        total,
      };
    });
  }

  async follow(code: string): Promise<PublicAppeal> {
    const tenantId = requireTenant();
    const digits = readReceiptCode(code);
    if (!digits) throw ValidationError.of('code', 'bad_format');
    return this.db.database.inTenant(tenantId, async (tx) => {
      const row = await tx.appeal.findUnique({
        where: { tenantId_code: { tenantId, code: digits! } },
        include: { steps: true },
      });
      if (!row) throw new NotFoundError('appeal', digits!);
      return this.publicMessage(tx, tenantId, row);
    });
  }

  async answer(request: AnswerAppealRequest): Promise<PublicAppeal> {
    const tenantId = requireTenant();
    const digits = readReceiptCode(request.code);
    const note = request.note.trim();
    new Validator()
      .check(digits !== undefined, 'code', 'bad_format')
      .check(['confirm', 'reopen'].includes(request.answer), 'answer', 'not_one_of', {
        allowed: 'confirm, reopen',
      })
      .check(request.answer !== 'reopen' || note.length > 0, 'note', 'required')
      .check(note.length <= 2000, 'note', 'too_long', { max: 2000 })
      .throwIfInvalid();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const row = await tx.appeal.findUnique({ where: { tenantId_code: { tenantId, code: digits! } } });
      if (!row) throw new NotFoundError('appeal', digits!);
      if (!citizenActions(row.status).includes(request.answer as 'confirm'))
        throw new RuleViolatedError('appeal-state');
      const now = this.now();
      const confirm = request.answer === 'confirm';
      await tx.appeal.update({
        where: { id: row.id },
        data: confirm
          ? { status: 'closed', closedAt: now, version: { increment: 1 }, updatedAt: now }
          : { status: 'handling', resolvedAt: null, version: { increment: 1 }, updatedAt: now },
      });
      await tx.appealStep.create({
        data: {
          id: randomUUID(),
          tenantId,
          appealId: row.id,
          action: confirm ? 'confirmed' : 'reopened',
          organisationId: row.responsibleId,
          organisationName: row.responsibleName,
          note,
          public: true,
          at: now,
        },
      });
      const saved = await tx.appeal.findUniqueOrThrow({ where: { id: row.id }, include: { steps: true } });
      return this.publicMessage(tx, tenantId, saved);
    });
  }

  // ---- shared ----

  private async insert(
    tenantId: TenantId,
    a: NewAppeal,
  ): Promise<{ id: string; code: string; dueOn: string }> {
    const id = randomUUID();
    const limit = limitOn(a.receivedOn);
    const due = dueOn(a.receivedOn, a.category.deadlineWorkingDays, limit);
    const now = this.now();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const keys = await this.keyRing.keysFor(tx, tenantId);
      const settings = await appealSettingsOf(tx, tenantId);
      const phoneIndex = blindIndex(keys, 'appeal.citizenPhone', a.citizenPhone.replace('-', ''));
      // While the tenant's keys rotate, an earlier appeal may still carry the previous index (decision 0041).
      const phoneIndexes = blindIndexes(keys, 'appeal.citizenPhone', a.citizenPhone.replace('-', ''));
      let code = newReceiptCode();
      // 10^16 codes: a clash is unlikely, but a clash must not become a 500.
      while (
        await tx.appeal.findUnique({ where: { tenantId_code: { tenantId, code } }, select: { id: true } })
      )
        code = newReceiptCode();
      const duplicate = await this.earlierOfSame(tx, a, phoneIndexes, settings.duplicateWindowDays);
      await tx.appeal.create({
        data: {
          id,
          tenantId,
          code,
          category: a.category.key,
          title: a.title,
          content: a.content,
          channel: a.channel,
          citizenNameSealed: encryptField(keys, 'appeal.citizenName', id, a.citizenName),
          citizenPhoneSealed: encryptField(keys, 'appeal.citizenPhone', id, a.citizenPhone),
          citizenPhoneMasked: maskPhone(a.citizenPhone),
          citizenPhoneIndex: phoneIndex,
          placeOrganisationId: a.place?.id ?? null,
          placeName: a.place?.name ?? '',
          firstReceiverId: a.receiver.id,
          firstReceiverName: a.receiver.name,
          responsibleId: a.receiver.id,
          responsibleName: a.receiver.name,
          responsiblePathIds: a.receiver.pathIds,
          responsiblePathNames: a.receiver.pathNames,
          status: 'received',
          receivedOn: dateColumn(a.receivedOn),
          dueOn: dateColumn(due),
          limitOn: dateColumn(limit),
          duplicateOfId: duplicate ? (duplicate.duplicateOfId ?? duplicate.id) : null,
          publishConsent: a.publishConsent,
          createdAt: now,
          updatedAt: now,
        },
      });
      const step = (action: string, note: string, isPublic: boolean) => ({
        id: randomUUID(),
        tenantId,
        appealId: id,
        action,
        organisationId: a.receiver.id,
        organisationName: a.receiver.name,
        note,
        public: isPublic,
        actorUserId: a.actorUserId ?? null,
        at: now,
      });
      await tx.appealStep.create({ data: step('filed', a.channel, true) });
      if (duplicate) await tx.appealStep.create({ data: step('linked_duplicate', duplicate.code, false) });
      return { id, code, dueOn: due };
    });
  }

  /** An earlier appeal of the same phone, or of the same place and category with a similar title, in the window. */
  private async earlierOfSame(tx: SupervisionTx, a: NewAppeal, phoneIndexes: string[], windowDays: number) {
    const since = dateColumn(addDays(a.receivedOn, -windowDays));
    const candidates = await tx.appeal.findMany({
      where: {
        receivedOn: { gte: since },
        OR: [
          { citizenPhoneIndex: { in: phoneIndexes } },
          ...(a.place ? [{ placeOrganisationId: a.place.id, category: a.category.key }] : []),
        ],
      },
      // The latest few: each points at the first of its kind, which the new one is linked to.
      orderBy: { createdAt: 'desc' },
      take: 50,
      select: {
        id: true,
        code: true,
        title: true,
        category: true,
        duplicateOfId: true,
        citizenPhoneIndex: true,
      },
    });
    // The same person about the same kind of matter or topic; or the same place, kind and topic.
    return candidates.find((c) =>
      phoneIndexes.includes(c.citizenPhoneIndex)
        ? c.category === a.category.key || similarTitles(c.title, a.title)
        : similarTitles(c.title, a.title),
    );
  }

  /**
   * A category of the tenant. The public form's filings read the categories kept for a few seconds
   * (a burst of citizens costs one read); staff read them fresh.
   */
  /** A category of the tenant: fresh for staff, kept a few seconds for the public form's filings. */
  private async categoryOf(tenantId: TenantId, key: string, kept = false): Promise<Category | undefined> {
    const load = async () =>
      (await this.db.database.inTenant(tenantId, (tx) => appealSettingsOf(tx, tenantId))).categories;
    const categories = kept ? await this.keptCategories.get(tenantId, load) : await load();
    return categories.find((c) => c.key === key);
  }

  private validateCitizenFields(
    r: { category: string; title: string; content: string; citizenName: string; citizenPhone: string },
    category: Category | undefined,
  ): Validator {
    return new Validator()
      .check(category !== undefined, 'category', 'not_one_of', { allowed: 'the tenant’s appeal categories' })
      .check(r.title.trim().length >= 1 && r.title.length <= 50, 'title', 'length_between', {
        min: 1,
        max: 50,
      })
      .check(r.content.trim().length >= 1 && r.content.length <= 2000, 'content', 'length_between', {
        min: 1,
        max: 2000,
      })
      .check(
        r.citizenName.trim().length >= 1 && r.citizenName.length <= 20,
        'citizenName',
        'length_between',
        {
          min: 1,
          max: 20,
        },
      )
      .check(PHONE.test(r.citizenPhone.trim()), 'citizenPhone', 'phone_or_landline');
  }

  /** A secretary reads the appeals of their organisations and those below, and those they first received. */
  private inScope(principal: Principal): Prisma.AppealWhereInput {
    if (isTenantAdmin(principal)) return {};
    return {
      OR: [
        { responsiblePathIds: { hasSome: principal.organisationScope } },
        { firstReceiverId: { in: principal.organisationScope } },
      ],
    };
  }

  private async readable(tx: SupervisionTx, principal: Principal, id: string): Promise<Row> {
    if (!isUuid(id)) throw new NotFoundError('appeal', id);
    const row = await tx.appeal.findUnique({ where: { id }, include: { steps: true } });
    if (!row) throw new NotFoundError('appeal', id);
    const inScope =
      isTenantAdmin(principal) ||
      row.responsiblePathIds.some((o) => principal.organisationScope.includes(o)) ||
      principal.organisationScope.includes(row.firstReceiverId);
    if (!inScope) throw new ForbiddenError('the appeal is not in your organisations');
    return row;
  }

  private stateOf(row: Row, closeAfterDays: number) {
    return {
      status: row.status,
      extendedDays: row.extendedDays,
      satisfaction: row.satisfaction,
      waitedForCitizen:
        row.resolvedAt !== null &&
        this.now().getTime() - row.resolvedAt.getTime() >= closeAfterDays * 86_400_000,
    };
  }

  private toMessage(
    row: Row,
    keys: TenantKeys,
    today: string,
    closeAfterDays: number,
    full: boolean,
  ): Appeal {
    const due = dateOnly(row.dueOn);
    const t = timing(row.status, due, today, row.responsiblePathIds.length - 1);
    const overseer = row.responsiblePathIds.length - 1 - t.escalationLevel;
    const actions = staffActions(this.stateOf(row, closeAfterDays));
    const phone = full
      ? decryptField(keys, 'appeal.citizenPhone', row.id, row.citizenPhoneSealed)
      : row.citizenPhoneMasked;
    return create(AppealSchema, {
      id: row.id,
      code: row.code,
      category: row.category,
      title: row.title,
      content: row.content,
      channel: row.channel,
      citizenName: decryptField(keys, 'appeal.citizenName', row.id, row.citizenNameSealed),
      citizenPhone: phone,
      placeOrganisationId: row.placeOrganisationId ?? undefined,
      placeName: row.placeName,
      firstReceiverId: row.firstReceiverId,
      firstReceiverName: row.firstReceiverName,
      responsibleId: row.responsibleId,
      responsibleName: row.responsibleName,
      status: row.status,
      receivedOn: dateOnly(row.receivedOn),
      dueOn: due,
      limitOn: dateOnly(row.limitOn),
      extendedDays: row.extendedDays,
      extensionReason: row.extensionReason,
      overdue: t.overdue,
      dueSoon: t.dueSoon,
      overseerId: row.responsiblePathIds[overseer] ?? row.responsibleId,
      overseerName: row.responsiblePathNames[overseer] ?? row.responsibleName,
      escalationLevel: t.escalationLevel,
      reply: row.reply,
      satisfaction: row.satisfaction ?? '',
      duplicateOfId: row.duplicateOfId ?? undefined,
      publishConsent: row.publishConsent,
      steps: [...row.steps]
        .sort((a, b) => a.at.getTime() - b.at.getTime())
        .map((s) =>
          create(AppealStepSchema, {
            action: s.action,
            at: s.at.toISOString(),
            organisationId: s.organisationId ?? undefined,
            organisationName: s.organisationName,
            note: s.note,
            public: s.public,
          }),
        ),
      actions,
      version: row.version,
      createdAt: row.createdAt.toISOString(),
    });
  }

  private async publicMessage(tx: SupervisionTx, tenantId: TenantId, row: Row): Promise<PublicAppeal> {
    const settings = await appealSettingsOf(tx, tenantId);
    return create(PublicAppealSchema, {
      code: row.code,
      categoryLabel: categoryLabel(settings.categories, row.category),
      title: row.title,
      status: row.status,
      receivedOn: dateOnly(row.receivedOn),
      dueOn: dateOnly(row.dueOn),
      responsibleName: row.responsibleName,
      reply:
        row.status === 'resolved' || row.status === 'closed' || row.status === 'not_accepted'
          ? row.reply
          : '',
      steps: [...row.steps]
        .filter((s) => s.public)
        .sort((a, b) => a.at.getTime() - b.at.getTime())
        // The citizen reads what was done and by which organisation, on which day; never by whom.
        .map((s) =>
          create(AppealStepSchema, {
            action: s.action,
            at: chinaToday(s.at),
            organisationName: s.organisationName,
            note: s.action === 'filed' ? '' : s.note,
            public: true,
          }),
        ),
      actions: citizenActions(row.status),
    });
  }
}
