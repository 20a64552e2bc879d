import {
  AppraisalGradeSchema,
  COMPLIANCE_STATUSES,
  MAX_MEETING_ATTACHMENT_BYTES,
  MEETING_KINDS,
  MEETING_STATES,
  MeetingAttendanceSchema,
  MeetingComplianceGroupSchema,
  MeetingComplianceRowSchema,
  MeetingSchema,
  MeetingService,
  type AppraisalGrade,
  type Meeting,
  type MeetingAttendance,
  type MeetingComplianceGroup,
  type MeetingComplianceRow,
} from '@dangjian/contracts';
import { ValidationError } from '@dangjian/kit';
import { toJson } from '../../http/json-view.js';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { ORGANISATION_STAFF } from '../access.js';
import {
  ActOnMeetingDto,
  AddMeetingAttachmentDto,
  CreateMeetingDto,
  RecordAppraisalGradesDto,
  RecordAttendanceDto,
  SignInDto,
  UpdateMeetingDto,
} from './meetings.dto.js';

/** A meeting as the API shows it: the quorum (党员大会, counted when held) as one object. */
const meetingView = (meeting: Meeting) => {
  const { quorumVoters, quorumPresent, quorumMet, ...rest } = toJson(MeetingSchema, meeting);
  return {
    ...rest,
    quorum:
      quorumVoters === null
        ? null
        : { voters: quorumVoters, present: quorumPresent ?? 0, met: quorumMet ?? false },
  };
};

/** One row per meeting and member: react-admin's id is both. */
const attendanceView = (attendance: MeetingAttendance) => ({
  id: `${attendance.meetingId}:${attendance.memberId}`,
  ...toJson(MeetingAttendanceSchema, attendance),
});

const gradesView = ({ grades }: { grades: AppraisalGrade[] }) =>
  grades.map((grade) => toJson(AppraisalGradeSchema, grade));

/** 三会一课 and the other regular meetings (rules.md §4): schedule, notify, hold, minutes, attachments, QR sign-in, appraisal grades. */
export const MeetingsResource = bindResource({
  path: 'meetings',
  routes: {
    list: list({
      rpc: MeetingService.method.listMeetings,
      summary: 'Meetings of the caller’s organisations',
      access: ORGANISATION_STAFF,
      sort: ['scheduledAt'],
      filters: {
        withinId: filterOf.uuid,
        kind: filterOf.oneOf(MEETING_KINDS),
        state: filterOf.oneOf(MEETING_STATES),
        from: filterOf.date,
        to: filterOf.date,
      },
      items: 'meetings',
      view: meetingView,
      filterExample: '{"withinId":"…","kind":"branch_general_meeting","from":"2026-12-01","to":"2027-01-01"}',
    }),
    get: call({
      rpc: MeetingService.method.getMeeting,
      method: 'GET',
      path: ':id',
      summary: 'One meeting, with its attachments and quorum',
      access: ORGANISATION_STAFF,
      reply: 'meeting',
      view: meetingView,
    }),
    create: call({
      rpc: MeetingService.method.createMeeting,
      method: 'POST',
      summary: 'Schedule a meeting of a branch, party group or committee',
      access: ORGANISATION_STAFF,
      body: CreateMeetingDto,
      reply: 'meeting',
      view: meetingView,
    }),
    update: call({
      rpc: MeetingService.method.updateMeeting,
      method: 'PUT',
      path: ':id',
      summary: 'Change a scheduled meeting’s details, or a held meeting’s minutes',
      access: ORGANISATION_STAFF,
      body: UpdateMeetingDto,
      reply: 'meeting',
      view: meetingView,
    }),
    act: call({
      rpc: MeetingService.method.actOnMeeting,
      method: 'POST',
      path: ':id/actions',
      status: 200,
      summary: 'Notify (again), hold (with the date and minutes; quorum counted) or cancel (with a reason)',
      access: ORGANISATION_STAFF,
      body: ActOnMeetingDto,
      reply: 'meeting',
      view: meetingView,
    }),
    signInToken: call({
      rpc: MeetingService.method.issueSignInToken,
      method: 'POST',
      path: ':id/sign-in-tokens',
      summary: 'A fresh sign-in token for the QR code on the organiser’s screen (valid two minutes)',
      access: ORGANISATION_STAFF,
      request: ({ params }) => ({ meetingId: params['id'] }),
      reply: ({ token, expiresAt }, { params }) => ({ meetingId: params['id'], token, expiresAt }),
    }),
    addAttachment: call({
      rpc: MeetingService.method.addMeetingAttachment,
      method: 'POST',
      path: ':id/attachments',
      summary: 'Attach a file to a meeting (scanned minutes, photos; at most 700 KB)',
      access: ORGANISATION_STAFF,
      body: AddMeetingAttachmentDto,
      request: ({ params, body }) => {
        const content = Buffer.from(body.contentBase64, 'base64');
        if (content.length === 0 || content.length > MAX_MEETING_ATTACHMENT_BYTES) {
          throw ValidationError.of('contentBase64', 'file_size', {
            max: `${MAX_MEETING_ATTACHMENT_BYTES / 1024} KB`,
          });
        }
        return { meetingId: params['id'], fileName: body.fileName, contentType: body.contentType, content };
      },
      reply: 'attachment',
    }),
    grades: call({
      rpc: MeetingService.method.listAppraisalGrades,
      method: 'GET',
      path: ':id/appraisal-grades',
      summary: 'The appraisal grades (民主评议党员) recorded at a meeting',
      access: ORGANISATION_STAFF,
      request: ({ params }) => ({ meetingId: params['id'] }),
      reply: gradesView,
    }),
    recordGrades: call({
      rpc: MeetingService.method.recordAppraisalGrades,
      method: 'PUT',
      path: ':id/appraisal-grades',
      summary: 'Record appraisal grades for full members (优秀 at most a third of those graded)',
      access: ORGANISATION_STAFF,
      body: RecordAppraisalGradesDto,
      request: ({ params, body }) => ({ meetingId: params['id'], grades: body.grades }),
      reply: gradesView,
    }),
  },
});

/** Attendance of a meeting: the organiser's record, and members signing themselves in. */
export const AttendanceResource = bindResource({
  path: 'attendance',
  tag: 'meetings',
  routes: {
    list: list({
      rpc: MeetingService.method.listAttendance,
      summary: 'A meeting’s attendance',
      access: ORGANISATION_STAFF,
      sort: ['memberName'],
      filters: { meetingId: filterOf.uuid },
      required: ['meetingId'],
      items: 'attendance',
      view: attendanceView,
      filterExample: '{"meetingId":"…"}',
    }),
    record: call({
      rpc: MeetingService.method.recordAttendance,
      method: 'POST',
      summary: 'Record a member’s attendance (present, on leave, absent)',
      access: ORGANISATION_STAFF,
      body: RecordAttendanceDto,
      reply: 'attendance',
      view: attendanceView,
    }),
    signIn: call({
      rpc: MeetingService.method.signIn,
      method: 'POST',
      path: 'sign-in',
      summary: 'Sign in to a meeting: the token from its QR code, or online where the meeting allows',
      access: { tenant: ['tenant-admin', 'secretary', 'member'], module: 'organisation' },
      body: SignInDto,
      reply: 'attendance',
      view: attendanceView,
    }),
  },
});

/** Meeting compliance per branch and party group against the frequencies of rules.md §4, for a year. */
export const MeetingComplianceResource = bindResource({
  path: 'meeting-compliance',
  tag: 'meetings',
  routes: {
    list: list({
      rpc: MeetingService.method.getMeetingCompliance,
      summary: 'Meeting compliance of branches and party groups for a year, period by period',
      access: ORGANISATION_STAFF,
      sort: ['period'],
      filters: { withinId: filterOf.uuid, year: filterOf.int, status: filterOf.oneOf(COMPLIANCE_STATUSES) },
      items: 'rows',
      view: (row: MeetingComplianceRow) => ({
        id: `${row.organisationId}:${row.kind}:${row.period}`,
        ...toJson(MeetingComplianceRowSchema, row),
      }),
      filterExample: '{"withinId":"…","year":2026,"status":"missed"}',
    }),
  },
});

/**
 * The same compliance, one item per organisation and kind with its periods: the console pages
 * through these, so a committee with hundreds of branches sees every one of them.
 */
export const MeetingComplianceGroupsResource = bindResource({
  path: 'meeting-compliance-groups',
  tag: 'meetings',
  routes: {
    list: list({
      rpc: MeetingService.method.getMeetingCompliance,
      summary: 'Meeting compliance for a year, one item per branch or party group and kind of meeting',
      access: ORGANISATION_STAFF,
      sort: ['organisationName'],
      filters: { withinId: filterOf.uuid, year: filterOf.int, status: filterOf.oneOf(COMPLIANCE_STATUSES) },
      request: (filter) => ({ ...filter, status: filter.status as string | undefined, grouped: true }),
      items: 'groups',
      view: (group: MeetingComplianceGroup) => ({
        id: `${group.organisationId}:${group.kind}`,
        ...toJson(MeetingComplianceGroupSchema, group),
      }),
      filterExample: '{"withinId":"…","year":2026,"status":"missed"}',
    }),
  },
});
