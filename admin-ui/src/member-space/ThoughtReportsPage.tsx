import { Alert, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { Title, useDataProvider, useTranslate } from 'react-admin';
import type { DjDataProvider } from '../data/extendedDataProvider';
import { chinaTime } from '../i18n/china-dates';
import { useMy } from './useMy';

interface Attachment {
  id: string;
  fileName: string;
  sizeBytes: number;
}

interface MyThoughtReport {
  id: string;
  attachments: Attachment[];
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
  const [files, setFiles] = useState<File[]>([]);
  const submit = async () => {
    setSending(true);
    try {
      const attachments = await Promise.all(
        files.map(async (file) => ({
          fileName: file.name,
          contentType: file.type,
          contentBase64: await base64Of(file),
        })),
      );
      await dataProvider.send('POST', '/me/thought-reports', { title, content, attachments });
      // What was written is cleared only once it is stored.
      setTitle('');
      setContent('');
      setFiles([]);
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
            <Button variant="outlined" component="label">
              {translate('dj.my.reports.attach')}
              <input
                hidden
                type="file"
                multiple
                accept="application/pdf,image/jpeg,image/png"
                data-testid="report-files"
                onChange={(event) => setFiles([...(event.target.files ?? [])].slice(0, 3))}
              />
            </Button>
            {files.length > 0 ? (
              <Typography variant="body2" color="text.secondary">
                {files.map((file) => file.name).join('、')}
              </Typography>
            ) : null}
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
            {report.attachments.map((attachment) => (
              <Button
                key={attachment.id}
                size="small"
                onClick={() =>
                  void dataProvider.download(
                    `/me/thought-reports/${report.id}/attachments/${attachment.id}`,
                    attachment.fileName,
                  )
                }
              >
                {translate('dj.my.reports.file', { name: attachment.fileName })}
              </Button>
            ))}
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

/** A file's bytes as base64 (without the data: prefix). */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(file);
  });
}
