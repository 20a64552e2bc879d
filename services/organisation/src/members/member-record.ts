import {
  DEVELOPMENT_STAGES,
  OCCUPATIONS,
  type FieldProblemCode,
  type ProblemParams,
} from '@dangjian/contracts';
import {
  blindIndex,
  blindIndexes,
  encryptField,
  idCardFacts,
  idCardProblem,
  isCalendarDate,
  maskIdCard,
  maskPhone,
  normaliseIdCard,
  phoneProblem,
  type FieldProblem,
  type TenantKeys,
  fieldProblem,
} from '@dangjian/kit';
import { ADULT_AGE, ageOn } from '../development/development-rules.js';
import type { Prisma } from '../generated/prisma/client.js';

/** What a new member record needs, from the API or from an import row. */
export interface NewMember {
  organisationId: string;
  name: string;
  ethnicity: string;
  idCardNumber: string;
  phone: string;
  education: string;
  occupation: string;
  workUnit: string;
  address: string;
  developmentStage: string;
  // Absent (or '') when not known.
  joinedOn?: string;
  confirmedOn?: string;
  stageSince?: string;
  mobile: boolean;
  userId?: string;
}

const includes = (list: readonly string[], value: string) => list.includes(value);

/** Field problems of a new member (empty: valid). The organisation is checked by the caller. */
export function newMemberProblems(input: NewMember, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const check = (ok: boolean, field: string, code: FieldProblemCode, params?: ProblemParams) => {
    if (!ok) problems.push(fieldProblem(field, code, params));
  };
  const idProblem = idCardProblem(input.idCardNumber);
  const phone = input.phone ? phoneProblem(input.phone) : undefined;
  check(input.name.trim().length > 0 && input.name.length <= 50, 'name', 'length_between', {
    min: 1,
    max: 50,
  });
  if (idProblem) check(false, 'idCardNumber', idProblem);
  if (phone) check(false, 'phone', phone);
  check(includes(OCCUPATIONS, input.occupation), 'occupation', 'not_one_of', {
    allowed: OCCUPATIONS.join(', '),
  });
  check(includes(DEVELOPMENT_STAGES, input.developmentStage), 'developmentStage', 'not_one_of', {
    allowed: DEVELOPMENT_STAGES.join(', '),
  });
  check(
    !input.joinedOn || (isCalendarDate(input.joinedOn) && input.joinedOn <= today),
    'joinedOn',
    'not_a_past_date',
  );
  check(
    !input.confirmedOn || (isCalendarDate(input.confirmedOn) && input.confirmedOn <= today),
    'confirmedOn',
    'not_a_past_date',
  );
  check(
    !input.stageSince || (isCalendarDate(input.stageSince) && input.stageSince <= today),
    'stageSince',
    'not_a_past_date',
  );
  // A probationary member needs the date of acceptance: the probation runs from it.
  check(
    input.developmentStage !== 'probationary' || Boolean(input.joinedOn),
    'joinedOn',
    'join_date_required',
  );
  return problems;
}

/** The best date for entering the stage when none is given. */
export function stageSinceOf(input: NewMember, today: string): string {
  if (input.stageSince) return input.stageSince;
  if (input.developmentStage === 'probationary' && input.joinedOn) return input.joinedOn;
  if (input.developmentStage === 'full' && input.confirmedOn) return input.confirmedOn;
  return today;
}

/** rules.md §3: an applicant is at least 18 on the day of the written application. */
export function applicantAgeProblem(
  input: NewMember,
  stageSince: string,
): { age: number; appliedOn: string } | undefined {
  if (input.developmentStage !== 'applicant') return undefined;
  const { birthDate } = idCardFacts(normaliseIdCard(input.idCardNumber));
  return ageOn(birthDate, stageSince) < ADULT_AGE ? { age: ADULT_AGE, appliedOn: stageSince } : undefined;
}

/** The blind index that finds a member by ID-card number (and keeps one record per person). */
export function idCardIndexOf(keys: TenantKeys, idCardNumber: string): string {
  return blindIndex(keys, 'idCardNumber', normaliseIdCard(idCardNumber));
}

/** Every index a record of this number may carry: two while the tenant's keys rotate (decision 0041). */
export function idCardIndexesOf(keys: TenantKeys, idCardNumber: string): string[] {
  return blindIndexes(keys, 'idCardNumber', normaliseIdCard(idCardNumber));
}

/**
 * The row to insert: personal numbers only as ciphertext, blind index and mask; gender and birth
 * date read from the ID-card number. `input` must be valid (newMemberProblems empty). An import
 * passes the ID-card index it has already computed for its duplicate check.
 */
export function memberRow(
  keys: TenantKeys,
  tenantId: string,
  id: string,
  input: NewMember,
  stageSince: string,
  idCardIndex?: string,
): Prisma.MemberCreateManyInput {
  const idCard = normaliseIdCard(input.idCardNumber);
  const phone = input.phone.trim();
  const facts = idCardFacts(idCard);
  const date = (value: string) => new Date(`${value}T00:00:00Z`);
  return {
    id,
    tenantId,
    organisationId: input.organisationId,
    name: input.name.trim(),
    gender: facts.gender,
    ethnicity: input.ethnicity.trim(),
    birthDate: date(facts.birthDate),
    idCardCipher: encryptField(keys, 'idCardNumber', id, idCard),
    idCardIndex: idCardIndex ?? blindIndex(keys, 'idCardNumber', idCard),
    idCardMasked: maskIdCard(idCard),
    ...(phone
      ? {
          phoneCipher: encryptField(keys, 'phone', id, phone),
          phoneIndex: blindIndex(keys, 'phone', phone),
          phoneMasked: maskPhone(phone),
        }
      : { phoneCipher: null, phoneIndex: null, phoneMasked: '' }),
    education: input.education.trim(),
    occupation: input.occupation,
    workUnit: input.workUnit.trim(),
    address: input.address.trim(),
    developmentStage: input.developmentStage,
    stageSince: date(stageSince),
    joinedOn: input.joinedOn ? date(input.joinedOn) : null,
    confirmedOn: input.confirmedOn ? date(input.confirmedOn) : null,
    mobile: input.mobile,
    userId: input.userId || null,
  };
}
