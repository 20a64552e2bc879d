import { create } from '@bufbuild/protobuf';
import {
  DEVELOPMENT_STAGES,
  MEMBER_STATUSES,
  OCCUPATIONS,
  MemberChangeSchema,
  RevealedPiiSchema,
  type RevealedPii,
  SortOrder,
  type CreateMemberRequest,
  type ListMembersRequest,
  type Member,
  type MemberChange,
  type UpdateMemberRequest,
} from '@dangjian/contracts';
import {
  blindIndex,
  chinaToday,
  ConflictError,
  decryptField,
  encryptField,
  ForbiddenError,
  idCardProblem,
  isUuid,
  maskPhone,
  normaliseIdCard,
  NotFoundError,
  pageWindow,
  phoneProblem,
  requirePrincipal,
  requireTenant,
  RuleViolatedError,
  Validator,
  ValidationError,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { OrganisationDatabase, OrganisationTx } from '../db/organisation-database.js';
import type { Member as MemberRow, Prisma } from '../generated/prisma/client.js';
import { OrganisationsRepository } from '../tree/organisations.repository.js';
import { TreeAccess } from '../tree/tree-access.js';
import { toMemberMessage } from './member-mapper.js';
import { applicantAgeProblem, idCardIndexOf, memberRow, newMemberProblems, stageSinceOf } from './member-record.js';
import { readableMember } from './readable-member.js';
import type { TenantKeyRing } from './tenant-key-ring.js';

const includes = (list: readonly string[], value: string) => list.includes(value);


/** Member records: masked everywhere, encrypted at rest, every change kept with its reason. */
export class MembersUseCases {
  private readonly organisations = new OrganisationsRepository();
  private readonly access = new TreeAccess();

  constructor(
    private readonly db: OrganisationDatabase,
    private readonly keyRing: TenantKeyRing,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(request: ListMembersRequest): Promise<{ members: Member[]; total: number; revealed: RevealedPii[] }> {
    new Validator()
      .check(!request.withinId || isUuid(request.withinId), 'filter.withinId', 'must be an organisation id')
      .check(
        !request.developmentStage || includes(DEVELOPMENT_STAGES, request.developmentStage),
        'filter.developmentStage',
        `must be one of ${DEVELOPMENT_STAGES.join(', ')}`,
      )
      .check(
        !request.status || includes(MEMBER_STATUSES, request.status),
        'filter.status',
        `must be one of ${MEMBER_STATUSES.join(', ')}`,
      )
      .check(
        !request.idCardNumber || idCardProblem(request.idCardNumber) === undefined,
        'filter.idCardNumber',
        idCardProblem(request.idCardNumber) ?? '',
      )
      .check(request.ids.length <= 500 && request.ids.every(isUuid), 'filter.id', 'must be up to 500 member ids')
      .throwIfInvalid();
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const paths = await this.access.visiblePaths(tx, request.withinId);
      const keys = request.idCardNumber ? await this.keyRing.keysFor(tx, tenantId) : undefined;
      const where: Prisma.MemberWhereInput = {
        ...(paths ? { organisation: { OR: paths.map((path) => ({ path: { startsWith: path } })) } } : {}),
        ...(request.query.trim() ? { name: { contains: request.query.trim() } } : {}),
        ...(request.developmentStage ? { developmentStage: request.developmentStage } : {}),
        ...(request.status ? { status: request.status } : {}),
        ...(request.ids.length > 0 ? { id: { in: request.ids } } : {}),
        ...(keys
          ? { idCardIndex: blindIndex(keys, 'idCardNumber', normaliseIdCard(request.idCardNumber)) }
          : {}),
      };
      const [rows, total] = await Promise.all([
        tx.member.findMany({
          where,
          orderBy: [{ name: request.page?.sortOrder === SortOrder.DESC ? 'desc' : 'asc' }, { id: 'asc' }],
          ...pageWindow(request.page),
        }),
        tx.member.count({ where }),
      ]);
      if (!request.revealReason) return { members: rows.map(toMemberMessage), total, revealed: [] };
      return { members: rows.map(toMemberMessage), total, revealed: await this.revealRows(tx, tenantId, rows, request.revealReason) };
    });
  }

  /** Full numbers for an unmasked export: tenant admins only, one audit row per member listed. */
  private async revealRows(tx: OrganisationTx, tenantId: string, rows: MemberRow[], reason: string): Promise<RevealedPii[]> {
    const principal = requirePrincipal();
    if (!principal.roles.includes('tenant-admin')) {
      throw new ForbiddenError('unmasking personal data needs the tenant-admin role in this tenant');
    }
    if (reason.trim().length < 2) throw new ValidationError([{ field: 'revealReason', description: 'say why you need the full numbers' }]);
    const keys = await this.keyRing.keysFor(tx, tenantId);
    await tx.piiAccess.createMany({
      data: rows.map((row) => ({ id: randomUUID(), tenantId, memberId: row.id, accessedBy: principal.userId, fields: ['idCardNumber', 'phone'], reason: reason.trim() })),
    });
    return rows.map((row) =>
      create(RevealedPiiSchema, {
        memberId: row.id,
        idCardNumber: decryptField(keys, 'idCardNumber', row.id, row.idCardCipher),
        phone: row.phoneCipher ? decryptField(keys, 'phone', row.id, row.phoneCipher) : '',
      }),
    );
  }

  async get(id: string): Promise<Member> {
    return this.db.database.inRequestTenant(async (tx) => toMemberMessage(await this.readable(tx, id)));
  }

  async create(request: CreateMemberRequest): Promise<Member> {
    const today = chinaToday(this.now());
    const problems = [
      ...(isUuid(request.organisationId) ? [] : [{ field: 'organisationId', description: 'must be an organisation id' }]),
      ...newMemberProblems(request, today),
      ...(!request.userId || isUuid(request.userId) ? [] : [{ field: 'userId', description: 'must be a user id' }]),
    ];
    if (problems.length > 0) throw new ValidationError(problems);
    const stageSince = stageSinceOf(request, today);
    const tooYoung = applicantAgeProblem(request, stageSince);
    if (tooYoung) {
      throw new RuleViolatedError('applicant-age', tooYoung, [{ field: 'idCardNumber', description: `applicant-age: ${tooYoung}` }]);
    }
    const principal = requirePrincipal();
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const organisation = await this.organisations.findById(tx, request.organisationId);
      if (!organisation) throw new NotFoundError('organisation', request.organisationId);
      if (organisation.status !== 'active') throw new RuleViolatedError('organisation-dissolved', 'members are not added to a dissolved organisation');
      await this.access.requireWithin(tx, organisation.path);
      const keys = await this.keyRing.keysFor(tx, tenantId);
      if (await tx.member.findFirst({ where: { idCardIndex: idCardIndexOf(keys, request.idCardNumber) }, select: { id: true } })) {
        throw new ConflictError('a member with this ID-card number is already on record in this tenant');
      }
      // rules.md §5: a member on their way here with a letter is taken in from it, not added by hand.
      if (await tx.transfer.findFirst({ where: { direction: 'incoming', state: { in: ['letter_issued', 'expired'] }, idCardIndex: idCardIndexOf(keys, request.idCardNumber) }, select: { id: true } })) {
        throw new RuleViolatedError('member-in-transfer', 'this person has an open transfer letter to this tenant: take them in from the incoming transfer', [{ field: 'idCardNumber', description: 'belongs to a member in transfer' }]);
      }
      const id = randomUUID();
      const row = await tx.member.create({ data: memberRow(keys, tenantId, id, request, stageSince) as Prisma.MemberUncheckedCreateInput });
      await tx.memberChange.create({
        data: { id: randomUUID(), tenantId, memberId: id, changedBy: principal.userId, reason: 'created', fields: ['*'] },
      });
      return toMemberMessage(row);
    });
  }

  async update(request: UpdateMemberRequest): Promise<Member> {
    new Validator()
      .check(request.reason.trim().length > 0, 'reason', 'say why the record changes')
      .check(
        request.name === undefined || (request.name.trim().length > 0 && request.name.length <= 50),
        'name',
        'must be 1–50 characters',
      )
      .check(
        !request.phone || phoneProblem(request.phone) === undefined,
        'phone',
        phoneProblem(request.phone ?? '') ?? '',
      )
      .check(
        request.occupation === undefined || includes(OCCUPATIONS, request.occupation),
        'occupation',
        `must be one of ${OCCUPATIONS.join(', ')}`,
      )
      .throwIfInvalid();
    const principal = requirePrincipal();
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const current = await this.readable(tx, request.id);
      const data: Prisma.MemberUncheckedUpdateInput = {};
      const fields: string[] = [];
      const set = <K extends keyof MemberRow>(field: K, value: MemberRow[K] | undefined) => {
        if (value !== undefined && value !== current[field]) {
          (data as Record<string, unknown>)[field] = value;
          fields.push(field);
        }
      };
      set('name', request.name?.trim());
      set('ethnicity', request.ethnicity?.trim());
      set('education', request.education?.trim());
      set('occupation', request.occupation);
      set('workUnit', request.workUnit?.trim());
      set('address', request.address?.trim());
      set('mobile', request.mobile);
      set('lostContact', request.lostContact);
      if (request.phone !== undefined) {
        const phone = request.phone.trim();
        const keys = await this.keyRing.keysFor(tx, tenantId);
        const index = phone ? blindIndex(keys, 'phone', phone) : null;
        if (index !== current.phoneIndex) {
          Object.assign(
            data,
            phone
              ? {
                  phoneCipher: encryptField(keys, 'phone', current.id, phone),
                  phoneIndex: index,
                  phoneMasked: maskPhone(phone),
                }
              : { phoneCipher: null, phoneIndex: null, phoneMasked: '' },
          );
          fields.push('phone');
        }
      }
      if (fields.length === 0) return toMemberMessage(current);
      const row = await tx.member.update({
        where: { id: current.id },
        data: { ...data, updatedAt: new Date() },
      });
      await tx.memberChange.create({
        data: {
          id: randomUUID(),
          tenantId,
          memberId: current.id,
          changedBy: principal.userId,
          reason: request.reason.trim(),
          fields,
        },
      });
      return toMemberMessage(row);
    });
  }

  /** The full ID-card number and phone, for a tenant admin who says why; every call is audited. */
  async reveal(id: string, reason: string): Promise<{ idCardNumber: string; phone: string }> {
    new Validator()
      .check(reason.trim().length >= 2, 'reason', 'say why you need the full numbers')
      .throwIfInvalid();
    const principal = requirePrincipal();
    // A permission of the tenant's own administrators: platform operators do not read members' numbers.
    if (!principal.roles.includes('tenant-admin'))
      throw new ForbiddenError('unmasking personal data needs the tenant-admin role in this tenant');
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const row = await this.readable(tx, id);
      const keys = await this.keyRing.keysFor(tx, tenantId);
      await tx.piiAccess.create({
        data: {
          id: randomUUID(),
          tenantId,
          memberId: row.id,
          accessedBy: principal.userId,
          fields: ['idCardNumber', 'phone'],
          reason: reason.trim(),
        },
      });
      return {
        idCardNumber: decryptField(keys, 'idCardNumber', row.id, row.idCardCipher),
        phone: row.phoneCipher ? decryptField(keys, 'phone', row.id, row.phoneCipher) : '',
      };
    });
  }

  async history(id: string): Promise<MemberChange[]> {
    return this.db.database.inRequestTenant(async (tx) => {
      const row = await this.readable(tx, id);
      const changes = await tx.memberChange.findMany({
        where: { memberId: row.id },
        orderBy: { changedAt: 'asc' },
      });
      return changes.map((c) =>
        create(MemberChangeSchema, {
          changedBy: c.changedBy,
          changedAt: c.changedAt.toISOString(),
          reason: c.reason,
          fields: c.fields,
        }),
      );
    });
  }

  private readable(tx: OrganisationTx, id: string): Promise<MemberRow> {
    return readableMember(tx, this.access, id);
  }
}
