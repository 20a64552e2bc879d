import { Alert, Button, Card, CardContent, Divider, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { Title, useDataProvider, useTranslate } from 'react-admin';
import type { DjDataProvider } from '../data/extendedDataProvider';
import { useMy } from './useMy';
import { Link } from 'react-router-dom';

interface MyRecord {
  name: string;
  gender: string;
  ethnicity: string;
  birthDate: string;
  idCardNumberMasked: string;
  phoneMasked: string;
  education: string;
  occupation: string;
  workUnit: string;
  developmentStage: string;
  joinedOn: string | null;
  confirmedOn: string | null;
  status: string;
  mobile: boolean;
  stageSince: string;
  oathTakenOn: string | null;
  organisation: { name: string; pathNames: string[] };
  officeHolders: { kind: string; name: string }[];
  steps: { kind: string; decidedOn: string }[];
  nextStep: { step: string; dueOn: string } | null;
  graduation: { graduatesOn: string; destination: string; employer: string } | null;
}

function Line({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Stack direction="row" spacing={2} sx={{ py: 0.5 }}>
      <Typography color="text.secondary" sx={{ minWidth: 96, flexShrink: 0 }}>
        {label}
      </Typography>
      <Typography sx={{ wordBreak: 'break-all' }} data-testid={testId}>
        {value || '—'}
      </Typography>
    </Stack>
  );
}

/** 我的档案: my record as the organisation holds it, my organisation, my development. */
export function MyRecordPage() {
  const translate = useTranslate();
  const dataProvider = useDataProvider<DjDataProvider>();
  const { data, error } = useMy<MyRecord>('/me/record');
  const [full, setFull] = useState<{ idCardNumber: string; phone: string } | null>(null);
  const [revealError, setRevealError] = useState<string | null>(null);
  const reveal = () =>
    dataProvider
      .send<{ idCardNumber: string; phone: string }>('POST', '/me/record/pii')
      .then(setFull, (e: Error) => setRevealError(e.message));
  const t = (key: string, value: string | null) => (value ? translate(`dj.${key}.${value}`) : '');
  return (
    <Stack spacing={1.5}>
      <Title title={translate('dj.my.nav.record')} />
      {error ? <Alert severity="error">{error}</Alert> : null}
      {data ? (
        <>
          <Card>
            <CardContent>
              <Typography variant="h6" component="h2" gutterBottom>
                {data.name}
              </Typography>
              <Line label={translate('dj.my.record.stage')} value={t('stages', data.developmentStage)} />
              <Line label={translate('dj.my.record.status')} value={t('member_statuses', data.status)} />
              <Line label={translate('dj.my.record.gender')} value={t('genders', data.gender)} />
              <Line label={translate('dj.my.record.ethnicity')} value={data.ethnicity} />
              <Line label={translate('dj.my.record.birth_date')} value={data.birthDate} />
              <Line
                label={translate('dj.my.record.id_card')}
                value={full?.idCardNumber ?? data.idCardNumberMasked}
                testId="my-id-card"
              />
              <Line label={translate('dj.my.record.phone')} value={full ? full.phone : data.phoneMasked} />
              {full ? null : (
                <Button size="small" onClick={() => void reveal()}>
                  {translate('dj.my.record.reveal')}
                </Button>
              )}
              {revealError ? <Alert severity="error">{revealError}</Alert> : null}
              <Line label={translate('dj.my.record.education')} value={data.education} />
              <Line label={translate('dj.my.record.occupation')} value={t('occupations', data.occupation)} />
              <Line label={translate('dj.my.record.work_unit')} value={data.workUnit} />
              <Line label={translate('dj.my.record.joined_on')} value={data.joinedOn ?? ''} />
              <Line label={translate('dj.my.record.confirmed_on')} value={data.confirmedOn ?? ''} />
              <Line label={translate('dj.my.record.oath_taken_on')} value={data.oathTakenOn ?? ''} />
              <Line
                label={translate('dj.my.record.mobile')}
                value={translate(data.mobile ? 'dj.my.record.yes' : 'dj.my.record.no')}
              />
            </CardContent>
          </Card>
          <Card>
            <CardContent>
              <Typography variant="subtitle1" component="h2" gutterBottom>
                {translate('dj.my.record.organisation')}
              </Typography>
              <Typography data-testid="my-organisation">{data.organisation.pathNames.join(' / ')}</Typography>
              <Divider sx={{ my: 1 }} />
              {data.officeHolders.length === 0 ? (
                <Typography color="text.secondary">{translate('dj.my.record.no_office_holders')}</Typography>
              ) : (
                data.officeHolders.map((holder) => (
                  <Line
                    key={`${holder.kind}-${holder.name}`}
                    label={t('position_kinds', holder.kind)}
                    value={holder.name}
                  />
                ))
              )}
            </CardContent>
          </Card>
          <Card>
            <CardContent>
              <Typography variant="subtitle1" component="h2" gutterBottom>
                {translate('dj.my.record.development')}
              </Typography>
              {data.steps.length === 0 ? (
                <Typography color="text.secondary">{translate('dj.my.record.no_steps')}</Typography>
              ) : (
                data.steps.map((step) => (
                  <Line
                    key={`${step.kind}-${step.decidedOn}`}
                    label={step.decidedOn}
                    value={t('steps', step.kind)}
                  />
                ))
              )}
              {data.nextStep ? (
                <Alert severity="info" sx={{ mt: 1 }} data-testid="my-next-step">
                  {translate('dj.my.record.next_step', {
                    step: t('steps', data.nextStep.step),
                    date: data.nextStep.dueOn,
                  })}
                </Alert>
              ) : null}
            </CardContent>
          </Card>
          <Button component={Link} to="/me/transfer" variant="outlined" data-testid="to-my-transfer">
            {translate('dj.my.transfer.title')}
          </Button>
          {data.graduation ? (
            <Card>
              <CardContent>
                <Typography variant="subtitle1" component="h2" gutterBottom>
                  {translate('dj.my.record.graduation')}
                </Typography>
                <Line label={translate('dj.my.record.graduates_on')} value={data.graduation.graduatesOn} />
                <Line
                  label={translate('dj.my.record.destination')}
                  value={t('graduate_destinations', data.graduation.destination)}
                />
                <Line label={translate('dj.my.record.employer')} value={data.graduation.employer} />
              </CardContent>
            </Card>
          ) : null}
        </>
      ) : null}
    </Stack>
  );
}
