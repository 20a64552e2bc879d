import { COMPLIANCE_STATUSES, MAX_MEETING_ATTACHMENT_BYTES, MEETING_KINDS, MEETING_STATES, OrganisationService, type AppraisalGrade, type Meeting, type MeetingAttendance } from '@dangjian/contracts';
import { RpcClient, ValidationError } from '@dangjian/kit';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TenantRoles } from '../../auth/access.decorators.js';
import { contentRange, filterOf, parseListQuery } from '../../http/list-query.js';
import { ActOnMeetingDto, AddMeetingAttachmentDto, CreateMeetingDto, RecordAppraisalGradesDto, RecordAttendanceDto, SignInDto, UpdateMeetingDto } from './meetings.dto.js';

const ORGANISERS = ['tenant-admin', 'secretary'] as const;

const meetingView = (m: Meeting) => ({
  id: m.id,
  organisationId: m.organisationId,
  organisationName: m.organisationName,
  kind: m.kind,
  title: m.title,
  scheduledAt: m.scheduledAt,
  place: m.place,
  onlineAllowed: m.onlineAllowed,
  state: m.state,
  notifiedAt: m.notifiedAt || null,
  heldOn: m.heldOn || null,
  minutes: m.minutes,
  quorum: m.quorumVoters === undefined ? null : { voters: m.quorumVoters, present: m.quorumPresent ?? 0, met: m.quorumMet ?? false },
  cancelReason: m.cancelReason,
  presentCount: m.presentCount,
  attachments: m.attachments.map(({ id, fileName, contentType, sizeBytes, uploadedBy, createdAt }) => ({ id, fileName, contentType, sizeBytes, uploadedBy, createdAt })),
  createdBy: m.createdBy,
  createdAt: m.createdAt,
  updatedAt: m.updatedAt,
});

const attendanceView = (a: MeetingAttendance) => ({
  id: `${a.meetingId}:${a.memberId}`,
  meetingId: a.meetingId,
  memberId: a.memberId,
  memberName: a.memberName,
  status: a.status,
  mode: a.mode,
  signedInAt: a.signedInAt || null,
  recordedBy: a.recordedBy,
  updatedAt: a.updatedAt,
});

const gradeView = (g: AppraisalGrade) => ({ memberId: g.memberId, memberName: g.memberName, grade: g.grade });

/** 三会一课 and the other regular meetings (rules.md §4): schedule, notify, hold, minutes, attachments, QR sign-in, appraisal grades. */
@ApiTags('meetings')
@Controller('api/v1/meetings')
export class MeetingsController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @TenantRoles(ORGANISERS, { module: 'organisation' })
  @ApiQuery({ name: 'filter', required: false, example: '{"withinId":"…","kind":"branch_general_meeting","from":"2026-12-01","to":"2027-01-01"}' })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const { page, filter, offset } = parseListQuery(
      query,
      ['scheduledAt'],
      { withinId: filterOf.uuid, kind: filterOf.oneOf(MEETING_KINDS), state: filterOf.oneOf(MEETING_STATES), from: filterOf.date, to: filterOf.date },
      { sortField: 'scheduledAt' },
    );
    const result = await this.rpc.call(OrganisationService.method.listMeetings, {
      page, withinId: filter.withinId ?? '', kind: filter.kind ?? '', state: filter.state ?? '', from: filter.from ?? '', to: filter.to ?? '',
    });
    reply.header('Content-Range', contentRange('meetings', offset, result.meetings.length, result.total));
    return result.meetings.map(meetingView);
  }

  @Get(':id')
  @TenantRoles(ORGANISERS, { module: 'organisation' })
  async get(@Param('id') id: string) {
    return meetingView((await this.rpc.call(OrganisationService.method.getMeeting, { id })).meeting!);
  }

  @Post()
  @HttpCode(201)
  @TenantRoles(ORGANISERS, { module: 'organisation' })
  async create(@Body() body: CreateMeetingDto) {
    const { meeting } = await this.rpc.call(OrganisationService.method.createMeeting, {
      organisationId: body.organisationId, kind: body.kind, title: body.title, scheduledAt: body.scheduledAt, place: body.place ?? '', onlineAllowed: body.onlineAllowed ?? false,
    });
    return meetingView(meeting!);
  }

  @Put(':id')
  @TenantRoles(ORGANISERS, { module: 'organisation' })
  async update(@Param('id') id: string, @Body() body: UpdateMeetingDto) {
    const { meeting } = await this.rpc.call(OrganisationService.method.updateMeeting, {
      id,
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.scheduledAt !== undefined ? { scheduledAt: body.scheduledAt } : {}),
      ...(body.place !== undefined ? { place: body.place } : {}),
      ...(body.onlineAllowed !== undefined ? { onlineAllowed: body.onlineAllowed } : {}),
      ...(body.minutes !== undefined ? { minutes: body.minutes } : {}),
    });
    return meetingView(meeting!);
  }

  /** notify (again), hold (with the date and minutes; quorum counted), cancel (with a reason). */
  @Post(':id/actions')
  @HttpCode(200)
  @TenantRoles(ORGANISERS, { module: 'organisation' })
  async act(@Param('id') id: string, @Body() body: ActOnMeetingDto) {
    const { meeting } = await this.rpc.call(OrganisationService.method.actOnMeeting, { id, action: body.action, heldOn: body.heldOn ?? '', minutes: body.minutes ?? '', reason: body.reason ?? '' });
    return meetingView(meeting!);
  }

  /** A fresh sign-in token for the QR code on the organiser's screen (valid two minutes). */
  @Post(':id/sign-in-tokens')
  @HttpCode(201)
  @TenantRoles(ORGANISERS, { module: 'organisation' })
  async signInToken(@Param('id') id: string) {
    const { token, expiresAt } = await this.rpc.call(OrganisationService.method.issueSignInToken, { meetingId: id });
    return { meetingId: id, token, expiresAt };
  }

  @Post(':id/attachments')
  @HttpCode(201)
  @TenantRoles(ORGANISERS, { module: 'organisation' })
  async addAttachment(@Param('id') id: string, @Body() body: AddMeetingAttachmentDto) {
    const content = Buffer.from(body.contentBase64, 'base64');
    if (content.length === 0 || content.length > MAX_MEETING_ATTACHMENT_BYTES) {
      throw new ValidationError([{ field: 'contentBase64', description: `must be 1 byte to ${MAX_MEETING_ATTACHMENT_BYTES / 1024} KB` }]);
    }
    const { attachment } = await this.rpc.call(OrganisationService.method.addMeetingAttachment, { meetingId: id, fileName: body.fileName, contentType: body.contentType, content });
    const { fileName, contentType, sizeBytes, uploadedBy, createdAt } = attachment!;
    return { id: attachment!.id, meetingId: id, fileName, contentType, sizeBytes, uploadedBy, createdAt };
  }

  @Get(':id/attachments/:attachmentId')
  @TenantRoles(ORGANISERS, { module: 'organisation' })
  async attachment(@Param('id') id: string, @Param('attachmentId') attachmentId: string, @Res() reply: FastifyReply) {
    const { attachment, content } = await this.rpc.call(OrganisationService.method.getMeetingAttachment, { meetingId: id, id: attachmentId });
    void reply
      .header('Content-Type', attachment!.contentType)
      .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(attachment!.fileName)}`)
      .send(Buffer.from(content));
  }

  @Get(':id/appraisal-grades')
  @TenantRoles(ORGANISERS, { module: 'organisation' })
  async grades(@Param('id') id: string) {
    return (await this.rpc.call(OrganisationService.method.listAppraisalGrades, { meetingId: id })).grades.map(gradeView);
  }

  /** 民主评议党员 grades for full members; 优秀 at most a third of those graded. */
  @Put(':id/appraisal-grades')
  @TenantRoles(ORGANISERS, { module: 'organisation' })
  async recordGrades(@Param('id') id: string, @Body() body: RecordAppraisalGradesDto) {
    return (await this.rpc.call(OrganisationService.method.recordAppraisalGrades, { meetingId: id, grades: body.grades })).grades.map(gradeView);
  }
}

/** Attendance of a meeting: the organiser's record, and members signing themselves in. */
@ApiTags('meetings')
@Controller('api/v1/attendance')
export class AttendanceController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @TenantRoles(ORGANISERS, { module: 'organisation' })
  @ApiQuery({ name: 'filter', required: true, example: '{"meetingId":"…"}' })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const { page, filter, offset } = parseListQuery(query, ['memberName'], { meetingId: filterOf.uuid }, { sortField: 'memberName' });
    const result = await this.rpc.call(OrganisationService.method.listAttendance, { page, meetingId: filter.meetingId ?? '' });
    reply.header('Content-Range', contentRange('attendance', offset, result.attendance.length, result.total));
    return result.attendance.map(attendanceView);
  }

  @Post()
  @HttpCode(201)
  @TenantRoles(ORGANISERS, { module: 'organisation' })
  async record(@Body() body: RecordAttendanceDto) {
    return attendanceView((await this.rpc.call(OrganisationService.method.recordAttendance, body)).attendance!);
  }

  /** A member signs in: the token from the QR code, or online (mobile members, if the meeting allows). */
  @Post('sign-in')
  @HttpCode(201)
  @TenantRoles(['tenant-admin', 'secretary', 'member'], { module: 'organisation' })
  async signIn(@Body() body: SignInDto) {
    return attendanceView((await this.rpc.call(OrganisationService.method.signIn, { meetingId: body.meetingId, token: body.token ?? '', online: body.online ?? false })).attendance!);
  }
}

/** Meeting compliance per branch and party group against the frequencies of rules.md §4, for a year. */
@ApiTags('meetings')
@Controller('api/v1/meeting-compliance')
export class MeetingComplianceController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @TenantRoles(ORGANISERS, { module: 'organisation' })
  @ApiQuery({ name: 'filter', required: false, example: '{"withinId":"…","year":2026,"status":"missed"}' })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const { filter } = parseListQuery(
      query,
      ['period'],
      { withinId: filterOf.uuid, year: filterOf.int, status: filterOf.oneOf(COMPLIANCE_STATUSES) },
      { sortField: 'period' },
    );
    const { rows } = await this.rpc.call(OrganisationService.method.getMeetingCompliance, { withinId: filter.withinId ?? '', year: filter.year ?? 0 });
    const shown = rows.filter((row) => !filter.status || row.status === filter.status);
    reply.header('Content-Range', contentRange('meeting-compliance', 0, shown.length, shown.length));
    return shown.map((row) => ({
      id: `${row.organisationId}:${row.kind}:${row.period}`,
      organisationId: row.organisationId,
      organisationName: row.organisationName,
      kind: row.kind,
      period: row.period,
      periodStart: row.periodStart,
      periodEnd: row.periodEnd,
      held: row.held,
      status: row.status,
    }));
  }
}
