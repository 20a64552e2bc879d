import { create } from '@bufbuild/protobuf';
import {
  TransferActionSchema,
  TransferSchema,
  type Transfer,
  type TransferAction,
} from '@dangjian/contracts';
import { dateOnly } from '@dangjian/kit';
import type {
  Transfer as TransferRow,
  TransferAction as TransferActionRow,
} from '../generated/prisma/client.js';

/** The member facts an incoming row keeps from its letter (personal numbers sealed under this tenant's keys). */
export interface LetterMemberFacts {
  name: string;
  gender: string;
  ethnicity: string;
  education: string;
  occupation: string;
  developmentStage: string;
  joinedOn: string;
  confirmedOn: string;
  idCardMasked: string;
  idCardCipher: string;
  phoneCipher: string;
  userId: string;
}

const day = (value: Date | null) => (value ? dateOnly(value) : undefined);

export function toTransferMessage(
  row: TransferRow,
  member?: { gender: string; ethnicity: string; developmentStage: string; idCardMasked: string },
): Transfer {
  const letter = row.letterMember as Partial<LetterMemberFacts>;
  const source = member ?? letter;
  const facts = {
    gender: source.gender ?? '',
    ethnicity: source.ethnicity ?? '',
    developmentStage: source.developmentStage ?? '',
    idCardMasked: source.idCardMasked ?? '',
  };
  return create(TransferSchema, {
    id: row.id,
    direction: row.direction,
    destination: row.destination,
    state: row.state,
    approvalLevels: row.approvalLevels,
    memberId: row.memberId ?? undefined,
    memberName: row.memberName,
    reason: row.reason,
    sendingTenantName: row.sendingTenantName,
    sendingOrganisationId: row.sendingOrganisationId ?? undefined,
    sendingOrganisationName: row.sendingOrganisationName,
    receivingTenantName: row.receivingTenantName,
    receivingOrganisationId: row.receivingOrganisationId ?? undefined,
    receivingOrganisationName: row.receivingOrganisationName,
    receivingOrganisationCode: row.receivingOrganisationCode,
    serialNumber: row.serialNumber ?? undefined,
    issuedOn: day(row.issuedOn),
    validUntil: day(row.validUntil),
    expiredOn: day(row.expiredOn),
    duesPaidUpTo: row.duesPaidUpTo || undefined,
    reportedInOn: day(row.reportedInOn),
    receiptReturnedOn: day(row.receiptReturnedOn),
    lastReason: row.lastReason,
    appliedOn: dateOnly(row.appliedOn),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    ...facts,
  });
}

export function toTransferActionMessage(row: TransferActionRow): TransferAction {
  return create(TransferActionSchema, {
    id: row.id,
    action: row.action,
    fromState: row.fromState,
    toState: row.toState,
    reason: row.reason,
    actedBy: row.actedBy,
    actedOn: dateOnly(row.actedOn),
    createdAt: row.createdAt.toISOString(),
  });
}
