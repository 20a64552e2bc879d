import { create } from '@bufbuild/protobuf';
import { MemberSchema, type Member } from '@dangjian/contracts';
import { dateOnly } from '@dangjian/kit';
import type { Member as MemberRow } from '../generated/prisma/client.js';

/** Members leave the service masked: the ciphertext columns are never mapped. */
export function toMemberMessage(row: MemberRow): Member {
  return create(MemberSchema, {
    id: row.id,
    organisationId: row.organisationId,
    name: row.name,
    gender: row.gender,
    ethnicity: row.ethnicity,
    birthDate: dateOnly(row.birthDate),
    idCardNumberMasked: row.idCardMasked,
    phoneMasked: row.phoneMasked,
    education: row.education,
    occupation: row.occupation,
    workUnit: row.workUnit,
    address: row.address,
    developmentStage: row.developmentStage,
    ...(row.joinedOn ? { joinedOn: dateOnly(row.joinedOn) } : {}),
    ...(row.confirmedOn ? { confirmedOn: dateOnly(row.confirmedOn) } : {}),
    status: row.status,
    mobile: row.mobile,
    lostContact: row.lostContact,
    ...(row.userId ? { userId: row.userId } : {}),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    stageSince: dateOnly(row.stageSince),
    probationExtensionMonths: row.probationExtensionMonths,
    ...(row.oathTakenOn ? { oathTakenOn: dateOnly(row.oathTakenOn) } : {}),
  });
}
