import { dateColumn, idCardFacts, idCardProblem, normaliseIdCard, type TenantKeys } from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { OrganisationTx } from '../db/organisation-database.js';
import type { Prisma } from '../generated/prisma/client.js';
import {
  applicantAgeProblem,
  idCardIndexOf,
  memberRow,
  newMemberProblems,
  stageSinceOf,
  type NewMember,
} from '../members/member-record.js';
import { MEMBER_COLUMNS } from './import-template.js';
import type { RowProblem, TemplateRow } from './template-rows.js';

const HEADER_OF = Object.fromEntries(MEMBER_COLUMNS.map((c) => [c.field, c.header]));

export interface MemberImportContext {
  tenantId: string;
  keys: TenantKeys;
  userId: string;
  fileName: string;
  today: string;
  /** Organisation code → id and path (the tenant's whole tree, read once per job). */
  organisations: Map<string, { id: string; path: string }>;
  /** Subtree paths the importer may write to; undefined: the whole tree. */
  scope: string[] | undefined;
  /** Blind index → the row that first carried it in this file. */
  seen: Map<string, number>;
}

export interface BatchOutcome {
  created: number;
  skipped: number;
  errors: (RowProblem & { rowNumber: number })[];
}

/**
 * One batch of member rows in one transaction: every row is checked like a member created through
 * the API; good rows are inserted together, rows already on record (same ID-card number) are
 * skipped, bad rows are reported with their column and reason.
 */
export async function importMemberBatch(tx: OrganisationTx, context: MemberImportContext, rows: TemplateRow[]): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { created: 0, skipped: 0, errors: [] };
  const candidates: { row: TemplateRow; member: NewMember; stageSince: string; index: string }[] = [];
  for (const row of rows) {
    const member = toNewMember(row, context);
    const problems = [...row.problems, ...memberRowProblems(row, member, context)];
    if (problems.length === 0 && member) {
      const stageSince = stageSinceOf(member, context.today);
      const tooYoung = applicantAgeProblem(member, stageSince);
      if (tooYoung) problems.push({ column: HEADER_OF['idCardNumber']!, reason: tooYoung });
      const index = idCardIndexOf(context.keys, member.idCardNumber);
      const earlier = context.seen.get(index);
      if (earlier !== undefined && earlier !== row.rowNumber) {
        problems.push({ column: HEADER_OF['idCardNumber']!, reason: `same ID-card number as row ${earlier}` });
      }
      if (problems.length === 0) {
        context.seen.set(index, row.rowNumber);
        candidates.push({ row, member, stageSince, index });
      }
    }
    outcome.errors.push(...problems.map((p) => ({ ...p, rowNumber: row.rowNumber })));
  }
  const existing = new Set(
    (await tx.member.findMany({ where: { idCardIndex: { in: candidates.map((c) => c.index) } }, select: { idCardIndex: true } })).map(
      (m) => m.idCardIndex,
    ),
  );
  // rules.md §5: a person with an open transfer letter to this tenant is taken in from the letter.
  const inTransfer = new Set(
    (await tx.transfer.findMany({ where: { direction: 'incoming', state: { in: ['letter_issued', 'expired'] }, idCardIndex: { in: candidates.map((c) => c.index) } }, select: { idCardIndex: true } })).map(
      (t) => t.idCardIndex,
    ),
  );
  const members: Prisma.MemberCreateManyInput[] = [];
  const changes: Prisma.MemberChangeCreateManyInput[] = [];
  const graduations: Prisma.GraduationCreateManyInput[] = [];
  for (const candidate of candidates) {
    if (existing.has(candidate.index)) {
      outcome.skipped += 1;
      continue;
    }
    if (inTransfer.has(candidate.index)) {
      outcome.errors.push({ rowNumber: candidate.row.rowNumber, column: HEADER_OF['idCardNumber']!, reason: 'has an open transfer letter to this tenant: take the member in from the incoming transfer' });
      continue;
    }
    const id = randomUUID();
    members.push(memberRow(context.keys, context.tenantId, id, candidate.member, candidate.stageSince));
    changes.push({ id: randomUUID(), tenantId: context.tenantId, memberId: id, changedBy: context.userId, reason: `imported from ${context.fileName}`, fields: ['*'] });
    const v = candidate.row.values;
    if (v['graduatesOn']) {
      graduations.push({ tenantId: context.tenantId, memberId: id, graduatesOn: dateColumn(v['graduatesOn']), destination: v['graduateDestination'] || 'unknown', employer: v['graduateEmployer'] ?? '', recordedBy: context.userId });
    }
  }
  if (members.length > 0) await insertMembers(tx, members, changes);
  if (graduations.length > 0) await tx.graduation.createMany({ data: graduations });
  outcome.created = members.length;
  return outcome;
}

function toNewMember(row: TemplateRow, context: MemberImportContext): NewMember | undefined {
  const v = row.values;
  const organisation = context.organisations.get(v['organisationCode'] ?? '');
  if (!organisation) return undefined;
  return {
    organisationId: organisation.id,
    name: v['name'] ?? '',
    ethnicity: v['ethnicity'] ?? '',
    idCardNumber: v['idCardNumber'] ?? '',
    phone: v['phone'] ?? '',
    education: v['education'] ?? '',
    occupation: v['occupation'] ?? '',
    workUnit: v['workUnit'] ?? '',
    address: v['address'] ?? '',
    developmentStage: v['developmentStage'] ?? '',
    joinedOn: v['joinedOn'] ?? '',
    confirmedOn: v['confirmedOn'] ?? '',
    stageSince: v['stageSince'] ?? '',
    mobile: v['mobile'] === 'true',
    userId: '',
  };
}

/** Checks that need the tenant: the organisation, the scope, and agreement with the ID-card number. */
function memberRowProblems(row: TemplateRow, member: NewMember | undefined, context: MemberImportContext): RowProblem[] {
  const v = row.values;
  const problems: RowProblem[] = [];
  const code = v['organisationCode'] ?? '';
  const organisation = context.organisations.get(code);
  if (code && !organisation) problems.push({ column: HEADER_OF['organisationCode']!, reason: `no organisation with code ${code}` });
  if (organisation && context.scope && !context.scope.some((root) => organisation.path.startsWith(root))) {
    problems.push({ column: HEADER_OF['organisationCode']!, reason: 'outside your organisations' });
  }
  if (member) {
    for (const problem of newMemberProblems(member, context.today)) {
      // A field the row left empty or unreadable is already reported.
      if (!row.problems.some((p) => p.column === HEADER_OF[problem.field])) {
        problems.push({ column: HEADER_OF[problem.field] ?? problem.field, reason: problem.description });
      }
    }
  }
  // rules.md §5: graduation details belong to student members, and a destination needs its date.
  const graduationGiven = Boolean(v['graduatesOn'] || v['graduateDestination'] || v['graduateEmployer']);
  if (graduationGiven && v['occupation'] && v['occupation'] !== 'student') {
    problems.push({ column: HEADER_OF['graduatesOn']!, reason: 'graduation details are recorded for student members only' });
  } else if (graduationGiven && !v['graduatesOn'] && !row.problems.some((p) => p.column === HEADER_OF['graduatesOn'])) {
    problems.push({ column: HEADER_OF['graduatesOn']!, reason: 'required when a graduate destination or employer is given' });
  }
  if ((v['graduateEmployer'] ?? '').length > 100) problems.push({ column: HEADER_OF['graduateEmployer']!, reason: 'must be at most 100 characters' });
  const idCard = v['idCardNumber'] ?? '';
  if (idCard && idCardProblem(idCard) === undefined) {
    const facts = idCardFacts(normaliseIdCard(idCard));
    if (v['gender'] && v['gender'] !== facts.gender) problems.push({ column: HEADER_OF['gender']!, reason: 'does not match the ID-card number' });
    if (v['birthDate'] && v['birthDate'] !== facts.birthDate) problems.push({ column: HEADER_OF['birthDate']!, reason: 'does not match the ID-card number' });
  }
  return problems;
}

const MEMBER_COLUMNS_SQL: [keyof Prisma.MemberCreateManyInput, string, string][] = [
  ['id', 'id', 'uuid'], ['tenantId', 'tenant_id', 'uuid'], ['organisationId', 'organisation_id', 'uuid'], ['name', 'name', 'text'],
  ['gender', 'gender', 'text'], ['ethnicity', 'ethnicity', 'text'], ['birthDate', 'birth_date', 'date'],
  ['idCardCipher', 'id_card_cipher', 'text'], ['idCardIndex', 'id_card_index', 'text'], ['idCardMasked', 'id_card_masked', 'text'],
  ['phoneCipher', 'phone_cipher', 'text'], ['phoneIndex', 'phone_index', 'text'], ['phoneMasked', 'phone_masked', 'text'],
  ['education', 'education', 'text'], ['occupation', 'occupation', 'text'], ['workUnit', 'work_unit', 'text'], ['address', 'address', 'text'],
  ['developmentStage', 'development_stage', 'text'], ['stageSince', 'stage_since', 'date'], ['joinedOn', 'joined_on', 'date'],
  ['confirmedOn', 'confirmed_on', 'date'], ['mobile', 'mobile', 'boolean'], ['userId', 'user_id', 'uuid'],
];

/**
 * One INSERT … SELECT FROM unnest(…) per table for the whole batch: an array parameter per column
 * instead of Prisma's createMany, whose query building dominated the time of a large import.
 */
async function insertMembers(tx: OrganisationTx, members: Prisma.MemberCreateManyInput[], changes: Prisma.MemberChangeCreateManyInput[]): Promise<void> {
  const asParameter = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : value ?? null);
  await tx.$executeRawUnsafe(
    `insert into members (${MEMBER_COLUMNS_SQL.map(([, column]) => column).join(', ')})
     select * from unnest(${MEMBER_COLUMNS_SQL.map(([, , type], i) => `$${i + 1}::${type}[]`).join(', ')})`,
    ...MEMBER_COLUMNS_SQL.map(([field]) => members.map((m) => asParameter(m[field]))),
  );
  await tx.$executeRawUnsafe(
    `insert into member_changes (id, tenant_id, member_id, changed_by, reason, fields)
     select id, tenant_id, member_id, changed_by, reason, array['*'] from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[])
       as c(id, tenant_id, member_id, changed_by, reason)`,
    changes.map((c) => c.id),
    changes.map((c) => c.tenantId),
    changes.map((c) => c.memberId),
    changes.map((c) => c.changedBy),
    changes.map((c) => c.reason),
  );
}
