import { Alert, Card, CardContent, Stack, Typography } from '@mui/material';
import { Title, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import { chinaTime } from '../i18n/china-dates';
import { formatFen } from '../i18n/money';
import { useMy } from './useMy';

interface Receipt {
  paymentId: string;
  memberName: string;
  organisationName: string;
  months: string[];
  duesFen: number;
  voluntaryFen: number;
  provider: string;
  providerReference: string;
  paidOn: string;
  recordedAt: string;
}

function Line({ label, value }: { label: string; value: string }) {
  return (
    <Stack direction="row" spacing={2} sx={{ py: 0.5 }}>
      <Typography color="text.secondary" sx={{ minWidth: 96, flexShrink: 0 }}>
        {label}
      </Typography>
      <Typography sx={{ wordBreak: 'break-all' }}>{value}</Typography>
    </Stack>
  );
}

/** 党费收据: what one of my payments settled, to keep or show. */
export function MyReceiptPage() {
  const translate = useTranslate();
  const { paymentId = '' } = useParams();
  const { data, error } = useMy<Receipt>(`/me/dues-receipts/${paymentId}`);
  return (
    <Stack spacing={1.5}>
      <Title title={translate('dj.my.dues.receipt')} />
      {error ? <Alert severity="error">{error}</Alert> : null}
      {data ? (
        <Card data-testid="receipt">
          <CardContent>
            <Typography variant="h6" component="h2" gutterBottom>
              {translate('dj.my.dues.receipt_title')}
            </Typography>
            <Line label={translate('dj.my.dues.receipt_member')} value={data.memberName} />
            <Line label={translate('dj.my.record.organisation')} value={data.organisationName} />
            <Line label={translate('dj.my.dues.receipt_months')} value={data.months.join('、')} />
            <Line
              label={translate('dj.my.dues.receipt_amount')}
              value={formatFen(data.duesFen + data.voluntaryFen)}
            />
            <Line
              label={translate('dj.my.dues.receipt_provider')}
              value={translate(`dj.my.dues.providers.${data.provider}`)}
            />
            <Line label={translate('dj.my.dues.receipt_reference')} value={data.providerReference} />
            <Line label={translate('dj.my.dues.receipt_paid_on')} value={data.paidOn} />
            <Line label={translate('dj.my.dues.receipt_recorded_at')} value={chinaTime(data.recordedAt)} />
            <Line label={translate('dj.my.dues.receipt_number')} value={data.paymentId} />
          </CardContent>
        </Card>
      ) : null}
    </Stack>
  );
}
