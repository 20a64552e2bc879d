import { fromBinary } from '@bufbuild/protobuf';
import {
  AppealNoticedSchema,
  MeetingEventSchema,
  MeetingLeaveDecidedSchema,
  MonthRemindersSchema,
  SelfWithdrawalFlaggedSchema,
  SentimentAlertedSchema,
  ThoughtReportRepliedSchema,
  TransferStepRecordedSchema,
} from '@dangjian/contracts';
import type { Notice } from './notification-kinds.js';

/** A meeting within a day is told at once, through quiet hours and past the digest. */
const URGENT_WITHIN_MS = 24 * 3_600_000;

/** A transfer's state as a sentence (e-mails are in Chinese; the inbox says the code in the reader's language). */
const TRANSFER_STATES: Record<string, string> = {
  applied: '已申请',
  first_approved: '初审通过',
  approved: '已审批',
  letter_issued: '已开具介绍信',
  reported_in: '已报到',
  receipt_returned: '回执已退回，转接完成',
  sent_back: '已退回',
  withdrawn: '已撤回',
  voided: '介绍信已作废',
  expired: '介绍信已过期',
};

const chinaTime = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });

/**
 * The sources: which domain events tell whom what (the one place that decides it). Each reads the
 * event and answers the notices, or none. The organisation service puts who takes part on its events
 * (it alone knows the tree); the self-withdrawal warning would go to the secretary only, never to
 * the member's peers.
 */
export const SOURCES: {
  /** The service whose events these are (organisation when left out). */
  sourceService?: 'organisation' | 'supervision';
  durable: string;
  filterSubject: string;
  notices(subject: string, data: Uint8Array, now: Date): Notice[];
}[] = [
  {
    durable: 'identity-notify-meetings',
    filterSubject: 'events.organisation.meeting.>',
    notices(subject, data, now) {
      const event = fromBinary(MeetingEventSchema, data);
      const kind = subject.endsWith('.notified')
        ? 'meeting_notified'
        : subject.endsWith('.cancelled')
          ? 'meeting_cancelled'
          : subject.endsWith('.rescheduled')
            ? 'meeting_rescheduled'
            : undefined;
      if (!kind || event.participantUserIds.length === 0) return [];
      return [
        {
          userIds: event.participantUserIds,
          kind,
          params: {
            title: event.title,
            time: chinaTime(event.scheduledAt),
            place: event.place,
            organisation: event.organisationName,
            meetingKind: event.kind,
          },
          urgent: new Date(event.scheduledAt).getTime() - now.getTime() < URGENT_WITHIN_MS,
          refId: event.meetingId,
        },
      ];
    },
  },
  {
    durable: 'identity-notify-leave',
    filterSubject: 'events.organisation.leave_request.decided',
    notices(_subject, data) {
      const event = fromBinary(MeetingLeaveDecidedSchema, data);
      if (!event.memberUserId) return [];
      return [
        {
          userIds: [event.memberUserId],
          kind: 'leave_decided',
          params: { title: event.meetingTitle, state: event.state, note: event.decisionNote },
          urgent: false,
          refId: event.meetingId,
        },
      ];
    },
  },
  {
    durable: 'identity-notify-thought-reports',
    filterSubject: 'events.organisation.thought_report.replied',
    notices(_subject, data) {
      const event = fromBinary(ThoughtReportRepliedSchema, data);
      if (!event.memberUserId) return [];
      return [
        {
          userIds: [event.memberUserId],
          kind: 'thought_report_replied',
          params: { title: event.title },
          urgent: false,
          refId: event.id,
        },
      ];
    },
  },
  {
    durable: 'identity-notify-transfer-steps',
    filterSubject: 'events.organisation.transfer_step.>',
    notices(subject, data) {
      const event = fromBinary(TransferStepRecordedSchema, data);
      if (subject.endsWith('.letter_expiring'))
        return [
          {
            userIds: [event.memberUserId],
            kind: 'letter_expiring',
            params: { organisation: event.receivingOrganisationName, validUntil: event.validUntil ?? '' },
            urgent: true,
            refId: event.transferId,
          },
        ];
      return [
        {
          userIds: [event.memberUserId],
          kind: 'transfer_step',
          params: {
            state: event.state,
            stateText: TRANSFER_STATES[event.state] ?? event.state,
            organisation: event.receivingOrganisationName,
            validUntil: event.validUntil ?? '',
          },
          // A letter issued or expired, or a transfer sent back, needs the member soon.
          urgent: ['letter_issued', 'sent_back', 'expired', 'voided'].includes(event.state),
          refId: event.transferId,
        },
      ];
    },
  },
  {
    durable: 'identity-notify-self-withdrawal',
    filterSubject: 'events.organisation.self_withdrawal.flagged',
    notices(_subject, data) {
      const event = fromBinary(SelfWithdrawalFlaggedSchema, data);
      return [
        {
          // The secretary only, never the member's peers.
          userIds: event.secretaryUserIds,
          kind: 'self_withdrawal_flagged',
          params: {
            member: event.memberName,
            organisation: event.organisationName,
            state: event.state,
            monthsWithoutDues: String(event.monthsWithoutDues),
            monthsWithoutLife: String(event.monthsWithoutLife),
          },
          urgent: false,
          refId: event.memberId,
        },
      ];
    },
  },
  {
    durable: 'identity-notify-month-reminders',
    filterSubject: 'events.organisation.dues.month_reminded',
    notices(_subject, data) {
      const event = fromBinary(MonthRemindersSchema, data);
      return [
        { userIds: event.duesUserIds, kind: 'dues_reminder', params: { month: event.month }, urgent: false },
        {
          userIds: event.thoughtReportUserIds,
          kind: 'thought_report_due',
          params: { month: event.month },
          urgent: false,
        },
      ].filter((notice) => notice.userIds.length > 0) as Notice[];
    },
  },
  {
    // 催办 and 督办 (issue 18): the supervision service names the secretaries concerned.
    sourceService: 'supervision',
    durable: 'identity-notify-appeals',
    filterSubject: 'events.supervision.appeal.>',
    notices(subject, data) {
      const event = fromBinary(AppealNoticedSchema, data);
      const escalated = subject.endsWith('.escalated');
      return [
        {
          userIds: event.userIds,
          kind: escalated ? 'appeal_escalated' : 'appeal_due_soon',
          params: {
            title: event.title,
            category: event.categoryLabel,
            organisation: event.organisationName,
            dueOn: event.dueOn,
            overseer: event.overseerName,
            level: String(event.escalationLevel),
          },
          // An appeal past its day waits for nobody's quiet hours.
          urgent: escalated,
          refId: event.appealId,
        },
      ].filter((notice) => notice.userIds.length > 0) as Notice[];
    },
  },
  {
    sourceService: 'supervision',
    durable: 'identity-notify-sentiment',
    filterSubject: 'events.supervision.sentiment.alerted',
    notices(_subject, data) {
      const event = fromBinary(SentimentAlertedSchema, data);
      return [
        {
          userIds: event.userIds,
          kind: 'sentiment_alert',
          params: {
            alertKind: event.kind,
            category: event.categoryLabel,
            organisation: event.organisationName,
            keyword: event.keyword,
            count: String(event.count),
            baseline: String(Math.round(event.baseline * 10) / 10),
          },
          urgent: true,
          refId: event.alertId,
        },
      ].filter((notice) => notice.userIds.length > 0) as Notice[];
    },
  },
];
