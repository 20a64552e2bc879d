import {
  Alert,
  Button,
  Card,
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
import type { DjDataProvider } from '../data/extendedDataProvider';
import { NOTIFICATION_KINDS } from '../member-space/NotificationsPage';
import { useMy } from '../member-space/useMy';

interface Settings {
  smtpHost: string | null;
  smtpPort: number;
  smtpTls: boolean;
  smtpFrom: string;
}

interface Endpoint {
  id: string;
  url: string;
  kinds: string[];
}

const ENDPOINTS = `/webhook-endpoints?${new URLSearchParams({ sort: '["createdAt","ASC"]', range: '[0,49]' })}`;

/** 消息通道: the tenant's mail relay and its signed webhooks (tenant admins). */
export function MessageChannelsPage() {
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const { data: saved } = useMy<Settings>('/notification-settings');
  const { data: endpoints, reload } = useMy<Endpoint[]>(ENDPOINTS);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [url, setUrl] = useState('');
  const [kinds, setKinds] = useState<string[]>(['meeting_notified']);
  const [secret, setSecret] = useState<string | null>(null);
  useEffect(() => {
    if (saved) setSettings(saved);
  }, [saved]);
  const attempt = async (work: () => Promise<unknown>, done?: string) => {
    try {
      await work();
      setOutcome(done ? { ok: true, text: translate(done) } : null);
    } catch (e) {
      setOutcome({ ok: false, text: (e as Error).message });
    }
  };
  const saveRelay = () =>
    attempt(
      () =>
        dataProvider.send('PUT', '/notification-settings', {
          ...(settings?.smtpHost ? { smtpHost: settings.smtpHost } : {}),
          smtpPort: Number(settings?.smtpPort ?? 25),
          smtpTls: settings?.smtpTls ?? false,
          smtpFrom: settings?.smtpFrom ?? '',
        }),
      'dj.notifications.saved',
    );
  const addEndpoint = () =>
    attempt(async () => {
      const created = await dataProvider.send<{ secret: string }>('POST', '/webhook-endpoints', {
        url,
        kinds,
      });
      setSecret(created.secret);
      setUrl('');
      reload();
    });
  const remove = (id: string) =>
    attempt(async () => {
      await dataProvider.delete('webhook-endpoints', { id, previousData: { id } });
      reload();
    });
  return (
    <Stack spacing={2} sx={{ p: 2, maxWidth: 720 }}>
      <Title title={translate('dj.notifications.settings_title')} />
      {settings ? (
        <Card>
          <CardContent>
            <Stack spacing={1.5}>
              <Typography variant="subtitle1" component="h2">
                {translate('dj.notifications.relay')}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {translate('dj.notifications.relay_hint')}
              </Typography>
              <TextField
                label={translate('dj.notifications.smtp_host')}
                value={settings.smtpHost ?? ''}
                onChange={(e) => setSettings({ ...settings, smtpHost: e.target.value })}
              />
              <TextField
                label={translate('dj.notifications.smtp_port')}
                type="number"
                value={settings.smtpPort}
                onChange={(e) => setSettings({ ...settings, smtpPort: Number(e.target.value) })}
              />
              <TextField
                label={translate('dj.notifications.smtp_from')}
                value={settings.smtpFrom}
                onChange={(e) => setSettings({ ...settings, smtpFrom: e.target.value })}
              />
              <FormControlLabel
                control={
                  <Switch
                    checked={settings.smtpTls}
                    onChange={(e) => setSettings({ ...settings, smtpTls: e.target.checked })}
                  />
                }
                label={translate('dj.notifications.smtp_tls')}
              />
              <Button variant="contained" onClick={() => void saveRelay()}>
                {translate('dj.notifications.save')}
              </Button>
            </Stack>
          </CardContent>
        </Card>
      ) : null}
      <Card>
        <CardContent>
          <Stack spacing={1.5}>
            <Typography variant="subtitle1" component="h2">
              {translate('dj.notifications.webhooks')}
            </Typography>
            {endpoints?.length === 0 ? (
              <Typography color="text.secondary">{translate('dj.notifications.webhook_none')}</Typography>
            ) : null}
            {endpoints?.map((endpoint) => (
              <Stack key={endpoint.id} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <Typography sx={{ flex: 1, wordBreak: 'break-all' }}>
                  {endpoint.url}（
                  {endpoint.kinds.map((k) => translate(`dj.notifications.kind_names.${k}`)).join('、')}）
                </Typography>
                <Button size="small" color="error" onClick={() => void remove(endpoint.id)}>
                  {translate('dj.notifications.webhook_remove')}
                </Button>
              </Stack>
            ))}
            <TextField
              label={translate('dj.notifications.webhook_url')}
              value={url}
              onChange={(e) => setUrl(e.target.value)}
            />
            {NOTIFICATION_KINDS.map((kind) => (
              <FormControlLabel
                key={kind}
                control={
                  <Checkbox
                    checked={kinds.includes(kind)}
                    onChange={(e) =>
                      setKinds(e.target.checked ? [...kinds, kind] : kinds.filter((k) => k !== kind))
                    }
                  />
                }
                label={translate(`dj.notifications.kind_names.${kind}`)}
              />
            ))}
            <Button
              variant="outlined"
              disabled={!url || kinds.length === 0}
              onClick={() => void addEndpoint()}
            >
              {translate('dj.notifications.webhook_add')}
            </Button>
            {secret ? (
              <Alert severity="warning" data-testid="webhook-secret" sx={{ wordBreak: 'break-all' }}>
                {translate('dj.notifications.webhook_secret', { secret })}
              </Alert>
            ) : null}
          </Stack>
        </CardContent>
      </Card>
      {outcome ? <Alert severity={outcome.ok ? 'success' : 'error'}>{outcome.text}</Alert> : null}
    </Stack>
  );
}
