import { create } from '@bufbuild/protobuf';
import {
  eventSubject,
  MeetingLeaveDecidedSchema,
  MeetingLeaveRequestSchema,
  type DecideMeetingLeaveRequestRequest,
  type ListMeetingLeaveRequestsRequest,
  type MeetingLeaveRequest,
} from '@dangjian/contracts';
import {
  isUuid,
  NotFoundError,
  pageWindow,
  requireRole,
  RuleViolatedError,
  Validator,
  writeOutboxEvent,
} from '@dangjian/kit';
import { TreeAccess } from '../access/tree-access.js';
import type { OrganisationDatabase, OrganisationTx } from '../db/organisation-database.js';
import type { Prisma } from '../generated/prisma/client.js';

const LEAVE_STATES = ['requested', 'granted', 'refused'];

const include = {
  meeting: { select: { title: true, scheduledAt: true } },
  member: { select: { name: true, userId: true } },
} as const;
type Row = Prisma.MeetingLeaveRequestGetPayload<{ include: typeof include }>;

const toMessage = (row: Row): MeetingLeaveRequest =>
  create(MeetingLeaveRequestSchema, {
    id: row.id,
    meetingId: row.meetingId,
    meetingTitle: row.meeting.title,
    meetingScheduledAt: row.meeting.scheduledAt.toISOString(),
    memberId: row.memberId,
    memberName: row.member.name,
    reason: row.reason,
    state: row.state,
    requestedAt: row.requestedAt.toISOString(),
    ...(row.decidedAt ? { decidedAt: row.decidedAt.toISOString() } : {}),
    decisionNote: row.decisionNote,
  });

/** 请假 seen from the organiser's side: the requests of meetings in their scope, and the decision. */
export class MeetingLeaveRequestsUseCases {
  private readonly access = new TreeAccess();

  constructor(
    private readonly db: OrganisationDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(
    request: ListMeetingLeaveRequestsRequest,
  ): Promise<{ leaveRequests: MeetingLeaveRequest[]; total: number }> {
    requireRole('tenant-admin', 'secretary');
    new Validator()
      .check(request.meetingId === undefined || isUuid(request.meetingId), 'filter.meetingId', 'not_an_id')
      .check(
        request.state === undefined || LEAVE_STATES.includes(request.state),
        'filter.state',
        'not_one_of',
        {
          allowed: LEAVE_STATES.join(', '),
        },
      )
      .throwIfInvalid();
    return this.db.database.inRequestTenant(async (tx) => {
      const paths = await this.access.scopePaths(tx);
      const where: Prisma.MeetingLeaveRequestWhereInput = {
        ...(request.meetingId ? { meetingId: request.meetingId } : {}),
        ...(request.state ? { state: request.state } : {}),
        ...(paths
          ? { meeting: { organisation: { OR: paths.map((path) => ({ path: { startsWith: path } })) } } }
          : {}),
      };
      const [rows, total] = await Promise.all([
        tx.meetingLeaveRequest.findMany({
          where,
          include,
          orderBy: [{ requestedAt: 'asc' }, { id: 'asc' }],
          ...pageWindow(request.page),
        }),
        tx.meetingLeaveRequest.count({ where }),
      ]);
      return { leaveRequests: rows.map(toMessage), total };
    });
  }

  /** Granting records the member excused (请假); a refusal says why. Decided once, while the meeting is scheduled. */
  async decide(request: DecideMeetingLeaveRequestRequest): Promise<MeetingLeaveRequest> {
    const principal = requireRole('tenant-admin', 'secretary');
    new Validator()
      .check(request.note.length <= 500, 'note', 'too_long', { max: 500 })
      .check(request.grant || request.note.trim().length >= 2, 'note', 'required')
      .throwIfInvalid();
    return this.db.database.inRequestTenant(async (tx) => {
      const found = await this.organised(tx, request.id);
      if (found.state !== 'requested') throw new RuleViolatedError('leave-request-decided');
      if (found.meeting.state !== 'scheduled') throw new RuleViolatedError('leave-request-closed');
      const now = this.now();
      const state = request.grant ? 'granted' : 'refused';
      const row = await tx.meetingLeaveRequest.update({
        where: { id: found.id },
        data: { state, decidedBy: principal.userId, decidedAt: now, decisionNote: request.note.trim() },
        include,
      });
      if (request.grant) {
        const key = { tenantId: row.tenantId, meetingId: row.meetingId, memberId: row.memberId };
        await tx.meetingAttendance.upsert({
          where: { tenantId_meetingId_memberId: key },
          create: { ...key, status: 'excused', mode: 'recorded', recordedBy: principal.userId },
          update: { status: 'excused', mode: 'recorded', recordedBy: principal.userId, updatedAt: now },
        });
      }
      await writeOutboxEvent(tx, {
        subject: eventSubject('organisation', 'leave_request', 'decided'),
        schema: MeetingLeaveDecidedSchema,
        message: create(MeetingLeaveDecidedSchema, {
          id: row.id,
          meetingId: row.meetingId,
          memberId: row.memberId,
          state,
          ...(row.member.userId ? { memberUserId: row.member.userId } : {}),
          meetingTitle: row.meeting.title,
          decisionNote: row.decisionNote,
        }),
        tenantId: row.tenantId,
      });
      return toMessage(row);
    });
  }

  private async organised(tx: OrganisationTx, id: string) {
    if (!isUuid(id)) throw new NotFoundError('leave request', id);
    await tx.$queryRawUnsafe('select 1 from meeting_leave_requests where id = $1::uuid for update', id);
    const row = await tx.meetingLeaveRequest.findUnique({
      where: { id },
      include: { meeting: { select: { state: true, organisation: { select: { path: true } } } } },
    });
    if (!row) throw new NotFoundError('leave request', id);
    await this.access.requireWithin(tx, row.meeting.organisation.path);
    return row;
  }
}
