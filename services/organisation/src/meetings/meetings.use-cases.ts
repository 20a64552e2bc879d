import { create } from '@bufbuild/protobuf';
import {
  APPRAISAL_GRADES,
  ATTENDANCE_STATUSES,
  MAX_MEETING_ATTACHMENT_BYTES,
  MEETING_ACTIONS,
  MEETING_KINDS,
  AppraisalGradeSchema,
  MeetingAttachmentSchema,
  MeetingAttendanceSchema,
  MeetingAttendanceRecordedSchema,
  MeetingEventSchema,
  MeetingSchema,
  SortOrder,
  eventSubject,
  type ActOnMeetingRequest,
  type AddMeetingAttachmentRequest,
  type AppraisalGrade,
  type CreateMeetingRequest,
  type ListAttendanceRequest,
  type ListMeetingsRequest,
  type Meeting,
  type MeetingAttachment,
  type MeetingAttendance,
  type RecordAppraisalGradesRequest,
  type RecordAttendanceRequest,
  type SignInRequest,
  type UpdateMeetingRequest,
} from '@dangjian/contracts';
import {
  chinaToday,
  dateColumn,
  dateOnly,
  isCalendarDate,
  isUuid,
  NotFoundError,
  pageWindow,
  requirePrincipal,
  requireRole,
  requireTenant,
  RuleViolatedError,
  ValidationError,
  Validator,
  writeOutboxEvent,
  fieldProblem,
  ruleProblem,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { OrganisationDatabase, OrganisationTx } from '../db/organisation-database.js';
import type {
  Meeting as MeetingRow,
  MeetingAttachment as AttachmentRow,
} from '../generated/prisma/client.js';
import { TreeAccess } from '../access/tree-access.js';
import {
  appraisalCapRule,
  moveMeeting,
  QUORUM_KINDS,
  quorumMet,
  type AppraisalGradeName,
  type MeetingAction,
  type MeetingKind,
  type MeetingState,
  ONLINE_CLOSES_HOURS_AFTER,
  ONLINE_OPENS_MINUTES_BEFORE,
  withinOnlineWindow,
} from './meeting-rules.js';
import { SignInTokens } from './sign-in-token.js';

/** Members who take part in organisational life: probationary and full members on the books. */
const PARTICIPANT_SQL = `m.status in ('active', 'in_transfer') and m.development_stage in ('probationary', 'full')`;

const isInstant = (value: string) =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
  !Number.isNaN(Date.parse(value));
const oneOf = (list: readonly string[], value: string) => list.includes(value);

type MeetingWithExtras = MeetingRow & {
  organisation: { name: string };
  lecturer?: { name: string } | null;
  attachments?: AttachmentRow[];
  _count?: { attendance: number };
};

function attachmentMessage(row: Omit<AttachmentRow, 'content'>): MeetingAttachment {
  return create(MeetingAttachmentSchema, {
    id: row.id,
    meetingId: row.meetingId,
    fileName: row.fileName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    uploadedBy: row.uploadedBy,
    createdAt: row.createdAt.toISOString(),
  });
}

function meetingMessage(
  row: MeetingWithExtras,
  attendance: { present: number; recorded: number } = { present: 0, recorded: 0 },
): Meeting {
  return create(MeetingSchema, {
    id: row.id,
    organisationId: row.organisationId,
    organisationName: row.organisation.name,
    kind: row.kind,
    title: row.title,
    scheduledAt: row.scheduledAt.toISOString(),
    place: row.place,
    agenda: row.agenda,
    onlineAllowed: row.onlineAllowed,
    state: row.state,
    notifiedAt: row.notifiedAt?.toISOString(),
    heldOn: row.heldOn ? dateOnly(row.heldOn) : undefined,
    minutes: row.minutes,
    ...(row.quorumVoters !== null ? { quorumVoters: row.quorumVoters } : {}),
    ...(row.quorumPresent !== null ? { quorumPresent: row.quorumPresent } : {}),
    ...(row.quorumMet !== null ? { quorumMet: row.quorumMet } : {}),
    cancelReason: row.cancelReason,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    presentCount: attendance.present,
    // A held meeting nobody's attendance was taken for counts for nobody in the self-withdrawal check.
    attendanceTaken: attendance.recorded > 0,
    attachments: (row.attachments ?? []).map(attachmentMessage),
    ...(row.lecturerMemberId ? { lecturerMemberId: row.lecturerMemberId } : {}),
    ...(row.lecturer ? { lecturerName: row.lecturer.name } : {}),
  });
}

/** A lecturer is a member of the tenant (row-level security hides the others): 400 naming the field. */
async function lecturerOf(tx: OrganisationTx, memberId: string | undefined): Promise<string | null> {
  if (memberId === undefined) return null;
  const member = await tx.member.findUnique({ where: { id: memberId }, select: { id: true } });
  if (!member) throw ValidationError.of('lecturerMemberId', 'unknown_member');
  return member.id;
}

/** 三会一课 and the other regular meetings (rules.md §4): schedule, notify, sign in, hold, grade, comply. */
/** One office holder, however the position names them (a person holding two posts counts once). */
const HOLDER = `coalesce(p.holder_member_id::text, p.holder_user_id::text, p.holder_name)`;

export class MeetingsUseCases {
  private readonly access = new TreeAccess();
  private readonly tokens: SignInTokens;

  constructor(
    private readonly db: OrganisationDatabase,
    masterKey: Buffer | Buffer[],
    private readonly now: () => Date = () => new Date(),
  ) {
    this.tokens = new SignInTokens(masterKey);
  }

  async create(request: CreateMeetingRequest): Promise<Meeting> {
    const principal = requireRole('tenant-admin', 'secretary');
    new Validator()
      .check(isUuid(request.organisationId), 'organisationId', 'not_an_id')
      .check(oneOf(MEETING_KINDS, request.kind), 'kind', 'not_one_of', { allowed: MEETING_KINDS.join(', ') })
      .check(request.title.trim().length >= 1 && request.title.length <= 100, 'title', 'length_between', {
        min: 1,
        max: 100,
      })
      .check(isInstant(request.scheduledAt), 'scheduledAt', 'not_a_datetime_with_zone')
      .check((request.place ?? '').length <= 200, 'place', 'too_long', { max: 200 })
      .check((request.agenda ?? '').length <= 5000, 'agenda', 'too_long', { max: 5000 })
      .check(
        request.lecturerMemberId === undefined || isUuid(request.lecturerMemberId),
        'lecturerMemberId',
        'not_an_id',
      )
      .check(
        request.lecturerMemberId === undefined || request.kind === 'party_lecture',
        'lecturerMemberId',
        'only_for_party_lecture',
      )
      .throwIfInvalid();
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const organisation = await tx.organisation.findUnique({ where: { id: request.organisationId } });
      if (!organisation) throw new NotFoundError('organisation', request.organisationId);
      await this.access.requireWithin(tx, organisation.path);
      if (organisation.status !== 'active')
        throw new RuleViolatedError(
          'meeting-organisation-dissolved',
          'a dissolved organisation holds no meetings',
          [fieldProblem('organisationId', 'organisation_dissolved')],
        );
      // Party groups hold group meetings, and only groups do.
      if ((request.kind === 'group_meeting') !== (organisation.kind === 'group')) {
        throw new RuleViolatedError(
          'meeting-kind-organisation',
          'group meetings are held by party groups; other meetings by branches and committees',
          [fieldProblem('kind', 'meeting_kind_is', { kind: request.kind })],
        );
      }
      const row = await tx.meeting.create({
        data: {
          id: randomUUID(),
          tenantId,
          organisationId: organisation.id,
          kind: request.kind,
          title: request.title.trim(),
          scheduledAt: new Date(request.scheduledAt),
          place: request.place ?? '',
          agenda: request.agenda ?? '',
          onlineAllowed: request.onlineAllowed ?? false,
          lecturerMemberId: await lecturerOf(tx, request.lecturerMemberId),
          createdBy: principal.userId,
        },
        include: { organisation: { select: { name: true } }, lecturer: { select: { name: true } } },
      });
      return meetingMessage(row);
    });
  }

  /** Details change while the meeting is scheduled; the minutes also after it was held. */
  async update(request: UpdateMeetingRequest): Promise<Meeting> {
    requireRole('tenant-admin', 'secretary');
    new Validator()
      .check(
        request.title === undefined || (request.title.trim().length >= 1 && request.title.length <= 100),
        'title',
        'length_between',
        { min: 1, max: 100 },
      )
      .check(
        request.scheduledAt === undefined || isInstant(request.scheduledAt),
        'scheduledAt',
        'not_a_datetime_with_zone',
      )
      .check(request.place === undefined || request.place.length <= 200, 'place', 'too_long', { max: 200 })
      .check(request.agenda === undefined || request.agenda.length <= 5000, 'agenda', 'too_long', {
        max: 5000,
      })
      .check(request.minutes === undefined || request.minutes.length <= 50_000, 'minutes', 'too_long', {
        max: 50000,
      })
      .check(
        request.lecturerMemberId === undefined ||
          request.lecturerMemberId === '' ||
          isUuid(request.lecturerMemberId),
        'lecturerMemberId',
        'not_an_id',
      )
      .throwIfInvalid();
    return this.db.database.inRequestTenant(async (tx) => {
      const meeting = await this.organisedMeeting(tx, request.id);
      if (request.lecturerMemberId && meeting.kind !== 'party_lecture')
        throw ValidationError.of('lecturerMemberId', 'only_for_party_lecture');
      const changesDetails =
        request.title !== undefined ||
        request.scheduledAt !== undefined ||
        request.place !== undefined ||
        request.agenda !== undefined ||
        request.onlineAllowed !== undefined;
      if (meeting.state === 'cancelled' || (changesDetails && meeting.state !== 'scheduled')) {
        throw new RuleViolatedError(
          'meeting-update-not-allowed',
          `a ${meeting.state} meeting keeps its details${meeting.state === 'held' ? ' (only its minutes change)' : ''}`,
        );
      }
      await tx.meeting.update({
        where: { id: meeting.id },
        data: {
          ...(request.title !== undefined ? { title: request.title.trim() } : {}),
          ...(request.scheduledAt !== undefined ? { scheduledAt: new Date(request.scheduledAt) } : {}),
          ...(request.place !== undefined ? { place: request.place } : {}),
          ...(request.agenda !== undefined ? { agenda: request.agenda } : {}),
          ...(request.onlineAllowed !== undefined ? { onlineAllowed: request.onlineAllowed } : {}),
          ...(request.minutes !== undefined ? { minutes: request.minutes } : {}),
          // The lecturer may be named or corrected after the lecture too ('' clears it).
          ...(request.lecturerMemberId !== undefined
            ? { lecturerMemberId: await lecturerOf(tx, request.lecturerMemberId || undefined) }
            : {}),
          updatedAt: new Date(),
        },
      });
      const after = await this.read(tx, meeting.id);
      // Those already told of the meeting are told of its new time or place (issue 15).
      const moved =
        (request.scheduledAt !== undefined &&
          new Date(request.scheduledAt).getTime() !== meeting.scheduledAt.getTime()) ||
        (request.place !== undefined && request.place !== meeting.place);
      if (meeting.state === 'scheduled' && meeting.notifiedAt && moved)
        await writeOutboxEvent(tx, {
          subject: eventSubject('organisation', 'meeting', 'rescheduled'),
          schema: MeetingEventSchema,
          message: create(MeetingEventSchema, {
            meetingId: after.id,
            organisationId: after.organisationId,
            kind: after.kind,
            title: after.title,
            scheduledAt: after.scheduledAt,
            state: after.state,
            place: after.place,
            organisationName: after.organisationName,
            participantUserIds: await this.participantLogins(tx, meeting.organisationId, after.kind),
          }),
          tenantId: meeting.tenantId,
        });
      return after;
    });
  }

  /** Notify (again), record as held (quorum counted from the attendance), or cancel with a reason. */
  async act(request: ActOnMeetingRequest): Promise<Meeting> {
    requireRole('tenant-admin', 'secretary');
    const today = chinaToday(this.now());
    const heldOn = request.heldOn ?? '';
    const minutes = request.minutes ?? '';
    const reason = (request.reason ?? '').trim();
    new Validator()
      .check(isUuid(request.id), 'id', 'not_an_id')
      .check(oneOf(MEETING_ACTIONS, request.action), 'action', 'not_one_of', {
        allowed: MEETING_ACTIONS.join(', '),
      })
      .check(
        request.action !== 'hold' || (isCalendarDate(heldOn) && heldOn <= today),
        'heldOn',
        'not_a_past_date',
      )
      .check(request.action !== 'cancel' || reason.length > 0, 'reason', 'required')
      .check(minutes.length <= 50_000, 'minutes', 'too_long', { max: 50000 })
      .check(reason.length <= 500, 'reason', 'too_long', { max: 500 })
      .throwIfInvalid();
    return this.db.database.inRequestTenant(async (tx) => {
      const meeting = await this.organisedMeeting(tx, request.id, true);
      const move = moveMeeting(meeting.state as MeetingState, request.action as MeetingAction);
      if (!move.ok) throw new RuleViolatedError(move.rule, move.message, [], move.params);
      const now = this.now();
      await tx.meeting.update({
        where: { id: meeting.id },
        data: {
          state: move.next,
          updatedAt: now,
          ...(request.action === 'notify' ? { notifiedAt: now } : {}),
          ...(request.action === 'hold'
            ? { heldOn: dateColumn(heldOn), ...(minutes ? { minutes } : {}) }
            : {}),
          ...(request.action === 'cancel' ? { cancelReason: reason } : {}),
        },
      });
      if (request.action === 'hold') await this.countQuorum(tx, meeting.id);
      const after = await this.read(tx, meeting.id);
      const event = create(MeetingEventSchema, {
        meetingId: after.id,
        organisationId: after.organisationId,
        kind: after.kind,
        title: after.title,
        scheduledAt: after.scheduledAt,
        state: after.state,
        place: after.place,
        organisationName: after.organisationName,
        participantUserIds:
          request.action === 'hold'
            ? []
            : await this.participantLogins(tx, meeting.organisationId, after.kind),
      });
      const name =
        request.action === 'notify' ? 'notified' : request.action === 'hold' ? 'held' : 'cancelled';
      await writeOutboxEvent(tx, {
        subject: eventSubject('organisation', 'meeting', name),
        schema: MeetingEventSchema,
        message: event,
        tenantId: meeting.tenantId,
      });
      return after;
    });
  }

  /**
   * Who is told of a meeting: the logins of the participants in the organisation's subtree, or of
   * its office holders now for a committee meeting (as the member space shows them).
   */
  private async participantLogins(
    tx: OrganisationTx,
    organisationId: string,
    kind: string,
  ): Promise<string[]> {
    const rows = (await tx.$queryRawUnsafe(
      kind === 'branch_committee_meeting'
        ? `select distinct m.user_id::text as user_id from positions p join members m on m.id = p.holder_member_id
           where p.organisation_id = $1::uuid and p.ended_on is null and m.user_id is not null
             and p.term_start <= (now() at time zone 'Asia/Shanghai')::date
             and p.term_end >= (now() at time zone 'Asia/Shanghai')::date`
        : `select distinct m.user_id::text as user_id from members m join organisations o on o.id = m.organisation_id
           where o.path like (select path from organisations where id = $1::uuid) || '%'
             and m.user_id is not null and ${PARTICIPANT_SQL}`,
      organisationId,
    )) as { user_id: string }[];
    return rows.map((row) => row.user_id);
  }

  async get(id: string): Promise<Meeting> {
    requireRole('tenant-admin', 'secretary');
    return this.db.database.inRequestTenant(async (tx) => {
      await this.organisedMeeting(tx, id);
      return this.read(tx, id);
    });
  }

  async list(request: ListMeetingsRequest): Promise<{ meetings: Meeting[]; total: number }> {
    // The filter was validated at the edge (the gateway's resource binding).
    requireRole('tenant-admin', 'secretary');
    return this.db.database.inRequestTenant(async (tx) => {
      const paths = await this.access.visiblePaths(tx, request.withinId);
      // Dates are China dates: a meeting at 2026-12-01T07:00+08:00 is on 1 December.
      const chinaMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);
      const where = {
        ...(paths ? { organisation: { OR: paths.map((path) => ({ path: { startsWith: path } })) } } : {}),
        ...(request.kind ? { kind: request.kind } : {}),
        ...(request.state ? { state: request.state } : {}),
        ...(request.from || request.to
          ? {
              scheduledAt: {
                ...(request.from ? { gte: chinaMidnight(request.from) } : {}),
                ...(request.to ? { lt: chinaMidnight(request.to) } : {}),
              },
            }
          : {}),
      };
      const order = request.page?.sortOrder === SortOrder.DESC ? 'desc' : 'asc';
      const [rows, total] = await Promise.all([
        tx.meeting.findMany({
          where,
          orderBy: [{ scheduledAt: order }, { id: 'asc' }],
          include: { organisation: { select: { name: true } }, lecturer: { select: { name: true } } },
          ...pageWindow(request.page),
        }),
        tx.meeting.count({ where }),
      ]);
      const present = await this.presentCounts(
        tx,
        rows.map((row) => row.id),
      );
      return { meetings: rows.map((row) => meetingMessage(row, present.get(row.id))), total };
    });
  }

  async addAttachment(request: AddMeetingAttachmentRequest): Promise<MeetingAttachment> {
    const principal = requireRole('tenant-admin', 'secretary');
    new Validator()
      .check(
        request.fileName.trim().length >= 1 && request.fileName.length <= 200,
        'fileName',
        'length_between',
        { min: 1, max: 200 },
      )
      .check(/^[\w.+-]+\/[\w.+-]+$/.test(request.contentType), 'contentType', 'not_a_media_type')
      .check(
        request.content.length >= 1 && request.content.length <= MAX_MEETING_ATTACHMENT_BYTES,
        'content',
        'file_size',
        { max: `${MAX_MEETING_ATTACHMENT_BYTES / 1024} KB` },
      )
      .throwIfInvalid();
    return this.db.database.inRequestTenant(async (tx) => {
      const meeting = await this.organisedMeeting(tx, request.meetingId);
      if (meeting.state === 'cancelled')
        throw new RuleViolatedError('meeting-cancelled', 'a cancelled meeting takes no attachments');
      const row = await tx.meetingAttachment.create({
        data: {
          id: randomUUID(),
          tenantId: meeting.tenantId,
          meetingId: meeting.id,
          fileName: request.fileName.trim(),
          contentType: request.contentType,
          sizeBytes: request.content.length,
          content: Buffer.from(request.content),
          uploadedBy: principal.userId,
        },
      });
      return attachmentMessage(row);
    });
  }

  async getAttachment(
    meetingId: string,
    id: string,
  ): Promise<{ attachment: MeetingAttachment; content: Uint8Array }> {
    requireRole('tenant-admin', 'secretary');
    return this.db.database.inRequestTenant(async (tx) => {
      await this.organisedMeeting(tx, meetingId);
      const row = isUuid(id) ? await tx.meetingAttachment.findFirst({ where: { id, meetingId } }) : null;
      if (!row) throw new NotFoundError('meeting attachment', id);
      return { attachment: attachmentMessage(row), content: new Uint8Array(row.content) };
    });
  }

  /** A fresh QR token for a scheduled meeting (the organiser's screen refreshes it). */
  async issueSignInToken(meetingId: string): Promise<{ token: string; expiresAt: string }> {
    requireRole('tenant-admin', 'secretary');
    return this.db.database.inRequestTenant(async (tx) => {
      const meeting = await this.organisedMeeting(tx, meetingId);
      if (meeting.state !== 'scheduled')
        throw new RuleViolatedError('meeting-sign-in-closed', `a ${meeting.state} meeting takes no sign-ins`);
      const { token, expiresAt } = this.tokens.issue(meeting.id, this.now());
      return { token, expiresAt: expiresAt.toISOString() };
    });
  }

  /**
   * A member signs themselves in: with the QR token shown at the meeting, or online when the
   * meeting allows it and the member is a mobile member (流动党员), within the meeting's time.
   */
  async signIn(request: SignInRequest): Promise<MeetingAttendance> {
    const principal = requirePrincipal();
    const online = request.online ?? false;
    const token = request.token ?? '';
    new Validator()
      .check(isUuid(request.meetingId), 'meetingId', 'not_an_id')
      .check(online || token.length > 0, 'token', 'sign_in_token_required')
      .throwIfInvalid();
    const now = this.now();
    return this.db.database.inRequestTenant(async (tx) => {
      const meeting = await tx.meeting.findUnique({
        where: { id: request.meetingId },
        include: { organisation: { select: { path: true } } },
      });
      if (!meeting) throw new NotFoundError('meeting', request.meetingId);
      const members = (await tx.$queryRawUnsafe(
        `select m.id::text, m.name, m.mobile from members m join organisations o on o.id = m.organisation_id
         where m.user_id = $1::uuid and o.path like $2 and ${PARTICIPANT_SQL} limit 1`,
        principal.userId,
        `${meeting.organisation.path}%`,
      )) as { id: string; name: string; mobile: boolean }[];
      const member = members[0];
      // Someone who is not a participant of this organisation learns nothing about the meeting.
      if (!member) throw new NotFoundError('meeting', request.meetingId);
      if (meeting.state !== 'scheduled')
        throw new RuleViolatedError('meeting-sign-in-closed', `a ${meeting.state} meeting takes no sign-ins`);
      if (online) {
        if (!meeting.onlineAllowed)
          throw new RuleViolatedError('meeting-online-not-allowed', 'this meeting is attended in person', [
            fieldProblem('online', 'meeting_closed_to_online'),
          ]);
        if (!member.mobile)
          throw new RuleViolatedError(
            'meeting-online-mobile-only',
            'online attendance is for mobile members (流动党员)',
            [fieldProblem('online', 'not_mobile_member')],
          );
        if (!withinOnlineWindow(meeting.scheduledAt, now))
          throw new RuleViolatedError(
            'meeting-online-window',
            `online sign-in is open from ${ONLINE_OPENS_MINUTES_BEFORE} minutes before the start to ${ONLINE_CLOSES_HOURS_AFTER} hours after`,
            [fieldProblem('online', 'outside_meeting_time')],
            { before: ONLINE_OPENS_MINUTES_BEFORE },
          );
      } else {
        const verdict = this.tokens.verify(meeting.id, token, now);
        if (verdict !== 'valid') {
          const rule = verdict === 'expired' ? 'sign-in-token-expired' : 'sign-in-token-invalid';
          throw new RuleViolatedError(rule, undefined, [ruleProblem('token', rule)]);
        }
      }
      await this.upsertAttendance(
        tx,
        meeting,
        member.id,
        'present',
        online ? 'online' : 'in_person',
        principal.userId,
        now,
      );
      return this.attendanceOf(tx, meeting.id, member.id);
    });
  }

  /** The organiser records attendance by hand: excused (请假), absent, or present on a paper sheet. */
  async recordAttendance(request: RecordAttendanceRequest): Promise<MeetingAttendance> {
    const principal = requireRole('tenant-admin', 'secretary');
    new Validator()
      .check(isUuid(request.meetingId), 'meetingId', 'not_an_id')
      .check(isUuid(request.memberId), 'memberId', 'not_an_id')
      .check(oneOf(ATTENDANCE_STATUSES, request.status), 'status', 'not_one_of', {
        allowed: ATTENDANCE_STATUSES.join(', '),
      })
      .throwIfInvalid();
    return this.db.database.inRequestTenant(async (tx) => {
      const meeting = await this.organisedMeeting(tx, request.meetingId, true);
      if (meeting.state === 'cancelled')
        throw new RuleViolatedError('meeting-cancelled', 'a cancelled meeting has no attendance');
      await this.requireParticipant(tx, meeting.organisation.path, request.memberId, 'memberId');
      await this.upsertAttendance(
        tx,
        meeting,
        request.memberId,
        request.status,
        'recorded',
        principal.userId,
        this.now(),
      );
      return this.attendanceOf(tx, meeting.id, request.memberId);
    });
  }

  async listAttendance(
    request: ListAttendanceRequest,
  ): Promise<{ attendance: MeetingAttendance[]; total: number }> {
    requireRole('tenant-admin', 'secretary');
    const meetingId = request.meetingId;
    if (meetingId === undefined) throw ValidationError.of('filter.meetingId', 'required');
    return this.db.database.inRequestTenant(async (tx) => {
      await this.organisedMeeting(tx, meetingId);
      const where = { meetingId };
      const [rows, total] = await Promise.all([
        tx.meetingAttendance.findMany({
          where,
          include: { member: { select: { name: true } } },
          orderBy: [{ member: { name: 'asc' } }, { memberId: 'asc' }],
          ...pageWindow(request.page),
        }),
        tx.meetingAttendance.count({ where }),
      ]);
      return {
        attendance: rows.map((row) =>
          create(MeetingAttendanceSchema, {
            meetingId: row.meetingId,
            memberId: row.memberId,
            memberName: row.member.name,
            status: row.status,
            mode: row.mode,
            signedInAt: row.signedInAt?.toISOString(),
            recordedBy: row.recordedBy,
            updatedAt: row.updatedAt.toISOString(),
          }),
        ),
        total,
      };
    });
  }

  /**
   * Grades of a held member appraisal (民主评议党员). Full members of the organisation get a grade;
   * probationary members take part without one; 优秀 stays within a third of all graded.
   */
  async recordGrades(request: RecordAppraisalGradesRequest): Promise<AppraisalGrade[]> {
    const principal = requireRole('tenant-admin', 'secretary');
    const memberIds = request.grades.map((entry) => entry.memberId);
    new Validator()
      .check(isUuid(request.meetingId), 'meetingId', 'not_an_id')
      .check(request.grades.length >= 1 && request.grades.length <= 1000, 'grades', 'length_between', {
        min: 1,
        max: 1000,
      })
      .check(memberIds.every(isUuid) && new Set(memberIds).size === memberIds.length, 'grades', 'not_ids')
      .check(
        request.grades.every((entry) => oneOf(APPRAISAL_GRADES, entry.grade)),
        'grades',
        'not_one_of',
        { allowed: APPRAISAL_GRADES.join(', ') },
      )
      .throwIfInvalid();
    return this.db.database.inRequestTenant(async (tx) => {
      const meeting = await this.organisedMeeting(tx, request.meetingId, true);
      if (meeting.kind !== 'member_appraisal')
        throw new RuleViolatedError('appraisal-meeting-kind', 'grades belong to a member appraisal meeting', [
          fieldProblem('meetingId', 'meeting_kind_is', { kind: meeting.kind }),
        ]);
      if (meeting.state !== 'held')
        throw new RuleViolatedError(
          'appraisal-not-held',
          'grades are recorded once the appraisal has been held',
        );
      const members = (await tx.$queryRawUnsafe(
        `select m.id::text, m.development_stage as stage from members m join organisations o on o.id = m.organisation_id
         where m.id = any($1::uuid[]) and o.path like $2 and ${PARTICIPANT_SQL}`,
        memberIds,
        `${meeting.organisation.path}%`,
      )) as { id: string; stage: string }[];
      const stageOf = new Map(members.map((m) => [m.id, m.stage]));
      const outside = memberIds.find((id) => !stageOf.has(id));
      if (outside)
        throw new RuleViolatedError(
          'appraisal-not-participant',
          'grades are for members of the appraising organisation',
          [fieldProblem('grades', 'not_a_member_here')],
        );
      const probationary = memberIds.find((id) => stageOf.get(id) === 'probationary');
      if (probationary)
        throw new RuleViolatedError(
          'appraisal-probationary-no-grade',
          'probationary members take part in the appraisal but get no grade',
          [ruleProblem('grades', 'appraisal-probationary-no-grade')],
        );
      // The cap applies to the appraisal as a whole: the grades already recorded, changed by these.
      const existing = await tx.appraisalGrade.findMany({
        where: { meetingId: meeting.id },
        select: { memberId: true, grade: true },
      });
      const all = new Map(existing.map((row) => [row.memberId, row.grade as AppraisalGradeName]));
      for (const entry of request.grades) all.set(entry.memberId, entry.grade as AppraisalGradeName);
      const refusal = appraisalCapRule([...all.values()]);
      if (refusal)
        throw new RuleViolatedError(
          refusal.rule,
          refusal.message,
          [ruleProblem('grades', refusal.rule, refusal.params, refusal.message)],
          refusal.params,
        );
      for (const entry of request.grades) {
        await tx.appraisalGrade.upsert({
          where: {
            tenantId_meetingId_memberId: {
              tenantId: meeting.tenantId,
              meetingId: meeting.id,
              memberId: entry.memberId,
            },
          },
          create: {
            tenantId: meeting.tenantId,
            meetingId: meeting.id,
            memberId: entry.memberId,
            grade: entry.grade,
            recordedBy: principal.userId,
          },
          update: { grade: entry.grade, recordedBy: principal.userId, updatedAt: new Date() },
        });
      }
      return this.gradesOf(tx, meeting.id);
    });
  }

  async listGrades(meetingId: string): Promise<AppraisalGrade[]> {
    requireRole('tenant-admin', 'secretary');
    return this.db.database.inRequestTenant(async (tx) => {
      await this.organisedMeeting(tx, meetingId);
      return this.gradesOf(tx, meetingId);
    });
  }

  // ------------------------------------------------------------------------------------------

  /** A meeting the caller organises: 404 unknown, 403 outside the caller's subtree; locked when `forUpdate`. */
  private async organisedMeeting(tx: OrganisationTx, id: string, forUpdate = false) {
    if (!isUuid(id)) throw new NotFoundError('meeting', id);
    if (forUpdate) await tx.$queryRawUnsafe('select 1 from meetings where id = $1::uuid for update', id);
    const meeting = await tx.meeting.findUnique({
      where: { id },
      include: { organisation: { select: { path: true, name: true } } },
    });
    if (!meeting) throw new NotFoundError('meeting', id);
    await this.access.requireWithin(tx, meeting.organisation.path);
    return meeting;
  }

  private async read(tx: OrganisationTx, id: string): Promise<Meeting> {
    const row = await tx.meeting.findUniqueOrThrow({
      where: { id },
      include: {
        organisation: { select: { name: true } },
        lecturer: { select: { name: true } },
        attachments: {
          select: {
            id: true,
            tenantId: true,
            meetingId: true,
            fileName: true,
            contentType: true,
            sizeBytes: true,
            uploadedBy: true,
            createdAt: true,
          },
          orderBy: { createdAt: 'asc' },
        },
      },
    });
    const present = await this.presentCounts(tx, [id]);
    return meetingMessage(row as MeetingWithExtras, present.get(id));
  }

  /** Per meeting: how many were present, and whether attendance was taken at all (issue 14). */
  private async presentCounts(
    tx: OrganisationTx,
    ids: string[],
  ): Promise<Map<string, { present: number; recorded: number }>> {
    if (ids.length === 0) return new Map();
    const rows = await tx.meetingAttendance.groupBy({
      by: ['meetingId', 'status'],
      where: { meetingId: { in: ids } },
      _count: { _all: true },
    });
    const counts = new Map<string, { present: number; recorded: number }>();
    for (const row of rows) {
      const count = counts.get(row.meetingId) ?? { present: 0, recorded: 0 };
      count.recorded += row._count._all;
      if (row.status === 'present') count.present += row._count._all;
      counts.set(row.meetingId, count);
    }
    return counts;
  }

  private async requireParticipant(
    tx: OrganisationTx,
    path: string,
    memberId: string,
    field: string,
  ): Promise<void> {
    const rows = (await tx.$queryRawUnsafe(
      `select 1 from members m join organisations o on o.id = m.organisation_id where m.id = $1::uuid and o.path like $2 and ${PARTICIPANT_SQL}`,
      memberId,
      `${path}%`,
    )) as unknown[];
    if (rows.length === 0)
      throw new RuleViolatedError(
        'meeting-not-participant',
        'attendance is for the probationary and full members of the meeting’s organisation',
        [fieldProblem(field, 'not_a_member_here')],
      );
  }

  private async upsertAttendance(
    tx: OrganisationTx,
    meeting: MeetingRow,
    memberId: string,
    status: string,
    mode: string,
    recordedBy: string,
    now: Date,
  ): Promise<void> {
    await tx.meetingAttendance.upsert({
      where: { tenantId_meetingId_memberId: { tenantId: meeting.tenantId, meetingId: meeting.id, memberId } },
      create: {
        tenantId: meeting.tenantId,
        meetingId: meeting.id,
        memberId,
        status,
        mode,
        signedInAt: mode === 'recorded' ? null : now,
        recordedBy,
      },
      // A hand correction keeps the time the member signed in.
      update: {
        status,
        mode,
        recordedBy,
        updatedAt: now,
        ...(mode === 'recorded' ? {} : { signedInAt: now }),
      },
    });
    if (meeting.state === 'held') await this.countQuorum(tx, meeting.id);
    // Learning points (where a tenant has them on) count a meeting attended: told with the login.
    const { userId } = await tx.member.findUniqueOrThrow({
      where: { id: memberId },
      select: { userId: true },
    });
    if (userId)
      await writeOutboxEvent(tx, {
        subject: eventSubject('organisation', 'meeting', 'attendance_recorded'),
        schema: MeetingAttendanceRecordedSchema,
        message: create(MeetingAttendanceRecordedSchema, {
          meetingId: meeting.id,
          userId,
          present: status === 'present',
          heldOn: chinaToday(meeting.scheduledAt),
          kind: meeting.kind,
        }),
        tenantId: meeting.tenantId,
      });
  }

  private async attendanceOf(
    tx: OrganisationTx,
    meetingId: string,
    memberId: string,
  ): Promise<MeetingAttendance> {
    const row = await tx.meetingAttendance.findFirstOrThrow({
      where: { meetingId, memberId },
      include: { member: { select: { name: true } } },
    });
    return create(MeetingAttendanceSchema, {
      meetingId,
      memberId,
      memberName: row.member.name,
      status: row.status,
      mode: row.mode,
      signedInAt: row.signedInAt?.toISOString(),
      recordedBy: row.recordedBy,
      updatedAt: row.updatedAt.toISOString(),
    });
  }

  /**
   * Quorum of a held meeting (rules.md §4): a general meeting counts the full members (the voters)
   * of the organisation's subtree; a committee meeting counts the committee's current office
   * holders, matched to attendance by their member record or, failing that, their login (positions
   * recorded with neither count as absent). Recounted whenever attendance changes.
   */
  private async countQuorum(tx: OrganisationTx, meetingId: string): Promise<void> {
    const meeting = await tx.meeting.findUniqueOrThrow({
      where: { id: meetingId },
      include: { organisation: { select: { path: true } } },
    });
    if (!QUORUM_KINDS.includes(meeting.kind as MeetingKind)) return;
    const heldOn = dateOnly(meeting.heldOn!);
    const [count] = (
      meeting.kind === 'branch_general_meeting'
        ? await tx.$queryRawUnsafe(
            `select count(*)::int as voters, count(a.member_id)::int as present
             from members m join organisations o on o.id = m.organisation_id
             left join meeting_attendance a on a.member_id = m.id and a.meeting_id = $2::uuid and a.status = 'present'
             where o.path like $1 and m.development_stage = 'full' and m.status in ('active', 'in_transfer')`,
            `${meeting.organisation.path}%`,
            meeting.id,
          )
        : await tx.$queryRawUnsafe(
            `select count(distinct ${HOLDER})::int as voters,
                    count(distinct ${HOLDER}) filter (where exists (
                      select 1 from meeting_attendance a join members m on m.id = a.member_id
                      where a.meeting_id = $2::uuid and a.status = 'present'
                        and (a.member_id = p.holder_member_id or m.user_id = p.holder_user_id)))::int as present
             from positions p
             where p.organisation_id = $1::uuid and p.ended_on is null and p.term_start <= $3::date and p.term_end >= $3::date`,
            meeting.organisationId,
            meeting.id,
            heldOn,
          )
    ) as { voters: number; present: number }[];
    await tx.meeting.update({
      where: { id: meeting.id },
      data: {
        quorumVoters: count!.voters,
        quorumPresent: count!.present,
        quorumMet: quorumMet(count!.voters, count!.present),
      },
    });
  }

  private async gradesOf(tx: OrganisationTx, meetingId: string): Promise<AppraisalGrade[]> {
    const rows = await tx.appraisalGrade.findMany({
      where: { meetingId },
      include: { member: { select: { name: true } } },
      orderBy: [{ member: { name: 'asc' } }, { memberId: 'asc' }],
    });
    return rows.map((row) =>
      create(AppraisalGradeSchema, { memberId: row.memberId, memberName: row.member.name, grade: row.grade }),
    );
  }
}
