import { create } from '@bufbuild/protobuf';
import { MyRecordSchema, type MyRecord } from '@dangjian/contracts';
import { chinaToday, dateColumn, dateOnly } from '@dangjian/kit';
import type { OrganisationTx } from '../db/organisation-database.js';
import type { MyMemberRow } from './my-member.js';

/** The next step the pipeline expects of the member (rules.md §3), from the same SQL the alerts use. */
export async function nextStepOf(
  tx: OrganisationTx,
  member: MyMemberRow,
): Promise<{ step: string; dueOn: string } | undefined> {
  if (member.status !== 'active') return undefined;
  const [due] = (await tx.$queryRawUnsafe(
    `select step, due_on from pipeline_step_due($1, $2::date, $3::date, $4, $5::date, $6::date) where step is not null`,
    member.developmentStage,
    member.stageSince,
    member.joinedOn,
    member.probationExtensionMonths,
    member.talkedOn,
    member.reviewedOn,
  )) as { step: string; due_on: Date }[];
  return due ? { step: due.step, dueOn: dateOnly(due.due_on) } : undefined;
}

/** The member's record as the organisation holds it, masked, with where they stand and who leads them. */
export async function myRecord(tx: OrganisationTx, member: MyMemberRow, now: Date): Promise<MyRecord> {
  const today = dateColumn(chinaToday(now));
  const ancestorIds = member.organisation.path.split('/').filter(Boolean);
  const [ancestors, holders, steps, graduation, next] = await Promise.all([
    tx.organisation.findMany({ where: { id: { in: ancestorIds } }, select: { id: true, name: true } }),
    tx.position.findMany({
      where: {
        organisationId: member.organisationId,
        endedOn: null,
        termStart: { lte: today },
        termEnd: { gte: today },
      },
      orderBy: { holderName: 'asc' },
      select: { kind: true, holderName: true },
    }),
    tx.developmentStep.findMany({
      where: { memberId: member.id },
      orderBy: [{ decidedOn: 'asc' }, { createdAt: 'asc' }],
      select: { kind: true, decidedOn: true },
    }),
    tx.graduation.findUnique({ where: { memberId: member.id } }),
    nextStepOf(tx, member),
  ]);
  const nameOf = new Map(ancestors.map((row) => [row.id, row.name]));
  // The secretary first, then deputy secretaries, then committee members.
  const order = ['secretary', 'deputy_secretary', 'committee_member'];
  holders.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  return create(MyRecordSchema, {
    memberId: member.id,
    name: member.name,
    gender: member.gender,
    ethnicity: member.ethnicity,
    birthDate: dateOnly(member.birthDate),
    idCardNumberMasked: member.idCardMasked,
    phoneMasked: member.phoneMasked,
    education: member.education,
    occupation: member.occupation,
    workUnit: member.workUnit,
    address: member.address,
    developmentStage: member.developmentStage,
    ...(member.joinedOn ? { joinedOn: dateOnly(member.joinedOn) } : {}),
    ...(member.confirmedOn ? { confirmedOn: dateOnly(member.confirmedOn) } : {}),
    status: member.status,
    mobile: member.mobile,
    stageSince: dateOnly(member.stageSince),
    ...(member.oathTakenOn ? { oathTakenOn: dateOnly(member.oathTakenOn) } : {}),
    organisation: {
      id: member.organisation.id,
      name: member.organisation.name,
      pathNames: ancestorIds.map((id) => nameOf.get(id) ?? ''),
    },
    officeHolders: holders.map((holder) => ({ kind: holder.kind, name: holder.holderName })),
    steps: steps.map((step) => ({ kind: step.kind, decidedOn: dateOnly(step.decidedOn) })),
    ...(next ? { nextStep: { step: next.step, dueOn: next.dueOn } } : {}),
    ...(graduation
      ? {
          graduation: {
            graduatesOn: dateOnly(graduation.graduatesOn),
            destination: graduation.destination,
            employer: graduation.employer,
          },
        }
      : {}),
  });
}
