import { create } from '@bufbuild/protobuf';
import {
  ErrorCode,
  MicroWishConfirmedSchema,
  MicroWishRankingSchema,
  MicroWishSchema,
  PublicMicroWishSchema,
  type ActOnMicroWishRequest,
  type FileMicroWishRequest,
  type ListMicroWishesRequest,
  type MicroWish,
  type PostMicroWishRequest,
  type Principal,
  type PublicMicroWish,
} from '@dangjian/contracts';
import {
  chinaToday,
  ConflictError,
  decryptField,
  encryptField,
  ForbiddenError,
  isUuid,
  maskPhone,
  NotFoundError,
  pageWindow,
  RemoteError,
  requireRole,
  requireTenant,
  RuleViolatedError,
  ValidationError,
  Validator,
  writeOutboxEvent,
  type TenantId,
  type TenantKeyRing,
  type TenantKeys,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { SupervisionDatabase, SupervisionTx } from '../db/supervision-database.js';
import type { MicroWish as Row, Prisma } from '../generated/prisma/client.js';
import { newReceiptCode, readReceiptCode } from '../shared/receipt.js';
import type { Ladder, Tree } from '../shared/tree.js';
import { isStaffOf, pathsInScope } from '../shared/staff-scope.js';

const STATUSES = ['submitted', 'rejected', 'published', 'claimed', 'fulfilled', 'confirmed'];
const STAFF_ACTIONS = ['publish', 'reject'];
const MEMBER_ACTIONS = ['claim', 'withdraw_claim', 'fulfil'];
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
const EVERYONE = ['tenant-admin', 'secretary', 'inspector', 'member'];

/** The step and the state it leads to, for a wish in `status`; undefined when it does not apply. */
export function nextStatus(status: string, action: string, claimedByMe: boolean): string | undefined {
  const moves: Record<string, Record<string, string>> = {
    submitted: { publish: 'published', reject: 'rejected' },
    published: { claim: 'claimed' },
    claimed: claimedByMe ? { withdraw_claim: 'published', fulfil: 'fulfilled' } : {},
  };
  return moves[status]?.[action];
}

/**
 * 微心愿 (rules.md §7): published → claimed (a claim can be withdrawn) → fulfilled → confirmed by the
 * wisher. Residents post on the public pages and are reviewed first; staff post on a resident's behalf
 * (reviewed by posting). Any person of the tenant may claim; rankings count confirmed wishes only.
 */
export class MicroWishesUseCases {
  constructor(
    private readonly db: SupervisionDatabase,
    private readonly tree: Tree,
    private readonly keyRing: TenantKeyRing,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(request: ListMicroWishesRequest): Promise<{ wishes: MicroWish[]; total: number }> {
    const principal = requireRole('tenant-admin', 'secretary');
    const tenantId = requireTenant();
    new Validator()
      .check(!request.status || STATUSES.includes(request.status), 'status', 'not_one_of', {
        allowed: STATUSES.join(', '),
      })
      .throwIfInvalid();
    const where: Prisma.MicroWishWhereInput[] = [this.staffScope(principal)];
    if (request.status) where.push({ status: request.status });
    return this.page(tenantId, principal, { AND: where }, request.page);
  }

  async listMine(page: ListMicroWishesRequest['page']): Promise<{ wishes: MicroWish[]; total: number }> {
    const principal = requireRole(...EVERYONE);
    const tenantId = requireTenant();
    return this.page(
      tenantId,
      principal,
      { OR: [{ status: 'published' }, { claimedByUserId: principal.userId }] },
      page,
    );
  }

  async get(id: string): Promise<MicroWish> {
    const principal = requireRole(...EVERYONE);
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const row = await this.readable(tx, principal, id);
      return this.toMessage(row, await this.keyRing.keysFor(tx, tenantId), principal);
    });
  }

  async post(request: PostMicroWishRequest): Promise<MicroWish> {
    const principal = requireRole('tenant-admin', 'secretary');
    const tenantId = requireTenant();
    this.validate(request)
      .check(isUuid(request.organisationId), 'organisationId', 'not_an_id')
      .throwIfInvalid();
    await this.tree.checkCallerMayName(request.organisationId);
    const place = await this.tree.ladder(request.organisationId);
    const { id } = await this.insert(tenantId, request, place, 'published');
    return this.db.database.inTenant(tenantId, async (tx) =>
      this.toMessage(
        await tx.microWish.findUniqueOrThrow({ where: { id } }),
        await this.keyRing.keysFor(tx, tenantId),
        principal,
      ),
    );
  }

  async act(request: ActOnMicroWishRequest): Promise<MicroWish> {
    const principal = requireRole(...EVERYONE);
    const tenantId = requireTenant();
    const note = request.note.trim();
    const validator = new Validator()
      .check([...STAFF_ACTIONS, ...MEMBER_ACTIONS].includes(request.action), 'action', 'not_one_of', {
        allowed: [...STAFF_ACTIONS, ...MEMBER_ACTIONS].join(', '),
      })
      .check(note.length <= 1000, 'note', 'too_long', { max: 1000 });
    if (request.action === 'reject' || request.action === 'fulfil')
      validator.check(note.length > 0, 'note', 'required');
    validator.throwIfInvalid();
    // The claimer's name as the member records have it, or as their login says.
    const claimer =
      request.action === 'claim'
        ? (await this.tree.myPlacement()).name || principal.displayName || principal.username
        : '';
    return this.db.database.inTenant(tenantId, async (tx) => {
      const row = await this.readable(tx, principal, request.id);
      if (row.version !== request.version) throw new ConflictError('the wish was changed by someone else');
      if (STAFF_ACTIONS.includes(request.action) && !this.isStaffOf(principal, row))
        throw new ForbiddenError('the wish is not in your organisations');
      const next = nextStatus(row.status, request.action, row.claimedByUserId === principal.userId);
      if (!next) throw new RuleViolatedError('micro-wish-state');
      const now = this.now();
      const data: Prisma.MicroWishUpdateInput = { status: next, version: { increment: 1 }, updatedAt: now };
      if (request.action === 'publish' || request.action === 'reject') data.reviewNote = note;
      if (request.action === 'claim')
        Object.assign(data, { claimedByUserId: principal.userId, claimedByName: claimer });
      if (request.action === 'withdraw_claim')
        Object.assign(data, { claimedByUserId: null, claimedByName: '' });
      if (request.action === 'fulfil') Object.assign(data, { fulfilmentNote: note, fulfilledAt: now });
      // Only one claim wins: the update names the version read.
      const { count } = await tx.microWish.updateMany({ where: { id: row.id, version: row.version }, data });
      if (count === 0) throw new ConflictError('the wish was changed by someone else');
      return this.toMessage(
        await tx.microWish.findUniqueOrThrow({ where: { id: row.id } }),
        await this.keyRing.keysFor(tx, tenantId),
        principal,
      );
    });
  }

  async rankings(page: ListMicroWishesRequest['page']) {
    requireRole(...EVERYONE);
    const tenantId = requireTenant();
    const window = pageWindow(page);
    return this.db.database.inTenant(tenantId, async (tx) => {
      const groups = await tx.microWish.groupBy({
        by: ['claimedByUserId', 'claimedByName'],
        where: { status: 'confirmed', claimedByUserId: { not: null } },
        _count: { _all: true },
      });
      const sorted = groups
        .map((g) => ({ userId: g.claimedByUserId!, name: g.claimedByName, confirmed: g._count._all }))
        .sort((a, b) => b.confirmed - a.confirmed || a.name.localeCompare(b.name, 'zh-CN'));
      return {
        rankings: sorted
          .slice(window.skip, window.skip + window.take)
          .map((r) => create(MicroWishRankingSchema, r)),
        total: sorted.length,
      };
    });
  }

  // ---- the resident ----

  async file(request: FileMicroWishRequest): Promise<{ code: string }> {
    const tenantId = requireTenant();
    this.validate(request)
      .check(isUuid(request.organisationId), 'organisationId', 'not_an_id')
      .throwIfInvalid();
    const place = await this.tree.ladder(request.organisationId).catch((error: unknown) => {
      if (error instanceof RemoteError && error.code === ErrorCode.NOT_FOUND)
        throw ValidationError.of('organisationId', 'not_an_id');
      throw error;
    });
    const { code } = await this.insert(tenantId, request, place, 'submitted');
    return { code };
  }

  async follow(code: string): Promise<PublicMicroWish> {
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) =>
      this.publicMessage(await this.byCode(tx, tenantId, code)),
    );
  }

  async confirm(code: string): Promise<PublicMicroWish> {
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const row = await this.byCode(tx, tenantId, code);
      if (row.status !== 'fulfilled') throw new RuleViolatedError('micro-wish-state');
      const now = this.now();
      const saved = await tx.microWish.update({
        where: { id: row.id },
        data: { status: 'confirmed', confirmedAt: now, version: { increment: 1 }, updatedAt: now },
      });
      // The member who fulfilled it may earn points (the learning service decides, by its rule table).
      if (row.claimedByUserId)
        await writeOutboxEvent(tx, {
          subject: 'events.supervision.micro_wish.confirmed',
          schema: MicroWishConfirmedSchema,
          message: create(MicroWishConfirmedSchema, {
            wishId: row.id,
            userId: row.claimedByUserId,
            confirmedOn: chinaToday(now),
          }),
          tenantId,
        });
      return this.publicMessage(saved);
    });
  }

  // ---- shared ----

  private validate(r: {
    title: string;
    content: string;
    wisherName: string;
    wisherPhone: string;
  }): Validator {
    return new Validator()
      .check(r.title.trim().length >= 1 && r.title.length <= 50, 'title', 'length_between', {
        min: 1,
        max: 50,
      })
      .check(r.content.trim().length >= 1 && r.content.length <= 1000, 'content', 'length_between', {
        min: 1,
        max: 1000,
      })
      .check(r.wisherName.trim().length >= 1 && r.wisherName.length <= 20, 'wisherName', 'length_between', {
        min: 1,
        max: 20,
      })
      .check(PHONE.test(r.wisherPhone.trim()), 'wisherPhone', 'phone_or_landline');
  }

  private async insert(
    tenantId: TenantId,
    r: { title: string; content: string; wisherName: string; wisherPhone: string },
    place: Ladder,
    status: string,
  ): Promise<{ id: string; code: string }> {
    const id = randomUUID();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const keys = await this.keyRing.keysFor(tx, tenantId);
      let code = newReceiptCode();
      while (
        await tx.microWish.findUnique({ where: { tenantId_code: { tenantId, code } }, select: { id: true } })
      )
        code = newReceiptCode();
      const phone = r.wisherPhone.trim();
      await tx.microWish.create({
        data: {
          id,
          tenantId,
          code,
          organisationId: place.id,
          organisationName: place.name,
          organisationPathIds: place.pathIds,
          title: r.title.trim(),
          content: r.content.trim(),
          wisherNameSealed: encryptField(keys, 'microWish.wisherName', id, r.wisherName.trim()),
          wisherPhoneSealed: encryptField(keys, 'microWish.wisherPhone', id, phone),
          wisherPhoneMasked: maskPhone(phone),
          status,
        },
      });
      return { id, code };
    });
  }

  private async page(
    tenantId: TenantId,
    principal: Principal,
    where: Prisma.MicroWishWhereInput,
    page: ListMicroWishesRequest['page'],
  ) {
    const window = pageWindow(page);
    return this.db.database.inTenant(tenantId, async (tx) => {
      const [rows, total] = await Promise.all([
        tx.microWish.findMany({
          where,
          orderBy: { createdAt: 'desc' },
          skip: window.skip,
          take: window.take,
        }),
        tx.microWish.count({ where }),
      ]);
      const keys = await this.keyRing.keysFor(tx, tenantId);
      return { wishes: rows.map((row) => this.toMessage(row, keys, principal)), total };
    });
  }

  private isStaffOf = (p: Principal, row: Row): boolean => isStaffOf(p, row.organisationPathIds);

  private staffScope = (p: Principal): Prisma.MicroWishWhereInput => pathsInScope(p);

  /** Staff of its organisation read any; everyone else a published one or the one they claimed. */
  private async readable(tx: SupervisionTx, principal: Principal, id: string): Promise<Row> {
    if (!isUuid(id)) throw new NotFoundError('micro-wish', id);
    const row = await tx.microWish.findUnique({ where: { id } });
    if (!row) throw new NotFoundError('micro-wish', id);
    if (
      this.isStaffOf(principal, row) ||
      row.status === 'published' ||
      row.claimedByUserId === principal.userId
    )
      return row;
    throw new NotFoundError('micro-wish', id);
  }

  private async byCode(tx: SupervisionTx, tenantId: string, typed: string): Promise<Row> {
    const code = readReceiptCode(typed);
    if (!code) throw ValidationError.of('code', 'bad_format');
    const row = await tx.microWish.findUnique({ where: { tenantId_code: { tenantId, code } } });
    if (!row) throw new NotFoundError('micro-wish', code);
    return row;
  }

  private toMessage(row: Row, keys: TenantKeys, principal: Principal): MicroWish {
    const staff = this.isStaffOf(principal, row);
    const mine = row.claimedByUserId === principal.userId;
    // The wisher's name and number: to staff, and to the member who took the wish on (to reach them).
    const name = decryptField(keys, 'microWish.wisherName', row.id, row.wisherNameSealed);
    const actions = [...(staff ? STAFF_ACTIONS : []), ...MEMBER_ACTIONS].filter(
      (a) => nextStatus(row.status, a, mine) !== undefined,
    );
    return create(MicroWishSchema, {
      id: row.id,
      code: staff ? row.code : '',
      organisationId: row.organisationId,
      organisationName: row.organisationName,
      title: row.title,
      content: row.content,
      wisherName: staff || mine ? name : `${name.slice(0, 1)}**`,
      wisherPhone:
        staff || mine
          ? decryptField(keys, 'microWish.wisherPhone', row.id, row.wisherPhoneSealed)
          : row.wisherPhoneMasked,
      status: row.status,
      reviewNote: row.reviewNote,
      claimedByName: row.claimedByName,
      claimedByMe: mine,
      fulfilmentNote: row.fulfilmentNote,
      createdAt: row.createdAt.toISOString(),
      fulfilledAt: row.fulfilledAt?.toISOString() ?? '',
      confirmedAt: row.confirmedAt?.toISOString() ?? '',
      actions,
      version: row.version,
    });
  }

  private publicMessage(row: Row): PublicMicroWish {
    return create(PublicMicroWishSchema, {
      code: row.code,
      title: row.title,
      status: row.status,
      organisationName: row.organisationName,
      reviewNote: row.reviewNote,
      fulfilmentNote: row.fulfilmentNote,
      actions: row.status === 'fulfilled' ? ['confirm'] : [],
    });
  }
}
