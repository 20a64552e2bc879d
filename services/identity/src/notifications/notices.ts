import { fromBinary } from '@bufbuild/protobuf';
import {
  MeetingEventSchema,
  MeetingLeaveDecidedSchema,
  ThoughtReportRepliedSchema,
} from '@dangjian/contracts';
import type { Notice } from './notification-kinds.js';

/** A meeting within a day is told at once, through quiet hours and past the digest. */
const URGENT_WITHIN_MS = 24 * 3_600_000;

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
];
