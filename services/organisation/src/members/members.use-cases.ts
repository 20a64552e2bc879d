import { memberChange } from './member-changes.js';
import { create } from '@bufbuild/protobuf';
import {
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
  isUuid,
  maskPhone,
  NotFoundError,
  pageWindow,
  phoneProblem,
  requirePrincipal,
  requireTenant,
  RuleViolatedError,
  Validator,
  ValidationError,
  fieldProblem,
  ruleProblem,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { OrganisationDatabase, OrganisationTx } from '../db/organisation-database.js';
import type { Member as MemberRow, Prisma } from '../generated/prisma/client.js';
import { OrganisationsRepository } from '../organisations/organisations.repository.js';
import { TreeAccess } from '../access/tree-access.js';
import { toMemberMessage } from './member-mapper.js';
import {
  applicantAgeProblem,
  idCardIndexesOf,
  memberRow,
  newMemberProblems,
  stageSinceOf,
} from './member-record.js';
import { readableMember } from './readable-member.js';
import { revealPii } from './reveal-pii.js';
import type { TenantKeyRing } from '@dangjian/kit';

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

  async list(
    request: ListMembersRequest,
  ): Promise<{ members: Member[]; total: number; revealed: RevealedPii[] }> {
    // The filter was validated at the edge (the gateway's list binding); absent fields filter nothing.
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const paths = await this.access.visiblePaths(tx, request.withinId);
      const keys = request.idCardNumber ? await this.keyRing.keysFor(tx, tenantId) : undefined;
      const where: Prisma.MemberWhereInput = {
        ...(paths ? { organisation: { OR: paths.map((path) => ({ path: { startsWith: path } })) } } : {}),
        ...(request.query?.trim() ? { name: { contains: request.query.trim() } } : {}),
        ...(request.developmentStage ? { developmentStage: request.developmentStage } : {}),
        ...(request.status ? { status: request.status } : {}),
        ...(request.ids.length > 0 ? { id: { in: request.ids } } : {}),
        ...(keys && request.idCardNumber
          ? { idCardIndex: { in: idCardIndexesOf(keys, request.idCardNumber) } }
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
      return {
        members: rows.map(toMemberMessage),
        total,
        revealed: await this.unmaskRows(tx, tenantId, rows, request.revealReason),
      };
    });
  }

  /** Full numbers for an unmasked export: tenant admins only, one audit row per member listed. */
  private async unmaskRows(
    tx: OrganisationTx,
    tenantId: string,
    rows: MemberRow[],
    reason: string,
  ): Promise<RevealedPii[]> {
    const principal = requirePrincipal();
    if (!principal.roles.includes('tenant-admin')) {
      throw new ForbiddenError('unmasking personal data needs the tenant-admin role in this tenant');
    }
    if (reason.trim().length < 2) throw ValidationError.of('revealReason', 'required');
    const keys = await this.keyRing.keysFor(tx, tenantId);
    await tx.piiAccess.createMany({
      data: rows.map((row) => ({
        id: randomUUID(),
        tenantId,
        memberId: row.id,
        accessedBy: principal.userId,
        fields: ['idCardNumber', 'phone'],
        reason: reason.trim(),
      })),
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
      ...(isUuid(request.organisationId) ? [] : [fieldProblem('organisationId', 'not_an_id')]),
      ...newMemberProblems(request, today),
      ...(!request.userId || isUuid(request.userId) ? [] : [fieldProblem('userId', 'not_an_id')]),
    ];
    if (problems.length > 0) throw new ValidationError(problems);
    const stageSince = stageSinceOf(request, today);
    const tooYoung = applicantAgeProblem(request, stageSince);
    if (tooYoung) {
      throw new RuleViolatedError(
        'applicant-age',
        undefined,
        [ruleProblem('idCardNumber', 'applicant-age', tooYoung)],
        tooYoung,
      );
    }
    const principal = requirePrincipal();
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const organisation = await this.organisations.findById(tx, request.organisationId);
      if (!organisation) throw new NotFoundError('organisation', request.organisationId);
      if (organisation.status !== 'active')
        throw new RuleViolatedError(
          'organisation-dissolved',
          'members are not added to a dissolved organisation',
        );
      await this.access.requireWithin(tx, organisation.path);
      const keys = await this.keyRing.keysFor(tx, tenantId);
      if (
        await tx.member.findFirst({
          where: { idCardIndex: { in: idCardIndexesOf(keys, request.idCardNumber) } },
          select: { id: true },
        })
      ) {
        throw new ConflictError('a member with this ID-card number is already on record in this tenant');
      }
      // rules.md §5: a member on their way here with a letter is taken in from it, not added by hand.
      if (
        await tx.transfer.findFirst({
          where: {
            direction: 'incoming',
            state: { in: ['letter_issued', 'expired'] },
            idCardIndex: { in: idCardIndexesOf(keys, request.idCardNumber) },
          },
          select: { id: true },
        })
      ) {
        throw new RuleViolatedError(
          'member-in-transfer',
          'this person has an open transfer letter to this tenant: take them in from the incoming transfer',
          [fieldProblem('idCardNumber', 'member_in_transfer')],
        );
      }
      const id = randomUUID();
      const row = await tx.member.create({
        data: memberRow(keys, tenantId, id, request, stageSince) as Prisma.MemberUncheckedCreateInput,
      });
      await tx.memberChange.create({
        data: memberChange({
          tenantId,
          memberId: id,
          changedBy: principal.userId,
          reasonCode: 'created',
          fields: ['*'],
        }),
      });
      return toMemberMessage(row);
    });
  }

  async update(request: UpdateMemberRequest): Promise<Member> {
    const principal = requirePrincipal();
    new Validator()
      .check(request.reason.trim().length > 0, 'reason', 'required')
      .check(
        request.name === undefined || (request.name.trim().length > 0 && request.name.length <= 50),
        'name',
        'length_between',
        { min: 1, max: 50 },
      )
      .check(!request.phone || phoneProblem(request.phone) === undefined, 'phone', 'phone_format')
      .check(
        request.occupation === undefined || includes(OCCUPATIONS, request.occupation),
        'occupation',
        'not_one_of',
        { allowed: OCCUPATIONS.join(', ') },
      )
      .check(!request.userId || isUuid(request.userId), 'userId', 'not_an_id')
      .throwIfInvalid();
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
      if (request.userId !== undefined) {
        // One member record per login in a tenant: the member space (issue 15) finds it by the login.
        const userId = request.userId || null;
        if (
          userId &&
          (await tx.member.findFirst({ where: { userId, id: { not: current.id } }, select: { id: true } }))
        ) {
          throw new ConflictError('this login belongs to another member record here', [
            fieldProblem('userId', 'already_exists'),
          ]);
        }
        set('userId', userId);
      }
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
          ...memberChange({
            tenantId,
            memberId: current.id,
            changedBy: principal.userId,
            reasonCode: 'edited',
            params: { reason: request.reason.trim() },
            fields,
          }),
        },
      });
      return toMemberMessage(row);
    });
  }

  /** The full ID-card number and phone, for a tenant admin who says why; every call is audited. */
  async unmask(id: string, reason: string): Promise<{ idCardNumber: string; phone: string }> {
    new Validator().check(reason.trim().length >= 2, 'reason', 'required').throwIfInvalid();
    const principal = requirePrincipal();
    // A permission of the tenant's own administrators: platform operators do not read members' numbers.
    if (!principal.roles.includes('tenant-admin'))
      throw new ForbiddenError('unmasking personal data needs the tenant-admin role in this tenant');
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const row = await this.readable(tx, id);
      return revealPii(tx, await this.keyRing.keysFor(tx, tenantId), row, principal.userId, reason.trim());
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
          changedByName: c.changedByName,
          changedAt: c.changedAt.toISOString(),
          reason: c.reason,
          reasonCode: c.reasonCode,
          reasonParams: c.reasonParams as Record<string, string>,
          fields: c.fields,
        }),
      );
    });
  }

  private readable(tx: OrganisationTx, id: string): Promise<MemberRow> {
    return readableMember(tx, this.access, id);
  }
}
