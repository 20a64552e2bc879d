import {
  Alert,
  Button,
  Card,
  CardActionArea,
  CardContent,
  Checkbox,
  FormControlLabel,
  Stack,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { Title, useDataProvider, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import type { DjDataProvider } from '../data/extendedDataProvider';
import { chinaTime } from '../i18n/china-dates';
import { useMy } from './useMy';

export interface InboxItem {
  id: string;
  kind: string;
  params: Record<string, string>;
  urgent: boolean;
  refId: string | null;
  createdAt: string;
  readAt: string | null;
}

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

export const inboxQuery = (unreadOnly: boolean) =>
  `/me/notifications?${new URLSearchParams({
    sort: '["createdAt","DESC"]',
    range: '[0,49]',
    filter: JSON.stringify(unreadOnly ? { unreadOnly: true } : {}),
  })}`;

/** Where a notice leads. */
const target = (item: InboxItem) =>
  item.kind === 'thought_report_replied'
    ? '/me/thought-reports'
    : item.kind === 'sentiment_alert'
      ? '/sentiment-alerts'
      : item.kind.startsWith('appeal_') && item.refId
        ? `/appeals/${item.refId}/show`
        : item.refId
          ? `/me/meetings/${item.refId}`
          : '/me';

/** 消息: everything the platform told me, unread first in weight; tapping one reads it and opens it. */
export function MyNotificationsPage() {
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const navigate = useNavigate();
  const { data, error, reload } = useMy<InboxItem[]>(inboxQuery(false));
  const open = async (item: InboxItem) => {
    if (!item.readAt) await dataProvider.send('POST', '/me/notifications/read', { ids: [item.id] });
    navigate(target(item));
  };
  const readAll = async () => {
    await dataProvider.send('POST', '/me/notifications/read', { all: true });
    reload();
  };
  const text = (item: InboxItem) =>
    // A sentiment alert reads differently for an alert word and for a spike.
    translate(
      `dj.notifications.kinds.${item.kind === 'sentiment_alert' ? `sentiment_alert_${item.params['alertKind']}` : item.kind}`,
      {
        ...item.params,
        state: item.params['state']
          ? translate(
              item.kind === 'transfer_step'
                ? `dj.transfer_states.${item.params['state']}`
                : item.kind === 'self_withdrawal_flagged'
                  ? `dj.withdrawal_states.${item.params['state']}`
                  : `dj.my.leave_states.${item.params['state']}`,
            )
          : '',
        _: translate('dj.notifications.unknown'),
      },
    );
  return (
    <Stack spacing={1.5}>
      <Title title={translate('dj.notifications.title')} />
      {error ? <Alert severity="error">{error}</Alert> : null}
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center' }}>
        <Typography variant="h6" component="h2">
          {translate('dj.notifications.title')}
        </Typography>
        <Button size="small" disabled={!data?.some((item) => !item.readAt)} onClick={() => void readAll()}>
          {translate('dj.notifications.read_all')}
        </Button>
      </Stack>
      {data?.length === 0 ? (
        <Typography color="text.secondary">{translate('dj.notifications.none')}</Typography>
      ) : null}
      {data?.map((item) => (
        <Card
          key={item.id}
          data-testid="inbox-item"
          sx={{ borderLeft: item.readAt ? undefined : '4px solid', borderColor: 'primary.main' }}
        >
          <CardActionArea onClick={() => void open(item)}>
            <CardContent sx={{ py: 1.5 }}>
              <Typography sx={{ fontWeight: item.readAt ? 400 : 600 }}>{text(item)}</Typography>
              <Typography variant="body2" color="text.secondary">
                {chinaTime(item.createdAt)}
                {item.readAt ? '' : ` · ${translate('dj.notifications.unread')}`}
              </Typography>
            </CardContent>
          </CardActionArea>
        </Card>
      ))}
      <NotificationPreferencesCard />
    </Stack>
  );
}

interface Preferences {
  channels: Record<string, string[]>;
  quietFrom: string | null;
  quietUntil: string | null;
  dailyDigest: boolean;
  smsPhone: string | null;
  wechatBound: boolean;
  availableChannels: string[];
}

/** How I am told: e-mail per kind, quiet hours, one digest a day. The inbox always has everything. */
function NotificationPreferencesCard() {
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const { data } = useMy<Preferences>('/me/notification-preferences');
  const [draft, setDraft] = useState<Preferences | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    if (data) setDraft(data);
  }, [data]);
  const [phone, setPhone] = useState('');
  if (!draft) return null;
  // A kind never chosen gets e-mail (the platform's default).
  const chosen = (kind: string) => draft.channels[kind] ?? ['email'];
  const toggle = (kind: string, channel: string, on: boolean) =>
    setDraft({
      ...draft,
      channels: {
        ...draft.channels,
        [kind]: on ? [...new Set([...chosen(kind), channel])] : chosen(kind).filter((c) => c !== channel),
      },
    });
  const save = async () => {
    try {
      await dataProvider.send('PUT', '/me/notification-preferences', {
        channels: Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, chosen(kind)])),
        ...(phone ? { smsPhone: phone } : {}),
        ...(draft.quietFrom ? { quietFrom: draft.quietFrom } : {}),
        ...(draft.quietUntil ? { quietUntil: draft.quietUntil } : {}),
        dailyDigest: draft.dailyDigest,
      });
      setOutcome({ ok: true, text: translate('dj.notifications.saved') });
    } catch (e) {
      setOutcome({ ok: false, text: (e as Error).message });
    }
  };
  return (
    <Card>
      <CardContent>
        <Stack spacing={1}>
          <Typography variant="subtitle1" component="h2">
            {translate('dj.notifications.preferences')}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {translate('dj.notifications.email_for')}
          </Typography>
          {NOTIFICATION_KINDS.map((kind) => (
            <Stack key={kind} direction="row" sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography sx={{ minWidth: 120 }}>
                {translate(`dj.notifications.kind_names.${kind}`)}
              </Typography>
              {draft.availableChannels.map((channel) => (
                <FormControlLabel
                  key={channel}
                  control={
                    <Checkbox
                      size="small"
                      checked={chosen(kind).includes(channel)}
                      onChange={(e) => toggle(kind, channel, e.target.checked)}
                    />
                  }
                  label={translate(`dj.notifications.channels.${channel}`)}
                />
              ))}
            </Stack>
          ))}
          {draft.availableChannels.includes('sms') ? (
            <TextField
              size="small"
              label={translate('dj.notifications.sms_phone')}
              placeholder={draft.smsPhone ?? ''}
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
              slotProps={{ htmlInput: { maxLength: 11, inputMode: 'numeric' } }}
            />
          ) : null}
          {draft.availableChannels.includes('wechat') ? (
            <Typography variant="body2" color="text.secondary">
              {translate(
                draft.wechatBound ? 'dj.notifications.wechat_bound' : 'dj.notifications.wechat_unbound',
              )}
            </Typography>
          ) : null}
          <Stack direction="row" spacing={1}>
            <TextField
              type="time"
              size="small"
              label={translate('dj.notifications.quiet_from')}
              value={draft.quietFrom ?? ''}
              onChange={(e) => setDraft({ ...draft, quietFrom: e.target.value || null })}
              slotProps={{ inputLabel: { shrink: true } }}
              sx={{ flex: 1 }}
            />
            <TextField
              type="time"
              size="small"
              label={translate('dj.notifications.quiet_until')}
              value={draft.quietUntil ?? ''}
              onChange={(e) => setDraft({ ...draft, quietUntil: e.target.value || null })}
              slotProps={{ inputLabel: { shrink: true } }}
              sx={{ flex: 1 }}
            />
          </Stack>
          <FormControlLabel
            control={
              <Switch
                checked={draft.dailyDigest}
                onChange={(e) => setDraft({ ...draft, dailyDigest: e.target.checked })}
              />
            }
            label={translate('dj.notifications.daily_digest')}
          />
          <Button variant="outlined" onClick={() => void save()}>
            {translate('dj.notifications.save')}
          </Button>
          {outcome ? <Alert severity={outcome.ok ? 'success' : 'error'}>{outcome.text}</Alert> : null}
        </Stack>
      </CardContent>
    </Card>
  );
}
