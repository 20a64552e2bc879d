import { Alert, Button, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { Title, useDataProvider, useLocale, useTranslate } from 'react-admin';
import type { DjDataProvider } from '../data/extendedDataProvider';
import type { Commitment } from '../disclosure/commitments.resource';
import { Progress } from '../disclosure/commitments.resource';
import { chinaDay } from '../i18n/china-dates';
import { useMy } from './useMy';

interface Published {
  id: string;
  title: string;
  body: string;
  organisationName: string;
  startsAt: string;
  status: string;
  withdrawnReason: string;
}

const ALL = 'sort=["startsAt","DESC"]&range=[0,49]';

/** 党务公开 in the member's space: what is published to me, and the commitments I may appraise. */
export function MyDisclosuresPage() {
  const translate = useTranslate();
  useLocale();
  const dataProvider = useDataProvider<DjDataProvider>();
  const items = useMy<Published[]>(`/me/disclosures?${ALL}`);
  const commitments = useMy<Commitment[]>(
    `/commitments?sort=["year","DESC"]&range=[0,49]&filter=${encodeURIComponent('{"status":"published"}')}`,
  );
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const appraise = async (id: string, grade: string) => {
    try {
      await dataProvider.send('POST', `/commitments/${id}/appraisals`, { grade });
      setMessage({ ok: true, text: translate('dj.disclosure.my.appraised') });
      commitments.reload();
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    }
  };
  return (
    <Stack spacing={1.5}>
      <Title title={translate('dj.disclosure.my.title')} />
      <Typography variant="h6" component="h2">
        {translate('dj.disclosure.my.items')}
      </Typography>
      {items.error ? <Alert severity="error">{items.error}</Alert> : null}
      {items.data?.length === 0 ? (
        <Alert severity="info">{translate('dj.disclosure.my.no_items')}</Alert>
      ) : null}
      {items.data?.map((item) => (
        <Card key={item.id} data-testid="my-disclosure">
          <CardContent>
            <Typography variant="subtitle1" component="h3">
              {item.title}
              {item.status === 'withdrawn' ? (
                <Chip
                  size="small"
                  color="warning"
                  label={translate('dj.disclosure.my.withdrawn')}
                  sx={{ ml: 1 }}
                />
              ) : null}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {item.organisationName} · {chinaDay(new Date(item.startsAt))}
            </Typography>
            {item.status === 'withdrawn' ? (
              <Typography variant="body2">
                {translate('dj.disclosure.my.withdrawn_because', { reason: item.withdrawnReason })}
              </Typography>
            ) : (
              <Typography sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{item.body}</Typography>
            )}
          </CardContent>
        </Card>
      ))}
      <Typography variant="h6" component="h2">
        {translate('dj.disclosure.my.commitments')}
      </Typography>
      {message ? <Alert severity={message.ok ? 'success' : 'error'}>{message.text}</Alert> : null}
      {commitments.error ? <Alert severity="error">{commitments.error}</Alert> : null}
      {commitments.data?.length === 0 ? (
        <Alert severity="info">{translate('dj.disclosure.my.no_commitments')}</Alert>
      ) : null}
      {commitments.data?.map((c) => (
        <Card key={c.id} data-testid="my-commitment">
          <CardContent>
            <Typography variant="subtitle1" component="h3">
              {c.title}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {c.committerName} · {c.year}
            </Typography>
            <Progress value={c.progress} />
            {c.actions.includes('appraise') ? (
              <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mt: 1 }}>
                {(['satisfied', 'fair', 'unsatisfied'] as const).map((grade) => (
                  <Button
                    key={grade}
                    size="small"
                    variant="outlined"
                    onClick={() => void appraise(c.id, grade)}
                  >
                    {translate(`resources.commitments.grades.${grade}`)}
                  </Button>
                ))}
              </Stack>
            ) : null}
          </CardContent>
        </Card>
      ))}
    </Stack>
  );
}
