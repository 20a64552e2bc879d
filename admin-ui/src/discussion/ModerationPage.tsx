import { Alert, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { Title, useDataProvider, usePermissions, useTranslate } from 'react-admin';
import type { Permissions } from '../auth/authProvider';
import type { DjDataProvider } from '../data/extendedDataProvider';
import { chinaTime } from '../i18n/china-dates';
import { useMy } from '../member-space/useMy';

interface QueuedPost {
  id: string;
  topicId: string;
  topicTitle: string;
  body: string;
  authorName: string;
  reportCount: number;
  createdAt: string;
}
interface LogEntry {
  id: string;
  action: string;
  moderatorName: string;
  note: string;
  createdAt: string;
  postExcerpt: string;
  reportCount: number;
}

const page = (sort: string) =>
  `range=${encodeURIComponent('[0,99]')}&sort=${encodeURIComponent(`["${sort}","ASC"]`)}`;

/**
 * 讨论管理: the posts that reports hid in the topics I moderate, each restored or removed with a note;
 * for tenant admins also how many reports hide a post, and the moderators' log.
 */
export function ModerationPage() {
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const { permissions } = usePermissions<Permissions>();
  const admin = Boolean(permissions?.roles.includes('tenant-admin'));
  const queue = useMy<QueuedPost[]>(`/moderation-queue?${page('createdAt')}`);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string>();
  const decide = async (post: QueuedPost, decision: 'restore' | 'remove') => {
    try {
      await dataProvider.send('POST', `/discussion-posts/${post.id}/moderation`, {
        decision,
        note: notes[post.id] ?? '',
      });
      setFailure(undefined);
      queue.reload();
    } catch (e) {
      setFailure((e as Error).message);
    }
  };
  return (
    <Stack spacing={1.5} sx={{ maxWidth: 720, p: { xs: 1, sm: 2 } }}>
      <Title title={translate('dj.talk.moderation')} />
      <Typography variant="subtitle1" component="h2">
        {translate('dj.talk.queue')}
      </Typography>
      {queue.error ? <Alert severity="error">{queue.error}</Alert> : null}
      {queue.data?.length === 0 ? (
        <Typography color="text.secondary">{translate('dj.talk.queue_empty')}</Typography>
      ) : null}
      {(queue.data ?? []).map((post) => (
        <Card key={post.id} data-testid="queued-post">
          <CardContent>
            <Typography variant="caption" color="text.secondary">
              {translate('dj.talk.queued_line', {
                topic: post.topicTitle,
                author: post.authorName,
                reports: post.reportCount,
                at: chinaTime(post.createdAt),
              })}
            </Typography>
            <Typography sx={{ my: 1, whiteSpace: 'pre-wrap' }}>{post.body}</Typography>
            <TextField
              size="small"
              fullWidth
              label={translate('dj.talk.note')}
              value={notes[post.id] ?? ''}
              onChange={(e) => setNotes({ ...notes, [post.id]: e.target.value })}
            />
            <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
              <Button variant="outlined" onClick={() => void decide(post, 'restore')}>
                {translate('dj.talk.restore')}
              </Button>
              <Button color="error" variant="outlined" onClick={() => void decide(post, 'remove')}>
                {translate('dj.talk.remove')}
              </Button>
            </Stack>
          </CardContent>
        </Card>
      ))}
      {failure ? <Alert severity="error">{failure}</Alert> : null}
      {admin ? <AdminPart /> : null}
    </Stack>
  );
}

/** The threshold and the log: the tenant admin's. */
function AdminPart() {
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const settings = useMy<{ hideAfterReports: number }>('/discussion-settings/current');
  const log = useMy<LogEntry[]>(`/moderation-log?${page('createdAt')}`);
  const [threshold, setThreshold] = useState<string>();
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const save = async () => {
    try {
      await dataProvider.send('PUT', '/discussion-settings/current', {
        hideAfterReports: Number(threshold ?? settings.data?.hideAfterReports),
      });
      setMessage({ ok: true, text: translate('dj.talk.saved') });
      settings.reload();
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    }
  };
  return (
    <>
      <Typography variant="subtitle1" component="h2">
        {translate('dj.talk.settings')}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <TextField
          size="small"
          type="number"
          label={translate('dj.talk.hide_after')}
          value={threshold ?? settings.data?.hideAfterReports ?? ''}
          onChange={(e) => setThreshold(e.target.value)}
          sx={{ width: 200 }}
        />
        <Button variant="outlined" onClick={() => void save()}>
          {translate('dj.talk.save')}
        </Button>
      </Stack>
      {message ? <Alert severity={message.ok ? 'success' : 'error'}>{message.text}</Alert> : null}
      <Typography variant="subtitle1" component="h2">
        {translate('dj.talk.log')}
      </Typography>
      {log.data?.length === 0 ? (
        <Typography color="text.secondary">{translate('dj.talk.log_empty')}</Typography>
      ) : null}
      {(log.data ?? []).map((entry) => (
        <Typography key={entry.id} variant="body2" data-testid="moderation-log">
          {translate(`dj.talk.log_actions.${entry.action}`, {
            at: chinaTime(entry.createdAt),
            who: entry.moderatorName,
            reports: entry.reportCount,
            excerpt: entry.postExcerpt,
            note: entry.note || '—',
          })}
        </Typography>
      ))}
    </>
  );
}
