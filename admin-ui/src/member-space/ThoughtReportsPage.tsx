import { Alert, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { Title, useDataProvider, useTranslate } from 'react-admin';
import type { DjDataProvider } from '../data/extendedDataProvider';
import { chinaTime } from '../i18n/china-dates';
import { useMy } from './useMy';

interface MyThoughtReport {
  id: string;
  submittedOn: string;
  title: string;
  content: string;
  source: string;
  reply: string;
  repliedAt: string | null;
}

const LIST = `/me/thought-reports?${new URLSearchParams({ sort: '["submittedOn","DESC"]', range: '[0,49]' })}`;

/** 思想汇报: write one and send it to my branch; read the secretary's replies. */
export function MyThoughtReportsPage() {
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const { data, error, reload } = useMy<MyThoughtReport[]>(LIST);
  const [title, setTitle] = useState('');
  const [content, setContent] = useState('');
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [sending, setSending] = useState(false);
  const submit = async () => {
    setSending(true);
    try {
      await dataProvider.send('POST', '/me/thought-reports', { title, content });
      // What was written is cleared only once it is stored.
      setTitle('');
      setContent('');
      setOutcome({ ok: true, text: translate('dj.my.reports.sent') });
      reload();
    } catch (e) {
      setOutcome({ ok: false, text: (e as Error).message });
    } finally {
      setSending(false);
    }
  };
  return (
    <Stack spacing={1.5}>
      <Title title={translate('dj.my.nav.thought_reports')} />
      <Card>
        <CardContent>
          <Stack spacing={1}>
            <Typography variant="subtitle1" component="h2">
              {translate('dj.my.reports.write')}
            </Typography>
            <TextField
              label={translate('dj.my.reports.title')}
              value={title}
              onChange={(event) => setTitle(event.target.value)}
              slotProps={{ htmlInput: { maxLength: 100 } }}
            />
            <TextField
              label={translate('dj.my.reports.content')}
              value={content}
              onChange={(event) => setContent(event.target.value)}
              multiline
              minRows={6}
              slotProps={{ htmlInput: { maxLength: 20000 } }}
            />
            <Button
              variant="contained"
              disabled={sending || title.trim() === '' || content.trim() === ''}
              onClick={() => void submit()}
            >
              {translate('dj.my.reports.submit')}
            </Button>
            {outcome ? (
              <Alert severity={outcome.ok ? 'success' : 'error'} data-testid="my-report-outcome">
                {outcome.text}
              </Alert>
            ) : null}
          </Stack>
        </CardContent>
      </Card>
      {error ? <Alert severity="error">{error}</Alert> : null}
      {data?.length === 0 ? (
        <Typography color="text.secondary">{translate('dj.my.reports.none')}</Typography>
      ) : null}
      {data?.map((report) => (
        <Card key={report.id} data-testid="my-report">
          <CardContent>
            <Typography sx={{ fontWeight: 500 }}>{report.title}</Typography>
            <Typography variant="body2" color="text.secondary">
              {translate(
                report.source === 'member' ? 'dj.my.reports.submitted_on' : 'dj.my.reports.handed_in_on',
                {
                  date: report.submittedOn,
                },
              )}
            </Typography>
            <Typography sx={{ whiteSpace: 'pre-wrap', mt: 1 }}>{report.content}</Typography>
            {report.reply ? (
              <Alert severity="info" sx={{ mt: 1 }} data-testid="my-report-reply">
                {translate('dj.my.reports.reply', {
                  time: report.repliedAt ? chinaTime(report.repliedAt) : '',
                  reply: report.reply,
                })}
              </Alert>
            ) : (
              <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                {translate('dj.my.reports.no_reply')}
              </Typography>
            )}
          </CardContent>
        </Card>
      ))}
    </Stack>
  );
}
