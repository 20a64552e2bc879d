/** What the platform tells people (issue 15). The inbox holds every kind; channels are chosen per kind. */
export const NOTIFICATION_KINDS = [
  'meeting_notified',
  'meeting_cancelled',
  'meeting_rescheduled',
  'leave_decided',
  'thought_report_replied',
  'transfer_step',
  'letter_expiring',
  'self_withdrawal_flagged',
  'dues_reminder',
  'thought_report_due',
  'appeal_due_soon',
  'appeal_escalated',
  'sentiment_alert',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Channels a person may choose besides the inbox; webhooks are the tenant's, not a person's. */
export const PERSONAL_CHANNELS = ['email', 'wechat', 'sms'] as const;
export type PersonalChannel = (typeof PERSONAL_CHANNELS)[number];

/** Without a choice of their own, a person gets e-mail (where the tenant has a relay and they an address). */
export const DEFAULT_CHANNELS: readonly PersonalChannel[] = ['email'];

/** A notice: who is told what, as a source decides it from a domain event. */
export interface Notice {
  userIds: string[];
  kind: NotificationKind;
  params: Record<string, string>;
  /** Sent at once, through quiet hours and past the digest (a meeting within a day, a cancellation). */
  urgent: boolean;
  refId?: string;
}
