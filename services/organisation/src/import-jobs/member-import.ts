import { memberChange } from '../members/member-changes.js';
import {
  dateColumn,
  idCardFacts,
  idCardProblem,
  nextTurn,
  normaliseIdCard,
  type TenantKeys,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { OrganisationTx } from '../db/organisation-database.js';
import type { Prisma } from '../generated/prisma/client.js';
import {
  applicantAgeProblem,
  idCardIndexesOf,
  memberRow,
  newMemberProblems,
  stageSinceOf,
  type NewMember,
} from '../members/member-record.js';
import { MEMBER_COLUMNS } from './import-template.js';
import { rowProblem, type RowProblem, type TemplateRow } from './template-rows.js';

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

/** A batch checked and encrypted, waiting for its transaction. */
export interface PreparedBatch {
  errors: BatchOutcome['errors'];
  candidates: {
    rowNumber: number;
    /** The current index and, while the tenant's keys rotate, the previous one (decision 0041). */
    indexes: string[];
    member: Prisma.MemberCreateManyInput;
    change: Prisma.MemberChangeCreateManyInput;
    graduation?: Prisma.GraduationCreateManyInput;
  }[];
}

/** Rows prepared between two turns of the event loop. */
const ROWS_PER_TURN = 50;

/**
 * The work of a batch that needs no database: every row is checked like a member created through
 * the API, and the good ones encrypted and indexed. Done while the previous batch is being written,
 * a few rows per turn of the event loop: the write's statements go out as soon as the one before
 * answers, so Postgres and the service work at the same time instead of waiting on each other.
 */
export async function prepareMemberBatch(
  context: MemberImportContext,
  rows: TemplateRow[],
): Promise<PreparedBatch> {
  const prepared: PreparedBatch = { errors: [], candidates: [] };
  for (const [i, row] of rows.entries()) {
    if (i > 0 && i % ROWS_PER_TURN === 0) await nextTurn();
    const member = toNewMember(row, context);
    const problems = [...row.problems, ...memberRowProblems(row, member, context)];
    if (problems.length === 0 && member) {
      const stageSince = stageSinceOf(member, context.today);
      const tooYoung = applicantAgeProblem(member, stageSince);
      if (tooYoung) problems.push(rowProblem(HEADER_OF['idCardNumber']!, 'applicant-age', tooYoung));
      // One HMAC a key: the current index (first) serves the file's own check and the new row.
      const indexes = idCardIndexesOf(context.keys, member.idCardNumber);
      const index = indexes[0]!;
      const earlier = context.seen.get(index);
      if (earlier !== undefined && earlier !== row.rowNumber) {
        problems.push(rowProblem(HEADER_OF['idCardNumber']!, 'duplicate_in_file', { row: earlier }));
      }
      if (problems.length === 0) {
        context.seen.set(index, row.rowNumber);
        const id = randomUUID();
        const v = row.values;
        prepared.candidates.push({
          rowNumber: row.rowNumber,
          indexes,
          member: memberRow(context.keys, context.tenantId, id, member, stageSince, index),
          change: memberChange({
            tenantId: context.tenantId,
            memberId: id,
            changedBy: context.userId,
            reasonCode: 'imported',
            params: { fileName: context.fileName },
            fields: ['*'],
          }),
          ...(v['graduatesOn']
            ? {
                graduation: {
                  tenantId: context.tenantId,
                  memberId: id,
                  graduatesOn: dateColumn(v['graduatesOn']),
                  destination: v['graduateDestination'] || 'unknown',
                  employer: v['graduateEmployer'] ?? '',
                  recordedBy: context.userId,
                },
              }
            : {}),
        });
      }
    }
    prepared.errors.push(...problems.map((p) => ({ ...p, rowNumber: row.rowNumber })));
  }
  return prepared;
}

/**
 * A prepared batch in one transaction: rows already on record (same ID-card number) are skipped,
 * rows of a person with an open transfer letter to this tenant refused, the rest inserted together.
 */
export async function writeMemberBatch(tx: OrganisationTx, prepared: PreparedBatch): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { created: 0, skipped: 0, errors: [...prepared.errors] };
  // One statement with one array parameter for both lookups (two findMany with a thousand-value `in`
  // list each cost more than the insert of the batch).
  const found = (await tx.$queryRawUnsafe(
    `select id_card_index as index, 'member' as kind from members where id_card_index = any($1::text[])
     union all
     select id_card_index, 'transfer' from transfers
      where direction = 'incoming' and state in ('letter_issued', 'expired') and id_card_index = any($1::text[])`,
    prepared.candidates.flatMap((c) => c.indexes),
  )) as { index: string; kind: 'member' | 'transfer' }[];
  const existing = new Set(found.filter((f) => f.kind === 'member').map((f) => f.index));
  // rules.md §5: a person with an open transfer letter to this tenant is taken in from the letter.
  const inTransfer = new Set(found.filter((f) => f.kind === 'transfer').map((f) => f.index));
  const members: Prisma.MemberCreateManyInput[] = [];
  const changes: Prisma.MemberChangeCreateManyInput[] = [];
  const graduations: Prisma.GraduationCreateManyInput[] = [];
  for (const candidate of prepared.candidates) {
    if (candidate.indexes.some((i) => existing.has(i))) {
      outcome.skipped += 1;
      continue;
    }
    if (candidate.indexes.some((i) => inTransfer.has(i))) {
      outcome.errors.push({
        rowNumber: candidate.rowNumber,
        ...rowProblem(HEADER_OF['idCardNumber']!, 'open_incoming_transfer'),
      });
      continue;
    }
    members.push(candidate.member);
    changes.push(candidate.change);
    if (candidate.graduation) graduations.push(candidate.graduation);
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
function memberRowProblems(
  row: TemplateRow,
  member: NewMember | undefined,
  context: MemberImportContext,
): RowProblem[] {
  const v = row.values;
  const problems: RowProblem[] = [];
  const code = v['organisationCode'] ?? '';
  const known = context.organisations.get(code);
  // One answer for a code that does not exist and one outside a secretary's scope: an import must not
  // let a secretary list the tenant's organisation codes (issue 11).
  const organisation =
    known && (!context.scope || context.scope.some((root) => known.path.startsWith(root)))
      ? known
      : undefined;
  if (code && !organisation)
    problems.push(rowProblem(HEADER_OF['organisationCode']!, 'no_organisation_with_code'));
  if (member) {
    for (const problem of newMemberProblems(member, context.today)) {
      // A field the row left empty or unreadable is already reported.
      if (!row.problems.some((p) => p.column === HEADER_OF[problem.field])) {
        problems.push({
          column: HEADER_OF[problem.field] ?? problem.field,
          code: problem.code,
          ...(problem.params ? { params: problem.params } : {}),
          reason: problem.description,
        });
      }
    }
  }
  // rules.md §5: graduation details belong to student members, and a destination needs its date.
  const graduationGiven = Boolean(v['graduatesOn'] || v['graduateDestination'] || v['graduateEmployer']);
  if (graduationGiven && v['occupation'] && v['occupation'] !== 'student') {
    problems.push(rowProblem(HEADER_OF['graduatesOn']!, 'graduation_for_students'));
  } else if (
    graduationGiven &&
    !v['graduatesOn'] &&
    !row.problems.some((p) => p.column === HEADER_OF['graduatesOn'])
  ) {
    problems.push(rowProblem(HEADER_OF['graduatesOn']!, 'graduation_date_required'));
  }
  if ((v['graduateEmployer'] ?? '').length > 100)
    problems.push(rowProblem(HEADER_OF['graduateEmployer']!, 'too_long', { max: 100 }));
  const idCard = v['idCardNumber'] ?? '';
  if (idCard && idCardProblem(idCard) === undefined) {
    const facts = idCardFacts(normaliseIdCard(idCard));
    if (v['gender'] && v['gender'] !== facts.gender)
      problems.push(rowProblem(HEADER_OF['gender']!, 'id_card_mismatch'));
    if (v['birthDate'] && v['birthDate'] !== facts.birthDate)
      problems.push(rowProblem(HEADER_OF['birthDate']!, 'id_card_mismatch'));
  }
  return problems;
}

const MEMBER_COLUMNS_SQL: [keyof Prisma.MemberCreateManyInput, string, string][] = [
  ['id', 'id', 'uuid'],
  ['tenantId', 'tenant_id', 'uuid'],
  ['organisationId', 'organisation_id', 'uuid'],
  ['name', 'name', 'text'],
  ['gender', 'gender', 'text'],
  ['ethnicity', 'ethnicity', 'text'],
  ['birthDate', 'birth_date', 'date'],
  ['idCardCipher', 'id_card_cipher', 'text'],
  ['idCardIndex', 'id_card_index', 'text'],
  ['idCardMasked', 'id_card_masked', 'text'],
  ['phoneCipher', 'phone_cipher', 'text'],
  ['phoneIndex', 'phone_index', 'text'],
  ['phoneMasked', 'phone_masked', 'text'],
  ['education', 'education', 'text'],
  ['occupation', 'occupation', 'text'],
  ['workUnit', 'work_unit', 'text'],
  ['address', 'address', 'text'],
  ['developmentStage', 'development_stage', 'text'],
  ['stageSince', 'stage_since', 'date'],
  ['joinedOn', 'joined_on', 'date'],
  ['confirmedOn', 'confirmed_on', 'date'],
  ['mobile', 'mobile', 'boolean'],
  ['userId', 'user_id', 'uuid'],
];

/**
 * One INSERT … SELECT FROM unnest(…) per table for the whole batch: an array parameter per column
 * instead of Prisma's createMany, whose query building dominated the time of a large import.
 */
async function insertMembers(
  tx: OrganisationTx,
  members: Prisma.MemberCreateManyInput[],
  changes: Prisma.MemberChangeCreateManyInput[],
): Promise<void> {
  const asParameter = (value: unknown) =>
    value instanceof Date ? value.toISOString().slice(0, 10) : (value ?? null);
  await tx.$executeRawUnsafe(
    `insert into members (${MEMBER_COLUMNS_SQL.map(([, column]) => column).join(', ')})
     select * from unnest(${MEMBER_COLUMNS_SQL.map(([, , type], i) => `$${i + 1}::${type}[]`).join(', ')})`,
    ...MEMBER_COLUMNS_SQL.map(([field]) => members.map((m) => asParameter(m[field]))),
  );
  await tx.$executeRawUnsafe(
    `insert into member_changes (id, tenant_id, member_id, changed_by, changed_by_name, reason, reason_code, reason_params, fields)
     select id, tenant_id, member_id, changed_by, changed_by_name, reason, 'imported', params, array['*']
       from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::jsonb[])
       as c(id, tenant_id, member_id, changed_by, changed_by_name, reason, params)`,
    changes.map((c) => c.id),
    changes.map((c) => c.tenantId),
    changes.map((c) => c.memberId),
    changes.map((c) => c.changedBy),
    changes.map((c) => c.changedByName),
    changes.map((c) => c.reason),
    changes.map((c) => JSON.stringify(c.reasonParams)),
  );
}
