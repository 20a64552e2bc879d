import { create } from '@bufbuild/protobuf';
import {
  MeetingVoteSchema,
  type ListMeetingVotesRequest,
  type MeetingVote,
  type RecordMeetingVoteRequest,
} from '@dangjian/contracts';
import {
  dateOnly,
  isUuid,
  NotFoundError,
  pageWindow,
  requireRole,
  RuleViolatedError,
  ValidationError,
  Validator,
  fieldProblem,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { OrganisationDatabase, OrganisationTx } from '../db/organisation-database.js';
import type { MeetingVote as VoteRow } from '../generated/prisma/client.js';
import { TreeAccess } from '../access/tree-access.js';

/** The development steps a branch general meeting votes on (rules.md §3). */
export const VOTE_SUBJECTS = ['to_probationary', 'probation_extension', 'confirmation'] as const;
const MAX_VOTES = 100_000;

type VoteWithExtras = VoteRow & { member: { name: string }; meeting: { heldOn: Date | null } };

export function voteMessage(row: VoteWithExtras): MeetingVote {
  return create(MeetingVoteSchema, {
    id: row.id,
    meetingId: row.meetingId,
    memberId: row.memberId,
    memberName: row.member.name,
    subject: row.subject,
    eligible: row.eligible,
    present: row.present,
    inFavour: row.inFavour,
    against: row.against,
    abstained: row.abstained,
    heldOn: row.meeting.heldOn ? dateOnly(row.meeting.heldOn) : '',
    recordedBy: row.recordedBy,
    createdAt: row.createdAt.toISOString(),
  });
}

const INCLUDE = { member: { select: { name: true } }, meeting: { select: { heldOn: true } } } as const;

/**
 * 表决 (issue 14, part 6): the branch general meeting's vote on a member's admission, probation
 * extension or confirmation, recorded with the meeting as held (its voters and those present come
 * from the meeting's quorum count); the development step takes its figures from here.
 */
export class MeetingVotesUseCases {
  private readonly access = new TreeAccess();

  constructor(private readonly db: OrganisationDatabase) {}

  async record(request: RecordMeetingVoteRequest): Promise<MeetingVote> {
    const principal = requireRole('tenant-admin', 'secretary');
    const count = (value: number) => Number.isInteger(value) && value >= 0 && value <= MAX_VOTES;
    new Validator()
      .check(isUuid(request.meetingId), 'meetingId', 'not_an_id')
      .check(isUuid(request.memberId), 'memberId', 'not_an_id')
      .check((VOTE_SUBJECTS as readonly string[]).includes(request.subject), 'subject', 'not_one_of', {
        allowed: VOTE_SUBJECTS.join(', '),
      })
      .check(count(request.inFavour), 'inFavour', 'number_between', { min: 0, max: MAX_VOTES })
      .check(count(request.against), 'against', 'number_between', { min: 0, max: MAX_VOTES })
      .check(count(request.abstained), 'abstained', 'number_between', { min: 0, max: MAX_VOTES })
      .throwIfInvalid();
    return this.db.database.inRequestTenant(async (tx) => {
      const meeting = await tx.meeting.findUnique({
        where: { id: request.meetingId },
        include: { organisation: { select: { path: true } } },
      });
      if (!meeting) throw new NotFoundError('meeting', request.meetingId);
      await this.access.requireWithin(tx, meeting.organisation.path);
      // Admission, extension and confirmation are decided by the branch general meeting, once held
      // with its quorum counted (rules.md §3, §4).
      if (
        meeting.kind !== 'branch_general_meeting' ||
        meeting.state !== 'held' ||
        meeting.quorumVoters === null
      )
        throw new RuleViolatedError(
          'vote-general-meeting',
          'a vote is taken at a branch general meeting recorded as held',
          [fieldProblem('meetingId', 'not_a_held_general_meeting')],
        );
      const member = await tx.member.findUnique({
        where: { id: request.memberId },
        include: { organisation: { select: { path: true } } },
      });
      if (!member || !member.organisation.path.startsWith(meeting.organisation.path))
        throw ValidationError.of('memberId', 'not_a_member_here');
      const present = meeting.quorumPresent ?? 0;
      if (request.inFavour + request.against + request.abstained > present)
        throw ValidationError.of('inFavour', 'votes_exceed_present', { present });
      const row = await tx.meetingVote.create({
        data: {
          id: randomUUID(),
          tenantId: meeting.tenantId,
          meetingId: meeting.id,
          memberId: member.id,
          subject: request.subject,
          eligible: meeting.quorumVoters,
          present,
          inFavour: request.inFavour,
          against: request.against,
          abstained: request.abstained,
          recordedBy: principal.userId,
        },
        include: INCLUDE,
      });
      return voteMessage(row);
    });
  }

  async list(request: ListMeetingVotesRequest): Promise<{ votes: MeetingVote[]; total: number }> {
    requireRole('tenant-admin', 'secretary');
    const { meetingId, memberId } = request;
    if (meetingId === undefined && memberId === undefined)
      throw ValidationError.of('filter.meetingId', 'required');
    return this.db.database.inRequestTenant(async (tx) => {
      if (meetingId !== undefined) {
        const meeting = isUuid(meetingId)
          ? await tx.meeting.findUnique({
              where: { id: meetingId },
              include: { organisation: { select: { path: true } } },
            })
          : null;
        if (!meeting) throw new NotFoundError('meeting', meetingId);
        await this.access.requireWithin(tx, meeting.organisation.path);
      }
      if (memberId !== undefined) await this.readableMemberPath(tx, memberId);
      const where = {
        ...(meetingId !== undefined ? { meetingId } : {}),
        ...(memberId !== undefined ? { memberId } : {}),
      };
      const [rows, total] = await Promise.all([
        tx.meetingVote.findMany({
          where,
          include: INCLUDE,
          orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
          ...pageWindow(request.page),
        }),
        tx.meetingVote.count({ where }),
      ]);
      return { votes: rows.map(voteMessage), total };
    });
  }

  private async readableMemberPath(tx: OrganisationTx, memberId: string): Promise<void> {
    const member = isUuid(memberId)
      ? await tx.member.findUnique({
          where: { id: memberId },
          include: { organisation: { select: { path: true } } },
        })
      : null;
    if (!member) throw new NotFoundError('member', memberId);
    await this.access.requireWithin(tx, member.organisation.path);
  }
}
