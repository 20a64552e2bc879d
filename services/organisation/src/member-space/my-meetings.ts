import { create } from '@bufbuild/protobuf';
import { MyMeetingSchema, type MyMeeting } from '@dangjian/contracts';
import { dateOnly, isUuid, NotFoundError, pageWindow, RuleViolatedError, Validator } from '@dangjian/kit';
import type { PageRequest } from '@dangjian/contracts';
import { randomUUID } from 'node:crypto';
import type { OrganisationTx } from '../db/organisation-database.js';
import { ONLINE_CLOSES_HOURS_AFTER, withinOnlineWindow } from '../meetings/meeting-rules.js';
import type { MyMemberRow } from './my-member.js';

/**
 * Which meetings a member sees: those of their own organisation and of every organisation above it
 * (a general branch's general meeting, a committee's party lecture), but a committee meeting only
 * when they hold office in that organisation now. Probationary and full members take part in
 * organisational life; applicants, activists and candidates see none.
 */
const VISIBLE = `m.organisation_id = any($2::uuid[])
  and (m.kind <> 'branch_committee_meeting' or exists (
    select 1 from positions p where p.organisation_id = m.organisation_id and p.holder_member_id = $1::uuid
      and p.ended_on is null and p.term_start <= (now() at time zone 'Asia/Shanghai')::date
      and p.term_end >= (now() at time zone 'Asia/Shanghai')::date))`;

const PARTICIPANT_STAGES = ['probationary', 'full'];

type Row = {
  id: string;
  organisation_id: string;
  organisation_name: string;
  kind: string;
  title: string;
  scheduled_at: Date;
  place: string;
  agenda: string;
  online_allowed: boolean;
  state: string;
  held_on: Date | null;
  minutes: string;
  cancel_reason: string;
  attendance_status: string | null;
  leave_state: string | null;
};

const SELECT = `select m.id::text, m.organisation_id::text, o.name as organisation_name, m.kind, m.title,
    m.scheduled_at, m.place, m.agenda, m.online_allowed, m.state, m.held_on, m.minutes, m.cancel_reason,
    a.status as attendance_status, l.state as leave_state
  from meetings m join organisations o on o.id = m.organisation_id
  left join meeting_attendance a on a.meeting_id = m.id and a.member_id = $1::uuid
  left join meeting_leave_requests l on l.meeting_id = m.id and l.member_id = $1::uuid`;

export class MyMeetings {
  constructor(private readonly now: () => Date) {}

  async list(
    tx: OrganisationTx,
    member: MyMemberRow,
    request: { page?: PageRequest; when?: string },
  ): Promise<{ meetings: MyMeeting[]; total: number }> {
    new Validator()
      .check(
        request.when === undefined || ['upcoming', 'past'].includes(request.when),
        'filter.when',
        'not_one_of',
        {
          allowed: 'upcoming, past',
        },
      )
      .throwIfInvalid();
    if (!PARTICIPANT_STAGES.includes(member.developmentStage)) return { meetings: [], total: 0 };
    // A scheduled meeting stays upcoming until its online sign-in closes.
    const upcoming = `m.state = 'scheduled' and m.scheduled_at > $3::timestamptz - make_interval(hours => ${ONLINE_CLOSES_HOURS_AFTER})`;
    const when =
      request.when === 'upcoming'
        ? `and ${upcoming}`
        : request.when === 'past'
          ? `and not (${upcoming})`
          : '';
    const order = request.when === 'upcoming' ? 'm.scheduled_at asc' : 'm.scheduled_at desc';
    const { skip, take } = pageWindow(request.page);
    const args: unknown[] = [member.id, this.organisationIds(member)];
    if (when) args.push(this.now());
    const [rows, counted] = await Promise.all([
      tx.$queryRawUnsafe(
        `${SELECT} where ${VISIBLE} ${when} order by ${order}, m.id limit ${take} offset ${skip}`,
        ...args,
      ) as Promise<Row[]>,
      tx.$queryRawUnsafe(
        `select count(*)::int as total from meetings m where ${VISIBLE} ${when}`,
        ...args,
      ) as Promise<{ total: number }[]>,
    ]);
    return { meetings: rows.map((row) => this.toMessage(row, member)), total: counted[0]?.total ?? 0 };
  }

  /** One meeting the member may see; any other id is "not found", whoever's it is. */
  async get(tx: OrganisationTx, member: MyMemberRow, id: string): Promise<MyMeeting> {
    return this.toMessage(await this.visibleRow(tx, member, id), member);
  }

  /** 请假: asked for while the meeting is scheduled and before the member signed in; asked once. */
  async requestLeave(
    tx: OrganisationTx,
    member: MyMemberRow,
    meetingId: string,
    reason: string,
  ): Promise<MyMeeting> {
    new Validator()
      .check(isUuid(meetingId), 'meetingId', 'not_an_id')
      .check(reason.trim().length >= 2 && reason.length <= 500, 'reason', 'length_between', {
        min: 2,
        max: 500,
      })
      .throwIfInvalid();
    const row = await this.visibleRow(tx, member, meetingId);
    if (row.state !== 'scheduled') throw new RuleViolatedError('leave-request-closed');
    if (row.attendance_status === 'present') throw new RuleViolatedError('leave-after-sign-in');
    if (row.leave_state && row.leave_state !== 'requested')
      throw new RuleViolatedError('leave-request-decided');
    await tx.meetingLeaveRequest.upsert({
      where: { meetingId_memberId: { meetingId, memberId: member.id } },
      create: {
        id: randomUUID(),
        tenantId: member.tenantId,
        meetingId,
        memberId: member.id,
        reason: reason.trim(),
      },
      // Asked again before the decision: the newer reason stands.
      update: { reason: reason.trim(), requestedAt: this.now() },
    });
    return this.get(tx, member, meetingId);
  }

  private async visibleRow(tx: OrganisationTx, member: MyMemberRow, id: string): Promise<Row> {
    if (!isUuid(id) || !PARTICIPANT_STAGES.includes(member.developmentStage))
      throw new NotFoundError('meeting', id);
    const [row] = (await tx.$queryRawUnsafe(
      `${SELECT} where ${VISIBLE} and m.id = $3::uuid`,
      member.id,
      this.organisationIds(member),
      id,
    )) as Row[];
    if (!row) throw new NotFoundError('meeting', id);
    return row;
  }

  private organisationIds(member: MyMemberRow): string[] {
    return member.organisation.path.split('/').filter(Boolean);
  }

  private toMessage(row: Row, member: MyMemberRow): MyMeeting {
    return create(MyMeetingSchema, {
      id: row.id,
      organisationId: row.organisation_id,
      organisationName: row.organisation_name,
      kind: row.kind,
      title: row.title,
      scheduledAt: row.scheduled_at.toISOString(),
      place: row.place,
      agenda: row.agenda,
      onlineAllowed: row.online_allowed,
      state: row.state,
      ...(row.held_on ? { heldOn: dateOnly(row.held_on) } : {}),
      minutes: row.state === 'held' ? row.minutes : '',
      cancelReason: row.cancel_reason,
      ...(row.attendance_status ? { attendanceStatus: row.attendance_status } : {}),
      ...(row.leave_state ? { leaveState: row.leave_state } : {}),
      canSignInOnline:
        row.state === 'scheduled' &&
        row.online_allowed &&
        member.mobile &&
        row.attendance_status !== 'present' &&
        withinOnlineWindow(row.scheduled_at, this.now()),
    });
  }
}
